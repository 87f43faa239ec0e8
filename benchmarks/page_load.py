"""Every page opened from the menu in a real browser (headless Debian Chromium), on the demo
database and on the given (large) one, next to a trivial page switch measured the same way in
the same run.

Each figure is the wall time from the click on the menu entry until Streamlit has finished the
run and drawn the page's title (``wait_for_app``'s 0.25 s wait for the run to start included,
on both sides): the first open of each page, then the median of ``ROUNDS`` further rounds over
every page. The baseline is a trivial two-page Streamlit app (``st.navigation`` and a title per
page) served by its own server with the same flags and switched through its menu in the same
browser right before each page open, so both see the same load on the shared machine.

Next to each figure, the median time the page's browser tab spent on its main thread for the
open (Chromium's ``TaskDuration``: scripts, style, layout, paint), its drawing cost: what a
lead's machine pays, and what ten sessions rendered by one browser share (``concurrency``).

Targets (issue 19): every page's median within 2× the trivial median, its first open within 3×
(both ratios against the trivial median); a ``!`` marks a figure over its target.
"""

import shutil
import statistics
import tempfile
import time
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from benchmarks import data_today

ROUNDS = 3
TIMEOUT_MS = 300_000  # a cold page on the large database may take long: measure, do not fail
MEDIAN_TARGET = 2.0
FIRST_TARGET = 3.0
TRIVIAL_PAGES = ("Trivial one", "Trivial two")
TRIVIAL_APP = f'''import streamlit as st

def page(title):
    return lambda: st.title(title)

one = st.Page(page("{TRIVIAL_PAGES[0]}"), title="{TRIVIAL_PAGES[0]}", url_path="one", default=True)
two = st.Page(page("{TRIVIAL_PAGES[1]}"), title="{TRIVIAL_PAGES[1]}", url_path="two")
st.navigation([one, two]).run()
'''


def _seeded_demo(folder: Path) -> Path:
    from db.connection import connect
    from seed import seed_database
    from tests.conftest import DEMO_TODAY

    path = folder / "demo.sqlite"
    db = connect(path)
    seed_database(db, scale="demo", today=DEMO_TODAY)
    db.close()
    return path


def _main_thread_s(cdp) -> float:
    """Seconds the tab of ``cdp`` (a CDP session with ``Performance`` enabled) has spent on
    its main thread."""
    metrics = cdp.send("Performance.getMetrics")["metrics"]
    return next(metric["value"] for metric in metrics if metric["name"] == "TaskDuration")


def _open_page(page, title: str) -> tuple[float, float]:
    """Seconds from a click on ``title`` in the menu until the page is drawn, and the
    seconds the tab's main thread worked meanwhile."""
    from tests.browser.conftest import wait_for_app

    link = page.get_by_test_id("stSidebarNav").get_by_text(title, exact=True)
    busy = _main_thread_s(page.ops_cdp)
    started = time.perf_counter()
    link.click()
    wait_for_app(page, TIMEOUT_MS)
    page.locator("h1").first.wait_for()
    return time.perf_counter() - started, _main_thread_s(page.ops_cdp) - busy


def _signed_in_app(page, app: dict) -> list[str]:
    """Sign in as an admin (who sees every page); the menu titles in menu order."""
    from dashboard.i18n import t
    from dashboard.navigation import available_pages
    from tests.browser.conftest import sign_in

    started = time.perf_counter()
    sign_in(page, app, "admin")
    print(f"  sign-in and overview {time.perf_counter() - started:.2f}s", flush=True)
    return [t(title_key) for _script, title_key, _icon, _section in available_pages()]


def _new_page(browser, url: str | None = None):
    from tests.browser.conftest import wait_for_app

    page = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-US").new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.ops_cdp = page.context.new_cdp_session(page)  # for _main_thread_s
    page.ops_cdp.send("Performance.enable")
    if url:
        page.goto(url)
        wait_for_app(page, TIMEOUT_MS)
    return page


def _browse(
    browser, db_file: Path, trivial_app: Path, today: date, pages: Sequence[str] | None = None
) -> tuple[list[tuple[float, float]], dict[str, list[tuple[float, float]]]]:
    """The trivial app's switches and every page's opens (first open first; seconds and main
    thread seconds each), each page open
    right after a trivial switch so that both see the same load on the machine; the app's
    server runs on ``today``; ``pages``: only the menu entries of these titles."""
    from tests.browser.conftest import running_app

    root = Path(__file__).resolve().parents[1]
    with (
        running_app(db_file, trivial_app) as trivial,
        running_app(db_file, root / "streamlit_app.py", today) as app,
    ):
        trivial_page = _new_page(browser, trivial["url"])
        app_page = _new_page(browser)
        titles = _signed_in_app(app_page, app)
        if pages is not None:
            titles = [title for title in titles if title in pages]
        switches: list[tuple[float, float]] = []
        opens: dict[str, list[tuple[float, float]]] = {}
        for _ in range(ROUNDS + 1):
            for title in titles:
                # the trivial app starts on its first page: the first switch opens the second
                switches.append(_open_page(trivial_page, TRIVIAL_PAGES[(len(switches) + 1) % 2]))
                opens.setdefault(title, []).append(_open_page(app_page, title))
        return switches, opens


def _busy_ms(opens: list[tuple[float, float]]) -> str:
    """The median main-thread time of ``opens``, in ms."""
    return f"{statistics.median(busy for _, busy in opens) * 1000:4.0f} ms"


def _ratio(value: float, baseline: float, target: float) -> str:
    ratio = value / baseline
    return f"{ratio:4.1f}×{'!' if ratio > target else ' '}"


def measure(
    db_file: Path,
    label: str,
    trivial_app: Path,
    pages: Sequence[str] | None = None,
    today: date | None = None,
) -> None:
    """Print the trivial baseline and every page's (or the ``pages`` titled so) first open
    and median on ``db_file``, its server on ``today`` (default: the demo's)."""
    from playwright.sync_api import sync_playwright

    from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS
    from tests.conftest import DEMO_TODAY

    print(f"{label} (today {today or DEMO_TODAY}):", flush=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            switches, opens = _browse(browser, db_file, trivial_app, today or DEMO_TODAY, pages)
        finally:
            browser.close()
    baseline = statistics.median(seconds for seconds, _ in switches[1:])
    print(
        f"  {'trivial page switch':<24} first {switches[0][0]:.2f}s  median {baseline:.2f}s"
        f" of {len(switches) - 1}, main thread {_busy_ms(switches[1:])}  (ratios against the"
        f" trivial median; targets {MEDIAN_TARGET:g}× median, {FIRST_TARGET:g}× first open)"
    )
    over = []
    for title, values in opens.items():
        first, median = values[0][0], statistics.median(seconds for seconds, _ in values[1:])
        print(
            f"  {title:<24} first {first:.2f}s {_ratio(first, baseline, FIRST_TARGET)}"
            f"  median {median:.2f}s {_ratio(median, baseline, MEDIAN_TARGET)}"
            f"  main thread {_busy_ms(values[1:])}",
            flush=True,
        )
        if first > FIRST_TARGET * baseline or median > MEDIAN_TARGET * baseline:
            over.append(title)
    print(f"  {label}: over target: {', '.join(over) if over else 'none'}", flush=True)


def run(db_path: str) -> None:
    folder = Path(tempfile.mkdtemp(prefix="page-load-bench-"))
    try:
        trivial_app = folder / "trivial_app.py"
        trivial_app.write_text(TRIVIAL_APP)
        measure(_seeded_demo(folder), "demo", trivial_app)
        large = Path(db_path)
        if not large.exists():
            print(f"large: {large} is missing (python -m seed --db {large} --scale large)")
            return
        # opening it through the app applies pending migrations: measure a copy
        copy = folder / "large.sqlite"
        shutil.copy(large, copy)
        measure(copy, "large", trivial_app, today=data_today(copy))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
