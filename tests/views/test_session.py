"""The server process's memory: the big blocks concurrent runs freed go back to the system,
and a session's connection keeps no page cache between runs."""

import ctypes
import subprocess
import sys
import textwrap
from contextlib import closing
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.session import DB_KEY, SESSION_CACHE_KIB
from db.connection import connect
from tests.conftest import ROOT

# Eight session threads build ~35 MB of frames each at once and drop them, keeping a few
# small objects allocated in between (as runs do), in a process that has imported what the
# app imports, and ``dashboard.session`` (which applies ``returning_big_blocks``) or not.
CONCURRENT_RUNS = textwrap.dedent(
    """
    import threading
    import numpy as np
    import pandas, sqlite_utils, streamlit
    {import_app}

    def rss_mb():
        for line in open("/proc/self/status"):
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024

    before = rss_mb()
    barrier = threading.Barrier(8)
    kept = []

    def run():
        barrier.wait()
        frames = [np.ones(100_000 + 1_000 * i) for i in range(40)]
        barrier.wait()
        kept.extend(np.ones(10) for _ in range(100))
        del frames
        barrier.wait()

    threads = [threading.Thread(target=run) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print(round(rss_mb() - before))
    """
)


@pytest.mark.parametrize("app", [True, False])
def test_big_blocks_freed_by_concurrent_runs_go_back_to_the_system(app: bool) -> None:
    script = CONCURRENT_RUNS.replace("{import_app}", "import dashboard.session" if app else "")
    grown = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    if app:
        assert int(grown) < 60  # of the ~280 MB the runs built at once
    else:  # glibc's own threshold had risen while the imports ran: the heap kept them
        assert int(grown) > 100


def _sqlite_memory_used() -> int | None:
    """SQLite's own count of the memory it holds in this process (``None`` when Python's
    sqlite3 does not use the system library, whose count this reads)."""
    try:
        library = ctypes.CDLL("libsqlite3.so.0")
    except OSError:
        return None
    library.sqlite3_memory_used.restype = ctypes.c_int64
    return library.sqlite3_memory_used()


def _session_reading_everything(db_file: str, released: bool, stopped: bool) -> None:
    """A run that reads every table through the session's connection, inside the app's
    wrapper of a run when ``released``; the page ends with ``st.stop()`` when ``stopped``."""
    import contextlib

    import streamlit as st

    from dashboard.session import get_db, returning_freed_memory

    with returning_freed_memory() if released else contextlib.nullcontext():
        db = get_db()
        for (table,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'"):
            db.execute(f"SELECT * FROM [{table}]").fetchall()
        if stopped:
            st.info("nothing more to show")
            st.stop()


@pytest.mark.parametrize(("released", "stopped"), [(True, False), (True, True), (False, False)])
def test_a_run_leaves_the_session_connection_without_its_page_cache(
    demo_db_path: Path, monkeypatch: pytest.MonkeyPatch, released: bool, stopped: bool
) -> None:
    monkeypatch.setenv("OPS_DB", str(demo_db_path))
    if not _sqlite_memory_used():
        with closing(connect(demo_db_path)) as db:
            db.execute("SELECT COUNT(*) FROM groups").fetchone()
            if not _sqlite_memory_used():
                pytest.skip("Python's sqlite3 does not use the system's libsqlite3")
    at = AppTest.from_function(
        _session_reading_everything,
        args=(str(demo_db_path), released, stopped),
        default_timeout=30,
    )
    at.run()
    assert not at.exception
    held = at.session_state[DB_KEY][1]
    before = _sqlite_memory_used()
    held.execute("PRAGMA shrink_memory")
    kept = before - _sqlite_memory_used()  # what the connection still held after the run
    if released:
        assert kept < 16 * 1024
    else:  # the same run without the wrapper keeps its page cache
        assert kept > SESSION_CACHE_KIB * 1024 // 2


def _logged_runs(user_key: str) -> None:
    import streamlit as st

    from dashboard.session import logging_run

    with logging_run(user_key):
        st.session_state[user_key] = "lead"
        if not st.session_state.get("rerun_once"):
            st.session_state["rerun_once"] = True
            st.rerun()
        st.title("logged")


def test_each_run_is_logged_with_its_user_and_how_it_ended(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = tmp_path / "runs.log"
    monkeypatch.setenv("OPS_RUN_LOG", str(log))
    at = AppTest.from_function(_logged_runs, args=("auth_user",), default_timeout=30)
    at.run()
    assert not at.exception
    lines = [line.split() for line in log.read_text().splitlines()]
    assert [(user, how) for _started, _ended, user, how in lines] == [
        ("lead", "RerunException"),
        ("lead", "done"),
    ]
    assert all(float(started) <= float(ended) for started, ended, *_ in lines)


def _stopped_run(user_key: str) -> None:
    import streamlit as st

    from dashboard.session import logging_run

    st.session_state[user_key] = "viewer"
    with logging_run(user_key):
        st.info("viewers see this sentence only")
        st.stop()


def test_a_run_ended_by_st_stop_is_logged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    log = tmp_path / "runs.log"
    monkeypatch.setenv("OPS_RUN_LOG", str(log))
    at = AppTest.from_function(_stopped_run, args=("auth_user",), default_timeout=30)
    at.run()
    assert not at.exception
    assert [line.split()[2:] for line in log.read_text().splitlines()] == [
        ["viewer", "StopException"]
    ]


def test_no_run_log_without_the_variable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OPS_RUN_LOG", raising=False)
    monkeypatch.chdir(tmp_path)
    at = AppTest.from_function(_logged_runs, args=("auth_user",), default_timeout=30)
    at.run()
    assert not at.exception
    assert list(tmp_path.iterdir()) == []
