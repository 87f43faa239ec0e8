"""Talent review (人才盘点): rate people's performance and potential once a quarter.

A team-wide lead opens the quarter's round; leads and admins rate the people they may see
(with a suggested performance from the evidence), see them on the 9-box, and rank a key
role's bench by the ratings. Ratings are confidential: a viewer reads one sentence. The
panels are in ``dashboard.review_panels``.
"""

import streamlit as st

from dashboard import auth, clock
from dashboard import review_panels as panels
from dashboard.domain import review as rules
from dashboard.i18n import current_language, t
from dashboard.navigation import ensure_app_shell
from dashboard.review_views import people_frame, ratings_frame, round_name, rounds_frame
from dashboard.session import page_db, page_header, submit
from dashboard.tabs import open_tab_panels
from db.access import writable_group_ids

ensure_app_shell()

db, path = page_db()
lang = current_language()
today = clock.today()
actor = auth.actor()

page_header(t("review.title"), t("review.caption"))

if not rules.may_review(db, actor):
    # ratings are confidential: a viewer gets this sentence and nothing else
    st.info(t("review.viewer"))
    st.stop()

rounds = rounds_frame(path)
this_quarter = rules.quarter_code(today)
team_wide = writable_group_ids(db, actor) is None
may_open = team_wide and this_quarter not in [r["period"] for r in rounds]
if may_open and st.button(
    t("review.open_round", period=round_name(this_quarter, lang)), key="review_open_round"
):
    submit(
        lambda: rules.open_round(db, actor, today),
        t("review.round_opened", period=round_name(this_quarter)),
    )
if not rounds:
    st.info(t("review.no_round"))
    st.stop()

by_id = {r["id"]: r for r in rounds}
round_id = st.selectbox(
    t("review.round"),
    options=list(by_id),
    format_func=lambda i: t(
        "review.round_label",
        period=round_name(by_id[i]["period"], lang),
        count=by_id[i]["ratings"],
    ),
    key="review_round",
)
visible = rules.visible_people(db, actor)
people = people_frame(path, lang)
ctx = panels.ReviewContext(
    db=db,
    path=path,
    lang=lang,
    today=today,
    actor=actor,
    round_id=int(round_id),
    period=by_id[round_id]["period"],
    people=people[[visible is None or int(p) in visible for p in people["person_id"]]],
    ratings=ratings_frame(path, actor, int(round_id), lang),
)
# only the open tab runs: the 9-box chart and the ranked benches cost nothing while a lead
# rates
open_tab_panels(
    "review_tab",
    ctx,
    {
        t("review.tab.rate"): [panels.rate_panel],
        t("review.tab.grid"): [panels.grid_panel],
        t("review.tab.bench"): [panels.bench_panel],
    },
)
