"""Who is using the app. ``st.session_state[USER_KEY]`` holds the signed-in username."""

import streamlit as st

from dashboard.session import get_db
from db.access import user_row

USER_KEY = "auth_user"


def current_user() -> dict:
    """The signed-in user's row (``username``, ``display_name``, ``app_role``, ...)."""
    username = st.session_state.get(USER_KEY)
    user = user_row(get_db(), username) if username else None
    if user is None:
        raise RuntimeError("no signed-in user: streamlit_app.py signs in before any page runs")
    return user


def actor() -> str:
    """The username that writes are made as (and audited under)."""
    return current_user()["username"]


def can_write() -> bool:
    return current_user()["app_role"] in ("admin", "lead")


def ensure_signed_in() -> None:
    """Make sure somebody is signed in before a page runs (``OPS_USER``, default ``admin``)."""
    import os

    st.session_state.setdefault(USER_KEY, os.environ.get("OPS_USER", "admin"))
