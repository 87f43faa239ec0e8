"""Rules of the talent bench: candidacies, the stage path, appointing a successor, bench
coverage of key roles and discovery channels. No Streamlit here.

The stage path is ``spotted → observer → trial → ready → appointed``. A candidacy moves
one step forward, or one step back (a lead may find an observer not yet ready for a
trial; ``appointed`` and ``dropped`` are final). Any open stage may go to ``dropped``
with a reason. ``appointed`` is reached only from ``ready``, by ``appoint``, which hands
the role over in the same transaction.

Coverage of a key role in a group: ``covered`` when at least one successor is at stage
``ready`` (ready now); otherwise at risk — ``no_ready`` when someone observes or is on
trial, ``no_observer`` when nobody even shadows the holder(s), ``vacant`` when nobody
holds the role. (A single holder with no observer is therefore always at risk.)
"""

import re
from datetime import date

from sqlite_utils import Database

from dashboard.domain import manuals
from dashboard.domain import org as org_rules
from dashboard.domain.alerts import Alert
from dashboard.domain.changes import RowChanges
from db import org as org_store
from db import pipeline as store
from db.access import require_leaver_write
from db.errors import ValidationError
from db.pipeline import DROP_REASONS, OPEN_STAGES, READINESS
from db.schema import SOURCES, TIERS

PATH = ("spotted", "observer", "trial", "ready", "appointed")
START_STAGES = ("spotted", "observer")
AT_RISK = ("vacant", "no_observer", "no_ready")
COVERAGE_STATUSES = ("vacant", "no_observer", "no_ready", "covered")
AREA = "pipeline"
ROLE_CODE = re.compile(r"^[a-z][a-z0-9_]{1,30}$")
AUTO = -1  # ``replace_membership_id=AUTO``: replace the single holder, refuse if several


# ---------------------------------------------------------------- the stage path


def move_problem(from_stage: str, to_stage: str) -> tuple[str, dict] | None:
    """Why a move from one stage to another is refused (i18n key, params), or ``None``."""
    if from_stage not in OPEN_STAGES:
        return "pipeline.err.closed", {"stage": from_stage}
    if to_stage == from_stage:
        return "pipeline.err.same_stage", {"stage": to_stage}
    if to_stage == "dropped":
        return None
    if to_stage not in PATH:
        return "pipeline.err.unknown_stage", {"stage": to_stage}
    step = PATH.index(to_stage) - PATH.index(from_stage)
    if step in (1, -1):
        return None
    return "pipeline.err.one_step", {"from_stage": from_stage, "to_stage": to_stage}


def allowed_moves(stage: str) -> list[str]:
    """The stages a candidacy at ``stage`` may move to (``dropped`` included)."""
    return [s for s in (*PATH, "dropped") if move_problem(stage, s) is None]


def _raise(problem: tuple[str, dict] | None) -> None:
    if problem is not None:
        key, params = problem
        raise ValidationError(key, **params)


# ---------------------------------------------------------------- candidacies


def _require_candidate(db: Database, person_id: int) -> dict:
    return org_rules.require_present(
        db, person_id, "pipeline.err.no_such_person", "pipeline.err.person_left"
    )


def _require_role(db: Database, role_id: int) -> dict:
    role = org_store.role(db, role_id)
    if role is None:
        raise ValidationError("pipeline.err.no_such_role", role=role_id)
    return role


def _require_live_group(db: Database, group_id: int) -> dict:
    group = org_store.group(db, group_id)
    if group is None:
        raise ValidationError("pipeline.err.no_such_group", group=group_id)
    if group["archived_on"] is not None:
        raise ValidationError("pipeline.err.group_archived", group=group["name"])
    return group


def _check_source(db: Database, source: str, referred_by: int | None, person_id: int) -> None:
    if source not in SOURCES:
        raise ValidationError("pipeline.err.source", source=source)
    if source == "referral":
        if referred_by is None:
            raise ValidationError("pipeline.err.referral_needs_referrer")
        if referred_by == person_id:
            raise ValidationError("pipeline.err.self_referral")
        if org_store.person(db, referred_by) is None:
            raise ValidationError("pipeline.err.no_such_person", person=referred_by)


def add_candidacy(
    db: Database,
    actor: str,
    *,
    person_id: int,
    role_id: int,
    group_id: int,
    source: str,
    today: date,
    referred_by: int | None = None,
    readiness: str = "later",
    note: str = "",
    emergency: bool = False,
    stage: str = "spotted",
) -> int:
    """Aim a person at a role in a group (stage ``spotted`` or ``observer``); returns its id."""
    if person_id is None or role_id is None or group_id is None:
        raise ValidationError("pipeline.err.choose")
    if stage not in START_STAGES:
        raise ValidationError("pipeline.err.start_stage", stage=stage)
    if readiness not in READINESS:
        raise ValidationError("pipeline.err.readiness", readiness=readiness)
    with db.atomic():
        person = _require_candidate(db, person_id)
        role = _require_role(db, role_id)
        group = _require_live_group(db, group_id)
        if source != "referral":
            referred_by = None
        _check_source(db, source, referred_by, person_id)
        if any(h["person_id"] == person_id for h in store.holders(db, role_id, group_id)):
            raise ValidationError(
                "pipeline.err.already_holds",
                person=person["name"],
                role=role["name"],
                role_zh=role["name_zh"],
                group=group["name"],
            )
        if store.open_candidacy_for(db, person_id, role_id, group_id) is not None:
            raise ValidationError(
                "pipeline.err.duplicate",
                person=person["name"],
                role=role["name"],
                role_zh=role["name_zh"],
                group=group["name"],
            )
        return store.insert_candidacy(
            db,
            actor,
            {
                "person_id": person_id,
                "role_id": role_id,
                "group_id": group_id,
                "stage": stage,
                "readiness": readiness,
                "source": source,
                "referred_by": referred_by,
                "note": note,
                "emergency": emergency,
            },
            today.isoformat(),
        )


def update_details(
    db: Database,
    actor: str,
    candidacy_id: int,
    *,
    readiness: str,
    source: str,
    referred_by: int | None,
    note: str,
    emergency: bool,
    today: date,
    expected_version: int | None = None,
) -> None:
    """Change readiness, discovery source, note and the emergency-successor flag."""
    if readiness not in READINESS:
        raise ValidationError("pipeline.err.readiness", readiness=readiness)
    with db.atomic():
        current = _open(db, candidacy_id)
        if source != "referral":
            referred_by = None
        _check_source(db, source, referred_by, current["person_id"])
        changes = {
            "readiness": readiness,
            "source": source,
            "referred_by": referred_by,
            "note": note.strip(),
            "emergency": 1 if emergency else 0,
        }
        changes = {k: v for k, v in changes.items() if current[k] != v}
        if not changes:
            return
        store.update_candidacy(
            db, actor, candidacy_id, changes, today.isoformat(), expected_version=expected_version
        )


def _candidacy(db: Database, candidacy_id: int) -> dict:
    current = store.candidacy(db, candidacy_id)
    if current is None:
        raise ValidationError("pipeline.err.no_such_candidacy", candidacy=candidacy_id)
    return current


def _open(db: Database, candidacy_id: int) -> dict:
    current = _candidacy(db, candidacy_id)
    if current["stage"] not in OPEN_STAGES:
        raise ValidationError("pipeline.err.closed", stage=current["stage"])
    return current


def move_stage(
    db: Database,
    actor: str,
    candidacy_id: int,
    to_stage: str,
    today: date,
    *,
    drop_reason: str | None = None,
    expected_version: int | None = None,
    replace_membership_id: int | None = AUTO,
) -> dict | None:
    """Move a candidacy along the path (see the module doc). Moving to ``appointed`` appoints
    (and returns what ``appoint`` returns); ``dropped`` needs a ``drop_reason``."""
    with db.atomic():
        current = _candidacy(db, candidacy_id)
        _raise(move_problem(current["stage"], to_stage))
        if to_stage == "appointed":
            return appoint(
                db,
                actor,
                candidacy_id,
                today,
                replace_membership_id=replace_membership_id,
                expected_version=expected_version,
            )
        if to_stage == "dropped" and drop_reason not in DROP_REASONS:
            raise ValidationError("pipeline.err.drop_reason")
        readiness = None
        if to_stage == "ready":
            readiness = "now"
        elif current["stage"] == "ready" and current["readiness"] == "now":
            readiness = "6m"
        if to_stage != "dropped":
            _require_candidate(db, current["person_id"])
        store.set_stage(
            db,
            actor,
            candidacy_id,
            to_stage,
            today.isoformat(),
            expected_version=expected_version,
            drop_reason=drop_reason,
            readiness=readiness,
        )
    return None


def _only_holder(db: Database, current: dict) -> int | None:
    """The membership an appointment replaces when none is chosen: the single holder's."""
    holders = store.holders(db, current["role_id"], current["group_id"])
    if len(holders) > 1:
        raise ValidationError(
            "pipeline.err.choose_holder",
            role=current["role_name"],
            role_zh=current["role_name_zh"],
            group=current["group_name"],
            count=len(holders),
        )
    return holders[0]["id"] if holders else None


def appoint(
    db: Database,
    actor: str,
    candidacy_id: int,
    today: date,
    *,
    replace_membership_id: int | None = AUTO,
    expected_version: int | None = None,
) -> dict:
    """Appoint a ``ready`` successor, in one transaction: end the holder's membership
    (``replace_membership_id``; ``None`` adds the successor alongside the holders), open
    the successor's (ending their observer seat there), close the candidacy as
    ``appointed`` and start a handover when the manuals area exists.

    Returns ``{"membership_id", "ended_membership_id", "handover_id"}``.
    """
    with db.atomic():
        current = _open(db, candidacy_id)
        _raise(move_problem(current["stage"], "appointed"))
        if current["stage"] != "ready":
            raise ValidationError("pipeline.err.not_ready", person=current["person_name"])
        _require_candidate(db, current["person_id"])
        _require_live_group(db, current["group_id"])
        if replace_membership_id == AUTO:
            replace_membership_id = _only_holder(db, current)
        from_person_id = None
        if replace_membership_id is not None:
            holder = org_store.membership(db, replace_membership_id)
            if (
                holder is None
                or holder["end_on"] is not None
                or holder["role_id"] != current["role_id"]
                or holder["group_id"] != current["group_id"]
            ):
                raise ValidationError("pipeline.err.not_a_holder")
            if holder["person_id"] == current["person_id"]:
                raise ValidationError("pipeline.err.already_holds_plain")
            org_store.end_membership(db, actor, replace_membership_id, today.isoformat())
            from_person_id = holder["person_id"]
        observer_role = org_store.role_by_code(db, "observer")
        for seat in org_store.memberships(db, person_id=current["person_id"]):
            if (
                observer_role is not None
                and seat["group_id"] == current["group_id"]
                and seat["role_id"] == observer_role["id"]
            ):
                org_store.end_membership(db, actor, seat["id"], today.isoformat())
        membership_id = org_rules.join_group(
            db, actor, current["person_id"], current["group_id"], current["role_id"], today
        )
        store.set_stage(
            db,
            actor,
            candidacy_id,
            "appointed",
            today.isoformat(),
            expected_version=expected_version,
            readiness="now",
        )
        handover_id = manuals.start_handover(
            db,
            actor,
            role_id=current["role_id"],
            group_id=current["group_id"],
            from_person_id=from_person_id,
            to_person_id=current["person_id"],
            today=today,
        )
    return {
        "membership_id": membership_id,
        "ended_membership_id": replace_membership_id,
        "handover_id": handover_id,
    }


def on_person_left(db: Database, actor: str, person_id: int, today: date) -> None:
    """Drop a leaver's open candidacies (reason ``left``), inside the exit's transaction."""
    require_leaver_write(db, actor, person_id, today.isoformat())
    for row in store.candidacies(db, open_only=True, person_id=person_id):
        store.set_stage(
            db,
            actor,
            row["id"],
            "dropped",
            today.isoformat(),
            drop_reason="left",
            check_access=False,
        )


# ---------------------------------------------------------------- bench coverage


def coverage_status(holders: int, ready: int, shadowing: int) -> str:
    """``vacant``, ``no_observer``, ``no_ready`` or ``covered`` (see the module doc)."""
    if holders == 0:
        return "vacant"
    if ready > 0:
        return "covered"
    if shadowing == 0:
        return "no_observer"
    return "no_ready"


def coverage(db: Database) -> list[dict]:
    """Every key role in every live group where it is held or sought, with its status and
    ``at_risk``; at-risk positions first."""
    rows = []
    for row in store.key_positions(db):
        status = coverage_status(row["holders"], row["ready"], row["shadowing"])
        rows.append({**row, "status": status, "at_risk": status in AT_RISK})
    order = {status: index for index, status in enumerate(COVERAGE_STATUSES)}
    return sorted(rows, key=lambda r: (order[r["status"]], r["role_id"], r["group_name"]))


def channels(db: Database) -> list[dict]:
    """Per discovery source (all four, even when empty): talents, appointed, conversion."""
    counted = {row["source"]: row for row in store.source_counts(db)}
    result = []
    for source in SOURCES:
        talents = counted.get(source, {}).get("talents", 0)
        appointed = counted.get(source, {}).get("appointed", 0) or 0
        result.append(
            {
                "source": source,
                "talents": talents,
                "appointed": appointed,
                "conversion": round(appointed / talents, 3) if talents else 0.0,
            }
        )
    return result


def alerts(db: Database, today: date) -> list[Alert]:
    """Key roles without a ready successor (vacant or unobserved ones are high severity)."""
    found = []
    for row in coverage(db):
        if not row["at_risk"]:
            continue
        found.append(
            Alert(
                kind=f"key_role_{row['status']}",
                severity="medium" if row["status"] == "no_ready" else "high",
                key=f"pipeline.alert.{row['status']}",
                area=AREA,
                params={
                    "role": row["role_name"],
                    "role_zh": row["role_name_zh"],
                    "group": row["group_name"],
                },
                group_id=row["group_id"],
            )
        )
    return found


# ---------------------------------------------------------------- the role catalogue


def _role_problems(fields: dict) -> list[tuple[str, dict]]:
    problems = []
    if not str(fields.get("name") or "").strip():
        problems.append(("pipeline.err.role_name_empty", {}))
    if not str(fields.get("name_zh") or "").strip():
        problems.append(("pipeline.err.role_name_zh_empty", {}))
    tier = fields.get("tier")
    if tier not in (None, "", *TIERS):
        problems.append(("pipeline.err.role_tier", {"tier": tier}))
    return problems


def _clean_role(fields: dict) -> dict:
    cleaned = {}
    for key in ("name", "name_zh", "description"):
        if key in fields:
            cleaned[key] = str(fields[key] or "").strip()
    if "tier" in fields:
        cleaned["tier"] = fields["tier"] or None
    if "is_key" in fields:
        cleaned["is_key"] = 1 if fields["is_key"] else 0
    return cleaned


def apply_role_grid(db: Database, actor: str, changes: RowChanges) -> int:
    """Save changes to the role catalogue (keyed by role id) in one transaction; returns
    the rows changed.

    ``changes.seen`` are the roles as shown; ``changes.edited`` maps a role id to changed
    fields; ``changes.added`` are new roles (with a ``code``). Every problem is reported
    per row and nothing is saved.
    """
    row_errors, updates, inserts = [], [], []
    roles = changes.seen
    codes = {role["code"] for role in roles.values()} | {r["code"] for r in org_store.roles(db)}
    for role_id, fields in changes.edited.items():
        role = roles[role_id]
        fields = {k: v for k, v in fields.items() if k in store.ROLE_FIELDS}
        for key, params in _role_problems({**role, **fields}):
            row_errors.append((role["code"], key, params))
        updates.append((role_id, _clean_role(fields)))
    for number, added in enumerate(changes.added, start=1):
        code = str(added.get("code") or "").strip().lower()
        label = code or f"+{number}"
        if not ROLE_CODE.match(code):
            row_errors.append((label, "pipeline.err.role_code", {"code": code}))
        elif code in codes:
            row_errors.append((label, "pipeline.err.role_code_taken", {"code": code}))
        codes.add(code)
        for key, params in _role_problems(added):
            row_errors.append((label, key, params))
        inserts.append((code, _clean_role({"is_key": False, **added})))
    if row_errors:
        raise ValidationError(
            "pipeline.err.role_grid", row_errors=row_errors, count=len(row_errors)
        )
    with db.atomic():
        for role_id, changes in updates:
            if changes:
                store.update_role(db, actor, role_id, changes)
        for code, fields in inserts:
            store.insert_role(db, actor, code, fields)
    return len(updates) + len(inserts)


# ---------------------------------------------------------------- board drops


def apply_board_moves(
    db: Database, actor: str, moves: list[tuple[int, str, str]], today: date
) -> list[dict]:
    """Save each dropped card ``(candidacy_id, from_stage, to_stage)`` through ``move_stage``
    (each in its own transaction) and say what happened: ``{"candidacy_id", "person",
    "from_stage", "to_stage", "error"}`` with ``error`` the ``OpsError`` of a refused move.

    A drop on ``dropped`` is refused: dropping needs a reason, which a drag cannot give.
    """
    from db.errors import OpsError

    outcomes = []
    for candidacy_id, from_stage, to_stage in moves:
        current = store.candidacy(db, candidacy_id)
        error = None
        try:
            if current is None:
                raise ValidationError("pipeline.err.no_such_candidacy", candidacy=candidacy_id)
            if current["stage"] != from_stage:
                raise ValidationError("pipeline.err.conflict", person=current["person_name"])
            if to_stage == "dropped" and from_stage in OPEN_STAGES:
                raise ValidationError("pipeline.err.drop_on_board")
            move_stage(
                db, actor, candidacy_id, to_stage, today, expected_version=current["version"]
            )
        except OpsError as refused:
            error = refused
        outcomes.append(
            {
                "candidacy_id": candidacy_id,
                "person": current["person_name"] if current else str(candidacy_id),
                "from_stage": from_stage,
                "to_stage": to_stage,
                "error": error,
            }
        )
    return outcomes
