"""Hostile input through the real app: script tags stay inert wherever text is shown,
SQL-looking text is stored literally, exports are safe against formula injection, and
oversized uploads are refused with a clear message."""

import csv
import io
import sqlite3
from pathlib import Path

import pytest

from dashboard.admin_views import audit_frame
from dashboard.domain import accounts
from dashboard.export import safe_csv
from dashboard.i18n import LANGUAGES
from dashboard.navigation import shell_script
from db import audit
from db.connection import connect
from tests.conftest import DEMO_TODAY, new_group, new_person
from tests.pages import PAGE_NAMES

SCRIPT = "<script>alert('pwned')</script>"
IMG = '<img src=x onerror="alert(1)">'


def plant_hostile_text(path: Path) -> None:
    db = connect(path)
    new_group(db, f"Evil {SCRIPT}", under="内容核心群", purpose=IMG)
    new_person(db, f"Mallory {SCRIPT}", into=f"Evil {SCRIPT}", handle=IMG)
    db.close()


def html_bearing(at) -> list[str]:
    """The text of every element that may render raw HTML."""
    texts = [m.value for m in at.markdown if getattr(m.proto, "allow_html", False)]
    texts += [m.value for m in at.caption if getattr(m.proto, "allow_html", False)]
    own = {shell_script(language) for language in LANGUAGES}  # sets <html lang>
    texts += [h.proto.body for h in at.get("html") if h.proto.body not in own]
    return texts


@pytest.mark.parametrize("page", PAGE_NAMES)
def test_script_tags_stay_inert_on_every_page(make_app, demo_db_path, page: str) -> None:
    plant_hostile_text(demo_db_path)
    at = make_app(page)
    assert not at.exception, [e.value for e in at.exception]
    for text in html_bearing(at):
        assert "<script" not in text.lower(), page
        assert "onerror" not in text.lower(), page


def test_hostile_text_is_shown_as_text(make_app, demo_db_path) -> None:
    """The inertness check above is not vacuous: the text does reach the pages."""
    plant_hostile_text(demo_db_path)
    at = make_app("admin", state={"admin_tab": "Audit log"})
    log = at.dataframe[0].value
    assert any(SCRIPT in str(value) for value in log["After"])
    people = make_app("org_structure", state={"org_tab": "People"})
    shown = [str(v) for frame in people.dataframe for v in frame.value.to_numpy().ravel()]
    assert any(f"Mallory {SCRIPT}" == value for value in shown)


def test_sql_looking_input_is_stored_literally(make_app, demo_db_path) -> None:
    sneaky = "Robert'); DROP TABLE users;--"
    at = make_app("admin")
    at.text_input(key="admin_add_username").input("bobby")
    at.text_input(key="admin_add_display").input(sneaky)
    at.text_input(key="admin_add_password").input("tables-1234")
    at.button(key="FormSubmitter:admin_add_form-Add user").click().run()
    assert not at.error
    with sqlite3.connect(demo_db_path) as conn:
        assert (
            conn.execute("SELECT display_name FROM users WHERE username = 'bobby'").fetchone()[0]
            == sneaky
        )
        assert conn.execute("SELECT COUNT(*) FROM users").fetchone()[0] == 4
    db = connect(demo_db_path)
    group_id = new_group(db, "x'; DELETE FROM groups; --", under="运营管理群", tier="core")
    assert db.execute("SELECT name FROM groups WHERE id = ?", [group_id]).fetchone()[0] == (
        "x'; DELETE FROM groups; --"
    )
    assert db.execute("SELECT COUNT(*) FROM groups").fetchone()[0] == 17
    db.close()


def test_audit_csv_is_safe_against_formula_injection(demo_db_path) -> None:
    db = connect(demo_db_path)
    group_id = new_group(db, '=HYPERLINK("http://ev.il","x")', under="运营管理群", tier="core")
    accounts.add_user(
        db,
        "admin",
        username="@sum(a1)",
        display_name="+cmd",
        app_role="viewer",
        password="long-enough",
        today=DEMO_TODAY,
    )
    rows = audit.history(db, limit=2)
    db.close()
    for row in rows:
        row["group"] = '=HYPERLINK("http://ev.il","x")' if row["group_id"] else ""
        row["person"] = "-2+3"
    text = safe_csv(audit_frame(rows)).decode("utf-8-sig")
    cells = [cell for line in csv.reader(io.StringIO(text)) for cell in line]
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@")]
    assert '\'=HYPERLINK("http://ev.il","x")' in cells
    assert "'-2+3" in cells
    assert group_id > 16


def test_an_oversized_upload_is_refused_with_a_clear_message(
    make_app, demo_db_path, monkeypatch
) -> None:
    monkeypatch.setenv("OPS_MAX_RESTORE_MB", "1")
    data = accounts.backup_bytes(demo_db_path)
    at = make_app("admin", state={"admin_tab": "Backup & restore"})
    at.file_uploader(key="admin_restore_file").set_value(
        ("big.sqlite", data, "application/octet-stream")
    ).run()
    at.button(key="admin_restore_check").click().run()
    size = f"{len(data) / 1024 / 1024:.1f}"
    assert [e.value for e in at.error] == [
        f"The file is {size} MB; backups up to 1 MB can be restored. Nothing was changed."
    ]
    assert "admin_restore_confirm" not in [b.key for b in at.button]
