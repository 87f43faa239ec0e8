"""Retention storage: concerns leads flag, retention actions, the churn-risk thresholds, and
the recognition recorded before the rewards ledger (``recognitions``, moved into the ledger
by its migration; rewards now live in ``db.rewards``). Reads of other areas' tables (coaching, handovers, pipeline
history) only happen when those tables exist."""

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from db import audit
from db import coaching as coaching_store
from db import rewards as rewards_store
from db import settings as stored_settings
from db.access import require_person_write
from db.schema import run_statements
from db.sql import fetch_map, fetch_rows, in_list

migrations = Migrations("retention")

RECOGNITION_KINDS = ("recognition", "reward")
ACTION_KINDS = ("talk", "workload_reduced", "reward_given")

# thresholds of the four churn signals, their weights in the score, and the risk bands
DEFAULT_SETTINGS = {
    "workload_max": 4,  # roles held + mentees + open handovers above this is too much
    "reward_days": 90,  # rewards received are counted over this many days ...
    "reward_load": 2,  # ... one expected per this much load (roles, mentees, handovers)
    "growth_months": 9,  # no role or stage change for at least this many months
    "discord_concerns": 1,  # open concerns at or above this count
    "weight_workload": 25,
    "weight_reward": 25,
    "weight_growth": 25,
    "weight_discord": 25,
    "medium_score": 25,
    "high_score": 50,
    # the team's own activity in the chats (people linked to a sender)
    "load_pct": 150,  # messages a week in the last 4 weeks at this % of their own norm or more
    "night_pct": 30,  # this % or more of their messages sent between 23:00 and 07:00
    "drift_weeks": 3,  # this many whole weeks in a row without a message
    "weight_night": 25,
    "weight_drift": 25,
}


@migrations()
def m001_retention(db: Database) -> None:
    run_statements(
        db,
        [
            f"""CREATE TABLE recognitions (
                id INTEGER PRIMARY KEY,
                person_id INTEGER NOT NULL REFERENCES people(id),
                kind TEXT NOT NULL CHECK (kind IN {in_list(RECOGNITION_KINDS)}),
                what TEXT NOT NULL CHECK (length(trim(what)) > 0),
                given_on TEXT NOT NULL,
                given_by INTEGER REFERENCES people(id),
                recorded_by TEXT NOT NULL
            )""",
            "CREATE INDEX recognitions_person ON recognitions(person_id, given_on)",
            """CREATE TABLE concerns (
                id INTEGER PRIMARY KEY,
                person_id INTEGER NOT NULL REFERENCES people(id),
                note TEXT NOT NULL CHECK (length(trim(note)) > 0),
                flagged_on TEXT NOT NULL,
                flagged_by TEXT NOT NULL,
                resolved_on TEXT,
                resolution TEXT NOT NULL DEFAULT '',
                CHECK (resolved_on IS NULL OR resolved_on >= flagged_on)
            )""",
            "CREATE INDEX concerns_person_open ON concerns(person_id, resolved_on)",
            f"""CREATE TABLE retention_actions (
                id INTEGER PRIMARY KEY,
                person_id INTEGER NOT NULL REFERENCES people(id),
                action TEXT NOT NULL CHECK (action IN {in_list(ACTION_KINDS)}),
                note TEXT NOT NULL DEFAULT '',
                taken_on TEXT NOT NULL,
                taken_by TEXT NOT NULL
            )""",
            "CREATE INDEX retention_actions_person ON retention_actions(person_id, taken_on)",
            """CREATE TABLE retention_settings (
                key TEXT PRIMARY KEY,
                value INTEGER NOT NULL CHECK (value >= 0)
            )""",
        ],
    )


def has_table(db: Database, name: str) -> bool:
    """Whether another area's table exists in this database."""
    row = db.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [name]
    ).fetchone()
    return row is not None


# ---------------------------------------------------------------- reads


def settings(db: Database) -> dict[str, int]:
    """The thresholds in force: the defaults overridden by what leads saved."""
    return stored_settings.read(db, "retention_settings", DEFAULT_SETTINGS)


def people_in_scope(db: Database) -> list[dict]:
    """Everyone still on the team (newcomers and active people)."""
    return fetch_rows(
        db,
        """SELECT id, name, status, joined_on FROM people
           WHERE status IN ('newcomer', 'active') ORDER BY name, id""",
    )


def roles_held(db: Database) -> dict[int, int]:
    """Open memberships per person."""
    return fetch_map(
        db,
        "SELECT person_id, COUNT(*) FROM memberships WHERE end_on IS NULL GROUP BY person_id",
    )


def mentees(db: Database) -> dict[int, int]:
    """Open coachings per coach (empty when the coaching area has not landed)."""
    if not has_table(db, "coaching"):
        return {}
    return coaching_store.loads(db)


def open_handovers(db: Database) -> dict[int, int]:
    """Open handovers per person, handing over or taking over (empty without manuals)."""
    if not has_table(db, "handovers"):
        return {}
    return fetch_map(
        db,
        """SELECT person_id, COUNT(*) FROM (
               SELECT from_person AS person_id FROM handovers
                WHERE acknowledged_on IS NULL AND cancelled_on IS NULL
                  AND from_person IS NOT NULL
               UNION ALL
               SELECT to_person FROM handovers
                WHERE acknowledged_on IS NULL AND cancelled_on IS NULL)
           GROUP BY person_id""",
    )


def open_handover_count(db: Database) -> int | None:
    """How many handovers wait for acknowledgement (``None`` without the manuals area)."""
    if not has_table(db, "handovers"):
        return None
    return db.execute(
        "SELECT COUNT(*) FROM handovers WHERE acknowledged_on IS NULL AND cancelled_on IS NULL"
    ).fetchone()[0]


def rewards_received(db: Database, since: str, until: str) -> dict[int, dict]:
    """Per person, the rewards received dated ``since``..``until``: the ledger's entries
    that stand (points, perks or honours; neither reversed nor reversals) and the
    reward-given actions, with the ledger's points and money, and their latest day."""
    received: dict[int, dict] = {}
    if has_table(db, "reward_entries"):
        for person_id, row in rewards_store.received(db, since, until).items():
            received[person_id] = {
                "entries": row["entries"],
                "points": row["points"],
                "money": round(row["money"], 2),
                "last_given": row["last_given"],
            }
    for person_id, count, last in db.execute(
        """SELECT person_id, COUNT(*), MAX(taken_on) FROM retention_actions
           WHERE action = 'reward_given' AND taken_on BETWEEN ? AND ? GROUP BY person_id""",
        [since, until],
    ).fetchall():
        row = received.setdefault(
            person_id, {"entries": 0, "points": 0, "money": 0.0, "last_given": last}
        )
        row["entries"] += count
        row["last_given"] = max(row["last_given"], last)
    return received


def last_recognition(db: Database) -> dict[int, str]:
    """The latest reward that stands (the ledger) or reward-given action per person."""
    latest = dict(rewards_store.last_received(db)) if has_table(db, "reward_entries") else {}
    for person_id, day in db.execute(
        """SELECT person_id, MAX(taken_on) FROM retention_actions
           WHERE action = 'reward_given' GROUP BY person_id"""
    ).fetchall():
        latest[person_id] = max(latest.get(person_id, day), day)
    return latest


def last_change(db: Database) -> dict[int, str]:
    """The latest role or stage change per person: a membership start or end, or a move
    in the talent bench (when that area has landed)."""
    parts = [
        "SELECT person_id, start_on AS day FROM memberships",
        "SELECT person_id, end_on FROM memberships WHERE end_on IS NOT NULL",
    ]
    if has_table(db, "pipeline_stage_history") and has_table(db, "pipeline"):
        parts.append(
            """SELECT p.person_id, h.changed_on FROM pipeline_stage_history h
               JOIN pipeline p ON p.id = h.pipeline_id"""
        )
    return fetch_map(
        db,
        f"SELECT person_id, MAX(day) FROM ({' UNION ALL '.join(parts)}) GROUP BY person_id",
    )


def open_concerns(db: Database) -> dict[int, int]:
    """Unresolved concerns per person."""
    return fetch_map(
        db,
        "SELECT person_id, COUNT(*) FROM concerns WHERE resolved_on IS NULL GROUP BY person_id",
    )


def last_action(db: Database) -> dict[int, dict]:
    """Each person's latest retention action (``action``, ``taken_on``)."""
    rows = fetch_rows(
        db,
        """SELECT person_id, action, taken_on FROM retention_actions a
           WHERE id = (SELECT b.id FROM retention_actions b WHERE b.person_id = a.person_id
                       ORDER BY b.taken_on DESC, b.id DESC LIMIT 1)""",
    )
    return {row["person_id"]: row for row in rows}


def concerns(db: Database, *, person_id: int | None = None, open_only: bool = False) -> list[dict]:
    """Concerns, newest first, with names."""
    where, params = ["1 = 1"], []
    if person_id is not None:
        where.append("c.person_id = ?")
        params.append(person_id)
    if open_only:
        where.append("c.resolved_on IS NULL")
    return fetch_rows(
        db,
        f"""SELECT c.*, p.name AS person_name FROM concerns c
            JOIN people p ON p.id = c.person_id
            WHERE {" AND ".join(where)} ORDER BY c.flagged_on DESC, c.id DESC""",
        params,
    )


def concern(db: Database, concern_id: int) -> dict | None:
    """One concern row, or ``None``."""
    rows = fetch_rows(db, "SELECT * FROM concerns WHERE id = ?", [concern_id])
    return rows[0] if rows else None


def actions(db: Database, person_id: int | None = None) -> list[dict]:
    """Retention actions, newest first, with names."""
    where, params = "", []
    if person_id is not None:
        where, params = "WHERE a.person_id = ?", [person_id]
    return fetch_rows(
        db,
        f"""SELECT a.*, p.name AS person_name FROM retention_actions a
            JOIN people p ON p.id = a.person_id
            {where} ORDER BY a.taken_on DESC, a.id DESC""",
        params,
    )


def exits(db: Database) -> list[dict]:
    """People who left, newest exit first, with reason and note."""
    return fetch_rows(
        db,
        """SELECT id, name, joined_on, left_on, exit_reason, exit_note FROM people
           WHERE status = 'left' AND left_on IS NOT NULL ORDER BY left_on DESC, id DESC""",
    )


# ---------------------------------------------------------------- writes (one audit row each)


def insert_concern(db: Database, actor: str, person_id: int, note: str, flagged_on: str) -> int:
    """Flag a concern (discord) about a person; returns its id."""
    require_person_write(db, actor, person_id)
    row = {"person_id": person_id, "note": note, "flagged_on": flagged_on, "flagged_by": actor}
    new_id = db.execute(
        """INSERT INTO concerns (person_id, note, flagged_on, flagged_by)
           VALUES (:person_id, :note, :flagged_on, :flagged_by)""",
        row,
    ).lastrowid
    audit.record(db, actor, "create", "concern", new_id, None, row, person_id=person_id)
    return new_id


def resolve_concern(
    db: Database,
    actor: str,
    concern_id: int,
    resolved_on: str,
    resolution: str,
    *,
    check_access: bool = True,
) -> None:
    """Mark a concern resolved (``check_access=False`` inside an exit already checked)."""
    before = concern(db, concern_id)
    if check_access:
        require_person_write(db, actor, before["person_id"])
    db.execute(
        "UPDATE concerns SET resolved_on = ?, resolution = ? WHERE id = ?",
        [resolved_on, resolution, concern_id],
    )
    audit.record(
        db,
        actor,
        "resolve",
        "concern",
        concern_id,
        before,
        concern(db, concern_id),
        person_id=before["person_id"],
    )


def insert_action(db: Database, actor: str, fields: dict) -> int:
    """Log a retention action for a person; returns its id."""
    require_person_write(db, actor, fields["person_id"])
    row = {**fields, "taken_by": actor}
    new_id = db.execute(
        """INSERT INTO retention_actions (person_id, action, note, taken_on, taken_by)
           VALUES (:person_id, :action, :note, :taken_on, :taken_by)""",
        row,
    ).lastrowid
    audit.record(
        db, actor, "create", "retention_action", new_id, None, row, person_id=fields["person_id"]
    )
    return new_id


def save_settings(db: Database, actor: str, values: dict[str, int]) -> None:
    """Store the thresholds (a team-wide setting)."""
    stored_settings.write(db, actor, "retention_settings", DEFAULT_SETTINGS, values)


WEEK_SUMS = """SELECT m.person_id,
                  date(d.day, '-' || ((CAST(strftime('%w', d.day) AS INTEGER) + 6) % 7) || ' days'),
                  SUM(d.messages), SUM(d.night_messages)
           FROM {source}
           WHERE m.person_id IS NOT NULL AND d.day BETWEEN ? AND ?
           GROUP BY 1, 2"""
# the chats' days of the weeks, each joined to its sender: fast when most senders are linked
BY_DAY = "members m JOIN activity_counts d ON d.member_key = m.key"
# the linked senders' own days (activity_daily_member): fast when few senders are linked
BY_SENDER = """activity_counts d JOIN members m ON m.key = d.member_key
           AND d.member_key IN (SELECT key FROM members WHERE person_id IS NOT NULL)"""


def weekly_activity(db: Database, start: str, end: str) -> dict[int, dict[str, tuple[int, int]]]:
    """Per person linked to a chat sender, per week (its Monday) of ``start``..``end``: their
    counted messages and night messages (23:00–07:00) in every chat (empty without the
    activity area's tables). Read from the linked senders' own days when they are under a
    quarter of the senders (each sender's days cost about four chat-days of a scan), else
    from every chat-day of the weeks."""
    if not has_table(db, "members"):
        return {}
    linked, senders = db.execute("SELECT COUNT(person_id), COUNT(*) FROM members").fetchone()
    if not linked:
        return {}
    source = BY_SENDER if linked * 4 < senders else BY_DAY
    weeks: dict[int, dict[str, tuple[int, int]]] = {}
    for person_id, week, messages, night in db.execute(
        WEEK_SUMS.format(source=source), [start, end]
    ).fetchall():
        weeks.setdefault(person_id, {})[week] = (messages, night)
    return weeks
