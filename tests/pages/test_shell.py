"""The app shell: the demo on a fresh database, and the messages a write keeps across its
rerun (``dashboard.session``)."""

import sqlite3
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import DEMO_TODAY, ROOT


def first_start(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, demo: str) -> Path:
    path = tmp_path / "fresh.sqlite"
    monkeypatch.setenv("OPS_DB", str(path))
    monkeypatch.setenv("OPS_TODAY", DEMO_TODAY.isoformat())
    monkeypatch.setenv("OPS_DEMO", demo)
    monkeypatch.setenv("OPS_ADMIN_PASSWORD", "first-admin-password")
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=120)
    at.run()
    assert not at.exception
    return path


def test_the_shell_seeds_the_demo_into_an_empty_database(tmp_path, monkeypatch) -> None:
    path = first_start(tmp_path, monkeypatch, "1")
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT COUNT(*) FROM groups").fetchone()[0] > 10
        assert conn.execute("SELECT COUNT(*) FROM users WHERE username = 'lead'").fetchone() == (1,)


def test_no_demo_leaves_the_database_empty_but_migrated(tmp_path, monkeypatch) -> None:
    path = first_start(tmp_path, monkeypatch, "0")
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT COUNT(*) FROM groups").fetchone() == (0,)
        assert conn.execute("SELECT COUNT(*) FROM _sqlite_migrations").fetchone()[0] > 10


NOTICE_PAGE = """
import streamlit as st
from dashboard.session import notify, page_header, show_notices, submit

page_header("Title", "Caption")
with st.container(key="panel"):
    show_notices("panel")
if st.button("save", key="save"):
    submit(lambda: st.session_state.setdefault("writes", []).append(1) or True, "Saved it.")
if st.button("refuse", key="refuse"):
    from db.errors import ValidationError

    def refused():
        raise ValidationError("org.err.no_such_group")

    submit(refused, "never shown")
if st.button("panel_note", key="panel_note"):
    notify("For the panel.", "warning", place="panel")
    st.rerun()
"""


def test_a_write_keeps_its_message_for_the_run_after_its_rerun() -> None:
    at = AppTest.from_string(NOTICE_PAGE).run()
    assert [s.value for s in at.success] == []
    at.button(key="save").click().run()
    assert [s.value for s in at.success] == ["Saved it."]
    assert at.session_state["writes"] == [1]
    at.run()  # shown once, then forgotten
    assert [s.value for s in at.success] == []


def test_a_refused_write_shows_its_error_and_keeps_nothing() -> None:
    at = AppTest.from_string(NOTICE_PAGE).run()
    at.button(key="refuse").click().run()
    assert len(at.error) == 1
    assert [s.value for s in at.success] == []
    at.run()
    assert len(at.error) == 0


def test_a_message_for_a_panel_is_shown_there_only() -> None:
    at = AppTest.from_string(NOTICE_PAGE).run()
    at.button(key="panel_note").click().run()
    assert [w.value for w in at.warning] == ["For the panel."]
    assert [s.value for s in at.success] == []
    at.run()
    assert [w.value for w in at.warning] == []
