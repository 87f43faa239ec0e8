"""Org structure: the management → core → ordinary tree, the groups grid, people and the
forms that add, move, re-role and record leavers, the drag board, split and merge, group
health (the five traps) and the structure's history. The panels are in
``dashboard.org_panels``, ``dashboard.org_forms`` and ``dashboard.health_panels``."""

import streamlit as st

from dashboard import auth
from dashboard import health_panels as health
from dashboard import org_forms as forms
from dashboard import org_panels as panels
from dashboard.i18n import t
from dashboard.navigation import ensure_app_shell
from dashboard.org_views import groups_frame
from dashboard.session import page_db, page_header

ensure_app_shell()

db, path = page_db()
page_header(t("org.title"), t("org.caption"))

groups = groups_frame(path)
if groups.empty:
    st.info(t("org.empty"))
    st.stop()
if not auth.can_write():
    st.info(t("org.read_only"))
ctx = panels.org_context(db, path, groups)

# only the open tab runs (on_change="rerun"): the groups grid's health column, the people
# pickers, the drag board, the split checklist and the history cost nothing on the tree
tree_tab, grid_tab, people_tab, board_tab, split_tab, health_tab, history_tab = st.tabs(
    [
        t("org.tab.tree"),
        t("org.tab.groups"),
        t("org.tab.people"),
        t("org.tab.board"),
        t("org.tab.split"),
        t("org.tab.health"),
        t("org.tab.history"),
    ],
    key="org_tab",
    on_change="rerun",
)
if tree_tab.open:
    with tree_tab:
        panels.tree_panel(ctx)
if grid_tab.open:
    with grid_tab:
        panels.groups_grid_panel(ctx)
if people_tab.open:
    with people_tab:
        forms.people_panel(ctx)
if board_tab.open:
    with board_tab:
        panels.board_panel(ctx)
if split_tab.open:
    with split_tab:
        forms.split_merge_panel(ctx)
        forms.settings_panel(ctx)
if health_tab.open:
    with health_tab:
        health.health_panel(ctx)
if history_tab.open:
    with history_tab:
        panels.history_panel(ctx)
