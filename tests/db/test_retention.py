"""Retention storage: tables and their constraints, settings, grouped reads, audit rows."""

import sqlite3

import pytest

from db import retention as store
from db import rewards as rewards_store


@pytest.fixture
def anna(db):
    db.execute("INSERT INTO roles (code, name, name_zh) VALUES ('member', 'Member', '成员')")
    db.execute(
        "INSERT INTO groups (name, tier, created_on) VALUES ('管理群', 'management', '2024-01-01')"
    )
    person_id = db.execute(
        "INSERT INTO people (name, joined_on, status) VALUES ('安娜', '2024-02-01', 'active')"
    ).lastrowid
    db.execute(
        """INSERT INTO memberships (person_id, group_id, role_id, start_on, end_on)
           VALUES (?, 1, 1, '2024-02-01', '2025-01-01'), (?, 1, 1, '2025-01-01', NULL)""",
        [person_id, person_id],
    )
    return person_id


def test_migration_creates_the_four_tables(db) -> None:
    tables = {t for t in db.table_names() if t.startswith(("recogn", "concern", "retention"))}
    assert tables == {"recognitions", "concerns", "retention_actions", "retention_settings"}


@pytest.mark.parametrize(
    ("sql", "params"),
    [
        (
            "INSERT INTO recognitions (person_id, kind, what, given_on, recorded_by)"
            " VALUES (?, 'recognition', '  ', '2026-01-01', 'admin')",
            1,
        ),
        (
            "INSERT INTO recognitions (person_id, kind, what, given_on, recorded_by)"
            " VALUES (?, 'medal', 'x', '2026-01-01', 'admin')",
            1,
        ),
        (
            "INSERT INTO retention_actions (person_id, action, taken_on, taken_by)"
            " VALUES (?, 'party', '2026-01-01', 'admin')",
            1,
        ),
        (
            "INSERT INTO concerns (person_id, note, flagged_on, flagged_by, resolved_on)"
            " VALUES (?, 'x', '2026-02-01', 'admin', '2026-01-01')",
            1,
        ),
        ("INSERT INTO retention_settings (key, value) VALUES ('reward_days', ?)", -1),
    ],
)
def test_constraints_refuse_bad_rows(db, anna, sql, params) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        db.execute(sql, [anna if params == 1 else params])


def test_settings_default_then_saved_values_win_and_are_audited(db) -> None:
    assert store.settings(db)["reward_days"] == 90
    with db.atomic():
        store.save_settings(db, "admin", {"reward_days": 30})
    assert store.settings(db) == {**store.DEFAULT_SETTINGS, "reward_days": 30}
    row = db.execute("SELECT username, entity, before_json, after_json FROM audit_log").fetchone()
    assert (row[0], row[1]) == ("admin", "retention_settings")
    assert '"reward_days": 90' in row[2] and '"reward_days": 30' in row[3]


def test_grouped_reads_per_person(db, anna) -> None:
    with db.atomic():
        rewards_store.insert_entry(
            db,
            "admin",
            {
                "person_id": anna,
                "group_id": 1,
                "points": 20,
                "money": 0,
                "reason": "周边",
                "given_on": "2026-03-01",
                "given_by": None,
                "recorded_on": "2026-03-01",
            },
        )
        store.insert_action(
            db,
            "admin",
            {"person_id": anna, "action": "reward_given", "note": "", "taken_on": "2026-04-01"},
        )
        concern = store.insert_concern(db, "admin", anna, "争执", "2026-05-01")
    assert store.roles_held(db) == {anna: 1}
    assert store.last_change(db) == {anna: "2025-01-01"}
    assert store.last_recognition(db) == {anna: "2026-04-01"}
    assert store.rewards_received(db, "2026-01-01", "2026-06-30") == {
        anna: {"entries": 2, "points": 20, "money": 0.0, "last_given": "2026-04-01"}
    }
    assert store.rewards_received(db, "2026-03-02", "2026-06-30")[anna]["points"] == 0
    assert store.open_concerns(db) == {anna: 1}
    assert store.last_action(db)[anna]["action"] == "reward_given"
    with db.atomic():
        store.resolve_concern(db, "admin", concern, "2026-05-02", "谈过")
    assert store.open_concerns(db) == {}
    entities = [r[0] for r in db.execute("SELECT entity FROM audit_log ORDER BY id").fetchall()]
    assert entities == ["reward_entry", "retention_action", "concern", "concern"]


def test_exits_lists_leavers_newest_first(db) -> None:
    db.execute(
        """INSERT INTO people (name, joined_on, status, left_on, exit_reason) VALUES
           ('甲', '2024-01-01', 'left', '2025-03-01', 'reward'),
           ('乙', '2024-01-01', 'left', '2026-01-01', 'workload'),
           ('丙', '2024-01-01', 'active', NULL, NULL)"""
    )
    assert [(r["name"], r["exit_reason"]) for r in store.exits(db)] == [
        ("乙", "workload"),
        ("甲", "reward"),
    ]


def test_other_areas_tables_are_optional(tmp_path) -> None:
    from db.connection import connect
    from db.schema import core

    bare = connect(tmp_path / "bare.sqlite")
    core.apply(bare)
    store.migrations.apply(bare)
    assert (store.mentees(bare), store.open_handovers(bare), store.open_handover_count(bare)) == (
        {},
        {},
        None,
    )
    assert store.last_change(bare) == {}
    bare.close()


def test_weekly_activity_reads_the_same_from_the_senders_and_from_the_days(demo_db) -> None:
    """The two ways of reading a person's weeks (chosen by how many senders are linked)."""
    mondays = ("2026-03-02", "2026-06-14")
    by_sender, by_day = (
        sorted(tuple(row) for row in demo_db.execute(store.WEEK_SUMS.format(source=s), mondays))
        for s in (store.BY_SENDER, store.BY_DAY)
    )
    assert by_sender == by_day and len(by_sender) > 20
    weeks = store.weekly_activity(demo_db, *mondays)
    assert sorted((p, w, *v) for p, ws in weeks.items() for w, v in ws.items()) == by_day


def test_weekly_activity_is_empty_while_no_sender_is_linked(demo_db) -> None:
    demo_db.execute("UPDATE members SET person_id = NULL")
    assert store.weekly_activity(demo_db, "2026-03-02", "2026-06-14") == {}
