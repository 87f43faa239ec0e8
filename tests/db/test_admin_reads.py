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
