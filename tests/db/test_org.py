"""Storage of the structure (db.org) and its audit trail, on real database files."""

import json
import sqlite3

import pytest

from db import audit
from db import org as store
from db.connection import connect
from db.errors import AccessDenied, ConflictError
from db.schema import core
from seed.community import insert_roles
from tests.conftest import add_user


@pytest.fixture
def groups(db):
    """M → C → O (capacity 5), with Ann the owner of O."""
    roles = insert_roles(db)
    m = store.insert_group(db, "admin", {"name": "M", "tier": "management"}, "2026-01-01")
    c = store.insert_group(db, "admin", {"name": "C", "tier": "core", "parent_id": m}, "2026-01-01")
    o = store.insert_group(
        db, "admin", {"name": "O", "tier": "ordinary", "parent_id": c, "capacity": 5}, "2026-01-02"
    )
    ann = store.insert_person(
        db, "admin", {"name": "Ann", "joined_on": "2026-01-03", "status": "active"}, group_id=o
    )
    membership = store.open_membership(db, "admin", ann, o, roles["owner"], "2026-01-03")
    return {"m": m, "c": c, "o": o, "ann": ann, "membership": membership, "roles": roles}


def test_groups_carry_parent_head_count_and_lead(db, groups):
    rows = [
        (g["name"], g["tier"], g["parent_name"], g["head_count"], g["lead_name"])
        for g in store.groups(db)
    ]
    assert rows == [
        ("M", "management", None, 0, None),
        ("C", "core", "M", 0, None),
        ("O", "ordinary", "C", 1, "Ann"),
    ]


def test_update_group_bumps_the_version_and_audits_from_and_to(db, groups):
    store.update_group(db, "admin", groups["o"], {"name": "O2", "capacity": 7}, 1)
    group = store.group(db, groups["o"])
    assert (group["name"], group["capacity"], group["version"]) == ("O2", 7, 2)
    (row,) = audit.history(db, entities=("group",), group_id=groups["o"], limit=1)
    assert (row["action"], json.loads(row["before_json"]), json.loads(row["after_json"])) == (
        "update",
        {"name": "O", "capacity": 5},
        {"name": "O2", "capacity": 7},
    )


def test_update_group_with_a_stale_version_changes_nothing(db, groups):
    store.update_group(db, "admin", groups["o"], {"purpose": "first"}, 1)
    with pytest.raises(ConflictError) as error:
        store.update_group(db, "admin", groups["o"], {"purpose": "second"}, 1)
    assert (error.value.key, error.value.params) == ("org.err.conflict_group", {"group": "O"})
    assert store.group(db, groups["o"])["purpose"] == "first"


def test_a_viewer_cannot_write_and_nothing_is_audited(db, groups):
    before = db.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0]
    with pytest.raises(AccessDenied):
        store.update_group(db, "viewer", groups["o"], {"purpose": "x"}, 1)
    assert db.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0] == before


def test_ending_a_membership_twice_is_a_conflict(db, groups):
    store.end_membership(db, "admin", groups["membership"], "2026-02-01")
    with pytest.raises(ConflictError):
        store.end_membership(db, "admin", groups["membership"], "2026-02-02")
    assert store.membership(db, groups["membership"])["end_on"] == "2026-02-01"
    assert store.head_count(db, groups["o"]) == 0


def test_membership_audit_rows_name_the_group_and_person(db, groups):
    store.end_membership(db, "admin", groups["membership"], "2026-02-01")
    rows = audit.history(db, person_id=groups["ann"])
    assert [(r["action"], r["entity"], r["group_id"]) for r in rows] == [
        ("leave", "membership", groups["o"]),
        ("join", "membership", groups["o"]),
        ("create", "person", groups["o"]),
    ]
    assert json.loads(rows[0]["before_json"]) == {
        "end_on": None,
        "group_id": groups["o"],
        "role_id": groups["roles"]["owner"],
    }


def test_live_names_are_unique_ignoring_case_and_spaces(db, groups):
    with pytest.raises(sqlite3.IntegrityError):
        db.execute(
            "INSERT INTO groups (name, tier, parent_id, created_on) VALUES (' o ', 'ordinary', ?, '2026-01-01')",
            [groups["c"]],
        )
    assert store.live_group_named(db, " o ")["id"] == groups["o"]


def test_the_schema_refuses_empty_names_and_zero_capacity(db, groups):
    for sql in (
        "INSERT INTO groups (name, tier, created_on) VALUES ('  ', 'core', '2026-01-01')",
        "INSERT INTO groups (name, tier, capacity, created_on) VALUES ('Z', 'core', 0, '2026-01-01')",
        "INSERT INTO groups (name, tier, created_on) VALUES ('Z', 'team', '2026-01-01')",
    ):
        with pytest.raises(sqlite3.IntegrityError):
            db.execute(sql)


def test_archived_groups_are_hidden_unless_asked(db, groups):
    store.archive_group(db, "admin", groups["c"], "2026-03-01")
    assert [g["name"] for g in store.groups(db)] == ["M", "O"]
    assert [g["name"] for g in store.groups(db, include_archived=True)] == ["M", "C", "O"]


def test_history_filters_by_date_range(db, groups):
    db.execute("UPDATE audit_log SET at = '2026-01-05T10:00:00+00:00'")
    store.update_group(db, "admin", groups["o"], {"purpose": "new"}, 1)
    assert len(audit.history(db, until="2026-01-05")) == 5
    assert [r["action"] for r in audit.history(db, since="2026-01-06")] == ["update"]


def test_the_org_migration_finds_past_splits_in_the_history(tmp_path):
    """Before the split origin was stored, a split showed in the history as a new group
    whose first memberships were moved in from one group on its first day; a group that
    got someone later by an ordinary move was not split from anywhere."""
    db = connect(tmp_path / "old.sqlite")
    core.apply(db)
    add_user(db, "admin", "admin")
    roles = insert_roles(db)
    m = store.insert_group(db, "admin", {"name": "M", "tier": "management"}, "2026-01-01")
    c = store.insert_group(db, "admin", {"name": "C", "tier": "core", "parent_id": m}, "2026-01-01")
    old = store.insert_group(
        db, "admin", {"name": "Old", "tier": "ordinary", "parent_id": c}, "2026-01-02"
    )
    ann = store.insert_person(
        db, "admin", {"name": "Ann", "joined_on": "2026-01-02", "status": "active"}, group_id=old
    )
    first = store.open_membership(db, "admin", ann, old, roles["member"], "2026-01-02")
    today = db.execute("SELECT date('now')").fetchone()[0]
    split_off = store.insert_group(
        db, "admin", {"name": "Split", "tier": "ordinary", "parent_id": c}, today
    )

    def move_ann(from_group: int, from_membership: int, to_group: int) -> int:
        before = {"group_id": from_group, "membership_id": from_membership}
        return store.open_membership(
            db, "admin", ann, to_group, roles["member"], today, action="move_in", before=before
        )

    moved = move_ann(old, first, split_off)
    later = store.insert_group(
        db, "admin", {"name": "Later", "tier": "ordinary", "parent_id": c}, "2026-01-05"
    )
    move_ann(split_off, moved, later)
    store.migrations.apply(db)
    found = dict(db.execute("SELECT name, split_from_id FROM groups").fetchall())
    assert found == {"M": None, "C": None, "Old": None, "Split": old, "Later": None}
