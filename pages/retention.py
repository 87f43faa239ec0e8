"""Retention: who may leave and why (the book's churn causes plus activity signals), with
recognition, concerns, retention actions, exits and the churn score's thresholds."""

import streamlit as st

from dashboard import auth, clock
from dashboard import retention_panels as panels
from dashboard import retention_views as views
from dashboard.i18n import current_language, t
from dashboard.navigation import ensure_app_shell
from dashboard.session import page_db, page_header

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

# only the open tab runs (on_change="rerun"): the risk table and its chart, the exits'
# chart and the settings form cost nothing while a lead logs a recognition
risk_tab, recognition_tab, concerns_tab, actions_tab, exits_tab, settings_tab = st.tabs(
    [
        t("retention.tab.risk"),
        t("retention.tab.recognition"),
        t("retention.tab.concerns"),
        t("retention.tab.actions"),
        t("retention.tab.exits"),
        t("retention.tab.settings"),
    ],
    key="retention_tab",
    on_change="rerun",
)
if risk_tab.open:
    with risk_tab:
        panels.risk_panel(ctx)
if recognition_tab.open:
    with recognition_tab:
        panels.recognition_panel(ctx)
if concerns_tab.open:
    with concerns_tab:
        panels.concerns_panel(ctx)
if actions_tab.open:
    with actions_tab:
        panels.actions_panel(ctx)
if exits_tab.open:
    with exits_tab:
        panels.exits_panel(ctx)
if settings_tab.open:
    with settings_tab:
        panels.settings_panel(ctx)
