"""Many leads at once on one server."""

import contextlib
import shutil

from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.browser.conftest import SIGN_OUT_TEXT, add_accounts, running_app


def test_sign_ins_sent_together_to_a_fresh_server_all_succeed(
    browser, demo_template, tmp_path
) -> None:
    # A fresh server's first runs start in Streamlit's pages-folder mode; sessions whose
    # first runs overlapped kept that mode's widget ids, so their sign-in was dropped.
    db_file = tmp_path / "ops.sqlite"
    shutil.copy(demo_template, db_file)
    passwords = add_accounts(db_file, 8)
    with running_app(db_file) as app:
        pages = {}
        for username in passwords:  # every session's first run starts at once
            page = browser.new_context(viewport={"width": 1200, "height": 900}).new_page()
            page.set_default_timeout(60_000)
            page.goto(app["url"], wait_until="commit")
            pages[username] = page
        for username, page in pages.items():
            page.locator("input[aria-label='Username']").fill(username)
            page.locator("input[aria-label='Password']").fill(passwords[username])
        for page in pages.values():
            page.get_by_role("button", name="Sign in").click()
        signed_in = []
        for username, page in pages.items():
            sign_out = page.locator("[data-testid='stSidebar'] button", has_text=SIGN_OUT_TEXT)
            with contextlib.suppress(PlaywrightTimeout):  # a lost sign-in: the empty form
                sign_out.wait_for()
                signed_in.append(username)
        for page in pages.values():
            page.context.close()
    assert signed_in == list(passwords)
