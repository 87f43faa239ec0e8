"""Many writers at once through the real write path: every write lands, every write is
audited, and readers are never blocked by a long write transaction (WAL)."""

import threading
import time
from datetime import date
from pathlib import Path

from dashboard.domain import org
from db.connection import connect

THREADS = 20
WRITES = 100
TODAY = date(2026, 6, 15)


def _setup(db_path: Path) -> tuple[int, int]:
    db = connect(db_path)
    with db.atomic():
        db.execute(
            "INSERT INTO groups (name, tier, created_on) VALUES ('Crowd', 'ordinary', '2026-01-01')"
        )
        group_id = db.execute("SELECT id FROM groups WHERE name = 'Crowd'").fetchone()[0]
        db.execute("INSERT INTO roles (code, name, name_zh) VALUES ('member', 'Member', '成员')")
        role_id = db.execute("SELECT id FROM roles WHERE code = 'member'").fetchone()[0]
    db.close()
    return group_id, role_id


def test_twenty_threads_times_a_hundred_writes_all_land_and_are_audited(db_path: Path) -> None:
    group_id, role_id = _setup(db_path)
    errors: list[BaseException] = []
    start = threading.Barrier(THREADS)

    def writer(number: int) -> None:
        db = connect(db_path)
        try:
            start.wait()
            for index in range(WRITES):
                org.add_person(
                    db,
                    "admin",
                    name=f"p{number}-{index}",
                    group_id=group_id,
                    role_id=role_id,
                    today=TODAY,
                )
        except BaseException as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)
        finally:
            db.close()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    db = connect(db_path)
    assert db.execute("SELECT COUNT(*) FROM people").fetchone()[0] == 2000
    assert db.execute("SELECT COUNT(DISTINCT name) FROM people").fetchone()[0] == 2000
    assert db.execute("SELECT COUNT(*) FROM memberships").fetchone()[0] == 2000
    audited = db.execute(
        "SELECT COUNT(DISTINCT entity_id) FROM audit_log WHERE entity = 'person' AND action = 'create'"
    ).fetchone()[0]
    assert audited == 2000
    db.close()


def test_a_long_write_transaction_does_not_block_readers(db_path: Path) -> None:
    _setup(db_path)
    writer_db = connect(db_path)
    reader_db = connect(db_path)
    in_transaction = threading.Event()
    release = threading.Event()

    def long_write() -> None:
        with writer_db.atomic():
            writer_db.execute(
                "INSERT INTO groups (name, tier, created_on) VALUES ('Slow', 'ordinary', '2026-01-02')"
            )
            in_transaction.set()
            release.wait(10)

    thread = threading.Thread(target=long_write)
    thread.start()
    assert in_transaction.wait(10)
    began = time.monotonic()
    names = [row[0] for row in reader_db.execute("SELECT name FROM groups ORDER BY id")]
    waited = time.monotonic() - began
    release.set()
    thread.join()
    assert names == ["Crowd"]  # the reader sees the last committed state...
    assert waited < 0.5  # ...at once, not after the writer's commit
    assert [row[0] for row in reader_db.execute("SELECT name FROM groups ORDER BY id")] == [
        "Crowd",
        "Slow",
    ]
    writer_db.close()
    reader_db.close()
