"""Admin (admins only): accounts and their roles, the audit log, backup and restore, and
the chat channels that carry digests."""

import streamlit as st

from dashboard import admin_panels as panels
from dashboard import auth, clock
from dashboard.i18n import current_language, t
from dashboard.navigation import ensure_app_shell
from dashboard.notify_panels import channels_panel
from dashboard.session import page_db, page_header

ensure_app_shell()

db, path = page_db()
lang = current_language()
today = clock.today()

if not auth.is_admin():
    st.title(t("admin.title"))
    st.warning(t("admin.only"))
    st.stop()
actor = auth.actor()
page_header(t("admin.title"), t("admin.caption"))

# only the open tab runs (on_change="rerun"): the audit log and channels cost nothing
# while a lead edits accounts
users_tab, audit_tab, backup_tab, channels_tab = st.tabs(
    [t("admin.tab.users"), t("admin.tab.audit"), t("admin.tab.backup"), t("admin.tab.channels")],
    key="admin_tab",
    on_change="rerun",
)
if users_tab.open:
    with users_tab:
        panels.users_panel(db, path, actor, lang, today)
if audit_tab.open:
    with audit_tab:
        panels.audit_panel(path, today)
if backup_tab.open:
    with backup_tab:
        panels.backup_panel(db, actor, path, today)
if channels_tab.open:
    with channels_tab:
        channels_panel(db, actor, lang, today)
