"""Rewards: the ledger of points (积分) and perks (福利) given to the team, each group's
budget per quarter with its burn-down, and everyone's points balance."""

import streamlit as st

from dashboard import auth, clock
from dashboard import rewards_panels as panels
from dashboard.i18n import current_language, t
from dashboard.kpi_views import group_list
from dashboard.navigation import ensure_app_shell
from dashboard.session import page_db, page_header
from dashboard.tabs import open_tab_panels

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
# only the open tab runs: the budgets' burn-down and the balances cost nothing while a lead
# gives a reward
open_tab_panels(
    "rewards_tab",
    ctx,
    {
        t("rewards.tab.ledger"): [panels.ledger_panel],
        t("rewards.tab.budgets"): [panels.budgets_panel],
        t("rewards.tab.points"): [panels.points_panel],
    },
)
