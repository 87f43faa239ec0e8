"""A ~50 MB KPI upload (1.25 M rows as CSV; an Excel workbook of fewer rows, see
``XLSX_ROWS``) imported through the page's path on a copy of the large database, in a
subprocess: seconds, peak RSS, the apply (planned outside the write lock) and how long
the write lock was held. Meanwhile another connection saves a KPI value every second, as
another lead would, and records how long each save waited and whether any failed.

Targets (issue 19): ≤ 300 MB peak RSS, no failed save, the apply's lock held briefly."""

import contextlib
import json
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path

CSV_ROWS = 1_250_000  # ≈ 51 MB, the file of the issue
# An Excel sheet holds at most 1,048,576 rows, and openpyxl writes ~20,000 rows a second:
# the workbook carries a fifth of the CSV's rows (the reading is the same streaming path).
XLSX_ROWS = 250_000
ROOT = Path(__file__).resolve().parent.parent


def upload_rows(path: str, rows: int) -> tuple[date, list[tuple[str, str, str, float]]]:
    """``rows`` valid values re-uploading the latest days of every typed KPI of every group
    (each row replaces a stored value, and its month is recomputed), and the db's today."""
    from db.connection import connect

    db = connect(path)
    try:
        today = date.fromisoformat(db.execute("SELECT MAX(day) FROM kpi_values").fetchone()[0])
        kpis = db.execute(
            "SELECT code, max_value FROM kpis WHERE activity_metric IS NULL ORDER BY id"
        ).fetchall()
        groups = [row[0] for row in db.execute("SELECT name FROM groups ORDER BY id")]
    finally:
        db.close()
    values = []
    for back in range(rows // (len(kpis) * len(groups)) + 1):
        day = (today - timedelta(days=back)).isoformat()
        for code, high in kpis:
            for group in groups:
                spread = (len(values) * 7919) % 97 / 97  # varied, in range for rates
                values.append((code, group, day, round(spread * (high or 50), 2)))
    return today, values[:rows]


def write_csv(path: Path, values: list[tuple]) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write("kpi,group,day,value\n")
        out.writelines(f"{code},{group},{day},{value}\n" for code, group, day, value in values)


def write_xlsx(path: Path, values: list[tuple]) -> None:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(["指标", "群名称", "日期", "数值"])
    for code, group, day, value in values:
        sheet.append([code, group, day, value])
    book.save(path)


def child(db_path: str, file_path: str, today_iso: str) -> None:
    """In the subprocess: import the file as the page does; print the figures as JSON."""
    from dashboard.domain import kpis as rules
    from db.connection import connect

    db = connect(db_path)
    marks: dict[str, float] = {"start": time.perf_counter(), "lock_s": 0.0, "lock_cpu_s": 0.0}
    atomic = db.atomic

    @contextlib.contextmanager
    def timed_atomic():
        """``db.atomic()`` noting how long the outermost one holds the write lock (taken
        on entering, released by its commit)."""
        outer = db.conn.in_transaction
        with atomic():
            held, held_cpu = time.perf_counter(), time.process_time()
            yield db
        if not outer:
            marks["lock_s"] += time.perf_counter() - held
            marks["lock_cpu_s"] += time.process_time() - held_cpu

    db.atomic = timed_atomic

    def progress(fraction: float) -> None:
        if fraction >= 0.9 and "staged" not in marks:
            marks["staged"], marks["staged_cpu"] = time.perf_counter(), time.process_time()

    content = Path(file_path).read_bytes()
    table = rules.open_upload(Path(file_path).name, content)
    rows = table.count()
    marks["counted"] = time.perf_counter()
    count = rules.import_upload(
        db, "admin", table, date.fromisoformat(today_iso), rows=rows, progress=progress
    )
    marks["done"], marks["done_cpu"] = time.perf_counter(), time.process_time()
    db.close()
    print(
        json.dumps(
            {
                "rows": count,
                "count_s": marks["counted"] - marks["start"],
                "stage_s": marks["staged"] - marks["counted"],
                "apply_s": marks["done"] - marks["staged"],
                "apply_cpu_s": marks["done_cpu"] - marks["staged_cpu"],
                "lock_s": marks["lock_s"],
                "lock_cpu_s": marks["lock_cpu_s"],
                "cpu_s": marks["done_cpu"],
                "peak_mb": _peak_rss_mb(),
                "total_s": marks["done"] - marks["start"],
            }
        )
    )


def _peak_rss_mb() -> float:
    """This process's peak RSS since it started (``VmHWM``; the rusage of a child also
    counts the parent's memory it was forked with)."""
    status = Path("/proc/self/status").read_text()
    return int(status.split("VmHWM:")[1].split()[0]) / 1024


class Saver(threading.Thread):
    """Another lead saving one KPI value every second on its own connection."""

    def __init__(self, db_path: str, today: date) -> None:
        super().__init__(daemon=True)
        self.db_path, self.today = db_path, today
        self.waits: list[float] = []
        self.errors: list[str] = []
        self.stop = threading.Event()

    def run(self) -> None:
        from dashboard.domain import kpis as rules
        from db.connection import connect

        db = connect(self.db_path)
        kpi_id, group_id = db.execute(
            "SELECT k.id, g.id FROM kpis k, groups g WHERE k.activity_metric IS NULL LIMIT 1"
        ).fetchone()
        day = self.today - timedelta(days=900)  # a day the upload does not touch
        while not self.stop.is_set():
            started = time.perf_counter()
            try:
                rules.enter_value(db, "admin", kpi_id, group_id, day, len(self.waits), self.today)
            except Exception as error:  # what the lead would have seen
                self.errors.append(f"{type(error).__name__}: {error}")
            self.waits.append(time.perf_counter() - started)
            self.stop.wait(1.0)
        db.close()


def import_with_saves(db_path: str, upload: Path, today: date) -> None:
    """Import ``upload`` in a subprocess while a saver saves; print what both saw."""
    saver = Saver(db_path, today)
    saver.start()
    process = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.imports", db_path, str(upload), today.isoformat()],
        cwd=ROOT,
        stdout=subprocess.PIPE,
    )
    output = process.stdout.read()
    status = process.wait()
    saver.stop.set()
    saver.join()
    size = upload.stat().st_size / 1e6
    if status != 0:
        print(f"{upload.name} ({size:.0f} MB): the import failed (status {status})")
        return
    figures = json.loads(output)
    print(
        f"{upload.name} ({size:.1f} MB, {figures['rows']:,} rows): {figures['total_s']:.1f} s "
        f"(CPU {figures['cpu_s']:.1f} s; counting rows {figures['count_s']:.1f} s, checking "
        f"and staging {figures['stage_s']:.1f} s, apply {figures['apply_s']:.1f} s (CPU "
        f"{figures['apply_cpu_s']:.1f} s), of which the write lock held {figures['lock_s']:.1f} s "
        f"(CPU {figures['lock_cpu_s']:.1f} s)), peak RSS {figures['peak_mb']:.0f} MB "
        "(target ≤ 300 MB)"
    )
    print(
        f"  another lead's saves meanwhile: {len(saver.waits)}, longest {max(saver.waits):.2f} s, "
        f"median {sorted(saver.waits)[len(saver.waits) // 2]:.3f} s, "
        f"failed {len(saver.errors)} (target 0){': ' + saver.errors[0] if saver.errors else ''}"
    )


def run(db_path: str) -> None:
    """Print the import figures on a copy of ``db_path`` (the large database)."""
    with tempfile.TemporaryDirectory(prefix="imports-bench-", dir="/tmp") as folder:
        work = Path(folder)
        copy = str(work / "large.sqlite")
        shutil.copy(db_path, copy)
        started = time.perf_counter()
        today, values = upload_rows(copy, CSV_ROWS)
        write_csv(work / "kpi_values.csv", values)
        write_xlsx(work / "kpi_values.xlsx", values[:XLSX_ROWS])
        del values
        print(f"(files written in {time.perf_counter() - started:.0f} s)")
        import_with_saves(copy, work / "kpi_values.csv", today)
        import_with_saves(copy, work / "kpi_values.xlsx", today)


if __name__ == "__main__":
    child(*sys.argv[1:4])
