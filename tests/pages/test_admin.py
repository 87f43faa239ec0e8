"""The admin page in AppTest on a copy of the demo database: who may see it, and what its
users, audit and backup/restore actions leave in the database."""

import sqlite3
from pathlib import Path

import pytest

from dashboard.domain import accounts
from db.connection import connect
from tests.conftest import DEMO_TODAY, group_named, new_group

PAGE = "admin"


def admin_tab(make_app, label: str):
    """The admin page with the tab ``label`` open (only the open tab runs)."""
    return make_app(PAGE, state={"admin_tab": label})


def query(path: Path, sql: str, params: list | tuple = ()) -> list[tuple]:
    with sqlite3.connect(path) as conn:
        return conn.execute(sql, params).fetchall()


@pytest.mark.parametrize("user", ["lead", "viewer"])
def test_only_admins_reach_the_page(make_app, user: str) -> None:
    at = make_app(PAGE, user=user)  # a link to the admin page: not in their menu
    assert not at.exception
    assert at.title[0].value == "Overview"
    assert "Administration" not in [title.value for title in at.title]
    assert not at.tabs


def test_admins_see_users_audit_and_backup(make_app) -> None:
    at = make_app(PAGE)
    assert [tab.label for tab in at.tabs] == ["Users", "Audit log", "Backup & restore", "Channels"]
    users = at.dataframe[0].value
    assert list(users["Username"]) == ["admin", "lead", "viewer"]
    assert list(users["Role"]) == ["Admin", "Lead", "Viewer"]
    assert list(users["Scope"]) == ["", "内容核心群", ""]
    assert list(users["Status"]) == ["Active", "Active", "Active"]


def test_chinese_admin_page(make_app) -> None:
    at = make_app(PAGE, lang="zh")
    assert at.title[0].value == "系统管理"
    assert [tab.label for tab in at.tabs] == ["用户", "审计日志", "备份与恢复", "通知渠道"]
    assert list(at.dataframe[0].value["角色"]) == ["管理员", "负责人", "只读访客"]


def test_add_a_lead_with_a_scope(make_app, demo_db_path) -> None:
    at = make_app(PAGE)
    at.text_input(key="admin_add_username").input("mei")
    at.text_input(key="admin_add_display").input("Mei 梅")
    at.selectbox(key="admin_add_role").set_value("lead")
    at.selectbox(key="admin_add_scope").set_value(group_named(demo_db_path, "活动核心群"))
    at.text_input(key="admin_add_password").input("first-pass-1")
    at.button(key="FormSubmitter:admin_add_form-Add user").click().run()
    assert not at.exception
    assert [s.value for s in at.success] == ["Added mei."]
    assert query(
        demo_db_path,
        "SELECT username, display_name, app_role, scope_group_id, must_change_password"
        " FROM users WHERE username = 'mei'",
    ) == [("mei", "Mei 梅", "lead", group_named(demo_db_path, "活动核心群"), 1)]
    assert "mei" in list(at.dataframe[0].value["Username"])
    assert query(
        demo_db_path,
        "SELECT username, action FROM audit_log WHERE entity = 'user' ORDER BY id DESC LIMIT 1",
    ) == [("admin", "create")]


def test_a_refused_user_keeps_what_was_typed(make_app, demo_db_path) -> None:
    at = make_app(PAGE)
    at.text_input(key="admin_add_username").input("mei")
    at.text_input(key="admin_add_password").input("short")
    at.button(key="FormSubmitter:admin_add_form-Add user").click().run()
    assert [e.value for e in at.error] == ["A password needs at least 8 characters."]
    assert at.text_input(key="admin_add_username").value == "mei"
    assert query(demo_db_path, "SELECT COUNT(*) FROM users WHERE username = 'mei'") == [(0,)]


def test_change_a_role_and_refuse_demoting_the_last_admin(make_app, demo_db_path) -> None:
    at = make_app(PAGE)
    at.selectbox(key="admin_edit_user").set_value("lead").run()
    at.selectbox(key="admin_edit_role_lead").set_value("viewer")
    at.button(key="FormSubmitter:admin_edit_form_lead-Save role and scope").click().run()
    assert not at.error
    assert query(
        demo_db_path, "SELECT app_role, scope_group_id FROM users WHERE username = 'lead'"
    ) == [("viewer", None)]
    at.selectbox(key="admin_edit_user").set_value("admin").run()
    at.selectbox(key="admin_edit_role_admin").set_value("viewer")
    at.button(key="FormSubmitter:admin_edit_form_admin-Save role and scope").click().run()
    assert [e.value for e in at.error] == [
        "This is the last admin: make someone else an admin first."
    ]
    assert query(demo_db_path, "SELECT app_role FROM users WHERE username = 'admin'") == [
        ("admin",)
    ]


def test_clear_the_sign_in_delays_and_reset_a_password(make_app, demo_db_path) -> None:
    with sqlite3.connect(demo_db_path) as conn:
        conn.execute(
            """INSERT INTO sign_in_throttles VALUES
               ('pair', 'viewer', '203.0.113.9', 30, '2026-06-15T09:00:00+00:00',
                '2999-01-01T00:00:00+00:00'),
               ('account', 'viewer', '', 30, '2026-06-15T09:00:00+00:00', NULL),
               ('client', '', '203.0.113.9', 30, '2026-06-15T09:00:00+00:00', NULL)"""
        )
    at = make_app(PAGE)
    assert list(at.dataframe[0].value["Status"]) == ["Active", "Active", "Sign-in delayed"]
    at.selectbox(key="admin_edit_user").set_value("viewer").run()
    assert [w.value for w in at.warning] == [
        "viewer has 30 recent failed sign-in(s); sign-in may be delayed."
    ]
    at.button(key="admin_unlock").click().run()
    assert [s.value for s in at.success] == ["Cleared the sign-in delays of viewer."]
    assert query(demo_db_path, "SELECT kind, client FROM sign_in_throttles") == [
        ("client", "203.0.113.9")
    ]
    at.text_input(key="admin_reset_password_viewer").input("temporary-9")
    at.button(key="FormSubmitter:admin_reset_form_viewer-Reset password").click().run()
    assert [s.value for s in at.success] == [
        "Password of viewer reset; they choose a new one at next sign-in."
    ]
    db = connect(demo_db_path)
    assert accounts.authenticate(db, "viewer", "temporary-9")["must_change_password"] == 1
    db.close()


def test_the_audit_log_filters_by_user_entity_and_group(make_app, demo_db_path) -> None:
    db = connect(demo_db_path)
    new_group(db, "Lead's new group", under="内容核心群", actor="lead")
    new_group(db, "Admin's group", under="运营管理群", tier="core")
    db.close()
    at = admin_tab(make_app, "Audit log")
    at.selectbox(key="admin_audit_user").set_value("lead").run()
    log = at.dataframe[0].value
    assert list(log["User"]) == ["lead"]
    assert list(log["Entity"]) == ["group"]
    assert "Lead's new group" in log["After"].iloc[0]
    at.selectbox(key="admin_audit_user").set_value(None)
    at.selectbox(key="admin_audit_entity").set_value("user").run()
    assert list(at.dataframe[0].value["User"]) == ["system", "system", "system"]
    at.selectbox(key="admin_audit_entity").set_value(None)
    # 内容核心群: the lead's user row
    at.selectbox(key="admin_audit_group").set_value(group_named(demo_db_path, "内容核心群")).run()
    assert list(at.dataframe[0].value["Action"]) == ["create"]
    assert at.get("download_button")[0].proto.label == "Download CSV"
    assert len(at.get("vega_lite_chart")) == 1


def test_an_empty_filter_result_says_what_to_do(make_app) -> None:
    at = admin_tab(make_app, "Audit log")
    at.date_input(key="admin_audit_since").set_value(DEMO_TODAY.replace(year=2030)).run()
    assert [i.value for i in at.info] == [
        "No change matches these filters: widen the dates or clear a filter."
    ]


def test_backup_offers_a_download_made_at_the_click(make_app) -> None:
    at = admin_tab(make_app, "Backup & restore")
    backup = at.get("download_button")[-1]
    assert backup.proto.label == "Download a backup"
    assert backup.proto.deferred_file_id  # the copy is taken when clicked, not on every run


def test_restore_checks_confirms_and_keeps_the_old_database(make_app, demo_db_path) -> None:
    backup = accounts.backup_bytes(demo_db_path)
    db = connect(demo_db_path)
    new_group(db, "Made later", under="运营管理群", tier="core")
    db.close()
    at = admin_tab(make_app, "Backup & restore")
    at.file_uploader(key="admin_restore_file").set_value(
        ("ops-backup.sqlite", backup, "application/octet-stream")
    ).run()
    at.button(key="admin_restore_check").click().run()
    assert not at.error
    at.button(key="admin_restore_confirm").click().run()
    assert not at.exception
    assert at.success[0].value.startswith(
        "Restored ops-backup.sqlite. The previous database was kept as demo.before-restore-"
    )
    assert query(demo_db_path, "SELECT COUNT(*) FROM groups WHERE name = 'Made later'") == [(0,)]
    kept = list(demo_db_path.parent.glob("demo.before-restore-*.sqlite"))
    assert len(kept) == 1
    assert query(kept[0], "SELECT COUNT(*) FROM groups WHERE name = 'Made later'") == [(1,)]


def test_restore_refuses_a_file_that_is_not_a_backup(make_app, demo_db_path) -> None:
    at = admin_tab(make_app, "Backup & restore")
    at.file_uploader(key="admin_restore_file").set_value(
        ("notes.sqlite", b"just some text, not a database", "application/octet-stream")
    ).run()
    at.button(key="admin_restore_check").click().run()
    assert [e.value for e in at.error] == [
        "This is not an SQLite database file. Nothing was changed."
    ]
    assert "admin_restore_confirm" not in [b.key for b in at.button]
    assert list(demo_db_path.parent.glob("*before-restore*")) == []


def test_restore_names_what_a_hostile_backup_changes(make_app, demo_db_path, tmp_path) -> None:
    hostile = tmp_path / "hostile.sqlite"
    hostile.write_bytes(accounts.backup_bytes(demo_db_path))
    with sqlite3.connect(hostile) as conn:
        conn.execute(
            "CREATE TRIGGER promote AFTER INSERT ON audit_log"
            " BEGIN UPDATE users SET app_role = 'admin'; END"
        )
        conn.execute("DROP TABLE kpis")
        conn.execute("CREATE VIEW kpis AS SELECT * FROM roles")
    users = query(demo_db_path, "SELECT username, app_role FROM users ORDER BY username")
    at = admin_tab(make_app, "Backup & restore")
    at.file_uploader(key="admin_restore_file").set_value(
        ("ops-backup.sqlite", hostile.read_bytes(), "application/octet-stream")
    ).run()
    at.button(key="admin_restore_check").click().run()
    assert not at.exception
    [refusal] = [e.value for e in at.error]
    assert refusal.startswith("This backup's schema is not what this version of the app")
    assert "- unexpected trigger `promote`" in refusal.splitlines()
    assert "- `kpis` is a view, expected a table" in refusal.splitlines()
    assert "admin_restore_confirm" not in [b.key for b in at.button]
    assert query(demo_db_path, "SELECT username, app_role FROM users ORDER BY username") == users
    assert list(demo_db_path.parent.glob("*before-restore*")) == []


def audit_count_caption(at) -> str:
    return next(c.value for c in at.caption if "newest first" in c.value)


def test_the_audit_log_shows_a_page_at_a_time(make_app, demo_db_path) -> None:
    db = connect(demo_db_path)
    for number in range(1, 131):
        new_group(db, f"Group {number:03}", under="运营管理群", tier="core")
    total = db.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0]
    by_admin = db.execute("SELECT COUNT(*) FROM audit_log WHERE username = 'admin'").fetchone()[0]
    db.close()
    at = admin_tab(make_app, "Audit log")
    assert audit_count_caption(at) == f"{total} change(s), newest first."
    pager = at.number_input(key="admin_audit_page")
    assert (pager.value, pager.max) == (1, -(-total // 100))
    first = at.dataframe[0].value
    assert len(first) == 100
    assert "Group 130" in first["After"].iloc[0]
    assert "Group 031" in first["After"].iloc[99]
    pager.set_value(2).run()
    assert "Group 030" in at.dataframe[0].value["After"].iloc[0]
    # a narrower filter leaves fewer pages: the page shown is the last one there is
    at.number_input(key="admin_audit_page").set_value(pager.max).run()
    at.selectbox(key="admin_audit_user").set_value("admin").run()
    assert not at.exception
    assert at.number_input(key="admin_audit_page").value == -(-by_admin // 100)
    assert len(at.dataframe[0].value) == by_admin - 100 * (-(-by_admin // 100) - 1)


def test_a_short_audit_log_needs_no_pages(make_app) -> None:
    at = admin_tab(make_app, "Audit log")
    at.selectbox(key="admin_audit_entity").set_value("user").run()
    assert audit_count_caption(at) == "3 change(s), newest first."
    assert not at.number_input
