"""Demo and large rewards data: the recognitions of the retention seed moved into the
ledger, a money budget per group for this quarter and the last, points and perks given over
the last six months (a few reversed), and event and tool costs per group and month."""

import random
from datetime import date, timedelta

from sqlite_utils import Database

from dashboard.domain import kpis
from db.rewards import copy_recognitions

REASONS = (
    (30, 0, "月度最佳答疑"),
    (20, 0, "新人欢迎流程做得好"),
    (50, 0, "连续打卡满 30 天"),
    (10, 60, "活动筹备：奶茶福利"),
    (0, 120, "线下沙龙嘉宾伴手礼"),
    (40, 0, "优质干货分享"),
    (0, 88, "读书会纪念周边"),
    (20, 30, "活动复盘被评为优秀策划"),
)
MONTHS = 6


def _quarters(today: date) -> list[kpis.Period]:
    current = kpis.period_of("quarter", today)
    return [kpis.previous(current), current]


def _members(db: Database) -> list[tuple[int, int]]:
    """(person, group) of every open membership of someone still on the team, in ordinary
    and core groups."""
    return [
        (row[0], row[1])
        for row in db.execute(
            """SELECT m.person_id, m.group_id FROM memberships m
               JOIN people p ON p.id = m.person_id JOIN groups g ON g.id = m.group_id
               WHERE m.end_on IS NULL AND p.status <> 'left' AND g.tier <> 'management'
                 AND g.archived_on IS NULL
               ORDER BY m.person_id, m.group_id"""
        ).fetchall()
    ]


def _heavy(db: Database) -> set[int]:
    """People with two open roles or more, or coaching someone."""
    return {
        row[0]
        for row in db.execute(
            """SELECT person_id FROM memberships WHERE end_on IS NULL
               GROUP BY person_id HAVING COUNT(*) >= 2
               UNION SELECT coach_id FROM coaching WHERE end_on IS NULL"""
        ).fetchall()
    }


def _seed(db: Database, rng: random.Random, today: date, per_person: float) -> None:
    groups = [
        (row[0], row[1])
        for row in db.execute(
            "SELECT id, tier FROM groups WHERE archived_on IS NULL AND tier <> 'management'"
        ).fetchall()
    ]
    quarters = _quarters(today)
    budgets = {
        (group_id, quarter.code): (1500.0 if tier == "core" else 800.0)
        for group_id, tier in groups
        for quarter in quarters
    }
    spent: dict[tuple[int, str], float] = {}
    entries = []
    first = today - timedelta(days=30 * MONTHS)
    heavy = _heavy(db)
    for person_id, group_id in _members(db):
        # those who carry most were rewarded months ago, not lately (the churn score's
        # "carries a lot, gets little")
        last = today - timedelta(days=100) if person_id in heavy else today
        for _ in range(int(per_person) + (rng.random() < per_person % 1)):
            points, money, reason = rng.choice(REASONS)
            day = first + timedelta(days=rng.randrange((last - first).days))
            key = (group_id, kpis.period_of("quarter", day).code)
            if money and spent.get(key, 0.0) + money > budgets.get(key, 0.0):
                money = 0  # the budget is spent: points only
            if not (points or money):
                continue
            spent[key] = spent.get(key, 0.0) + money
            entries.append(
                (
                    person_id,
                    group_id,
                    points,
                    float(money),
                    reason,
                    day.isoformat(),
                    day.isoformat(),
                )
            )
    with db.atomic():
        copy_recognitions(db)
        db.conn.executemany(
            "INSERT INTO reward_budgets (group_id, quarter, amount) VALUES (?, ?, ?)",
            [(g, q, amount) for (g, q), amount in budgets.items()],
        )
        db.conn.executemany(
            """INSERT INTO reward_entries (person_id, group_id, points, money, reason, given_on,
                                           recorded_by, recorded_on)
               VALUES (?, ?, ?, ?, ?, ?, 'admin', ?)""",
            entries,
        )
        first_id = db.execute("SELECT MIN(id) FROM reward_entries WHERE recognition_id IS NULL")
        low = first_id.fetchone()[0]
        if low is not None:  # a few mistakes, reversed
            db.execute(
                """INSERT INTO reward_entries (person_id, group_id, points, money, reason,
                                               given_on, recorded_by, recorded_on, reverses_id)
                   SELECT person_id, group_id, -points, -money, '重复发放，冲销',
                          given_on, 'admin', given_on, id
                   FROM reward_entries WHERE recognition_id IS NULL AND (id - ?) % 97 = 3""",
                [low],
            )
        months = [p.code for p in kpis.recent_periods("month", today, MONTHS)]
        db.conn.executemany(
            "INSERT INTO group_costs (group_id, month, category, amount) VALUES (?, ?, ?, ?)",
            [
                (group_id, month, category, float(rng.randrange(low_cost, high_cost, 10)))
                for group_id, _ in groups
                for month in months
                for category, low_cost, high_cost in (("events", 100, 600), ("tools", 30, 120))
            ],
        )


def seed_demo(db: Database, rng: random.Random, today: date) -> None:
    """About two entries a person in six months."""
    _seed(db, rng, today, 2.0)


def seed_large(db: Database, rng: random.Random, today: date) -> None:
    """About one entry a person in six months (bulk inserts: seconds)."""
    _seed(db, rng, today, 1.0)
