"""KPI board on the large database: page run time against a trivial page (warm, and right
after a KPI value is saved), the board's aggregate against Datasette's answer, memory, and a
100,000-value import.

Targets (issue 3): board ≤ 2× the trivial page; faster than Datasette; memory growth
≤ 150 MB; 100,000 values imported in ≤ 10 s. Issue 19: the board right after a write
≤ 2× the trivial page.
"""

import asyncio
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
import urllib.parse
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pandas as pd

from benchmarks import rolled_back

ROOT = Path(__file__).resolve().parent.parent
RUNS = 7


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def ensure_large(path: str) -> date:
    """Build the large database if missing (timed); return its "today"."""
    if not Path(path).exists():
        print(f"building {path} (python -m seed --scale large) ...", flush=True)
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "seed", "--db", path, "--scale", "large"], cwd=ROOT, check=True
        )
        print(f"seed --scale large: {time.perf_counter() - started:.1f} s")
    from db.connection import connect

    db = connect(path)
    try:
        values = db.execute("SELECT COUNT(*) FROM kpi_monthly").fetchone()[0]
        last = db.execute("SELECT MAX(last_day) FROM kpi_monthly").fetchone()[0]
        groups = db.execute("SELECT COUNT(*) FROM groups").fetchone()[0]
    finally:
        db.close()
    if not last:
        raise SystemExit(f"{path} has no KPI values: build it with python -m seed --scale large")
    print(
        f"database: {path} ({Path(path).stat().st_size / 2**20:.0f} MB, {groups} groups, "
        f"{values} monthly rollup rows, last value on {last})"
    )
    return date.fromisoformat(last) + timedelta(days=1)


def board_query(path: str, today: date) -> tuple[float, int]:
    """The board's aggregate (last month and the month before, all groups) without caches."""
    from dashboard.domain import kpis as rules
    from db import kpis as store
    from db.connection import connect

    period = rules.previous(rules.period_of("month", today))
    before = rules.previous(period)
    started = time.perf_counter()
    db = connect(path)
    try:
        rows = rules.board_rows(
            store.kpis(db),
            store.groups(db),
            store.period_actuals(db, period.start, period.end),
            store.period_actuals(db, before.start, before.end),
            rules.target_lookup(store.targets(db, period.code, period.code)),
            period,
        )
    finally:
        db.close()
    return time.perf_counter() - started, len(rows)


def _demo_db(today: date) -> str:
    """A demo database anchored on the large one's "today", in a temporary folder."""
    from db.connection import connect
    from seed import seed_database

    path = str(Path(tempfile.mkdtemp()) / "demo.sqlite")
    db = connect(path)
    seed_database(db, "demo", today)
    db.close()
    return path


def _timed(at) -> tuple[float, float]:
    """Wall time, and CPU time of the whole process (the script runs in a thread), of one
    AppTest run: the machine is shared, so CPU time is the steadier figure."""
    wall, cpu = time.perf_counter(), time.process_time()
    at.run()
    if at.exception:
        raise RuntimeError([e.value for e in at.exception])
    return time.perf_counter() - wall, time.process_time() - cpu


def _median(pairs: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(p[0] for p in pairs), statistics.median(p[1] for p in pairs)


def _trivial_page() -> Callable[[], tuple[float, float]]:
    """A run of a trivial one-title page (the baseline), as a function."""
    from streamlit.testing.v1 import AppTest

    trivial_file = Path(tempfile.mkdtemp()) / "trivial.py"
    trivial_file.write_text('import streamlit as st\n\nst.title("Trivial")\nst.write("ok")\n')
    return lambda: _timed(AppTest.from_file(str(trivial_file), default_timeout=120))


def _board(db_path: str) -> tuple[float, float]:
    """A run of the KPI board, signed in as admin, on ``db_path``."""
    from streamlit.testing.v1 import AppTest

    os.environ["OPS_DB"] = db_path
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=300)
    at.session_state["auth_user"] = "admin"
    at.session_state["ui_lang"] = "en"
    at.switch_page("pages/kpi_board.py")
    return _timed(at)


def page_times(path: str, today: date) -> None:
    """AppTest runs of the KPI board (demo and large db) and of a trivial page."""
    import streamlit as st

    os.environ.update({"OPS_TODAY": today.isoformat(), "OPS_DEMO": "0"})
    trivial = _trivial_page()
    demo = _demo_db(today)
    trivial()
    _board(demo)  # one-time costs (imports, Altair's schema) out of the way
    rss_before = _rss_mb()
    figures, small_runs = {}, []
    for name, db_path in (("demo", demo), ("large", path)):
        st.cache_data.clear()
        cold = _board(db_path)
        warm_runs = []
        for _ in range(RUNS):  # interleaved, so load from other processes hits both alike
            warm_runs.append(_board(db_path))
            small_runs.append(trivial())
        figures[name] = (cold, _median(warm_runs))
    rss_after = _rss_mb()
    small = _median(small_runs)
    print(
        f"trivial page, AppTest run (median of {len(small_runs)}): "
        f"wall {small[0] * 1000:5.0f} ms, CPU {small[1] * 1000:5.0f} ms"
    )
    for name, (cold, warm) in figures.items():
        print(
            f"KPI board on the {name:5} db: cold wall {cold[0] * 1000:5.0f} ms "
            f"(CPU {cold[1] * 1000:5.0f}); warm, median of {RUNS}: wall {warm[0] * 1000:5.0f} ms, "
            f"CPU {warm[1] * 1000:5.0f} ms"
        )
    cold, warm = figures["large"]
    print(
        f"ratio board/trivial on the large db, warm: wall {warm[0] / small[0]:.2f}x, "
        f"CPU {warm[1] / small[1]:.2f}x; cold: wall {cold[0] / small[0]:.2f}x, "
        f"CPU {cold[1] / small[1]:.2f}x (target ≤ 2x)"
    )
    demo_warm = figures["demo"][1]
    print(
        f"large/demo, warm: wall {warm[0] / demo_warm[0]:.2f}x, CPU {warm[1] / demo_warm[1]:.2f}x"
    )
    st.cache_data.clear()
    tracemalloc.start()
    _board(path)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"peak Python allocations during a cold board run (tracemalloc): {peak / 2**20:.1f} MB")
    print(
        f"max RSS growth over the board runs: {rss_after - rss_before:.1f} MB "
        f"(max RSS {rss_after:.0f} MB; target growth ≤ 150 MB)"
    )


def after_write_times(path: str, today: date) -> None:
    """The board's AppTest run right after a KPI value is saved (through the domain and the
    cache clearing ``run_write`` does), against a trivial page, interleaved: clearing what
    the write wrote (now) and clearing every loader (as before targeted clearing). The
    value written is put back, and its audit rows removed, at the end."""
    from dashboard.domain import kpis as rules
    from dashboard.session import clear_caches, invalidating
    from db.connection import connect

    os.environ.update({"OPS_TODAY": today.isoformat(), "OPS_DEMO": "0"})
    trivial = _trivial_page()
    db = connect(path)
    kpi_id = db.execute("SELECT id FROM kpis WHERE code = 'new_members'").fetchone()[0]
    group_id = db.execute("SELECT MIN(id) FROM groups WHERE archived_on IS NULL").fetchone()[0]
    day = today.replace(day=1) - timedelta(days=1)  # in last month, the board's default
    key = "kpi_id = ? AND group_id = ? AND person_id IS NULL AND day = ?"
    params = [kpi_id, group_id, day.isoformat()]
    original = db.execute(f"SELECT value FROM kpi_values WHERE {key}", params).fetchone()
    last_audit = db.execute("SELECT MAX(id) FROM audit_log").fetchone()[0]

    def save(value: int) -> None:
        rules.enter_value(db, "admin", kpi_id, group_id, day, str(value), today)

    def targeted(value: int) -> None:
        with invalidating(db):
            save(value)

    def everything(value: int) -> None:
        save(value)
        clear_caches()

    trivial()
    _board(path)  # caches warm, one-time costs out of the way
    runs: dict[str, list] = {"trivial": [], "warm": [], "targeted": [], "everything": []}
    try:
        for value in range(RUNS):
            for name, write in (("targeted", targeted), ("everything", everything)):
                write(100 + value)
                runs[name].append(_board(path))
                runs["trivial"].append(trivial())
            runs["warm"].append(_board(path))
    finally:
        with db.atomic():  # the file as it was (the rollup follows by its triggers)
            if original is None:
                db.execute(f"DELETE FROM kpi_values WHERE {key}", params)
            else:
                db.execute(f"UPDATE kpi_values SET value = ? WHERE {key}", [original[0], *params])
            db.execute("DELETE FROM audit_log WHERE id > ?", [last_audit])
        db.close()
    small = _median(runs["trivial"])
    print(
        f"trivial page, AppTest run (median of {len(runs['trivial'])}): "
        f"wall {small[0] * 1000:5.0f} ms, CPU {small[1] * 1000:5.0f} ms"
    )
    for name, label in (
        ("warm", "nothing (warm caches)"),
        ("everything", "a write clearing every loader (before)"),
        ("targeted", "a write clearing what it wrote (now)"),
    ):
        wall, cpu = _median(runs[name])
        print(
            f"KPI board right after {label}, median of {RUNS}: wall {wall * 1000:5.0f} ms, "
            f"CPU {cpu * 1000:5.0f} ms; board/trivial: wall {wall / small[0]:.2f}x, "
            f"CPU {cpu / small[1]:.2f}x (target ≤ 2x)"
        )


def _our_sql(path: str, today: date) -> float:
    """Median time of the board's month aggregate through our own connection."""
    from dashboard.domain import kpis as rules
    from db import kpis as store
    from db.connection import connect

    period = rules.previous(rules.period_of("month", today))
    db = connect(path)
    try:
        times = []
        for _ in range(5):
            started = time.perf_counter()
            store.period_actuals(db, period.start, period.end)
            times.append(time.perf_counter() - started)
    finally:
        db.close()
    return statistics.median(times)


def datasette_times(path: str, today: date, board_build: float) -> None:
    """The same aggregate answered as JSON by Datasette over the same file, if installed."""
    try:
        from datasette.app import Datasette
    except ImportError:
        print("datasette is not installed: skipping the comparison (pip install datasette)")
        return
    period = date(today.year, today.month, 1) - timedelta(days=1)
    month = period.isoformat()[:7]
    first, last = f"{month}-01", period.isoformat()
    queries = {
        "rollup aggregate (the board's own query)": (
            "SELECT kpi_id, group_id, total, n, last_day, last_value FROM kpi_monthly "
            f"WHERE month = '{month}' AND person_id = 0"
        ),
        "raw-values aggregate (no rollup)": (
            "SELECT kpi_id, group_id, SUM(value) AS total, COUNT(*) AS n, MAX(day) AS last_day,"
            f" value AS last_value FROM kpi_values WHERE day BETWEEN '{first}' AND '{last}' "
            "AND person_id IS NULL GROUP BY kpi_id, group_id"
        ),
    }
    datasette = Datasette(
        files=[path], settings={"sql_time_limit_ms": 120_000, "max_returned_rows": 100_000}
    )
    name = Path(path).stem

    async def ask(sql: str) -> tuple[float, int]:
        url = f"/{name}.json?" + urllib.parse.urlencode({"sql": sql, "_shape": "array"})
        started = time.perf_counter()
        response = await datasette.client.get(url)
        elapsed = time.perf_counter() - started
        if response.status_code != 200:
            raise RuntimeError(response.text[:300])
        return elapsed, len(response.json())

    async def measure() -> None:
        await ask("SELECT 1")  # start-up out of the way
        for label, sql in queries.items():
            times, rows = [], 0
            for _ in range(3):
                elapsed, rows = await ask(sql)
                times.append(elapsed)
            best = statistics.median(times)
            print(f"Datasette, {label}: {best * 1000:6.0f} ms for {rows} rows as JSON")

    ours = _our_sql(path, today)
    print(
        f"ours, the same rollup query through db.kpis.period_actuals: {ours * 1000:6.1f} ms; "
        f"the whole board build (2 periods, targets, RAG): {board_build * 1000:.0f} ms"
    )
    asyncio.run(measure())


def import_time(path: str, today: date) -> None:
    """Values of the typed KPIs (500 groups × up to 8 KPIs × 25 days) uploaded as CSV through the real
    import path, on the large database, inside a transaction rolled back afterwards."""
    from dashboard.domain import kpis as rules
    from db.connection import connect

    db = connect(path)
    try:
        kpis = db.execute(  # typed KPIs only: a computed cell is refused on import
            """SELECT code, min_value, max_value FROM kpis WHERE id NOT IN
               (SELECT DISTINCT kpi_id FROM kpi_values WHERE computed = 1)"""
        ).fetchall()
        groups = [r[0] for r in db.execute("SELECT name FROM groups ORDER BY id").fetchall()]
        days = [(today - timedelta(days=d)).isoformat() for d in range(1, 26)]
        records = []
        for code, _low, high in kpis:
            for group in groups:
                for day in days:
                    spread = (len(records) * 7919) % 97 / 97  # varied, in range for rates
                    records.append((code, group, day, round(spread * (high or 50), 2)))
        payload = (
            pd.DataFrame(records, columns=["kpi", "group", "day", "value"])
            .to_csv(index=False)
            .encode()
        )
        started = time.perf_counter()
        parsed = rules.read_upload("values.csv", payload)
        read = time.perf_counter() - started
        updates = []
        with rolled_back(db):
            started = time.perf_counter()
            count = rules.import_values(
                db, "system", parsed.records, today, lines=parsed.lines, progress=updates.append
            )
            imported = time.perf_counter() - started
    finally:
        db.close()
    print(
        f"import of {count:,} values (re-uploading the last 25 days, so every row updates "
        f"a value and its rollup): read CSV {read:.2f} s + validate and write {imported:.2f} s "
        f"= {read + imported:.2f} s, {len(updates)} progress updates (target ≤ 10 s)"
    )


def run_after_write(db_path: str) -> None:
    """Only the board right after a write (``python -m benchmarks kpi_after_write``)."""
    after_write_times(db_path, ensure_large(db_path))


def run(db_path: str) -> None:
    """Print every figure of the KPI board benchmark."""
    today = ensure_large(db_path)
    ours, rows = board_query(db_path, today)
    ours = min(ours, *(board_query(db_path, today)[0] for _ in range(2)))
    print(
        f"board aggregate (rollup, all groups, 2 months + targets): {ours * 1000:.0f} ms, "
        f"{rows} rows"
    )
    page_times(db_path, today)
    after_write_times(db_path, today)
    datasette_times(db_path, today, ours)
    import_time(db_path, today)
