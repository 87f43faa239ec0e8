"""The figures tab's digests (``activity_views.daily``, ``members``, ``figures``), which
no longer read every group-day and member row, give what digesting all those rows gave
(the computation they replaced, kept here as the reference over ``store.daily_totals``
and ``store.member_counts``, themselves checked against the counted views by
``tests/db/test_activity_summaries.py``): on the demo and on a database with more groups
than are charted, more members than the carriers show, ties, linked people (one of them
gone), a chat left unmapped and two chats sharing a group (and again with none sharing);
for all groups, one group, the shared group, whole months and months cut at either end."""

import random
import shutil
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pytest

from dashboard import activity_views as views
from dashboard.areas import migrate
from dashboard.domain import activity as rules
from dashboard.session import clear_caches, reading
from dashboard.vega import altair_spec
from db import activity as store
from db.connection import connect
from db.sql import fetch_named
from tests.conftest import DEMO_TODAY

GROUPS = 18  # more than CHARTED_GROUPS
MEMBERS = 40  # more than TOP_SENDERS
FIRST = date(2026, 4, 20)
DAYS = 70  # to June 28
WINDOWS = [
    ("2026-04-01", "2026-06-30"),  # whole months
    ("2026-04-01", "2026-06-15"),  # the last month cut (days counted after the end)
    ("2026-05-10", "2026-06-15"),  # cut at both ends
    ("2026-06-03", "2026-06-03"),
    ("2026-04-01", "2026-06-28"),  # the last month cut after its last counted day
    ("2026-06-01", "2026-06-29"),
]
CARRIED = ("group_id", "member_key", "display_name", "person_id", "messages")  # carriers_frame's


# ---------------------------------------------------------------- the reference


def old_daily(path: str, start: str, end: str, group_ids: tuple[int, ...]):
    with reading(path) as db:
        rows = store.daily_totals(
            db,
            date.fromisoformat(start),
            date.fromisoformat(end),
            by="group",
            group_ids=list(group_ids),
            fetch=fetch_named,
        )
    if not rows:
        return None
    per_group: Counter = Counter()
    for row in rows:
        per_group[row["group_id"]] += row["messages"] or 0
    charted = {group_id for group_id, _ in per_group.most_common(views.CHARTED_GROUPS)}
    return views.DailyDigest(
        messages=sum(per_group.values()),
        daily_active=round(
            sum(row["active_members"] for row in rows) / len({row["day"] for row in rows}), 1
        ),
        frame=views.daily_frame(
            [row for row in rows if row["group_id"] in charted], views.groups(path)
        ),
        groups=len(per_group),
        charted=len(charted),
    )


def old_team_share(member_rows: list[dict]) -> float | None:
    """Share of all messages sent by members linked to people of the team."""
    total = sum(row["messages"] or 0 for row in member_rows)
    team = sum(row["messages"] or 0 for row in member_rows if row["person_id"] is not None)
    return team / total if total else None


def old_members(path: str, start: str, end: str, group_ids: tuple[int, ...]) -> dict:
    with reading(path) as db:
        rows = store.member_counts(
            db, date.fromisoformat(start), date.fromisoformat(end), group_ids=list(group_ids)
        )
    totals: Counter = Counter()
    per_group: dict[int, list[int]] = {}
    for row in rows:
        totals[row["member_key"]] += row["messages"] or 0
        per_group.setdefault(row["group_id"], []).append(row["messages"] or 0)
    top = {key for key, _ in totals.most_common(views.TOP_SENDERS)}
    return {
        "members": len(totals),
        "team_share": old_team_share(rows),
        "per_group": Counter(row["group_id"] for row in rows if row["leaves"] <= row["joins"]),
        "top_rows": [row for row in rows if row["member_key"] in top],
        "pareto": {group_id: rules.pareto(counts) for group_id, counts in per_group.items()},
    }


def old_figures(path, start, end, group_ids, month, lang) -> views.Figures | None:
    found = old_daily(path, start, end, group_ids)
    if found is None:
        return None
    digest = old_members(path, start, end, group_ids)
    names = views.groups(path)
    goal = views.target_frame(views.targets(path, month, month), digest["per_group"], names, month)
    carried = views.carriers_frame(digest["top_rows"], views.people(path), lang)
    charts = (
        views.daily_chart(found.frame, "active_members", lang, goal),
        views.daily_chart(found.frame, "messages", lang),
        views.heatmap_chart(views.hours(path, start, end, group_ids), lang),
        views.carriers_chart(carried, lang),
    )
    return views.Figures(
        messages=found.messages,
        daily_active=found.daily_active,
        members=digest["members"],
        team_share=digest["team_share"],
        groups=found.groups,
        charted=found.charted,
        charts=tuple(altair_spec(chart) for chart in charts),
    )


def in_order(rows: list[dict]) -> list[dict]:
    """Member rows as the carriers read them, in ``member_counts``' order (a member's rows
    of equal counts by group)."""
    return sorted(
        ({k: row[k] for k in CARRIED} for row in rows),
        key=lambda r: (-r["messages"], r["member_key"], r["group_id"]),
    )


def assert_as_before(path: str, start: str, end: str, group_ids: tuple[int, ...]) -> None:
    clear_caches()
    before, now = old_daily(path, start, end, group_ids), views.daily(path, start, end, group_ids)
    assert (before is None) == (now is None)
    if now is not None:
        for field in ("messages", "daily_active", "groups", "charted"):
            assert getattr(now, field) == getattr(before, field), field
        pd.testing.assert_frame_equal(now.frame, before.frame)
    expected, digest = (
        old_members(path, start, end, group_ids),
        views.members(path, start, end, group_ids),
    )
    assert digest.members == expected["members"]
    assert digest.team_share == expected["team_share"]
    assert digest.per_group == expected["per_group"]
    assert digest.pareto == expected["pareto"]
    assert in_order(digest.top_rows) == in_order(expected["top_rows"])
    for lang in ("en", "zh"):
        month = end[:7]
        assert views.figures(path, start, end, group_ids, month, lang) == old_figures(
            path, start, end, group_ids, month, lang
        )


# ---------------------------------------------------------------- the databases


@pytest.fixture(scope="module")
def busy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``GROUPS`` groups, a chat each and a second chat in the first, an unmapped chat;
    ``MEMBERS`` members writing small counts (ties) over April 20 .. June 28, three of
    them linked to people (one of whom has left); active-ratio targets for June."""
    path = tmp_path_factory.mktemp("digests") / "ops.sqlite"
    db = connect(path)
    migrate(db)
    for n in range(GROUPS):
        db.execute(
            "INSERT INTO groups (name, tier, created_on) VALUES (?, 'core', '2024-01-01')",
            [f"Group {n:02d}"],
        )
    people = []
    for name, status in (("Ann", "active"), ("Bo", "newcomer"), ("Cy", "left")):
        db.execute(
            "INSERT INTO people (name, status, joined_on) VALUES (?, ?, '2024-01-01')",
            [name, status],
        )
        people.append(db.execute("SELECT last_insert_rowid()").fetchone()[0])
    db.conn.commit()
    rng = random.Random(7)
    chats = [("wechat", f"c{n}", f"Chat {n}") for n in range(GROUPS + 2)]
    keys = [f"{n:02x}" * 8 for n in range(MEMBERS)]
    homes = {key: rng.randrange(len(chats)) for key in keys}
    member_days, hours, messages = [], [], 0
    for offset in range(DAYS):
        day = (FIRST + timedelta(days=offset)).isoformat()
        for key in rng.sample(keys, 12):
            # most write in their home chat, some elsewhere too (a member of two groups)
            chat = homes[key] if rng.random() < 0.8 else rng.randrange(len(chats))
            sent = rng.choice([0, 1, 1, 2, 3, 5])
            joins, leaves = rng.random() < 0.05, rng.random() < 0.05
            member_days.append((chat, key, day, sent, 0, 0, joins, leaves, 0))
            messages += sent
        for chat in range(len(chats)):
            hours.append((chat, day, rng.randrange(24), rng.randint(1, 4)))
    record = {
        "file_name": "busy.jsonl",
        "file_hash": "busy",
        "format": "chatlab_jsonl",
        "first_day": FIRST.isoformat(),
        "last_day": (FIRST + timedelta(days=DAYS - 1)).isoformat(),
        "messages": messages,
        "members": MEMBERS,
    }
    members = [
        (key, "wechat", None if n % 9 == 0 else f"Name {n % 25}") for n, key in enumerate(keys)
    ]
    store.store_import(db, "system", record, chats, members, member_days, hours)
    groups = [row[0] for row in db.execute("SELECT id FROM groups ORDER BY id")]
    chat_ids = [row[0] for row in db.execute("SELECT id FROM chats ORDER BY id")]
    for n, chat_id in enumerate(chat_ids[:-1]):  # the last one stays unmapped
        store.set_chat_group(db, "system", chat_id, groups[n % GROUPS])  # chat 18: group 0
    sent: Counter = Counter()
    for _, key, _, count, *_ in member_days:
        sent[key] += count
    for (key, _), person in zip(sent.most_common(3), people, strict=True):  # top senders
        store.set_member_person(db, "system", key, person)
    db.execute("INSERT INTO kpis (code, name, kind) VALUES ('active_ratio', 'Active', 'result')")
    for group_id, target in ((None, 40), (groups[1], 70)):
        db.execute(
            "INSERT INTO kpi_targets (kpi_id, group_id, period, target) VALUES"
            " ((SELECT id FROM kpis WHERE code = 'active_ratio'), ?, '2026-06', ?)",
            [group_id, target],
        )
    db.conn.commit()
    db.close()
    return path


def mapped(path: str) -> tuple[int, ...]:
    """What the page passes with no group chosen: every mapped live group."""
    names = views.groups(path)
    return tuple(sorted({c["group_id"] for c in views.chats(path) if c["group_id"] in names}))


def shared_group(path: str) -> int:
    with reading(path) as db:
        return db.execute(
            "SELECT group_id FROM chats WHERE group_id IS NOT NULL GROUP BY 1 HAVING COUNT(*) > 1"
        ).fetchone()[0]


@pytest.mark.parametrize("window", WINDOWS)
def test_the_digests_are_as_before_on_a_busy_database(busy, window) -> None:
    path = str(busy)
    every = mapped(path)
    assert len(every) == GROUPS
    shared = shared_group(path)
    single = next(g for g in every if g != shared)
    for group_ids in (every, (single,), (shared,), (shared, single)):
        assert_as_before(path, *window, group_ids)


def test_the_digests_are_as_before_with_no_chats_sharing_a_group(busy, tmp_path) -> None:
    """The second chat of the first group mapped to a group of its own: every group-day is
    read from the summaries (and a day of several groups counts once)."""
    path = tmp_path / "alone.sqlite"
    shutil.copy(busy, path)
    db = connect(path)
    db.execute("INSERT INTO groups (name, tier, created_on) VALUES ('Alone', 'core', '2024-01-01')")
    db.conn.commit()
    alone = db.execute("SELECT id FROM groups WHERE name = 'Alone'").fetchone()[0]
    store.set_chat_group(db, "system", shared_chat(db), alone)
    db.close()
    every = mapped(str(path))
    assert len(every) == GROUPS + 1
    for window in WINDOWS:
        assert_as_before(str(path), *window, every)


def shared_chat(db) -> int:
    """The chat mapped after the first one to the first group."""
    return db.execute(
        "SELECT MAX(id) FROM chats WHERE group_id = (SELECT MIN(id) FROM groups)"
    ).fetchone()[0]


def test_the_busy_database_has_what_the_digests_must_get_right(busy) -> None:
    """Charted groups and carriers cut, ties among the top senders, team members (one gone)
    and groups with a fifth of speakers rounded up."""
    path = str(busy)
    start, end = WINDOWS[0]
    clear_caches()
    found = views.daily(path, start, end, mapped(path))
    assert found.charted == views.CHARTED_GROUPS < found.groups
    digest = views.members(path, start, end, mapped(path))
    assert digest.members > views.TOP_SENDERS and 0 < digest.team_share < 1
    assert any(p.members % 5 for p in digest.pareto.values())
    expected = old_members(path, start, end, mapped(path))
    totals = Counter()
    for row in expected["top_rows"]:
        totals[row["member_key"]] += row["messages"]
    assert len(set(totals.values())) < len(totals)  # ties
    assert {row["person_id"] for row in digest.top_rows} - {None}
    assert digest.team and all(p["name"] in ("Ann", "Bo") for p in digest.team.values())


def test_the_digests_are_as_before_on_the_demo(demo_db_path) -> None:
    path = str(demo_db_path)
    every = mapped(path)
    months = rules.months_between(DEMO_TODAY, DEMO_TODAY)
    for _ in range(2):
        months.insert(0, rules.previous_month(months[0]))
    end = DEMO_TODAY.isoformat()
    for start in (f"{months[0]}-01", f"{months[-1]}-01", "2026-05-20"):
        for group_ids in (every, every[:1]):
            assert_as_before(path, start, end, group_ids)
