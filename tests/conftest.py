"""Shared fixtures: a fresh migrated database file per test, a seeded demo copy per test,
and AppTest runs of the real app against them."""

import shutil
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest
from sqlite_utils import Database
from streamlit.testing.v1 import AppTest

from dashboard.areas import migrate
from dashboard.domain import org, rewards
from db.connection import connect
from seed import seed_database

ROOT = Path(__file__).resolve().parent.parent
DEMO_TODAY = date(2026, 6, 15)  # every seeded test sees the same "today"


def add_user(db: Database, username: str, app_role: str, scope_group_id: int | None = None) -> None:
    db.execute(
        "INSERT INTO users (username, display_name, app_role, scope_group_id) VALUES (?, ?, ?, ?)",
        [username, username.title(), app_role, scope_group_id],
    )


def insert_bare_roles(db: Database, *codes: str) -> dict[str, int]:
    """Roles named by their ``codes``, written straight into an empty database: their ids."""
    return {
        code: db.execute(
            "INSERT INTO roles (code, name, name_zh) VALUES (?, ?, ?)", [code, code, code]
        ).lastrowid
        for code in codes
    }


def insert_core_tree(db: Database, core: str, created_on: str) -> dict[str, int]:
    """The management group 管理群 with the core group ``core`` below it and 读书组 and 视频组
    below that, all created on ``created_on``, written straight into an empty database:
    their ids under ``mgmt``, ``core``, ``reading`` and ``video``."""
    ids: dict[str, int] = {}
    for key, name, tier, parent in (
        ("mgmt", "管理群", "management", None),
        ("core", core, "core", "mgmt"),
        ("reading", "读书组", "ordinary", "core"),
        ("video", "视频组", "ordinary", "core"),
    ):
        ids[key] = db.execute(
            "INSERT INTO groups (name, tier, parent_id, created_on) VALUES (?, ?, ?, ?)",
            [name, tier, ids.get(parent), created_on],
        ).lastrowid
    return ids


def insert_two_cores(db: Database, created_on: str, role: tuple[str, str, str, int]) -> None:
    """Written straight into an empty database: management 1 → core 2 读书会 → ordinary 4
    读书笔记组, and core 3 摄影会, all created on ``created_on``; 王芳 (person 1) in 4 and
    李娜 (person 2) in 3 since 2025-01-01, both in the role 1 ``role`` (code, name, Chinese
    name, is_key); the account ``lead`` scoped to core 2."""
    db.execute(
        "INSERT INTO groups (id, name, tier, parent_id, created_on) VALUES"
        " (1, 'M', 'management', NULL, ?), (2, '读书会', 'core', 1, ?),"
        " (3, '摄影会', 'core', 1, ?), (4, '读书笔记组', 'ordinary', 2, ?)",
        [created_on] * 4,
    )
    db.execute(
        "INSERT INTO people (id, name, handle, joined_on, status) VALUES"
        " (1, '王芳', 'wangfang', '2025-01-01', 'active'),"
        " (2, '李娜', 'lina', '2025-01-01', 'active')"
    )
    db.execute(
        "INSERT INTO roles (id, code, name, name_zh, tier, is_key)"
        " VALUES (1, ?, ?, ?, 'ordinary', ?)",
        list(role),
    )
    db.execute(
        "INSERT INTO memberships (person_id, group_id, role_id, start_on) VALUES"
        " (1, 4, 1, '2025-01-01'), (2, 3, 1, '2025-01-01')"
    )
    add_user(db, "lead", "lead", 2)


def _lookup(db: Database | Path, sql: str, value: str) -> int:
    database = connect(db) if isinstance(db, Path) else db
    try:
        row = database.execute(sql, [value]).fetchone()
    finally:
        if database is not db:
            database.close()
    assert row is not None, f"no row for {value!r}"
    return row[0]


# Tests find the demo's rows by name (or a role by its code), never by the seed's row ids.
def group_named(db: Database | Path, name: str) -> int:
    """The id of the live group ``name`` (a database or a database file)."""
    return _lookup(db, "SELECT id FROM groups WHERE name = ? AND archived_on IS NULL", name)


def person_named(db: Database | Path, name: str) -> int:
    """The id of the person ``name``."""
    return _lookup(db, "SELECT id FROM people WHERE name = ?", name)


def role_coded(db: Database | Path, code: str) -> int:
    """The id of the role with ``code`` (``owner``, ``member``, ``editor`` …)."""
    return _lookup(db, "SELECT id FROM roles WHERE code = ?", code)


def new_group(
    db: Database, name: str, *, under: str, tier: str = "ordinary", actor: str = "admin", **fields
) -> int:
    """Create the group ``name`` under the live group named ``under`` through the org rules
    (checked and audited as ``actor``, on the demo's "today"); its id."""
    return org.create_group(
        db,
        actor,
        name=name,
        tier=tier,
        parent_id=group_named(db, under),
        today=DEMO_TODAY,
        **fields,
    )


def new_person(
    db: Database,
    name: str,
    *,
    into: str,
    role: str = "member",
    actor: str = "admin",
    today: date = DEMO_TODAY,
    **fields,
) -> int:
    """Add the person ``name`` to the live group named ``into`` with the role coded ``role``
    through the org rules (checked and audited as ``actor``, on ``today``: the demo's by
    default); its id."""
    return org.add_person(
        db,
        actor,
        name=name,
        group_id=group_named(db, into),
        role_id=role_coded(db, role),
        today=today,
        **fields,
    )


def give_reward(
    db: Database, person: str, group: str, *, reason: str, points: int = 0, money: int = 0
) -> int:
    """Give the person named ``person`` a reward in the live group named ``group`` through
    the rewards rules (as admin, given on the demo's "today"); its id."""
    return rewards.give(
        db,
        "admin",
        person_id=person_named(db, person),
        group_id=group_named(db, group),
        points=points,
        money=money,
        reason=reason,
        given_on=DEMO_TODAY,
        given_by=None,
        today=DEMO_TODAY,
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
    with closing(connect(db_path)) as database:
        yield database


def seeded_demo(folder: Path, lang: str = "en") -> Path:
    """The demo community seeded in ``folder`` with its own text in ``lang``: its file."""
    path = folder / "demo.sqlite"
    database = connect(path)
    seed_database(database, "demo", DEMO_TODAY, lang=lang)
    database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    database.close()
    return path


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo community, seeded once per test session (copied for each test)."""
    return seeded_demo(tmp_path_factory.mktemp("demo"))


@pytest.fixture(scope="session")
def zh_demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo community seeded in Chinese (its own text, account names too), once per
    test session; a module overrides ``demo_template`` with it to run on it."""
    return seeded_demo(tmp_path_factory.mktemp("demo_zh"), "zh")


@pytest.fixture
def demo_db_path(demo_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "demo.sqlite"
    shutil.copy(demo_template, path)
    return path


@pytest.fixture
def demo_db(demo_db_path: Path):
    with closing(connect(demo_db_path)) as database:
        yield database


@pytest.fixture
def make_app(demo_db_path: Path, monkeypatch: pytest.MonkeyPatch):
    """``make_app("org_structure", user="admin", lang="en", state={...})`` → an AppTest that
    has run that page of the real app on this test's copy of the demo database (with
    ``state`` in its session state from the start)."""
    monkeypatch.setenv("OPS_DB", str(demo_db_path))
    monkeypatch.setenv("OPS_TODAY", DEMO_TODAY.isoformat())
    monkeypatch.setenv("OPS_DEMO", "0")

    def make(
        page: str | None = None, *, user: str = "admin", lang: str = "en", state: dict | None = None
    ) -> AppTest:
        at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=30)
        at.session_state["auth_user"] = user
        at.session_state["ui_lang"] = lang
        for key, value in (state or {}).items():  # e.g. the open tab, before the first run
            at.session_state[key] = value
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
