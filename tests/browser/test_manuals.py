"""Handover manuals in a real browser: edit a manual, save, see the new version."""

import re

from playwright.sync_api import expect

from db import manuals as store
from db.connection import connect
from tests.browser.conftest import screenshot, wait_for_app


def _editor_versions(db_path) -> int:
    db = connect(db_path)
    try:
        role_id = db.execute("SELECT id FROM roles WHERE code = 'editor'").fetchone()[0]
        return len(store.versions(db, role_id))
    finally:
        db.close()


def test_edit_a_manual_and_see_the_new_version_in_the_history(app_page, server) -> None:
    before = _editor_versions(server["db"])
    page = app_page("handover_manuals")
    expect(page.get_by_role("heading", name="Handover manuals")).to_be_visible()

    page.get_by_test_id("stSelectbox").filter(has_text="Role").first.click()
    page.get_by_role("option", name=re.compile(r"^Content editor")).click()
    wait_for_app(page)

    page.get_by_role("tab", name="Edit").click()
    body = page.get_by_role("textbox", name="Manual (Markdown)")
    expect(body).to_have_value(re.compile(r"^# Handover manual: Content editor"))
    text = body.input_value()
    body.fill(text + "\n## Browser note\n- Reply to every writer within a day\n")
    page.get_by_role("button", name="Save as new version").click()
    wait_for_app(page)

    expected = before + 1
    expect(page.get_by_text(f"Saved version {expected}.")).to_be_visible()
    assert _editor_versions(server["db"]) == expected

    page.get_by_role("tab", name="History and diff").click()
    shown = page.get_by_role("combobox", name="Show version")
    expect(shown).to_have_value(f"v{expected} · 2026-06-15 · admin")
    expect(page.get_by_text(f"+++ v{expected}")).to_be_visible()
    expect(page.get_by_text("+- Reply to every writer within a day")).to_be_visible()
    screenshot(page, "handover_manuals_history")
