"""Storage of manual versions and handovers: numbering, constraints, access, audit."""

import sqlite3

import pytest

from db import manuals as store
from db.errors import AccessDenied, ConflictError


@pytest.fixture
def team(db):
    """One role, one ordinary group under a core under a management group, two people."""
    db.execute(
        "INSERT INTO roles (id, code, name, name_zh, is_key) VALUES (1, 'owner', 'Owner', '群主', 1)"
    )
    for group_id, tier, parent in ((1, "management", None), (2, "core", 1), (3, "ordinary", 2)):
        db.execute(
            "INSERT INTO groups (id, name, tier, parent_id, created_on) VALUES (?, ?, ?, ?, ?)",
            [group_id, f"g{group_id}", tier, parent, "2026-01-01"],
        )
    for person_id, name in ((1, "王伟"), (2, "李娜")):
        db.execute(
            "INSERT INTO people (id, name, joined_on, status) VALUES (?, ?, '2025-01-01', 'active')",
            [person_id, name],
        )
    return db


def test_versions_are_numbered_per_role_and_audited(team) -> None:
    first = store.insert_version(team, "admin", 1, "# v1\n", "2026-03-01")
    second = store.insert_version(team, "admin", 1, "# v2\n", "2026-04-01", note="more")
    assert [(v["id"], v["version"], v["body_md"]) for v in store.versions(team, 1)] == [
        (second, 2, "# v2\n"),
        (first, 1, "# v1\n"),
    ]
    assert store.latest_version(team, 1)["note"] == "more"
    actions = team.execute("SELECT action, entity, entity_id FROM audit_log ORDER BY id").fetchall()
    assert [tuple(a) for a in actions] == [
        ("create", "manual_version", first),
        ("create", "manual_version", second),
    ]


def test_a_viewer_cannot_save_a_manual(team) -> None:
    with pytest.raises(AccessDenied) as caught:
        store.insert_version(team, "viewer", 1, "# v1\n", "2026-03-01")
    assert caught.value.key == "access.read_only"
    assert store.versions(team, 1) == []


def test_blank_manual_violates_the_schema(team) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        store.insert_version(team, "admin", 1, "   ", "2026-03-01")


def test_role_manuals_last_reviewed_is_the_later_of_save_and_review(team) -> None:
    version_id = store.insert_version(team, "admin", 1, "# v1\n", "2026-03-01")
    assert store.role_manuals(team)[0]["last_reviewed_on"] == "2026-03-01"
    store.mark_reviewed(team, "admin", version_id, "2026-05-20")
    row = store.role_manuals(team)[0]
    assert (row["version"], row["reviewed_by"], row["last_reviewed_on"]) == (
        1,
        "admin",
        "2026-05-20",
    )


def _handover(
    db, checklist=("a", "b"), *, from_person=1, started_on="2026-06-01", version_id=None
) -> int:
    """A handover of role 1 in group 3 from ``from_person`` to person 2 with the manual
    version ``version_id`` (by default a new first version of role 1's manual)."""
    if version_id is None:
        version_id = store.insert_version(db, "admin", 1, "# v1\n", "2026-03-01")
    return store.insert_handover(
        db,
        "admin",
        role_id=1,
        group_id=3,
        from_person=from_person,
        to_person=2,
        manual_version_id=version_id,
        started_on=started_on,
        checklist=list(checklist),
    )


def test_only_one_open_handover_per_role_group_and_successor(team) -> None:
    _handover(team)
    with pytest.raises(sqlite3.IntegrityError):
        _handover(team, (), started_on="2026-06-02", version_id=1)


def test_items_tick_and_a_closed_handover_cannot_change(team) -> None:
    handover_id = _handover(team)
    first, second = store.items(team, handover_id)
    assert (first["position"], first["text"], second["text"]) == (1, "a", "b")
    store.set_item_done(team, "admin", first["id"], True, "2026-06-03")
    assert store.handover(team, handover_id)["done_count"] == 1
    assert store.item(team, first["id"])["done_by"] == "admin"
    store.close_handover(team, "admin", handover_id, acknowledged=True, on="2026-06-04")
    with pytest.raises(ConflictError):
        store.set_item_done(team, "admin", second["id"], True, "2026-06-05")
    with pytest.raises(ConflictError):
        store.close_handover(team, "admin", handover_id, acknowledged=False, on="2026-06-05")
    row = store.handover(team, handover_id)
    assert (row["acknowledged_on"], row["cancelled_on"], row["done_count"]) == (
        "2026-06-04",
        None,
        1,
    )
    audit = team.execute(
        "SELECT action, group_id, person_id FROM audit_log WHERE entity != 'manual_version'"
        " ORDER BY id"
    ).fetchall()
    assert [tuple(a) for a in audit] == [("start", 3, 2), ("tick", 3, 2), ("acknowledge", 3, 2)]


def test_a_handover_to_oneself_violates_the_schema(team) -> None:
    version_id = store.insert_version(team, "admin", 1, "# v1\n", "2026-03-01")
    with pytest.raises(sqlite3.IntegrityError):
        _handover(team, (), from_person=2, version_id=version_id)


def test_open_handovers_filter_by_group(team) -> None:
    handover_id = _handover(team)
    assert [h["id"] for h in store.handovers(team, open_only=True, group_ids={3})] == [handover_id]
    assert store.handovers(team, open_only=True, group_ids={2}) == []
    store.flag_handover(team, "admin", handover_id, "holder_left")
    assert store.open_handovers_of_person(team, 1)[0]["flag"] == "holder_left"
