"""Signing in as each role in a real browser, the delays after wrong passwords, sign-out
across tabs, the remembered language and ``<html lang>``. Tests that fail sign-ins or
change an account run their own server (the shared one's accounts and its one client
address, 127.0.0.1, are shared by all browser tests)."""

import sqlite3

import pytest

from tests.browser.conftest import demo_copy_app, sign_in, submit_sign_in, wait_for_app

SIGN_OUT = "[data-testid='stSidebar'] button"


@pytest.fixture
def app(demo_template, tmp_path):
    """This test's own server, on a fresh copy of the demo database: ``{"url", "db"}``."""
    with demo_copy_app(demo_template, tmp_path) as app:
        yield app


def new_tab(context, url: str | None = None):
    """A new tab of ``context`` (30 s for each step, under load), showing ``url`` if given."""
    page = context.new_page()
    page.set_default_timeout(30_000)
    if url:
        page.goto(url)
        wait_for_app(page)
    return page


def test_admin_sees_the_admin_page_downloads_a_backup_and_signs_out(app_page, server) -> None:
    page = app_page("admin", user="admin")
    page.get_by_role("tab", name="Users").wait_for()
    page.get_by_role("tab", name="Audit log").click()
    page.get_by_role("button", name="Download CSV").wait_for()
    page.get_by_role("tab", name="Backup & restore").click()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download a backup").click()
    with open(download.value.path(), "rb") as backup:
        assert backup.read(16) == b"SQLite format 3\x00"
    assert download.value.suggested_filename == "ops-backup-2026-06-15.sqlite"
    page.locator("[data-testid='stSidebar'] button", has_text="Sign out").click()
    page.get_by_role("button", name="Sign in").wait_for()
    assert page.get_by_role("tab", name="Users").count() == 0


def test_viewer_is_read_only_and_has_no_admin_in_the_menu(app_page) -> None:
    page = app_page("org_structure", user="viewer")
    page.get_by_text("You can look but not change: your account is read-only.").wait_for()
    assert page.get_by_text("Signed in as Viewer").count() == 1
    nav = page.get_by_test_id("stSidebarNav")
    nav.get_by_text("Org structure").wait_for()
    assert nav.get_by_text("Admin", exact=True).count() == 0
    page = app_page("admin", user="viewer")  # a deep link does not open it either
    assert page.get_by_role("tab", name="Users").count() == 0
    assert page.locator("h1", has_text="Administration").count() == 0


def test_wrong_passwords_and_unknown_users_wait_alike(browser, app) -> None:
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = new_tab(context, app["url"])
    answers = {}
    for username in ("viewer", "nobody"):
        answers[username] = []
        for _ in range(3):
            submit_sign_in(page, username, "wrong-password")
            wait_for_app(page)
            alert = page.get_by_test_id("stAlert").inner_text()
            answers[username].append(alert.split(" in ")[0])
    assert (
        answers["viewer"]
        == answers["nobody"]
        == [
            "Wrong username or password.",
            "Wrong username or password.",
            "Too many failed sign-ins. Try again",
        ]
    )
    # a delay, not a lock: after a few seconds the right password signs in
    page.wait_for_timeout(2_500)
    submit_sign_in(page, "viewer")
    page.locator(SIGN_OUT, has_text="Sign out").wait_for()
    context.close()


def test_signing_out_in_one_tab_signs_the_other_out_at_its_next_click(browser, app) -> None:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    first = new_tab(context)
    sign_in(first, app, "lead")
    second = new_tab(context, f"{app['url']}/org_structure")  # signed in by the cookie
    second.locator(SIGN_OUT, has_text="Sign out").wait_for()
    first.locator(SIGN_OUT, has_text="Sign out").click()
    first.get_by_role("button", name="Sign in").wait_for()
    second.get_by_test_id("stSidebarNav").get_by_text("KPI board").click()
    second.get_by_role("button", name="Sign in").wait_for()
    second.get_by_text("You have been signed out").wait_for()
    assert second.locator(SIGN_OUT, has_text="Sign out").count() == 0
    with sqlite3.connect(app["db"]) as conn:
        assert conn.execute("SELECT COUNT(*) FROM sessions").fetchone() == (0,)
    context.close()


def document_language(page) -> str:
    return page.evaluate("() => document.documentElement.lang")


def test_the_chosen_language_stays_across_reloads_tabs_and_links(browser, app) -> None:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = new_tab(context)
    sign_in(page, app, "viewer")
    page.wait_for_function("() => document.documentElement.lang === 'en'")
    page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").click()
    page.get_by_role("option", name="简体中文").click()
    wait_for_app(page)
    page.locator("h1", has_text="总览").wait_for()
    page.wait_for_function("() => document.documentElement.lang === 'zh'")
    page.reload()
    wait_for_app(page)
    page.locator("h1", has_text="总览").wait_for()
    assert document_language(page) == "zh"
    tab = new_tab(context, f"{app['url']}/org_structure")  # a deep link in a new tab
    tab.locator("h1", has_text="组织架构").wait_for()
    assert document_language(tab) == "zh"
    context.close()
    # another browser (no cookies): the account's language applies at sign-in
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = new_tab(context, app["url"])
    submit_sign_in(page, "viewer")
    page.locator("h1", has_text="总览").wait_for()
    page.wait_for_function("() => document.documentElement.lang === 'zh'")
    with sqlite3.connect(app["db"]) as conn:
        assert conn.execute("SELECT language FROM users WHERE username = 'viewer'").fetchone() == (
            "zh",
        )
    context.close()
