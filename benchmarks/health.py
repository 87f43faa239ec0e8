"""Group health on the large database: ``health.alerts`` (every group judged, as the
overview gathers it) on a cold start, then again (nothing is cached in the domain: the same
work), and ``health.assess`` of one group.

Issue 19's cold reads: judging all 500 groups took ~37 s from the counted views; the summary
tables kept at write time make it a small read.
"""

import time
from datetime import date

from benchmarks.overview import _prepared


def _seconds(action) -> tuple[float, object]:
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def run(path: str) -> None:
    """Print the time of ``health.alerts`` cold and repeated, and of one group's assessment."""
    from dashboard.domain import health
    from db.connection import connect

    path, today = _prepared(path)
    today = date.fromisoformat(_activity_today(path) or today.isoformat())
    db = connect(path)
    try:
        cold, found = _seconds(lambda: health.alerts(db, today))
        again, _ = _seconds(lambda: health.alerts(db, today))
        group_id = db.execute(
            "SELECT MIN(group_id) FROM chats WHERE group_id IS NOT NULL"
        ).fetchone()[0]
        one, _ = _seconds(lambda: health.assess(db, today, [group_id]))
    finally:
        db.close()
    print(f"database: {path}, today = {today}")
    print(
        f"health alerts, all groups: cold {cold:.2f} s, again {again:.2f} s ({len(found)} alerts)"
    )
    print(f"health of one group: {one:.2f} s")


def _activity_today(path: str) -> str | None:
    """The last counted day of activity (the large seed's "today")."""
    from db.connection import connect

    db = connect(path)
    try:
        return db.execute("SELECT MAX(day) FROM activity_counted").fetchone()[0]
    finally:
        db.close()
