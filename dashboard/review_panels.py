"""The panels of the talent review page: rating one person, the 9-box grid, and the bench
of a key role ranked by the round's ratings.

Each panel takes the page's ``ReviewContext``; loaders and the chart are in
``dashboard.review_views``. A saved rating's message is kept for the page's header.
"""

from dataclasses import dataclass
from datetime import date

import pandas as pd
import streamlit as st
from sqlite_utils import Database

from dashboard.domain import review as rules
from dashboard.i18n import t
from dashboard.i18n.formats import format_date, localized
from dashboard.review_views import (
    bench_rows,
    evidence_of,
    filter_ratings,
    nine_box_chart,
    suggestion_text,
)
from dashboard.session import submit
from dashboard.tables import show_columns, show_table
from db import org


@dataclass
class ReviewContext:
    """What the panels of a review round need: the session, the round and its rows."""

    db: Database
    path: str
    lang: str
    today: date
    actor: str
    round_id: int
    period: str
    people: pd.DataFrame  # the people the user may rate
    ratings: pd.DataFrame  # the ratings the user may see in the round


def rate_panel(ctx: ReviewContext) -> None:
    """Rate one person (those still to rate first), with the suggested performance and why."""
    people = ctx.people
    if people.empty:
        st.info(t("review.nobody"))
        return
    names = dict(zip(people["person_id"], people["name"], strict=True))
    rated = set(ctx.ratings["person_id"])
    # the people still to rate first, then those rated
    order = sorted(names, key=lambda i: (i in rated, names[i], i))
    person_id = st.selectbox(
        t("review.person"),
        options=order,
        format_func=lambda i: names[i],
        key="review_person",
    )
    row = people[people["person_id"] == person_id].iloc[0]
    st.caption(f"{'、'.join(row['roles'])} · {'、'.join(row['groups'])}")
    found = evidence_of(ctx.path, ctx.period, ctx.today.isoformat()).get(int(person_id))
    suggestion = rules.suggest_performance(found or rules.Evidence())
    st.markdown(suggestion_text(suggestion, ctx.lang))
    current = ctx.ratings[ctx.ratings["person_id"] == person_id]
    if not current.empty:
        mine = current.iloc[0]
        st.info(
            t(
                "review.current",
                performance=t(f"review.level.{mine['performance']}"),
                potential=t(f"review.level.{mine['potential']}"),
                rater=mine["rater"],
                day=format_date(mine["rated_on"], ctx.lang),
            )
        )
    level_names = {code: t(f"review.level.{code}") for code in rules.LEVELS}
    with st.form(f"review_form_{person_id}"):
        left, right = st.columns(2)
        performance = left.radio(
            t("review.performance"),
            options=list(rules.LEVELS),
            index=rules.LEVELS.index(
                current.iloc[0]["performance"] if not current.empty else suggestion.level
            ),
            format_func=level_names.get,
            horizontal=True,
            key=f"review_performance_{person_id}",
        )
        potential = right.radio(
            t("review.potential"),
            options=list(rules.LEVELS),
            index=rules.LEVELS.index(
                current.iloc[0]["potential"] if not current.empty else "medium"
            ),
            format_func=level_names.get,
            horizontal=True,
            key=f"review_potential_{person_id}",
        )
        note = st.text_area(
            t("review.note"),
            value=current.iloc[0]["note"] if not current.empty else "",
            max_chars=rules.MAX_NOTE,
            height=68,
            key=f"review_note_{person_id}",
        )
        if st.form_submit_button(t("review.save"), type="primary", key="review_save"):
            box = rules.box_of(performance, potential)
            submit(
                lambda: rules.rate(
                    ctx.db,
                    ctx.actor,
                    round_id=ctx.round_id,
                    person_id=int(person_id),
                    performance=performance,
                    potential=potential,
                    note=note,
                    today=ctx.today,
                ),
                t("review.saved", person=names[person_id], box=t(f"review.box.{box}")),
            )


def grid_panel(ctx: ReviewContext) -> None:
    """The 9-box of the round's ratings, filtered by role and group, and its table."""
    roles = {r["id"]: localized(r, "name", ctx.lang) for r in org.roles(ctx.db)}
    groups = {
        gid: name
        for ids, names_ in zip(ctx.people["group_ids"], ctx.people["groups"], strict=True)
        for gid, name in zip(ids, names_, strict=True)
    }
    left, right = st.columns(2)
    role_filter = left.multiselect(
        t("review.filter.roles"),
        options=list(roles),
        format_func=lambda i: roles.get(i, str(i)),
        key="review_filter_roles",
        placeholder=t("common.choose_many"),
    )
    group_filter = right.multiselect(
        t("review.filter.groups"),
        options=sorted(groups, key=lambda g: groups[g]),
        format_func=lambda i: groups.get(i, str(i)),
        key="review_filter_groups",
        placeholder=t("common.choose_many"),
    )
    shown = filter_ratings(ctx.ratings, role_filter, group_filter)
    if shown.empty:
        st.info(t("review.grid.empty"))
        return
    st.altair_chart(nine_box_chart(shown, ctx.lang), width="stretch")
    show_columns(
        shown.assign(
            box=shown["box"].map(lambda n: t(f"review.box.{n}")),
            movement=shown["movement"].map(lambda c: t(f"review.move.{c}")),
            performance=shown["performance"].map(lambda c: t(f"review.level.{c}")),
            potential=shown["potential"].map(lambda c: t(f"review.level.{c}")),
            suggested_performance=shown["suggested_performance"].map(
                lambda c: t(f"review.level.{c}") if isinstance(c, str) else ""
            ),
        ),
        {
            "person_name": t("review.col.person"),
            "box": t("review.col.box"),
            "performance": t("review.performance"),
            "potential": t("review.potential"),
            "suggested_performance": t("review.col.suggested"),
            "movement": t("review.col.movement"),
            "note": t("review.note"),
            "rater": t("review.col.rater"),
        },
        hide_index=True,
    )


def bench_panel(ctx: ReviewContext) -> None:
    """The candidates for a key role, ranked by the round's ratings."""
    st.caption(t("review.bench.help"))
    key_roles = {r["id"]: localized(r, "name", ctx.lang) for r in org.roles(ctx.db) if r["is_key"]}
    bench_role = st.selectbox(
        t("review.bench.role"),
        options=list(key_roles),
        format_func=lambda i: key_roles.get(i, str(i)),
        key="review_bench_role",
    )
    bench = rules.ranked_bench(ctx.db, ctx.actor, ctx.round_id, int(bench_role))
    if not bench:
        st.info(t("review.bench.empty"))
    else:
        show_table(bench_rows(bench, ctx.lang), hide_index=True)
