"""Community activity: chats, pseudonymous members, imports of chat exports and the daily
counts they contribute. Counts, never conversations: no message text is stored.

Tables:
- ``activity_settings`` — this database's salt for members' keys (made by the migration);
- ``chats`` — a chat per (platform, external id), its name, its group (NULL until mapped)
  and its check-in keywords (they apply to imports made after a change: text is not kept);
- ``members`` — ``key`` = salted hash of platform + platform id (see
  ``dashboard.activity.counting``), optional display name, ``person_id`` for team members;
- ``activity_imports`` — one row per imported file (name, SHA-256, format, chats, days,
  counts, who, when); the same file twice is refused;
- ``activity_daily`` — per import, chat, member and day: messages, check-ins, shares,
  joins, leaves and night messages (23:00–07:00);
- ``activity_hours`` — per import, chat, day and hour of day: messages;
- ``activity_chat_days`` — per import, chat and day: the import's events there;
- ``activity_counted`` — per (chat, day) the import whose rows count;
- ``wecom_daily`` — WeCom 「群聊数据统计」 per import, owner and day; ``wecom_owners`` maps
  owners to people;
- summaries of the counted rows, kept exact by every write that settles counted chat-days
  (an import, a removal: their (chat, month) slices are recounted in the same transaction)
  and keyed by chat (a chat's group is joined at read time, so remapping needs nothing):
  ``activity_member_months`` (chat, month, member), ``activity_chat_day_totals`` (chat,
  day) and ``activity_chat_hours`` (chat, month, weekday, hour). Readers take whole months
  from them and the days at a period's edges, and chats sharing a group (whose members'
  active days count across chats), from the counted views.

Overlap rule: every import keeps its rows; per (chat, day) only the import with the most
events (messages + joins + leaves) counts, the earlier import on a tie. An export that covers
a day fully has all of that day's events, one cut at the day's edge fewer, so whichever
order exports come in, the fullest one counts; removing an import lets the next-best one
count again. Read through the ``activity_counts`` and ``activity_hour_counts`` views. For
WeCom owner-days, the latest import counts (``wecom_counts``): its figures are WeCom's own.
"""

import secrets
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, timedelta

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from db import audit
from db import settings as stored_settings
from db.access import require_person_write, require_write, writable_group_ids
from db.errors import AccessDenied, ValidationError
from db.schema import run_statements
from db.sql import fetch_one, fetch_rows, update_row

migrations = Migrations("activity")
BATCH = 10_000
DEFAULT_CHECKIN_KEYWORDS = ("打卡", "签到", "check-in")
WECOM_FIELDS = (
    "new_chat_cnt",
    "chat_total",
    "chat_has_msg",
    "new_member_cnt",
    "member_total",
    "member_has_msg",
    "msg_total",
    "migrate_trainee_chat_cnt",
)
DAILY_FIELDS = ("messages", "checkins", "shares", "joins", "leaves", "night_messages")


@migrations()
def m001_activity(db: Database) -> None:
    wecom_columns = ", ".join(f"{name} INTEGER" for name in WECOM_FIELDS)
    run_statements(
        db,
        [
            "CREATE TABLE activity_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
            f"""CREATE TABLE chats (
                id INTEGER PRIMARY KEY,
                platform TEXT NOT NULL,
                external_id TEXT NOT NULL,
                name TEXT NOT NULL,
                group_id INTEGER REFERENCES groups(id),
                checkin_keywords TEXT NOT NULL
                    DEFAULT '{",".join(DEFAULT_CHECKIN_KEYWORDS)}',
                UNIQUE (platform, external_id)
            )""",
            "CREATE INDEX chats_group ON chats(group_id)",
            """CREATE TABLE members (
                key TEXT PRIMARY KEY,
                platform TEXT NOT NULL,
                display_name TEXT,
                person_id INTEGER REFERENCES people(id)
            )""",
            "CREATE INDEX members_person ON members(person_id) WHERE person_id IS NOT NULL",
            """CREATE TABLE activity_imports (
                id INTEGER PRIMARY KEY,
                file_name TEXT NOT NULL,
                file_hash TEXT NOT NULL UNIQUE,
                format TEXT NOT NULL,
                chats INTEGER NOT NULL,
                first_day TEXT NOT NULL,
                last_day TEXT NOT NULL,
                messages INTEGER NOT NULL,
                members INTEGER NOT NULL,
                username TEXT NOT NULL,
                imported_at TEXT NOT NULL
            )""",
            """CREATE TABLE activity_daily (
                import_id INTEGER NOT NULL REFERENCES activity_imports(id),
                chat_id INTEGER NOT NULL REFERENCES chats(id),
                day TEXT NOT NULL,
                member_key TEXT NOT NULL REFERENCES members(key),
                messages INTEGER NOT NULL,
                checkins INTEGER NOT NULL,
                shares INTEGER NOT NULL,
                joins INTEGER NOT NULL,
                leaves INTEGER NOT NULL,
                night_messages INTEGER NOT NULL,
                PRIMARY KEY (chat_id, day, import_id, member_key)
            ) WITHOUT ROWID""",
            "CREATE INDEX activity_daily_import ON activity_daily(import_id)",
            "CREATE INDEX activity_daily_member ON activity_daily(member_key, day)",
            """CREATE TABLE activity_hours (
                import_id INTEGER NOT NULL REFERENCES activity_imports(id),
                chat_id INTEGER NOT NULL REFERENCES chats(id),
                day TEXT NOT NULL,
                hour INTEGER NOT NULL CHECK (hour BETWEEN 0 AND 23),
                messages INTEGER NOT NULL,
                PRIMARY KEY (chat_id, day, import_id, hour)
            ) WITHOUT ROWID""",
            "CREATE INDEX activity_hours_import ON activity_hours(import_id)",
            """CREATE TABLE activity_chat_days (
                import_id INTEGER NOT NULL REFERENCES activity_imports(id),
                chat_id INTEGER NOT NULL REFERENCES chats(id),
                day TEXT NOT NULL,
                events INTEGER NOT NULL,
                PRIMARY KEY (chat_id, day, import_id)
            ) WITHOUT ROWID""",
            "CREATE INDEX activity_chat_days_import ON activity_chat_days(import_id)",
            """CREATE TABLE activity_counted (
                chat_id INTEGER NOT NULL,
                day TEXT NOT NULL,
                import_id INTEGER NOT NULL,
                PRIMARY KEY (chat_id, day)
            ) WITHOUT ROWID""",
            """CREATE VIEW activity_counts AS
               SELECT d.* FROM activity_counted c
               JOIN activity_daily d
                 ON d.chat_id = c.chat_id AND d.day = c.day AND d.import_id = c.import_id""",
            """CREATE VIEW activity_hour_counts AS
               SELECT h.* FROM activity_counted c
               JOIN activity_hours h
                 ON h.chat_id = c.chat_id AND h.day = c.day AND h.import_id = c.import_id""",
            f"""CREATE TABLE wecom_daily (
                import_id INTEGER NOT NULL REFERENCES activity_imports(id),
                owner TEXT NOT NULL,
                day TEXT NOT NULL,
                {wecom_columns},
                PRIMARY KEY (owner, day, import_id)
            ) WITHOUT ROWID""",
            "CREATE INDEX wecom_daily_import ON wecom_daily(import_id)",
            """CREATE TABLE wecom_owners (
                owner TEXT PRIMARY KEY,
                person_id INTEGER REFERENCES people(id)
            )""",
            """CREATE VIEW wecom_counts AS
               SELECT w.* FROM wecom_daily w
               WHERE w.import_id = (SELECT MAX(x.import_id) FROM wecom_daily x
                                    WHERE x.owner = w.owner AND x.day = w.day)""",
        ],
    )
    db.execute(
        "INSERT INTO activity_settings (key, value) VALUES ('member_salt', ?)",
        [secrets.token_hex(16)],
    )


# ---------------------------------------------------------------- reads


def salt(db: Database) -> str:
    """This database's salt for members' keys."""
    return db.execute("SELECT value FROM activity_settings WHERE key = 'member_salt'").fetchone()[0]


def chats(db: Database) -> list[dict]:
    """Every chat with its group (NULL when unmapped)."""
    return fetch_rows(db, "SELECT * FROM chats ORDER BY name, id")


def imports(db: Database) -> list[dict]:
    """Every import, newest first."""
    return fetch_rows(db, "SELECT * FROM activity_imports ORDER BY id DESC")


def import_by_hash(db: Database, file_hash: str) -> dict | None:
    return fetch_one(db, "SELECT * FROM activity_imports WHERE file_hash = ?", [file_hash])


def checkin_keywords(db: Database) -> dict[tuple[str, str], str]:
    """Per (platform, external id) of a known chat its check-in keywords as stored."""
    return {
        (row["platform"], row["external_id"]): row["checkin_keywords"]
        for row in fetch_rows(db, "SELECT platform, external_id, checkin_keywords FROM chats")
    }


def _scope(column: str, chat_ids, group_ids) -> tuple[str, list]:
    where, params = [], []
    if chat_ids is not None:
        where.append(f"{column}.chat_id IN ({', '.join('?' for _ in chat_ids) or 'NULL'})")
        params += list(chat_ids)
    if group_ids is not None:
        where.append(f"ch.group_id IN ({', '.join('?' for _ in group_ids) or 'NULL'})")
        params += list(group_ids)
    return "".join(f" AND {w}" for w in where), params


def daily_totals(
    db: Database,
    start: date,
    end: date,
    *,
    by: str = "chat",
    chat_ids: list[int] | None = None,
    group_ids: list[int] | None = None,
    fetch: Callable = fetch_rows,
) -> list[dict]:
    """Per chat (``by="chat"``) or mapped group (``by="group"``) and day: messages, active
    members (≥ 1 message), joins, leaves, check-ins, shares and night messages.
    ``fetch``: ``fetch_named`` for the rows as read, by name, no dict each."""
    parts = _daily_parts(db, start, end, by, chat_ids, group_ids)
    rows = " UNION ALL ".join(sql for sql, _ in parts)
    return fetch(db, f"SELECT * FROM ({rows}) ORDER BY 1, 2", [v for _, vs in parts for v in vs])


def group_day_sums(
    db: Database, start: date, end: date, *, group_ids: list[int] | None = None
) -> tuple[list[tuple[int, int]], int, int]:
    """Over ``daily_totals(by="group")`` of ``start``..``end``, summed in SQL (not a row
    per group-day read): ``(group id, messages)`` of each group with a day, by id; the
    active members of all those group-days; how many distinct days they have."""
    parts = _daily_parts(db, start, end, "group", None, group_ids)
    values = [v for _, vs in parts for v in vs]
    # a group's rows all come from one part (its chats share it or not): summed part by
    # part, the chats' part along the chats' group index, with no sort
    sums = " UNION ALL ".join(
        f"SELECT group_id, SUM(messages), SUM(active_members) FROM ({sql}) GROUP BY group_id"
        for sql, _ in parts
    )
    found = db.execute(f"SELECT * FROM ({sums}) ORDER BY 1", values).fetchall()
    if not found:
        return [], 0, 0
    days = " UNION ALL ".join(f"SELECT day FROM ({sql})" for sql, _ in parts)
    counted_days = db.execute(f"SELECT COUNT(DISTINCT day) FROM ({days})", values).fetchone()[0]
    return [(row[0], row[1]) for row in found], sum(row[2] for row in found), counted_days


def _daily_parts(
    db: Database, start: date, end: date, by: str, chat_ids, group_ids
) -> list[tuple[str, list]]:
    """SQL (and its parameters) of ``daily_totals``' rows, unordered: the chats alone in
    their group, and the chats sharing one (if any)."""
    key = "d.chat_id" if by == "chat" else "ch.group_id"
    scope, params = _scope("d", chat_ids, group_ids)
    mapped = "AND ch.group_id IS NOT NULL" if by == "group" else ""
    days = [start.isoformat(), end.isoformat()]
    # a group's chats' day totals add up, but for their active members (counted across the
    # chats): groups of several chats are counted from the counted views
    shared = _shared_chats(db) if by == "group" else []
    parts = [
        (
            f"""SELECT {key} AS {by}_id, d.day, d.messages, d.active_members, d.joins,
                       d.leaves, d.checkins, d.shares, d.night_messages
                FROM chats ch CROSS JOIN activity_chat_day_totals d
                    ON d.chat_id = ch.id AND d.day BETWEEN ? AND ?
                WHERE 1 {_not_in("ch.id", shared)} {mapped} {scope}""",
            [*days, *shared, *params],
        )
    ]
    if shared:
        parts.append(
            (
                f"""SELECT {key} AS {by}_id, d.day, SUM(d.messages) AS messages,
                       COUNT(DISTINCT CASE WHEN d.messages > 0 THEN d.member_key END)
                           AS active_members,
                       SUM(d.joins), SUM(d.leaves), SUM(d.checkins), SUM(d.shares),
                       SUM(d.night_messages)
                FROM {COUNTED_BY_CHAT}
                WHERE ch.id IN ({_marks(shared)}) {mapped} {scope}
                GROUP BY {key}, d.day""",
                [*days, *shared, *params],
            )
        )
    return parts


# The counted member-days of ``start``..``end`` (two parameters), read chat by chat, a
# counted day at a time along activity_daily's primary key: the planner would otherwise
# walk the member index of the whole table (5× slower on 500,000 member-days); reading
# each member-day and looking its day up in activity_counted took twice as long (June
# 1–15 of the large database, 124,066 member-days: 39 against 21 ms).
COUNTED_BY_CHAT = """chats ch
    CROSS JOIN activity_counted c ON c.chat_id = ch.id AND c.day BETWEEN ? AND ?
    CROSS JOIN activity_daily d
        ON d.chat_id = c.chat_id AND d.day = c.day AND +d.import_id = c.import_id"""


def member_counts(
    db: Database,
    start: date,
    end: date,
    *,
    chat_ids: list[int] | None = None,
    group_ids: list[int] | None = None,
    fetch: Callable = fetch_rows,
) -> list[dict]:
    """Per member (and group) over ``start``..``end``: messages, active days, check-ins,
    shares, joins, leaves, night messages; with display name and linked person.
    ``fetch``: ``fetch_named`` for the rows as read, by name, no dict each."""
    scope, params = _scope("d", chat_ids, group_ids)
    rows, values = _member_month_rows(db, start, end, scope, params)
    # members are looked up once per member and group, not once per member-day
    return fetch(
        db,
        f"""SELECT t.group_id, t.member_key, m.display_name, m.person_id, t.messages,
                   t.active_days, t.checkins, t.shares, t.joins, t.leaves, t.night_messages
            FROM (SELECT group_id, member_key, SUM(messages) AS messages,
                         SUM(active_days) AS active_days, SUM(checkins) AS checkins,
                         SUM(shares) AS shares, SUM(joins) AS joins, SUM(leaves) AS leaves,
                         SUM(night_messages) AS night_messages
                  FROM ({rows}) GROUP BY group_id, member_key) t
            JOIN members m ON m.key = t.member_key
            ORDER BY t.messages DESC, t.member_key""",
        values,
    )


def member_sums(
    db: Database, start: date, end: date, *, group_ids: list[int] | None = None
) -> list[tuple[int, str, int, bool]]:
    """Per group and member of ``member_counts`` over ``start``..``end`` (a row for each of
    its rows, in no order): ``(group id, member key, messages, still in)``, still in when
    the member had not left by the end (leaves ≤ joins); plain tuples, for a caller that
    digests them all (23,148 on the large database: a quarter less time than digesting
    them in SQL, window functions and all)."""
    scope, params = _scope("d", None, group_ids)
    rows, values = _member_sum_rows(db, start, end, scope, params)
    cursor = db.conn.cursor()
    cursor.row_factory = None
    return cursor.execute(
        f"""SELECT group_id, member_key, SUM(messages), SUM(leaves) <= SUM(joins)
            FROM ({rows}) GROUP BY group_id, member_key""",
        values,
    ).fetchall()


def member_labels(db: Database, keys: Iterable[str]) -> dict[str, dict]:
    """Member key → ``display_name``, ``person_id`` and ``person_name``, the name of the
    person if still on the team (newcomer or active), of the members ``keys``."""
    keys = list(keys)
    return {
        row["key"]: {k: row[k] for k in ("display_name", "person_id", "person_name")}
        for row in fetch_rows(
            db,
            f"""SELECT m.key, m.display_name, m.person_id, p.name AS person_name
                FROM members m LEFT JOIN people p
                    ON p.id = m.person_id AND p.status IN ('newcomer', 'active')
                WHERE m.key IN ({_marks(keys)})""",
            keys,
        )
    }


def hour_weekday(
    db: Database,
    start: date,
    end: date,
    *,
    chat_ids: list[int] | None = None,
    group_ids: list[int] | None = None,
) -> list[dict]:
    """Messages per weekday (0 = Monday) and hour of day, for a heatmap."""
    # grouped by one key, the week's hour (weekday × 24 + hour): sorting the rows on it
    # takes a quarter less than on two
    scope, params = _scope("h", chat_ids, group_ids)
    full, edges = _summary_span(db, start, end)
    parts, values = [], []
    for first_day, last_day in edges:
        parts.append(
            f"""SELECT ((CAST(strftime('%w', h.day) AS INTEGER) + 6) % 7) * 24 + h.hour AS slot,
                       h.messages
                FROM activity_hour_counts h JOIN chats ch ON ch.id = h.chat_id
                WHERE h.day BETWEEN ? AND ? {scope}"""
        )
        values += [first_day, last_day, *params]
    if full is not None:
        parts.append(
            f"""SELECT h.weekday * 24 + h.hour AS slot, h.messages
                FROM chats ch CROSS JOIN activity_chat_hours h
                    ON h.chat_id = ch.id AND h.month BETWEEN ? AND ?
                WHERE 1 {scope}"""
        )
        values += [*full, *params]
    return fetch_rows(
        db,
        f"""SELECT slot / 24 AS weekday, slot % 24 AS hour, SUM(messages) AS messages
            FROM ({" UNION ALL ".join(parts)}) GROUP BY slot ORDER BY slot""",
        values,
    )


# The counted member-days of team members (``m``: members, filtered by the caller on
# ``m.person_id``) in ``start``..``end`` (two parameters), read member by member along the
# member index: the planner would otherwise walk every counted day (16 s on the large
# database, with no member linked to a person).
TEAM_COUNTED = """members m
    CROSS JOIN activity_daily d ON d.member_key = m.key AND d.day BETWEEN ? AND ?
    CROSS JOIN activity_counted c
        ON c.chat_id = d.chat_id AND c.day = d.day AND c.import_id = d.import_id"""


def person_weekly(db: Database, person_id: int, start: date, end: date) -> list[dict]:
    """A team member's messages per week (Monday) in every chat, with the night ones."""
    return fetch_rows(
        db,
        f"""SELECT date(d.day, '-' || ((CAST(strftime('%w', d.day) AS INTEGER) + 6) % 7)
                       || ' days') AS week,
                  SUM(d.messages) AS messages, SUM(d.night_messages) AS night_messages
           FROM {TEAM_COUNTED} WHERE m.person_id = ?
           GROUP BY 1 ORDER BY 1""",
        [start.isoformat(), end.isoformat(), person_id],
    )


def wecom_days(db: Database, start: date, end: date) -> list[dict]:
    """WeCom's owner-days of ``start``..``end`` (the latest import's figures)."""
    return fetch_rows(
        db,
        "SELECT * FROM wecom_counts WHERE day BETWEEN ? AND ? ORDER BY owner, day",
        [start.isoformat(), end.isoformat()],
    )


# ---------------------------------------------------------------- writes


def store_import(
    db: Database,
    actor: str,
    record: dict,
    chats: list[tuple[str, str, str]],
    members: list[tuple[str, str, str | None]],
    member_days: Iterable[tuple],
    hours: Iterable[tuple],
    owner_days: Iterable[tuple[str, str, dict]] = (),
    *,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Store one counted export in one transaction and return the import's id.

    :param record: ``file_name``, ``file_hash``, ``format``, ``first_day``, ``last_day``,
        ``messages``, ``members`` of the import.
    :param chats: ``(platform, external_id, name)``; rows below name a chat by its index here.
    :param members: ``(key, platform, display_name)``.
    :param member_days: ``(chat_index, member_key, day, messages, checkins, shares, joins,
        leaves, night_messages)``.
    :param hours: ``(chat_index, day, hour, messages)``.
    :param owner_days: WeCom's ``(owner, day, {field: count})``.
    :param progress: told the number of rows written so far.
    """
    with db.atomic():
        allowed = writable_group_ids(db, actor)
        if allowed is not None and not allowed:
            raise AccessDenied("access.read_only", user=actor)
        refuse_duplicate(db, record["file_hash"], record["file_name"])
        chat_ids = []
        for platform, external_id, name in chats:
            row = db.execute(
                """INSERT INTO chats (platform, external_id, name) VALUES (?, ?, ?)
                   ON CONFLICT (platform, external_id) DO UPDATE SET name = excluded.name
                   RETURNING id, group_id""",
                [platform, external_id, name],
            ).fetchone()
            if (
                allowed is not None
                and row["group_id"] is not None
                and row["group_id"] not in allowed
            ):
                raise AccessDenied("activity.err.outside_scope", user=actor, chat=name)
            chat_ids.append(row["id"])
        import_id = db.execute(
            """INSERT INTO activity_imports (file_name, file_hash, format, chats, first_day,
                   last_day, messages, members, username, imported_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [
                record["file_name"],
                record["file_hash"],
                record["format"],
                len(chats),
                record["first_day"],
                record["last_day"],
                record["messages"],
                len(members),
                actor,
                datetime.now(UTC).isoformat(timespec="seconds"),
            ],
        ).lastrowid
        db.conn.executemany(
            """INSERT INTO members (key, platform, display_name) VALUES (?, ?, ?)
               ON CONFLICT (key) DO UPDATE
               SET display_name = coalesce(excluded.display_name, display_name)""",
            members,
        )
        written = 0
        chat_days: dict[tuple[int, str], int] = {}
        batch = []
        for chat_index, key, day, *counts in member_days:
            chat_id = chat_ids[chat_index]
            batch.append((import_id, chat_id, day, key, *counts))
            # events: messages, joins and leaves
            chat_days[(chat_id, day)] = (
                chat_days.get((chat_id, day), 0) + counts[0] + counts[3] + counts[4]
            )
            if len(batch) >= BATCH:
                written += _insert_daily(db, batch, progress, written)
        written += _insert_daily(db, batch, progress, written)
        db.conn.executemany(
            "INSERT INTO activity_hours (import_id, chat_id, day, hour, messages)"
            " VALUES (?, ?, ?, ?, ?)",
            ((import_id, chat_ids[c], day, hour, n) for c, day, hour, n in hours),
        )
        db.conn.executemany(
            "INSERT INTO activity_chat_days (import_id, chat_id, day, events) VALUES (?, ?, ?, ?)",
            ((import_id, chat_id, day, n) for (chat_id, day), n in chat_days.items()),
        )
        columns = ", ".join(WECOM_FIELDS)
        owner_rows = [
            (import_id, owner, day, *(counts.get(f) for f in WECOM_FIELDS))
            for owner, day, counts in owner_days
        ]
        db.conn.executemany(
            f"INSERT INTO wecom_daily (import_id, owner, day, {columns})"
            f" VALUES (?, ?, ?, {', '.join('?' for _ in WECOM_FIELDS)})",
            owner_rows,
        )
        db.conn.executemany(
            "INSERT OR IGNORE INTO wecom_owners (owner) VALUES (?)",
            sorted({(row[1],) for row in owner_rows}),
        )
        _recount(db, import_id)
        audit.record(
            db,
            actor,
            "import",
            "activity_import",
            import_id,
            None,
            {k: record[k] for k in ("file_name", "format", "first_day", "last_day", "messages")}
            | {"chats": len(chats), "members": len(members), "owner_days": len(owner_rows)},
        )
        return import_id


def refuse_duplicate(db: Database, file_hash: str, file_name: str) -> None:
    """``ValidationError`` naming when and by whom the same file was imported, if it was."""
    already = import_by_hash(db, file_hash)
    if already:
        raise ValidationError(
            "activity.err.duplicate",
            name=file_name,
            on=already["imported_at"][:16].replace("T", " "),
            by=already["username"],
        )


def _insert_daily(db: Database, batch: list, progress, written: int) -> int:
    db.conn.executemany(
        f"INSERT INTO activity_daily (import_id, chat_id, day, member_key, {', '.join(DAILY_FIELDS)})"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        batch,
    )
    count = len(batch)
    batch.clear()
    if progress is not None and count:
        progress(written + count)
    return count


def _recount(db: Database, import_id: int) -> None:
    """Settle which import counts on every (chat, day) ``import_id`` has rows for."""
    db.execute("CREATE TEMP TABLE IF NOT EXISTS activity_touched (chat_id, day)")
    db.execute("DELETE FROM temp.activity_touched")
    db.execute(
        "INSERT INTO temp.activity_touched SELECT chat_id, day FROM activity_chat_days"
        " WHERE import_id = ?",
        [import_id],
    )
    _settle(db)


def _settle(db: Database) -> None:
    db.execute(
        """DELETE FROM activity_counted WHERE (chat_id, day) IN
               (SELECT chat_id, day FROM temp.activity_touched)"""
    )
    db.execute(
        """INSERT INTO activity_counted (chat_id, day, import_id)
           SELECT chat_id, day, import_id FROM (
               SELECT c.chat_id, c.day, c.import_id, row_number() OVER (
                   PARTITION BY c.chat_id, c.day ORDER BY c.events DESC, c.import_id) AS rank
               FROM temp.activity_touched t
               JOIN activity_chat_days c ON c.chat_id = t.chat_id AND c.day = t.day)
           WHERE rank = 1"""
    )
    _summary_months(db)
    db.execute(
        "INSERT INTO temp.summary_months"
        " SELECT DISTINCT chat_id, substr(day, 1, 7) FROM temp.activity_touched"
    )
    _refresh_summaries(db)
    db.execute("DELETE FROM temp.activity_touched")


def remove_import(db: Database, import_id: int, actor: str) -> dict:
    """Remove an import and everything it contributed (the next-best import of each of its
    chat-days counts again); returns the removed import's row."""
    with db.atomic():
        before = fetch_one(db, "SELECT * FROM activity_imports WHERE id = ?", [import_id])
        if before is None:
            raise ValidationError("activity.err.unknown_import", id=import_id)
        allowed = writable_group_ids(db, actor)
        if allowed is not None:
            if not allowed:
                raise AccessDenied("access.read_only", user=actor)
            outside = fetch_one(
                db,
                f"""SELECT ch.name FROM chats ch WHERE ch.group_id IS NOT NULL
                    AND ch.group_id NOT IN ({", ".join("?" for _ in allowed)})
                    AND ch.id IN (SELECT chat_id FROM activity_chat_days WHERE import_id = ?)""",
                [*allowed, import_id],
            )
            if outside:
                raise AccessDenied("activity.err.outside_scope", user=actor, chat=outside["name"])
        db.execute("CREATE TEMP TABLE IF NOT EXISTS activity_touched (chat_id, day)")
        db.execute("DELETE FROM temp.activity_touched")
        db.execute(
            "INSERT INTO temp.activity_touched SELECT chat_id, day FROM activity_chat_days"
            " WHERE import_id = ?",
            [import_id],
        )
        for table in ("activity_daily", "activity_hours", "activity_chat_days", "wecom_daily"):
            db.execute(f"DELETE FROM {table} WHERE import_id = ?", [import_id])
        db.execute("DELETE FROM activity_imports WHERE id = ?", [import_id])
        _settle(db)
        audit.record(db, actor, "remove", "activity_import", import_id, before, None)
        return before


def set_checkin_keywords(db: Database, actor: str, chat_id: int, keywords: list[str]) -> None:
    """Set a chat's check-in keywords (used by imports made from now on)."""
    with db.atomic():
        before = fetch_one(db, "SELECT * FROM chats WHERE id = ?", [chat_id])
        if before is None:
            raise ValidationError("activity.err.unknown_chat", id=chat_id)
        cleaned = [k.strip() for k in keywords if k.strip() and "," not in k]
        if not cleaned:
            raise ValidationError("activity.err.no_keywords", chat=before["name"])
        allowed = writable_group_ids(db, actor)
        if allowed is not None and (
            not allowed or before["group_id"] is not None and before["group_id"] not in allowed
        ):
            raise AccessDenied("activity.err.outside_scope", user=actor, chat=before["name"])
        changes = {"checkin_keywords": ",".join(dict.fromkeys(cleaned))}
        update_row(db, "chats", chat_id, changes)
        audit.record_change(
            db, actor, "set_keywords", "chat", chat_id, before, changes, group_id=before["group_id"]
        )


# ---------------------------------------------------------------- computed KPIs (from activity)

# what a KPI definition can be computed from (``kpis.activity_metric``; NULL = typed)
ACTIVITY_METRICS = (
    "active_ratio",
    "messages",
    "new_members",
    "leavers",
    "checkin_rate",
    "shares",
)


@migrations()
def m201_computed_kpis(db: Database) -> None:
    # a KPI computed from activity names its metric; its values carry ``computed = 1``.
    # ``computed_chat_groups`` remembers each chat's group as of the last recompute, so a
    # remapped chat's former group is recomputed too.
    run_statements(
        db,
        [
            "ALTER TABLE kpis ADD COLUMN activity_metric TEXT",
            "ALTER TABLE kpi_values ADD COLUMN computed INTEGER NOT NULL DEFAULT 0",
            "CREATE INDEX kpi_values_computed ON kpi_values(kpi_id, group_id) WHERE computed = 1",
            """CREATE TABLE computed_chat_groups (
                chat_id INTEGER PRIMARY KEY REFERENCES chats(id),
                group_id INTEGER NOT NULL
            )""",
        ],
    )


def computed_kpis(db: Database) -> list[dict]:
    """KPI definitions computed from activity (``activity_metric`` set)."""
    return fetch_rows(
        db,
        "SELECT id, code, activity_metric FROM kpis WHERE activity_metric IS NOT NULL ORDER BY id",
    )


def affected_groups(db: Database, chat_ids: list[int] | None) -> set[int]:
    """Groups whose computed values depend on ``chat_ids`` (every chat when ``None``): their
    groups now and as of the last recompute; every group holding computed values when
    ``None``."""
    if chat_ids is None:
        rows = db.execute(
            """SELECT group_id FROM chats WHERE group_id IS NOT NULL
               UNION SELECT group_id FROM computed_chat_groups
               UNION SELECT DISTINCT group_id FROM kpi_values WHERE computed = 1"""
        ).fetchall()
    else:
        marks = ", ".join("?" for _ in chat_ids) or "NULL"
        rows = db.execute(
            f"""SELECT group_id FROM chats WHERE id IN ({marks}) AND group_id IS NOT NULL
                UNION SELECT group_id FROM computed_chat_groups WHERE chat_id IN ({marks})""",
            [*chat_ids, *chat_ids],
        ).fetchall()
    return {row[0] for row in rows}


def group_member_days(db: Database, group_id: int) -> list[tuple]:
    """Every counted ``(member_key, day, messages, checkins, shares, joins, leaves)`` of a
    group's mapped chats, summed over its chats, by member and day."""
    return db.execute(
        """SELECT d.member_key, d.day, SUM(d.messages), SUM(d.checkins), SUM(d.shares),
                  SUM(d.joins), SUM(d.leaves)
           FROM chats ch JOIN activity_counts d ON d.chat_id = ch.id
           WHERE ch.group_id = ?
           GROUP BY d.member_key, d.day ORDER BY d.member_key, d.day""",
        [group_id],
    ).fetchall()


# the owners' groups: the groups their people hold an open membership in
OWNER_GROUPS = """SELECT DISTINCT o.owner, m.group_id FROM wecom_owners o
    JOIN memberships m ON m.person_id = o.person_id AND m.end_on IS NULL"""


def wecom_owner_groups(db: Database, owners: list[str] | None = None) -> set[int]:
    """The groups WeCom's figures of ``owners`` (every mapped owner when ``None``) count in."""
    rows = db.execute(f"SELECT owner, group_id FROM ({OWNER_GROUPS})").fetchall()
    return {group_id for owner, group_id in rows if owners is None or owner in owners}


def import_owners(db: Database, import_id: int) -> list[str]:
    """The WeCom owners an import has figures for."""
    rows = db.execute(
        "SELECT DISTINCT owner FROM wecom_daily WHERE import_id = ? ORDER BY 1", [import_id]
    ).fetchall()
    return [row[0] for row in rows]


def group_wecom_days(db: Database, group_id: int) -> list[tuple]:
    """Per day WeCom's ``(day, new_member_cnt, member_total, member_has_msg, msg_total)`` of
    the owners mapped to people of the group, summed over them (the latest import's)."""
    return db.execute(
        f"""SELECT w.day, SUM(w.new_member_cnt), SUM(w.member_total), SUM(w.member_has_msg),
                   SUM(w.msg_total)
            FROM wecom_counts w JOIN ({OWNER_GROUPS}) g ON g.owner = w.owner
            WHERE g.group_id = ? GROUP BY w.day ORDER BY w.day""",
        [group_id],
    ).fetchall()


def group_counted_days(db: Database, group_id: int) -> list[str]:
    """The days on which one of a group's chats has counted activity."""
    return [
        row[0]
        for row in db.execute(
            """SELECT DISTINCT c.day FROM chats ch JOIN activity_counted c ON c.chat_id = ch.id
               WHERE ch.group_id = ? ORDER BY 1""",
            [group_id],
        ).fetchall()
    ]


def replace_computed_values(
    db: Database,
    actor: str,
    group_ids: set[int],
    kpi_ids: list[int],
    rows: list[tuple[int, int, str, float]],
) -> dict:
    """Make the computed values of ``group_ids`` exactly ``rows`` (``(kpi_id, group_id, day,
    value)``), in the caller's transaction, audited once; returns counts.

    A (KPI, group, day) that holds a typed value keeps it: the computed one is skipped.
    Computed values of these groups that are not in ``rows`` (or whose KPI is no longer
    computed) are deleted. The monthly rollup follows through the triggers, or, from
    ``kpis.BULK_ROWS`` changes on, by recomputing the touched months at once.
    """
    from db import kpis as kpis_db  # the KPI area's rollup; kpis does not import activity

    with db.atomic():
        groups = sorted(group_ids)
        marks = ", ".join("?" for _ in groups) or "NULL"
        existing = {
            (kpi_id, group_id, day): (value_id, value, computed)
            for value_id, kpi_id, group_id, day, value, computed in db.execute(
                f"""SELECT id, kpi_id, group_id, day, value, computed FROM kpi_values
                    WHERE group_id IN ({marks}) AND person_id IS NULL
                      AND (computed = 1 OR kpi_id IN ({", ".join("?" for _ in kpi_ids) or "NULL"}))""",
                [*groups, *kpi_ids],
            ).fetchall()
        }
        wanted = {(kpi_id, group_id, day): value for kpi_id, group_id, day, value in rows}
        inserts, updates, skipped = [], [], 0
        for key, value in wanted.items():
            found = existing.get(key)
            if found is None:
                inserts.append((*key, value))
            elif not found[2]:
                skipped += 1  # a typed value holds this cell
            elif found[1] != value:
                updates.append((value, found[0]))
        deletes = [(found[0],) for key, found in existing.items() if found[2] and key not in wanted]
        changes = len(inserts) + len(updates) + len(deletes)
        bulk = changes >= kpis_db.BULK_ROWS
        if bulk:
            for name in kpis_db.TRIGGER_NAMES:
                db.execute(f"DROP TRIGGER {name}")
            touched = {
                (kpi_id, group_id, 0, day[:7])
                for kpi_id, group_id, day in (
                    [row[:3] for row in inserts]
                    + [key for key, found in existing.items() if found[2]]
                )
            }
        db.conn.executemany("DELETE FROM kpi_values WHERE id = ?", deletes)
        db.conn.executemany("UPDATE kpi_values SET value = ? WHERE id = ?", updates)
        db.conn.executemany(
            "INSERT INTO kpi_values (kpi_id, group_id, person_id, day, value, computed)"
            " VALUES (?, ?, NULL, ?, ?, 1)",
            inserts,
        )
        if bulk:
            kpis_db._recompute_months(db, touched)
            run_statements(db, kpis_db.TRIGGERS)
        db.execute(
            f"DELETE FROM computed_chat_groups WHERE group_id IN ({marks})"
            f" OR chat_id IN (SELECT id FROM chats WHERE group_id IN ({marks}))",
            [*groups, *groups],
        )
        db.execute(
            f"""INSERT INTO computed_chat_groups (chat_id, group_id)
                SELECT id, group_id FROM chats WHERE group_id IN ({marks})""",
            groups,
        )
        counts = {
            "groups": groups,
            "inserted": len(inserts),
            "updated": len(updates),
            "deleted": len(deletes),
            "kept_typed": skipped,
        }
        if changes:
            audit.record(db, actor, "recompute", "kpi_values", None, None, counts)
        return counts


def import_chat_ids(db: Database, import_id: int) -> list[int]:
    """The chats an import has counts for."""
    return [
        row[0]
        for row in db.execute(
            "SELECT DISTINCT chat_id FROM activity_chat_days WHERE import_id = ? ORDER BY 1",
            [import_id],
        ).fetchall()
    ]


def clear_typed_values(
    db: Database, kpi_ids: list[int], group_ids: list[int], first_day: str
) -> int:
    """Delete the group-level typed values of ``kpi_ids`` in ``group_ids`` from ``first_day``
    on, so activity computes them (for seeds: no access check, no audit); returns the count."""
    from db import kpis as kpis_db

    with db.atomic():
        for name in kpis_db.TRIGGER_NAMES:
            db.execute(f"DROP TRIGGER {name}")
        touched = set()
        deleted = 0
        for kpi_id in kpi_ids:
            for group_id in group_ids:
                months = db.execute(
                    """SELECT DISTINCT substr(day, 1, 7) FROM kpi_values
                       WHERE kpi_id = ? AND group_id = ? AND person_id IS NULL AND computed = 0
                         AND day >= ?""",
                    [kpi_id, group_id, first_day],
                ).fetchall()
                touched |= {(kpi_id, group_id, 0, month) for (month,) in months}
                deleted += db.execute(
                    """DELETE FROM kpi_values WHERE kpi_id = ? AND group_id = ?
                       AND person_id IS NULL AND computed = 0 AND day >= ?""",
                    [kpi_id, group_id, first_day],
                ).rowcount
        kpis_db._recompute_months(db, touched)
        run_statements(db, kpis_db.TRIGGERS)
        return deleted


def set_activity_metric(db: Database, codes: dict[str, str]) -> None:
    """Make the KPIs of these codes computed from the given metrics (for seeds)."""
    with db.atomic():
        db.conn.executemany(
            "UPDATE kpis SET activity_metric = ? WHERE code = ?",
            [(metric, code) for code, metric in codes.items()],
        )


def link_seeded_members(db: Database, links: list[tuple[int, str]]) -> None:
    """``(person_id, member_key)`` links of team members (for seeds)."""
    with db.atomic():
        db.conn.executemany("UPDATE members SET person_id = ? WHERE key = ?", links)


# ---------------------------------------------------------------- levels and mapping

DEFAULT_LEVEL_SETTINGS = {"core_messages": 20, "core_days": 8, "active_messages": 4}


@migrations()
def m101_levels_settings(db: Database) -> None:
    db.execute(
        "CREATE TABLE activity_level_settings (key TEXT PRIMARY KEY, value INTEGER NOT NULL)"
    )


def level_settings(db: Database) -> dict[str, int]:
    """The member-level thresholds in force: the defaults overridden by what leads saved."""
    return stored_settings.read(db, "activity_level_settings", DEFAULT_LEVEL_SETTINGS)


def member_months(
    db: Database,
    start: date,
    end: date,
    *,
    group_ids: list[int] | None = None,
    fetch: Callable = fetch_rows,
) -> list[dict]:
    """Per mapped group, member and month (``YYYY-MM``) of ``start``..``end``: messages,
    active days, joins and leaves. ``fetch``: ``fetch_named`` for the rows as read."""
    scope, params = _scope("d", None, group_ids)
    rows, values = _member_month_rows(db, start, end, scope, params)
    return fetch(
        db,
        f"""SELECT group_id, member_key, month, messages, active_days, joins, leaves
            FROM ({rows}) WHERE group_id IS NOT NULL ORDER BY 1, 2, 3""",
        values,
    )


def chat_overview(db: Database) -> list[dict]:
    """Every chat with its group's name, its days and messages counted, newest day last."""
    return fetch_rows(
        db,
        """SELECT ch.id, ch.platform, ch.name, ch.group_id, g.name AS group_name,
                  ch.checkin_keywords,
                  (SELECT COUNT(*) FROM activity_counted c WHERE c.chat_id = ch.id) AS days,
                  (SELECT MAX(c.day) FROM activity_counted c WHERE c.chat_id = ch.id)
                      AS last_day
           FROM chats ch LEFT JOIN groups g ON g.id = ch.group_id
           ORDER BY ch.name, ch.id""",
    )


def senders(db: Database, start: date, end: date, limit: int = 500) -> list[dict]:
    """Named members who wrote in ``start``..``end``, the most active first (with their
    linked person), for linking senders to people of the team."""
    rows, values = _member_month_rows(db, start, end, "", [])
    return fetch_rows(
        db,
        f"""SELECT m.key, m.platform, m.display_name, m.person_id, p.name AS person_name,
                  t.messages
           FROM (SELECT d.member_key, SUM(d.messages) AS messages FROM ({rows}) d
                 JOIN members x ON x.key = d.member_key AND x.display_name IS NOT NULL
                 GROUP BY d.member_key ORDER BY messages DESC, d.member_key LIMIT ?) t
           JOIN members m ON m.key = t.member_key LEFT JOIN people p ON p.id = m.person_id
           ORDER BY t.messages DESC, m.display_name, m.key""",
        [*values, limit],
    )


def member(db: Database, member_key: str) -> dict | None:
    return fetch_one(db, "SELECT * FROM members WHERE key = ?", [member_key])


def chat(db: Database, chat_id: int) -> dict | None:
    return fetch_one(db, "SELECT * FROM chats WHERE id = ?", [chat_id])


def wecom_owners(db: Database) -> list[dict]:
    """WeCom owners seen in imports, with their person (if mapped) and owner-days."""
    return fetch_rows(
        db,
        """SELECT o.owner, o.person_id, p.name AS person_name,
                  (SELECT COUNT(*) FROM wecom_counts w WHERE w.owner = o.owner) AS days
           FROM wecom_owners o LEFT JOIN people p ON p.id = o.person_id
           ORDER BY o.owner""",
    )


def active_ratio_targets(db: Database, first_month: str, last_month: str) -> list[dict]:
    """Targets of the ``active_ratio`` KPI per month (``group_id`` NULL: the default)."""
    return fetch_rows(
        db,
        """SELECT t.group_id, t.period, t.target FROM kpi_targets t
           JOIN kpis k ON k.id = t.kpi_id
           WHERE k.code = 'active_ratio' AND t.period BETWEEN ? AND ?
           ORDER BY t.period, t.group_id""",
        [first_month, last_month],
    )


def team_members(db: Database) -> dict[str, int]:
    """Member key → person id of every sender linked to a person of the team."""
    rows = db.execute("SELECT key, person_id FROM members WHERE person_id IS NOT NULL")
    return {key: person_id for key, person_id in rows.fetchall()}


def save_level_settings(db: Database, actor: str, values: dict[str, int]) -> None:
    """Store the member-level thresholds (a team-wide setting; validated by the domain)."""
    stored_settings.write(db, actor, "activity_level_settings", DEFAULT_LEVEL_SETTINGS, values)


def set_chat_group(db: Database, actor: str, chat_id: int, group_id: int | None) -> None:
    """Map a chat to a group (``None``: unmapped again). The actor must be allowed to write in
    the chat's current group and in the new one; a refusal names the chat."""
    with db.atomic():
        before = chat(db, chat_id)
        if before is None:
            raise ValidationError("activity.err.unknown_chat", id=chat_id)
        allowed = writable_group_ids(db, actor)
        if allowed is not None:
            touched = {before["group_id"], group_id} - {None}
            if not allowed or not touched or not touched <= allowed:
                raise AccessDenied("activity.err.outside_scope", user=actor, chat=before["name"])
        db.execute("UPDATE chats SET group_id = ? WHERE id = ?", [group_id, chat_id])
        audit.record(
            db,
            actor,
            "map",
            "chat",
            chat_id,
            {"group_id": before["group_id"]},
            {"group_id": group_id},
            group_id=group_id if group_id is not None else before["group_id"],
        )


def set_member_person(db: Database, actor: str, member_key: str, person_id: int | None) -> None:
    """Link a sender to a person of the team (``None``: unlink). The actor must be allowed
    to write about the person linked before and the one linked now."""
    with db.atomic():
        before = member(db, member_key)
        if before is None:
            raise ValidationError("activity.err.unknown_member")
        for person in {before["person_id"], person_id} - {None}:
            require_person_write(db, actor, person)
        if person_id is None and before["person_id"] is None:
            require_write(db, actor)
        db.execute("UPDATE members SET person_id = ? WHERE key = ?", [person_id, member_key])
        audit.record(
            db,
            actor,
            "link",
            "member",
            None,
            {"member": before["display_name"], "person_id": before["person_id"]},
            {"member": before["display_name"], "person_id": person_id},
            person_id=person_id if person_id is not None else before["person_id"],
        )


def set_wecom_owner_person(db: Database, actor: str, owner: str, person_id: int | None) -> None:
    """Map a WeCom owner (their userid) to a person of the team (``None``: unmapped)."""
    with db.atomic():
        before = fetch_one(db, "SELECT * FROM wecom_owners WHERE owner = ?", [owner])
        if before is None:
            raise ValidationError("activity.err.unknown_owner", owner=owner)
        for person in {before["person_id"], person_id} - {None}:
            require_person_write(db, actor, person)
        if person_id is None and before["person_id"] is None:
            require_write(db, actor)
        db.execute("UPDATE wecom_owners SET person_id = ? WHERE owner = ?", [person_id, owner])
        audit.record(
            db,
            actor,
            "map",
            "wecom_owner",
            None,
            {"owner": owner, "person_id": before["person_id"]},
            {"owner": owner, "person_id": person_id},
            person_id=person_id if person_id is not None else before["person_id"],
        )


@migrations()
def m301_counts_along_primary_keys(db: Database) -> None:
    """The counted views join along the tables' primary keys: with ``d.import_id`` open to
    the planner it walked the import index and looked every row up (a month of all groups
    went from 54 s to 2 s on the large database)."""
    for view, table in (
        ("activity_counts", "activity_daily"),
        ("activity_hour_counts", "activity_hours"),
    ):
        db.execute(f"DROP VIEW {view}")
        db.execute(
            f"""CREATE VIEW {view} AS
               SELECT x.* FROM activity_counted c
               JOIN {table} x
                 ON x.chat_id = c.chat_id AND x.day = c.day AND +x.import_id = c.import_id"""
        )


# ---------------------------------------------------------------- summaries kept at write time

# What the readers ask of the counted views, summed once when activity is written (an
# import, a removal: ``_settle`` refreshes the (chat, month) slices it touched) so a cold
# read is small. Keyed by chat: a chat's mapping to a group is joined at read time.
SUMMARY_TABLES = ("activity_member_months", "activity_chat_day_totals", "activity_chat_hours")


@migrations()
def m401_summaries(db: Database) -> None:
    """Per chat, month and member; per chat and day; per chat, month, weekday and hour:
    the counted views' sums, backfilled here and kept by every write."""
    run_statements(
        db,
        [
            """CREATE TABLE activity_member_months (
                chat_id INTEGER NOT NULL,
                month TEXT NOT NULL,
                member_key TEXT NOT NULL,
                messages INTEGER NOT NULL,
                active_days INTEGER NOT NULL,
                last_active_day TEXT,
                checkins INTEGER NOT NULL,
                shares INTEGER NOT NULL,
                joins INTEGER NOT NULL,
                leaves INTEGER NOT NULL,
                night_messages INTEGER NOT NULL,
                PRIMARY KEY (chat_id, month, member_key)
            ) WITHOUT ROWID""",
            """CREATE TABLE activity_chat_day_totals (
                chat_id INTEGER NOT NULL,
                day TEXT NOT NULL,
                messages INTEGER NOT NULL,
                active_members INTEGER NOT NULL,
                joins INTEGER NOT NULL,
                leaves INTEGER NOT NULL,
                checkins INTEGER NOT NULL,
                shares INTEGER NOT NULL,
                night_messages INTEGER NOT NULL,
                PRIMARY KEY (chat_id, day)
            ) WITHOUT ROWID""",
            """CREATE TABLE activity_chat_hours (
                chat_id INTEGER NOT NULL,
                month TEXT NOT NULL,
                weekday INTEGER NOT NULL,
                hour INTEGER NOT NULL,
                messages INTEGER NOT NULL,
                PRIMARY KEY (chat_id, month, weekday, hour)
            ) WITHOUT ROWID""",
        ],
    )
    rebuild_summaries(db)


def rebuild_summaries(db: Database) -> None:
    """Recount every summary from the counted views (the migration's backfill)."""
    _summary_months(db)
    db.execute(
        "INSERT INTO temp.summary_months SELECT DISTINCT chat_id, substr(day, 1, 7)"
        " FROM activity_counted"
    )
    _refresh_summaries(db)


def _summary_months(db: Database) -> None:
    db.execute("CREATE TEMP TABLE IF NOT EXISTS summary_months (chat_id, month)")
    db.execute("DELETE FROM temp.summary_months")


# the counted rows of ``table`` (alias ``x``) in the (chat, month) slices of summary_months
SLICES = """temp.summary_months t
    CROSS JOIN {table} x
        ON x.chat_id = t.chat_id AND x.day BETWEEN t.month || '-01' AND t.month || '-31'
    CROSS JOIN activity_counted c
        ON c.chat_id = x.chat_id AND c.day = x.day AND c.import_id = x.import_id"""


def _refresh_summaries(db: Database) -> None:
    """Recount the summaries' (chat, month) slices listed in ``temp.summary_months``."""
    for table in SUMMARY_TABLES:
        period = "substr(day, 1, 7)" if table == "activity_chat_day_totals" else "month"
        db.execute(
            f"DELETE FROM {table} WHERE (chat_id, {period}) IN"
            " (SELECT chat_id, month FROM temp.summary_months)"
        )
    daily = SLICES.format(table="activity_daily")
    db.execute(
        f"""INSERT INTO activity_member_months
            SELECT x.chat_id, t.month, x.member_key, SUM(x.messages),
                   COUNT(DISTINCT CASE WHEN x.messages > 0 THEN x.day END),
                   MAX(CASE WHEN x.messages > 0 THEN x.day END), SUM(x.checkins),
                   SUM(x.shares), SUM(x.joins), SUM(x.leaves), SUM(x.night_messages)
            FROM {daily} GROUP BY x.chat_id, t.month, x.member_key"""
    )
    db.execute(
        f"""INSERT INTO activity_chat_day_totals
            SELECT x.chat_id, x.day, SUM(x.messages),
                   COUNT(DISTINCT CASE WHEN x.messages > 0 THEN x.member_key END),
                   SUM(x.joins), SUM(x.leaves), SUM(x.checkins), SUM(x.shares),
                   SUM(x.night_messages)
            FROM {daily} GROUP BY x.chat_id, x.day"""
    )
    db.execute(
        f"""INSERT INTO activity_chat_hours
            SELECT x.chat_id, t.month, (CAST(strftime('%w', x.day) AS INTEGER) + 6) % 7,
                   x.hour, SUM(x.messages)
            FROM {SLICES.format(table="activity_hours")} GROUP BY 1, 2, 3, 4"""
    )
    db.execute("DELETE FROM temp.summary_months")


def _month_span(start: date, end: date) -> tuple[tuple[str, str] | None, list[tuple[str, str]]]:
    """The months wholly in ``start``..``end`` as ``(first, last)`` (``None``: none) and the
    day ranges at its edges outside them (ISO days)."""
    first = start if start.day == 1 else _next_month_start(start)
    month_last = _next_month_start(end) - timedelta(days=1)
    last = end if end == month_last else end.replace(day=1) - timedelta(days=1)
    if first > last:
        return None, [(start.isoformat(), end.isoformat())]
    edges = []
    if start < first:
        edges.append((start.isoformat(), (first - timedelta(days=1)).isoformat()))
    if last < end:
        edges.append(((last + timedelta(days=1)).isoformat(), end.isoformat()))
    return (first.isoformat()[:7], last.isoformat()[:7]), edges


def _summary_span(
    db: Database, start: date, end: date
) -> tuple[tuple[str, str] | None, list[tuple[str, str]]]:
    """``_month_span``, where an edge within one month whose month has no counted day
    outside it (the current month, counted up to today) is read as a whole month: its
    summary rows hold exactly the edge's days."""
    full, edges = _month_span(start, end)
    months = list(full or ())
    kept = []
    for first_day, last_day in edges:
        if first_day[:7] != last_day[:7]:  # across a month's end: one piece per month
            pieces = [(first_day, f"{first_day[:7]}-31"), (f"{last_day[:7]}-01", last_day)]
        else:
            pieces = [(first_day, last_day)]
        for first, last in pieces:
            if _counted_outside(db, first[:7], first, last):
                kept.append((first, last))
            else:
                months.append(first[:7])
    # whole months stay one run: an edge is the month before or after the whole ones
    return ((min(months), max(months)) if months else None), kept


def _counted_outside(db: Database, month: str, first_day: str, last_day: str) -> bool:
    """Whether any chat has a counted day in ``month`` outside ``first_day``..``last_day``
    (read chat by chat along activity_counted's primary key)."""
    return bool(
        db.execute(
            """SELECT EXISTS (SELECT 1 FROM activity_counted
                              WHERE chat_id IN (SELECT id FROM chats)
                                AND day BETWEEN ? AND ? AND day NOT BETWEEN ? AND ?)""",
            [f"{month}-01", f"{month}-31", first_day, last_day],
        ).fetchone()[0]
    )


def _next_month_start(day: date) -> date:
    return date(day.year + 1, 1, 1) if day.month == 12 else date(day.year, day.month + 1, 1)


def _shared_chats(db: Database) -> list[int]:
    """Chats sharing their group (or, unmapped, the NULL group) with another chat: a member's
    active days or a day's active members there are counted across chats, so they are read
    from the counted views, not summed from the per-chat summaries."""
    return [
        row[0]
        for row in db.execute(
            """SELECT id FROM chats WHERE coalesce(group_id, -1) IN
               (SELECT coalesce(group_id, -1) FROM chats GROUP BY 1 HAVING COUNT(*) > 1)
               ORDER BY id"""
        ).fetchall()
    ]


def _marks(values) -> str:
    return ", ".join("?" for _ in values) or "NULL"


def _not_in(column: str, values) -> str:
    """`` AND column NOT IN (?, …)`` (nothing when ``values`` is empty)."""
    return f" AND {column} NOT IN ({_marks(values)})" if values else ""


def _member_sum_rows(
    db: Database, start: date, end: date, scope: str, params: list
) -> tuple[str, list]:
    """SQL (and its parameters) of rows ``group_id, member_key, messages, joins, leaves``
    whose sums per group and member are those of ``member_counts`` (a row for each member
    it has): the summary's whole months of every chat (plain sums add up across a group's
    chats), the counted views for the days at the edges. ``scope`` filters on ``ch``
    (chats) and ``d.chat_id``."""
    full, edges = _summary_span(db, start, end)
    columns = "ch.group_id, d.member_key, d.messages, d.joins, d.leaves"
    parts, values = [], []
    for first_day, last_day in edges:
        parts.append(f"SELECT {columns} FROM {COUNTED_BY_CHAT} WHERE 1 {scope}")
        values += [first_day, last_day, *params]
    if full is not None:
        parts.append(
            f"""SELECT {columns} FROM chats ch CROSS JOIN activity_member_months d
                    ON d.chat_id = ch.id AND d.month BETWEEN ? AND ?
                WHERE 1 {scope}"""
        )
        values += [*full, *params]
    return " UNION ALL ".join(parts), values


def _member_month_rows(
    db: Database, start: date, end: date, scope: str, params: list
) -> tuple[str, list]:
    """SQL (and its parameters) of the counted rows per group, member and month of
    ``start``..``end`` (columns ``group_id, member_key, month, messages, active_days,
    checkins, shares, joins, leaves, night_messages``; one row per key): the summary's
    whole months of chats alone in their group, the counted views for the rest. ``scope``
    filters on ``ch`` (chats) and ``d.chat_id``."""
    full, edges = _summary_span(db, start, end)
    shared = _shared_chats(db)
    counted = """SELECT ch.group_id, d.member_key, substr(d.day, 1, 7) AS month,
                    SUM(d.messages) AS messages,
                    COUNT(DISTINCT CASE WHEN d.messages > 0 THEN d.day END) AS active_days,
                    SUM(d.checkins) AS checkins, SUM(d.shares) AS shares, SUM(d.joins) AS joins,
                    SUM(d.leaves) AS leaves, SUM(d.night_messages) AS night_messages
                 FROM {counted} WHERE 1 {scope} {only}
                 GROUP BY ch.group_id, d.member_key, month"""
    parts, values = [], []
    for first_day, last_day in edges:
        parts.append(counted.format(counted=COUNTED_BY_CHAT, scope=scope, only=""))
        values += [first_day, last_day, *params]
    if full is not None:
        parts.append(
            f"""SELECT ch.group_id, d.member_key, d.month, d.messages, d.active_days,
                       d.checkins, d.shares, d.joins, d.leaves, d.night_messages
                FROM chats ch CROSS JOIN activity_member_months d
                    ON d.chat_id = ch.id AND d.month BETWEEN ? AND ?
                WHERE 1 {_not_in("ch.id", shared)} {scope}"""
        )
        values += [*full, *shared, *params]
        if shared:
            parts.append(
                counted.format(
                    counted=COUNTED_BY_CHAT, scope=scope, only=f"AND ch.id IN ({_marks(shared)})"
                )
            )
            values += [f"{full[0]}-01", f"{full[1]}-31", *params, *shared]
    return " UNION ALL ".join(parts), values
