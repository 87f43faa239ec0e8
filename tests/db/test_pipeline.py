"""Storage of the talent bench: schema constraints, stage history, audit rows, reads."""

import sqlite3

import pytest

from db import pipeline as store
from db.errors import AccessDenied, ConflictError

ON = "2026-06-15"


@pytest.fixture
def small(db):
    """One core group with an owner (Ann) and two members (Bo, Cy)."""
    db.execute(
        "INSERT INTO roles (id, code, name, name_zh, is_key) VALUES (1, 'owner', 'Owner', '群主', 1)"
    )
    db.execute(
        "INSERT INTO roles (id, code, name, name_zh, is_key) VALUES (2, 'member', 'Member', '成员', 0)"
    )
    db.execute(
        "INSERT INTO groups (id, name, tier, created_on) VALUES (10, 'Core A', 'core', '2025-01-01')"
    )
    for person_id, name in ((1, "Ann"), (2, "Bo"), (3, "Cy")):
        db.execute(
            "INSERT INTO people (id, name, joined_on, status) VALUES (?, ?, '2025-01-01', 'active')",
            [person_id, name],
        )
    db.execute(
        "INSERT INTO memberships (person_id, group_id, role_id, start_on) VALUES (1, 10, 1, '2025-01-01')"
    )
    db.execute(
        "INSERT INTO memberships (person_id, group_id, role_id, start_on) VALUES (2, 10, 2, '2025-01-01')"
    )
    return db


def _candidacy(db, person_id=2, stage="spotted", source="task", **extra):
    fields = {
        "person_id": person_id,
        "role_id": 1,
        "group_id": 10,
        "stage": stage,
        "source": source,
    }
    return store.insert_candidacy(db, "admin", {**fields, **extra}, ON)


def test_insert_keeps_history_and_audit(small):
    candidacy_id = _candidacy(small, note="  shadows the owner  ")
    row = store.candidacy(small, candidacy_id)
    assert (row["stage"], row["readiness"], row["note"], row["person_name"], row["group_name"]) == (
        "spotted",
        "later",
        "shadows the owner",
        "Bo",
        "Core A",
    )
    assert [
        (h["from_stage"], h["to_stage"], h["username"])
        for h in store.stage_history(small, candidacy_id)
    ] == [(None, "spotted", "admin")]
    audit = small.execute(
        "SELECT action, entity, group_id, person_id FROM audit_log WHERE entity = 'candidacy'"
    ).fetchall()
    assert [tuple(a) for a in audit] == [("create", "candidacy", 10, 2)]


def test_set_stage_records_who_and_when(small):
    candidacy_id = _candidacy(small)
    store.set_stage(small, "admin", candidacy_id, "observer", "2026-06-16", expected_version=1)
    history = store.stage_history(small, candidacy_id)
    assert [(h["from_stage"], h["to_stage"], h["changed_on"]) for h in history] == [
        (None, "spotted", ON),
        ("spotted", "observer", "2026-06-16"),
    ]
    assert store.candidacy(small, candidacy_id)["version"] == 2


def test_set_stage_with_stale_version_conflicts(small):
    candidacy_id = _candidacy(small)
    store.set_stage(small, "admin", candidacy_id, "observer", ON)
    with pytest.raises(ConflictError):
        store.set_stage(small, "admin", candidacy_id, "trial", ON, expected_version=1)
    assert store.candidacy(small, candidacy_id)["stage"] == "observer"


def test_one_open_candidacy_per_person_role_group(small):
    _candidacy(small)
    with pytest.raises(sqlite3.IntegrityError):
        _candidacy(small)


def test_a_closed_candidacy_does_not_block_a_new_one(small):
    first = _candidacy(small)
    store.set_stage(small, "admin", first, "dropped", ON, drop_reason="declined")
    second = _candidacy(small)
    assert second != first


def test_dropped_needs_a_reason_and_referral_a_referrer(small):
    candidacy_id = _candidacy(small)
    with pytest.raises(sqlite3.IntegrityError):
        store.set_stage(small, "admin", candidacy_id, "dropped", ON)
    with pytest.raises(sqlite3.IntegrityError):
        _candidacy(small, person_id=3, source="referral")


def test_viewer_may_not_write(small):
    with pytest.raises(AccessDenied):
        store.insert_candidacy(
            small, "viewer", {"person_id": 2, "role_id": 1, "group_id": 10, "source": "task"}, ON
        )
    assert small.execute("SELECT COUNT(*) FROM pipeline").fetchone()[0] == 0


def test_key_positions_count_holders_and_stages(small):
    _candidacy(small, person_id=2, stage="observer")
    ready = _candidacy(small, person_id=3, stage="observer")
    store.set_stage(small, "admin", ready, "trial", ON)
    store.set_stage(small, "admin", ready, "ready", ON)
    (position,) = store.key_positions(small)
    assert {
        k: position[k]
        for k in (
            "role_code",
            "group_name",
            "holders",
            "holder_names",
            "ready",
            "ready_names",
            "shadowing",
            "spotted",
        )
    } == {
        "role_code": "owner",
        "group_name": "Core A",
        "holders": 1,
        "holder_names": "Ann",
        "ready": 1,
        "ready_names": "Cy",
        "shadowing": 1,
        "spotted": 0,
    }


def test_source_counts_count_appointed(small):
    first = _candidacy(small, person_id=2, source="task")
    store.set_stage(small, "admin", first, "appointed", ON)
    _candidacy(small, person_id=3, source="task")
    assert store.source_counts(small) == [{"source": "task", "talents": 2, "appointed": 1}]


def test_role_writes_are_team_wide_and_audited(small):
    role_id = store.insert_role(
        small, "admin", "mentor", {"name": "Mentor", "name_zh": "导师", "is_key": True}
    )
    store.update_role(small, "admin", role_id, {"description": "Guides"})
    row = small.execute(
        "SELECT code, is_key, description FROM roles WHERE id = ?", [role_id]
    ).fetchone()
    assert tuple(row) == ("mentor", 1, "Guides")
    assert [
        r[0]
        for r in small.execute("SELECT action FROM audit_log WHERE entity = 'role' ORDER BY id")
    ] == [
        "create",
        "update",
    ]
    with pytest.raises(AccessDenied):
        store.update_role(small, "viewer", role_id, {"description": "x"})


def test_the_role_catalogue_lists_every_role_in_id_order(small):
    """Unlike ``org.roles`` (key roles first), the grid's catalogue keeps id order."""
    store.insert_role(small, "admin", "aide", {"name": "Aide", "name_zh": "助理", "is_key": True})
    assert [(r["code"], r["name_zh"], r["is_key"]) for r in store.role_catalogue(small)] == [
        ("owner", "群主", 1),
        ("member", "成员", 0),
        ("aide", "助理", 1),
    ]
