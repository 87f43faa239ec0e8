"""Shared fixtures: a fresh migrated database file per test, a seeded demo copy per test,
and AppTest runs of the real app against them."""

import shutil
from datetime import date
from pathlib import Path

import pytest
from sqlite_utils import Database
from streamlit.testing.v1 import AppTest

from dashboard.areas import migrate
from db.connection import connect
from seed import seed_database

ROOT = Path(__file__).resolve().parent.parent
DEMO_TODAY = date(2026, 6, 15)  # every seeded test sees the same "today"


def add_user(db: Database, username: str, app_role: str, scope_group_id: int | None = None) -> None:
    db.execute(
        "INSERT INTO users (username, display_name, app_role, scope_group_id) VALUES (?, ?, ?, ?)",
        [username, username.title(), app_role, scope_group_id],
    )


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A migrated, empty database file with an ``admin`` and a ``viewer`` account."""
    path = tmp_path / "ops.sqlite"
    db = connect(path)
    migrate(db)
    add_user(db, "admin", "admin")
    add_user(db, "viewer", "viewer")
    db.close()
    return path


@pytest.fixture
def db(db_path: Path):
    database = connect(db_path)
    yield database
    database.close()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo community, seeded once per test session (copied for each test)."""
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    database = connect(path)
    seed_database(database, "demo", DEMO_TODAY)
    database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    database.close()
    return path


@pytest.fixture
def demo_db_path(demo_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "demo.sqlite"
    shutil.copy(demo_template, path)
    return path


@pytest.fixture
def demo_db(demo_db_path: Path):
    database = connect(demo_db_path)
    yield database
    database.close()


@pytest.fixture
def make_app(demo_db_path: Path, monkeypatch: pytest.MonkeyPatch):
    """``make_app("org_structure", user="admin", lang="en")`` → an AppTest that has run
    that page of the real app on this test's copy of the demo database."""
    monkeypatch.setenv("OPS_DB", str(demo_db_path))
    monkeypatch.setenv("OPS_TODAY", DEMO_TODAY.isoformat())
    monkeypatch.setenv("OPS_DEMO", "0")

    def make(page: str | None = None, *, user: str = "admin", lang: str = "en") -> AppTest:
        at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=30)
        at.session_state["auth_user"] = user
        at.session_state["ui_lang"] = lang
        if page:
            at.switch_page(f"pages/{page}.py")
        at.run()
        return at

    return make


@pytest.fixture(autouse=True)
def navigation_as_on_a_running_server(monkeypatch: pytest.MonkeyPatch) -> None:
    """AppTest puts each of its runs back into Streamlit's ``pages/``-folder mode, in which
    a run of a page's URL runs the page script alone. A real server leaves that mode for
    good at its first run (``st.navigation``); let AppTest runs be like those later runs.
    The first run of a fresh server is tested in a real browser (tests/browser/test_shell.py).
    """
    import streamlit.testing.v1.app_test as app_test
    from streamlit.runtime.pages_manager import PagesManager

    class RunningServerPagesManager(PagesManager):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            PagesManager.uses_pages_directory = False

    monkeypatch.setattr(app_test, "PagesManager", RunningServerPagesManager)
