"""Coaching storage: the schema backs the rules it can, and writes are audited."""

import sqlite3

import pytest

from db import coaching as store
from db.errors import AccessDenied, ConflictError


@pytest.fixture
def pair(db):
    """A coach (id 1) and a newcomer (id 2) with no groups."""
    db.execute(
        "INSERT INTO people (id, name, joined_on, status) VALUES"
        " (1, '王伟', '2024-01-01', 'active'), (2, '新人甲', '2026-06-01', 'newcomer'),"
        " (3, '李娜', '2024-01-01', 'active')"
    )
    return db


def test_migration_is_recorded(db) -> None:
    names = [
        row[0]
        for row in db.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = 'coaching'"
        ).fetchall()
    ]
    assert names == ["m001_coaching", "m002_onboarding_plans"]
    assert {"coaching", "retrospectives"} <= set(db.table_names())


def test_schema_refuses_self_coaching_and_a_second_open_coach(pair) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        pair.execute(
            "INSERT INTO coaching (coach_id, newcomer_id, start_on) VALUES (1, 1, '2026-06-01')"
        )
    pair.execute(
        "INSERT INTO coaching (coach_id, newcomer_id, start_on) VALUES (1, 2, '2026-06-01')"
    )
    with pytest.raises(sqlite3.IntegrityError):
        pair.execute(
            "INSERT INTO coaching (coach_id, newcomer_id, start_on) VALUES (3, 2, '2026-06-02')"
        )
    # a closed coaching does not count
    pair.execute("UPDATE coaching SET end_on = '2026-06-03', end_reason = 'ended'")
    pair.execute(
        "INSERT INTO coaching (coach_id, newcomer_id, start_on) VALUES (3, 2, '2026-06-04')"
    )
    assert store.loads(pair) == {3: 1}


def test_schema_refuses_a_blank_step_and_an_end_without_reason(pair) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        pair.execute(
            "INSERT INTO retrospectives (person_id, held_on, goal, result, causes, lessons)"
            " VALUES (2, '2026-06-05', 'g', 'r', ' ', 'l')"
        )
    pair.execute(
        "INSERT INTO coaching (coach_id, newcomer_id, start_on) VALUES (1, 2, '2026-06-01')"
    )
    with pytest.raises(sqlite3.IntegrityError):
        pair.execute("UPDATE coaching SET end_on = '2026-06-03'")


def test_writes_are_audited_and_checked(pair) -> None:
    coaching_id = store.insert_coaching(pair, "admin", 1, 2, "2026-06-01")
    with pytest.raises(AccessDenied):
        store.close_coaching(pair, "viewer", coaching_id, "2026-06-02", "ended")
    store.close_coaching(pair, "admin", coaching_id, "2026-05-01", "ended")
    with pytest.raises(ConflictError):
        store.close_coaching(pair, "admin", coaching_id, "2026-06-02", "ended")
    # an end date before the start is clamped to the start
    assert tuple(pair.execute("SELECT end_on, end_reason FROM coaching").fetchone()) == (
        "2026-06-01",
        "ended",
    )
    rows = pair.execute(
        "SELECT username, action, entity, entity_id, person_id FROM audit_log ORDER BY id"
    ).fetchall()
    assert [tuple(r) for r in rows] == [
        ("admin", "assign", "coaching", coaching_id, 2),
        ("admin", "end", "coaching", coaching_id, 2),
    ]


def test_newcomers_list_their_coach_and_last_retrospective(pair) -> None:
    store.insert_coaching(pair, "admin", 1, 2, "2026-06-01")
    for day in ("2026-06-05", "2026-06-10"):
        store.insert_retrospective(
            pair,
            "admin",
            {
                "person_id": 2,
                "author_id": 1,
                "held_on": day,
                "goal": "g",
                "result": "r",
                "causes": "c",
                "lessons": "l",
            },
        )
    (row,) = store.newcomers(pair)
    assert (row["name"], row["coach_name"], row["last_retro_on"], row["retro_count"]) == (
        "新人甲",
        "王伟",
        "2026-06-10",
        2,
    )
