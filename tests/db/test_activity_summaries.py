"""The activity summaries kept at write time: after any sequence of imports (overlapping
ones included), removals and mapping changes, they equal recounting the counted views, and
the readers built on them return what counting the counted views gives (whole months, days
at a month's edges, two chats sharing a group)."""

import random
import shutil
import tempfile
from collections import Counter, defaultdict
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.areas import migrate
from db import activity
from db.connection import connect
from db.sql import fetch_named

FIRST = date(2026, 5, 24)  # imports fall in May 24 .. June 12: across a month's end
MEMBERS = [f"m{n}" for n in range(6)]
CHATS = [("wechat", "a", "Chat A"), ("wechat", "b", "Chat B"), ("qq", "c", "Chat C")]
RANGES = [
    (date(2026, 5, 1), date(2026, 6, 30)),  # whole months
    (date(2026, 5, 28), date(2026, 6, 4)),  # two edges, no whole month
    (date(2026, 5, 26), date(2026, 6, 30)),  # an edge and a whole month
    (date(2026, 6, 3), date(2026, 6, 3)),
    (date(2026, 5, 20), date(2026, 6, 20)),  # edges holding all their months' days
]


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated database with two groups, made once for the module."""
    path = tmp_path_factory.mktemp("summaries") / "template.sqlite"
    db = connect(path)
    migrate(db)
    for name in ("Group one", "Group two"):
        db.execute(
            "INSERT INTO groups (name, tier, created_on) VALUES (?, 'core', '2024-01-01')", [name]
        )
    db.conn.commit()
    db.close()
    return path


def import_chat(db, number: int, chat: int, first: int, days: int, rng: random.Random) -> int:
    """An import of ``days`` days of one chat from ``FIRST + first`` with random counts."""
    member_days, hours, messages = [], [], 0
    for offset in range(first, first + days):
        day = (FIRST + timedelta(days=offset)).isoformat()
        for key in rng.sample(MEMBERS, rng.randint(1, len(MEMBERS))):
            counts = [rng.randint(0, 4), rng.randint(0, 1), rng.randint(0, 1)]
            counts += [rng.randint(0, 1), rng.randint(0, 1), rng.randint(0, counts[0])]
            messages += counts[0]
            member_days.append((0, key, day, *counts))
        for hour in rng.sample(range(24), 3):
            hours.append((0, day, hour, rng.randint(1, 5)))
    last = (FIRST + timedelta(days=first + days - 1)).isoformat()
    record = {
        "file_name": f"export{number}.jsonl",
        "file_hash": f"hash{number}",
        "format": "chatlab_jsonl",
        "first_day": (FIRST + timedelta(days=first)).isoformat(),
        "last_day": last,
        "messages": messages,
        "members": len(MEMBERS),
    }
    members = [(key, "wechat", f"name {key}") for key in MEMBERS]
    return activity.store_import(db, "system", record, [CHATS[chat]], members, member_days, hours)


def recounted(db) -> dict[str, set]:
    """The summaries' rows as counting the counted views' rows in Python gives them."""
    member_months: dict[tuple, list] = {}
    day_totals: dict[tuple, list] = {}
    active_days: dict[tuple, set] = defaultdict(set)
    active_members: dict[tuple, set] = defaultdict(set)
    for chat_id, day, key, *counts in db.execute(
        "SELECT chat_id, day, member_key, messages, checkins, shares, joins, leaves,"
        " night_messages FROM activity_counts"
    ).fetchall():
        messages, checkins, shares, joins, leaves, night = counts
        slot = member_months.setdefault((chat_id, day[:7], key), [0, 0, None, 0, 0, 0, 0, 0])
        totals = day_totals.setdefault((chat_id, day), [0, 0, 0, 0, 0, 0, 0])
        if messages:
            active_days[(chat_id, day[:7], key)].add(day)
            active_members[(chat_id, day)].add(key)
            slot[2] = max(slot[2] or "", day)
        for index, value in zip(
            (0, 3, 4, 5, 6, 7), (messages, checkins, shares, joins, leaves, night), strict=True
        ):
            slot[index] += value
        for index, value in zip(
            (0, 2, 3, 4, 5, 6), (messages, joins, leaves, checkins, shares, night), strict=True
        ):
            totals[index] += value
    for key, slot in member_months.items():
        slot[1] = len(active_days[key])
    for key, totals in day_totals.items():
        totals[1] = len(active_members[key])
    hours: Counter = Counter()
    for chat_id, day, hour, messages in db.execute(
        "SELECT chat_id, day, hour, messages FROM activity_hour_counts"
    ).fetchall():
        hours[(chat_id, day[:7], date.fromisoformat(day).weekday(), hour)] += messages
    return {
        "activity_member_months": {(*k, *v) for k, v in member_months.items()},
        "activity_chat_day_totals": {(*k, *v) for k, v in day_totals.items()},
        "activity_chat_hours": {(*k, v) for k, v in hours.items()},
    }


def stored(db) -> dict[str, set]:
    return {
        table: {tuple(row) for row in db.execute(f"SELECT * FROM {table}").fetchall()}
        for table in activity.SUMMARY_TABLES
    }


def counted_rows(db, start: date, end: date) -> list[tuple]:
    """``(group_id, chat_id, day, member_key, messages, joins, leaves, checkins, shares,
    night)`` of the counted views in ``start``..``end``."""
    return db.execute(
        """SELECT ch.group_id, d.chat_id, d.day, d.member_key, d.messages, d.joins, d.leaves,
                  d.checkins, d.shares, d.night_messages
           FROM activity_counts d JOIN chats ch ON ch.id = d.chat_id
           WHERE d.day BETWEEN ? AND ?""",
        [start.isoformat(), end.isoformat()],
    ).fetchall()


def expected_member_counts(rows: list[tuple]) -> dict[tuple, tuple]:
    sums: dict[tuple, list] = {}
    days: dict[tuple, set] = defaultdict(set)
    for group_id, _, day, key, messages, joins, leaves, checkins, shares, night in rows:
        slot = sums.setdefault((group_id, key), [0, 0, 0, 0, 0, 0])
        for index, value in enumerate((messages, checkins, shares, joins, leaves, night)):
            slot[index] += value
        if messages:
            days[(group_id, key)].add(day)
    return {k: (v[0], len(days[k]), *v[1:]) for k, v in sums.items()}


def expected_member_months(rows: list[tuple]) -> dict[tuple, tuple]:
    sums: dict[tuple, list] = {}
    days: dict[tuple, set] = defaultdict(set)
    for group_id, _, day, key, messages, joins, leaves, *_ in rows:
        if group_id is None:
            continue
        slot = sums.setdefault((group_id, key, day[:7]), [0, 0, 0])
        for index, value in enumerate((messages, joins, leaves)):
            slot[index] += value
        if messages:
            days[(group_id, key, day[:7])].add(day)
    return {k: (v[0], len(days[k]), v[1], v[2]) for k, v in sums.items()}


def expected_daily(rows: list[tuple], by: str) -> dict[tuple, tuple]:
    sums: dict[tuple, list] = {}
    active: dict[tuple, set] = defaultdict(set)
    for group_id, chat_id, day, key, messages, joins, leaves, checkins, shares, night in rows:
        if by == "group" and group_id is None:
            continue
        slot = sums.setdefault((group_id if by == "group" else chat_id, day), [0] * 6)
        for index, value in enumerate((messages, joins, leaves, checkins, shares, night)):
            slot[index] += value
        if messages:
            active[(group_id if by == "group" else chat_id, day)].add(key)
    return {k: (v[0], len(active[k]), *v[1:]) for k, v in sums.items()}


def expected_hours(db, start: date, end: date) -> dict[tuple, int]:
    found: Counter = Counter()
    for day, hour, messages in db.execute(
        "SELECT day, hour, messages FROM activity_hour_counts WHERE day BETWEEN ? AND ?",
        [start.isoformat(), end.isoformat()],
    ).fetchall():
        found[(date.fromisoformat(day).weekday(), hour)] += messages
    return dict(found)


def assert_readers_count_as_the_views(db) -> None:
    for start, end in RANGES:
        rows = counted_rows(db, start, end)
        assert {
            (r["group_id"], r["member_key"]): (
                r["messages"],
                r["active_days"],
                r["checkins"],
                r["shares"],
                r["joins"],
                r["leaves"],
                r["night_messages"],
            )
            for r in activity.member_counts(db, start, end)
        } == expected_member_counts(rows)
        named = activity.member_counts(db, start, end, fetch=fetch_named)
        assert [dict(r) for r in named] == activity.member_counts(db, start, end)
        months = activity.member_months(db, start, end)
        assert [(r["group_id"], r["member_key"], r["month"]) for r in months] == sorted(
            expected_member_months(rows)
        )
        assert {
            (r["group_id"], r["member_key"], r["month"]): (
                r["messages"],
                r["active_days"],
                r["joins"],
                r["leaves"],
            )
            for r in months
        } == expected_member_months(rows)
        for by in ("chat", "group"):
            daily = activity.daily_totals(db, start, end, by=by)
            assert [(r[f"{by}_id"], r["day"]) for r in daily] == sorted(expected_daily(rows, by))
            assert {
                (r[f"{by}_id"], r["day"]): (
                    r["messages"],
                    r["active_members"],
                    r["joins"],
                    r["leaves"],
                    r["checkins"],
                    r["shares"],
                    r["night_messages"],
                )
                for r in daily
            } == expected_daily(rows, by)
            # the rows as read (the page's digests) are the same rows
            named = activity.daily_totals(db, start, end, by=by, fetch=fetch_named)
            assert [dict(r) for r in named] == daily
        assert {
            (r["weekday"], r["hour"]): r["messages"] for r in activity.hour_weekday(db, start, end)
        } == expected_hours(db, start, end)


OPERATIONS = st.lists(
    st.one_of(
        st.tuples(
            st.just("import"),
            st.integers(0, len(CHATS) - 1),
            st.integers(0, 15),
            st.integers(1, 6),
        ),
        st.tuples(st.just("remove"), st.integers(0, 20)),
        st.tuples(st.just("map"), st.integers(0, len(CHATS) - 1), st.sampled_from([0, 1, 2])),
    ),
    min_size=1,
    max_size=10,
)


@settings(max_examples=30, deadline=None)
@given(OPERATIONS, st.integers(0, 10_000))
def test_summaries_equal_recounting_the_counted_views(template, operations, seed) -> None:
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "ops.sqlite"
        shutil.copy(template, path)
        db = connect(path)
        groups = [row[0] for row in db.execute("SELECT id FROM groups ORDER BY id")]
        imports: list[int] = []
        try:
            for number, operation in enumerate(operations):
                if operation[0] == "import":
                    _, chat, first, days = operation
                    imports.append(import_chat(db, number, chat, first, days, rng))
                elif operation[0] == "remove" and imports:
                    activity.remove_import(db, imports.pop(operation[1] % len(imports)), "system")
                elif operation[0] == "map":
                    _, chat, group = operation
                    found = db.execute(
                        "SELECT id FROM chats WHERE external_id = ?", [CHATS[chat][1]]
                    ).fetchone()
                    if found:
                        target = groups[group] if group < len(groups) else None
                        activity.set_chat_group(db, "system", found[0], target)
                assert stored(db) == recounted(db)
            assert_readers_count_as_the_views(db)
        finally:
            db.close()


def test_chats_sharing_a_group_count_a_member_once_a_day(template, tmp_path) -> None:
    """Two chats of one group where the same members write on the same days: active days
    and a day's active members count them once (not once per chat)."""
    shutil.copy(template, tmp_path / "ops.sqlite")
    db = connect(tmp_path / "ops.sqlite")
    rng = random.Random(1)
    group_id = db.execute("SELECT MIN(id) FROM groups").fetchone()[0]
    import_chat(db, 1, 0, 0, 10, rng)
    import_chat(db, 2, 1, 0, 10, rng)
    for (chat_id,) in db.execute("SELECT id FROM chats").fetchall():
        activity.set_chat_group(db, "system", chat_id, group_id)
    month = activity.member_months(db, date(2026, 6, 1), date(2026, 6, 30))
    assert month and all(row["active_days"] <= 3 for row in month)  # June 1..3
    assert all(
        row["active_members"] <= len(MEMBERS)
        for row in activity.daily_totals(db, date(2026, 5, 1), date(2026, 6, 30), by="group")
    )
    assert_readers_count_as_the_views(db)
    db.close()


def test_an_edge_holding_all_its_months_counted_days_is_read_from_the_summaries(
    template, tmp_path
) -> None:
    """Counted May 24 .. June 2: May 20 .. June 20 is read as two whole months; an edge
    leaving counted days of its month out (May 26 ..; .. June 1) is read from the views."""
    shutil.copy(template, tmp_path / "ops.sqlite")
    db = connect(tmp_path / "ops.sqlite")
    import_chat(db, 1, 0, 0, 10, random.Random(2))
    assert activity._summary_span(db, date(2026, 5, 20), date(2026, 6, 20)) == (
        ("2026-05", "2026-06"),
        [],
    )
    assert activity._summary_span(db, date(2026, 5, 26), date(2026, 6, 20)) == (
        ("2026-06", "2026-06"),
        [("2026-05-26", "2026-05-31")],
    )
    assert activity._summary_span(db, date(2026, 6, 1), date(2026, 6, 1)) == (
        None,
        [("2026-06-01", "2026-06-01")],
    )
    assert activity._summary_span(db, date(2026, 6, 1), date(2026, 6, 3)) == (
        ("2026-06", "2026-06"),
        [],
    )
    assert_readers_count_as_the_views(db)
    db.close()
