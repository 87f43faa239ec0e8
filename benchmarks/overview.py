"""Overview on the large database: every area's alerts, the headline figures and the churn
scores, then the overview page itself through AppTest, cold and cached, and (on a copy) right
after a KPI value is saved.

Target (issue 7): the overview runs on every app open, so a cached open stays near a trivial
page (~0.15 s) and a cold one (after a write cleared the caches) within ~2 s. A write clears
only the alerts of the areas that read what it wrote (issue 19): after a KPI value, the page
computes the KPI alerts and the headline again, not health's or retention's.
"""

import os
import shutil
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 3


def _prepared(path: str) -> tuple[str, date]:
    """A database with every migration applied (a temporary copy if the given one lacks
    some, so the benchmark never changes it) and its "today"."""
    from dashboard.areas import migrate
    from db.connection import connect

    if not Path(path).exists():
        raise SystemExit(f"{path} is missing: build it with python -m seed --scale large")
    db = connect(path)
    try:
        complete = "retention_settings" in db.table_names()
        last = db.execute("SELECT MAX(day) FROM kpi_values").fetchone()[0]
    finally:
        db.close()
    if not complete:
        copy = Path(tempfile.mkdtemp(prefix="overview-bench-")) / "large.sqlite"
        shutil.copy(path, copy)
        db = connect(copy)
        migrate(db)
        db.close()
        path = str(copy)
    today = date.fromisoformat(last) if last else date.today()
    return path, today


def _median_ms(action) -> float:
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def run(path: str) -> None:
    """Print the medians of the overview's parts and of the page run."""
    from dashboard.areas import AREAS
    from dashboard.domain import overview, retention
    from db.connection import connect

    path, today = _prepared(path)
    db = connect(path)
    people = db.execute("SELECT COUNT(*) FROM people").fetchone()[0]
    print(f"database: {path} ({people} people), today = {today}")
    for area in AREAS:
        if area.alerts is None:
            continue
        found = area.alerts(db, today)
        ms = _median_ms(lambda alerts=area.alerts: alerts(db, today))
        print(f"alerts {area.key:<10} {len(found):>5} alerts  {ms:7.1f} ms")
    print(f"headline figures            {_median_ms(lambda: overview.headline(db, today)):7.1f} ms")
    print(
        f"churn scores (everyone)     {_median_ms(lambda: retention.risk_profiles(db, today)):7.1f} ms"
    )
    db.close()

    os.environ.update(OPS_DB=path, OPS_TODAY=today.isoformat(), OPS_DEMO="0")
    at = _overview_app()
    started = time.perf_counter()
    at.run()
    cold = time.perf_counter() - started
    warm = _median_ms(at.run) / 1000
    assert not at.exception, [e.value for e in at.exception]
    print(f"overview page, cold: {cold:.2f} s; cached rerun: {warm:.2f} s (median of {RUNS})")
    _after_a_write(path, today)


def _overview_app():
    """The app under AppTest, signed in as an admin in English: it opens on the overview
    (of the database ``OPS_DB`` names)."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=120)
    at.session_state["auth_user"] = "admin"
    at.session_state["ui_lang"] = "en"
    return at


def _after_a_write(path: str, today: date) -> None:
    """The overview page's run right after a KPI value is saved, on a copy of ``path``."""
    from contextlib import closing

    from dashboard.domain import kpis as kpi_rules
    from dashboard.session import invalidating
    from db.connection import connect

    with tempfile.TemporaryDirectory(prefix="overview-bench-") as folder:
        copy = shutil.copy(path, Path(folder) / "large.sqlite")
        os.environ["OPS_DB"] = str(copy)
        at = _overview_app()
        at.run()  # cold, cached from here on
        times = []
        with closing(connect(copy)) as db:
            kpi_id = db.execute("SELECT id FROM kpis WHERE code = 'new_members'").fetchone()[0]
            group_id = db.execute("SELECT MIN(id) FROM groups").fetchone()[0]
            for value in range(RUNS):
                with invalidating(db):
                    kpi_rules.enter_value(
                        db, "admin", kpi_id, group_id, today, str(100 + value), today
                    )
                started = time.perf_counter()
                at.run()
                times.append(time.perf_counter() - started)
        assert not at.exception, [e.value for e in at.exception]
        print(
            f"overview page right after a KPI value is saved: {statistics.median(times):.2f} s"
            f" (median of {RUNS})"
        )
