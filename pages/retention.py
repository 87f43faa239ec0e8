"""Retention: who may leave and why (the book's churn causes plus activity signals), with
recognition, concerns, retention actions, exits and the churn score's thresholds."""

import streamlit as st

from dashboard import auth, clock
from dashboard import retention_panels as panels
from dashboard import retention_views as views
from dashboard.i18n import current_language, t
from dashboard.navigation import ensure_app_shell
from dashboard.session import page_db, page_header
from dashboard.tabs import open_tab_panels

ensure_app_shell()

db, path = page_db()
today = clock.today()
writer = auth.can_write()

page_header(t("retention.title"), t("retention.caption"))
if not writer:
    st.info(t("retention.read_only"))

people = views.present_people(path)
allowed = views.writable_people(path, auth.actor()) if writer else set()
ctx = panels.RetentionContext(
    db=db,
    path=path,
    lang=current_language(),
    today=today,
    writer=writer,
    risk=views.risk_levels(path, today.isoformat()),
    people=people,
    person_ids=[pid for pid in people if allowed is None or pid in allowed],
    concerns=views.concerns(path),
    exits=views.exits(path),
)
if writer and not ctx.person_ids:
    st.info(t("retention.no_one_in_scope"))
panels.metrics(ctx)

# only the open tab runs: the risk table and its chart, the exits' chart and the settings
# form cost nothing while a lead logs a concern
open_tab_panels(
    "retention_tab",
    ctx,
    {
        t("retention.tab.risk"): [panels.risk_panel],
        t("retention.tab.recognition"): [panels.recognition_panel],
        t("retention.tab.concerns"): [panels.concerns_panel],
        t("retention.tab.actions"): [panels.actions_panel],
        t("retention.tab.exits"): [panels.exits_panel],
        t("retention.tab.settings"): [panels.settings_panel],
    },
    keep=["retention_levels", "retention_explain"],
)
