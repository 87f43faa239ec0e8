"""Signing in as each role in a real browser, the lockout message, and sign-out. The
lockout uses a throwaway account created here (admin/lead/viewer are shared by all)."""

import sqlite3

from dashboard.domain.accounts import hash_password
from tests.browser.conftest import submit_sign_in, wait_for_app


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


def test_viewer_is_read_only_and_kept_out_of_admin(app_page) -> None:
    page = app_page("admin", user="viewer")
    page.get_by_text("This page is for admins only").wait_for()
    assert page.get_by_role("tab", name="Users").count() == 0
    page = app_page("org_structure", user="viewer")
    page.get_by_text("You can look but not change: your account is read-only.").wait_for()
    assert page.get_by_text("Signed in as Viewer").count() == 1


def test_five_wrong_passwords_lock_an_account(browser, server) -> None:
    with sqlite3.connect(server["db"]) as conn:
        conn.execute(
            """INSERT OR REPLACE INTO users (username, display_name, app_role, password_hash)
               VALUES ('lockme', 'Throwaway', 'viewer', ?)""",
            [hash_password("right-password")],
        )
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto(server["url"])
    for _ in range(5):
        submit_sign_in(page, "lockme", "wrong-password")
        wait_for_app(page)
    page.get_by_text("This account is locked after 5 wrong passwords").wait_for()
    page.locator("input[aria-label='Password']").fill("right-password")
    page.get_by_role("button", name="Sign in").click()
    wait_for_app(page)
    assert page.get_by_text("This account is locked after 5 wrong passwords").count() == 1
    assert page.locator("[data-testid='stSidebar'] button", has_text="Sign out").count() == 0
    with sqlite3.connect(server["db"]) as conn:
        assert conn.execute(
            "SELECT locked_until IS NOT NULL FROM users WHERE username = 'lockme'"
        ).fetchone() == (1,)
    context.close()
