"""Talent bench (人才梯队): candidates per key role and group, by stage and readiness.

Filters by role, tier and group (a lead sees their own groups first); the board moves
candidacies between stages, the coverage tab shows the key positions at risk, the
channels tab where talents come from, and the roles tab edits the role catalogue. The
panels are in ``dashboard.pipeline_panels`` and ``dashboard.pipeline_board_panels``.
"""

import streamlit as st

from dashboard import auth, clock
from dashboard import pipeline_board_panels as board
from dashboard import pipeline_panels as panels
from dashboard.i18n import current_language, label, t
from dashboard.navigation import ensure_app_shell
from dashboard.session import page_db, page_header, show_notices
from db.schema import TIERS

ensure_app_shell()

db, path = page_db()
writable = auth.writable_groups()  # None: every group; empty: a viewer

page_header(t("pipeline.title"), t("pipeline.caption"))
if auth.can_write():  # ratings are for leads and admins only
    st.page_link("pages/talent_review.py", label=t("review.link"), icon=":material/grid_view:")

ctx = panels.BenchContext.load(db, path, current_language(), clock.today(), auth.actor(), writable)

# ---------------------------------------------------------------- filters
filter_roles, filter_tiers, filter_groups = st.columns(3)
role_ids = filter_roles.multiselect(
    t("pipeline.filter.roles"),
    list(ctx.role_name),
    format_func=ctx.role_name.get,
    key="pipeline_f_roles",
    placeholder=t("common.choose_many"),
)
tiers = filter_tiers.multiselect(
    t("pipeline.filter.tiers"),
    list(TIERS),
    format_func=lambda tier: label("tier", tier),
    key="pipeline_f_tiers",
    placeholder=t("common.choose_many"),
)
group_ids = filter_groups.multiselect(
    t("pipeline.filter.groups"),
    [g["id"] for g in ctx.groups if not tiers or g["tier"] in tiers],
    format_func=ctx.group_name.get,
    key="pipeline_f_groups",
    placeholder=t("common.choose_many"),
)
only_mine = bool(writable) and st.toggle(
    t("scope.only_mine"), value=True, key="pipeline_only_mine"
)  # a lead sees their own groups first; the rest, read-only, on request
if only_mine:
    group_ids = group_ids or sorted(writable)
ctx.choose(role_ids, tiers, group_ids, only_mine)

panels.metrics(ctx)
show_notices(panels.NOTICES)  # what the last write did, kept across the rerun

# only the open tab runs (on_change="rerun"): the coverage of every key position, the
# channels and the role catalogue cost nothing while a lead works the board
board_tab, coverage_tab, channels_tab, roles_tab = st.tabs(
    [
        t("pipeline.tab.board"),
        t("pipeline.tab.coverage"),
        t("pipeline.tab.channels"),
        t("pipeline.tab.roles"),
    ],
    key="pipeline_tab",
    on_change="rerun",
)
if board_tab.open:
    with board_tab:
        board.board_panel(ctx)
        board.move_and_appoint(ctx)
        board.add_form(ctx)
        board.details_panel(ctx)
if coverage_tab.open:
    with coverage_tab:
        panels.coverage_panel(ctx)
        panels.observer_form(ctx)
if channels_tab.open:
    with channels_tab:
        panels.channels_panel(ctx)
if roles_tab.open:
    with roles_tab:
        panels.roles_panel(ctx)
