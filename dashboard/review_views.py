"""Loaders and the 9-box chart of the talent review page."""

from datetime import date

import altair as alt
import pandas as pd

from dashboard.domain import review as rules
from dashboard.i18n import current_language, label, t
from dashboard.i18n.formats import format_date, localized
from dashboard.session import loader, reading, stored
from db import review as store

BOX_COLOURS = {  # the diagonal from worry (red) to promise (green)
    1: "#f4cccc",
    2: "#fce5cd",
    3: "#fff2cc",
    4: "#fce5cd",
    5: "#fff2cc",
    6: "#d9ead3",
    7: "#fff2cc",
    8: "#d9ead3",
    9: "#b6d7a8",
}


def round_name(period_code: str, lang: str | None = None) -> str:
    """A round's quarter as the language writes it (2026年第2季度, Q2 2026)."""
    return format_date(rules.round_period(period_code).start, lang or current_language(), "quarter")


rounds_frame = stored(store.rounds)


@loader()
def people_frame(path: str, lang: str) -> pd.DataFrame:
    """One row per reviewable person: their roles and groups (in ``lang``) as text and lists."""
    with reading(path) as db:
        rows = store.reviewable_people(db)
    people: dict[int, dict] = {}
    for row in rows:
        person = people.setdefault(
            row["person_id"],
            {
                "person_id": row["person_id"],
                "name": row["name"],
                "role_ids": [],
                "roles": [],
                "group_ids": [],
                "groups": [],
            },
        )
        role = localized(row, "role_name", lang)
        if row["role_id"] not in person["role_ids"]:
            person["role_ids"].append(row["role_id"])
            person["roles"].append(role)
        if row["group_id"] not in person["group_ids"]:
            person["group_ids"].append(row["group_id"])
            person["groups"].append(row["group_name"])
    return pd.DataFrame(
        list(people.values()),
        columns=["person_id", "name", "role_ids", "roles", "group_ids", "groups"],
    )


@loader()
def ratings_frame(path: str, username: str, round_id: int, lang: str) -> pd.DataFrame:
    """The ratings ``username`` may see in a round, with box, movement, roles and groups."""
    with reading(path) as db:
        rows = rules.visible_ratings(db, username, round_id)
    columns = [
        "person_id",
        "person_name",
        "performance",
        "potential",
        "note",
        "rater",
        "suggested_performance",
        "box",
        "movement",
        "box_before",
        "rated_on",
    ]
    frame = pd.DataFrame(rows, columns=columns)
    people = people_frame(path, lang)[["person_id", "role_ids", "roles", "group_ids", "groups"]]
    return frame.merge(people, on="person_id", how="left")


@loader()
def evidence_of(path: str, period: str, today_iso: str) -> dict:
    """Every reviewable person's evidence for a round (the suggestion's input)."""
    with reading(path) as db:
        return rules.evidence(db, period, date.fromisoformat(today_iso))


def suggestion_text(suggestion: rules.Suggestion, lang: str | None = None) -> str:
    """The suggested level and its reasons, in the user's language."""
    level = t(f"review.level.{suggestion.level}", lang)
    reasons = " · ".join(t(key, lang, **params) for key, params in suggestion.reasons)
    return f"{t('review.suggested', lang, level=level)} — {reasons}"


def filter_ratings(frame: pd.DataFrame, role_ids: list[int], group_ids: list[int]) -> pd.DataFrame:
    """Ratings of people holding any of ``role_ids`` and in any of ``group_ids`` (an empty
    list does not filter)."""
    keep = pd.Series(True, index=frame.index)
    if role_ids:
        keep &= frame["role_ids"].map(lambda ids: bool(set(ids or []) & set(role_ids)))
    if group_ids:
        keep &= frame["group_ids"].map(lambda ids: bool(set(ids or []) & set(group_ids)))
    return frame[keep]


def _jitter(person_id: int, axis: int) -> float:
    """A stable offset in (-0.35, 0.35) so people in one box do not hide each other."""
    seed = (person_id * 2654435761 + axis * 40503) % 1000
    return (seed / 1000 - 0.5) * 0.7


def nine_box_chart(ratings: pd.DataFrame, lang: str | None = None) -> alt.Chart:
    """The 9-box: performance across, potential up, each box tinted and named, each person a
    point (jittered inside their box) with a tooltip of who they are and why."""
    lang = lang or current_language()
    levels = [t(f"review.level.{code}", lang) for code in rules.LEVELS]
    boxes = pd.DataFrame(
        [
            {
                "x": perf,
                "x2": perf + 1,
                "y": pot,
                "y2": pot + 1,
                "cx": perf + 0.5,
                "ty": pot + 0.9,
                "box": rules.box_of(rules.LEVELS[perf], rules.LEVELS[pot]),
            }
            for pot in range(3)
            for perf in range(3)
        ]
    )
    boxes["name"] = boxes["box"].map(lambda n: t(f"review.box.{n}", lang))
    boxes["colour"] = boxes["box"].map(BOX_COLOURS)
    axis_x = alt.Axis(
        values=[0.5, 1.5, 2.5],
        labelExpr=f"{levels}[floor(datum.value)]",
        grid=False,
        title=t("review.performance", lang),
    )
    axis_y = alt.Axis(
        values=[0.5, 1.5, 2.5],
        labelExpr=f"{levels}[floor(datum.value)]",
        grid=False,
        title=t("review.potential", lang),
    )
    scale = alt.Scale(domain=[0, 3], nice=False)
    tiles = (
        alt.Chart(boxes)
        .mark_rect(stroke="white", strokeWidth=2)
        .encode(
            x=alt.X("x:Q", scale=scale, axis=axis_x),
            x2="x2:Q",
            y=alt.Y("y:Q", scale=scale, axis=axis_y),
            y2="y2:Q",
            color=alt.Color("colour:N", scale=None, legend=None),
            tooltip=alt.value(None),
        )
    )
    names = (
        alt.Chart(boxes)
        .mark_text(fontWeight="bold", color="#595959", baseline="top", dy=-4)
        .encode(
            x=alt.X("cx:Q", scale=scale, axis=axis_x),
            y=alt.Y("ty:Q", scale=scale, axis=axis_y),
            text="name:N",
        )
    )
    frame = ratings.assign(
        px=[
            rules.LEVELS.index(p) + 0.5 + _jitter(int(i), 0)
            for p, i in zip(ratings["performance"], ratings["person_id"], strict=True)
        ],
        py=[
            rules.LEVELS.index(p) + 0.45 + _jitter(int(i), 1) * 0.8
            for p, i in zip(ratings["potential"], ratings["person_id"], strict=True)
        ],
        box_name=ratings["box"].map(lambda n: t(f"review.box.{int(n)}", lang)),
        performance_text=ratings["performance"].map(lambda c: t(f"review.level.{c}", lang)),
        potential_text=ratings["potential"].map(lambda c: t(f"review.level.{c}", lang)),
        movement_text=ratings["movement"].map(lambda c: t(f"review.move.{c}", lang)),
        roles_text=ratings["roles"].map(lambda r: "、".join(r) if isinstance(r, list) else ""),
        groups_text=ratings["groups"].map(lambda g: "、".join(g) if isinstance(g, list) else ""),
    )[
        [
            "person_name",
            "px",
            "py",
            "box_name",
            "performance_text",
            "potential_text",
            "movement_text",
            "roles_text",
            "groups_text",
            "note",
        ]
    ]
    points = (
        alt.Chart(frame)
        .mark_circle(size=140, opacity=0.9, color="#2e75b6", stroke="white", strokeWidth=1)
        .encode(
            x=alt.X("px:Q", scale=scale, axis=axis_x),
            y=alt.Y("py:Q", scale=scale, axis=axis_y),
            tooltip=[
                alt.Tooltip("person_name:N", title=t("review.col.person", lang)),
                alt.Tooltip("box_name:N", title=t("review.col.box", lang)),
                alt.Tooltip("performance_text:N", title=t("review.performance", lang)),
                alt.Tooltip("potential_text:N", title=t("review.potential", lang)),
                alt.Tooltip("movement_text:N", title=t("review.col.movement", lang)),
                alt.Tooltip("roles_text:N", title=t("review.col.roles", lang)),
                alt.Tooltip("groups_text:N", title=t("review.col.groups", lang)),
                alt.Tooltip("note:N", title=t("review.note", lang)),
            ],
        )
    )
    labels = (
        alt.Chart(frame)
        .mark_text(dy=12, fontSize=11, color="#262730")
        .encode(
            x=alt.X("px:Q", scale=scale, axis=axis_x),
            y=alt.Y("py:Q", scale=scale, axis=axis_y),
            text="person_name:N",
        )
    )
    return alt.layer(tiles, names, points, labels).properties(height=480)


def bench_rows(bench: list[dict], lang: str | None = None) -> list[dict]:
    """The ranked bench as table rows in the user's language."""
    lang = lang or current_language()
    rows = []
    for rank, row in enumerate(bench, start=1):
        rating = row["rating"]
        rows.append(
            {
                t("review.col.rank", lang): rank,
                t("review.col.person", lang): row["person_name"],
                t("review.col.group", lang): row["group_name"],
                t("review.col.box", lang): t(f"review.box.{rating['box']}", lang)
                if rating
                else t("review.not_rated", lang),
                t("review.col.readiness", lang): label(
                    "pipeline.readiness", row["readiness"], lang
                ),
                t("review.col.stage", lang): label("pipeline.stage", row["stage"], lang),
                t("review.col.movement", lang): t(f"review.move.{rating['movement']}", lang)
                if rating
                else "",
            }
        )
    return rows
