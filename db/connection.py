"""Opening the SQLite file the way every part of the app needs it."""

import os
import sqlite3
from pathlib import Path

from sqlite_utils import Database

DEFAULT_DB = Path(__file__).resolve().parent / "ops.sqlite"
BUSY_TIMEOUT_MS = 10_000


def default_db_path() -> Path:
    """The database file: ``OPS_DB`` if set, else ``db/ops.sqlite``."""
    return Path(os.environ.get("OPS_DB") or DEFAULT_DB)


def connect(path: str | Path | None = None) -> Database:
    """Open (creating if needed) the database in WAL mode with foreign keys and a busy timeout.

    The connection may be used from Streamlit's script threads of one session, one at a
    time (``check_same_thread=False``); writers are serialised by SQLite's own lock.
    """
    path = Path(path) if path is not None else default_db_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    db = Database(conn)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA foreign_keys=ON")
    db.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    db.execute("PRAGMA synchronous=NORMAL")
    return db
