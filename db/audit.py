"""The audit log: one row per write, with who, when, what, and the before/after state."""

import json
from datetime import UTC, datetime
from typing import Any

from sqlite_utils import Database


def _dump(value: Any) -> str | None:
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def record(
    db: Database,
    actor: str,
    action: str,
    entity: str,
    entity_id: int | None,
    before: dict | None = None,
    after: dict | None = None,
    *,
    group_id: int | None = None,
    person_id: int | None = None,
) -> int:
    """Write one audit row (call inside the write's transaction) and return its id."""
    cursor = db.execute(
        """INSERT INTO audit_log
           (at, username, action, entity, entity_id, group_id, person_id, before_json, after_json)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        [
            datetime.now(UTC).isoformat(timespec="seconds"),
            actor,
            action,
            entity,
            entity_id,
            group_id,
            person_id,
            _dump(before),
            _dump(after),
        ],
    )
    return cursor.lastrowid


def record_change(
    db: Database,
    actor: str,
    action: str,
    entity: str,
    entity_id: int,
    before: dict,
    changes: dict,
    **subject: int | None,
) -> int:
    """``record`` a change of the fields ``changes`` sets: their values in the row
    ``before`` it, and ``changes``; ``subject``: ``group_id``, ``person_id`` as ``record``'s."""
    before = {k: before[k] for k in changes}
    return record(db, actor, action, entity, entity_id, before, changes, **subject)


def _filters(
    *,
    entities: tuple[str, ...] | None = None,
    group_id: int | None = None,
    person_id: int | None = None,
    since: str | None = None,
    until: str | None = None,
    username: str | None = None,
) -> tuple[str, list]:
    """The ``WHERE`` clause over ``audit_log`` and its parameters for these filters."""
    where, params = ["1 = 1"], []
    if entities:
        where.append(f"entity IN ({', '.join('?' for _ in entities)})")
        params.extend(entities)
    if group_id is not None:
        where.append("group_id = ?")
        params.append(group_id)
    if person_id is not None:
        where.append("person_id = ?")
        params.append(person_id)
    if since:
        where.append("substr(at, 1, 10) >= ?")
        params.append(since)
    if until:
        where.append("substr(at, 1, 10) <= ?")
        params.append(until)
    if username:
        where.append("username = ?")
        params.append(username)
    return " AND ".join(where), params


def history(db: Database, *, limit: int = 500, offset: int = 0, **filters) -> list[dict]:
    """Audit rows, newest first, filtered, with the account's ``display_name`` (``None`` for
    ``system`` or a deleted account): at most ``limit`` after skipping the ``offset`` newest.

    :param filters: ``entities``, ``group_id``, ``person_id``, ``since``/``until`` (ISO
        dates, inclusive) and ``username``; absent or ``None``: any.
    """
    where, params = _filters(**filters)
    rows = db.execute(
        f"""SELECT a.id, a.at, a.username, u.display_name, a.action, a.entity, a.entity_id,
                   a.group_id, a.person_id, a.before_json, a.after_json
            FROM (SELECT * FROM audit_log WHERE {where}
                  ORDER BY id DESC LIMIT ? OFFSET ?) AS a
            LEFT JOIN users AS u ON u.username = a.username
            ORDER BY a.id DESC""",
        [*params, limit, offset],
    ).fetchall()
    return [dict(row) for row in rows]


def history_count(db: Database, **filters) -> int:
    """How many audit rows these filters (as ``history`` takes them) keep."""
    where, params = _filters(**filters)
    return db.execute(f"SELECT COUNT(*) FROM audit_log WHERE {where}", params).fetchone()[0]


def daily_writes(db: Database, **filters) -> list[dict]:
    """Writes per day and user among the rows these filters keep: ``day``, ``username``,
    ``writes``, by day then user."""
    where, params = _filters(**filters)
    rows = db.execute(
        f"""SELECT substr(at, 1, 10) AS day, username, COUNT(*) AS writes
            FROM audit_log WHERE {where} GROUP BY day, username ORDER BY day, username""",
        params,
    ).fetchall()
    return [dict(row) for row in rows]


def filter_choices(db: Database) -> dict[str, list[str]]:
    """The usernames and entities present in the log, sorted (a filter's options)."""
    users = [row[0] for row in db.execute("SELECT DISTINCT username FROM audit_log ORDER BY 1")]
    entities = [row[0] for row in db.execute("SELECT DISTINCT entity FROM audit_log ORDER BY 1")]
    return {"users": users, "entities": entities}


def subject_names(db: Database) -> tuple[dict[int, str], dict[int, str]]:
    """Names of every group and every person by id (archived and departed ones too), to
    label audit rows."""
    groups = dict(db.execute("SELECT id, name FROM groups").fetchall())
    people = dict(db.execute("SELECT id, name FROM people").fetchall())
    return groups, people
