"""Named queries and audited writes for newcomers, their coaches and retrospectives (复盘).

Tables: ``coaching`` (open rows have ``end_on IS NULL``; other areas count a coach's
mentees from them), ``retrospectives``, and the onboarding plans: ``onboarding_templates``
(one versioned template per role, like manuals) with ``onboarding_template_steps``, and
``onboarding_plans`` (one open per newcomer) with their dated ``onboarding_steps``. The rules (eligibility, capacity, one open
coach per newcomer) are checked by ``dashboard.domain.coaching`` first; the schema backs
the ones it can (nobody coaches themselves, one open coaching per newcomer).
"""

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from db import audit
from db.access import require_person_write, require_role_write
from db.errors import ConflictError, ValidationError
from db.schema import run_statements
from db.sql import fetch_map, fetch_one, fetch_rows, in_list

migrations = Migrations("coaching")

END_REASONS = ("graduated", "reassigned", "ended", "left")
RETRO_STEPS = ("goal", "result", "causes", "lessons")


@migrations()
def m001_coaching(db: Database) -> None:
    reasons = "(" + ", ".join(f"'{r}'" for r in END_REASONS) + ")"
    run_statements(
        db,
        [
            f"""CREATE TABLE coaching (
                id INTEGER PRIMARY KEY,
                coach_id INTEGER NOT NULL REFERENCES people(id),
                newcomer_id INTEGER NOT NULL REFERENCES people(id),
                start_on TEXT NOT NULL,
                end_on TEXT,
                end_reason TEXT CHECK (end_reason IS NULL OR end_reason IN {reasons}),
                CHECK (coach_id <> newcomer_id),
                CHECK ((end_on IS NULL) = (end_reason IS NULL)),
                CHECK (end_on IS NULL OR end_on >= start_on)
            )""",
            "CREATE UNIQUE INDEX coaching_one_open ON coaching(newcomer_id) WHERE end_on IS NULL",
            "CREATE INDEX coaching_coach_open ON coaching(coach_id, end_on)",
            """CREATE TABLE retrospectives (
                id INTEGER PRIMARY KEY,
                person_id INTEGER NOT NULL REFERENCES people(id),
                author_id INTEGER REFERENCES people(id),
                coaching_id INTEGER REFERENCES coaching(id),
                held_on TEXT NOT NULL,
                goal TEXT NOT NULL CHECK (length(trim(goal)) > 0),
                result TEXT NOT NULL CHECK (length(trim(result)) > 0),
                causes TEXT NOT NULL CHECK (length(trim(causes)) > 0),
                lessons TEXT NOT NULL CHECK (length(trim(lessons)) > 0),
                is_final INTEGER NOT NULL DEFAULT 0 CHECK (is_final IN (0, 1))
            )""",
            "CREATE INDEX retrospectives_person ON retrospectives(person_id, held_on)",
        ],
    )


# ---------------------------------------------------------------- reads


def coaching(db: Database, coaching_id: int) -> dict | None:
    """One coaching row."""
    return fetch_one(db, "SELECT * FROM coaching WHERE id = ?", [coaching_id])


def open_coaching_of(db: Database, newcomer_id: int) -> dict | None:
    """The newcomer's open coaching with the coach's name, if any."""
    return fetch_one(
        db,
        """SELECT c.*, p.name AS coach_name FROM coaching c JOIN people p ON p.id = c.coach_id
           WHERE c.newcomer_id = ? AND c.end_on IS NULL""",
        [newcomer_id],
    )


def coachings(db: Database, *, person_id: int | None = None, open_only: bool = False) -> list[dict]:
    """Coaching rows (as coach or newcomer of ``person_id``) with both names."""
    where, params = ["1 = 1"], []
    if open_only:
        where.append("c.end_on IS NULL")
    if person_id is not None:
        where.append("(c.coach_id = ? OR c.newcomer_id = ?)")
        params += [person_id, person_id]
    return fetch_rows(
        db,
        f"""SELECT c.*, co.name AS coach_name, n.name AS newcomer_name
            FROM coaching c JOIN people co ON co.id = c.coach_id
            JOIN people n ON n.id = c.newcomer_id
            WHERE {" AND ".join(where)} ORDER BY c.start_on, c.id""",
        params,
    )


def loads(db: Database) -> dict[int, int]:
    """Open coachings per coach id."""
    return fetch_map(
        db,
        "SELECT coach_id, COUNT(*) FROM coaching WHERE end_on IS NULL GROUP BY coach_id",
    )


def graduated_counts(db: Database) -> dict[int, int]:
    """Per coach, how many of their newcomers graduated (their past record)."""
    return fetch_map(
        db,
        "SELECT coach_id, COUNT(*) FROM coaching WHERE end_reason = 'graduated' GROUP BY coach_id",
    )


def newcomers(db: Database) -> list[dict]:
    """People with status newcomer: joined_on, open coach, last retrospective, groups."""
    return fetch_rows(
        db,
        """SELECT p.id, p.name, p.joined_on, p.version,
                  c.id AS coaching_id, c.coach_id, co.name AS coach_name,
                  c.start_on AS coached_since,
                  (SELECT MAX(end_on) FROM coaching e WHERE e.newcomer_id = p.id)
                      AS last_coaching_end,
                  (SELECT MAX(held_on) FROM retrospectives r WHERE r.person_id = p.id)
                      AS last_retro_on,
                  (SELECT COUNT(*) FROM retrospectives r WHERE r.person_id = p.id)
                      AS retro_count,
                  (SELECT group_concat(g.name, ', ') FROM memberships m
                     JOIN groups g ON g.id = m.group_id
                    WHERE m.person_id = p.id AND m.end_on IS NULL) AS group_names
           FROM people p
           LEFT JOIN coaching c ON c.newcomer_id = p.id AND c.end_on IS NULL
           LEFT JOIN people co ON co.id = c.coach_id
           WHERE p.status = 'newcomer'
           ORDER BY p.joined_on, p.id""",
    )


def eligible_coaches(db: Database, person_id: int | None = None) -> list[dict]:
    """Active people who hold an open coach role anywhere or sit in a core or management
    group, with capacity (``max_mentees``), open load and graduated count (only
    ``person_id``'s row if given)."""
    only = "" if person_id is None else "AND p.id = ?"
    return fetch_rows(
        db,
        f"""SELECT p.id, p.name, p.max_mentees,
                  (SELECT COUNT(*) FROM coaching c WHERE c.coach_id = p.id AND c.end_on IS NULL)
                      AS load,
                  (SELECT COUNT(*) FROM coaching c
                    WHERE c.coach_id = p.id AND c.end_reason = 'graduated') AS graduated,
                  EXISTS (SELECT 1 FROM memberships m JOIN roles r ON r.id = m.role_id
                           WHERE m.person_id = p.id AND m.end_on IS NULL AND r.code = 'coach')
                      AS holds_coach_role
           FROM people p
           WHERE p.status = 'active' AND EXISTS (
               SELECT 1 FROM memberships m JOIN roles r ON r.id = m.role_id
                 JOIN groups g ON g.id = m.group_id
                WHERE m.person_id = p.id AND m.end_on IS NULL
                  AND (r.code = 'coach' OR g.tier IN ('core', 'management')))
           {only}
           ORDER BY p.name, p.id""",
        [] if person_id is None else [person_id],
    )


def coaches_over_capacity(db: Database) -> list[dict]:
    """People whose open coachings exceed their ``max_mentees``."""
    return fetch_rows(
        db,
        """SELECT p.id, p.name, p.max_mentees, COUNT(*) AS load
           FROM coaching c JOIN people p ON p.id = c.coach_id
           WHERE c.end_on IS NULL
           GROUP BY p.id HAVING COUNT(*) > p.max_mentees
           ORDER BY p.name""",
    )


def group_links(db: Database) -> dict[int, tuple[set[int], set[int]]]:
    """Per person with open memberships: (their group ids, the parents of those groups)."""
    links: dict[int, tuple[set[int], set[int]]] = {}
    rows = db.execute(
        """SELECT m.person_id, g.id, g.parent_id FROM memberships m
           JOIN groups g ON g.id = m.group_id WHERE m.end_on IS NULL"""
    ).fetchall()
    for person_id, group_id, parent_id in rows:
        groups, parents = links.setdefault(person_id, (set(), set()))
        groups.add(group_id)
        if parent_id is not None:
            parents.add(parent_id)
    return links


def group_names(db: Database) -> dict[int, str]:
    """Group id → name (archived ones included)."""
    return fetch_map(db, "SELECT id, name FROM groups")


def retrospectives(db: Database, *, person_id: int | None = None) -> list[dict]:
    """Retrospectives, oldest first, with the person's and the author's names."""
    where, params = "", []
    if person_id is not None:
        where, params = "WHERE r.person_id = ?", [person_id]
    return fetch_rows(
        db,
        f"""SELECT r.*, p.name AS person_name, a.name AS author_name
            FROM retrospectives r JOIN people p ON p.id = r.person_id
            LEFT JOIN people a ON a.id = r.author_id
            {where} ORDER BY r.held_on, r.id""",
        params,
    )


# ---------------------------------------------------------------- writes


def insert_coaching(
    db: Database, actor: str, coach_id: int, newcomer_id: int, start_on: str
) -> int:
    """Open a coaching; access is checked on the newcomer's groups. Returns its id."""
    with db.atomic():
        require_person_write(db, actor, newcomer_id)
        row = {"coach_id": coach_id, "newcomer_id": newcomer_id, "start_on": start_on}
        coaching_id = db.execute(
            "INSERT INTO coaching (coach_id, newcomer_id, start_on) VALUES (?, ?, ?)",
            [coach_id, newcomer_id, start_on],
        ).lastrowid
        audit.record(db, actor, "assign", "coaching", coaching_id, None, row, person_id=newcomer_id)
    return coaching_id


def close_coaching(
    db: Database,
    actor: str,
    coaching_id: int,
    end_on: str,
    end_reason: str,
    *,
    check_access: bool = True,
) -> dict:
    """End an open coaching; ``ConflictError`` if it is already closed.

    :param check_access: ``False`` only for a caller that checked it already (an exit).
    """
    with db.atomic():
        before = coaching(db, coaching_id)
        if before is None:
            raise ValidationError("coaching.err.no_such_coaching", coaching=coaching_id)
        if check_access:
            require_person_write(db, actor, before["newcomer_id"])
        if before["end_on"] is not None:
            raise ConflictError("coaching.err.already_ended")
        # a coaching cannot end before it started (a same-day reassignment ends it that day)
        end_on = max(end_on, before["start_on"])
        db.execute(
            "UPDATE coaching SET end_on = ?, end_reason = ? WHERE id = ?",
            [end_on, end_reason, coaching_id],
        )
        audit.record(
            db,
            actor,
            "end",
            "coaching",
            coaching_id,
            {"end_on": None, "end_reason": None},
            {"end_on": end_on, "end_reason": end_reason},
            person_id=before["newcomer_id"],
        )
    return before


def insert_retrospective(db: Database, actor: str, fields: dict) -> int:
    """Record a retrospective (goal, result, causes, lessons); returns its id."""
    columns = ("person_id", "author_id", "coaching_id", "held_on", *RETRO_STEPS, "is_final")
    row = {k: fields.get(k) for k in columns}
    row["is_final"] = int(bool(row["is_final"]))
    with db.atomic():
        require_person_write(db, actor, row["person_id"])
        retro_id = db.execute(
            f"""INSERT INTO retrospectives ({", ".join(columns)})
                VALUES ({", ".join(":" + k for k in columns)})""",
            row,
        ).lastrowid
        audit.record(
            db,
            actor,
            "create",
            "retrospective",
            retro_id,
            None,
            row,
            person_id=row["person_id"],
        )
    return retro_id


# ---------------------------------------------------------------- onboarding plans

STEP_OWNERS = ("newcomer", "coach", "lead")


@migrations()
def m002_onboarding_plans(db: Database) -> None:
    owners = in_list(STEP_OWNERS)
    run_statements(
        db,
        [
            """CREATE TABLE onboarding_templates (
                id INTEGER PRIMARY KEY,
                role_id INTEGER NOT NULL REFERENCES roles(id),
                version INTEGER NOT NULL CHECK (version >= 1),
                author TEXT NOT NULL,
                created_on TEXT NOT NULL,
                note TEXT NOT NULL DEFAULT '',
                UNIQUE (role_id, version)
            )""",
            f"""CREATE TABLE onboarding_template_steps (
                id INTEGER PRIMARY KEY,
                template_id INTEGER NOT NULL REFERENCES onboarding_templates(id),
                position INTEGER NOT NULL,
                text TEXT NOT NULL CHECK (length(trim(text)) > 0),
                day_offset INTEGER NOT NULL CHECK (day_offset >= 0),
                owner TEXT NOT NULL CHECK (owner IN {owners}),
                manual_section TEXT NOT NULL DEFAULT '',
                UNIQUE (template_id, position)
            )""",
            """CREATE TABLE onboarding_plans (
                id INTEGER PRIMARY KEY,
                person_id INTEGER NOT NULL REFERENCES people(id),
                template_id INTEGER NOT NULL REFERENCES onboarding_templates(id),
                started_on TEXT NOT NULL,
                closed_on TEXT,
                override_reason TEXT
            )""",
            "CREATE UNIQUE INDEX onboarding_one_open ON onboarding_plans(person_id)"
            " WHERE closed_on IS NULL",
            f"""CREATE TABLE onboarding_steps (
                id INTEGER PRIMARY KEY,
                plan_id INTEGER NOT NULL REFERENCES onboarding_plans(id),
                position INTEGER NOT NULL,
                text TEXT NOT NULL CHECK (length(trim(text)) > 0),
                owner TEXT NOT NULL CHECK (owner IN {owners}),
                manual_section TEXT NOT NULL DEFAULT '',
                due_on TEXT NOT NULL,
                done_on TEXT,
                done_by TEXT,
                UNIQUE (plan_id, position)
            )""",
            "CREATE INDEX onboarding_steps_due ON onboarding_steps(done_on, due_on)",
        ],
    )


def latest_template(db: Database, role_id: int) -> dict | None:
    """The newest onboarding template version of a role, or ``None``."""
    return fetch_one(
        db,
        "SELECT * FROM onboarding_templates WHERE role_id = ? ORDER BY version DESC LIMIT 1",
        [role_id],
    )


def template_versions(db: Database, role_id: int) -> list[dict]:
    """Every version of a role's onboarding template, newest first, with its step count."""
    return fetch_rows(
        db,
        """SELECT t.*, (SELECT COUNT(*) FROM onboarding_template_steps s
                         WHERE s.template_id = t.id) AS steps
           FROM onboarding_templates t WHERE t.role_id = ? ORDER BY t.version DESC""",
        [role_id],
    )


def template_steps(db: Database, template_id: int) -> list[dict]:
    """A template version's steps, in order."""
    return fetch_rows(
        db,
        "SELECT * FROM onboarding_template_steps WHERE template_id = ? ORDER BY position",
        [template_id],
    )


def role_templates(db: Database) -> list[dict]:
    """Every role with its latest template version (NULL columns when it has none)."""
    return fetch_rows(
        db,
        """SELECT r.id AS role_id, r.code, r.name, r.name_zh, t.id AS template_id, t.version,
                  t.author, t.created_on,
                  (SELECT COUNT(*) FROM onboarding_template_steps s
                    WHERE s.template_id = t.id) AS steps
           FROM roles r LEFT JOIN onboarding_templates t ON t.role_id = r.id AND t.version =
                (SELECT MAX(version) FROM onboarding_templates v WHERE v.role_id = r.id)
           ORDER BY r.is_key DESC, r.id""",
    )


def open_plan_of(db: Database, person_id: int) -> dict | None:
    """The person's open onboarding plan with its role and template version, if any."""
    return fetch_one(
        db,
        """SELECT p.*, t.role_id, t.version AS template_version FROM onboarding_plans p
           JOIN onboarding_templates t ON t.id = p.template_id
           WHERE p.person_id = ? AND p.closed_on IS NULL""",
        [person_id],
    )


def plan_steps(db: Database, plan_id: int) -> list[dict]:
    """A plan's steps, in order."""
    return fetch_rows(
        db, "SELECT * FROM onboarding_steps WHERE plan_id = ? ORDER BY position", [plan_id]
    )


def plan_step(db: Database, step_id: int) -> dict | None:
    """One plan step with the plan's person."""
    return fetch_one(
        db,
        """SELECT s.*, p.person_id, p.closed_on FROM onboarding_steps s
           JOIN onboarding_plans p ON p.id = s.plan_id WHERE s.id = ?""",
        [step_id],
    )


def open_steps(db: Database, *, due_until: str | None = None) -> list[dict]:
    """Steps not yet done of open plans (due on or before ``due_until`` if given), soonest
    first, with the newcomer's name and their open coach."""
    where, params = "", []
    if due_until is not None:
        where, params = "AND s.due_on <= ?", [due_until]
    return fetch_rows(
        db,
        f"""SELECT s.*, p.person_id, n.name AS person_name, c.coach_id, co.name AS coach_name
            FROM onboarding_steps s JOIN onboarding_plans p ON p.id = s.plan_id
            JOIN people n ON n.id = p.person_id
            LEFT JOIN coaching c ON c.newcomer_id = p.person_id AND c.end_on IS NULL
            LEFT JOIN people co ON co.id = c.coach_id
            WHERE p.closed_on IS NULL AND s.done_on IS NULL AND n.status = 'newcomer' {where}
            ORDER BY s.due_on, n.name, s.position""",
        params,
    )


def insert_template(
    db: Database, actor: str, role_id: int, steps: list[dict], created_on: str, note: str = ""
) -> int:
    """Save ``steps`` (text, day_offset, owner, manual_section) as the next version of the
    role's onboarding template; returns the version id. Access: as for the role's manual."""
    with db.atomic():
        require_role_write(db, actor, role_id)
        current = latest_template(db, role_id)
        number = 1 if current is None else current["version"] + 1
        template_id = db.execute(
            """INSERT INTO onboarding_templates (role_id, version, author, created_on, note)
               VALUES (?, ?, ?, ?, ?)""",
            [role_id, number, actor, created_on, note],
        ).lastrowid
        db.conn.executemany(
            """INSERT INTO onboarding_template_steps
               (template_id, position, text, day_offset, owner, manual_section)
               VALUES (?, ?, ?, ?, ?, ?)""",
            [
                (template_id, position, s["text"], s["day_offset"], s["owner"], s["manual_section"])
                for position, s in enumerate(steps, start=1)
            ],
        )
        audit.record(
            db,
            actor,
            "create",
            "onboarding_template",
            template_id,
            None if current is None else {"version": current["version"]},
            {"role_id": role_id, "version": number, "steps": steps, "note": note},
        )
    return template_id


def insert_plan(
    db: Database, actor: str, person_id: int, template_id: int, started_on: str, steps: list[dict]
) -> int:
    """Start a plan for a newcomer with its dated ``steps`` (position, text, owner,
    manual_section, due_on); returns the plan id."""
    with db.atomic():
        require_person_write(db, actor, person_id)
        plan_id = db.execute(
            "INSERT INTO onboarding_plans (person_id, template_id, started_on) VALUES (?, ?, ?)",
            [person_id, template_id, started_on],
        ).lastrowid
        db.conn.executemany(
            """INSERT INTO onboarding_steps
               (plan_id, position, text, owner, manual_section, due_on)
               VALUES (?, ?, ?, ?, ?, ?)""",
            [
                (plan_id, s["position"], s["text"], s["owner"], s["manual_section"], s["due_on"])
                for s in steps
            ],
        )
        audit.record(
            db,
            actor,
            "start",
            "onboarding_plan",
            plan_id,
            None,
            {"template_id": template_id, "started_on": started_on, "steps": len(steps)},
            person_id=person_id,
        )
    return plan_id


def set_step_done(db: Database, actor: str, step_id: int, done_on: str | None) -> None:
    """Tick a plan step off (``done_on``) or open it again (``None``); the caller checks
    who may (the newcomer, their coach, or a writer of the newcomer's groups)."""
    with db.atomic():
        before = plan_step(db, step_id)
        if before is None:
            raise ValidationError("coaching.err.no_such_step", step=step_id)
        if before["closed_on"] is not None:
            raise ConflictError("coaching.err.plan_closed")
        done_by = None if done_on is None else actor
        db.execute(
            "UPDATE onboarding_steps SET done_on = ?, done_by = ? WHERE id = ?",
            [done_on, done_by, step_id],
        )
        audit.record(
            db,
            actor,
            "tick" if done_on else "untick",
            "onboarding_step",
            step_id,
            {"done_on": before["done_on"]},
            {"done_on": done_on},
            person_id=before["person_id"],
        )


def close_plan(
    db: Database, actor: str, plan_id: int, closed_on: str, override_reason: str | None = None
) -> None:
    """Close a plan (at graduation or exit), with the reason when a lead overrode open steps."""
    with db.atomic():
        db.execute(
            "UPDATE onboarding_plans SET closed_on = ?, override_reason = ? WHERE id = ?",
            [closed_on, override_reason, plan_id],
        )
        person_id = db.execute(
            "SELECT person_id FROM onboarding_plans WHERE id = ?", [plan_id]
        ).fetchone()[0]
        audit.record(
            db,
            actor,
            "close",
            "onboarding_plan",
            plan_id,
            {"closed_on": None},
            {"closed_on": closed_on, "override_reason": override_reason},
            person_id=person_id,
        )
