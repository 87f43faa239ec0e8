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
from dashboard.tabs import open_tab_panels
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

# only the open tab runs: the coverage of every key position, the channels and the role
# catalogue cost nothing while a lead works the board
open_tab_panels(
    "pipeline_tab",
    ctx,
    {
        t("pipeline.tab.board"): [
            board.board_panel,
            board.move_and_appoint,
            board.add_form,
            board.details_panel,
        ],
        t("pipeline.tab.coverage"): [panels.coverage_panel, panels.observer_form],
        t("pipeline.tab.channels"): [panels.channels_panel],
        t("pipeline.tab.roles"): [panels.roles_panel],
    },
)
