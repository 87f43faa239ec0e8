"""Benchmarks that print measured figures (``python -m benchmarks``).

Each module here offers ``run(db_path: str) -> None`` that prints its figures; the runner
calls every one in name order (or only those named on the command line). Timings are
printed, never asserted: they are for the closing notes and for spotting regressions.
"""

import contextlib
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path


@contextlib.contextmanager
def rolled_back(db) -> Iterator[None]:
    """Run the block in a transaction that is always rolled back, so that the benchmark
    leaves the database file as it found it."""
    db.execute("BEGIN")
    try:
        yield
    finally:
        db.execute("ROLLBACK")


def data_today(path: str | Path) -> date:
    """The "today" a seeded database was built for: the day after its last KPI value (the
    large seed anchors on the day it was built). Servers measured on it run on that day, so
    that a page's default period is the data's latest, not a past one with later data."""
    from db.connection import connect

    db = connect(path)
    try:
        last = db.execute("SELECT MAX(last_day) FROM kpi_monthly").fetchone()[0]
    finally:
        db.close()
    if not last:
        raise SystemExit(f"{path} has no KPI values: build it with python -m seed --scale large")
    return date.fromisoformat(last) + timedelta(days=1)
