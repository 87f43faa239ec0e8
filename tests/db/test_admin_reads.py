"""The reads behind the Admin page: live group names, the audit filter's options and the
names that label audit rows, on a real database file."""

from db import audit
from db import org as store
from tests.conftest import add_user


def test_group_names_audit_choices_and_subject_names(db) -> None:
    add_user(db, "lead", "lead")
    m = store.insert_group(db, "admin", {"name": "M", "tier": "management"}, "2026-01-01")
    c = store.insert_group(db, "admin", {"name": "C", "tier": "core", "parent_id": m}, "2026-01-01")
    old = store.insert_group(
        db, "lead", {"name": "Old", "tier": "core", "parent_id": m}, "2026-01-02"
    )
    store.archive_group(db, "admin", old, "2026-02-01")
    ann = store.insert_person(
        db, "admin", {"name": "Ann", "joined_on": "2026-01-03", "status": "active"}
    )

    assert store.live_group_names(db) == {c: "C", m: "M"}
    assert list(store.live_group_names(db)) == [c, m]  # by tier, then name
    assert audit.filter_choices(db) == {"users": ["admin", "lead"], "entities": ["group", "person"]}
    assert audit.subject_names(db) == ({m: "M", c: "C", old: "Old"}, {ann: "Ann"})


def test_the_audit_log_is_read_a_page_at_a_time(db) -> None:
    for entity_id in range(1, 8):
        audit.record(db, "lead" if entity_id % 2 else "admin", "update", "group", entity_id)
    db.execute(
        "UPDATE audit_log SET at = CASE WHEN entity_id <= 3 THEN '2026-01-01T10:00:00+00:00'"
        " ELSE '2026-01-02T10:00:00+00:00' END"
    )

    pages = [[r["entity_id"] for r in audit.history(db, limit=3, offset=o)] for o in (0, 3, 6)]
    assert pages == [[7, 6, 5], [4, 3, 2], [1]]
    assert [r["entity_id"] for r in audit.history(db, username="lead", limit=2, offset=2)] == [3, 1]
    assert audit.history_count(db) == 7
    assert audit.history_count(db, username="lead") == 4
    assert audit.history_count(db, since="2026-01-02") == 4
    assert audit.daily_writes(db) == [
        {"day": "2026-01-01", "username": "admin", "writes": 1},
        {"day": "2026-01-01", "username": "lead", "writes": 2},
        {"day": "2026-01-02", "username": "admin", "writes": 2},
        {"day": "2026-01-02", "username": "lead", "writes": 2},
    ]
    assert audit.daily_writes(db, until="2026-01-01", username="lead") == [
        {"day": "2026-01-01", "username": "lead", "writes": 2}
    ]
