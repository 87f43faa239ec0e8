"""The core storage: connection settings, migrations, audit, access rules, the demo seed."""

import sqlite3
from datetime import date

import pytest

from dashboard.areas import migrate
from dashboard.i18n import error_text
from db import audit
from db.access import (
    require_admin,
    require_person_write,
    require_write,
    subtree_ids,
    writable_group_ids,
)
from db.connection import connect
from db.errors import AccessDenied
from seed import seed_database
from tests.conftest import DEMO_TODAY, add_user, group_named


def test_connection_uses_wal_foreign_keys_and_a_busy_timeout(db) -> None:
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] == 30_000


def test_a_long_held_connection_keeps_a_smaller_page_cache(db_path) -> None:
    session = connect(db_path, cache_kib=512)
    default = connect(db_path)
    try:
        assert session.execute("PRAGMA cache_size").fetchone()[0] == -512
        assert default.execute("PRAGMA cache_size").fetchone()[0] == -2000
    finally:
        session.close()
        default.close()


def test_migrations_are_recorded_and_idempotent(db) -> None:
    migrate(db)  # a second time: nothing pending, nothing fails
    names = [
        row[0]
        for row in db.execute("SELECT name FROM _sqlite_migrations WHERE migration_set = 'core'")
    ]
    assert names == ["m001_structure"]
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"groups", "people", "roles", "memberships", "audit_log", "users"} <= tables


def test_constraints_refuse_bad_rows(db) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO groups (name, tier, created_on) VALUES ('x', 'team', '2026-01-01')")
    with pytest.raises(sqlite3.IntegrityError):
        db.execute(
            "INSERT INTO groups (name, tier, created_on) VALUES ('  ', 'core', '2026-01-01')"
        )
    db.execute(
        "INSERT INTO groups (name, tier, created_on) VALUES ('拆书小组', 'management', '2026-01-01')"
    )
    with pytest.raises(sqlite3.IntegrityError):  # live names are unique, ignoring case and spaces
        db.execute(
            "INSERT INTO groups (name, tier, created_on) VALUES (' 拆书小组', 'management', '2026-01-01')"
        )
    db.execute("UPDATE groups SET archived_on = '2026-02-01'")
    db.execute(
        "INSERT INTO groups (name, tier, created_on) VALUES ('拆书小组', 'management', '2026-03-01')"
    )
    with pytest.raises(sqlite3.IntegrityError):  # foreign keys are on
        db.execute(
            "INSERT INTO groups (name, tier, parent_id, created_on) VALUES ('y', 'core', 999, '2026-01-01')"
        )


def test_audit_rows_are_written_and_filtered(db) -> None:
    audit.record(db, "admin", "update", "group", 7, {"name": "旧"}, {"name": "新"}, group_id=7)
    audit.record(
        db, "lead", "join", "membership", 3, None, {"group_id": 8}, group_id=8, person_id=5
    )
    rows = audit.history(db)
    assert [(r["username"], r["entity"], r["entity_id"]) for r in rows] == [
        ("lead", "membership", 3),
        ("admin", "group", 7),
    ]
    only_group = audit.history(db, group_id=7)
    assert len(only_group) == 1
    assert only_group[0]["before_json"] == '{"name": "旧"}'
    assert [r["entity_id"] for r in audit.history(db, person_id=5)] == [3]
    assert audit.history(db, since="2999-01-01") == []


def _tree(db) -> tuple[int, int, int, int]:
    def group(name: str, tier: str, parent: int | None) -> int:
        return db.execute(
            "INSERT INTO groups (name, tier, parent_id, created_on) VALUES (?, ?, ?, '2026-01-01')",
            [name, tier, parent],
        ).lastrowid

    top = group("管理群", "management", None)
    core_a = group("核心A", "core", top)
    core_b = group("核心B", "core", top)
    ordinary_a = group("普通A", "ordinary", core_a)
    return top, core_a, core_b, ordinary_a


def test_access_rules_by_app_role_and_scope(db) -> None:
    top, core_a, core_b, ordinary_a = _tree(db)
    add_user(db, "lead_a", "lead", core_a)
    add_user(db, "lead_all", "lead", top)
    assert subtree_ids(db, core_a) == {core_a, ordinary_a}
    assert writable_group_ids(db, "admin") is None
    assert writable_group_ids(db, "lead_all") is None
    assert writable_group_ids(db, "lead_a") == {core_a, ordinary_a}
    require_write(db, "admin", [core_b])
    require_write(db, "system", [])
    require_write(db, "lead_a", [ordinary_a])
    require_write(db, "lead_all", [])
    for actor, groups, key in [
        ("viewer", [ordinary_a], "access.read_only"),
        ("nobody", [ordinary_a], "access.read_only"),
        ("lead_a", [core_b], "access.outside_scope"),
        ("lead_a", [ordinary_a, top], "access.outside_scope"),
        ("lead_a", [], "access.team_wide"),
    ]:
        with pytest.raises(AccessDenied) as refused:
            require_write(db, actor, groups)
        assert refused.value.key == key
    require_admin(db, "admin")
    with pytest.raises(AccessDenied):
        require_admin(db, "lead_all")


def test_a_scope_refusal_names_the_row(db) -> None:
    top, core_a, core_b, ordinary_a = _tree(db)
    add_user(db, "lead_a", "lead", core_a)
    with pytest.raises(AccessDenied) as refused:
        require_write(db, "lead_a", [ordinary_a, core_b, top])
    assert refused.value.params == {"user": "lead_a", "name": "核心B、管理群"}
    assert error_text(refused.value, "en") == (
        "You may not change 核心B、管理群: it lies outside the groups your account (lead_a) leads."
    )
    assert error_text(refused.value, "zh") == (
        "你不能修改核心B、管理群：它超出了你的账号（lead_a）负责的群组范围。"
    )
    person = db.execute(
        "INSERT INTO people (name, joined_on, status) VALUES ('王芳', '2026-01-01', 'active')"
    ).lastrowid
    role = db.execute("INSERT INTO roles (code, name, name_zh) VALUES ('m', 'M', '成员')").lastrowid
    db.execute(
        "INSERT INTO memberships (person_id, group_id, role_id, start_on) VALUES (?, ?, ?, ?)",
        [person, core_b, role, "2026-01-01"],
    )
    with pytest.raises(AccessDenied) as refused:
        require_person_write(db, "lead_a", person)
    assert refused.value.params["name"] == "王芳"


def _content(path) -> list:
    db = connect(path)
    rows = [
        db.execute("SELECT name, tier, parent_id, capacity FROM groups ORDER BY id").fetchall(),
        db.execute("SELECT name, joined_on, status, source FROM people ORDER BY id").fetchall(),
        db.execute(
            "SELECT person_id, group_id, role_id, start_on, end_on FROM memberships ORDER BY id"
        ).fetchall(),
    ]
    db.close()
    return [[tuple(row) for row in table] for table in rows]


def test_demo_seed_is_deterministic_and_shaped_like_the_book(tmp_path) -> None:
    paths = [tmp_path / "a.sqlite", tmp_path / "b.sqlite"]
    for path in paths:
        seed_database(connect(path), "demo", DEMO_TODAY)
    assert _content(paths[0]) == _content(paths[1])
    db = connect(paths[0])
    tiers = dict(db.execute("SELECT tier, COUNT(*) FROM groups GROUP BY tier").fetchall())
    assert tiers == {"management": 1, "core": 4, "ordinary": 11}
    statuses = dict(db.execute("SELECT status, COUNT(*) FROM people GROUP BY status").fetchall())
    assert statuses["newcomer"] == 12
    assert 70 <= sum(statuses.values()) <= 100
    assert statuses["left"] == 7
    # every ordinary group reports to a core group, every core group to the management group
    wrong = db.execute(
        """SELECT COUNT(*) FROM groups g JOIN groups p ON p.id = g.parent_id
           WHERE (g.tier = 'ordinary' AND p.tier != 'core')
              OR (g.tier = 'core' AND p.tier != 'management')"""
    ).fetchone()[0]
    assert wrong == 0
    closed = db.execute("SELECT COUNT(*) FROM memberships WHERE end_on IS NOT NULL").fetchone()[0]
    assert closed >= 10  # history: leavers and moves
    with pytest.raises(ValueError, match="already has groups"):
        seed_database(db, "demo", date(2026, 1, 1))


def test_history_names_the_account_behind_each_change(demo_db) -> None:
    from dashboard.domain import org as rules

    membership = demo_db.execute(
        "SELECT id FROM memberships WHERE group_id = ? AND end_on IS NULL LIMIT 1",
        [group_named(demo_db, "读书笔记组")],
    ).fetchone()[0]
    rules.move_person(demo_db, "lead", membership, group_named(demo_db, "干货输出组"), DEMO_TODAY)
    newest = audit.history(demo_db, limit=1)[0]
    assert (newest["username"], newest["display_name"]) == ("lead", "Content lead")
    system = audit.history(demo_db, username="system", limit=1)
    assert system and system[0]["display_name"] is None  # the seed writes as "system"
