"""Opening the SQLite file the way every part of the app needs it."""

import contextlib
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

from sqlite_utils import Database

from db.errors import DatabaseBusy

DEFAULT_DB = Path(__file__).resolve().parent / "ops.sqlite"
BUSY_TIMEOUT_MS = 30_000  # a write waits this long for another's (an import's apply: seconds)
NOTICE_AFTER_MS = 300  # ... and is announced (``announcing_waits``) when it waits longer
_waits = threading.local()  # the announcement of the current thread (a Streamlit session)


class OpsDatabase(Database):
    """A ``Database`` whose outermost ``atomic()`` takes the write lock up front
    (``BEGIN IMMEDIATE``): a deferred transaction that reads, then writes, fails at once
    with "database is locked" when another writer committed in between (WAL snapshots
    cannot be upgraded), whereas an immediate one waits its turn within the busy timeout."""

    @contextlib.contextmanager
    def atomic(self) -> Iterator["OpsDatabase"]:
        if self.conn.in_transaction:
            with super().atomic():
                yield self
            return
        begin(self.conn)
        try:
            yield self
        except BaseException:
            self.rollback()
            raise
        else:
            try:
                self.conn.execute("COMMIT")
            except BaseException:
                self.rollback()
                raise


def is_busy(error: BaseException) -> bool:
    """Whether ``error`` is SQLite's "database is locked/busy": another connection writes."""
    return isinstance(error, sqlite3.OperationalError) and (
        "locked" in str(error) or "busy" in str(error)
    )


@contextlib.contextmanager
def announcing_waits(announce: Callable[[], object]) -> Iterator[None]:
    """Inside, a write of this thread that must wait for another writer calls
    ``announce()`` first (so the page can say it is waiting, not frozen)."""
    _waits.announce = announce
    try:
        yield
    finally:
        _waits.announce = None


def begin(conn: sqlite3.Connection) -> None:
    """``BEGIN IMMEDIATE``: take the write lock, waiting up to ``BUSY_TIMEOUT_MS`` for
    another writer (announced, see ``announcing_waits``); ``DatabaseBusy`` if it never
    came (nothing was written)."""
    announce = getattr(_waits, "announce", None)
    try:
        if announce is not None:
            conn.execute(f"PRAGMA busy_timeout={NOTICE_AFTER_MS}")
            try:
                conn.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as error:
                if not is_busy(error):
                    raise
            finally:
                conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            announce()
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as error:
        if not is_busy(error):
            raise
        raise busy_error() from error


def busy_error() -> DatabaseBusy:
    """What a write says that waited in vain for another writer."""
    return DatabaseBusy("common.err.busy", seconds=max(1, BUSY_TIMEOUT_MS // 1000))


def default_db_path() -> Path:
    """The database file: ``OPS_DB`` if set, else ``db/ops.sqlite``."""
    return Path(os.environ.get("OPS_DB") or DEFAULT_DB)


def database_path(db: Database) -> str:
    """The file the connection has open (``""`` for an in-memory database)."""
    return str(db.execute("PRAGMA database_list").fetchone()[2])


def connect(path: str | Path | None = None, cache_kib: int | None = None) -> Database:
    """Open (creating if needed) the database in WAL mode with foreign keys and a busy timeout.

    The connection may be used from Streamlit's script threads of one session, one at a
    time (``check_same_thread=False``); writers are serialised by SQLite's own lock.

    :param cache_kib: the most page cache the connection keeps (SQLite's default, 2 MB,
        when ``None``): a connection held for a long time keeps its cache that long.
    """
    path = Path(path) if path is not None else default_db_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    db = OpsDatabase(conn)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA foreign_keys=ON")
    db.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    db.execute("PRAGMA synchronous=NORMAL")
    if cache_kib is not None:
        db.execute(f"PRAGMA cache_size=-{int(cache_kib)}")
    return db
