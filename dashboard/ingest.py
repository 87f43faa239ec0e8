"""python -m dashboard.ingest PATH… [--db PATH] [--dry-run] [--user NAME] [--lang en|zh]

Import chat exports (Telegram JSON, ChatLab JSON/JSONL, WeCom 群聊数据统计, message CSV)
into the database: for files too big to upload and for cron. ``--dry-run`` previews each
file (nothing written). Progress goes to stderr, results to stdout.

Exit codes: 0 every file imported (or previewed); 1 at least one file refused (its
reason printed; the others are still imported); 2 a path that does not exist.
"""

import argparse
import sys
import time
from pathlib import Path

from dashboard.activity.imports import import_file, preview
from dashboard.areas import migrate
from dashboard.i18n import LANGUAGES, error_text, t
from db.access import SYSTEM_ACTOR
from db.connection import connect, default_db_path
from db.errors import OpsError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dashboard.ingest", description=__doc__)
    parser.add_argument("paths", nargs="+", type=Path, help="export files")
    parser.add_argument("--db", type=Path, help=f"SQLite file (default {default_db_path()})")
    parser.add_argument("--dry-run", action="store_true", help="preview only, write nothing")
    parser.add_argument("--user", default=SYSTEM_ACTOR, help="account recorded as importer")
    parser.add_argument("--lang", choices=sorted(LANGUAGES), default="en")
    args = parser.parse_args(argv)
    missing = [path for path in args.paths if not path.is_file()]
    for path in missing:
        print(t("activity.ingest.missing", args.lang, name=path), file=sys.stderr)
    if missing:
        return 2
    db = connect(args.db)
    migrate(db)
    refused = 0
    try:
        for path in args.paths:
            try:
                if args.dry_run:
                    _preview(db, path, args.lang)
                else:
                    _import(db, path, args.user, args.lang)
            except OpsError as error:
                refused += 1
                print(f"{path}: {error_text(error, args.lang)}", file=sys.stderr)
                for line, key, params in getattr(error, "row_errors", [])[:20]:
                    message = error_text(OpsError(key, **params), args.lang)
                    print(f"  {line}: {message}", file=sys.stderr)
    finally:
        db.close()
    return 1 if refused else 0


def _preview(db, path: Path, lang: str) -> None:
    summary = preview(path, db=db)
    line = t(
        "activity.ingest.preview",
        lang,
        name=path,
        format=t(f"activity.format.{summary.format}", lang),
        chats=len(summary.chats),
        first_day=summary.first_day,
        last_day=summary.last_day,
        messages=summary.messages,
        members=summary.members,
    )
    print(line)
    if summary.already:
        already = summary.already
        when = already["imported_at"][:16].replace("T", " ")
        print(t("activity.ingest.already", lang, name=path, on=when, by=already["username"]))


def _import(db, path: Path, user: str, lang: str) -> None:
    started = time.perf_counter()
    shown = [-1]

    def progress(fraction: float) -> None:
        percent = int(fraction * 100)
        if percent != shown[0]:
            shown[0] = percent
            print(f"\r{path.name}: {percent:3d} %", end="", file=sys.stderr, flush=True)

    import_id = import_file(db, path, user, progress=progress)
    print(file=sys.stderr)
    seconds = f"{time.perf_counter() - started:.1f}"
    print(t("activity.ingest.imported", lang, name=path, id=import_id, seconds=seconds))


if __name__ == "__main__":
    sys.exit(main())
