"""The Admin page in a real browser: a hostile backup uploaded for a restore is refused
with what differs named and the live database untouched; the audit log leaves the page
only through the app's formula-safe CSV/Excel downloads, not the table toolbar's own."""

import io
import sqlite3

from openpyxl import load_workbook
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from dashboard.domain import accounts
from tests.browser.conftest import wait_for_app


def live_state(path) -> tuple:
    with sqlite3.connect(path) as conn:
        return (
            conn.execute("SELECT username, app_role FROM users ORDER BY username").fetchall(),
            conn.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall(),
        )


def test_a_hostile_backup_is_refused_in_the_browser(app_page, server, tmp_path) -> None:
    hostile = tmp_path / "ops-backup.sqlite"
    hostile.write_bytes(accounts.backup_bytes(server["db"]))
    with sqlite3.connect(hostile) as conn:
        conn.execute(
            "CREATE TRIGGER promote AFTER INSERT ON audit_log"
            " BEGIN UPDATE users SET app_role = 'admin'; END"
        )
    before = live_state(server["db"])
    page = app_page("admin")
    page.get_by_role("tab", name="Backup & restore").click()
    page.locator("[data-testid='stFileUploader'] input[type='file']").set_input_files(hostile)
    page.get_by_role("button", name="Check and restore…").click()
    wait_for_app(page)
    refusal = page.locator("[data-testid='stAlertContentError']")
    refusal.get_by_text("This backup's schema is not what this version of the app").wait_for()
    assert "unexpected trigger promote" in refusal.inner_text()
    assert page.get_by_role("button", name="Replace").count() == 0
    assert live_state(server["db"]) == before
    assert list(server["db"].parent.glob("*before-restore*")) == []


def download_of(page, button: str):
    """The download a click on ``button`` starts; clicked again once if a run that was still
    redrawing the page replaced the button's file under the first click (seen once in CI)."""
    try:
        with page.expect_download(timeout=15_000) as download:
            page.get_by_role("button", name=button).click()
    except PlaywrightTimeoutError:
        wait_for_app(page)
        with page.expect_download(timeout=30_000) as download:
            page.get_by_role("button", name=button).click()
    return download


def test_the_audit_log_downloads_as_safe_excel_and_not_from_the_toolbar(app_page) -> None:
    page = app_page("admin")
    page.get_by_role("tab", name="Audit log").click()
    wait_for_app(page)
    panel = page.get_by_role("tabpanel", name="Audit log")
    panel.locator("[data-testid='stDataFrame']").hover()
    toolbar = panel.locator("[data-testid='stElementToolbar']").last
    toolbar.get_by_role("button", name="Search").wait_for(state="attached")
    assert panel.get_by_role("button", name="Download as CSV").count() == 0
    download = download_of(page, "Download Excel")
    assert download.value.suggested_filename == "audit-2026-06-15.xlsx"
    sheet = load_workbook(io.BytesIO(download.value.path().read_bytes())).active
    rows = list(sheet.iter_rows())
    assert len(rows) > 1
    assert all(cell.data_type != "f" for row in rows for cell in row)
