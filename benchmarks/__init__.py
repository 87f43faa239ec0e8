"""Benchmarks that print measured figures (``python -m benchmarks``).

Each module here offers ``run(db_path: str) -> None`` that prints its figures; the runner
calls every one in name order (or only those named on the command line). Timings are
printed, never asserted: they are for the closing notes and for spotting regressions.
"""

import contextlib
from collections.abc import Iterator


@contextlib.contextmanager
def rolled_back(db) -> Iterator[None]:
    """Run the block in a transaction that is always rolled back, so that the benchmark
    leaves the database file as it found it."""
    db.execute("BEGIN")
    try:
        yield
    finally:
        db.execute("ROLLBACK")
