"""Named queries and audited writes for the structure: groups, people, roles, memberships.

Writes check access and write one audit row in the caller's transaction; the rules of
the domain (tiers, capacity, conflicts) are checked by ``dashboard.domain.org`` first.
"""

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from db import audit
from db import settings as stored_settings
from db.access import require_person_write, require_write
from db.errors import ConflictError, ValidationError
from db.schema import run_statements
from db.sql import check_fields, fetch_map, fetch_one, fetch_rows, update_row

# the structure's tables are the core set (db.schema); these are the org area's additions
migrations = Migrations("org")

GROUP_FIELDS = ("name", "tier", "parent_id", "purpose", "platform", "capacity")
PERSON_FIELDS = (
    "name",
    "handle",
    "joined_on",
    "status",
    "source",
    "referred_by",
    "left_on",
    "exit_reason",
    "exit_note",
    "max_mentees",
)

# lifecycle boundaries (a group's age in whole months) and the readiness thresholds of a
# 交叉法 split; leads change them on the org page (dashboard.domain.org validates them)
DEFAULT_SETTINGS = {
    "new_months": 3,  # younger than this: new (and a split that made it is in progress)
    "mature_months": 12,  # from new_months to this: growing; then mature
    "ageing_months": 24,  # from this age on: ageing (the book: a group lives about two years)
    # at least this many chosen veterans available to seed the new group (the demo's groups
    # have five or six people, two or three of them plain members)
    "split_veterans": 2,
    "veteran_months": 6,  # a veteran has been in the group at least this long
    "split_coach_slots": 2,  # free coaching slots the core group's coaches must have
    "split_budget": 500,  # money (CNY) left this quarter in the budget of the group or its core
}


@migrations()
def m001_split_origin_and_settings(db: Database) -> None:
    """Which group a split came from (backfilled from the history: a group whose first
    memberships, on the day it was created, were moved in from one other group), and the
    org settings."""
    run_statements(
        db,
        [
            "ALTER TABLE groups ADD COLUMN split_from_id INTEGER REFERENCES groups(id)",
            """UPDATE groups SET split_from_id = (
                   SELECT CAST(json_extract(a.before_json, '$.group_id') AS INTEGER)
                   FROM audit_log a
                   WHERE a.entity = 'membership' AND a.action = 'move_in'
                     AND a.group_id = groups.id
                     AND substr(a.at, 1, 10) = groups.created_on
                   GROUP BY json_extract(a.before_json, '$.group_id')
                   ORDER BY COUNT(*) DESC LIMIT 1)
               WHERE EXISTS (SELECT 1 FROM audit_log c WHERE c.entity = 'group'
                               AND c.action = 'create' AND c.entity_id = groups.id)""",
            """CREATE TABLE org_settings (
                key TEXT PRIMARY KEY,
                value INTEGER NOT NULL CHECK (value >= 0)
            )""",
        ],
    )


# ---------------------------------------------------------------- reads


def groups(db: Database, *, include_archived: bool = False) -> list[dict]:
    """Groups with their head count (distinct people with an open membership) and lead."""
    where = "" if include_archived else "WHERE g.archived_on IS NULL"
    return fetch_rows(
        db,
        f"""SELECT g.*, p.name AS parent_name,
                   (SELECT COUNT(DISTINCT m.person_id) FROM memberships m
                     WHERE m.group_id = g.id AND m.end_on IS NULL) AS head_count,
                   (SELECT pe.name FROM memberships m JOIN roles r ON r.id = m.role_id
                      JOIN people pe ON pe.id = m.person_id
                     WHERE m.group_id = g.id AND m.end_on IS NULL AND r.code = 'owner'
                     ORDER BY m.start_on LIMIT 1) AS lead_name,
                   (SELECT m.person_id FROM memberships m JOIN roles r ON r.id = m.role_id
                     WHERE m.group_id = g.id AND m.end_on IS NULL AND r.code = 'owner'
                     ORDER BY m.start_on LIMIT 1) AS owner_id
            FROM groups g LEFT JOIN groups p ON p.id = g.parent_id
            {where}
            ORDER BY CASE g.tier WHEN 'management' THEN 0 WHEN 'core' THEN 1 ELSE 2 END,
                     g.parent_id, g.name""",
    )


def settings(db: Database) -> dict[str, int]:
    """The lifecycle and readiness thresholds in force: defaults overridden by saved ones."""
    return stored_settings.read(db, "org_settings", DEFAULT_SETTINGS)


def split_children(db: Database, group_ids: list[int]) -> list[dict]:
    """Live groups split from one of ``group_ids`` (``id``, ``name``, ``created_on``,
    ``split_from_id``), newest first."""
    marks = ", ".join("?" for _ in group_ids)
    return fetch_rows(
        db,
        f"""SELECT id, name, created_on, split_from_id FROM groups
            WHERE archived_on IS NULL AND split_from_id IN ({marks})
            ORDER BY created_on DESC, id DESC""",
        group_ids,
    )


def veteran_facts(db: Database, group_id: int, person_ids: list[int]) -> list[dict]:
    """For each of ``person_ids`` in ``group_id``: name, status, since when they are in the
    group (earliest open membership) and the key roles they hold anywhere (names, en/zh)."""
    marks = ", ".join("?" for _ in person_ids)
    return fetch_rows(
        db,
        f"""SELECT p.id, p.name, p.status,
                   (SELECT MIN(m.start_on) FROM memberships m WHERE m.person_id = p.id
                     AND m.group_id = ? AND m.end_on IS NULL) AS since,
                   (SELECT group_concat(r.name || ' · ' || g.name, ', ')
                      FROM memberships m JOIN roles r ON r.id = m.role_id
                      JOIN groups g ON g.id = m.group_id
                     WHERE m.person_id = p.id AND m.end_on IS NULL AND r.is_key = 1) AS key_roles,
                   (SELECT group_concat(r.name_zh || ' · ' || g.name, '、')
                      FROM memberships m JOIN roles r ON r.id = m.role_id
                      JOIN groups g ON g.id = m.group_id
                     WHERE m.person_id = p.id AND m.end_on IS NULL AND r.is_key = 1)
                       AS key_roles_zh
            FROM people p WHERE p.id IN ({marks}) ORDER BY p.name, p.id""",
        [group_id, *person_ids],
    )


def ready_for_role(db: Database, role_code: str, group_ids: list[int]) -> list[dict]:
    """Present people on the talent bench at stage ``ready`` for ``role_code`` in one of
    ``group_ids`` (``person_id``, ``person_name``, ``group_name``), by name."""
    marks = ", ".join("?" for _ in group_ids)
    return fetch_rows(
        db,
        f"""SELECT DISTINCT c.person_id, p.name AS person_name, g.name AS group_name
            FROM pipeline c JOIN roles r ON r.id = c.role_id
            JOIN people p ON p.id = c.person_id JOIN groups g ON g.id = c.group_id
            WHERE c.stage = 'ready' AND r.code = ? AND p.status <> 'left'
              AND c.group_id IN ({marks})
            ORDER BY p.name, c.person_id""",
        [role_code, *group_ids],
    )


def group(db: Database, group_id: int) -> dict | None:
    """One group row (archived or not), or ``None``."""
    return fetch_one(db, "SELECT * FROM groups WHERE id = ?", [group_id])


def live_group_named(db: Database, name: str) -> dict | None:
    """The live group with this name (case and outer spaces ignored), if any."""
    return fetch_one(
        db,
        "SELECT * FROM groups WHERE archived_on IS NULL AND lower(trim(name)) = lower(trim(?))",
        [name],
    )


def live_group_names(db: Database) -> dict[int, str]:
    """Id → name of the live groups, by tier and name (for pickers and filters)."""
    return fetch_map(
        db,
        "SELECT id, name FROM groups WHERE archived_on IS NULL ORDER BY tier, name",
    )


def children(db: Database, group_id: int, *, include_archived: bool = False) -> list[dict]:
    """The groups directly under ``group_id``, by name."""
    archived = "" if include_archived else "AND archived_on IS NULL"
    return fetch_rows(
        db, f"SELECT * FROM groups WHERE parent_id = ? {archived} ORDER BY name", [group_id]
    )


def head_count(db: Database, group_id: int) -> int:
    """How many distinct people hold an open membership of the group."""
    row = db.execute(
        "SELECT COUNT(DISTINCT person_id) FROM memberships WHERE group_id = ? AND end_on IS NULL",
        [group_id],
    ).fetchone()
    return row[0]


def people(db: Database, *, statuses: tuple[str, ...] | None = None) -> list[dict]:
    """People by name, optionally only those with one of ``statuses``."""
    where, params = "", []
    if statuses:
        where = f"WHERE status IN ({', '.join('?' for _ in statuses)})"
        params = list(statuses)
    return fetch_rows(db, f"SELECT * FROM people {where} ORDER BY name, id", params)


def holds_role(db: Database, person_id: int, group_id: int, role_id: int) -> bool:
    """Does the person hold ``role_id`` in ``group_id`` now (an open membership)?"""
    return (
        db.execute(
            """SELECT 1 FROM memberships WHERE person_id = ? AND group_id = ? AND role_id = ?
               AND end_on IS NULL""",
            [person_id, group_id, role_id],
        ).fetchone()
        is not None
    )


def person(db: Database, person_id: int) -> dict | None:
    """One person row, or ``None``."""
    return fetch_one(db, "SELECT * FROM people WHERE id = ?", [person_id])


def present_people(db: Database) -> list[dict]:
    """People who have not left (``id``, ``name``, ``handle``), by id."""
    return fetch_rows(db, "SELECT id, name, handle FROM people WHERE status <> 'left' ORDER BY id")


def handles(db: Database) -> dict[int, str]:
    """Every person's handle by person id."""
    return fetch_map(db, "SELECT id, handle FROM people")


def people_per_tier(db: Database) -> dict[str, int]:
    """Distinct present people holding a role in a live group, per tier (tiers without
    anyone are absent)."""
    return fetch_map(
        db,
        """SELECT g.tier, COUNT(DISTINCT m.person_id) FROM memberships m
           JOIN groups g ON g.id = m.group_id
           JOIN people p ON p.id = m.person_id
           WHERE m.end_on IS NULL AND g.archived_on IS NULL AND p.status <> 'left'
           GROUP BY g.tier""",
    )


def live_group_count(db: Database) -> int:
    """How many groups are not archived."""
    return db.execute("SELECT COUNT(*) FROM groups WHERE archived_on IS NULL").fetchone()[0]


def team_counts(db: Database) -> tuple[int, int]:
    """How many people have not left, and how many of them are newcomers."""
    team = db.execute(
        "SELECT COUNT(*), SUM(status = 'newcomer') FROM people WHERE status <> 'left'"
    ).fetchone()
    return team[0], team[1] or 0


def roles(db: Database) -> list[dict]:
    """The role catalogue, key roles first."""
    return fetch_rows(db, "SELECT * FROM roles ORDER BY is_key DESC, id")


def role(db: Database, role_id: int) -> dict | None:
    """One role row, or ``None``."""
    return fetch_one(db, "SELECT * FROM roles WHERE id = ?", [role_id])


def role_by_code(db: Database, code: str) -> dict | None:
    """The role with this code (``owner``, ``coach``...), or ``None``."""
    return fetch_one(db, "SELECT * FROM roles WHERE code = ?", [code])


def memberships(
    db: Database,
    *,
    group_id: int | None = None,
    person_id: int | None = None,
    open_only: bool = True,
) -> list[dict]:
    """Memberships joined with person, group and role names."""
    where, params = ["1 = 1"], []
    if open_only:
        where.append("m.end_on IS NULL")
    if group_id is not None:
        where.append("m.group_id = ?")
        params.append(group_id)
    if person_id is not None:
        where.append("m.person_id = ?")
        params.append(person_id)
    return fetch_rows(
        db,
        f"""SELECT m.*, p.name AS person_name, p.status AS person_status,
                   g.name AS group_name, g.tier AS group_tier,
                   r.code AS role_code, r.name AS role_name, r.name_zh AS role_name_zh
            FROM memberships m
            JOIN people p ON p.id = m.person_id
            JOIN groups g ON g.id = m.group_id
            JOIN roles r ON r.id = m.role_id
            WHERE {" AND ".join(where)}
            ORDER BY g.name, r.is_key DESC, p.name, m.id""",
        params,
    )


def people_in_groups(db: Database) -> int:
    """How many distinct people the open ``memberships`` rows name."""
    return db.execute(
        """SELECT COUNT(DISTINCT m.person_id) FROM memberships m
           JOIN people p ON p.id = m.person_id
           JOIN groups g ON g.id = m.group_id
           JOIN roles r ON r.id = m.role_id
           WHERE m.end_on IS NULL"""
    ).fetchone()[0]


def membership(db: Database, membership_id: int) -> dict | None:
    """One membership row, or ``None``."""
    return fetch_one(db, "SELECT * FROM memberships WHERE id = ?", [membership_id])


def person_groups(db: Database, person_id: int) -> set[int]:
    """Ids of the groups the person has an open membership in."""
    rows = db.execute(
        "SELECT DISTINCT group_id FROM memberships WHERE person_id = ? AND end_on IS NULL",
        [person_id],
    ).fetchall()
    return {row[0] for row in rows}


# ---------------------------------------------------------------- writes


def insert_group(db: Database, actor: str, fields: dict, created_on: str) -> int:
    """Create a group; returns its id."""
    row = {k: fields.get(k) for k in GROUP_FIELDS}
    row["purpose"] = row["purpose"] or ""
    row["platform"] = row["platform"] or ""
    with db.atomic():
        require_write(db, actor, [row["parent_id"]] if row["parent_id"] else [])
        cursor = db.execute(
            """INSERT INTO groups (name, tier, parent_id, purpose, platform, capacity, created_on)
               VALUES (:name, :tier, :parent_id, :purpose, :platform, :capacity, :created_on)""",
            {**row, "created_on": created_on},
        )
        group_id = cursor.lastrowid
        audit.record(db, actor, "create", "group", group_id, None, row, group_id=group_id)
    return group_id


def _locked_group(
    db: Database, actor: str, group_id: int, expected_version: int | None, also: tuple = ()
) -> dict:
    """The group about to be written, checked: it exists, ``actor`` may write in it (and in
    the groups ``also``) and nobody changed it since ``expected_version`` (when given)."""
    before = group(db, group_id)
    if before is None:
        raise ValidationError("org.err.no_such_group", group=group_id)
    require_write(db, actor, [group_id, *also])
    if expected_version is not None and before["version"] != expected_version:
        raise ConflictError("org.err.conflict_group", group=before["name"])
    return before


def update_group(
    db: Database, actor: str, group_id: int, changes: dict, expected_version: int
) -> None:
    """Change some fields of a group, if nobody changed it since ``expected_version``."""
    check_fields(changes, GROUP_FIELDS, "group")
    with db.atomic():
        before = _locked_group(db, actor, group_id, expected_version, (changes.get("parent_id"),))
        if not changes:
            return
        update_row(db, "groups", group_id, changes, "version = version + 1")
        audit.record_change(
            db, actor, "update", "group", group_id, before, changes, group_id=group_id
        )


def archive_group(
    db: Database, actor: str, group_id: int, archived_on: str, expected_version: int | None = None
) -> None:
    """Mark a group archived (the domain checks it is empty first)."""
    with db.atomic():
        _locked_group(db, actor, group_id, expected_version)
        db.execute(
            "UPDATE groups SET archived_on = ?, version = version + 1 WHERE id = ?",
            [archived_on, group_id],
        )
        audit.record(
            db,
            actor,
            "archive",
            "group",
            group_id,
            {"archived_on": None},
            {"archived_on": archived_on},
            group_id=group_id,
        )


def insert_person(db: Database, actor: str, fields: dict, *, group_id: int | None = None) -> int:
    """Create a person (``group_id``: the group they join, for access and history)."""
    row = {k: fields.get(k) for k in PERSON_FIELDS}
    row["handle"] = row["handle"] or ""
    row["exit_note"] = row["exit_note"] or ""
    if row["max_mentees"] is None:
        row["max_mentees"] = 3
    with db.atomic():
        require_write(db, actor, [group_id] if group_id else [])
        cursor = db.execute(
            f"""INSERT INTO people ({", ".join(PERSON_FIELDS)})
                VALUES ({", ".join(":" + k for k in PERSON_FIELDS)})""",
            row,
        )
        person_id = cursor.lastrowid
        audit.record(
            db,
            actor,
            "create",
            "person",
            person_id,
            None,
            row,
            person_id=person_id,
            group_id=group_id,
        )
    return person_id


def update_person(
    db: Database,
    actor: str,
    person_id: int,
    changes: dict,
    *,
    expected_version: int | None = None,
    action: str = "update",
) -> None:
    """Change some fields of a person, if nobody changed them since ``expected_version``."""
    check_fields(changes, PERSON_FIELDS, "person")
    with db.atomic():
        before = person(db, person_id)
        if before is None:
            raise ValidationError("org.err.no_such_person", person=person_id)
        require_person_write(db, actor, person_id)
        if expected_version is not None and before["version"] != expected_version:
            raise ConflictError("org.err.conflict_person", person=before["name"])
        update_row(db, "people", person_id, changes, "version = version + 1")
        audit.record_change(
            db, actor, action, "person", person_id, before, changes, person_id=person_id
        )


def open_membership(
    db: Database,
    actor: str,
    person_id: int,
    group_id: int,
    role_id: int,
    start_on: str,
    *,
    action: str = "join",
    before: dict | None = None,
) -> int:
    """Open a membership; ``action``/``before`` let a move or role change say what it replaced."""
    with db.atomic():
        require_write(db, actor, [group_id])
        cursor = db.execute(
            """INSERT INTO memberships (person_id, group_id, role_id, start_on)
               VALUES (?, ?, ?, ?)""",
            [person_id, group_id, role_id, start_on],
        )
        membership_id = cursor.lastrowid
        audit.record(
            db,
            actor,
            action,
            "membership",
            membership_id,
            before,
            {
                "person_id": person_id,
                "group_id": group_id,
                "role_id": role_id,
                "start_on": start_on,
            },
            group_id=group_id,
            person_id=person_id,
        )
    return membership_id


def end_membership(
    db: Database,
    actor: str,
    membership_id: int,
    end_on: str,
    *,
    action: str = "leave",
    after: dict | None = None,
) -> dict:
    """Close an open membership; ``ConflictError`` if someone already closed it.

    ``action``/``after`` let a move say where the person went."""
    with db.atomic():
        before = membership(db, membership_id)
        if before is None:
            raise ValidationError("org.err.no_such_membership", membership=membership_id)
        require_write(db, actor, [before["group_id"]])
        if before["end_on"] is not None:
            raise ConflictError("org.err.conflict_membership", membership=membership_id)
        db.execute("UPDATE memberships SET end_on = ? WHERE id = ?", [end_on, membership_id])
        audit.record(
            db,
            actor,
            action,
            "membership",
            membership_id,
            {"end_on": None, "group_id": before["group_id"], "role_id": before["role_id"]},
            {"end_on": end_on, **(after or {})},
            group_id=before["group_id"],
            person_id=before["person_id"],
        )
    return before


def save_settings(db: Database, actor: str, values: dict[str, int]) -> None:
    """Store lifecycle and readiness thresholds (a team-wide setting)."""
    stored_settings.write(db, actor, "org_settings", DEFAULT_SETTINGS, values)


def record_split(
    db: Database, actor: str, new_group_id: int, from_group_id: int, readiness: dict
) -> None:
    """Mark ``new_group_id`` as split from ``from_group_id``; the audit row keeps the
    readiness checks that failed and the reason they were overridden."""
    with db.atomic():
        require_write(db, actor, [new_group_id, from_group_id])
        db.execute(
            "UPDATE groups SET split_from_id = ?, version = version + 1 WHERE id = ?",
            [from_group_id, new_group_id],
        )
        audit.record(
            db,
            actor,
            "split",
            "group",
            new_group_id,
            None,
            {"split_from_id": from_group_id, **readiness},
            group_id=new_group_id,
        )
