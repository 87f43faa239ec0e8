"""Coaching rules: suggestions, balanced auto-assignment, assignment rules, retrospectives,
graduation, leavers and alerts — on real SQLite files."""

import random
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.domain import coaching as rules
from dashboard.domain.coaching import CoachSlot, NewcomerNeed
from dashboard.domain.org import mark_left
from db import coaching as store
from db.errors import AccessDenied, ConflictError, ValidationError
from seed.coaching import seed_large
from tests.conftest import insert_bare_roles, insert_core_tree

TODAY = date(2026, 6, 15)


@pytest.fixture
def team(db):
    """A management group, a core group with two ordinary groups below it, two coaches
    (王伟 in 读书组 with room for 2, 李娜 in the core group with room for 1), an active
    member with no coach role, and three newcomers."""
    ids = insert_bare_roles(db, "owner", "coach", "member")
    ids |= insert_core_tree(db, "内容核心群", "2025-01-01")

    def person(name, status, joined, max_mentees, group_id, role):
        person_id = db.execute(
            "INSERT INTO people (name, joined_on, status, max_mentees) VALUES (?, ?, ?, ?)",
            [name, joined, status, max_mentees],
        ).lastrowid
        db.execute(
            "INSERT INTO memberships (person_id, group_id, role_id, start_on) VALUES (?, ?, ?, ?)",
            [person_id, group_id, ids[role], joined],
        )
        return person_id

    ids["wang"] = person("王伟", "active", "2024-01-01", 2, ids["reading"], "coach")
    ids["li"] = person("李娜", "active", "2024-02-01", 1, ids["core"], "member")
    ids["zhao"] = person("赵强", "active", "2024-03-01", 3, ids["video"], "member")
    ids["new1"] = person("新人甲", "newcomer", "2026-05-01", 3, ids["reading"], "member")
    ids["new2"] = person("新人乙", "newcomer", "2026-06-01", 3, ids["video"], "member")
    ids["new3"] = person("新人丙", "newcomer", "2026-06-12", 3, ids["video"], "member")
    db.execute(
        "INSERT INTO users (username, display_name, app_role, scope_group_id)"
        " VALUES ('reader_lead', 'R', 'lead', ?)",
        [ids["reading"]],
    )
    return ids


def open_rows(db) -> list[tuple]:
    return [
        tuple(row)
        for row in db.execute(
            "SELECT coach_id, newcomer_id, start_on FROM coaching WHERE end_on IS NULL ORDER BY id"
        ).fetchall()
    ]


# ---------------------------------------------------------------- who may coach, suggestions


def test_eligible_coaches_hold_the_coach_role_or_sit_in_a_core_group(db, team) -> None:
    slots = rules.coach_slots(db)
    assert [(s.name, s.capacity, s.load) for s in slots] == [("李娜", 1, 0), ("王伟", 2, 0)]


def test_suggestions_rank_same_group_first_then_core_group_with_reasons(db, team) -> None:
    store.insert_coaching(db, "admin", team["wang"], team["new2"], "2026-06-02")
    ranked = rules.suggest_coaches(db, team["new1"])
    assert [(s.name, s.score, s.free) for s in ranked] == [("王伟", 3.5, 1), ("李娜", 3.0, 1)]
    assert ranked[0].reasons == [
        ("coaching.reason.free", {"free": 1, "capacity": 2}),
        ("coaching.reason.same_group", {"group": "读书组"}),
    ]
    assert ranked[1].reasons == [
        ("coaching.reason.free", {"free": 1, "capacity": 1}),
        ("coaching.reason.core_group", {"group": "内容核心群"}),
    ]


def test_rank_counts_the_past_record_and_skips_full_coaches_and_oneself() -> None:
    newcomer = NewcomerNeed(9, "新人", frozenset({5}), frozenset({2}))
    coaches = [
        CoachSlot(1, "甲", capacity=2, load=2),  # full
        CoachSlot(2, "乙", capacity=4, load=2, graduated=2),
        CoachSlot(3, "丙", capacity=4, load=0),
        CoachSlot(9, "新人", capacity=3, load=0),  # the newcomer themself
    ]
    ranked = rules.rank_coaches(newcomer, coaches)
    assert [(s.coach_id, s.score) for s in ranked] == [(3, 1.0), (2, 1.0)]
    assert ("coaching.reason.record", {"count": 2}) in ranked[1].reasons


# ---------------------------------------------------------------- auto-assign


def test_plan_spreads_newcomers_over_the_least_loaded_coaches() -> None:
    coaches = [CoachSlot(1, "甲", 3, 1), CoachSlot(2, "乙", 2, 0), CoachSlot(3, "丙", 1, 1)]
    newcomers = [NewcomerNeed(10 + i, f"n{i}") for i in range(4)]
    plan = rules.plan_assignments(newcomers, coaches)
    assert [(p.newcomer_id, p.coach_id, p.load_after) for p in plan] == [
        (10, 2, 1),
        (11, 1, 2),
        (12, 2, 2),
        (13, 1, 3),
    ]


def test_plan_prefers_the_same_group_among_equally_loaded_coaches() -> None:
    coaches = [CoachSlot(1, "甲", 3, 0, group_ids=frozenset({7})), CoachSlot(2, "乙", 3, 0)]
    plan = rules.plan_assignments([NewcomerNeed(10, "n", frozenset({8}), frozenset())], coaches)
    assert [p.coach_id for p in plan] == [2]  # no affinity: by name (乙 sorts before 甲)
    plan = rules.plan_assignments([NewcomerNeed(10, "n", frozenset(), frozenset({7}))], coaches)
    assert [p.coach_id for p in plan] == [1]
    coaches_b = [CoachSlot(1, "甲", 3, 0), CoachSlot(2, "乙", 3, 0, group_ids=frozenset({8}))]
    plan = rules.plan_assignments([NewcomerNeed(10, "n", frozenset({8}), frozenset())], coaches_b)
    assert [p.coach_id for p in plan] == [2]


coach_lists = st.lists(st.tuples(st.integers(0, 5), st.integers(0, 6)), min_size=0, max_size=8).map(
    lambda pairs: [
        CoachSlot(i + 1, f"c{i}", capacity=cap, load=min(load, cap), group_ids=frozenset({i % 3}))
        for i, (cap, load) in enumerate(pairs)
    ]
)
newcomer_lists = st.lists(st.integers(0, 4), max_size=25).map(
    lambda groups: [
        NewcomerNeed(100 + i, f"n{i}", frozenset({g}), frozenset()) for i, g in enumerate(groups)
    ]
)


@settings(max_examples=200, deadline=None)
@given(coaches=coach_lists, newcomers=newcomer_lists)
def test_plan_respects_capacity_and_stays_balanced(coaches, newcomers) -> None:
    plan = rules.plan_assignments(newcomers, coaches)
    final = {c.id: c.load for c in coaches}
    for pair in plan:
        final[pair.coach_id] += 1
    capacity = {c.id: c.capacity for c in coaches}
    # capacity never exceeded, and each newcomer at most once
    assert all(final[i] <= capacity[i] for i in final)
    assert len({p.newcomer_id for p in plan}) == len(plan)
    # as many assigned as there is room for
    room = sum(c.capacity - c.load for c in coaches)
    assert len(plan) == min(len(newcomers), room)
    # balanced (greedy least-loaded): a coach who got a newcomer ends at most one above
    # any coach who still has room
    receivers = {p.coach_id for p in plan}
    with_room = [i for i in final if final[i] < capacity[i]]
    for receiver in receivers:
        for other in with_room:
            assert final[receiver] - 1 <= final[other]


def test_propose_and_apply_plan_on_the_database(db, team) -> None:
    plan = rules.propose_plan(db)
    assert [(p.newcomer_name, p.coach_name) for p in plan] == [
        ("新人甲", "王伟"),
        ("新人乙", "李娜"),
        ("新人丙", "王伟"),
    ]
    assert open_rows(db) == []  # proposing writes nothing
    assert rules.apply_plan(db, "admin", plan, TODAY) == 3
    assert open_rows(db) == [
        (team["wang"], team["new1"], "2026-06-15"),
        (team["li"], team["new2"], "2026-06-15"),
        (team["wang"], team["new3"], "2026-06-15"),
    ]
    assert rules.propose_plan(db) == []


def test_apply_plan_is_all_or_nothing(db, team) -> None:
    plan = rules.propose_plan(db)
    # meanwhile someone fills 李娜's only place
    db.execute("UPDATE people SET max_mentees = 0 WHERE id = ?", [team["li"]])
    with pytest.raises(ValidationError) as error:
        rules.apply_plan(db, "admin", plan, TODAY)
    assert error.value.key == "coaching.err.over_capacity"
    assert open_rows(db) == []


# ---------------------------------------------------------------- assignment rules


def test_assign_opens_a_coaching_with_an_audit_row(db, team) -> None:
    coaching_id = rules.assign_coach(db, "admin", team["new1"], team["wang"], TODAY)
    assert open_rows(db) == [(team["wang"], team["new1"], "2026-06-15")]
    audit = db.execute(
        "SELECT action, entity, entity_id, person_id FROM audit_log WHERE entity = 'coaching'"
    ).fetchall()
    assert [tuple(r) for r in audit] == [("assign", "coaching", coaching_id, team["new1"])]


@pytest.mark.parametrize(
    ("newcomer", "coach", "key"),
    [
        ("new1", "new1", "coaching.err.self"),
        ("new1", "zhao", "coaching.err.not_eligible"),
        ("new1", "new2", "coaching.err.not_eligible"),
        ("wang", "li", "coaching.err.not_newcomer"),
    ],
)
def test_assignment_rules(db, team, newcomer, coach, key) -> None:
    with pytest.raises(ValidationError) as error:
        rules.assign_coach(db, "admin", team[newcomer], team[coach], TODAY)
    assert error.value.key == key
    assert open_rows(db) == []


def test_capacity_and_one_open_coach_per_newcomer(db, team) -> None:
    rules.assign_coach(db, "admin", team["new1"], team["li"], TODAY)
    with pytest.raises(ValidationError) as error:
        rules.assign_coach(db, "admin", team["new2"], team["li"], TODAY)
    assert (error.value.key, error.value.params) == (
        "coaching.err.over_capacity",
        {"coach": "李娜", "capacity": 1},
    )
    with pytest.raises(ValidationError) as error:
        rules.assign_coach(db, "admin", team["new1"], team["wang"], TODAY)
    assert error.value.key == "coaching.err.already_coached"
    assert open_rows(db) == [(team["li"], team["new1"], "2026-06-15")]


def test_people_who_left_neither_coach_nor_are_coached(db, team) -> None:
    db.execute("UPDATE people SET status = 'left' WHERE id IN (?, ?)", [team["wang"], team["new3"]])
    with pytest.raises(ValidationError) as error:
        rules.assign_coach(db, "admin", team["new1"], team["wang"], TODAY)
    assert error.value.key == "coaching.err.coach_left"
    with pytest.raises(ValidationError) as error:
        rules.assign_coach(db, "admin", team["new3"], team["li"], TODAY)
    assert error.value.key == "coaching.err.newcomer_left"


def test_access_follows_the_newcomers_groups(db, team) -> None:
    with pytest.raises(AccessDenied):
        rules.assign_coach(db, "viewer", team["new1"], team["wang"], TODAY)
    with pytest.raises(AccessDenied):
        rules.assign_coach(db, "reader_lead", team["new2"], team["wang"], TODAY)  # 视频组
    rules.assign_coach(db, "reader_lead", team["new1"], team["wang"], TODAY)  # 读书组
    assert open_rows(db) == [(team["wang"], team["new1"], "2026-06-15")]


def test_reassign_closes_the_old_coaching_and_opens_a_new_one(db, team) -> None:
    first = rules.assign_coach(db, "admin", team["new1"], team["wang"], date(2026, 6, 1))
    with pytest.raises(ValidationError) as error:
        rules.reassign_coach(db, "admin", team["new1"], team["wang"], TODAY)
    assert error.value.key == "coaching.err.same_coach"
    rules.reassign_coach(db, "admin", team["new1"], team["li"], TODAY)
    assert tuple(
        db.execute("SELECT end_on, end_reason FROM coaching WHERE id = ?", [first]).fetchone()
    ) == (
        "2026-06-15",
        "reassigned",
    )
    assert open_rows(db) == [(team["li"], team["new1"], "2026-06-15")]


def test_end_coaching_twice_is_a_conflict(db, team) -> None:
    coaching_id = rules.assign_coach(db, "admin", team["new1"], team["wang"], TODAY)
    rules.end_coaching(db, "admin", coaching_id, TODAY)
    with pytest.raises(ConflictError) as error:
        rules.end_coaching(db, "admin", coaching_id, TODAY)
    assert error.value.key == "coaching.err.already_ended"
    assert open_rows(db) == []


# ---------------------------------------------------------------- retrospectives, graduation


def test_retrospective_needs_all_four_steps_and_no_future_date(db, team) -> None:
    args = {"author_id": team["wang"], "today": TODAY, "goal": "g", "result": "r", "causes": "c"}
    with pytest.raises(ValidationError) as error:
        rules.add_retrospective(db, "admin", team["new1"], held_on=TODAY, lessons="  ", **args)
    assert error.value.key == "coaching.err.steps_empty"
    with pytest.raises(ValidationError) as error:
        rules.add_retrospective(
            db, "admin", team["new1"], held_on=date(2026, 6, 16), lessons="l", **args
        )
    assert error.value.key == "coaching.err.future_date"
    coaching_id = rules.assign_coach(db, "admin", team["new1"], team["wang"], date(2026, 6, 1))
    rules.add_retrospective(db, "admin", team["new1"], held_on=TODAY, lessons=" l ", **args)
    rows = store.retrospectives(db, person_id=team["new1"])
    assert [
        (r["author_name"], r["coaching_id"], r["held_on"], r["lessons"], r["is_final"])
        for r in rows
    ] == [("王伟", coaching_id, "2026-06-15", "l", 0)]


def test_graduation_makes_an_active_member_and_closes_the_coaching(db, team) -> None:
    coaching_id = rules.assign_coach(db, "admin", team["new1"], team["wang"], date(2026, 6, 1))
    steps = {"goal": "独立主持", "result": "完成", "causes": "准备充分", "lessons": "继续"}
    rules.graduate(db, "admin", team["new1"], author_id=team["wang"], today=TODAY, **steps)
    assert db.execute("SELECT status FROM people WHERE id = ?", [team["new1"]]).fetchone()[0] == (
        "active"
    )
    assert tuple(
        db.execute("SELECT end_on, end_reason FROM coaching WHERE id = ?", [coaching_id]).fetchone()
    ) == ("2026-06-15", "graduated")
    final = store.retrospectives(db, person_id=team["new1"])
    assert [(r["goal"], r["is_final"], r["coaching_id"]) for r in final] == [
        ("独立主持", 1, coaching_id)
    ]
    assert store.graduated_counts(db) == {team["wang"]: 1}


def test_failed_graduation_changes_nothing(db, team) -> None:
    rules.assign_coach(db, "admin", team["new1"], team["wang"], date(2026, 6, 1))
    with pytest.raises(ValidationError):
        rules.graduate(
            db,
            "admin",
            team["new1"],
            author_id=team["wang"],
            today=TODAY,
            goal="g",
            result="r",
            causes="",
            lessons="l",
        )
    assert db.execute("SELECT status FROM people WHERE id = ?", [team["new1"]]).fetchone()[0] == (
        "newcomer"
    )
    assert open_rows(db) == [(team["wang"], team["new1"], "2026-06-01")]
    assert store.retrospectives(db) == []


# ---------------------------------------------------------------- leavers and alerts


def test_a_coach_who_leaves_ends_their_coachings(db, team) -> None:
    rules.assign_coach(db, "admin", team["new1"], team["wang"], date(2026, 6, 1))
    rules.assign_coach(db, "admin", team["new2"], team["li"], date(2026, 6, 1))
    mark_left(db, "admin", team["wang"], "workload", TODAY)
    assert open_rows(db) == [(team["li"], team["new2"], "2026-06-01")]
    assert (
        db.execute("SELECT end_reason FROM coaching WHERE coach_id = ?", [team["wang"]]).fetchone()[
            0
        ]
        == "left"
    )


def test_a_newcomer_who_leaves_frees_the_place(db, team) -> None:
    rules.assign_coach(db, "admin", team["new2"], team["li"], date(2026, 6, 1))
    mark_left(db, "admin", team["new2"], "growth", TODAY)
    assert open_rows(db) == []
    assert [s.free for s in rules.coach_slots(db) if s.id == team["li"]] == [1]


def test_alerts(db, team) -> None:
    rules.assign_coach(db, "admin", team["new2"], team["li"], date(2026, 6, 2))
    db.execute("UPDATE people SET max_mentees = 0 WHERE id = ?", [team["li"]])
    found = rules.alerts(db, TODAY, unassigned_days=7, retro_days=10)
    assert [(a.kind, a.params, a.person_id) for a in found] == [
        ("newcomer_without_coach", {"person": "新人甲", "days": 45}, team["new1"]),
        ("newcomer_without_retrospective", {"person": "新人甲", "days": 45}, team["new1"]),
        ("newcomer_without_retrospective", {"person": "新人乙", "days": 14}, team["new2"]),
        ("coach_over_capacity", {"coach": "李娜", "load": 1, "capacity": 0}, team["li"]),
    ]
    assert {a.area for a in found} == {"coaching"}
    assert [a.kind for a in rules.alerts(db, TODAY, unassigned_days=60, retro_days=60)] == [
        "coach_over_capacity"
    ]


def test_demo_seed_matches_most_newcomers(demo_db) -> None:
    rows = store.newcomers(demo_db)
    assert len(rows) == 12
    assert sum(r["coach_id"] is not None for r in rows) == 8
    assert store.coaches_over_capacity(demo_db) == []
    counts = demo_db.execute(
        "SELECT COUNT(*), SUM(end_on IS NULL), SUM(end_reason = 'graduated') FROM coaching"
    ).fetchone()
    assert tuple(counts) == (25, 8, 17)
    assert demo_db.execute("SELECT COUNT(*) FROM retrospectives").fetchone()[0] == 59


def test_large_seed_matches_three_in_four_waiting_newcomers_within_capacity(demo_db) -> None:
    seed_large(demo_db, random.Random(1), TODAY)
    assert sum(r["coach_id"] is None for r in store.newcomers(demo_db)) == 1
    assert store.coaches_over_capacity(demo_db) == []
    assert demo_db.execute("SELECT COUNT(*) FROM coaching WHERE end_on IS NULL").fetchone()[0] == 11
