"""Onboarding plans: templates per role (versioned), plans started when a newcomer joins,
due dates, ticking steps off, overdue alerts and graduation by the plan — on real SQLite files."""

from datetime import date

import pytest

from dashboard.domain import coaching as rules
from dashboard.domain import org as org_rules
from db import coaching as store
from db.errors import AccessDenied, ValidationError
from tests.conftest import new_person
from tests.domain.test_coaching import team  # noqa: F401 - the shared fixture

TODAY = date(2026, 6, 15)
STEPS = [
    {"text": "Introduce yourself", "day_offset": 0, "owner": "newcomer", "manual_section": ""},
    {"text": "Thirty-day talk", "day_offset": 30, "owner": "lead", "manual_section": "日常工作"},
    {"text": "First task with the coach", "day_offset": 3, "owner": "coach"},
]
GRAD = {"goal": "独立主持", "result": "完成", "causes": "准备充分", "lessons": "继续"}


def audit_rows(db, entity: str) -> list[tuple]:
    rows = db.execute(
        "SELECT username, action, entity_id FROM audit_log WHERE entity = ? ORDER BY id", [entity]
    )
    return [tuple(row) for row in rows]


def test_due_dates_count_calendar_days_across_months() -> None:
    steps = rules.dated_steps(date(2026, 1, 31), rules.clean_template_steps(STEPS))
    assert [(s["position"], s["text"], s["due_on"]) for s in steps] == [
        (1, "Introduce yourself", "2026-01-31"),
        (2, "First task with the coach", "2026-02-03"),
        (3, "Thirty-day talk", "2026-03-02"),  # 2026 is no leap year: Jan 31 + 30 = Mar 2
    ]


def test_template_rows_are_checked_row_by_row_and_nothing_is_saved(db, team) -> None:  # noqa: F811
    bad = [
        {"text": "", "day_offset": 1, "owner": "coach"},
        {"text": "ok", "day_offset": -2, "owner": "coach"},
        {"text": "ok", "day_offset": 2.5, "owner": "boss"},
        {"text": None, "day_offset": None, "owner": None, "manual_section": None},  # blank row
    ]
    with pytest.raises(ValidationError) as error:
        rules.save_template(db, "admin", role_id=team["member"], rows=bad, today=TODAY)
    assert [(label, key) for label, key, _ in error.value.row_errors] == [
        ("#1", "coaching.err.step_text_empty"),
        ("#2", "coaching.err.step_offset"),
        ("#3", "coaching.err.step_offset"),
        ("#3", "coaching.err.step_owner"),
    ]
    assert store.template_versions(db, team["member"]) == []


def test_templates_are_versioned_and_an_unchanged_save_is_refused(db, team) -> None:  # noqa: F811
    first = rules.save_template(db, "admin", role_id=team["member"], rows=STEPS, today=TODAY)
    with pytest.raises(ValidationError) as error:
        rules.save_template(db, "admin", role_id=team["member"], rows=STEPS, today=TODAY)
    assert error.value.key == "coaching.err.template_unchanged"
    second = rules.save_template(
        db, "admin", role_id=team["member"], rows=STEPS[:2], today=TODAY, note=" shorter "
    )
    versions = store.template_versions(db, team["member"])
    assert [(v["id"], v["version"], v["steps"], v["note"]) for v in versions] == [
        (second, 2, 2, "shorter"),
        (first, 1, 3, ""),
    ]
    assert [s["text"] for s in store.template_steps(db, first)] == [
        "Introduce yourself",
        "First task with the coach",
        "Thirty-day talk",
    ]
    assert audit_rows(db, "onboarding_template") == [
        ("admin", "create", first),
        ("admin", "create", second),
    ]
    with pytest.raises(AccessDenied):
        rules.save_template(db, "viewer", role_id=team["member"], rows=STEPS[:1], today=TODAY)


def test_a_newcomer_who_joins_with_a_role_starts_its_plan(db, team) -> None:  # noqa: F811
    rules.save_template(db, "admin", role_id=team["member"], rows=STEPS, today=TODAY)
    joined = date(2026, 1, 31)
    newcomer = new_person(db, "新人丁", into="读书组", today=joined)
    plan, steps = rules.plan_of(db, newcomer)
    assert plan["started_on"] == "2026-01-31"
    assert [(s["text"], s["owner"], s["due_on"], s["done_on"]) for s in steps] == [
        ("Introduce yourself", "newcomer", "2026-01-31", None),
        ("First task with the coach", "coach", "2026-02-03", None),
        ("Thirty-day talk", "lead", "2026-03-02", None),
    ]
    # a role without a template, or someone who is not a newcomer, starts nothing
    other = new_person(db, "新人戊", into="读书组", role="owner")
    veteran = new_person(db, "老人己", into="视频组", status="active")
    assert rules.plan_of(db, other) == (None, [])
    assert rules.plan_of(db, veteran) == (None, [])
    # joining a second group does not start a second plan
    org_rules.join_group(db, "admin", newcomer, team["video"], team["member"], TODAY)
    assert db.execute("SELECT COUNT(*) FROM onboarding_plans").fetchone()[0] == 1


def test_the_coach_and_the_newcomer_tick_steps_and_others_may_not(db, team) -> None:  # noqa: F811
    rules.save_template(db, "admin", role_id=team["member"], rows=STEPS, today=TODAY)
    rules.start_plan(db, "admin", team["new2"], team["member"], date(2026, 6, 1))
    rules.assign_coach(db, "admin", team["new2"], team["wang"], date(2026, 6, 1))
    _, steps = rules.plan_of(db, team["new2"])
    for username, app_role, person in (
        ("coach_wang", "viewer", team["wang"]),
        ("newcomer_yi", "viewer", team["new2"]),
        ("stranger", "viewer", team["zhao"]),
    ):
        db.execute(
            "INSERT INTO users (username, display_name, app_role, person_id) VALUES (?, ?, ?, ?)",
            [username, username, app_role, person],
        )
    rules.tick_step(db, "coach_wang", steps[0]["id"], True, TODAY)
    rules.tick_step(db, "newcomer_yi", steps[1]["id"], True, TODAY)
    with pytest.raises(AccessDenied) as error:
        rules.tick_step(db, "stranger", steps[2]["id"], True, TODAY)
    assert error.value.params["name"] == "新人乙"  # the refusal names the newcomer
    with pytest.raises(AccessDenied):
        rules.tick_step(db, "reader_lead", steps[2]["id"], True, TODAY)  # 视频组 is not theirs
    rules.tick_step(db, "newcomer_yi", steps[1]["id"], False, TODAY)
    _, after = rules.plan_of(db, team["new2"])
    assert [(s["done_on"], s["done_by"]) for s in after] == [
        ("2026-06-15", "coach_wang"),
        (None, None),
        (None, None),
    ]
    assert audit_rows(db, "onboarding_step") == [
        ("coach_wang", "tick", steps[0]["id"]),
        ("newcomer_yi", "tick", steps[1]["id"]),
        ("newcomer_yi", "untick", steps[1]["id"]),
    ]


def test_overdue_steps_alert_and_this_weeks_steps_are_listed(db, team) -> None:  # noqa: F811
    rules.save_template(db, "admin", role_id=team["member"], rows=STEPS, today=TODAY)
    rules.start_plan(db, "admin", team["new2"], team["member"], date(2026, 6, 10))
    # due: 06-10 (overdue), 06-13 (overdue), 07-10 (later)
    (alert,) = [a for a in rules.alerts(db, TODAY) if a.kind == "onboarding_step_overdue"]
    assert (alert.severity, alert.area, alert.person_id, alert.params) == (
        "medium",
        "coaching",
        team["new2"],
        {"person": "新人乙", "count": 2, "step": "Introduce yourself", "day": "2026-06-10"},
    )
    due = rules.steps_due(db, date(2026, 6, 12))
    assert [(s["text"], s["status"]) for s in due] == [
        ("Introduce yourself", "overdue"),
        ("First task with the coach", "this_week"),
    ]
    assert rules.steps_due(db, TODAY, actor="reader_lead") == []  # not their newcomer


def test_graduation_needs_a_done_plan_or_a_reason(db, team) -> None:  # noqa: F811
    rules.save_template(db, "admin", role_id=team["member"], rows=STEPS[:2], today=TODAY)
    for newcomer in (team["new1"], team["new2"]):
        rules.start_plan(db, "admin", newcomer, team["member"], date(2026, 6, 1))
    with pytest.raises(ValidationError) as error:
        rules.graduate(db, "admin", team["new1"], author_id=None, today=TODAY, **GRAD)
    assert (error.value.key, error.value.params) == (
        "coaching.err.plan_not_done",
        {"person": "新人甲", "count": 2},
    )
    assert store.retrospectives(db) == []  # the refusal wrote nothing
    # the plan done: the final retrospective graduates
    _, steps = rules.plan_of(db, team["new1"])
    for step in steps:
        rules.tick_step(db, "admin", step["id"], True, TODAY)
    rules.graduate(db, "admin", team["new1"], author_id=None, today=TODAY, **GRAD)
    # or a lead overrides with a reason
    rules.graduate(
        db,
        "admin",
        team["new2"],
        author_id=None,
        today=TODAY,
        override_reason=" 已能独立带活动 ",
        **GRAD,
    )
    rows = db.execute(
        """SELECT p.name, p.status, o.closed_on, o.override_reason FROM onboarding_plans o
           JOIN people p ON p.id = o.person_id ORDER BY o.id"""
    ).fetchall()
    assert [tuple(r) for r in rows] == [
        ("新人甲", "active", "2026-06-15", None),
        ("新人乙", "active", "2026-06-15", "已能独立带活动"),
    ]
    finals = [(r["person_name"], r["is_final"]) for r in store.retrospectives(db)]
    assert finals == [("新人甲", 1), ("新人乙", 1)]
