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
from dashboard.tabs import open_tab_panels

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

# only the open tab runs: the groups grid's health column, the people pickers, the drag
# board, the split checklist and the history cost nothing on the tree
open_tab_panels(
    "org_tab",
    ctx,
    {
        t("org.tab.tree"): [panels.tree_panel],
        t("org.tab.groups"): [panels.groups_grid_panel],
        t("org.tab.people"): [forms.people_panel],
        t("org.tab.board"): [panels.board_panel],
        t("org.tab.split"): [forms.split_merge_panel, forms.settings_panel],
        t("org.tab.health"): [health.health_panel],
        t("org.tab.history"): [panels.history_panel],
    },
    keep=[
        *("org_tree_tiers", "org_tree_stages", "org_tree_collapsed", "org_people_group"),
        *("org_board_core", "org_history_group", "org_history_person"),
        *("org_history_since", "org_history_until"),
    ],
)
