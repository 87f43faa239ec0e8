"""Rewards: the ledger of points (积分) and perks (福利) given to the team, each group's
budget per quarter with its burn-down, and everyone's points balance."""

import streamlit as st

from dashboard import auth, clock
from dashboard import rewards_panels as panels
from dashboard.i18n import current_language, t
from dashboard.kpi_views import group_list
from dashboard.navigation import ensure_app_shell
from dashboard.session import page_db, page_header

ensure_app_shell()

db, path = page_db()
writable = auth.writable_groups()

page_header(t("rewards.title"), t("rewards.caption"))
if writable is not None and not writable:
    st.info(t("rewards.read_only"))

ctx = panels.RewardsContext(
    db=db,
    path=path,
    lang=current_language(),
    today=clock.today(),
    writable=writable,
    groups=group_list(path),
)
ledger_tab, budgets_tab, points_tab = st.tabs(
    [t("rewards.tab.ledger"), t("rewards.tab.budgets"), t("rewards.tab.points")]
)
with ledger_tab:
    panels.ledger_panel(ctx)
with budgets_tab:
    panels.budgets_panel(ctx)
with points_tab:
    panels.points_panel(ctx)
