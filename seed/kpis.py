"""KPI definitions, monthly targets and daily values for the demo and large communities.

The demo tells a story: most groups grow, a few lose activity over the last months and
miss their new-member target last month, and activity drives results (conversion, paid
sign-ups, revenue follow the active-member ratio)."""

import math
import random
from collections.abc import Iterator
from datetime import date, timedelta

from sqlite_utils import Database

from db.kpis import bulk_load_values

# code, name, name_zh, kind, unit, direction, aggregation, min, max, default monthly target
KPIS = (
    ("new_members", "New members", "新增用户", "result", "people", "up", "sum", 0, None, 60),
    ("conversion_rate", "Conversion rate", "转化率", "result", "%", "up", "avg", 0, 100, 15),
    ("paid_signups", "Paid sign-ups", "付费报名", "result", "people", "up", "sum", 0, None, 16),
    ("revenue", "Revenue", "营收", "result", "CNY", "up", "sum", 0, None, 1600),
    (
        "active_ratio",
        "Active-member ratio",
        "活跃成员占比",
        "process",
        "%",
        "up",
        "avg",
        0,
        100,
        50,
    ),
    ("events_held", "Events held", "举办活动数", "process", "events", "up", "sum", 0, None, 4),
    ("shares", "Shares given", "分享次数", "process", "shares", "up", "sum", 0, None, 240),
    ("checkin_rate", "Check-in rate", "打卡率", "process", "%", "up", "avg", 0, 100, 45),
)
DEMO_MONTHS = 18
LARGE_DAYS = 3 * 365
# demo groups whose activity sags over the last months (they miss last month's targets)
DEMO_SAGGING = ("新人引导组", "打卡督导组", "短视频组", "拆书小组")


def insert_kpis(db: Database) -> dict[str, int]:
    """The eight KPI definitions; returns code → id."""
    ids = {}
    for position, (
        code,
        name,
        name_zh,
        kind,
        unit,
        direction,
        aggregation,
        low,
        high,
        _,
    ) in enumerate(KPIS):
        ids[code] = db.execute(
            """INSERT INTO kpis (code, name, name_zh, kind, unit, direction, aggregation,
                                 min_value, max_value, position)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [code, name, name_zh, kind, unit, direction, aggregation, low, high, position],
        ).lastrowid
    return ids


def _months(last: date, count: int) -> list[str]:
    index = last.year * 12 + last.month - 1
    return [f"{(index - i) // 12:04d}-{(index - i) % 12 + 1:02d}" for i in range(count)][::-1]


def _day_values(
    rng: random.Random, kpi_ids: dict[str, int], group_id: int, size: float, activity: float
) -> Iterator[tuple[int, float]]:
    """The eight values of one group-day; ``activity`` (0..1) drives the results."""
    active = max(2.0, min(98.0, activity * 100 + rng.gauss(0, 4)))
    new = max(0, round(size * (0.6 + 2.4 * activity) + rng.gauss(0, 0.8)))
    conversion = max(0.5, min(60.0, 4 + 22 * activity + rng.gauss(0, 2)))
    paid = max(0, round(new * conversion / 100 + rng.random() - 0.3))
    yield kpi_ids["new_members"], float(new)
    yield kpi_ids["conversion_rate"], round(conversion, 1)
    yield kpi_ids["paid_signups"], float(paid)
    yield kpi_ids["revenue"], float(paid * 99)
    yield kpi_ids["active_ratio"], round(active, 1)
    yield kpi_ids["events_held"], 1.0 if rng.random() < 0.05 + 0.2 * activity else 0.0
    yield kpi_ids["shares"], float(max(0, round(size * 14 * activity + rng.gauss(0, 2))))
    yield kpi_ids["checkin_rate"], round(max(1.0, min(99.0, active * 0.9 + rng.gauss(0, 3))), 1)


def _targets(kpi_ids: dict[str, int], months: list[str]) -> list[tuple]:
    return [
        (kpi_ids[code], None, month, float(default))
        for month in months
        for code, *_, default in KPIS
    ]


def seed_demo(db: Database, rng: random.Random, today: date) -> None:
    """Eight KPIs, 18 months of daily values for the core and ordinary groups, default
    and per-group targets, and per-person values of the last four months."""
    kpi_ids = insert_kpis(db)
    groups = db.execute(
        "SELECT id, name, tier FROM groups WHERE tier <> 'management' ORDER BY id"
    ).fetchall()
    months = _months(today, DEMO_MONTHS + 1)
    last_month = months[-2]
    first_day = date.fromisoformat(f"{months[0]}-01")
    days = [first_day + timedelta(days=i) for i in range((today - first_day).days)]
    rows: list[tuple] = []
    target_rows = _targets(kpi_ids, months)
    sizes = {}
    for group_id, name, tier in groups:
        size = 2.0 if tier == "core" else rng.uniform(0.8, 1.25)
        sizes[group_id] = size
        base = rng.uniform(0.45, 0.7)
        growth = rng.uniform(-0.0002, 0.0004)
        sagging = name in DEMO_SAGGING
        for offset, day in enumerate(days):
            activity = base + growth * offset + 0.05 * math.sin(offset / 9)
            if sagging and (today - day).days < 75:
                activity -= 0.28  # the dip that makes last month red
            activity = max(0.05, min(0.95, activity))
            for kpi_id, value in _day_values(rng, kpi_ids, group_id, size, activity):
                rows.append((kpi_id, group_id, None, day.isoformat(), value))
        if tier == "core" or rng.random() < 0.6:
            # the group's own targets, scaled to its size; others use the defaults
            for month in months:
                for code, *_, aggregation, _low, _high, default in KPIS:
                    scale = size if aggregation == "sum" else 1.0
                    target_rows.append(
                        (kpi_ids[code], group_id, month, float(round(default * scale)))
                    )
    rows += _person_rows(db, rows, kpi_ids, months[-4:], last_month)
    bulk_load_values(db, rows)
    with db.atomic():
        db.conn.executemany(
            "INSERT INTO kpi_targets (kpi_id, group_id, period, target) VALUES (?, ?, ?, ?)",
            target_rows,
        )


def _person_rows(
    db: Database, rows: list[tuple], kpi_ids: dict[str, int], months: list[str], _last: str
) -> list[tuple]:
    """New members and shares of ordinary groups split over their current members."""
    members: dict[int, list[int]] = {}
    for person_id, group_id in db.execute(
        """SELECT m.person_id, m.group_id FROM memberships m JOIN groups g ON g.id = m.group_id
           WHERE g.tier = 'ordinary' AND m.end_on IS NULL ORDER BY m.group_id, m.person_id"""
    ).fetchall():
        members.setdefault(group_id, []).append(person_id)
    wanted = {kpi_ids["new_members"], kpi_ids["shares"]}
    person_rows = []
    for kpi_id, group_id, _, day, value in rows:
        if kpi_id not in wanted or day[:7] not in months or group_id not in members:
            continue
        crew = members[group_id]
        weights = [1 + (person_id * 7 + int(day[8:])) % 5 for person_id in crew]
        remaining = value
        for index, person_id in enumerate(crew):
            share = (
                remaining
                if index == len(crew) - 1
                else float(math.floor(value * weights[index] / sum(weights)))
            )
            remaining -= share
            person_rows.append((kpi_id, group_id, person_id, day, share))
    return person_rows


def seed_large(db: Database, rng: random.Random, today: date) -> None:
    """Eight KPIs and three years of daily values for every group (≈4.4 M rows)."""
    kpi_ids = insert_kpis(db)
    groups = db.execute("SELECT id, tier FROM groups ORDER BY id").fetchall()
    first_day = today - timedelta(days=LARGE_DAYS)
    day_texts = [(first_day + timedelta(days=i)).isoformat() for i in range(LARGE_DAYS)]
    months = sorted({day[:7] for day in day_texts} | {today.isoformat()[:7]})
    target_rows = _targets(kpi_ids, months)
    params = []
    for group_id, tier in groups:
        size = {"management": 3.0, "core": 2.0}.get(tier, rng.uniform(0.7, 1.3))
        params.append((group_id, size, rng.uniform(0.35, 0.7), rng.uniform(-0.0003, 0.0004)))
        if rng.random() < 0.2:
            for month in months:
                for code, *_, aggregation, _low, _high, default in KPIS:
                    scale = size if aggregation == "sum" else 1.0
                    target_rows.append(
                        (kpi_ids[code], group_id, month, float(round(default * scale)))
                    )

    def values() -> Iterator[tuple]:
        for group_id, size, base, growth in params:
            for offset, day in enumerate(day_texts):
                activity = max(0.05, min(0.95, base + growth * offset))
                for kpi_id, value in _day_values(rng, kpi_ids, group_id, size, activity):
                    yield (kpi_id, group_id, None, day, value)

    bulk_load_values(db, values())
    with db.atomic():
        db.conn.executemany(
            "INSERT INTO kpi_targets (kpi_id, group_id, period, target) VALUES (?, ?, ?, ?)",
            target_rows,
        )
