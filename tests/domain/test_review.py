"""Talent review rules: the suggestion from hand-built evidence, the evidence the app
gathers (KPI attainment of a person's groups, retrospectives), who may see and change
ratings, the 9-box, movement between rounds and the bench ranked — on real SQLite files."""

import json
from datetime import date

import pytest

from dashboard.domain import review as rules
from dashboard.domain.review import Evidence
from db import kpis as kpi_store
from db import review as store
from db.errors import AccessDenied, ValidationError
from tests.domain.test_coaching import team  # noqa: F401 - the shared fixture

TODAY = date(2026, 6, 15)


@pytest.mark.parametrize(
    ("evidence", "level", "points"),
    [
        (Evidence(105.0, 1, 1), "high", 3),  # on target and two retrospectives
        (Evidence(100.0, 0, 0), "medium", 2),
        (Evidence(99.9, 0, 2), "medium", 2),  # just below target
        (Evidence(100.0, 0, 2), "high", 3),  # coaching others counts too
        (Evidence(80.0, 0, 0), "low", 1),
        (Evidence(79.6, 3, 0), "low", 1),
        (Evidence(None, 2, 0), "medium", 2),  # no KPI figures: neutral
        (Evidence(None, 1, 0), "low", 1),
        (Evidence(10.0, 0, 0), "low", 0),
    ],
)
def test_performance_is_suggested_from_the_evidence(evidence, level, points) -> None:
    suggestion = rules.suggest_performance(evidence)
    assert (suggestion.level, suggestion.points) == (level, points)


def test_a_suggestion_says_why() -> None:
    assert rules.suggest_performance(Evidence(79.6, 1, 2)).reasons == [
        ("review.reason.kpi", {"pct": 80}),
        ("review.reason.retros", {"own": 1, "coached": 2}),
    ]
    assert rules.suggest_performance(Evidence()).reasons[0] == ("review.reason.no_kpi", {})


def test_the_evidence_is_the_attainment_of_the_persons_groups_and_their_retros(
    db,
    team,  # noqa: F811
) -> None:
    up = kpi_store.save_kpi(db, "admin", {"code": "new", "name": "New", "kind": "result"})
    for month in ("2026-04", "2026-05", "2026-06"):
        kpi_store.save_targets(
            db, "admin", month, [(up, team["reading"], 100.0), (up, team["video"], 100.0)]
        )
    kpi_store.upsert_values(
        db,
        "admin",
        [
            (up, team["reading"], None, "2026-04-10", 200.0),
            (up, team["reading"], None, "2026-06-10", 160.0),  # 360 of 300: 120 %
            (up, team["video"], None, "2026-05-10", 150.0),  # 150 of 300: 50 %
            (up, team["reading"], None, "2026-03-31", 999.0),  # last quarter: not counted
        ],
    )
    for person, author, day in (
        (team["new1"], team["wang"], "2026-05-01"),
        (team["new1"], team["wang"], "2026-06-01"),
        (team["new1"], team["new1"], "2026-03-01"),  # last quarter
    ):
        db.execute(
            """INSERT INTO retrospectives (person_id, author_id, held_on, goal, result, causes,
               lessons) VALUES (?, ?, ?, 'g', 'r', 'c', 'l')""",
            [person, author, day],
        )
    found = rules.evidence(db, "2026-Q2", date(2026, 7, 5))  # the quarter is over
    assert found[team["wang"]] == Evidence(120.0, 0, 2)  # 读书组, and coached 新人甲 twice
    assert found[team["new1"]] == Evidence(120.0, 2, 0)
    assert found[team["zhao"]] == Evidence(50.0, 0, 0)  # 视频组
    assert found[team["li"]] == Evidence(None, 0, 0)  # the core group reports nothing
    assert rules.suggest_performance(found[team["wang"]]).level == "high"


def test_only_admins_and_leads_see_ratings_and_a_lead_only_their_scope(db, team) -> None:  # noqa: F811
    assert rules.visible_people(db, "viewer") == set()
    assert rules.visible_people(db, "nobody") == set()
    assert rules.visible_people(db, "admin") is None
    assert rules.visible_people(db, "reader_lead") == {team["wang"], team["new1"]}
    round_id = rules.open_round(db, "admin", TODAY)
    for person in (team["wang"], team["zhao"]):
        rules.rate(
            db,
            "admin",
            round_id=round_id,
            person_id=person,
            performance="high",
            potential="medium",
            note=" steady ",
            today=TODAY,
        )
    assert [r["person_name"] for r in rules.visible_ratings(db, "admin", round_id)] == [
        "王伟",
        "赵强",
    ]
    assert [r["person_name"] for r in rules.visible_ratings(db, "reader_lead", round_id)] == [
        "王伟"
    ]
    assert rules.visible_ratings(db, "viewer", round_id) == []


def test_who_may_change_a_rating(db, team) -> None:  # noqa: F811
    round_id = rules.open_round(db, "admin", TODAY)
    args = {"round_id": round_id, "performance": "low", "potential": "high", "note": ""}
    with pytest.raises(AccessDenied) as error:
        rules.rate(db, "reader_lead", person_id=team["zhao"], today=TODAY, **args)
    assert error.value.params["name"] == "赵强"  # the refusal names the person
    with pytest.raises(AccessDenied):
        rules.rate(db, "viewer", person_id=team["wang"], today=TODAY, **args)
    rating_id = rules.rate(db, "reader_lead", person_id=team["wang"], today=TODAY, **args)
    # a second rating of the same person in the round replaces the first
    again = rules.rate(
        db, "admin", person_id=team["wang"], today=TODAY, **{**args, "performance": "medium"}
    )
    assert again == rating_id
    row = store.rating(db, round_id, team["wang"])
    assert (row["performance"], row["potential"], row["rater"], row["suggested_performance"]) == (
        "medium",
        "high",
        "admin",
        "low",  # no KPI figures, no retrospectives
    )
    assert json.loads(row["evidence_json"]) == {
        "coached_retros": 0,
        "kpi_attainment": None,
        "own_retros": 0,
    }
    audit = db.execute(
        "SELECT username, action, person_id FROM audit_log WHERE entity = 'review_rating'"
    ).fetchall()
    assert [tuple(r) for r in audit] == [
        ("reader_lead", "rate", team["wang"]),
        ("admin", "rate", team["wang"]),
    ]
    with pytest.raises(ValidationError):
        rules.rate(db, "admin", person_id=team["wang"], today=TODAY, **{**args, "potential": "x"})
    with pytest.raises(AccessDenied):  # opening a round is team-wide
        rules.open_round(db, "reader_lead", date(2026, 9, 1))
    with pytest.raises(ValidationError) as error:
        rules.open_round(db, "admin", TODAY)
    assert error.value.key == "review.err.round_exists"


def rate_as_admin(db, round_id: int, person: int, performance: str, potential: str) -> int:
    return rules.rate(
        db,
        "admin",
        round_id=round_id,
        person_id=person,
        performance=performance,
        potential=potential,
        note="",
        today=TODAY,
    )


def test_boxes_and_movement_since_the_last_round(db, team) -> None:  # noqa: F811
    assert [rules.box_of(p, q) for q in rules.LEVELS for p in rules.LEVELS] == list(range(1, 10))
    first = rules.open_round(db, "admin", date(2026, 3, 1))
    second = rules.open_round(db, "admin", TODAY)
    for round_id, person, performance, potential in (
        (first, team["wang"], "medium", "medium"),
        (first, team["zhao"], "high", "high"),
        (first, team["li"], "low", "high"),
        (second, team["wang"], "high", "medium"),
        (second, team["zhao"], "medium", "high"),
        (second, team["li"], "high", "low"),
        (second, team["new1"], "low", "low"),
    ):
        rate_as_admin(db, round_id, person, performance, potential)
    moved = {
        r["person_name"]: (r["box"], r["movement"], r["box_before"])
        for r in rules.visible_ratings(db, "admin", second)
    }
    assert moved == {
        "王伟": (6, "up", 5),
        "赵强": (8, "down", 9),
        "李娜": (3, "down", 7),  # same sum, less potential
        "新人甲": (1, "new", None),
    }


def test_the_bench_of_a_role_is_ranked_by_box_then_readiness_then_stage(db, team) -> None:  # noqa: F811
    def candidacy(person, stage, readiness):
        db.execute(
            """INSERT INTO pipeline (person_id, role_id, group_id, stage, readiness, source,
               created_on, updated_on) VALUES (?, ?, ?, ?, ?, 'task', '2026-01-01', '2026-01-01')""",
            [person, team["owner"], team["reading"], stage, readiness],
        )

    candidacy(team["li"], "observer", "later")
    candidacy(team["zhao"], "ready", "now")
    candidacy(team["new1"], "trial", "6m")
    candidacy(team["new2"], "spotted", "later")  # not rated
    candidacy(team["new3"], "ready", "now")  # not rated
    round_id = rules.open_round(db, "admin", TODAY)
    for person, performance, potential in (
        (team["li"], "high", "high"),
        (team["zhao"], "medium", "medium"),
        (team["new1"], "medium", "medium"),
    ):
        rate_as_admin(db, round_id, person, performance, potential)
    ranked = rules.ranked_bench(db, "admin", round_id, team["owner"])
    assert [r["person_name"] for r in ranked] == ["李娜", "赵强", "新人甲", "新人丙", "新人乙"]
    assert rules.ranked_bench(db, "viewer", round_id, team["owner"]) == []
    # a lead sees the bench of their scope only
    assert [
        r["person_name"] for r in rules.ranked_bench(db, "reader_lead", round_id, team["owner"])
    ] == ["新人甲"]
