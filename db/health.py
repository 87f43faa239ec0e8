"""Group health: its thresholds, the group events that keep a group from boredom, and the
dismissals of flags (kept as history), plus the reads over counted activity the traps need.

Tables:
- ``health_settings`` — the traps' thresholds a lead of the whole tree saved (defaults in
  ``DEFAULT_SETTINGS``; validated by ``dashboard.domain.health``);
- ``group_events`` — per group a dated event (kind, title), who recorded it and when;
- ``health_dismissals`` — per group and trap a lead's dismissal: the trap's measure when
  dismissed, the note, who and when (never deleted: the newest one counts).
"""

from datetime import UTC, date, datetime

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from db import audit
from db import settings as stored_settings
from db.access import require_write
from db.schema import run_statements
from db.sql import fetch_one, fetch_rows, in_list

migrations = Migrations("health")
TRAPS = ("leaderless", "tyranny", "boredom", "evaporation", "unfocused")
EVENT_KINDS = ("talk", "challenge", "meetup", "other")
DEFAULT_SETTINGS = {
    "leaderless_weeks": 4,  # the owner silent in the group's chats this long
    "tyranny_top_k": 3,  # the top senders whose share is measured
    "tyranny_share": 70,  # % of the month's messages by the top senders or the team
    "tyranny_silent": 60,  # % of members silent that month
    "boredom_falls": 2,  # months in a row messages per active member fell
    "boredom_event_weeks": 6,  # weeks without an event
    "unfocused_share": 15,  # % of messages that are check-ins or shares, below which …
    "unfocused_months": 2,  # … for this many complete months in a row
    "dismiss_days": 30,  # a dismissal holds this long …
    "dismiss_change": 25,  # … unless the trap's measure moved by this % or more
}


@migrations()
def m001_health(db: Database) -> None:
    run_statements(
        db,
        [
            """CREATE TABLE health_settings (
                key TEXT PRIMARY KEY,
                value INTEGER NOT NULL CHECK (value >= 0)
            )""",
            f"""CREATE TABLE group_events (
                id INTEGER PRIMARY KEY,
                group_id INTEGER NOT NULL REFERENCES groups(id),
                day TEXT NOT NULL,
                kind TEXT NOT NULL CHECK (kind IN {in_list(EVENT_KINDS)}),
                title TEXT NOT NULL,
                created_by TEXT NOT NULL,
                created_at TEXT NOT NULL
            )""",
            "CREATE INDEX group_events_group ON group_events(group_id, day)",
            f"""CREATE TABLE health_dismissals (
                id INTEGER PRIMARY KEY,
                group_id INTEGER NOT NULL REFERENCES groups(id),
                trap TEXT NOT NULL CHECK (trap IN {in_list(TRAPS)}),
                measure REAL,
                note TEXT NOT NULL,
                dismissed_on TEXT NOT NULL,
                dismissed_by TEXT NOT NULL,
                dismissed_at TEXT NOT NULL
            )""",
            "CREATE INDEX health_dismissals_group ON health_dismissals(group_id, trap, id)",
        ],
    )


# ---------------------------------------------------------------- reads


def settings(db: Database) -> dict[str, int]:
    """The thresholds in force: the defaults overridden by what leads saved."""
    return stored_settings.read(db, "health_settings", DEFAULT_SETTINGS)


def groups_with_chats(db: Database) -> set[int]:
    """Groups that have at least one mapped chat (their activity can be judged)."""
    rows = db.execute("SELECT DISTINCT group_id FROM chats WHERE group_id IS NOT NULL")
    return {row[0] for row in rows.fetchall()}


def group_month_totals(db: Database, start: date, end: date) -> list[dict]:
    """Per mapped group and month (``YYYY-MM``) of ``start``..``end``: messages, check-ins
    and shares."""
    return fetch_rows(
        db,
        """SELECT ch.group_id, substr(d.day, 1, 7) AS month, SUM(d.messages) AS messages,
                   SUM(d.checkins) AS checkins, SUM(d.shares) AS shares
            FROM chats ch CROSS JOIN activity_chat_day_totals d
                ON d.chat_id = ch.id AND d.day BETWEEN ? AND ?
            WHERE ch.group_id IS NOT NULL
            GROUP BY ch.group_id, month ORDER BY 1, 2""",
        [start.isoformat(), end.isoformat()],
    )


def owners_last_message(db: Database) -> dict[int, dict]:
    """Per group with an owner linked to a chat sender: the owner and the last day they
    wrote in one of the group's chats (``None``: never)."""
    rows = fetch_rows(
        db,
        """SELECT m.group_id, m.person_id, p.name AS owner_name,
                  (SELECT MAX(s.last_active_day) FROM members k
                   JOIN chats ch ON ch.group_id = m.group_id
                   JOIN activity_member_months s
                     ON s.chat_id = ch.id AND s.member_key = k.key
                   WHERE k.person_id = m.person_id) AS last_day
           FROM memberships m JOIN roles r ON r.id = m.role_id AND r.code = 'owner'
           JOIN people p ON p.id = m.person_id
           WHERE m.end_on IS NULL
             AND EXISTS (SELECT 1 FROM members k WHERE k.person_id = m.person_id)
           ORDER BY m.group_id, m.start_on""",
    )
    found: dict[int, dict] = {}
    for row in rows:
        found.setdefault(row["group_id"], row)  # the longest-serving owner
    return found


def last_events(db: Database) -> dict[int, str]:
    """Per group the day of its latest event."""
    rows = db.execute("SELECT group_id, MAX(day) FROM group_events GROUP BY group_id")
    return {group_id: day for group_id, day in rows.fetchall()}


def _of_groups(alias: str, group_ids: list[int] | None) -> tuple[str, list]:
    """A WHERE clause keeping the rows of ``group_ids`` (every row when ``None``)."""
    if group_ids is None:
        return "", []
    marks = ", ".join("?" for _ in group_ids) or "NULL"
    return f"WHERE {alias}.group_id IN ({marks})", list(group_ids)


def events(db: Database, group_ids: list[int] | None = None, limit: int = 200) -> list[dict]:
    """Events, newest first, with their group's name (of ``group_ids`` when given)."""
    where, params = _of_groups("e", group_ids)
    return fetch_rows(
        db,
        f"""SELECT e.*, g.name AS group_name FROM group_events e
            JOIN groups g ON g.id = e.group_id {where}
            ORDER BY e.day DESC, e.id DESC LIMIT ?""",
        [*params, limit],
    )


def dismissals(db: Database, group_ids: list[int] | None = None) -> list[dict]:
    """Every dismissal (of ``group_ids`` when given), newest first, with the group's name."""
    where, params = _of_groups("x", group_ids)
    return fetch_rows(
        db,
        f"""SELECT x.*, g.name AS group_name FROM health_dismissals x
            JOIN groups g ON g.id = x.group_id {where}
            ORDER BY x.id DESC""",
        params,
    )


def latest_dismissals(db: Database) -> dict[tuple[int, str], dict]:
    """Per (group, trap) its newest dismissal."""
    rows = fetch_rows(
        db,
        """SELECT x.* FROM health_dismissals x
           WHERE x.id = (SELECT MAX(y.id) FROM health_dismissals y
                         WHERE y.group_id = x.group_id AND y.trap = x.trap)""",
    )
    return {(row["group_id"], row["trap"]): row for row in rows}


def group_name(db: Database, group_id: int) -> str | None:
    row = db.execute("SELECT name FROM groups WHERE id = ?", [group_id]).fetchone()
    return row[0] if row else None


# ---------------------------------------------------------------- writes


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def save_settings(db: Database, actor: str, values: dict[str, int]) -> None:
    """Store the thresholds (a team-wide setting; validated by the domain)."""
    stored_settings.write(db, actor, "health_settings", DEFAULT_SETTINGS, values)


def _insert(db: Database, actor: str, table: str, entity: str, action: str, row: dict) -> int:
    """Insert ``row`` into ``table`` of a group the actor may write in (a refusal names it)
    and audit it, in one transaction; returns the new id."""
    with db.atomic():
        require_write(db, actor, [row["group_id"]])
        columns = ", ".join(row)
        values = ", ".join(f":{column}" for column in row)
        new_id = db.execute(f"INSERT INTO {table} ({columns}) VALUES ({values})", row).lastrowid
        audit.record(db, actor, action, entity, new_id, None, row, group_id=row["group_id"])
    return new_id


def add_event(db: Database, actor: str, fields: dict) -> int:
    """Record a group event (``group_id``, ``day``, ``kind``, ``title``)."""
    row = {**fields, "created_by": actor, "created_at": _now()}
    return _insert(db, actor, "group_events", "group_event", "create", row)


def add_dismissal(
    db: Database, actor: str, group_id: int, trap: str, measure: float | None, note: str, on: date
) -> int:
    """Dismiss a group's flag with a note (kept as history)."""
    row = {
        "group_id": group_id,
        "trap": trap,
        "measure": measure,
        "note": note,
        "dismissed_on": on.isoformat(),
        "dismissed_by": actor,
        "dismissed_at": _now(),
    }
    return _insert(db, actor, "health_dismissals", "health_flag", "dismiss", row)


def event(db: Database, event_id: int) -> dict | None:
    return fetch_one(db, "SELECT * FROM group_events WHERE id = ?", [event_id])
