"""Importing chat exports: 1,000,000 messages as a Telegram Desktop JSON export and as a
ChatLab JSONL file, each imported by ``python -m dashboard.ingest`` in a subprocess into a
fresh database. Prints wall time, peak RSS of that process and rows written.

Targets (issue 15): each ≤ 60 s and ≤ 300 MB peak RSS on the 2-core machine.
"""

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MESSAGES = 1_000_000
TODAY = "2026-06-15"  # the generated exports end on 2026-06-14


def _import(export: Path, database: Path) -> tuple[float, float, int]:
    """Seconds, peak RSS (MB) and exit code of one ingest subprocess."""
    env = dict(os.environ, OPS_TODAY=TODAY)
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "dashboard.ingest", str(export), "--db", str(database)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    output = process.stdout.read().decode().strip() if process.stdout else ""
    print(f"  {output}")
    return seconds, usage.ru_maxrss / 1024, process.returncode


def run(_db: str, messages: int = MESSAGES) -> None:
    from db.connection import connect
    from seed.activity import write_chatlab_jsonl, write_telegram

    with tempfile.TemporaryDirectory() as folder:
        exports = {
            "Telegram JSON": (write_telegram, Path(folder) / "result.json"),
            "ChatLab JSONL": (write_chatlab_jsonl, Path(folder) / "chat.jsonl"),
        }
        for label, (write, path) in exports.items():
            started = time.perf_counter()
            write(path, messages, days=365)
            size = path.stat().st_size / 2**20
            print(
                f"{label}: generated {messages:,} messages ({size:.0f} MB) in "
                f"{time.perf_counter() - started:.1f} s"
            )
            database = Path(folder) / f"{path.stem}.sqlite"
            seconds, rss, code = _import(path, database)
            db = connect(database)
            rows = db.execute("SELECT COUNT(*) FROM activity_daily").fetchone()[0]
            stored = db.execute("SELECT SUM(messages) FROM activity_counts").fetchone()[0]
            db.close()
            verdict = "ok" if seconds <= 60 and rss <= 300 and code == 0 else "OVER TARGET"
            print(
                f"{label}: import {seconds:.1f} s, peak RSS {rss:.0f} MB, exit {code}, "
                f"{rows:,} daily rows, {stored:,} messages counted "
                f"(target ≤ 60 s, ≤ 300 MB: {verdict})"
            )
