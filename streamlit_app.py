"""Ops Bench: page setup, language, signed-in user, and the page router."""

import streamlit as st

from dashboard import auth
from dashboard.i18n import DEFAULT_LANGUAGE, LANG_KEY, LANGUAGES, t
from dashboard.navigation import (
    app_shell,
    build_navigation,
    cookie_language,
    set_document_language,
)
from dashboard.session import get_db

with app_shell():
    st.set_page_config(page_title="Ops Bench", page_icon=":material/hub:", layout="wide")
    get_db()  # migrations, and the demo community on first start
    auth.restore_session()  # who is signed in, and their language, before anything is drawn
    st.session_state.setdefault(LANG_KEY, cookie_language() or DEFAULT_LANGUAGE)

    with st.sidebar:
        st.selectbox(
            t("app.language"),
            options=list(LANGUAGES),
            format_func=LANGUAGES.get,
            key=LANG_KEY,
            on_change=auth.language_changed,
        )
        set_document_language(st.session_state[LANG_KEY])

    auth.ensure_signed_in()

    with st.sidebar:
        st.caption(t("app.signed_in_as", name=auth.current_user()["display_name"]))

    st.navigation(build_navigation(admin=auth.is_admin())).run()
