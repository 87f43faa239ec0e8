"""Loaders, frames and chart builders of the rewards page and the KPI board's cost vs
revenue panel."""

from datetime import date, timedelta

import altair as alt
import pandas as pd

from dashboard.domain import kpis
from dashboard.domain import rewards as rules
from dashboard.i18n import t
from dashboard.i18n.formats import vega_date_format, vega_date_label
from dashboard.session import loader, reading, stored
from db import kpis as kpi_store
from db import rewards as store

CATEGORY_COLOURS = {
    "rewards": "#ed7d31",
    "events": "#2e75b6",
    "tools": "#70ad47",
    "other": "#a5a5a5",
}


@loader()
def group_members(path: str, group_id: int) -> dict[int, str]:
    """Id → name of the people with an open membership in the group."""
    with reading(path) as db:
        return {row["id"]: row["name"] for row in kpi_store.group_people(db, group_id)}


@loader()
def entries(path: str, group_ids: tuple[int, ...] | None) -> list[dict]:
    """Ledger entries of ``group_ids`` (``None``: all), newest first."""
    with reading(path) as db:
        return store.entries(db, None if group_ids is None else list(group_ids))


@loader()
def budget_left(path: str, group_id: int, day_iso: str) -> dict | None:
    """What is left of the group's budget in the quarter of ``day_iso``."""
    with reading(path) as db:
        return rules.budget_left(db, group_id, date.fromisoformat(day_iso))


@loader()
def budgets(path: str, quarter_iso: str) -> list[dict]:
    """Every group's budget and spending in the quarter starting ``quarter_iso``."""
    quarter = rules.quarter_of(date.fromisoformat(quarter_iso))
    with reading(path) as db:
        return store.budgets(db, quarter.code, quarter.start.isoformat(), quarter.end.isoformat())


@loader()
def daily_spending(path: str, group_id: int, quarter_iso: str) -> list[dict]:
    """The group's net money per day of the quarter starting ``quarter_iso``."""
    quarter = rules.quarter_of(date.fromisoformat(quarter_iso))
    with reading(path) as db:
        return store.daily_spending(
            db, group_id, quarter.start.isoformat(), quarter.end.isoformat()
        )


points_balances = stored(store.points_balances)


@loader()
def cost_figures(
    path: str, first_month: str, last_month: str, group_ids: tuple[int, ...]
) -> list[rules.CostFigures]:
    """Costs, revenue and new members per group of ``group_ids`` over the months."""
    with reading(path) as db:
        return rules.cost_figures(db, first_month, last_month, list(group_ids))


@loader()
def has_revenue(path: str) -> bool:
    """Whether a revenue KPI (营收) is defined."""
    with reading(path) as db:
        return rules.revenue_kpi(kpi_store.kpis(db)) is not None


@loader()
def cost_rows(path: str, month: str, group_ids: tuple[int, ...]) -> list[dict]:
    """The cost grid's rows of ``month``."""
    with reading(path) as db:
        return rules.cost_rows(db, month, list(group_ids))


# ---------------------------------------------------------------- frames


def entry_status(row: dict, lang: str) -> str:
    """Whether an entry was reversed, reverses another, or came from old recognitions."""
    if row["reverses_id"]:
        return t("rewards.status.reversal", lang, id=row["reverses_id"])
    if row["reversed_by"]:
        return t("rewards.status.reversed", lang, id=row["reversed_by"])
    if row["recognition_id"]:
        return t("rewards.status.migrated", lang)
    return ""


def entries_frame(rows: list[dict], lang: str) -> pd.DataFrame:
    """The ledger as a table, in the page's language."""
    columns = {
        t("rewards.col.id", lang): [r["id"] for r in rows],
        t("rewards.col.given_on", lang): [r["given_on"] for r in rows],
        t("rewards.col.person", lang): [r["person_name"] for r in rows],
        t("rewards.col.group", lang): [r["group_name"] or "" for r in rows],
        t("rewards.col.points", lang): [r["points"] for r in rows],
        t("rewards.col.money", lang): [r["money"] for r in rows],
        t("rewards.col.reason", lang): [r["reason"] for r in rows],
        t("rewards.col.by", lang): [r["given_by_name"] or r["recorded_by"] for r in rows],
        t("rewards.col.status", lang): [entry_status(r, lang) for r in rows],
    }
    return pd.DataFrame(columns)


def reversible(rows: list[dict]) -> list[dict]:
    """Entries that may still be reversed: neither reversals nor reversed."""
    return [r for r in rows if not r["reverses_id"] and not r["reversed_by"]]


def budgets_frame(rows: list[dict], lang: str) -> pd.DataFrame:
    """Per group: budget, spent, left and the share used (blank without a budget)."""
    return pd.DataFrame(
        {
            t("rewards.col.group", lang): [r["group_name"] for r in rows],
            t("rewards.col.budget", lang): [r["budget"] for r in rows],
            t("rewards.col.spent", lang): [round(r["spent"], 2) for r in rows],
            t("rewards.col.left", lang): [
                None if r["budget"] is None else round(r["budget"] - r["spent"], 2) for r in rows
            ],
            t("rewards.col.used", lang): [
                round(r["spent"] * 100 / r["budget"]) if r["budget"] else None for r in rows
            ],
        }
    )


def burn_frame(budget: float, daily: list[dict], quarter: kpis.Period, today: date) -> pd.DataFrame:
    """The burn-down of a quarter's budget: what was left at the end of each day up to
    ``today`` (``actual``) and the even pace from the budget to nothing (``even``)."""
    spent_on = {row["day"]: row["money"] for row in daily}
    days = (quarter.end - quarter.start).days + 1
    rows, left = [], budget
    for offset in range(days):
        day = quarter.start + timedelta(days=offset)
        rows.append(
            {"day": day.isoformat(), "series": "even", "left": budget * (1 - (offset + 1) / days)}
        )
        if day <= today:
            left -= spent_on.get(day.isoformat(), 0.0)
            rows.append({"day": day.isoformat(), "series": "actual", "left": round(left, 2)})
    return pd.DataFrame(rows, columns=["day", "series", "left"])


def cost_frame(figures: list[rules.CostFigures], names: dict[int, str], lang: str) -> pd.DataFrame:
    """One row per group: each cost category, the cost, revenue, margin, new members
    (computed ones marked *) and the cost per new member."""
    rows = []
    for figure in figures:
        members = figure.new_members
        rows.append(
            {
                t("rewards.col.group", lang): names.get(figure.group_id, str(figure.group_id)),
                **{t(f"rewards.category.{c}", lang): figure.costs[c] for c in rules.CATEGORIES},
                t("rewards.col.cost", lang): figure.cost,
                t("rewards.col.revenue", lang): figure.revenue,
                t("rewards.col.margin", lang): figure.margin,
                t("rewards.col.new_members", lang): (
                    None
                    if members is None
                    else f"{members:g}{' *' if figure.new_members_computed else ''}"
                ),
                t("rewards.col.cost_per_new", lang): figure.cost_per_new_member,
            }
        )
    return pd.DataFrame(rows)


def totals(figures: list[rules.CostFigures]) -> dict[str, float | None]:
    """The scope's cost, revenue, margin and cost per new member."""
    cost = round(sum(f.cost for f in figures), 2)
    revenues = [f.revenue for f in figures if f.revenue is not None]
    revenue = round(sum(revenues), 2) if revenues else None
    members = sum(f.new_members or 0 for f in figures)
    return {
        "cost": cost,
        "revenue": revenue,
        "margin": None if revenue is None else round(revenue - cost, 2),
        "cost_per_new": round(cost / members, 2) if members else None,
    }


# ---------------------------------------------------------------- charts


def burn_chart(frame: pd.DataFrame, lang: str, title: str) -> alt.Chart:
    """What is left of the budget day by day against the even pace (dashed)."""
    labelled = frame.assign(
        series_label=[t(f"rewards.chart.{s}", lang) for s in frame["series"]],
        day=pd.to_datetime(frame["day"]),
    )
    domain = [t("rewards.chart.actual", lang), t("rewards.chart.even", lang)]
    return (
        alt.Chart(labelled, title=title)
        .mark_line(interpolate="step-after")
        .encode(
            x=alt.X(
                "day:T",
                title=t("rewards.chart.day", lang),
                axis=alt.Axis(labelExpr=vega_date_label(lang)),
            ),
            y=alt.Y("left:Q", title=t("rewards.chart.left", lang)),
            color=alt.Color(
                "series_label:N",
                scale=alt.Scale(domain=domain, range=["#c00000", "#a5a5a5"]),
                legend=alt.Legend(title=None, orient="bottom"),
            ),
            strokeDash=alt.StrokeDash(
                "series_label:N",
                scale=alt.Scale(domain=domain, range=[[1, 0], [4, 4]]),
                legend=None,
            ),
            tooltip=[
                alt.Tooltip(
                    "day:T", title=t("rewards.chart.day", lang), format=vega_date_format(lang)
                ),
                alt.Tooltip("series_label:N", title=t("rewards.chart.series", lang)),
                alt.Tooltip("left:Q", title=t("rewards.chart.left", lang)),
            ],
        )
    )


def points_chart(rows: list[dict], lang: str, limit: int = 15) -> alt.Chart:
    """The highest points balances as bars."""
    frame = pd.DataFrame(rows[:limit], columns=["name", "balance"])
    return (
        alt.Chart(frame, title=t("rewards.chart.points", lang))
        .mark_bar(color="#ed7d31")
        .encode(
            y=alt.Y("name:N", sort="-x", title=None),
            x=alt.X("balance:Q", title=t("rewards.col.balance", lang)),
            tooltip=[
                alt.Tooltip("name:N", title=t("rewards.col.person", lang)),
                alt.Tooltip("balance:Q", title=t("rewards.col.balance", lang)),
            ],
        )
        .properties(height=alt.Step(22))
    )


def cost_chart(figures: list[rules.CostFigures], names: dict[int, str], lang: str) -> alt.Chart:
    """Per group, its cost stacked by category, with its revenue as a black tick."""
    costs = pd.DataFrame(
        [
            {
                "group": names.get(f.group_id, str(f.group_id)),
                "category": t(f"rewards.category.{c}", lang),
                "amount": f.costs[c],
            }
            for f in figures
            for c in rules.CATEGORIES
        ],
        columns=["group", "category", "amount"],
    )
    revenue = pd.DataFrame(
        [
            {"group": names.get(f.group_id, str(f.group_id)), "revenue": f.revenue}
            for f in figures
            if f.revenue is not None
        ],
        columns=["group", "revenue"],
    )
    domain = [t(f"rewards.category.{c}", lang) for c in rules.CATEGORIES]
    bars = (
        alt.Chart(costs)
        .mark_bar()
        .encode(
            y=alt.Y("group:N", title=None, sort=list(costs["group"].drop_duplicates())),
            x=alt.X("sum(amount):Q", title=t("rewards.chart.amount", lang)),
            color=alt.Color(
                "category:N",
                scale=alt.Scale(domain=domain, range=list(CATEGORY_COLOURS.values())),
                legend=alt.Legend(title=t("rewards.chart.category", lang), orient="bottom"),
            ),
            tooltip=[
                alt.Tooltip("group:N", title=t("rewards.col.group", lang)),
                alt.Tooltip("category:N", title=t("rewards.chart.category", lang)),
                alt.Tooltip("amount:Q", title=t("rewards.chart.amount", lang)),
            ],
        )
    )
    ticks = (
        alt.Chart(revenue)
        .mark_tick(color="black", thickness=3, size=18)
        .encode(
            y=alt.Y("group:N", sort=list(costs["group"].drop_duplicates())),
            x="revenue:Q",
            tooltip=[
                alt.Tooltip("group:N", title=t("rewards.col.group", lang)),
                alt.Tooltip("revenue:Q", title=t("rewards.chart.revenue_mark", lang)),
            ],
        )
    )
    return alt.layer(bars, ticks, title=t("rewards.chart.costs", lang)).properties(
        height=alt.Step(24)
    )
