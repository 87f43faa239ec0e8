"""Overview: the team's headline figures and every area's alerts, each linking to the page
that fixes it."""

import streamlit as st

from dashboard import auth, clock
from dashboard import overview_views as views
from dashboard.i18n import t
from dashboard.navigation import ensure_app_shell
from dashboard.overview_panels import alerts_panel, headline_panel
from dashboard.session import db_path, page_header

ensure_app_shell()

path = db_path()
today = clock.today()

page_header(t("overview.title"), t("overview.caption", day=today.isoformat()))

figures, alerts = views.overview(path, today.isoformat())
if auth.is_admin():
    alerts = [*alerts, *views.admin_alerts(path, today.isoformat())]

headline_panel(figures)
with st.container(key="overview_alerts"):
    alerts_panel(alerts)
