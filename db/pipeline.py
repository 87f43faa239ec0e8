"""Storage of the talent bench: candidacies (``pipeline``), their stage history, and
audited writes to the role catalogue.

Writes here check access, keep the stage history and write one audit row in the caller's
transaction; the rules (stage path, duplicates, leavers) live in ``dashboard.domain.pipeline``.
"""

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from db import audit
from db.access import require_write
from db.errors import ConflictError, ValidationError
from db.schema import SOURCES, run_statements
from db.sql import check_fields, fetch_rows, in_list, update_row

migrations = Migrations("pipeline")

STAGES = ("spotted", "observer", "trial", "ready", "appointed", "dropped")
OPEN_STAGES = ("spotted", "observer", "trial", "ready")
READINESS = ("now", "6m", "12m", "later")
DROP_REASONS = ("declined", "not_fit", "left", "role_filled", "other")
ROLE_FIELDS = ("name", "name_zh", "tier", "is_key", "description")
CANDIDACY_FIELDS = ("readiness", "source", "referred_by", "note", "emergency")


@migrations()
def m001_pipeline(db: Database) -> None:
    run_statements(
        db,
        [
            f"""CREATE TABLE pipeline (
                id INTEGER PRIMARY KEY,
                person_id INTEGER NOT NULL REFERENCES people(id),
                role_id INTEGER NOT NULL REFERENCES roles(id),
                group_id INTEGER NOT NULL REFERENCES groups(id),
                stage TEXT NOT NULL CHECK (stage IN {in_list(STAGES)}),
                readiness TEXT NOT NULL DEFAULT 'later' CHECK (readiness IN {in_list(READINESS)}),
                source TEXT NOT NULL CHECK (source IN {in_list(SOURCES)}),
                referred_by INTEGER REFERENCES people(id),
                note TEXT NOT NULL DEFAULT '',
                emergency INTEGER NOT NULL DEFAULT 0 CHECK (emergency IN (0, 1)),
                drop_reason TEXT CHECK (drop_reason IS NULL OR drop_reason IN {in_list(DROP_REASONS)}),
                created_on TEXT NOT NULL,
                updated_on TEXT NOT NULL,
                version INTEGER NOT NULL DEFAULT 1,
                CHECK ((stage = 'dropped') = (drop_reason IS NOT NULL)),
                CHECK (source <> 'referral' OR referred_by IS NOT NULL)
            )""",
            # one open candidacy per person, role and group
            f"""CREATE UNIQUE INDEX pipeline_open_once ON pipeline(person_id, role_id, group_id)
                WHERE stage IN {in_list(OPEN_STAGES)}""",
            "CREATE INDEX pipeline_role_group ON pipeline(role_id, group_id, stage)",
            "CREATE INDEX pipeline_person ON pipeline(person_id, stage)",
            f"""CREATE TABLE pipeline_stage_history (
                id INTEGER PRIMARY KEY,
                pipeline_id INTEGER NOT NULL REFERENCES pipeline(id),
                from_stage TEXT CHECK (from_stage IS NULL OR from_stage IN {in_list(STAGES)}),
                to_stage TEXT NOT NULL CHECK (to_stage IN {in_list(STAGES)}),
                changed_on TEXT NOT NULL,
                username TEXT NOT NULL
            )""",
            "CREATE INDEX pipeline_history_candidacy ON pipeline_stage_history(pipeline_id)",
        ],
    )


# ---------------------------------------------------------------- reads

_CANDIDACY_SELECT = """
    SELECT c.*, p.name AS person_name, p.status AS person_status,
           r.code AS role_code, r.name AS role_name, r.name_zh AS role_name_zh,
           r.tier AS role_tier, r.is_key AS role_is_key,
           g.name AS group_name, g.tier AS group_tier,
           ref.name AS referrer_name
    FROM pipeline c
    JOIN people p ON p.id = c.person_id
    JOIN roles r ON r.id = c.role_id
    JOIN groups g ON g.id = c.group_id
    LEFT JOIN people ref ON ref.id = c.referred_by
"""


def candidacy(db: Database, candidacy_id: int) -> dict | None:
    """One candidacy with person, role and group names."""
    rows = fetch_rows(db, _CANDIDACY_SELECT + " WHERE c.id = ?", [candidacy_id])
    return rows[0] if rows else None


def candidacies(
    db: Database, *, open_only: bool = False, person_id: int | None = None
) -> list[dict]:
    """Candidacies with names, ordered by role, group and person."""
    where, params = ["1 = 1"], []
    if open_only:
        where.append(f"c.stage IN {in_list(OPEN_STAGES)}")
    if person_id is not None:
        where.append("c.person_id = ?")
        params.append(person_id)
    return fetch_rows(
        db,
        _CANDIDACY_SELECT
        + f" WHERE {' AND '.join(where)} ORDER BY r.is_key DESC, r.id, g.name, p.name, c.id",
        params,
    )


def open_candidacy_for(db: Database, person_id: int, role_id: int, group_id: int) -> dict | None:
    """The open candidacy of a person for a role in a group, if any."""
    rows = fetch_rows(
        db,
        f"""SELECT * FROM pipeline WHERE person_id = ? AND role_id = ? AND group_id = ?
            AND stage IN {in_list(OPEN_STAGES)}""",
        [person_id, role_id, group_id],
    )
    return rows[0] if rows else None


def holders(db: Database, role_id: int, group_id: int) -> list[dict]:
    """Open memberships holding ``role_id`` in ``group_id`` (oldest first)."""
    return fetch_rows(
        db,
        """SELECT m.*, p.name AS person_name FROM memberships m JOIN people p ON p.id = m.person_id
           WHERE m.role_id = ? AND m.group_id = ? AND m.end_on IS NULL ORDER BY m.start_on, m.id""",
        [role_id, group_id],
    )


def key_positions(db: Database) -> list[dict]:
    """Every (key role, live group) held by someone or with an open candidacy, with counts
    of holders and of open candidacies per stage, and the names behind them."""
    return fetch_rows(
        db,
        f"""WITH positions AS (
                SELECT m.role_id, m.group_id FROM memberships m WHERE m.end_on IS NULL
                UNION
                SELECT c.role_id, c.group_id FROM pipeline c WHERE c.stage IN {in_list(OPEN_STAGES)}
            )
            SELECT r.id AS role_id, r.code AS role_code, r.name AS role_name,
                   r.name_zh AS role_name_zh, g.id AS group_id, g.name AS group_name,
                   g.tier AS group_tier,
                   (SELECT COUNT(*) FROM memberships m WHERE m.role_id = r.id
                      AND m.group_id = g.id AND m.end_on IS NULL) AS holders,
                   (SELECT group_concat(p.name, ', ') FROM memberships m
                      JOIN people p ON p.id = m.person_id WHERE m.role_id = r.id
                      AND m.group_id = g.id AND m.end_on IS NULL) AS holder_names,
                   (SELECT COUNT(*) FROM pipeline c WHERE c.role_id = r.id AND c.group_id = g.id
                      AND c.stage = 'ready') AS ready,
                   (SELECT group_concat(p.name, ', ') FROM pipeline c
                      JOIN people p ON p.id = c.person_id WHERE c.role_id = r.id
                      AND c.group_id = g.id AND c.stage = 'ready') AS ready_names,
                   (SELECT COUNT(*) FROM pipeline c WHERE c.role_id = r.id AND c.group_id = g.id
                      AND c.stage IN ('observer', 'trial')) AS shadowing,
                   (SELECT COUNT(*) FROM pipeline c WHERE c.role_id = r.id AND c.group_id = g.id
                      AND c.stage = 'spotted') AS spotted,
                   (SELECT group_concat(p.name, ', ') FROM pipeline c
                      JOIN people p ON p.id = c.person_id WHERE c.role_id = r.id
                      AND c.group_id = g.id AND c.emergency = 1
                      AND c.stage IN {in_list(OPEN_STAGES)}) AS emergency_names
            FROM positions x
            JOIN roles r ON r.id = x.role_id
            JOIN groups g ON g.id = x.group_id
            WHERE r.is_key = 1 AND g.archived_on IS NULL
            ORDER BY r.id, CASE g.tier WHEN 'management' THEN 0 WHEN 'core' THEN 1 ELSE 2 END,
                     g.name""",
    )


def source_counts(db: Database) -> list[dict]:
    """Per discovery source: candidacies (talents) and how many reached ``appointed``."""
    return fetch_rows(
        db,
        """SELECT source, COUNT(*) AS talents,
                  SUM(CASE WHEN stage = 'appointed' THEN 1 ELSE 0 END) AS appointed
           FROM pipeline GROUP BY source ORDER BY source""",
    )


def role_catalogue(db: Database) -> list[dict]:
    """The role catalogue as the grid edits it, in id order."""
    return fetch_rows(db, "SELECT * FROM roles ORDER BY id")


def stage_history(db: Database, candidacy_id: int) -> list[dict]:
    """The stage changes of one candidacy, oldest first."""
    return fetch_rows(
        db,
        "SELECT * FROM pipeline_stage_history WHERE pipeline_id = ? ORDER BY id",
        [candidacy_id],
    )


# ---------------------------------------------------------------- writes


def _history(db: Database, candidacy_id: int, from_stage, to_stage, on: str, actor: str) -> None:
    db.execute(
        """INSERT INTO pipeline_stage_history (pipeline_id, from_stage, to_stage, changed_on,
           username) VALUES (?, ?, ?, ?, ?)""",
        [candidacy_id, from_stage, to_stage, on, actor],
    )


def insert_candidacy(db: Database, actor: str, fields: dict, on: str) -> int:
    """Add a candidacy (stage ``fields['stage']``, default ``spotted``); returns its id."""
    row = {
        "person_id": fields["person_id"],
        "role_id": fields["role_id"],
        "group_id": fields["group_id"],
        "stage": fields.get("stage") or "spotted",
        "readiness": fields.get("readiness") or "later",
        "source": fields["source"],
        "referred_by": fields.get("referred_by"),
        "note": (fields.get("note") or "").strip(),
        "emergency": 1 if fields.get("emergency") else 0,
    }
    with db.atomic():
        require_write(db, actor, [row["group_id"]])
        candidacy_id = db.execute(
            """INSERT INTO pipeline (person_id, role_id, group_id, stage, readiness, source,
               referred_by, note, emergency, created_on, updated_on)
               VALUES (:person_id, :role_id, :group_id, :stage, :readiness, :source,
               :referred_by, :note, :emergency, :on, :on)""",
            {**row, "on": on},
        ).lastrowid
        _history(db, candidacy_id, None, row["stage"], on, actor)
        audit.record(
            db,
            actor,
            "create",
            "candidacy",
            candidacy_id,
            None,
            row,
            group_id=row["group_id"],
            person_id=row["person_id"],
        )
    return candidacy_id


def _locked(
    db: Database,
    actor: str,
    candidacy_id: int,
    expected_version: int | None,
    check_access: bool = True,
) -> dict:
    before = candidacy(db, candidacy_id)
    if before is None:
        raise ValidationError("pipeline.err.no_such_candidacy", candidacy=candidacy_id)
    if check_access:
        require_write(db, actor, [before["group_id"]])
    if expected_version is not None and before["version"] != expected_version:
        raise ConflictError("pipeline.err.conflict", person=before["person_name"])
    return before


def _update(db: Database, actor: str, action: str, before: dict, changes: dict, on: str) -> None:
    """Set ``changes`` on the candidacy ``before`` (its version bumped, ``updated_on`` set)
    and audit them."""
    update_row(
        db, "pipeline", before["id"], changes, "updated_on = :on, version = version + 1", on=on
    )
    audit.record_change(
        db,
        actor,
        action,
        "candidacy",
        before["id"],
        before,
        changes,
        group_id=before["group_id"],
        person_id=before["person_id"],
    )


def set_stage(
    db: Database,
    actor: str,
    candidacy_id: int,
    to_stage: str,
    on: str,
    *,
    expected_version: int | None = None,
    drop_reason: str | None = None,
    readiness: str | None = None,
    check_access: bool = True,
) -> None:
    """Change a candidacy's stage, keep the change in its history and audit it.

    ``check_access=False`` only for consequences of a write already allowed (a leaver's
    candidacies closing with their exit).
    """
    with db.atomic():
        before = _locked(db, actor, candidacy_id, expected_version, check_access)
        changes = {"stage": to_stage, "drop_reason": drop_reason if to_stage == "dropped" else None}
        if readiness is not None:
            changes["readiness"] = readiness
        _update(db, actor, "stage", before, changes, on)
        _history(db, candidacy_id, before["stage"], to_stage, on, actor)


def update_candidacy(
    db: Database,
    actor: str,
    candidacy_id: int,
    changes: dict,
    on: str,
    *,
    expected_version: int | None = None,
) -> None:
    """Change readiness, source, referrer, note or the emergency flag of a candidacy."""
    check_fields(changes, CANDIDACY_FIELDS, "candidacy")
    with db.atomic():
        before = _locked(db, actor, candidacy_id, expected_version)
        if changes:
            _update(db, actor, "update", before, changes, on)


def insert_role(db: Database, actor: str, code: str, fields: dict) -> int:
    """Add a role to the catalogue (team-wide); returns its id."""
    row = {k: fields.get(k) for k in ROLE_FIELDS}
    row["is_key"] = 1 if row["is_key"] else 0
    row["description"] = row["description"] or ""
    with db.atomic():
        require_write(db, actor)
        role_id = db.execute(
            """INSERT INTO roles (code, name, name_zh, tier, is_key, description)
               VALUES (:code, :name, :name_zh, :tier, :is_key, :description)""",
            {**row, "code": code},
        ).lastrowid
        audit.record(db, actor, "create", "role", role_id, None, {**row, "code": code})
    return role_id


def update_role(db: Database, actor: str, role_id: int, changes: dict) -> None:
    """Change fields of a catalogue role (team-wide)."""
    check_fields(changes, ROLE_FIELDS, "role")
    with db.atomic():
        require_write(db, actor)
        row = db.execute("SELECT * FROM roles WHERE id = ?", [role_id]).fetchone()
        if row is None:
            raise ValidationError("pipeline.err.no_such_role", role=role_id)
        before = dict(row)
        if not changes:
            return
        update_row(db, "roles", role_id, changes)
        audit.record_change(db, actor, "update", "role", role_id, before, changes)
