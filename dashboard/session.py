"""The database as Streamlit sees it: one prepared file per path, one write connection per
session, short-lived read connections inside cached loaders, and cache clearing on write."""

import ctypes
import ctypes.util
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager

import streamlit as st
from sqlite_utils import Database

from dashboard.areas import migrate
from dashboard.i18n import error_text
from db.connection import connect, default_db_path
from db.errors import OpsError

DB_KEY = "ops_db"  # session-state key of the session's write connection
SESSION_CACHE_KIB = 512  # page cache of a session's connection: kept while the session lives
LOADERS: list = []  # every cached loader, so a write can clear them
MALLOC_ARENAS = 2  # glibc's M_ARENA_MAX for the server process


def _glibc() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
    except OSError:
        return None
    return libc if libc is not None and hasattr(libc, "malloc_trim") else None  # glibc only


_LIBC = _glibc()


def share_malloc_arenas(arenas: int = MALLOC_ARENAS) -> bool:
    """Let the server's threads share ``arenas`` malloc arenas; whether it applied.

    Each session runs its script in a thread of its own, and glibc gives each busy thread
    an arena of its own (up to 8 per core), which keeps what a run freed for that arena:
    the frames pages built stayed resident per session (about 50 MB each with 8 sessions
    on the large database). With few arenas, ``release_freed_memory`` can hand it back.
    """
    return _LIBC is not None and bool(_LIBC.mallopt(-8, arenas))  # -8: M_ARENA_MAX


@contextmanager
def returning_freed_memory() -> Iterator[None]:
    """Around a run: afterwards, give the memory freed so far back to the system
    (``malloc_trim``), so that what a page built for one session does not stay resident."""
    try:
        yield
    finally:
        if _LIBC is not None:
            _LIBC.malloc_trim(0)


share_malloc_arenas()  # once per process, when the app first imports this module


def db_path() -> str:
    """The database file of this app run (``OPS_DB`` or ``db/ops.sqlite``)."""
    return str(default_db_path().resolve())


@st.cache_resource(show_spinner=False)
def prepare_database(path: str) -> None:
    """Once per file and process: apply the pending migrations."""
    with closing(connect(path)) as db:
        migrate(db)


def get_db() -> Database:
    """This session's connection (opened on first use, reopened if ``OPS_DB`` changed)."""
    path = db_path()
    held = st.session_state.get(DB_KEY)
    if held is None or held[0] != path:
        prepare_database(path)
        st.session_state[DB_KEY] = (path, connect(path, cache_kib=SESSION_CACHE_KIB))
    return st.session_state[DB_KEY][1]


@contextmanager
def reading(path: str) -> Iterator[Database]:
    """A short-lived connection for a cached loader (loaders may run in any session)."""
    with closing(connect(path)) as db:
        yield db


def loader(ttl: int = 300) -> Callable:
    """``@loader()`` makes a cached read function whose first argument is the db path;
    every write clears all loaders through ``clear_caches``."""

    def wrap(fn: Callable) -> Callable:
        cached = st.cache_data(ttl=ttl, show_spinner=False)(fn)
        LOADERS.append(cached)
        return cached

    return wrap


def clear_caches() -> None:
    for cached in LOADERS:
        cached.clear()


def describe_error(error: OpsError) -> str:
    """The error in the user's language, with a bullet per row problem of a grid save."""
    lines = [error_text(error)]
    for row_label, key, params in getattr(error, "row_errors", []):
        if not row_label and key == error.key:
            continue  # the headline already says it
        text = error_text(type(error)(key, **params))
        lines.append(f"- **{row_label}**: {text}" if row_label else f"- {text}")
    return "\n".join(lines)


def run_write(action: Callable[[], object], success: str | None = None) -> object | None:
    """Run a write; on a user error show it (in the user's language) and return ``None``.

    Clears the loaders' caches after a successful write. Row-level problems of a grid save
    are listed under the message.
    """
    try:
        result = action()
    except OpsError as error:
        st.error(describe_error(error))
        return None
    clear_caches()
    if success:
        st.toast(success)
    return result if result is not None else True


NOTICES_KEY = "ops_notices"  # session-state key of the messages kept across a rerun


def notify(text: str, kind: str = "success", place: str = "page") -> None:
    """Keep a message to show after the rerun a write triggers.

    :param kind: ``success``, ``info``, ``warning`` or ``error`` (how it is shown).
    :param place: where it is shown: ``page`` (under the page's title, by ``page_header``)
        or the key of a panel that calls ``show_notices(place)`` itself.
    """
    st.session_state.setdefault(NOTICES_KEY, {}).setdefault(place, []).append((kind, text))


def show_notices(place: str = "page") -> None:
    """Show, and forget, the messages kept for ``place`` since the last run."""
    for kind, text in st.session_state.get(NOTICES_KEY, {}).pop(place, []):
        getattr(st, kind)(text)


def submit(
    action: Callable[[], object], success: str | None = None, place: str = "page"
) -> object | None:
    """The form → write → message → rerun cycle: run the write (a user error is shown
    where the form is, nothing is kept); on success keep ``success`` for ``place`` and
    rerun, so every panel shows what the write changed."""
    result = run_write(action)
    if result is None:
        return None
    if success:
        notify(success, place=place)
    st.rerun()


def page_header(title: str, caption: str | None = None) -> None:
    """The page's title, its caption, and the messages the last write kept for the page."""
    st.title(title)
    if caption:
        st.caption(caption)
    show_notices()


def page_db() -> tuple[Database, str]:
    """The session connection and the path for loaders, as pages need them."""
    return get_db(), db_path()
