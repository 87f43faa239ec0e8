"""Every page opened from the menu in a real browser (headless Debian Chromium), on the demo
database and on the given (large) one: wall time from the click until Streamlit has finished
the run and drawn the page, median of a few rounds.

Target: a page a lead opens on Monday shows within ~2 s on the demo database; on the large
one (500 groups, 5,000 people, years of KPI values) within a few seconds, cached pages near
the demo's figures.
"""

import shutil
import statistics
import tempfile
import time
from pathlib import Path

ROUNDS = 3


def _seeded_demo() -> Path:
    from db.connection import connect
    from seed import seed_database
    from tests.conftest import DEMO_TODAY

    path = Path(tempfile.mkdtemp(prefix="page-load-bench-")) / "demo.sqlite"
    db = connect(path)
    seed_database(db, scale="demo", today=DEMO_TODAY)
    db.close()
    return path


def _measure(db_file: Path, label: str) -> None:
    from playwright.sync_api import sync_playwright

    from dashboard.i18n import t
    from dashboard.navigation import available_pages
    from tests.browser.conftest import (
        CHROMIUM,
        CHROMIUM_ARGS,
        running_app,
        sign_in,
        wait_for_app,
    )

    with running_app(db_file) as app, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
        page.set_default_timeout(120_000)
        started = time.perf_counter()
        sign_in(page, app, "admin")
        print(f"{label}: sign-in and overview {time.perf_counter() - started:.2f}s", flush=True)
        times: dict[str, list[float]] = {}
        for _ in range(ROUNDS):
            for _script, title_key, _icon, _section in available_pages():
                link = page.get_by_test_id("stSidebarNav").get_by_text(t(title_key), exact=True)
                started = time.perf_counter()
                link.click()
                wait_for_app(page)
                page.locator("h1").first.wait_for()
                # wait_for_app sleeps 0.25 s to let the run start; not part of the load
                times.setdefault(t(title_key), []).append(time.perf_counter() - started - 0.25)
        browser.close()
    for title, values in times.items():
        print(
            f"{label}: {title:<22} first {values[0]:.2f}s  median {statistics.median(values):.2f}s",
            flush=True,
        )


def run(db_path: str) -> None:
    demo = _seeded_demo()
    try:
        _measure(demo, "demo")
    finally:
        shutil.rmtree(demo.parent, ignore_errors=True)
    large = Path(db_path)
    if not large.exists():
        print(f"large: {large} is missing (python -m seed --db {large} --scale large)")
        return
    copy = Path(tempfile.mkdtemp(prefix="page-load-bench-")) / "large.sqlite"
    shutil.copy(large, copy)
    try:
        _measure(copy, "large")
    finally:
        shutil.rmtree(copy.parent, ignore_errors=True)
