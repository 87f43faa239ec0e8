"""Ops Bench: page setup, the demo on first start, language, signed-in user, and the page
router."""

import os
from contextlib import closing

import streamlit as st

from dashboard import auth, clock
from dashboard.i18n import DEFAULT_LANGUAGE, LANG_KEY, LANGUAGES, t
from dashboard.navigation import (
    app_shell,
    build_navigation,
    cookie_language,
    preload_pages,
    set_document_language,
)
from dashboard.session import db_path, get_db, logging_run, returning_freed_memory
from db.connection import connect
from seed import seed_database


@st.cache_resource(show_spinner=False)
def seed_demo_once(path: str) -> bool:
    """Once per file and process: fill an empty database with the demo community (its own
    text in ``OPS_DEMO_LANG``), unless ``OPS_DEMO=0``. Returns whether it seeded."""
    if os.environ.get("OPS_DEMO", "1") == "0":
        return False
    with closing(connect(path)) as db:
        if db.execute("SELECT COUNT(*) FROM groups").fetchone()[0]:
            return False
        seed_database(db, "demo", clock.today(), lang=os.environ.get("OPS_DEMO_LANG", "en"))
    return True


with logging_run(auth.USER_KEY), app_shell(), returning_freed_memory():
    st.set_page_config(page_title="Ops Bench", page_icon=":material/hub:", layout="wide")
    get_db()  # the session's connection, the file migrated
    seed_demo_once(db_path())
    preload_pages()  # once per server, in the background
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
