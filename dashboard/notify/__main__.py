"""python -m dashboard.notify [--db PATH] [--dry-run] [--now ISO] — send the digests and
reminders that are due now, retry failed ones whose wait is over, record each delivery."""

import argparse
import sys
from contextlib import closing
from datetime import UTC, datetime

from dashboard.areas import migrate
from dashboard.notify import delivery
from db.connection import connect, default_db_path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dashboard.notify", description=__doc__)
    parser.add_argument(
        "--db", default=None, help=f"database (default: OPS_DB or {default_db_path()})"
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="print what would be sent, send nothing"
    )
    parser.add_argument(
        "--now", default=None, help="pretend it is this moment (ISO, e.g. 2026-06-15T09:00+08:00)"
    )
    args = parser.parse_args(argv)
    from streamlit.logger import set_log_level

    set_log_level("error")  # the overview's cached helpers warn that no app is running
    now = datetime.fromisoformat(args.now) if args.now else datetime.now(UTC)
    if now.tzinfo is None:
        parser.error("--now needs a UTC offset, e.g. 2026-06-15T09:00+08:00")
    with closing(connect(args.db)) as db:
        migrate(db)
        outcomes = delivery.run(db, now, dry_run=args.dry_run)
    for outcome in outcomes:
        if outcome.status != "dry-run":
            detail = f" ({outcome.error})" if outcome.error else ""
            print(
                f"{outcome.status}: {outcome.username} via {outcome.channel}, {outcome.period}{detail}"
            )
    if not outcomes:
        print("nothing due")
    return 1 if any(o.status in ("failed", "retrying") for o in outcomes) else 0


if __name__ == "__main__":
    sys.exit(main())
