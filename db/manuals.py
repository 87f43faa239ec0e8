"""Role handover manuals (岗位移交说明书): versioned manuals per role, and handovers from a
role's holder to a successor, pinned to a manual version, with a checklist.

A manual is one per role: saving or reviewing it needs whole-tree rights, or a lead whose
subtree holds or observes the role (``db.access.require_role_write``). A handover lives in one
group: starting or cancelling it needs rights on that group; its checklist is ticked by the
successor or a writer of the group; it is acknowledged by the successor, or by an admin on
their behalf (``acknowledged_on_behalf`` = 1, and the audit row says so). Every write checks
access and writes one audit row in its transaction. A handover is *open* while both
``acknowledged_on`` and ``cancelled_on`` are NULL.
"""

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from db import audit
from db.access import is_successor, require_role_write, require_successor, require_write
from db.errors import ConflictError, ValidationError
from db.schema import run_statements
from db.sql import fetch_one, fetch_rows

migrations = Migrations("manuals")

HANDOVER_FLAGS = ("holder_left", "successor_left")


@migrations()
def m001_manuals(db: Database) -> None:
    run_statements(
        db,
        [
            """CREATE TABLE manual_versions (
                id INTEGER PRIMARY KEY,
                role_id INTEGER NOT NULL REFERENCES roles(id),
                version INTEGER NOT NULL CHECK (version >= 1),
                body_md TEXT NOT NULL CHECK (length(trim(body_md)) > 0),
                author TEXT NOT NULL,
                created_on TEXT NOT NULL,
                reviewed_on TEXT,
                reviewed_by TEXT,
                note TEXT NOT NULL DEFAULT '',
                UNIQUE (role_id, version)
            )""",
            f"""CREATE TABLE handovers (
                id INTEGER PRIMARY KEY,
                role_id INTEGER NOT NULL REFERENCES roles(id),
                group_id INTEGER NOT NULL REFERENCES groups(id),
                from_person INTEGER REFERENCES people(id),
                to_person INTEGER NOT NULL REFERENCES people(id),
                manual_version_id INTEGER NOT NULL REFERENCES manual_versions(id),
                started_on TEXT NOT NULL,
                acknowledged_on TEXT,
                acknowledged_by TEXT,
                cancelled_on TEXT,
                flag TEXT CHECK (flag IS NULL OR flag IN ('{"', '".join(HANDOVER_FLAGS)}')),
                CHECK (from_person IS NULL OR from_person <> to_person),
                CHECK (acknowledged_on IS NULL OR cancelled_on IS NULL)
            )""",
            "CREATE INDEX handovers_open ON handovers(acknowledged_on, cancelled_on)",
            "CREATE INDEX handovers_group ON handovers(group_id)",
            """CREATE UNIQUE INDEX handovers_one_open
               ON handovers(role_id, group_id, to_person)
               WHERE acknowledged_on IS NULL AND cancelled_on IS NULL""",
            """CREATE TABLE handover_items (
                id INTEGER PRIMARY KEY,
                handover_id INTEGER NOT NULL REFERENCES handovers(id),
                position INTEGER NOT NULL,
                text TEXT NOT NULL CHECK (length(trim(text)) > 0),
                done_on TEXT,
                done_by TEXT,
                UNIQUE (handover_id, position)
            )""",
        ],
    )


@migrations()
def m002_acknowledged_on_behalf(db: Database) -> None:
    db.execute("ALTER TABLE handovers ADD COLUMN acknowledged_on_behalf INTEGER NOT NULL DEFAULT 0")


# ---------------------------------------------------------------- reads: manuals


def latest_version(db: Database, role_id: int) -> dict | None:
    """The newest manual version of a role, or ``None`` when it has no manual."""
    return fetch_one(
        db,
        "SELECT * FROM manual_versions WHERE role_id = ? ORDER BY version DESC LIMIT 1",
        [role_id],
    )


def version(db: Database, version_id: int) -> dict | None:
    """One manual version by id."""
    return fetch_one(db, "SELECT * FROM manual_versions WHERE id = ?", [version_id])


def versions(db: Database, role_id: int) -> list[dict]:
    """Every version of a role's manual, newest first."""
    return fetch_rows(
        db, "SELECT * FROM manual_versions WHERE role_id = ? ORDER BY version DESC", [role_id]
    )


def role_manuals(db: Database) -> list[dict]:
    """Every role with its latest manual version (NULL columns when it has none) and the
    date it was last reviewed (saving a version counts as a review)."""
    return fetch_rows(
        db,
        """SELECT r.id AS role_id, r.code, r.name, r.name_zh, r.tier, r.is_key,
                  mv.id AS version_id, mv.version, mv.author, mv.created_on, mv.reviewed_on,
                  mv.reviewed_by,
                  CASE WHEN mv.reviewed_on IS NOT NULL AND mv.reviewed_on > mv.created_on
                       THEN mv.reviewed_on ELSE mv.created_on END AS last_reviewed_on,
                  (SELECT COUNT(*) FROM manual_versions v WHERE v.role_id = r.id) AS version_count
           FROM roles r
           LEFT JOIN manual_versions mv ON mv.role_id = r.id AND mv.version =
                (SELECT MAX(version) FROM manual_versions v WHERE v.role_id = r.id)
           ORDER BY r.is_key DESC, r.id""",
    )


# ---------------------------------------------------------------- reads: handovers

_HANDOVER_SELECT = """
    SELECT h.*, r.code AS role_code, r.name AS role_name, r.name_zh AS role_name_zh,
           g.name AS group_name, pf.name AS from_name, pt.name AS to_name,
           mv.version AS manual_version,
           (SELECT COUNT(*) FROM handover_items i WHERE i.handover_id = h.id) AS item_count,
           (SELECT COUNT(*) FROM handover_items i
             WHERE i.handover_id = h.id AND i.done_on IS NOT NULL) AS done_count
    FROM handovers h
    JOIN roles r ON r.id = h.role_id
    JOIN groups g ON g.id = h.group_id
    LEFT JOIN people pf ON pf.id = h.from_person
    JOIN people pt ON pt.id = h.to_person
    JOIN manual_versions mv ON mv.id = h.manual_version_id
"""


def handover(db: Database, handover_id: int) -> dict | None:
    """One handover with names, manual version number and checklist progress."""
    return fetch_one(db, _HANDOVER_SELECT + " WHERE h.id = ?", [handover_id])


def handovers(
    db: Database, *, open_only: bool = False, group_ids: set[int] | None = None
) -> list[dict]:
    """Handovers (newest first) with names and progress; ``group_ids`` limits the groups."""
    where, params = ["1 = 1"], []
    if open_only:
        where.append("h.acknowledged_on IS NULL AND h.cancelled_on IS NULL")
    if group_ids is not None:
        where.append(f"h.group_id IN ({', '.join('?' for _ in group_ids) or 'NULL'})")
        params.extend(sorted(group_ids))
    return fetch_rows(
        db,
        _HANDOVER_SELECT + f" WHERE {' AND '.join(where)} ORDER BY h.started_on DESC, h.id DESC",
        params,
    )


def open_handover_for(db: Database, role_id: int, group_id: int, to_person: int) -> dict | None:
    """The open handover of ``role_id`` in ``group_id`` to ``to_person``, if any."""
    return fetch_one(
        db,
        """SELECT * FROM handovers WHERE role_id = ? AND group_id = ? AND to_person = ?
           AND acknowledged_on IS NULL AND cancelled_on IS NULL""",
        [role_id, group_id, to_person],
    )


def open_handovers_of_person(db: Database, person_id: int) -> list[dict]:
    """Open handovers where the person is the holder or the successor."""
    return fetch_rows(
        db,
        """SELECT * FROM handovers WHERE (from_person = ? OR to_person = ?)
           AND acknowledged_on IS NULL AND cancelled_on IS NULL ORDER BY id""",
        [person_id, person_id],
    )


def items(db: Database, handover_id: int) -> list[dict]:
    """A handover's checklist, in order."""
    return fetch_rows(
        db,
        "SELECT * FROM handover_items WHERE handover_id = ? ORDER BY position",
        [handover_id],
    )


def item(db: Database, item_id: int) -> dict | None:
    return fetch_one(db, "SELECT * FROM handover_items WHERE id = ?", [item_id])


# ---------------------------------------------------------------- writes: manuals


def insert_version(
    db: Database, actor: str, role_id: int, body_md: str, created_on: str, note: str = ""
) -> int:
    """Save ``body_md`` as the next version of the role's manual; returns the version id."""
    with db.atomic():
        require_role_write(db, actor, role_id)
        current = latest_version(db, role_id)
        number = 1 if current is None else current["version"] + 1
        cursor = db.execute(
            """INSERT INTO manual_versions (role_id, version, body_md, author, created_on, note)
               VALUES (?, ?, ?, ?, ?, ?)""",
            [role_id, number, body_md, actor, created_on, note],
        )
        version_id = cursor.lastrowid
        audit.record(
            db,
            actor,
            "create",
            "manual_version",
            version_id,
            None if current is None else {"version": current["version"]},
            {"role_id": role_id, "version": number, "chars": len(body_md), "note": note},
        )
    return version_id


def mark_reviewed(db: Database, actor: str, version_id: int, reviewed_on: str) -> None:
    """Record that someone checked this version is still right."""
    with db.atomic():
        before = version(db, version_id)
        if before is None:
            raise ValidationError("manual.err.no_such_version", version=version_id)
        require_role_write(db, actor, before["role_id"])
        db.execute(
            "UPDATE manual_versions SET reviewed_on = ?, reviewed_by = ? WHERE id = ?",
            [reviewed_on, actor, version_id],
        )
        audit.record(
            db,
            actor,
            "review",
            "manual_version",
            version_id,
            {"reviewed_on": before["reviewed_on"]},
            {"reviewed_on": reviewed_on},
        )


# ---------------------------------------------------------------- writes: handovers


def insert_handover(
    db: Database,
    actor: str,
    *,
    role_id: int,
    group_id: int,
    from_person: int | None,
    to_person: int,
    manual_version_id: int,
    started_on: str,
    checklist: list[str],
) -> int:
    """Create a handover with its checklist items; returns its id."""
    with db.atomic():
        require_write(db, actor, [group_id])
        cursor = db.execute(
            """INSERT INTO handovers
               (role_id, group_id, from_person, to_person, manual_version_id, started_on)
               VALUES (?, ?, ?, ?, ?, ?)""",
            [role_id, group_id, from_person, to_person, manual_version_id, started_on],
        )
        handover_id = cursor.lastrowid
        db.conn.executemany(
            "INSERT INTO handover_items (handover_id, position, text) VALUES (?, ?, ?)",
            [(handover_id, position, text) for position, text in enumerate(checklist, start=1)],
        )
        audit.record(
            db,
            actor,
            "start",
            "handover",
            handover_id,
            None,
            {
                "role_id": role_id,
                "from_person": from_person,
                "to_person": to_person,
                "manual_version_id": manual_version_id,
                "items": len(checklist),
            },
            group_id=group_id,
            person_id=to_person,
        )
    return handover_id


def _open_handover(db: Database, handover_id: int) -> dict:
    row = fetch_one(db, "SELECT * FROM handovers WHERE id = ?", [handover_id])
    if row is None:
        raise ValidationError("manual.err.no_such_handover", handover=handover_id)
    if row["acknowledged_on"] is not None or row["cancelled_on"] is not None:
        raise ConflictError("manual.err.handover_closed", handover=handover_id)
    return row


def require_checklist_write(db: Database, actor: str, handover_id: int) -> None:
    """Refuse ``actor`` unless they may tick the open handover's checklist: its successor,
    or someone with write rights on its group."""
    owner = _open_handover(db, handover_id)
    if not is_successor(db, actor, owner["to_person"]):
        require_write(db, actor, [owner["group_id"]])


def set_item_done(db: Database, actor: str, item_id: int, done: bool, done_on: str) -> None:
    """Tick (or untick) one checklist item of an open handover."""
    with db.atomic():
        before = item(db, item_id)
        if before is None:
            raise ValidationError("manual.err.no_such_item", item=item_id)
        owner = _open_handover(db, before["handover_id"])
        if not is_successor(db, actor, owner["to_person"]):
            require_write(db, actor, [owner["group_id"]])
        if (before["done_on"] is not None) == done:
            return
        after = {"done_on": done_on if done else None, "done_by": actor if done else None}
        db.execute(
            "UPDATE handover_items SET done_on = :done_on, done_by = :done_by WHERE id = :id",
            {**after, "id": item_id},
        )
        audit.record(
            db,
            actor,
            "tick" if done else "untick",
            "handover_item",
            item_id,
            {"done_on": before["done_on"]},
            after,
            group_id=owner["group_id"],
            person_id=owner["to_person"],
        )


def close_handover(
    db: Database, actor: str, handover_id: int, *, acknowledged: bool, on: str
) -> None:
    """Acknowledge or cancel an open handover. Only the successor acknowledges, or an admin
    on their behalf (recorded as such); cancelling needs rights on the handover's group."""
    with db.atomic():
        before = _open_handover(db, handover_id)
        field = "acknowledged_on" if acknowledged else "cancelled_on"
        after: dict = {field: on}
        if acknowledged:
            on_behalf = require_successor(db, actor, before["to_person"])
            db.execute(
                """UPDATE handovers SET acknowledged_on = ?, acknowledged_by = ?,
                   acknowledged_on_behalf = ? WHERE id = ?""",
                [on, actor, int(on_behalf), handover_id],
            )
            after["acknowledged_by"] = actor
            if on_behalf:
                successor = db.execute(
                    "SELECT name FROM people WHERE id = ?", [before["to_person"]]
                ).fetchone()[0]
                after["on_behalf_of"] = successor
                after["note"] = f"acknowledged by admin {actor} on behalf of {successor}"
        else:
            require_write(db, actor, [before["group_id"]])
            db.execute("UPDATE handovers SET cancelled_on = ? WHERE id = ?", [on, handover_id])
        audit.record(
            db,
            actor,
            "acknowledge" if acknowledged else "cancel",
            "handover",
            handover_id,
            {field: None},
            after,
            group_id=before["group_id"],
            person_id=before["to_person"],
        )


def flag_handover(
    db: Database, actor: str, handover_id: int, flag: str, *, check_access: bool = True
) -> None:
    """Mark an open handover as needing a lead's attention (e.g. its holder left).

    ``check_access=False`` only for consequences of a write already authorised (an exit).
    """
    if flag not in HANDOVER_FLAGS:
        raise ValueError(f"unknown handover flag {flag!r}")
    with db.atomic():
        before = _open_handover(db, handover_id)
        if check_access:
            require_write(db, actor, [before["group_id"]])
        db.execute("UPDATE handovers SET flag = ? WHERE id = ?", [flag, handover_id])
        audit.record(
            db,
            actor,
            "flag",
            "handover",
            handover_id,
            {"flag": before["flag"]},
            {"flag": flag},
            group_id=before["group_id"],
            person_id=before["to_person"],
        )
