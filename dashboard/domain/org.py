"""Rules of the three-tier structure and the write services that enforce them.

Every service runs in one transaction: it validates against the database as it is inside
that transaction, writes through ``db.org`` (which checks access and audits), and either
commits everything or raises a ``ValidationError``/``ConflictError`` and writes nothing.
"""

import math
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlite_utils import Database

from dashboard.domain import rewards
from dashboard.domain.changes import RowChanges
from dashboard.domain.settings import clean_whole_numbers
from db import coaching as coaching_store
from db import org as store
from db.access import require_write, subtree_ids
from db.errors import ConflictError, ValidationError
from db.schema import EXIT_REASONS, TIERS

PARENT_TIER = {"management": None, "core": "management", "ordinary": "core"}
# longest names, in characters: enough for 「读书会·北京朝阳区第三分会」-style names, short
# enough that the org tree and tables stay readable
MAX_GROUP_NAME = 40
MAX_PERSON_NAME = 40

Problem = tuple[str, dict]  # (i18n key, params)


def _blank(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def clean_capacity(value: object) -> int | None:
    """A capacity from a form or grid cell: blank → no limit; else a positive whole number."""
    if _blank(value):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValidationError("org.err.capacity_number", value=value) from None
    if not math.isfinite(number) or number != int(number) or number < 1:
        raise ValidationError("org.err.capacity_number", value=value)
    return int(number)


def group_problems(
    db: Database,
    *,
    name: object,
    tier: str,
    parent_id: int | None,
    capacity: int | None,
    group_id: int | None = None,
) -> list[Problem]:
    """Everything wrong with a group's fields, as i18n keys with parameters."""
    problems: list[Problem] = []
    if _blank(name):
        problems.append(("org.err.name_empty", {}))
    elif len(str(name).strip()) > MAX_GROUP_NAME:
        problems.append(
            ("org.err.name_too_long", {"limit": MAX_GROUP_NAME, "length": len(str(name).strip())})
        )
    else:
        other = store.live_group_named(db, str(name))
        if other is not None and other["id"] != group_id:
            problems.append(("org.err.name_taken", {"name": str(name).strip()}))
    if tier not in TIERS:
        problems.append(("org.err.tier_unknown", {"tier": tier}))
        return problems
    wanted_parent_tier = PARENT_TIER[tier]
    if wanted_parent_tier is None:
        if parent_id is not None:
            problems.append(("org.err.management_has_parent", {}))
    elif parent_id is None:
        problems.append(
            (f"org.err.parent_missing.{tier}", {"tier": tier, "parent_tier": wanted_parent_tier})
        )
    else:
        parent = store.group(db, parent_id)
        if parent is None or parent["archived_on"] is not None:
            problems.append(("org.err.parent_archived", {}))
        elif parent["tier"] != wanted_parent_tier:
            problems.append(
                (
                    f"org.err.parent_tier.{tier}",
                    {"tier": tier, "parent_tier": wanted_parent_tier, "parent": parent["name"]},
                )
            )
        if group_id is not None and parent_id in subtree_ids(db, group_id):
            problems.append(("org.err.cycle", {}))
    if group_id is not None and capacity is not None:
        count = store.head_count(db, group_id)
        if capacity < count:
            problems.append(
                ("org.err.capacity_below_count", {"capacity": capacity, "count": count})
            )
    return problems


def _raise_first(problems: list[Problem]) -> None:
    if problems:
        key, params = problems[0]
        raise ValidationError(key, row_errors=[("", k, p) for k, p in problems], **params)


def create_group(
    db: Database,
    actor: str,
    *,
    name: str,
    tier: str,
    parent_id: int | None,
    today: date,
    purpose: str = "",
    platform: str = "",
    capacity: object = None,
) -> int:
    """Create a live group after checking the tier rules; returns its id."""
    capacity = clean_capacity(capacity)
    with db.atomic():
        _raise_first(
            group_problems(db, name=name, tier=tier, parent_id=parent_id, capacity=capacity)
        )
        return store.insert_group(
            db,
            actor,
            {
                "name": name.strip(),
                "tier": tier,
                "parent_id": parent_id,
                "purpose": purpose,
                "platform": platform,
                "capacity": capacity,
            },
            today.isoformat(),
        )


def archive_problems(db: Database, group_id: int) -> list[Problem]:
    """Why a group cannot be archived yet (members, live sub-groups), if it cannot."""
    problems: list[Problem] = []
    group = store.group(db, group_id)
    if group is None:
        return [("org.err.no_such_group", {"group": group_id})]
    if group["archived_on"] is not None:
        problems.append(("org.err.already_archived", {"group": group["name"]}))
    count = store.head_count(db, group_id)
    if count:
        problems.append(("org.err.archive_has_members", {"group": group["name"], "count": count}))
    live_children = store.children(db, group_id)
    if live_children:
        problems.append(
            ("org.err.archive_has_children", {"group": group["name"], "count": len(live_children)})
        )
    return problems


def archive_group(
    db: Database, actor: str, group_id: int, today: date, expected_version: int | None = None
) -> None:
    """Archive an empty group with no live sub-groups."""
    with db.atomic():
        _raise_first(archive_problems(db, group_id))
        store.archive_group(db, actor, group_id, today.isoformat(), expected_version)


# ---------------------------------------------------------------- the groups grid


GRID_EDITABLE = ("name", "purpose", "platform", "parent_id", "capacity")


def apply_group_grid(db: Database, actor: str, changes: RowChanges, today: date) -> dict:
    """Apply the groups grid's changes (keyed by group id) in one transaction, or nothing.

    Edited rows update their group (checked against the version in ``changes.seen``) and
    may hand it to another owner (``owner_id``); added rows create groups; deleted rows
    archive them. Every row's problems are collected; if any, everything is rolled back
    and a ``ValidationError`` lists them as ``row_errors`` ``(row label, key, params)``.
    Returns counts of what was done and ``created_ids`` in the order the rows were added.
    """
    row_errors: list[tuple[str, str, dict]] = []
    done: dict = {"updated": 0, "created": 0, "archived": 0, "created_ids": []}
    place = {group_id: index for index, group_id in enumerate(changes.seen)}
    try:
        with db.atomic():
            for group_id in sorted(changes.edited, key=place.__getitem__):  # as shown
                edits = changes.edited[group_id]
                if group_id in changes.deleted:
                    continue  # archiving wins over editing the same row
                row = changes.seen[group_id]
                label = row["name"]
                try:
                    current = store.group(db, row["id"])
                    if current is None or current["version"] != row["version"]:
                        raise ConflictError("org.err.conflict_group", group=row["name"])
                    if "tier" in edits and edits["tier"] != current["tier"]:
                        # a tier change would orphan or misplace sub-groups: split/merge instead
                        row_errors.append((label, "org.err.tier_fixed", {}))
                        continue
                    patch = {k: v for k, v in edits.items() if k in GRID_EDITABLE}
                    if "name" in patch and not _blank(patch["name"]):
                        patch["name"] = str(patch["name"]).strip()
                    if "capacity" in patch:
                        patch["capacity"] = clean_capacity(patch["capacity"])
                    for text_field in ("purpose", "platform"):
                        if text_field in patch and _blank(patch[text_field]):
                            patch[text_field] = ""
                    merged = {**current, **patch}
                    problems = group_problems(
                        db,
                        name=merged["name"],
                        tier=current["tier"],
                        parent_id=merged["parent_id"],
                        capacity=merged["capacity"],
                        group_id=current["id"],
                    )
                    if problems:
                        row_errors.extend((label, k, p) for k, p in problems)
                        continue
                    patch = {k: v for k, v in patch.items() if current[k] != v}
                    if patch:
                        store.update_group(db, actor, current["id"], patch, current["version"])
                    owner_changed = "owner_id" in edits and set_owner(
                        db, actor, current["id"], edits["owner_id"], today
                    )
                    if patch or owner_changed:
                        done["updated"] += 1
                except (ValidationError, ConflictError) as error:
                    row_errors.append((label, error.key, error.params))
            for position, new_row in enumerate(changes.added, start=1):
                label = f"+{position}"
                try:
                    capacity = clean_capacity(new_row.get("capacity"))
                    name = new_row.get("name")
                    tier = new_row.get("tier") or ""
                    problems = group_problems(
                        db,
                        name=name,
                        tier=tier,
                        parent_id=new_row.get("parent_id"),
                        capacity=capacity,
                    )
                    if problems:
                        row_errors.extend((label, k, p) for k, p in problems)
                        continue
                    group_id = store.insert_group(
                        db,
                        actor,
                        {
                            "name": str(name).strip(),
                            "tier": tier,
                            "parent_id": new_row.get("parent_id"),
                            "purpose": "" if _blank(new_row.get("purpose")) else new_row["purpose"],
                            "platform": ""
                            if _blank(new_row.get("platform"))
                            else new_row["platform"],
                            "capacity": capacity,
                        },
                        today.isoformat(),
                    )
                    if new_row.get("owner_id") is not None:
                        set_owner(db, actor, group_id, new_row["owner_id"], today)
                    done["created"] += 1
                    done["created_ids"].append(group_id)
                except ValidationError as error:
                    row_errors.append((label, error.key, error.params))
            for group_id in sorted(changes.deleted, key=place.__getitem__):
                row = changes.seen[group_id]
                problems = archive_problems(db, row["id"])
                if problems:
                    row_errors.extend((row["name"], k, p) for k, p in problems)
                    continue
                try:
                    store.archive_group(db, actor, row["id"], today.isoformat(), row["version"])
                    done["archived"] += 1
                except ConflictError as error:
                    row_errors.append((row["name"], error.key, error.params))
            if row_errors:
                raise ValidationError("org.err.grid", row_errors=row_errors, count=len(row_errors))
    except sqlite3.IntegrityError as error:  # a constraint the rules above did not foresee
        raise ValidationError("org.err.integrity", detail=str(error)) from error
    return done


# ---------------------------------------------------------------- people


def _require_room(db: Database, group_id: int, person_id: int | None, extra: int = 1) -> None:
    group = store.group(db, group_id)
    if group is None:
        raise ValidationError("org.err.no_such_group", group=group_id)
    if group["archived_on"] is not None:
        raise ValidationError("org.err.group_archived", group=group["name"])
    if person_id is not None and group_id in store.person_groups(db, person_id):
        return  # already counted in the head count
    count = store.head_count(db, group_id)
    if group["capacity"] is not None and count + extra > group["capacity"]:
        raise ValidationError(
            "org.err.over_capacity", group=group["name"], capacity=group["capacity"], count=count
        )


def _require_role_fits(db: Database, role_id: int, group_id: int) -> None:
    """The role exists and, if it belongs to one tier (an editor works in ordinary groups),
    the group is of that tier."""
    role = store.role(db, role_id)
    if role is None:
        raise ValidationError("org.err.no_such_role", role=role_id)
    group = store.group(db, group_id)
    if role["tier"] is not None and group is not None and group["tier"] != role["tier"]:
        raise ValidationError(
            f"org.err.role_tier.{role['tier']}",
            role=role["name"],
            role_zh=role["name_zh"],
            tier=role["tier"],
        )


def require_present(
    db: Database,
    person_id: int,
    missing: str = "org.err.no_such_person",
    left: str = "org.err.person_left",
) -> dict:
    """The person ``person_id``, still on the team; else ``ValidationError(missing,
    person=id)`` or ``ValidationError(left, person=name)`` (each area names its own)."""
    person = store.person(db, person_id)
    if person is None:
        raise ValidationError(missing, person=person_id)
    if person["status"] == "left":
        raise ValidationError(left, person=person["name"])
    return person


def _joined(db: Database, actor: str, person_id: int, role_id: int, today: date) -> None:
    """Let the areas start what a join starts (a newcomer's onboarding plan), in the
    join's transaction."""
    from dashboard.areas import joiner_hooks  # here: the registry imports this module

    for on_person_joined in joiner_hooks():
        on_person_joined(db, actor, person_id, role_id, today)


def add_person(
    db: Database,
    actor: str,
    *,
    name: str,
    group_id: int,
    role_id: int,
    today: date,
    handle: str = "",
    status: str = "newcomer",
    source: str | None = None,
    referred_by: int | None = None,
    max_mentees: int = 3,
) -> int:
    """Add a person to the team, with a first membership; returns the person's id."""
    if _blank(name):
        raise ValidationError("org.err.person_name_empty")
    if len(name.strip()) > MAX_PERSON_NAME:
        raise ValidationError(
            "org.err.person_name_too_long", limit=MAX_PERSON_NAME, length=len(name.strip())
        )
    if source == "referral" and referred_by is None:
        raise ValidationError("org.err.referral_needs_referrer")
    with db.atomic():
        _require_room(db, group_id, None)
        _require_role_fits(db, role_id, group_id)
        person_id = store.insert_person(
            db,
            actor,
            {
                "name": name.strip(),
                "handle": handle.strip(),
                "joined_on": today.isoformat(),
                "status": status,
                "source": source,
                "referred_by": referred_by,
                "max_mentees": max_mentees,
            },
            group_id=group_id,
        )
        store.open_membership(db, actor, person_id, group_id, role_id, today.isoformat())
        _joined(db, actor, person_id, role_id, today)
    return person_id


def _open_membership(db: Database, membership_id: int) -> dict:
    membership = store.membership(db, membership_id)
    if membership is None:
        raise ValidationError("org.err.no_such_membership", membership=membership_id)
    if membership["end_on"] is not None:
        raise ConflictError("org.err.conflict_membership", membership=membership_id)
    return membership


def _move_membership(
    db: Database, actor: str, membership: dict, to_group_id: int, today: date
) -> int | None:
    """End ``membership`` as a move out to ``to_group_id`` and open the same role there as
    a move in; returns the new membership id (``None`` when the person already held that
    role there: the old one only ends)."""
    store.end_membership(
        db,
        actor,
        membership["id"],
        today.isoformat(),
        action="move_out",
        after={"to_group_id": to_group_id},
    )
    if store.holds_role(db, membership["person_id"], to_group_id, membership["role_id"]):
        return None
    return store.open_membership(
        db,
        actor,
        membership["person_id"],
        to_group_id,
        membership["role_id"],
        today.isoformat(),
        action="move_in",
        before={"group_id": membership["group_id"], "membership_id": membership["id"]},
    )


def move_person(
    db: Database, actor: str, membership_id: int, to_group_id: int, today: date
) -> int | None:
    """Move one membership to another group, keeping the role; returns the new membership
    id (``None`` when the person already held that role there)."""
    with db.atomic():
        membership = _open_membership(db, membership_id)
        require_present(db, membership["person_id"])
        if membership["group_id"] == to_group_id:
            raise ValidationError("org.err.same_group")
        _require_room(db, to_group_id, membership["person_id"])
        return _move_membership(db, actor, membership, to_group_id, today)


def change_role(db: Database, actor: str, membership_id: int, role_id: int, today: date) -> int:
    """Give a person another role in the same group (history keeps the old one)."""
    with db.atomic():
        membership = _open_membership(db, membership_id)
        require_present(db, membership["person_id"])
        if membership["role_id"] == role_id:
            raise ValidationError("org.err.same_role")
        _require_role_fits(db, role_id, membership["group_id"])
        if store.holds_role(db, membership["person_id"], membership["group_id"], role_id):
            raise ValidationError("org.err.already_member")
        store.end_membership(
            db,
            actor,
            membership_id,
            today.isoformat(),
            action="role_out",
            after={"to_role_id": role_id},
        )
        return store.open_membership(
            db,
            actor,
            membership["person_id"],
            membership["group_id"],
            role_id,
            today.isoformat(),
            action="role_in",
            before={"role_id": membership["role_id"], "membership_id": membership_id},
        )


def set_owner(db: Database, actor: str, group_id: int, person_id: int | None, today: date) -> bool:
    """Make ``person_id`` the group's owner (群主), or leave the group without one (``None``).

    A replaced owner stays in the group as a member unless they hold another role there.
    Returns whether anything changed.
    """
    with db.atomic():
        owner = store.role_by_code(db, "owner")
        if owner is None:
            raise ValidationError("org.err.no_such_role", role="owner")
        owners = [
            m for m in store.memberships(db, group_id=group_id) if m["role_id"] == owner["id"]
        ]
        if [m["person_id"] for m in owners] == ([] if person_id is None else [person_id]):
            return False
        if person_id is not None:
            require_present(db, person_id)
            _require_room(db, group_id, person_id)
        member = store.role_by_code(db, "member")
        for held in owners:
            if held["person_id"] == person_id:
                continue
            store.end_membership(db, actor, held["id"], today.isoformat(), action="role_out")
            still_in = group_id in store.person_groups(db, held["person_id"])
            if member is not None and not still_in:
                store.open_membership(
                    db,
                    actor,
                    held["person_id"],
                    group_id,
                    member["id"],
                    today.isoformat(),
                    action="role_in",
                    before={"role_id": owner["id"], "membership_id": held["id"]},
                )
        if person_id is not None and person_id not in {m["person_id"] for m in owners}:
            store.open_membership(db, actor, person_id, group_id, owner["id"], today.isoformat())
        return True


def join_group(
    db: Database, actor: str, person_id: int, group_id: int, role_id: int, today: date
) -> int:
    """Give a person an (additional) role in a group."""
    with db.atomic():
        require_present(db, person_id)
        _require_room(db, group_id, person_id)
        _require_role_fits(db, role_id, group_id)
        if store.holds_role(db, person_id, group_id, role_id):
            raise ValidationError("org.err.already_member")
        membership_id = store.open_membership(
            db, actor, person_id, group_id, role_id, today.isoformat()
        )
        _joined(db, actor, person_id, role_id, today)
        return membership_id


def mark_left(
    db: Database, actor: str, person_id: int, exit_reason: str, today: date, note: str = ""
) -> None:
    """Record that a person left: every open membership ends, with the exit reason."""
    from dashboard.areas import leaver_hooks  # here: the registry imports this module

    if exit_reason not in EXIT_REASONS:
        raise ValidationError("org.err.exit_reason", reason=exit_reason)
    with db.atomic():
        person = require_present(db, person_id)
        open_memberships = store.memberships(db, person_id=person_id)
        # the person row first: its access check needs the groups they are still in
        store.update_person(
            db,
            actor,
            person_id,
            {
                "status": "left",
                "left_on": today.isoformat(),
                "exit_reason": exit_reason,
                "exit_note": note.strip(),
            },
            expected_version=person["version"],
            action="leave",
        )
        for membership in open_memberships:
            store.end_membership(db, actor, membership["id"], today.isoformat())
        # the areas close what a leaver leaves open (candidacies, coaching, handovers,
        # concerns), in the same transaction as the exit
        for on_person_left in leaver_hooks():
            on_person_left(db, actor, person_id, today)


# ---------------------------------------------------------------- split and merge


def split_group(
    db: Database,
    actor: str,
    group_id: int,
    *,
    new_name: str,
    veteran_ids: list[int],
    today: date,
    keep_in_old: bool = False,
    purpose: str = "",
    owner_id: int | None = None,
    override_reason: str = "",
) -> int:
    """Split the book's way (交叉法): a new group beside the old one, seeded with chosen
    veterans so the culture carries over. Veterans move (or, with ``keep_in_old``, join
    the new group too); ``owner_id``, if given, owns the new group.

    The readiness checks (``READINESS_CHECKS``) are run in the same transaction; if one
    fails, the split needs ``override_reason``, which the audit row keeps with the failed
    checks. Returns the new group's id."""
    if not veteran_ids:
        raise ValidationError("org.err.split_needs_veterans")
    with db.atomic():
        old = store.group(db, group_id)
        if old is None or old["archived_on"] is not None:
            raise ValidationError("org.err.group_archived", group=group_id)
        members = [m for m in store.memberships(db, group_id=group_id)]
        chosen = [m for m in members if m["person_id"] in set(veteran_ids)]
        missing = set(veteran_ids) - {m["person_id"] for m in chosen}
        if missing:
            raise ValidationError("org.err.split_not_member", count=len(missing))
        # who may not split this group hears so before whether it is ready
        require_write(db, actor, [group_id, old["parent_id"]])
        _raise_first(
            group_problems(
                db,
                name=new_name,
                tier=old["tier"],
                parent_id=old["parent_id"],
                capacity=old["capacity"],
            )
        )
        plan = SplitPlan(group_id, tuple(veteran_ids), owner_id, today)
        failed = [check.key for check in split_readiness(db, plan) if not check.passed]
        reason = "" if _blank(override_reason) else override_reason.strip()
        if failed and not reason:
            raise ValidationError("org.err.split_not_ready", group=old["name"], count=len(failed))
        new_id = create_group(
            db,
            actor,
            name=new_name,
            tier=old["tier"],
            parent_id=old["parent_id"],
            today=today,
            purpose=purpose or old["purpose"],
            platform=old["platform"],
            capacity=old["capacity"],
        )
        store.record_split(
            db,
            actor,
            new_id,
            group_id,
            {"failed_checks": failed, "override_reason": reason} if failed else {},
        )
        for membership in chosen:
            if keep_in_old:
                store.open_membership(
                    db,
                    actor,
                    membership["person_id"],
                    new_id,
                    membership["role_id"],
                    today.isoformat(),
                )
            else:
                _move_membership(db, actor, membership, new_id, today)
        if owner_id is not None:
            set_owner(db, actor, new_id, owner_id, today)
        return new_id


# ---------------------------------------------------------------- lifecycle

STAGES = ("new", "growing", "mature", "ageing")
SETTING_BOUNDS = {  # whole numbers within these bounds
    "new_months": (1, 24),
    "mature_months": (2, 60),
    "ageing_months": (3, 120),
    "split_veterans": (1, 50),
    "veteran_months": (0, 60),
    "split_coach_slots": (0, 100),
    "split_budget": (0, 10_000_000),
}


def age_months(created_on: date, today: date) -> int:
    """Whole months from ``created_on`` to ``today`` (a group created on 15 March is one
    month old on 15 April)."""
    months = (today.year - created_on.year) * 12 + today.month - created_on.month
    return max(0, months - (today.day < created_on.day))


def lifecycle_stage(created_on: date, today: date, settings: dict) -> str:
    """``new`` (younger than ``new_months``), ``growing``, ``mature`` (from
    ``mature_months``) or ``ageing`` (from ``ageing_months``: the book's groups live about
    two years)."""
    months = age_months(created_on, today)
    if months < settings["new_months"]:
        return "new"
    if months < settings["mature_months"]:
        return "growing"
    if months < settings["ageing_months"]:
        return "mature"
    return "ageing"


def clean_settings(values: dict) -> dict[str, int]:
    """Validate lifecycle and readiness thresholds: whole numbers within bounds."""
    return clean_whole_numbers(values, SETTING_BOUNDS, "org")


def save_settings(db: Database, actor: str, values: dict) -> dict[str, int]:
    """Store new thresholds (team-wide) and return the ones in force."""
    clean = clean_settings(values)
    with db.atomic():
        merged = {**store.settings(db), **clean}
        if not merged["new_months"] < merged["mature_months"] < merged["ageing_months"]:
            raise ValidationError(
                "org.err.stage_order",
                new=merged["new_months"],
                mature=merged["mature_months"],
                ageing=merged["ageing_months"],
            )
        store.save_settings(db, actor, clean)
        return store.settings(db)


# ---------------------------------------------------------------- split readiness


@dataclass(frozen=True)
class SplitPlan:
    """A split as the form describes it, before it is made."""

    group_id: int
    veteran_ids: tuple[int, ...]
    owner_id: int | None
    today: date


@dataclass(frozen=True)
class Check:
    """One readiness check: passed or not, and why (an i18n key and its parameters)."""

    key: str
    passed: bool
    evidence: str
    params: dict


ReadinessCheck = Callable[[Database, SplitPlan, dict], Check]


def core_family(db: Database, group_id: int) -> tuple[int, list[int]]:
    """The core group a group belongs to (itself, or its parent for an ordinary group) and
    the ids of that core group and its live ordinary groups."""
    group = store.group(db, group_id)
    core_id = group_id if group["tier"] != "ordinary" else group["parent_id"]
    return core_id, [core_id, *(child["id"] for child in store.children(db, core_id))]


def veterans_check(db: Database, plan: SplitPlan, settings: dict) -> Check:
    """Enough chosen veterans are available: active (not newcomers), in the group for
    ``veteran_months`` at least, and carrying no key role (owner, admin, coach...)."""
    need, months = settings["split_veterans"], settings["veteran_months"]
    facts = (
        store.veteran_facts(db, plan.group_id, list(plan.veteran_ids)) if plan.veteran_ids else []
    )
    short, busy, ready = [], [], []
    for person in facts:
        if person["key_roles"]:
            busy.append(person)
        elif (
            person["status"] != "active"
            or person["since"] is None
            or age_months(date.fromisoformat(person["since"]), plan.today) < months
        ):
            short.append(person["name"])
        else:
            ready.append(person["name"])
    return Check(
        "veterans",
        len(ready) >= need,
        "org.ready.veterans.evidence",
        {
            "available": len(ready),
            "chosen": len(facts),
            "need": need,
            "months": months,
            "short": ", ".join(short) or "—",
            "busy": "; ".join(f"{p['name']} ({p['key_roles']})" for p in busy) or "—",
            "busy_zh": "；".join(f"{p['name']}（{p['key_roles_zh']}）" for p in busy) or "—",
        },
    )


def owner_check(db: Database, plan: SplitPlan, settings: dict) -> Check:
    """A ready owner on the talent bench: someone at stage ``ready`` for 群主 in the core
    group or its ordinary groups; if the form names the new owner, that person."""
    _core, family = core_family(db, plan.group_id)
    ready = store.ready_for_role(db, "owner", family)
    names = ", ".join(f"{row['person_name']} ({row['group_name']})" for row in ready[:3])
    if plan.owner_id is None:
        return Check(
            "owner",
            bool(ready),
            "org.ready.owner.evidence",
            {"count": len(ready), "names": names or "—"},
        )
    chosen = store.person(db, plan.owner_id)
    is_ready = any(row["person_id"] == plan.owner_id for row in ready)
    return Check(
        "owner",
        is_ready,
        "org.ready.owner.chosen_ready" if is_ready else "org.ready.owner.chosen_not_ready",
        {"name": chosen["name"] if chosen else f"#{plan.owner_id}", "names": names or "—"},
    )


def coach_check(db: Database, plan: SplitPlan, settings: dict) -> Check:
    """The core group's coaches (people the coaching area counts as coaches, in the core
    group or its ordinary groups) have ``split_coach_slots`` free slots for newcomers."""
    need = settings["split_coach_slots"]
    _core, family = core_family(db, plan.group_id)
    people = {m["person_id"] for gid in family for m in store.memberships(db, group_id=gid)}
    free = {
        coach["name"]: coach["max_mentees"] - coach["load"]
        for coach in coaching_store.eligible_coaches(db)
        if coach["id"] in people
        and coach["holds_coach_role"]
        and coach["max_mentees"] > coach["load"]
    }
    slots = sum(free.values())
    names = ", ".join(f"{name} ({count})" for name, count in sorted(free.items())[:4])
    return Check(
        "coaches",
        slots >= need,
        "org.ready.coaches.evidence",
        {"slots": slots, "need": need, "coaches": len(free), "names": names or "—"},
    )


def one_split_check(db: Database, plan: SplitPlan, settings: dict) -> Check:
    """No other split in progress in the same core group: no live group split from the
    core group or one of its ordinary groups is still new (younger than ``new_months``)."""
    core_id, family = core_family(db, plan.group_id)
    in_progress = [
        row
        for row in store.split_children(db, family)
        if lifecycle_stage(date.fromisoformat(row["created_on"]), plan.today, settings) == "new"
    ]
    core = store.group(db, core_id)
    return Check(
        "one_split",
        not in_progress,
        "org.ready.one_split.busy" if in_progress else "org.ready.one_split.free",
        {
            "core": core["name"],
            "group": in_progress[0]["name"] if in_progress else "",
            "day": in_progress[0]["created_on"] if in_progress else "",
            "months": settings["new_months"],
        },
    )


def budget_check(db: Database, plan: SplitPlan, settings: dict) -> Check:
    """Money for the new group: the rewards ledger's budget of the group being split for
    this quarter (or, when it has none, its core group's) has ``split_budget`` left. No
    budget at all passes only when nothing is asked (``split_budget`` 0)."""
    need = settings["split_budget"]
    core_id, _family = core_family(db, plan.group_id)
    for group_id in dict.fromkeys((plan.group_id, core_id)):
        budget = rewards.budget_left(db, group_id, plan.today)
        if budget is not None:
            return Check(
                "budget",
                budget["left"] >= need,
                "org.ready.budget.evidence",
                {"group": store.group(db, group_id)["name"], "need": need, **budget},
            )
    return Check(
        "budget",
        need == 0,
        "org.ready.budget.none",
        {"group": store.group(db, plan.group_id)["name"], "need": need},
    )


# the checklist of a split, in the order the form shows it; an area adds its own check
# with one more entry
READINESS_CHECKS: list[ReadinessCheck] = [
    veterans_check,
    owner_check,
    coach_check,
    budget_check,
    one_split_check,
]


def split_readiness(db: Database, plan: SplitPlan, settings: dict | None = None) -> list[Check]:
    """Every readiness check of ``plan``, in order."""
    settings = settings or store.settings(db)
    return [check(db, plan, settings) for check in READINESS_CHECKS]


def merge_groups(db: Database, actor: str, source_id: int, target_id: int, today: date) -> int:
    """Merge ``source`` into ``target``: members and sub-groups move, the emptied source is
    archived. Returns how many memberships moved."""
    if source_id == target_id:
        raise ValidationError("org.err.merge_same")
    with db.atomic():
        source, target = store.group(db, source_id), store.group(db, target_id)
        for group in (source, target):
            if group is None or group["archived_on"] is not None:
                raise ValidationError("org.err.group_archived", group=(group or {}).get("name"))
        if source["tier"] != target["tier"]:
            raise ValidationError(
                "org.err.merge_tier", source=source["name"], target=target["name"]
            )
        incoming = store.memberships(db, group_id=source_id)
        target_members = store.memberships(db, group_id=target_id)
        target_people = {m["person_id"] for m in target_members}
        new_people = {m["person_id"] for m in incoming} - target_people
        if (
            target["capacity"] is not None
            and len(target_people) + len(new_people) > target["capacity"]
        ):
            raise ValidationError(
                "org.err.merge_capacity",
                target=target["name"],
                capacity=target["capacity"],
                count=len(target_people) + len(new_people),
            )
        target_roles = {(m["person_id"], m["role_id"]) for m in target_members}
        for membership in incoming:
            key = (membership["person_id"], membership["role_id"])
            if key in target_roles:  # they hold that role there already
                store.end_membership(db, actor, membership["id"], today.isoformat())
                continue
            _move_membership(db, actor, membership, target_id, today)
            target_roles.add(key)
        for child in store.children(db, source_id):
            store.update_group(db, actor, child["id"], {"parent_id": target_id}, child["version"])
        store.archive_group(db, actor, source_id, today.isoformat())
        return len(incoming)


# ---------------------------------------------------------------- what needs a lead


def alerts(db: Database, today: date) -> list:
    """Structure problems a lead must act on: live groups without an owner, full groups."""
    from dashboard.domain.alerts import Alert

    found = []
    for group in store.groups(db):
        if group["lead_name"] is None:
            found.append(
                Alert(
                    kind="group_without_owner",
                    severity="high" if group["tier"] != "ordinary" else "medium",
                    key="org.alert.no_owner",
                    area="org",
                    params={"group": group["name"]},
                    group_id=group["id"],
                )
            )
        if group["capacity"] is not None and group["head_count"] >= group["capacity"]:
            found.append(
                Alert(
                    kind="group_full",
                    severity="low",
                    key="org.alert.full",
                    area="org",
                    params={
                        "group": group["name"],
                        "count": group["head_count"],
                        "capacity": group["capacity"],
                    },
                    group_id=group["id"],
                )
            )
    return found
