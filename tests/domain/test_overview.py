"""The overview's figures and gathered alerts, on the seeded demo and on hand-built rows."""

from datetime import date

from dashboard.areas import alert_sources
from dashboard.domain import overview
from dashboard.domain.alerts import Alert
from tests.conftest import DEMO_TODAY


def alert(kind: str, severity: str) -> Alert:
    return Alert(kind=kind, severity=severity, key="k", area="x")


def test_grouping_and_counting_keep_the_order_of_first_appearance() -> None:
    alerts = [alert("a", "high"), alert("b", "medium"), alert("a", "high"), alert("c", "low")]
    assert [(kind, len(bundle)) for kind, bundle in overview.group_alerts(alerts)] == [
        ("a", 2),
        ("b", 1),
        ("c", 1),
    ]
    assert overview.severity_counts(alerts) == {"high": 2, "medium": 1, "low": 1}
    assert overview.severity_counts([]) == {"high": 0, "medium": 0, "low": 0}


def test_every_area_with_alerts_is_asked_in_the_registry_order() -> None:
    assert [source.__module__ for source in alert_sources()] == [
        f"dashboard.domain.{area}"
        for area in ("org", "kpis", "pipeline", "coaching", "manuals", "retention", "health")
    ]


def test_demo_alerts_come_most_severe_first_from_every_area(demo_db) -> None:
    alerts = overview.gather_alerts(demo_db, DEMO_TODAY)
    severities = [a.severity for a in alerts]
    assert severities == sorted(severities, key=["high", "medium", "low"].index)
    assert {"retention", "coaching", "pipeline", "kpis", "manuals", "health"} == {
        a.area for a in alerts
    }
    churn = [a.params["person"] for a in alerts if a.kind == "churn_risk"]
    assert churn == ["孙凯", "段军", "莫建华", "闫建华", "马若曦"]


def test_demo_headline_figures(demo_db) -> None:
    figures = overview.headline(demo_db, DEMO_TODAY)
    assert figures["people_per_tier"] == {"management": 5, "core": 20, "ordinary": 70}
    assert (figures["people"], figures["groups"], figures["newcomers"]) == (83, 16, 12)
    assert figures["open_handovers"] == 2


def test_headline_counts_only_live_groups_and_present_people(db) -> None:
    db.execute("INSERT INTO roles (code, name, name_zh) VALUES ('member', 'Member', '成员')")
    db.execute(
        """INSERT INTO groups (name, tier, created_on, archived_on) VALUES
           ('管理群', 'management', '2024-01-01', NULL),
           ('旧群', 'management', '2024-01-01', '2025-01-01')"""
    )
    db.execute(
        """INSERT INTO people (name, joined_on, status) VALUES
           ('甲', '2024-01-01', 'active'), ('乙', '2026-06-01', 'newcomer'),
           ('丙', '2024-01-01', 'left')"""
    )
    db.execute(
        """INSERT INTO memberships (person_id, group_id, role_id, start_on) VALUES
           (1, 1, 1, '2024-01-01'), (2, 1, 1, '2026-06-01'), (2, 2, 1, '2024-06-01'),
           (3, 1, 1, '2024-01-01')"""
    )
    figures = overview.headline(db, date(2026, 6, 15))
    assert figures["people_per_tier"] == {"management": 2, "core": 0, "ordinary": 0}
    assert (figures["people"], figures["groups"], figures["newcomers"]) == (2, 1, 1)
    assert figures["open_handovers"] == 0
    assert figures["kpi_attainment"] is None  # nothing measured yet


def test_kpi_figure_is_last_months_share_of_targets_met(db) -> None:
    db.execute(
        "INSERT INTO groups (name, tier, created_on) VALUES ('管理群', 'management', '2024-01-01')"
    )
    db.execute(
        """INSERT INTO kpis (code, name, kind, direction, aggregation) VALUES
           ('new_members', 'New members', 'result', 'up', 'sum'),
           ('activity', 'Activity', 'process', 'up', 'sum'),
           ('churn', 'Churn', 'result', 'down', 'sum')"""
    )
    db.execute(
        """INSERT INTO kpi_targets (kpi_id, group_id, period, target) VALUES
           (1, 1, '2026-05', 10), (2, 1, '2026-05', 100), (3, 1, '2026-05', 2),
           (1, 1, '2026-06', 10)"""
    )
    db.execute(
        """INSERT INTO kpi_values (kpi_id, group_id, person_id, day, value) VALUES
           (1, 1, NULL, '2026-05-03', 7), (1, 1, NULL, '2026-05-20', 5),
           (2, 1, NULL, '2026-05-10', 40),
           (3, 1, NULL, '2026-05-11', 1),
           (1, 1, NULL, '2026-06-02', 1)"""
    )
    figure = overview.kpi_attainment(db, date(2026, 6, 15))
    # met: new members 12 ≥ 10 and churn 1 ≤ 2; missed: activity 40 of 100
    assert figure == {"period": "2026-05", "on_target": 2, "measured": 3, "share": 67}
