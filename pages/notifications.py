"""My notifications: one's own digests (channel, schedule, alert kinds), mutes, time zone,
and what was sent."""

import streamlit as st

from dashboard import auth
from dashboard import notify_panels as panels
from dashboard.i18n import LANGUAGES, current_language, t
from dashboard.navigation import ensure_app_shell
from dashboard.session import page_db, page_header

ensure_app_shell()

db, path = page_db()
lang = current_language()
username = auth.actor()

page_header(t("notify.my.title"), t("notify.my.caption", language=LANGUAGES[lang]))
panels.time_zone_panel(db, username, lang)
panels.subscriptions_panel(db, username, lang)
panels.mutes_panel(db, username, lang)
st.subheader(t("notify.my.sent"))
panels.deliveries_panel(db, lang, username)
