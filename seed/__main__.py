"""python -m seed --db PATH --scale demo|large [--lang en|zh], or python -m seed --samples DIR"""

import argparse
import sys
import time
from datetime import date
from pathlib import Path

from db.connection import connect
from seed import seed_database
from seed.language import SEED_LANGUAGES


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m seed", description=__doc__)
    parser.add_argument("--db", type=Path, help="SQLite file to create")
    parser.add_argument("--scale", choices=("demo", "large"), default="demo")
    parser.add_argument("--today", type=date.fromisoformat, help="anchor date (YYYY-MM-DD)")
    parser.add_argument(
        "--lang", choices=SEED_LANGUAGES, default="en", help="language of the demo's own text"
    )
    parser.add_argument("--force", action="store_true", help="replace an existing file")
    parser.add_argument(
        "--samples", type=Path, metavar="DIR", help="write one example chat export per format"
    )
    args = parser.parse_args(argv)
    if args.samples:
        from seed.activity import write_samples

        for path in write_samples(args.samples):
            print(path)
        if args.db is None:
            return 0
    if args.db is None:
        parser.error("--db is required (or --samples DIR)")
    if args.db.exists():
        if not args.force:
            print(f"{args.db} exists; pass --force to replace it", file=sys.stderr)
            return 2
        for suffix in ("", "-wal", "-shm"):
            Path(f"{args.db}{suffix}").unlink(missing_ok=True)
    started = time.perf_counter()
    db = connect(args.db)

    def progress(step: str) -> None:
        print(f"[{time.perf_counter() - started:6.1f}s] seeding {step}", flush=True)

    seed_database(db, args.scale, args.today, progress=progress, lang=args.lang)
    db.execute("PRAGMA optimize")
    db.close()
    print(f"done in {time.perf_counter() - started:.1f}s: {args.db}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
