"""The page-side helpers of scope read the same set the writes enforce."""

from dashboard.scope import can_write_any, can_write_group, in_scope, in_scope_first
from db.access import writable_group_ids


def test_helpers_follow_the_writable_set(demo_db) -> None:
    lead = writable_group_ids(demo_db, "lead")  # 内容核心群 and its three ordinary groups
    assert lead == {2, 3, 4, 5}
    assert in_scope([1, 3, 6, 5], lead) == [3, 5]
    assert in_scope([1, 3], writable_group_ids(demo_db, "admin")) == [1, 3]
    assert in_scope([1, 3], writable_group_ids(demo_db, "viewer")) == []
    assert (can_write_group(lead, 4), can_write_group(lead, 7), can_write_group(lead, None)) == (
        True,
        False,
        False,
    )
    assert (can_write_any(None), can_write_any(lead), can_write_any(set())) == (True, True, False)


def test_in_scope_first_keeps_each_parts_order() -> None:
    rows = [{"group_id": g, "n": n} for n, g in enumerate([7, 3, None, 5, 1])]
    assert [r["n"] for r in in_scope_first(rows, {3, 5})] == [1, 3, 0, 2, 4]
    assert [r["n"] for r in in_scope_first(rows, None)] == [0, 1, 2, 3, 4]
