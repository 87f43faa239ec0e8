"""What a lead sees first: headline figures of the team and every area's alerts, gathered
from the alert functions the registry of areas declares."""

from datetime import date

from sqlite_utils import Database

from dashboard.areas import alert_sources
from dashboard.domain import kpis
from dashboard.domain.alerts import SEVERITIES, Alert
from db import kpis as kpi_store
from db import org as org_store
from db.retention import open_handover_count
from db.schema import TIERS


def gather_alerts(db: Database, today: date) -> list[Alert]:
    """Every area's alerts, most severe first (areas keep their order within a severity)."""
    return by_severity([alert for alerts in alert_sources() for alert in alerts(db, today)])


def by_severity(alerts: list[Alert]) -> list[Alert]:
    """``alerts`` most severe first, in their order within a severity."""
    rank = {severity: index for index, severity in enumerate(SEVERITIES)}
    return sorted(alerts, key=lambda alert: rank.get(alert.severity, len(rank)))


def group_alerts(alerts: list[Alert]) -> list[tuple[str, list[Alert]]]:
    """Alerts bundled by kind, in the order their first alert appears."""
    bundles: dict[str, list[Alert]] = {}
    for alert in alerts:
        bundles.setdefault(alert.kind, []).append(alert)
    return list(bundles.items())


def severity_counts(alerts: list[Alert]) -> dict[str, int]:
    """How many alerts of each severity (every severity present, zero or not)."""
    counts = dict.fromkeys(SEVERITIES, 0)
    for alert in alerts:
        counts[alert.severity] = counts.get(alert.severity, 0) + 1
    return counts


def kpi_attainment(db: Database, today: date) -> dict | None:
    """Last complete month's KPI cells (KPI × group with a target) on target, through the
    KPI area's own rules; ``None`` while nothing is measured."""
    period = kpis.previous(kpis.period_of("month", today))
    rows = kpis.board_rows(
        kpi_store.kpis(db),
        kpi_store.groups(db),
        kpi_store.period_actuals(db, period.start, period.end),
        [],
        kpis.target_lookup(kpi_store.targets(db, period.code, period.code)),
        period,
    )
    measured = [row for row in rows if row["rag"] is not None]
    if not measured:
        return None
    on_target = sum(row["rag"] == "green" for row in measured)
    return {
        "period": period.code,
        "on_target": on_target,
        "measured": len(measured),
        "share": round(100 * on_target / len(measured)),
    }


def headline(db: Database, today: date) -> dict:
    """People per tier (distinct people holding a role there), live groups, newcomers,
    open handovers and KPI attainment (``None`` while nothing is measured)."""
    people, newcomers = org_store.team_counts(db)
    return {
        "people_per_tier": dict.fromkeys(TIERS, 0) | org_store.people_per_tier(db),
        "people": people,
        "groups": org_store.live_group_count(db),
        "newcomers": newcomers,
        "open_handovers": open_handover_count(db),
        "kpi_attainment": kpi_attainment(db, today),
    }
