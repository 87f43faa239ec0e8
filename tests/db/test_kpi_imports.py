"""A long KPI import and the other writers: its rows are staged on the side (no lock other
connections need), applied in one transaction, and a killed import leaves nothing; a write
that finds the database busy waits its turn, says so, and fails with a message, not a
traceback, when the turn never comes."""

import os
import signal
import subprocess
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest

from db import connection
from db import kpis as store
from db.connection import announcing_waits, connect
from db.errors import DatabaseBusy, ValidationError
from tests.conftest import DEMO_TODAY

ROOT = Path(__file__).resolve().parents[2]


def typed_kpi_and_group(db) -> tuple[int, int]:
    return db.execute(
        """SELECT k.id, g.id FROM kpis k, groups g WHERE k.activity_metric IS NULL
           AND k.code = 'new_members' AND g.name = '读书笔记组'"""
    ).fetchone()


def value_count(db) -> int:
    return db.execute("SELECT COUNT(*) FROM kpi_values").fetchone()[0]


def trigger_count(db) -> int:
    return db.execute(
        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'kpi_values'"
    ).fetchone()[0]


def killed_leaving_nothing(process, pipe, path, before: int, rollup: list[dict]):
    """Kill -9 the importing ``process`` (closing its ``pipe``); check the database is
    whole and holds the ``before`` values and ``rollup`` still; return a connection."""
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    pipe.close()
    db = connect(path)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert value_count(db) == before
    assert store.rollup(db) == rollup
    return db


def test_staged_rows_lock_nothing_until_the_apply(demo_db, demo_db_path) -> None:
    kpi_id, group_id = typed_kpi_and_group(demo_db)
    before = value_count(demo_db)
    store.open_staging(demo_db)
    duplicates = store.stage_values(
        demo_db,
        [
            (2, kpi_id, group_id, None, "2020-01-01", 1.0),
            (3, kpi_id, group_id, None, "2020-01-02", 2.0),
            (4, kpi_id, group_id, None, "2020-01-01", 3.0),  # the value row 2 gives
        ],
    )
    assert duplicates == [(4, 2)]
    assert not demo_db.conn.in_transaction
    other = connect(demo_db_path)
    other.execute("PRAGMA busy_timeout=0")
    with other.atomic():  # another lead saves while the import is staged
        other.execute("UPDATE kpis SET name_zh = name_zh WHERE id = ?", [kpi_id])
    other.close()
    assert value_count(demo_db) == before
    assert store.apply_staged(demo_db, "admin") == 2
    store.close_staging(demo_db)
    assert value_count(demo_db) == before + 2
    assert store.rollup(demo_db) == store.recompute_rollup(demo_db)
    staging = "SELECT COUNT(*) FROM temp.sqlite_master WHERE name = 'kpi_staging'"
    assert demo_db.execute(staging).fetchone()[0] == 0


def test_a_write_that_must_wait_says_so_then_writes(demo_db, demo_db_path) -> None:
    kpi_id, group_id = typed_kpi_and_group(demo_db)
    holder = connect(demo_db_path)
    holder.execute("BEGIN IMMEDIATE")
    threading.Timer(1.0, holder.conn.commit).start()
    announced = []
    with announcing_waits(lambda: announced.append(time.monotonic())):
        store.upsert_values(demo_db, "admin", [(kpi_id, group_id, None, "2020-01-01", 5.0)])
    assert len(announced) == 1
    assert (
        demo_db.execute(
            "SELECT value FROM kpi_values WHERE kpi_id = ? AND group_id = ? AND day = '2020-01-01'",
            [kpi_id, group_id],
        ).fetchone()[0]
        == 5.0
    )
    holder.close()


def test_a_write_that_waits_in_vain_fails_with_a_message(
    demo_db, demo_db_path, monkeypatch
) -> None:
    monkeypatch.setattr(connection, "BUSY_TIMEOUT_MS", 500)
    kpi_id, group_id = typed_kpi_and_group(demo_db)
    holder = connect(demo_db_path)
    holder.execute("BEGIN IMMEDIATE")
    before = value_count(demo_db)
    with pytest.raises(DatabaseBusy) as refused:
        store.upsert_values(demo_db, "admin", [(kpi_id, group_id, None, "2020-01-01", 5.0)])
    assert refused.value.key == "common.err.busy" and refused.value.params == {"seconds": 1}
    holder.conn.rollback()
    holder.close()
    assert value_count(demo_db) == before
    assert not demo_db.conn.in_transaction


KILL_SCRIPT = """
import sys
from datetime import date
from dashboard.domain import kpis as rules
from db.connection import connect

db = connect(sys.argv[1])
table = rules.open_upload("big.csv", open(sys.argv[2], "rb").read())
rules.import_upload(
    db, "admin", table, date.fromisoformat(sys.argv[3]), rows=int(sys.argv[4]),
    progress=lambda fraction: print(f"{fraction:.3f}", file=sys.stderr, flush=True),
)
"""


def test_an_import_killed_mid_way_leaves_the_values_untouched(
    demo_db, demo_db_path, tmp_path
) -> None:
    codes = [r[0] for r in demo_db.execute("SELECT code FROM kpis WHERE activity_metric IS NULL")]
    groups = [r[0] for r in demo_db.execute("SELECT name FROM groups")]
    rows = []
    for back in range(1, 3000):
        day = (DEMO_TODAY - timedelta(days=back)).isoformat()
        rows.extend(f"{code},{group},{day},1\n" for code in codes for group in groups)
        if len(rows) >= 150_000:
            break
    big = tmp_path / "big.csv"
    big.write_text("kpi,group,day,value\n" + "".join(rows), encoding="utf-8")
    before = value_count(demo_db)
    rollup = store.rollup(demo_db)
    process = subprocess.Popen(
        [
            sys.executable,
            "-c",
            KILL_SCRIPT,
            str(demo_db_path),
            str(big),
            DEMO_TODAY.isoformat(),
            str(len(rows)),
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    seen = b""
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        chunk = os.read(process.stderr.fileno(), 64)
        if not chunk:
            break
        seen += chunk
        fractions = [float(f) for f in seen.split()[:-1]]
        if fractions and fractions[-1] >= 0.3:
            break
    assert process.poll() is None, seen[-200:]
    assert 0.3 <= fractions[-1] < 0.9  # staging, well before the apply
    db = killed_leaving_nothing(process, process.stderr, demo_db_path, before, rollup)
    db.close()


def _stage(db, rows: list[tuple]) -> None:
    store.open_staging(db)
    store.stage_values(db, [(line, *row) for line, row in enumerate(rows, 2)])


def _value(db, kpi_id: int, group_id: int, day: str) -> float | None:
    found = db.execute(
        """SELECT value FROM kpi_values WHERE kpi_id = ? AND group_id = ? AND day = ?
           AND person_id IS NULL""",
        [kpi_id, group_id, day],
    ).fetchone()
    return None if found is None else found[0]


def test_a_big_apply_is_planned_without_the_lock_and_rereads_what_others_wrote_meanwhile(
    demo_db, demo_db_path, monkeypatch
) -> None:
    """Between the plan (no lock: another lead saves at once) and the write, another
    connection changes a staged day, inserts a day the plan had as new and changes a day
    of a touched month the file does not give: the file's values win where it gives them,
    the other's value stays where it does not, and the rollup equals a recomputation."""
    monkeypatch.setattr(store, "BULK_ROWS", 3)
    kpi_id, group_id = typed_kpi_and_group(demo_db)
    staged = [(kpi_id, group_id, None, f"2026-05-{d:02d}", float(d)) for d in range(1, 11)]
    staged += [(kpi_id, group_id, None, f"2020-01-{d:02d}", 10.0 + d) for d in range(1, 4)]
    _stage(demo_db, staged)
    plan = store._plan_staged

    def plan_then_others_save(db) -> int:
        version = plan(db)
        other = connect(demo_db_path)
        other.execute("PRAGMA busy_timeout=0")  # the plan holds no lock
        store.upsert_values(other, "admin", [(kpi_id, group_id, None, "2026-05-02", 77.0)])
        store.upsert_values(other, "admin", [(kpi_id, group_id, None, "2020-01-02", 55.0)])
        store.upsert_values(other, "admin", [(kpi_id, group_id, None, "2026-05-20", 999.0)])
        other.close()
        return version

    monkeypatch.setattr(store, "_plan_staged", plan_then_others_save)
    before = value_count(demo_db)
    assert store.apply_staged(demo_db, "admin") == 13
    store.close_staging(demo_db)
    assert [_value(demo_db, kpi_id, group_id, day) for _, _, _, day, _ in staged] == [
        value for *_, value in staged
    ]
    assert _value(demo_db, kpi_id, group_id, "2026-05-20") == 999.0
    assert value_count(demo_db) == before + 3  # 2020-01-01..03, one of them the other's
    assert store.rollup(demo_db) == store.recompute_rollup(demo_db)
    assert trigger_count(demo_db) == 3
    plans = "SELECT COUNT(*) FROM temp.sqlite_master WHERE name IN ('kpi_plan', 'kpi_gains')"
    assert demo_db.execute(plans).fetchone()[0] == 0


def test_a_big_apply_refuses_a_computed_cell_even_one_computed_after_the_plan(
    demo_db, demo_db_path, monkeypatch
) -> None:
    monkeypatch.setattr(store, "BULK_ROWS", 3)
    kpi_id, group_id = typed_kpi_and_group(demo_db)
    staged = [(kpi_id, group_id, None, f"2026-05-{d:02d}", float(d)) for d in range(1, 6)]
    computed = demo_db.execute(
        "SELECT kpi_id, group_id, day, value FROM kpi_values WHERE computed = 1 LIMIT 1"
    ).fetchone()
    _stage(demo_db, [*staged, (computed[0], computed[1], None, computed[2], 1.0)])
    before = store.rollup(demo_db)
    with pytest.raises(ValidationError) as refused:  # found by the plan, before the lock
        store.apply_staged(demo_db, "admin")
    assert refused.value.key == "kpi.err.computed_cell"
    assert refused.value.params["day"] == computed[2]
    assert not demo_db.conn.in_transaction

    _stage(demo_db, staged)  # the same file without it; a recompute marks a day meanwhile
    plan = store._plan_staged

    def plan_then_a_day_is_computed(db) -> int:
        version = plan(db)
        other = connect(demo_db_path)
        with other.atomic():
            other.execute(
                "UPDATE kpi_values SET computed = 1 WHERE kpi_id = ? AND group_id = ?"
                " AND day = '2026-05-03' AND person_id IS NULL",
                [kpi_id, group_id],
            )
        other.close()
        return version

    monkeypatch.setattr(store, "_plan_staged", plan_then_a_day_is_computed)
    with pytest.raises(ValidationError) as refused:  # found again inside the lock
        store.apply_staged(demo_db, "admin")
    assert refused.value.params["day"] == "2026-05-03"
    store.close_staging(demo_db)
    assert store.rollup(demo_db) == before


APPLY_KILL_SCRIPT = """
import sys, time
from db import kpis as store
from db.connection import connect

store.BULK_ROWS = 3
db = connect(sys.argv[1])
kpi_id, group_id = (int(arg) for arg in sys.argv[3:5])
store.open_staging(db)
store.stage_values(
    db, [(d, kpi_id, group_id, None, f"2026-05-{d:02d}", 1000.0 + d) for d in range(1, 29)]
    + [(100 + d, kpi_id, group_id, None, f"2020-02-{d:02d}", 1.0) for d in range(1, 29)]
)


def stop_there(*args, **kwargs):
    print("there", flush=True)
    time.sleep(120)


# "planned": after the plan, before the lock; "writing": in the transaction, values written
hook = {"planned": "_refuse_planned_computed_cells", "writing": "run_statements"}[sys.argv[2]]
if sys.argv[2] == "writing":
    run_statements = store.run_statements
    store.run_statements = lambda db, statements: (
        stop_there() if statements is store.TRIGGERS else run_statements(db, statements)
    )
else:
    setattr(store, hook, stop_there)
store.apply_staged(db, "admin")
"""


@pytest.mark.parametrize("moment", ["planned", "writing"])
def test_a_big_apply_killed_after_its_plan_or_mid_write_leaves_nothing(
    demo_db, demo_db_path, moment
) -> None:
    kpi_id, group_id = typed_kpi_and_group(demo_db)
    before, rollup = value_count(demo_db), store.rollup(demo_db)
    may = store.values_of(demo_db, kpi_id, group_id, DEMO_TODAY.replace(day=1, month=5), DEMO_TODAY)
    process = subprocess.Popen(
        [sys.executable, "-c", APPLY_KILL_SCRIPT, str(demo_db_path), moment]
        + [str(kpi_id), str(group_id)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
    )
    assert process.stdout.readline() == b"there\n"
    db = killed_leaving_nothing(process, process.stdout, demo_db_path, before, rollup)
    assert (
        store.values_of(db, kpi_id, group_id, DEMO_TODAY.replace(day=1, month=5), DEMO_TODAY) == may
    )
    assert trigger_count(db) == 3
    db.close()
