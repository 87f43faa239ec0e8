"""Loaders, labels, frames and the small-multiples chart of group health (the org page's
health column and panel; the panel is in ``dashboard.health_panels``)."""

from datetime import date

import altair as alt
import pandas as pd

from dashboard.domain import health as rules
from dashboard.i18n import t
from dashboard.session import loader, reading, stored
from db import health as store

CHART_MEASURES = ("active_share", "focus_share", "concentration")
MAX_CHARTS = 24  # small charts drawn at once


@loader()
def group_health(path: str, today_iso: str) -> list[rules.GroupHealth]:
    """Every live group's health on ``today``."""
    with reading(path) as db:
        return rules.assess(db, date.fromisoformat(today_iso))


settings = stored(store.settings)
events = stored(store.events)
dismissals = stored(store.dismissals)


def health_label(health: rules.GroupHealth, lang: str) -> str:
    """The health column's text: the open flags' short names, else healthy (or no data)."""
    flags = health.open_flags
    if flags:
        return " · ".join(t(f"health.trap.{flag.trap}", lang) for flag in flags)
    return t("health.healthy" if health.has_activity else "health.no_data", lang)


def health_column(path: str, today: date, lang: str) -> dict[int, str]:
    """Group id → its health column text."""
    return {h.group_id: health_label(h, lang) for h in group_health(path, today.isoformat())}


def flag_text(flag: rules.Flag, lang: str) -> str:
    """A flag's evidence in ``lang``, with its dismissal when one holds."""
    text = rules.evidence_text(flag, lang)
    if flag.dismissal is None:
        return text
    dismissal = flag.dismissal
    return t(
        "health.dismissed_line",
        lang,
        text=text,
        who=dismissal["dismissed_by"],
        day=dismissal["dismissed_on"],
        note=dismissal["note"],
    )


def chart_frame(healths: list[rules.GroupHealth], lang: str) -> pd.DataFrame:
    """Per group, month and measure the value in % (for the small multiples)."""
    rows = []
    for health in healths:
        for month in health.months:
            values = {
                "active_share": month.active_share,
                "focus_share": month.focus_share,
                "concentration": max(
                    (s for s in (month.top_share, month.team_share) if s is not None), default=None
                ),
            }
            for measure, value in values.items():
                if value is not None:
                    rows.append(
                        {
                            "group": health.name,
                            "month": month.month,
                            "measure": t(f"health.chart.{measure}", lang),
                            "value": round(value * 100, 1),
                            "per_active": round(month.per_active or 0, 1),
                        }
                    )
    return pd.DataFrame(rows, columns=["group", "month", "measure", "value", "per_active"])


def health_chart(frame: pd.DataFrame, limits: dict[str, int], lang: str) -> alt.FacetChart:
    """One small chart per group: active share, focus share and the top senders' share by
    month (in %), with the 失焦 and 暴政 thresholds as dashed rules."""
    month, percent = t("health.chart.month", lang), t("health.chart.percent", lang)
    measure, per_active = t("health.chart.measure", lang), t("health.chart.per_active", lang)
    lines = (
        alt.Chart()
        .mark_line(point=True)
        .encode(
            x=alt.X("month:O", title=month),
            y=alt.Y("value:Q", title=percent, scale=alt.Scale(domain=[0, 100])),
            color=alt.Color("measure:N", title=measure, legend=alt.Legend(orient="bottom")),
            tooltip=[
                alt.Tooltip("month:O", title=month),
                alt.Tooltip("measure:N", title=measure),
                alt.Tooltip("value:Q", title=percent),
                alt.Tooltip("per_active:Q", title=per_active),
            ],
        )
    )
    thresholds = pd.DataFrame(
        [
            {"threshold": t("health.chart.focus_limit", lang), "limit": limits["unfocused_share"]},
            {"threshold": t("health.chart.tyranny_limit", lang), "limit": limits["tyranny_share"]},
        ]
    )
    rules_layer = (
        alt.Chart(thresholds)
        .mark_rule(strokeDash=[4, 3], color="gray")
        .encode(
            y="limit:Q",
            tooltip=[
                alt.Tooltip("threshold:N", title=measure),
                alt.Tooltip("limit:Q", title=percent),
            ],
        )
    )
    return (
        alt.layer(lines, rules_layer, data=frame)
        .properties(width=170, height=120)
        .facet(facet=alt.Facet("group:N", title=None), columns=4)
    )
