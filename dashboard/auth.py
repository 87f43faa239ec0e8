"""Who is using the app. ``st.session_state[USER_KEY]`` holds the signed-in username.

Two ways in:

- **local accounts** (default): a sign-in form checks the argon2 hash
  (``dashboard.domain.accounts.authenticate``), which slows down repeated failures per
  account, per client address and per both, and makes a one-time or reset password be
  changed first. A sign-in is remembered by a cookie; each run checks that it has not been
  ended since (sign-out ends every sign-in of the user, in every tab);
- **OIDC**: when ``.streamlit/secrets.toml`` has an ``[auth]`` section, Streamlit's
  ``st.login()`` signs people in and ``st.user.email`` is matched to an account's ``email``
  (or its username); people without an account are told to ask an admin.

The language chosen by a signed-in user is stored with the account and applied wherever
they are signed in (new tabs, reloads, deep links).
"""

import contextlib
from collections.abc import Mapping

import streamlit as st

from dashboard import clock
from dashboard.domain import accounts
from dashboard.i18n import LANG_KEY, error_text, t
from dashboard.navigation import build_navigation, relabel_choices
from dashboard.session import get_db
from db.access import user_row, writable_group_ids
from db.connection import database_path
from db.errors import OpsError

USER_KEY = "auth_user"
SESSION_COOKIE = "ops_session"
TOKEN_KEY = "accounts_token"  # this browser session's remembered sign-in
COOKIE_KEY = "accounts_cookie"  # a cookie to write (token) or clear ("") on the next run
LANG_USER_KEY = "accounts_lang_user"  # the user whose stored language this session applied
LANG_CHOSEN_KEY = "accounts_lang_chosen"  # a language picked before signing in: keep it
ENDED_KEY = "accounts_ended"  # this tab's sign-in was ended elsewhere: say so once
OWN_PASSWORD_KEY = "accounts_own_open"  # whether the change-my-password popover is open


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
    """Whether the signed-in user may change anything (admins and leads)."""
    return current_user()["app_role"] in ("admin", "lead")


def writable_groups() -> set[int] | None:
    """The groups the signed-in user may change: ``None`` all, an empty set none (see
    ``db.access.writable_group_ids``, the rule every write enforces)."""
    return writable_group_ids(get_db(), actor())


def is_admin() -> bool:
    """Whether the signed-in user is an admin."""
    return current_user()["app_role"] == "admin"


def oidc_provider(secrets: Mapping) -> str | None:
    """``""`` for a single OIDC provider configured in ``[auth]``, the name of the first
    named provider (``[auth.google]``...), or ``None`` when OIDC is not configured."""
    section = secrets.get("auth") if hasattr(secrets, "get") else None
    if not section:
        return None
    if "client_id" in section:
        return ""
    for name, value in section.items():
        if isinstance(value, Mapping) and "client_id" in value:
            return name
    return None


def _configured_provider() -> str | None:
    try:
        return oidc_provider(st.secrets)
    except Exception:  # noqa: BLE001 - no secrets.toml at all: local accounts
        return None


@st.cache_resource(show_spinner=False)
def _first_admin(path: str) -> bool:
    """Once per file and process: a database without accounts gets ``admin`` with a
    one-time password, printed in the terminal (or taken from ``OPS_ADMIN_PASSWORD``)."""
    password = accounts.ensure_admin(get_db(), clock.today())
    if password is not None:
        print(  # noqa: T201 - the terminal is where the operator reads it
            "\n  Ops Bench: created user 'admin' with the one-time password: "
            f"{password}\n  (it must be changed at first sign-in)\n",
            flush=True,
        )
    return password is not None


def _cookie_token() -> str | None:
    try:
        token = st.context.cookies.get(SESSION_COOKIE)
    except Exception:  # noqa: BLE001 - no browser (AppTest, bare mode)
        return None
    return token if isinstance(token, str) and token else None


def _write_cookie(token: str) -> None:
    """Set (or with ``""`` clear) the sign-in cookie, so a reload or a link opened in a
    new tab stays signed in. The token is random; the database keeps only its hash."""
    age = int(accounts.SESSION_TTL.total_seconds()) if token else 0
    st.html(
        f"<script>document.cookie = '{SESSION_COOKIE}={token}; path=/; max-age={age};"
        " samesite=strict' + (location.protocol === 'https:' ? '; secure' : '');</script>",
        unsafe_allow_javascript=True,
    )


def client_address(address: object, headers: Mapping) -> str | None:
    """The visitor's address: the connection's (``address``), or, when that is the machine
    itself (``None``: a reverse proxy on it, or a developer), the address the proxy put
    last in ``X-Forwarded-For`` / ``X-Real-IP`` (earlier entries are the visitor's to
    forge); ``None`` when nothing says."""
    if isinstance(address, str) and address:
        return address
    forwarded = headers.get("X-Forwarded-For") or headers.get("X-Real-IP") or ""
    last = forwarded.split(",")[-1].strip() if isinstance(forwarded, str) else ""
    return last or None


def _client() -> str | None:
    try:
        return client_address(st.context.ip_address, st.context.headers)
    except Exception:  # noqa: BLE001 - no browser (AppTest, bare mode)
        return None


def _forget_user() -> None:
    for key in (USER_KEY, TOKEN_KEY, LANG_USER_KEY, "accounts_password", "accounts_username"):
        st.session_state.pop(key, None)


def sign_out() -> None:
    """Sign the user out everywhere: every remembered sign-in of theirs ends (other tabs
    show the sign-in at their next run), this browser's cookie is cleared, and an OIDC
    session ends."""
    if _configured_provider() is None:
        accounts.end_sessions(get_db(), st.session_state.get(USER_KEY))
    st.session_state[COOKIE_KEY] = ""
    _forget_user()
    if _configured_provider() is not None:
        st.logout()


def _apply_language(user: dict) -> None:
    """Once per signed-in user and session: their stored language wins, unless a language
    was picked on the sign-in page, which is then stored for them."""
    chosen = st.session_state.pop(LANG_CHOSEN_KEY, False)
    if user["language"] and not chosen:
        st.session_state[LANG_KEY] = user["language"]
    elif chosen and st.session_state.get(LANG_KEY):
        accounts.remember_language(get_db(), user["username"], st.session_state[LANG_KEY])
    st.session_state[LANG_USER_KEY] = user["username"]


def restore_session() -> None:
    """Before anything is drawn: drop this tab's sign-in if it was ended elsewhere (a
    sign-out in another tab, a password reset), resume a remembered one from the cookie,
    and apply the signed-in user's language (so that the language box shows it)."""
    db = get_db()
    state = st.session_state
    if _configured_provider() is None:
        token = state.get(TOKEN_KEY)
        if state.get(USER_KEY) and token and accounts.resume_session(db, token) is None:
            _forget_user()
            state[ENDED_KEY] = True
        if not state.get(USER_KEY) and state.get(COOKIE_KEY) != "":
            remembered = accounts.resume_session(db, _cookie_token())
            if remembered is not None:
                state[USER_KEY] = remembered["username"]
                state[TOKEN_KEY] = _cookie_token()
    username = state.get(USER_KEY)
    if username and state.get(LANG_USER_KEY) != username:
        user = user_row(db, username)
        if user is not None:
            _apply_language(user)


def language_changed() -> None:
    """``on_change`` of the language box: relabel the chosen options, and keep the choice
    with the signed-in user (or, before signing in, for the user about to sign in)."""
    relabel_choices()
    username = st.session_state.get(USER_KEY)
    if not username:
        st.session_state[LANG_CHOSEN_KEY] = True
        return
    with contextlib.suppress(OpsError):  # the account is gone (a restore): the run signs out
        accounts.remember_language(get_db(), username, st.session_state[LANG_KEY])


def _sign_in_form() -> None:
    st.title(t("accounts.sign_in.title"))
    st.caption(t("accounts.sign_in.caption"))
    if st.session_state.pop(ENDED_KEY, False):
        st.info(t("accounts.signed_out_elsewhere"))
    with st.form("accounts_sign_in"):
        username = st.text_input(t("accounts.username"), key="accounts_username")
        password = st.text_input(t("accounts.password"), type="password", key="accounts_password")
        submitted = st.form_submit_button(t("accounts.sign_in.submit"), type="primary")
    if submitted:
        try:
            user = accounts.authenticate(get_db(), username, password, client=_client())
        except OpsError as error:
            st.error(error_text(error))
        else:
            token = accounts.start_session(get_db(), user["username"])
            st.session_state[TOKEN_KEY] = st.session_state[COOKIE_KEY] = token
            st.session_state[USER_KEY] = user["username"]
            st.rerun()


def _password_form(user: dict, form_key: str, prefix: str) -> bool:
    """Current, new and repeated password; ``True`` once the password has been changed.
    On a refusal the message is shown and what was typed stays."""
    with st.form(form_key):
        current = st.text_input(
            t("accounts.change.current"), type="password", key=f"{prefix}_current"
        )
        new = st.text_input(t("accounts.change.new"), type="password", key=f"{prefix}_new")
        repeat = st.text_input(t("accounts.change.repeat"), type="password", key=f"{prefix}_repeat")
        submitted = st.form_submit_button(t("accounts.change.submit"), type="primary")
    if not submitted:
        return False
    try:
        accounts.change_own_password(get_db(), user["username"], current, new, repeat)
    except OpsError as error:
        st.error(error_text(error))
        return False
    return True


def _change_password_form(user: dict) -> None:
    st.title(t("accounts.change.title"))
    st.info(t("accounts.change.required", name=user["display_name"] or user["username"]))
    if _password_form(user, "accounts_change_password", "accounts"):
        st.rerun()
    st.button(t("accounts.sign_out"), key="accounts_sign_out_change", on_click=sign_out)


def _own_password_popover(user: dict) -> None:
    """In the sidebar: anybody signed in with a local account may change their password.
    Its form is built only while the popover is open (the shell runs on every page run)."""
    popover = st.popover(
        t("accounts.change.open"), icon=":material/key:", key=OWN_PASSWORD_KEY, on_change="rerun"
    )
    if not popover.open:
        return
    with popover:
        if _password_form(user, "accounts_own_password", "accounts_own"):
            for field in ("current", "new", "repeat"):
                st.session_state.pop(f"accounts_own_{field}", None)
            st.success(t("accounts.change.done"))


def _stop_before_page() -> None:
    """End this run before the page: the sign-in stands in for it. The menu is registered
    hidden, so that a deep link (``/org_structure``) keeps its page and opens it once the
    person has signed in."""
    st.navigation(build_navigation(), position="hidden")
    st.stop()


def _oidc_sign_in(provider: str) -> None:
    """Map the OIDC identity to an account, or offer the provider's sign-in."""
    if not st.user.is_logged_in:
        st.title(t("accounts.sign_in.title"))
        if st.button(t("accounts.sign_in.oidc"), key="accounts_oidc_login", type="primary"):
            st.login(provider or None)
        _stop_before_page()
    user = accounts.user_for_email(get_db(), st.user.get("email"))
    if user is None:
        st.title(t("accounts.sign_in.title"))
        st.error(t("accounts.err.no_account_for_email", email=st.user.get("email") or "?"))
        st.button(t("accounts.sign_out"), key="accounts_oidc_logout", on_click=sign_out)
        _stop_before_page()
    st.session_state[USER_KEY] = user["username"]


def ensure_signed_in() -> None:
    """Run before any page (after ``restore_session``): show the sign-in (or forced
    password change) and stop the script until somebody is signed in; then offer sign-out
    in the sidebar."""
    db = get_db()
    username = st.session_state.get(USER_KEY)
    if username and user_row(db, username) is None:  # account gone (e.g. after a restore)
        sign_out()
        username = None
    provider = _configured_provider()
    if COOKIE_KEY in st.session_state and (username or st.session_state[COOKIE_KEY] == ""):
        with st.sidebar:
            _write_cookie(st.session_state.pop(COOKIE_KEY))
    if not username:
        if provider is not None:
            _oidc_sign_in(provider)
        else:
            _first_admin(database_path(db))
            _sign_in_form()
            _stop_before_page()
    user = current_user()
    if provider is None and user.get("must_change_password"):
        _change_password_form(user)
        _stop_before_page()
    with st.sidebar:
        st.button(
            t("accounts.sign_out"),
            key="accounts_sign_out",
            icon=":material/logout:",
            on_click=sign_out,
        )
        if provider is None:
            _own_password_popover(user)
