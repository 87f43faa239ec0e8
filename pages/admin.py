"""Admin (admins only): accounts and their roles, the audit log, backup and restore, and
the chat channels that carry digests."""

import streamlit as st

from dashboard import admin_panels as panels
from dashboard import auth, clock
from dashboard.i18n import current_language, t
from dashboard.navigation import ensure_app_shell
from dashboard.notify_panels import channels_panel
from dashboard.session import page_db, page_header
from dashboard.tabs import run_open_tab

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

# only the open tab runs: the audit log and channels cost nothing while a lead edits accounts
run_open_tab(
    "admin_tab",
    {
        t("admin.tab.users"): lambda: panels.users_panel(db, path, actor, lang, today),
        t("admin.tab.audit"): lambda: panels.audit_panel(path, today),
        t("admin.tab.backup"): lambda: panels.backup_panel(db, actor, path, today),
        t("admin.tab.channels"): lambda: channels_panel(db, actor, lang, today),
    },
)
