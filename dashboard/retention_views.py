"""Loaders, frames and chart builders for the retention page."""

from datetime import date

import altair as alt
import pandas as pd

from dashboard.domain import retention as rules
from dashboard.i18n import label, t
from dashboard.session import loader, reading, stored
from dashboard.vega import altair_spec
from db import access
from db import retention as store

CAUSE_COLOURS = {
    "workload": "#c00000",
    "reward": "#ed7d31",
    "growth": "#2e75b6",
    "discord": "#7030a0",
    "other": "#a5a5a5",
    "night": "#1f3864",
    "drift": "#7f6000",
}
SIGNALS = (*rules.CAUSES, *rules.ACTIVITY_SIGNALS)  # the risk table's signal columns


@loader(shared=True)  # a copy for each of the loaders below cost more than computing them
def profiles(path: str, today_iso: str) -> list[rules.RiskProfile]:
    """Everyone's churn-risk profile under the saved thresholds, highest score first
    (frozen profiles, shared by every caller: never change them)."""
    with reading(path) as db:
        return rules.risk_profiles(db, date.fromisoformat(today_iso))


@loader()
def risk_levels(path: str, today_iso: str) -> pd.DataFrame:
    """Everyone's ``person_id`` and risk ``level``, highest score first: what each run of
    the page reads instead of every profile."""
    everyone = profiles(path, today_iso)
    return pd.DataFrame(
        {"person_id": [p.person_id for p in everyone], "level": [p.level for p in everyone]}
    )


@loader()
def risk_table(
    path: str, today_iso: str, lang: str, levels: tuple[str, ...]
) -> tuple[pd.DataFrame, dict | None]:
    """``risk_frame`` of the people at ``levels`` and the Vega-Lite spec of their
    ``signals_chart`` (``None``: nobody with points), one read of the profiles for both; the
    spec is built here, once, not by each run (Altair took a third of the tab's run)."""
    shown = [p for p in profiles(path, today_iso) if p.level in levels]
    points = points_frame(shown, lang)
    chart = None if points.empty else altair_spec(signals_chart(points, lang))
    return risk_frame(shown, lang), chart


@loader()
def profile_of(path: str, today_iso: str, person_id: int) -> rules.RiskProfile | None:
    """One person's profile (the explanation's), ``None`` for someone no longer scored."""
    return next((p for p in profiles(path, today_iso) if p.person_id == person_id), None)


settings = stored(store.settings)


@loader()
def present_people(path: str) -> dict[int, str]:
    """Id → name of everyone still on the team, by name."""
    with reading(path) as db:
        return {row["id"]: row["name"] for row in store.people_in_scope(db)}


writable_people = stored(access.writable_people)
concerns = stored(store.concerns)
actions = stored(store.actions)
exits = stored(store.exits)


# ---------------------------------------------------------------- frames


def _flag(signal: rules.Signal | None, lang: str) -> str:
    if signal is None:
        return ""  # an activity signal of someone not linked to a chat sender
    value = f"{signal.value}/{signal.threshold}" if signal.cause == "reward" else signal.value
    text = t("retention.fired", lang, value=value) if signal.fired else str(value)
    return text + ("%" if signal.cause in ("night",) or _load(signal) else "")


def _load(signal: rules.Signal) -> bool:
    return signal.cause == "workload" and signal.from_activity


def risk_frame(people: list[rules.RiskProfile], lang: str) -> pd.DataFrame:
    """One row per person: score, level and each signal's value (⚠ when it fired)."""
    rows = []
    for profile in people:
        last = profile.facts.get("last_action")
        rows.append(
            {
                "person_id": profile.person_id,
                "name": profile.name,
                "status": label("status", profile.status, lang),
                "score": profile.score,
                "level": t(f"retention.level.{profile.level}", lang),
                **{cause: _flag(profile.signal(cause), lang) for cause in SIGNALS},
                "last_action": (
                    f"{t('retention.action.' + last['action'], lang)} · {last['taken_on']}"
                    if last
                    else ""
                ),
            }
        )
    columns = ["person_id", "name", "status", "score", "level", *SIGNALS, "last_action"]
    return pd.DataFrame(rows, columns=columns)


def points_frame(people: list[rules.RiskProfile], lang: str, limit: int = 15) -> pd.DataFrame:
    """Long form of the points each fired cause adds, for the people with a score."""
    rows = [
        {
            "name": profile.name,
            "cause": signal.cause,
            "cause_label": t(f"retention.cause.{signal.cause}", lang),
            "points": signal.points,
            "score": profile.score,
        }
        for profile in [p for p in people if p.score > 0][:limit]
        for signal in profile.signals
        if signal.points
    ]
    return pd.DataFrame(rows, columns=["name", "cause", "cause_label", "points", "score"])


def explanation(profile: rules.RiskProfile, lang: str) -> list[tuple[str, str]]:
    """(sentence, points) per cause, saying how the score adds up."""
    lines = []
    never = t("retention.never", lang)
    for signal in profile.signals:
        params = {"value": signal.value, "threshold": signal.threshold, **signal.evidence}
        key = f"retention.explain.{signal.cause}"
        if _load(signal):
            key = "retention.explain.workload_activity"
            params["roles"] = profile.facts.get("roles", 0)
        elif signal.cause == "workload":
            params.update(
                roles=profile.facts.get("roles", 0),
                mentees=profile.facts.get("mentees", 0),
                handovers=profile.facts.get("handovers", 0),
            )
        elif signal.cause == "reward":
            facts = profile.facts
            params.update(
                last=facts.get("last_recognised") or never,
                load=facts.get("load", 0),
                days=facts.get("reward_days", 0),
                points=facts.get("received_points", 0),
                money=f"{facts.get('received_money', 0):g}",
            )
            if facts.get("messages_week") is not None:
                key = "retention.explain.reward_activity"
                params["messages"] = facts["messages_week"]
        elif signal.cause == "growth":
            params["last"] = profile.facts.get("last_change") or never
        points = (
            t("retention.explain.points", lang, points=signal.points)
            if signal.fired
            else t("retention.explain.zero", lang)
        )
        lines.append((t(key, lang, **params), points))
    return lines


def exits_by_month(rows: list[dict], today: date, months: int = 12) -> pd.DataFrame:
    """Exits per calendar month and reason over the last ``months`` months (zeros kept)."""
    first = (pd.Timestamp(today.replace(day=1)) - pd.DateOffset(months=months - 1)).date()
    month_keys = [d.strftime("%Y-%m") for d in pd.date_range(first, today, freq="MS")]
    counts: dict[tuple[str, str], int] = {}
    for row in rows:
        month = row["left_on"][:7]
        if month in month_keys:
            reason = row["exit_reason"] or "other"
            counts[(month, reason)] = counts.get((month, reason), 0) + 1
    reasons = ["workload", "reward", "growth", "discord", "other"]
    return pd.DataFrame(
        [
            {"month": month, "reason": reason, "exits": counts.get((month, reason), 0)}
            for month in month_keys
            for reason in reasons
        ],
        columns=["month", "reason", "exits"],
    )


def exits_by_reason(rows: list[dict]) -> pd.DataFrame:
    """How many left for each reason (all time), largest first."""
    counts: dict[str, int] = {}
    for row in rows:
        reason = row["exit_reason"] or "other"
        counts[reason] = counts.get(reason, 0) + 1
    frame = pd.DataFrame(sorted(counts.items()), columns=["reason", "exits"])
    return frame.sort_values(["exits", "reason"], ascending=[False, True], ignore_index=True)


# ---------------------------------------------------------------- charts


def _colour(field: str, domain: list[str], codes: list[str]) -> alt.Color:
    return alt.Color(
        field,
        scale=alt.Scale(domain=domain, range=[CAUSE_COLOURS[c] for c in codes]),
        legend=alt.Legend(title=None, orient="bottom"),
    )


def signals_chart(points: pd.DataFrame, lang: str) -> alt.Chart:
    """Stacked bars: each at-risk person's score split by cause."""
    codes = list(SIGNALS)
    domain = [t(f"retention.cause.{c}", lang) for c in codes]
    return (
        alt.Chart(points, title=t("retention.chart.signals", lang))
        .mark_bar()
        .encode(
            y=alt.Y("name:N", sort="-x", title=None),
            x=alt.X("sum(points):Q", title=t("retention.col.score", lang)),
            color=_colour("cause_label:N", domain, codes),
            order=alt.Order("cause:N"),
            tooltip=["name:N", "cause_label:N", "points:Q", "score:Q"],
        )
        .properties(height=alt.Step(22))  # one readable bar per person
    )


def exit_trend_chart(monthly: pd.DataFrame, lang: str) -> alt.Chart:
    """Exits per month, stacked by reason."""
    frame = monthly.assign(reason_label=[label("exit", r, lang) for r in monthly["reason"]])
    codes = ["workload", "reward", "growth", "discord", "other"]
    domain = [label("exit", c, lang) for c in codes]
    return (
        alt.Chart(frame, title=t("retention.chart.exit_trend", lang))
        .mark_bar()
        .encode(
            x=alt.X("month:O", title=t("retention.col.month", lang)),
            y=alt.Y(
                "sum(exits):Q", title=t("retention.col.exits", lang), axis=alt.Axis(tickMinStep=1)
            ),
            color=_colour("reason_label:N", domain, codes),
            tooltip=["month:O", "reason_label:N", "exits:Q"],
        )
    )


def exit_reason_chart(by_reason: pd.DataFrame, lang: str) -> alt.Chart:
    """Exits by reason, one bar each, largest first."""
    frame = by_reason.assign(reason_label=[label("exit", r, lang) for r in by_reason["reason"]])
    codes = list(by_reason["reason"])
    domain = list(frame["reason_label"])
    return (
        alt.Chart(frame, title=t("retention.chart.exit_reasons", lang))
        .mark_bar()
        .encode(
            y=alt.Y("reason_label:N", sort="-x", title=None),
            x=alt.X("exits:Q", title=t("retention.col.exits", lang), axis=alt.Axis(tickMinStep=1)),
            color=alt.Color(
                "reason_label:N",
                scale=alt.Scale(domain=domain, range=[CAUSE_COLOURS[c] for c in codes]),
                legend=None,
            ),
            tooltip=["reason_label:N", "exits:Q"],
        )
    )
