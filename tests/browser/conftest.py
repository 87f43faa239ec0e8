"""One Streamlit server on a seeded demo database and one headless Debian Chromium for
all browser tests. Under ``CI=true`` a missing Chromium fails the run instead of skipping."""

import contextlib
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.conftest import DEMO_TODAY, ROOT

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    # pages keep their timers running in the background: the grid hands an edit to
    # Streamlit on a timer, and tests switch between two sessions' pages
    "--disable-background-timer-throttling",
    "--disable-renderer-backgrounding",
    "--disable-backgrounding-occluded-windows",
]
SCREENSHOTS = ROOT / "docs" / "screenshots"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def running_app(
    db_file: Path, script: Path = ROOT / "streamlit_app.py", today: date = DEMO_TODAY
) -> Iterator[dict]:
    """A Streamlit server of the app (or of another ``script``: a benchmark's baseline) on
    ``db_file`` whose "today" is ``today``: ``{"url": ..., "db": path, "pid": ...}``."""
    port = _free_port()
    env = {
        **os.environ,
        "OPS_DB": str(db_file),
        "OPS_TODAY": today.isoformat(),
        "OPS_DEMO": "0",
        "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false",
    }
    log_path = db_file.parent / f"server-{port}.log"
    log = open(log_path, "w")  # noqa: SIM115 - closed at teardown
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(script),
            "--server.headless=true",
            f"--server.port={port}",
            "--server.address=127.0.0.1",
            "--server.fileWatcherType=none",
            "--global.developmentMode=false",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    try:
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"streamlit did not start: {log_path.read_text()}")
            time.sleep(0.3)
        yield {"url": url, "db": db_file, "pid": process.pid}
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


@contextlib.contextmanager
def demo_copy_app(demo_template: Path, folder: Path) -> Iterator[dict]:
    """A server of its own on a fresh copy of the demo database in ``folder`` (for tests
    that change what others read): ``{"url": ..., "db": path}``."""
    db_file = folder / "ops.sqlite"
    shutil.copy(demo_template, db_file)
    with running_app(db_file) as app:
        yield app


@pytest.fixture(scope="session")
def server(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    """The one app server most browser tests share, on a copy of the demo database."""
    with demo_copy_app(demo_template, tmp_path_factory.mktemp("browser")) as app:
        yield app


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (see README)")
        pytest.skip(f"{CHROMIUM} not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def wait_for_app(page, timeout: int = 30_000) -> None:
    """Wait until Streamlit has finished running the script (after a load or a click), at
    most ``timeout`` ms for each of its steps."""
    page.wait_for_timeout(250)  # let a rerun triggered by the last action start
    page.wait_for_selector(
        "[data-testid='stApp'][data-test-script-state='notRunning']", timeout=timeout
    )
    page.wait_for_function(
        "() => document.querySelectorAll('[data-testid=\"stSkeleton\"]').length === 0",
        timeout=timeout,
    )
    # the shell loads the elements' code while the page is idle (``shell_script``): a test
    # acts once it is in, as a lead would by then, not while a module is being evaluated
    page.wait_for_function(
        "() => !window.opsElementCode || window.opsElementCodeLoaded", timeout=timeout
    )


def choose(page, key: str, option: str, *, typed: str | None = None) -> None:
    """Pick ``option`` in the selectbox (or multiselect) with widget ``key`` by typing into it
    (its option list is virtualised), then wait for the run the pick starts: typing
    ``option`` and picking the option named exactly that, or typing ``typed`` and picking
    the first option that contains ``option``."""
    if typed is None:
        wanted = page.get_by_role("option", name=option, exact=True)
    else:
        wanted = page.get_by_role("option").filter(has_text=option).first
    for attempt in range(3):
        # a run still redrawing the page (a tab just opened) can close the list under the
        # typing: then the list is opened and typed into again
        page.locator(f".st-key-{key}").get_by_role("combobox").click()
        page.keyboard.type(option if typed is None else typed)
        try:
            wanted.wait_for(timeout=10_000 if attempt < 2 else 30_000)
            break
        except PlaywrightTimeoutError:
            page.keyboard.press("Escape")
            wait_for_app(page)
    wanted.click()
    wait_for_app(page)


def board_frame(page, card_text: str):
    """The sortables frame of a drag board that shows the card with ``card_text`` (the
    board re-mounts after every drop)."""
    for _ in range(100):
        for frame in page.frames:
            if "sortable" in frame.url and not frame.is_detached():
                try:
                    if frame.locator("li.sortable-item", has_text=card_text).count():
                        return frame
                except Exception:  # noqa: BLE001 - a frame detached while we looked
                    continue
        page.wait_for_timeout(100)
    raise AssertionError(f"no board card {card_text!r}")


def board_column_of(page, card_text: str) -> str:
    """The header of the drag board's column that holds the card with ``card_text``."""
    frame = board_frame(page, card_text)
    container = frame.locator(".sortable-container").filter(
        has=frame.locator("li.sortable-item", has_text=card_text)
    )
    return container.locator(".sortable-container-header").inner_text()


def drag_by_mouse(page, start: tuple[float, float], end: tuple[float, float]) -> None:
    """Drag from ``start`` to ``end`` by mouse as the sortables component needs it: down, a
    small move, a stepped move, up; then wait for the run the drop starts."""
    (x, y), (tx, ty) = start, end
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 5, y + 5)
    for step in range(1, 16):
        page.mouse.move(x + (tx - x) * step / 15, y + (ty - y) * step / 15)
        page.wait_for_timeout(20)
    page.wait_for_timeout(150)
    page.mouse.up()
    wait_for_app(page)


ROW_HEIGHT = 35  # st.data_editor's default row (and header) height in pixels


def focus_grid_cell(page, grid, row: int, column: int = 0, *, x: int = 40) -> None:
    """Give the keyboard focus to the cell (``row``, ``column``), both counted from 0, of the
    grid (the locator of its ``stDataFrame``): click its first row ``x`` pixels from its left
    edge, then arrow right and down."""
    grid.scroll_into_view_if_needed()
    page.wait_for_timeout(300)  # measure only once the page has stopped moving
    box = grid.bounding_box()
    page.mouse.click(box["x"] + x, box["y"] + ROW_HEIGHT * 1.5)
    page.wait_for_timeout(300)  # the grid takes focus
    for _ in range(column):
        page.keyboard.press("ArrowRight", delay=30)
    for _ in range(row):
        page.keyboard.press("ArrowDown", delay=30)


def submit_sign_in(page, user: str, password: str | None = None) -> None:
    """Fill in and send the sign-in form shown on ``page`` (demo password by default)."""
    from seed.accounts import DEMO_PASSWORDS

    page.locator("input[aria-label='Username']").fill(user)
    page.locator("input[aria-label='Password']").fill(password or DEMO_PASSWORDS[user])
    page.get_by_role("button", name="Sign in").click()


SIGN_OUT_TEXT = re.compile("Sign out|退出登录")  # the account's remembered language decides


def add_accounts(db_file: Path, count: int) -> dict[str, str]:
    """``{username: password}`` of ``count`` accounts that can sign in at once: the demo's
    (admin, lead, viewer), then leads scoped to a group each and, every third, viewers."""
    from dashboard.domain import accounts
    from db.connection import connect
    from seed.accounts import DEMO_PASSWORDS

    passwords = dict(list(DEMO_PASSWORDS.items())[:count])
    with contextlib.closing(connect(db_file)) as db:
        groups = [row[0] for row in db.execute("SELECT id FROM groups ORDER BY id")]
        for number in range(count - len(passwords)):
            username, password = f"bench{number + 1}", f"bench-{number + 1}-password"
            viewer = number % 3 == 2
            accounts.add_user(
                db,
                "admin",
                username=username,
                display_name=f"Bench {number + 1}",
                app_role="viewer" if viewer else "lead",
                password="one-time-password",
                scope_group_id=None if viewer else groups[number % len(groups)],
                today=DEMO_TODAY,
            )
            accounts.change_own_password(db, username, "one-time-password", password, password)
            passwords[username] = password
    return passwords


def sign_in(page, server: dict, user: str, password: str | None = None) -> None:
    """Sign in as ``user`` through the real form, with its demo password by default."""
    page.goto(server["url"])
    submit_sign_in(page, user, password)
    page.locator("[data-testid='stSidebar'] button", has_text=SIGN_OUT_TEXT).wait_for()
    wait_for_app(page)


@pytest.fixture
def app_page(browser, server):
    """``open(path="", user="admin", lang="en", timeout=20_000)`` → a Playwright page on a
    fresh browser context (``timeout`` ms its default), signed in, showing the app's page at
    ``path`` (e.g. ``"org_structure"``). A module overrides ``server`` to have its own."""
    contexts = []

    def open_page(path: str = "", *, user: str = "admin", lang: str = "en", timeout=20_000):
        context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-US")
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(timeout)
        # the account remembers its language: tests sharing the server each start from theirs
        with sqlite3.connect(server["db"]) as conn:
            conn.execute("UPDATE users SET language = ? WHERE username = ?", [lang, user])
        sign_in(page, server, user)
        if path:
            page.goto(f"{server['url']}/{path}")
            wait_for_app(page)
        return page

    yield open_page
    for context in contexts:
        context.close()


def screenshot(page, name: str) -> Path:
    """Save a full-page screenshot; into docs/screenshots when ``OPS_SCREENSHOTS=1``."""
    folder = SCREENSHOTS if os.environ.get("OPS_SCREENSHOTS") == "1" else ROOT / "artifacts"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
