"""Loaders and chart builders for the newcomers-and-coaches page."""

from datetime import date

import altair as alt
import pandas as pd

from dashboard.domain import coaching as rules
from dashboard.i18n import current_language, t
from dashboard.i18n.formats import vega_date_format, vega_date_label
from dashboard.session import loader, reading, stored
from db import coaching as store

LOAD_COLOUR, ROOM_COLOUR, OVER_COLOUR = "#2e75b6", "#d9d9d9", "#c00000"


@loader()
def newcomers_frame(path: str, today_iso: str) -> pd.DataFrame:
    """One row per newcomer: days since joining, coach, last retrospective, groups."""
    with reading(path) as db:
        rows = store.newcomers(db)
    columns = [
        "id",
        "name",
        "joined_on",
        "coaching_id",
        "coach_id",
        "coach_name",
        "coached_since",
        "last_retro_on",
        "retro_count",
        "group_names",
    ]
    frame = pd.DataFrame(rows, columns=columns)
    today = date.fromisoformat(today_iso)
    frame["days"] = [(today - date.fromisoformat(d)).days for d in frame["joined_on"]]
    return frame


@loader()
def coaches_frame(path: str) -> pd.DataFrame:
    """Everyone who may coach: capacity, load, graduated count and current newcomers."""
    with reading(path) as db:
        rows = store.eligible_coaches(db)
        mentees: dict[int, list[str]] = {}
        for row in store.coachings(db, open_only=True):
            mentees.setdefault(row["coach_id"], []).append(row["newcomer_name"])
    frame = pd.DataFrame(
        rows, columns=["id", "name", "max_mentees", "load", "graduated", "holds_coach_role"]
    )
    frame["mentees"] = [", ".join(mentees.get(i, [])) for i in frame["id"]]
    return frame


@loader()
def retrospectives_frame(path: str, person_id: int | None = None) -> pd.DataFrame:
    """Retrospectives (all, or one person's), oldest first, with names."""
    with reading(path) as db:
        rows = store.retrospectives(db, person_id=person_id)
    columns = [
        "id",
        "person_id",
        "person_name",
        "author_id",
        "author_name",
        "held_on",
        "goal",
        "result",
        "causes",
        "lessons",
        "is_final",
    ]
    return pd.DataFrame(rows, columns=columns)


@loader()
def coaching_history(path: str, person_id: int) -> pd.DataFrame:
    """A newcomer's coachings, oldest first: coach, start, end and why it ended."""
    with reading(path) as db:
        rows = [
            r for r in store.coachings(db, person_id=person_id) if r["newcomer_id"] == person_id
        ]
    return pd.DataFrame(rows, columns=["id", "coach_name", "start_on", "end_on", "end_reason"])


@loader()
def page_alerts(path: str, today_iso: str, unassigned_days: int, retro_days: int) -> list:
    """The page's alerts for the chosen thresholds."""
    with reading(path) as db:
        return rules.alerts(
            db,
            date.fromisoformat(today_iso),
            unassigned_days=unassigned_days,
            retro_days=retro_days,
        )


suggestions = stored(rules.suggest_coaches)


def reasons_text(suggestion: rules.Suggestion, lang: str | None = None) -> str:
    """A suggestion's reasons as one line in the user's language."""
    return " · ".join(t(key, lang, **params) for key, params in suggestion.reasons)


def coach_load_chart(coaches: pd.DataFrame, lang: str | None = None) -> alt.Chart:
    """Horizontal bars of each coach's load over a grey bar of their capacity; coaches
    over capacity in red."""
    frame = coaches.assign(
        over=coaches["load"] > coaches["max_mentees"],
        status=lambda f: f["over"].map({True: "over", False: "ok"}),
    )[["name", "load", "max_mentees", "status"]]
    coach = t("coaching.chart.coach", lang)
    count = t("coaching.chart.count", lang)
    load_title = t("coaching.chart.load", lang)
    capacity_title = t("coaching.chart.capacity", lang)
    # one explicit order for both layers (busiest first), so their bars share a band
    order = list(frame.sort_values(["load", "name"], ascending=[False, True])["name"])
    y = alt.Y("name:N", title=coach, sort=order, axis=alt.Axis(labelOverlap=False))
    tooltip = [
        alt.Tooltip("name:N", title=coach),
        alt.Tooltip("load:Q", title=load_title),
        alt.Tooltip("max_mentees:Q", title=capacity_title),
    ]
    base = alt.Chart(frame)
    capacity = base.mark_bar(color=ROOM_COLOUR, size=16).encode(
        y=y, x=alt.X("max_mentees:Q", title=count, axis=alt.Axis(tickMinStep=1)), tooltip=tooltip
    )
    load = base.mark_bar(size=9).encode(
        y=y,
        x=alt.X("load:Q", title=count),
        color=alt.Color(
            "status:N",
            scale=alt.Scale(domain=["ok", "over"], range=[LOAD_COLOUR, OVER_COLOUR]),
            legend=None,
        ),
        tooltip=tooltip,
    )
    return alt.layer(capacity, load).properties(height=max(120, 26 * len(frame)))


def retro_timeline_chart(
    retros: pd.DataFrame, spans: pd.DataFrame | None = None, lang: str | None = None
) -> alt.Chart:
    """Each retrospective as a point on a time axis, one row per person (final ones as
    green diamonds), over a grey line from the day the person joined to today, so long
    gaps without a retrospective stand out. Tooltips carry the four steps.

    :param spans: optional rows of ``person_name``, ``joined_on``, ``until`` (ISO dates).
    """
    lang = lang or current_language()
    final, regular = t("coaching.retro.final", lang), t("coaching.retro.regular", lang)
    # Vega would name months in English: the axis and tooltips write dates themselves
    date_axis = alt.Axis(labelExpr=vega_date_label(lang))
    date_format = vega_date_format(lang)
    frame = retros.assign(
        kind=retros["is_final"].map(lambda f: final if f else regular),
        day=pd.to_datetime(retros["held_on"]),
    )[["person_name", "author_name", "day", "kind", "goal", "result", "causes", "lessons"]]
    kind_title = t("coaching.retro.kind", lang)
    people = list(
        dict.fromkeys([*(spans["person_name"] if spans is not None else []), *frame["person_name"]])
    )
    y = alt.Y("person_name:N", title=t("coaching.col.name", lang), sort=people)
    points = (
        alt.Chart(frame)
        .mark_point(filled=True, size=90, opacity=1)
        .encode(
            x=alt.X("day:T", title=t("common.date", lang), axis=date_axis),
            y=y,
            shape=alt.Shape(
                "kind:N",
                title=kind_title,
                scale=alt.Scale(domain=[regular, final], range=["circle", "diamond"]),
            ),
            color=alt.Color(
                "kind:N",
                title=kind_title,
                scale=alt.Scale(domain=[regular, final], range=[LOAD_COLOUR, "#70ad47"]),
            ),
            tooltip=[
                alt.Tooltip("day:T", title=t("common.date", lang), format=date_format),
                alt.Tooltip("author_name:N", title=t("coaching.retro.author", lang)),
                alt.Tooltip("goal:N", title=t("coaching.step.goal", lang)),
                alt.Tooltip("result:N", title=t("coaching.step.result", lang)),
                alt.Tooltip("causes:N", title=t("coaching.step.causes", lang)),
                alt.Tooltip("lessons:N", title=t("coaching.step.lessons", lang)),
            ],
        )
    )
    height = max(80, 28 * len(people))
    if spans is None or spans.empty:
        return points.properties(height=height)
    lines = (
        alt.Chart(
            spans.assign(
                start=pd.to_datetime(spans["joined_on"]), end=pd.to_datetime(spans["until"])
            )[["person_name", "start", "end"]]
        )
        .mark_rule(color=ROOM_COLOUR, strokeWidth=3)
        .encode(
            x=alt.X("start:T", title=t("common.date", lang), axis=date_axis),
            x2="end:T",
            y=y,
            tooltip=[
                alt.Tooltip("start:T", title=t("coaching.col.joined_on", lang), format=date_format)
            ],
        )
    )
    return alt.layer(lines, points).properties(height=height)
