"""Rewards storage: the ledger of points (积分) and money or gifts (福利) given to people,
the money budget of each group per quarter, and the costs of each group per month.

Ledger entries are never edited nor deleted (triggers refuse it): a mistake is undone by a
counter-entry that reverses it. Recognitions recorded as free text before the ledger are
moved into it by ``m002_recognitions_to_ledger``."""

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from db import audit
from db.access import require_write
from db.schema import run_statements
from db.sql import fetch_map, fetch_one, fetch_rows, in_list

migrations = Migrations("rewards")

COST_CATEGORIES = ("events", "tools", "other")  # entered; rewards come from the ledger


@migrations()
def m001_rewards(db: Database) -> None:
    run_statements(
        db,
        [
            """CREATE TABLE reward_entries (
                id INTEGER PRIMARY KEY,
                person_id INTEGER NOT NULL REFERENCES people(id),
                group_id INTEGER REFERENCES groups(id),
                points INTEGER NOT NULL DEFAULT 0,
                money REAL NOT NULL DEFAULT 0,
                reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
                given_on TEXT NOT NULL,
                given_by INTEGER REFERENCES people(id),
                recorded_by TEXT NOT NULL,
                recorded_on TEXT NOT NULL,
                reverses_id INTEGER UNIQUE REFERENCES reward_entries(id),
                recognition_id INTEGER UNIQUE,
                CHECK (group_id IS NOT NULL OR recognition_id IS NOT NULL)
            )""",
            "CREATE INDEX reward_entries_group_day ON reward_entries(group_id, given_on, money)",
            "CREATE INDEX reward_entries_person_day ON reward_entries(person_id, given_on)",
            """CREATE TRIGGER reward_entries_never_edited BEFORE UPDATE ON reward_entries
               BEGIN SELECT RAISE(ABORT, 'reward entries are never edited: reverse them'); END""",
            """CREATE TRIGGER reward_entries_never_deleted BEFORE DELETE ON reward_entries
               BEGIN SELECT RAISE(ABORT, 'reward entries are never deleted: reverse them'); END""",
            """CREATE TABLE reward_budgets (
                id INTEGER PRIMARY KEY,
                group_id INTEGER NOT NULL REFERENCES groups(id),
                quarter TEXT NOT NULL CHECK (quarter GLOB '[0-9][0-9][0-9][0-9]-Q[1-4]'),
                amount REAL NOT NULL CHECK (amount >= 0),
                UNIQUE (group_id, quarter)
            )""",
            f"""CREATE TABLE group_costs (
                id INTEGER PRIMARY KEY,
                group_id INTEGER NOT NULL REFERENCES groups(id),
                month TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
                category TEXT NOT NULL CHECK (category IN {in_list(COST_CATEGORIES)}),
                amount REAL NOT NULL CHECK (amount >= 0),
                UNIQUE (group_id, month, category)
            )""",
            "CREATE INDEX group_costs_month ON group_costs(month, group_id)",
        ],
    )


@migrations()
def m002_recognitions_to_ledger(db: Database) -> None:
    copy_recognitions(db)


def copy_recognitions(db: Database) -> int:
    """Move recognition recorded as free text (retention's ``recognitions``) into the
    ledger, once each: an entry without points or money (an honour, 荣誉) in the group the
    person was in on that day (else their latest group). Returns how many were copied."""
    if not db.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'recognitions'"
    ).fetchone():
        return 0
    return db.execute(
        """INSERT INTO reward_entries (person_id, group_id, points, money, reason, given_on,
                                       given_by, recorded_by, recorded_on, recognition_id)
           SELECT r.person_id,
                  coalesce(
                      (SELECT m.group_id FROM memberships m
                        WHERE m.person_id = r.person_id AND m.start_on <= r.given_on
                          AND ifnull(m.end_on, '9999') >= r.given_on
                        ORDER BY m.start_on DESC, m.id LIMIT 1),
                      (SELECT m.group_id FROM memberships m WHERE m.person_id = r.person_id
                        ORDER BY m.start_on DESC, m.id LIMIT 1)),
                  0, 0,
                  CASE r.kind WHEN 'reward' THEN '【福利】' ELSE '' END || r.what,
                  r.given_on, r.given_by, r.recorded_by, r.given_on, r.id
           FROM recognitions r
           WHERE NOT EXISTS (SELECT 1 FROM reward_entries e WHERE e.recognition_id = r.id)
           ORDER BY r.id"""
    ).rowcount


# ---------------------------------------------------------------- reads


def entry(db: Database, entry_id: int) -> dict | None:
    """One ledger entry, or ``None``."""
    return fetch_one(db, "SELECT * FROM reward_entries WHERE id = ?", [entry_id])


def entries(db: Database, group_ids: list[int] | None = None, limit: int = 2000) -> list[dict]:
    """Ledger entries (of ``group_ids``, or all), newest first, with names and whether a
    later entry reversed them."""
    where, params = "1 = 1", []
    if group_ids is not None:
        where = f"e.group_id IN ({', '.join('?' for _ in group_ids)})" if group_ids else "0"
        params = list(group_ids)
    return fetch_rows(
        db,
        f"""SELECT e.*, p.name AS person_name, g.name AS group_name, b.name AS given_by_name,
                   r.id AS reversed_by
            FROM reward_entries e JOIN people p ON p.id = e.person_id
            LEFT JOIN groups g ON g.id = e.group_id
            LEFT JOIN people b ON b.id = e.given_by
            LEFT JOIN reward_entries r ON r.reverses_id = e.id
            WHERE {where} ORDER BY e.recorded_on DESC, e.id DESC LIMIT ?""",
        [*params, limit],
    )


def spent(db: Database, group_id: int, first_day: str, last_day: str) -> float:
    """Money of a group's entries dated ``first_day``..``last_day`` (reversals subtract)."""
    return db.execute(
        """SELECT ifnull(SUM(money), 0) FROM reward_entries
           WHERE group_id = ? AND given_on BETWEEN ? AND ?""",
        [group_id, first_day, last_day],
    ).fetchone()[0]


def daily_spending(db: Database, group_id: int, first_day: str, last_day: str) -> list[dict]:
    """Per day of ``first_day``..``last_day`` with money given: the group's net spending."""
    return fetch_rows(
        db,
        """SELECT given_on AS day, SUM(money) AS money FROM reward_entries
           WHERE group_id = ? AND given_on BETWEEN ? AND ? AND money <> 0
           GROUP BY given_on ORDER BY given_on""",
        [group_id, first_day, last_day],
    )


def budget(db: Database, group_id: int, quarter: str) -> dict | None:
    """A group's budget row of ``quarter`` (``2026-Q2``), or ``None``."""
    return fetch_one(
        db, "SELECT * FROM reward_budgets WHERE group_id = ? AND quarter = ?", [group_id, quarter]
    )


def budgets(db: Database, quarter: str, first_day: str, last_day: str) -> list[dict]:
    """Every live group with its budget of ``quarter`` (``None`` when unset) and the money
    its entries of ``first_day``..``last_day`` spent."""
    return fetch_rows(
        db,
        """SELECT g.id AS group_id, g.name AS group_name, g.tier, b.amount AS budget,
                  (SELECT ifnull(SUM(e.money), 0) FROM reward_entries e
                    WHERE e.group_id = g.id AND e.given_on BETWEEN ? AND ?) AS spent
           FROM groups g LEFT JOIN reward_budgets b ON b.group_id = g.id AND b.quarter = ?
           WHERE g.archived_on IS NULL ORDER BY g.tier, g.name""",
        [first_day, last_day, quarter],
    )


def points_balances(db: Database) -> list[dict]:
    """Every person with points: balance, entries and last entry day, highest first."""
    return fetch_rows(
        db,
        """SELECT p.id AS person_id, p.name, p.status, SUM(e.points) AS balance,
                  COUNT(*) AS entries, MAX(e.given_on) AS last_given
           FROM reward_entries e JOIN people p ON p.id = e.person_id
           GROUP BY p.id HAVING SUM(e.points) <> 0 ORDER BY balance DESC, p.name""",
    )


def received(db: Database, since: str, until: str) -> dict[int, dict]:
    """Per person, what they received dated ``since``..``until``: entries that stand (neither
    a reversal nor reversed), their points and money, and their latest day."""
    rows = fetch_rows(
        db,
        """SELECT e.person_id, COUNT(*) AS entries, SUM(e.points) AS points,
                  SUM(e.money) AS money, MAX(e.given_on) AS last_given
           FROM reward_entries e
           WHERE e.given_on BETWEEN ? AND ? AND e.reverses_id IS NULL
             AND NOT EXISTS (SELECT 1 FROM reward_entries r WHERE r.reverses_id = e.id)
           GROUP BY e.person_id""",
        [since, until],
    )
    return {row["person_id"]: row for row in rows}


def last_received(db: Database) -> dict[int, str]:
    """Each person's latest entry that stands (ISO date)."""
    return fetch_map(
        db,
        """SELECT e.person_id, MAX(e.given_on) FROM reward_entries e
           WHERE e.reverses_id IS NULL
             AND NOT EXISTS (SELECT 1 FROM reward_entries r WHERE r.reverses_id = e.id)
           GROUP BY e.person_id""",
    )


def costs(db: Database, first_month: str, last_month: str) -> list[dict]:
    """Entered costs of ``first_month``..``last_month`` (group, month, category, amount)."""
    return fetch_rows(
        db,
        """SELECT id, group_id, month, category, amount FROM group_costs
           WHERE month BETWEEN ? AND ? ORDER BY month, group_id, category""",
        [first_month, last_month],
    )


def monthly_reward_money(db: Database, first_day: str, last_day: str) -> list[dict]:
    """Per group and month of ``first_day``..``last_day``: the ledger's net money."""
    return fetch_rows(
        db,
        """SELECT group_id, substr(given_on, 1, 7) AS month, SUM(money) AS amount
           FROM reward_entries WHERE given_on BETWEEN ? AND ? AND group_id IS NOT NULL
           GROUP BY group_id, month HAVING SUM(money) <> 0""",
        [first_day, last_day],
    )


# ---------------------------------------------------------------- writes (one audit row each)


def insert_entry(db: Database, actor: str, fields: dict) -> int:
    """Add a ledger entry (an award or the reversal of one) in its group; returns its id."""
    require_write(db, actor, [fields["group_id"]])
    row = {"reverses_id": None, **fields, "recorded_by": actor}
    new_id = db.execute(
        """INSERT INTO reward_entries (person_id, group_id, points, money, reason, given_on,
                                       given_by, recorded_by, recorded_on, reverses_id)
           VALUES (:person_id, :group_id, :points, :money, :reason, :given_on, :given_by,
                   :recorded_by, :recorded_on, :reverses_id)""",
        row,
    ).lastrowid
    action = "reverse" if row["reverses_id"] else "create"
    audit.record(
        db,
        actor,
        action,
        "reward_entry",
        new_id,
        None,
        row,
        group_id=fields["group_id"],
        person_id=fields["person_id"],
    )
    return new_id


def set_budget(db: Database, actor: str, group_id: int, quarter: str, amount: float) -> None:
    """Set a group's money budget of ``quarter``."""
    require_write(db, actor, [group_id])
    before = budget(db, group_id, quarter)
    db.execute(
        """INSERT INTO reward_budgets (group_id, quarter, amount) VALUES (?, ?, ?)
           ON CONFLICT(group_id, quarter) DO UPDATE SET amount = excluded.amount""",
        [group_id, quarter, amount],
    )
    after = budget(db, group_id, quarter)
    audit.record(
        db, actor, "update", "reward_budget", after["id"], before, after, group_id=group_id
    )


def write_costs(
    db: Database, actor: str, cells: list[tuple[int, str, str, float | None]], source: str
) -> int:
    """Set (or with ``None`` clear) costs ``(group_id, month, category, amount)``; one audit
    row for the whole save. Returns how many cells were written."""
    require_write(db, actor, {group_id for group_id, _, _, _ in cells})
    for group_id, month, category, amount in cells:
        if amount is None:
            db.execute(
                "DELETE FROM group_costs WHERE group_id = ? AND month = ? AND category = ?",
                [group_id, month, category],
            )
        else:
            db.execute(
                """INSERT INTO group_costs (group_id, month, category, amount) VALUES (?, ?, ?, ?)
                   ON CONFLICT(group_id, month, category) DO UPDATE SET amount = excluded.amount""",
                [group_id, month, category, amount],
            )
    groups = {group_id for group_id, _, _, _ in cells}
    audit.record(
        db,
        actor,
        source,
        "group_costs",
        None,
        None,
        {"cells": [list(c) for c in cells]},
        group_id=next(iter(groups)) if len(groups) == 1 else None,
    )
    return len(cells)
