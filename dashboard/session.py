"""The database as Streamlit sees it: one prepared file per path, one write connection per
session, read connections inside cached loaders (a few kept idle from one loader to the
next: ``reading``), and cache clearing on write:
a write clears the loaders that have read a table it wrote (see ``invalidating``)."""

import contextlib
import contextvars
import ctypes
import ctypes.util
import functools
import os
import sqlite3
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager

import streamlit as st
from sqlite_utils import Database
from streamlit.runtime.scriptrunner import StopException

from dashboard.areas import migrate
from dashboard.i18n import error_text, t
from db.connection import (
    announcing_waits,
    busy_error,
    connect,
    database_path,
    default_db_path,
    is_busy,
)
from db.errors import OpsError

DB_KEY = "ops_db"  # session-state key of the session's write connection
SESSION_CACHE_KIB = 512  # page cache of a session's connection during a run (freed after it)
LOADERS: list = []  # every cached loader with the tables it has read, so a write can clear it


def _glibc() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
    except OSError:
        return None
    return libc if libc is not None and hasattr(libc, "malloc_trim") else None  # glibc only


_LIBC = _glibc()


MMAP_THRESHOLD = 128 * 1024  # bytes: blocks this large get pages of their own (glibc's start)


def returning_big_blocks(threshold: int = MMAP_THRESHOLD) -> bool:
    """Give every block of ``threshold`` bytes or more pages of its own, unmapped as soon as
    it is freed; whether it applied.

    glibc starts so, but raises the threshold to the largest such block freed (up to
    32 MB): from then on the column arrays and pickles a page builds are carved out of the
    heap, and small long-lived objects allocated between them keep the freed space
    resident. Fixed at glibc's starting value, the server on the large database held about
    250 MB instead of about 410 MB once a session had browsed every page
    (``python -m benchmarks concurrency``). The price: such a block is mapped and unmapped
    each time, about 2 ms more to unpickle and sum a cached 3.5 MB frame.
    """
    return _LIBC is not None and bool(_LIBC.mallopt(-3, threshold))  # -3: M_MMAP_THRESHOLD


returning_big_blocks()  # once per process, when the app first imports this module


def shrink_connection(db: Database) -> None:
    """Have SQLite free what ``db`` holds that it can read again (its page cache): a
    session's connection lives as long as the session, idle between runs."""
    with contextlib.suppress(sqlite3.Error):  # closed (a restore replaced the file)
        db.execute("PRAGMA shrink_memory")


_RUN = threading.local()  # the connection get_db handed out in this thread's run


@contextmanager
def returning_freed_memory() -> Iterator[None]:
    """Around a run: afterwards, the session's connection lets go of its page cache
    (``shrink_connection``), so that what a page read for one session does not stay
    resident while the session is idle.

    (A ``malloc_trim`` here, after each run, made no measurable difference to the server's
    RSS once ``returning_big_blocks`` applied, in ``python -m benchmarks concurrency``; nor
    did glibc's ``M_ARENA_MAX``: neither is used.)

    The connection is the one ``get_db`` handed out in this run (``_RUN``), not read from
    session state here: once a page called ``st.stop()``, reading session state raises the
    stop again, and the run would end with its page cache kept."""
    _RUN.connection = None
    try:
        yield
    finally:
        connection, _RUN.connection = getattr(_RUN, "connection", None), None
        if connection is not None:
            shrink_connection(connection)


RUN_LOG = "OPS_RUN_LOG"  # environment: a file where each run appends when it ran, for whom


@contextmanager
def logging_run(user_key: str) -> Iterator[None]:
    """Around a run, if ``OPS_RUN_LOG`` names a file: append a line to it once the run
    ends, ``started ended username how`` (epoch seconds; how: ``done`` or the exception that
    ended it, such as a rerun). For ``python -m benchmarks concurrency``, which tells from
    it whether a slow page open was the server's run or the browser's."""
    log = os.environ.get(RUN_LOG)
    if not log:
        yield
        return
    started, how, user = time.time(), "done", st.session_state.get(user_key)
    try:
        yield
    except BaseException as error:
        how = type(error).__name__
        raise
    finally:
        # who the run was for at its end (a sign-in's run): after st.stop() reading session
        # state raises the stop again, and the run is logged for whom it began with
        with contextlib.suppress(StopException):
            user = st.session_state.get(user_key)
        with open(log, "a") as out:
            out.write(f"{started:.3f} {time.time():.3f} {user or '-'} {how}\n")


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
    _RUN.connection = st.session_state[DB_KEY][1]
    return _RUN.connection


# the read sets of the loaders running in this thread, innermost last (a loader may call one)
_TRACING: contextvars.ContextVar[tuple[set[str], ...]] = contextvars.ContextVar(
    "ops_loader_reads", default=()
)
_WRITES = (sqlite3.SQLITE_INSERT, sqlite3.SQLITE_UPDATE, sqlite3.SQLITE_DELETE)
_SCHEMA = (sqlite3.SQLITE_CREATE_TABLE, sqlite3.SQLITE_DROP_TABLE, sqlite3.SQLITE_ALTER_TABLE)
EVERYTHING = "*"  # in a written set: clear every loader
AUDIT_CHECK_S = 1.0  # how often a loader looks for other writers' audit rows
_AUDIT_SEEN: dict[str, tuple[float, int]] = {}  # path → (checked at, newest audit id known)


READERS_KEPT = 4  # idle reading connections kept (all files together) for the next loaders
_IDLE_READERS: list[tuple[str, tuple[int, int], Database]] = []  # least recently kept first
_IDLE_LOCK = threading.Lock()


def _file_identity(path: str) -> tuple[int, int] | None:
    """The file ``path`` names now (device, inode): a kept connection to a file since
    replaced by another at that path must not read it."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_dev, found.st_ino


def _idle_reader(path: str, identity: tuple[int, int] | None) -> Database | None:
    """A kept reading connection to the file ``path`` names now, if one is idle (those
    kept of a file since replaced are closed)."""
    stale, found = [], None
    with _IDLE_LOCK:
        for index in range(len(_IDLE_READERS) - 1, -1, -1):
            kept_path, kept_identity, db = _IDLE_READERS[index]
            if kept_path != path:
                continue
            del _IDLE_READERS[index]
            if kept_identity == identity:
                found = db
                break
            stale.append(db)
    for db in stale:
        db.close()
    return found


def _keep_reader(path: str, identity: tuple[int, int] | None, db: Database) -> bool:
    """Keep ``db`` for the next loader of ``path``, without its page cache (as a session's
    connection between runs), unless it is inside a transaction; the least recently kept
    connection beyond ``READERS_KEPT`` is closed."""
    if identity is None or db.conn.in_transaction:
        return False
    shrink_connection(db)
    with _IDLE_LOCK:
        _IDLE_READERS.append((path, identity, db))
        evicted = _IDLE_READERS.pop(0) if len(_IDLE_READERS) > READERS_KEPT else None
    if evicted is not None:
        evicted[2].close()
    return True


@contextmanager
def reading(path: str) -> Iterator[Database]:
    """A short-lived connection for a cached loader (loaders may run in any session).

    Inside a loader, SQLite's authorizer notes every table a statement reads (views and
    joins resolve to their tables) into the read sets of the running loaders.

    The connection is one kept from an earlier ``reading`` of the file when one is idle
    (opening one reads the schema, about 1 ms on the large database, twice per board run
    after a value write): in autocommit, each statement reads the database as it is when
    it starts, and setting the authorizer has every cached statement prepared again, so
    seen by it. A ``reading`` that raised closes its connection instead."""
    identity = _file_identity(path)
    db = _idle_reader(path, identity) or connect(path)
    readers = _TRACING.get()
    finished = False
    try:
        if readers:

            def note(action: int, table: str | None, *_: object) -> int:
                if action == sqlite3.SQLITE_READ and table:
                    for reads in readers:
                        reads.add(table)
                return sqlite3.SQLITE_OK

            db.conn.set_authorizer(note)
        yield db
        finished = True
    finally:
        if readers:
            db.conn.set_authorizer(None)
        if not (finished and _keep_reader(path, identity, db)):
            db.close()


def _newest_audit_id(db: Database) -> int:
    return db.execute("SELECT COALESCE(MAX(id), 0) FROM audit_log").fetchone()[0]


def _catch_up(path: str) -> None:
    """At most every ``AUDIT_CHECK_S``: if audit rows appeared that no write of this process
    accounted for (another process, such as ``python -m dashboard.ingest`` or a second
    server, or a write outside ``run_write``), clear every loader."""
    now = time.monotonic()
    seen = _AUDIT_SEEN.get(path)
    if seen is not None and now - seen[0] < AUDIT_CHECK_S:
        return
    try:
        with closing(connect(path)) as db:
            newest = _newest_audit_id(db)
    except sqlite3.OperationalError:  # no audit log (yet): nothing to compare
        return
    if seen is not None and newest != seen[1]:
        clear_caches()
    _AUDIT_SEEN[path] = (now, newest)


def loader(ttl: int = 300, shared: bool = False) -> Callable:
    """``@loader()`` makes a cached read function whose first argument is the db path.

    Each run of the function notes the tables it reads (through ``reading``); a write
    clears the loaders that have read a table it wrote (``invalidating``). A loader called
    by another adds its tables to the caller's. Writes by other processes are caught by
    ``_catch_up`` (within ``AUDIT_CHECK_S``), and ``ttl`` bounds any entry's age.

    Each call returns a copy of the cached answer (``st.cache_data`` pickles it), except
    with ``shared=True``: every caller then gets the one cached object (``st.cache_resource``),
    for a big answer of immutable values read by other loaders, whose every hit would
    otherwise unpickle all of it. Its callers must never change it."""

    def wrap(fn: Callable) -> Callable:
        reads: set[str] = set()

        @functools.wraps(fn)
        def traced(*args, **kwargs):
            token = _TRACING.set((*_TRACING.get(), reads))
            try:
                return fn(*args, **kwargs)
            finally:
                _TRACING.reset(token)

        cache = st.cache_resource if shared else st.cache_data
        cached = cache(ttl=ttl, show_spinner=False)(traced)

        @functools.wraps(fn)
        def call(path: str, *args, **kwargs):
            _catch_up(path)
            for _ in range(RECOMPUTES):
                since = _clear_count()
                answer = cached(path, *args, **kwargs)
                if not _cleared_since(since, reads):
                    break
                # A write cleared this loader while it computed: its answer may predate the
                # write and must not stay cached (it would until the next write or the ttl).
                cached.clear(path, *args, **kwargs)
            for outer in _TRACING.get():
                outer |= reads  # what a cached answer of this loader read
            return answer

        call.clear = cached.clear
        LOADERS.append((reads, cached))
        return call

    return wrap


def stored(read: Callable, ttl: int = 300) -> Callable:
    """The ``loader`` of a storage read as it stands: ``stored(store.exits)(path, *args)`` is
    ``store.exits(db, *args)`` on a ``reading`` connection of ``path``, cached.

    The loader takes ``read``'s name, docstring and source, which name its cache: wrap a
    read once (two loaders of one read would share a cache)."""

    def load(path: str, *args, **kwargs):
        with reading(path) as db:
            return read(db, *args, **kwargs)

    return loader(ttl)(functools.update_wrapper(load, read))


RECOMPUTES = 3  # a loader whose run a write overlapped runs again, at most this many times
_CLEARS: deque = deque(maxlen=256)  # the latest clears: (clear number, tables or None)
_CLEARS_LOCK = threading.Lock()


def _clear_count() -> int:
    return _CLEARS[-1][0] if _CLEARS else 0


def _cleared_since(since: int, reads: set[str]) -> bool:
    """Whether a clear after the ``since``-th could have cleared a loader that read
    ``reads`` (an empty set: the loader has not finished a first run, so it may have)."""
    if _clear_count() == since:  # the usual case, on every loader call: no clear since
        return False
    with _CLEARS_LOCK:
        later = [tables for number, tables in _CLEARS if number > since]
        forgotten = bool(_CLEARS) and _CLEARS[0][0] > since + 1
    return forgotten or any(
        tables is None or EVERYTHING in tables or not reads or reads & tables for tables in later
    )


def clear_caches(tables: set[str] | None = None) -> None:
    """Clear the loaders that have read one of ``tables`` (every loader without it)."""
    with _CLEARS_LOCK:
        _CLEARS.append((_clear_count() + 1, None if tables is None else frozenset(tables)))
    for reads, cached in LOADERS:
        if tables is None or EVERYTHING in tables or reads & tables:
            cached.clear()


@contextmanager
def invalidating(db: Database) -> Iterator[set[str]]:
    """Around a write on ``db``: note the tables its statements write (SQLite's authorizer
    sees triggers and foreign-key cascades too) and, if it succeeds, clear the loaders that
    read them. A write that ran no statement on ``db`` clears every loader (it may have
    written through another connection); so does a schema change."""
    written: set[str] = set()
    used = False

    def note(action: int, table: str | None, *_: object) -> int:
        nonlocal used
        used = True
        if action in _WRITES and table:
            written.add(table)
        elif action in _SCHEMA:
            written.add(EVERYTHING)
        return sqlite3.SQLITE_OK

    path = database_path(db)
    before = _newest_audit_id(db) if path else None
    db.conn.set_authorizer(note)  # also expires cached statements: each is seen again
    try:
        yield written
    finally:
        db.conn.set_authorizer(None)
    clear_caches(written if used else None)
    seen = _AUDIT_SEEN.get(path)
    if seen is not None and seen[1] == before:  # nobody else wrote since: still caught up
        _AUDIT_SEEN[path] = (seen[0], _newest_audit_id(db))


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

    After a successful write, clears the loaders that read what it wrote (through the
    session's connection; every loader if there is none). Row-level problems of a grid save
    are listed under the message. A write that must wait for another writer says so while
    it waits; one that waited in vain says that nothing was saved.
    """
    held = st.session_state.get(DB_KEY)
    waiting = []  # the notice shown while the write waits for another writer, if it must
    try:
        with announcing_waits(lambda: waiting.append(st.info(t("common.busy_waiting")))):
            if held is None:
                result = action()
                clear_caches()
            else:
                with invalidating(held[1]):
                    result = action()
    except OpsError as error:
        st.error(describe_error(error))
        return None
    except sqlite3.OperationalError as error:
        if not is_busy(error):  # a write outside ``atomic()`` (it raises ``DatabaseBusy``)
            raise
        st.error(error_text(busy_error()))
        return None
    finally:
        for notice in waiting:
            notice.empty()
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


def submit_clearing(action: Callable[[], object], success: str, *cleared: str) -> None:
    """``submit`` for a form that starts afresh: on success its ``cleared`` fields (session
    state keys) are emptied before the rerun; a refused write keeps what was typed."""

    def write_then_clear() -> object:
        result = action()
        for key in cleared:
            st.session_state.pop(key, None)
        return result

    submit(write_then_clear, success)


def page_header(title: str, caption: str | None = None) -> None:
    """The page's title, its caption, and the messages the last write kept for the page."""
    st.title(title)
    if caption:
        st.caption(caption)
    show_notices()


def page_db() -> tuple[Database, str]:
    """The session connection and the path for loaders, as pages need them."""
    return get_db(), db_path()
