"""Newcomers and their operations coaches (运营教练): who may coach, ranked suggestions,
balanced auto-assignment within capacity, retrospectives (复盘), onboarding plans per role
(a newcomer's dated steps, ticked off by coach and newcomer) and graduation (the plan done,
or a lead's reason).

Rules, each with its own message: nobody coaches themselves; a coach stays within
``max_mentees``; people who have left neither coach nor are coached; a newcomer has at
most one open coach. Every write service runs in one transaction.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlite_utils import Database

from dashboard.domain import org as org_rules
from dashboard.domain.alerts import Alert
from db import coaching as store
from db import org
from db.access import require_leaver_write, user_row, writable_group_ids, writable_people
from db.errors import AccessDenied, ConflictError, ValidationError

AREA = "coaching"
DEFAULT_UNASSIGNED_DAYS = 7  # a newcomer should have a coach within a week
DEFAULT_RETRO_DAYS = 14  # and a retrospective at least every two weeks
DUE_SOON_DAYS = 7  # onboarding steps due within a week are "this week's"
MAX_PLAN_STEPS = 40
MAX_STEP_TEXT = 200
MAX_DAY_OFFSET = 365

SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}

Reason = tuple[str, dict]  # (i18n key, params)


@dataclass(frozen=True)
class CoachSlot:
    """A person who may coach, with their capacity and current load."""

    id: int
    name: str
    capacity: int
    load: int
    graduated: int = 0
    group_ids: frozenset[int] = frozenset()

    @property
    def free(self) -> int:
        return max(self.capacity - self.load, 0)


@dataclass(frozen=True)
class NewcomerNeed:
    """A newcomer waiting for a coach, with their groups and those groups' parents."""

    id: int
    name: str
    group_ids: frozenset[int] = frozenset()
    parent_ids: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Suggestion:
    """A coach suggested for a newcomer, with a score and the reasons for it."""

    coach_id: int
    name: str
    score: float
    free: int
    reasons: list[Reason] = field(default_factory=list)


@dataclass(frozen=True)
class PlannedPair:
    """One proposed assignment of an auto-assign plan."""

    newcomer_id: int
    newcomer_name: str
    coach_id: int
    coach_name: str
    load_after: int
    capacity: int


# ---------------------------------------------------------------- reading the state


def coach_slots(db: Database, person_id: int | None = None) -> list[CoachSlot]:
    """Everyone eligible to coach (or just ``person_id``, if eligible), with capacity,
    load, record and groups."""
    links = store.group_links(db) if person_id is None else {}
    return [
        CoachSlot(
            id=row["id"],
            name=row["name"],
            capacity=row["max_mentees"],
            load=row["load"],
            graduated=row["graduated"],
            group_ids=frozenset(links.get(row["id"], (set(), set()))[0]),
        )
        for row in store.eligible_coaches(db, person_id)
    ]


def waiting_newcomers(db: Database, actor: str | None = None) -> list[NewcomerNeed]:
    """Newcomers without an open coach, longest-waiting first (only those ``actor`` may
    assign a coach to, if given)."""
    links = store.group_links(db)
    allowed = writable_group_ids(db, actor) if actor is not None else None
    needs = []
    for row in store.newcomers(db):
        if row["coach_id"] is None:
            groups, parents = links.get(row["id"], (set(), set()))
            if allowed is not None and not (groups and groups <= allowed):
                continue
            needs.append(
                NewcomerNeed(row["id"], row["name"], frozenset(groups), frozenset(parents))
            )
    return needs


def _need(db: Database, newcomer_id: int) -> NewcomerNeed:
    person = org.person(db, newcomer_id)
    if person is None:
        raise ValidationError("coaching.err.no_such_person", person=newcomer_id)
    groups, parents = store.group_links(db).get(newcomer_id, (set(), set()))
    return NewcomerNeed(newcomer_id, person["name"], frozenset(groups), frozenset(parents))


# ---------------------------------------------------------------- suggestions


def affinity(newcomer: NewcomerNeed, coach: CoachSlot) -> int:
    """2 if the coach shares one of the newcomer's groups, 1 if the coach sits in one of
    its parent (core) groups, else 0."""
    if newcomer.group_ids & coach.group_ids:
        return 2
    if newcomer.parent_ids & coach.group_ids:
        return 1
    return 0


def rank_coaches(
    newcomer: NewcomerNeed, coaches: list[CoachSlot], group_names: dict[int, str] | None = None
) -> list[Suggestion]:
    """Coaches with room for the newcomer, best first, each with its reasons.

    The score weighs a shared group (3) over the parent core group (2), then the share of
    capacity still free (up to 1) and the past record (0.25 per graduate, up to 1).
    """
    names = group_names or {}
    suggestions = []
    for coach in coaches:
        if coach.id == newcomer.id or coach.free <= 0:
            continue
        reasons: list[Reason] = [
            ("coaching.reason.free", {"free": coach.free, "capacity": coach.capacity})
        ]
        score = coach.free / coach.capacity
        shared = sorted(newcomer.group_ids & coach.group_ids)
        core = sorted(newcomer.parent_ids & coach.group_ids)
        if shared:
            score += 3
            reasons.append(("coaching.reason.same_group", {"group": names.get(shared[0], "")}))
        elif core:
            score += 2
            reasons.append(("coaching.reason.core_group", {"group": names.get(core[0], "")}))
        if coach.graduated:
            score += min(coach.graduated * 0.25, 1.0)
            reasons.append(("coaching.reason.record", {"count": coach.graduated}))
        suggestions.append(Suggestion(coach.id, coach.name, round(score, 3), coach.free, reasons))
    suggestions.sort(key=lambda s: (-s.score, s.name, s.coach_id))
    return suggestions


def suggest_coaches(db: Database, newcomer_id: int) -> list[Suggestion]:
    """Ranked coaches with room for ``newcomer_id`` (their current coach excluded)."""
    current = store.open_coaching_of(db, newcomer_id)
    coaches = [c for c in coach_slots(db) if current is None or c.id != current["coach_id"]]
    return rank_coaches(_need(db, newcomer_id), coaches, store.group_names(db))


# ---------------------------------------------------------------- auto-assign


def plan_assignments(newcomers: list[NewcomerNeed], coaches: list[CoachSlot]) -> list[PlannedPair]:
    """A balanced plan: each newcomer in turn goes to a least-loaded coach with room
    (ties broken by affinity, then free room, then name), so no coach exceeds capacity and
    loads stay as even as capacities allow. Newcomers left over when nobody has room are
    not in the plan."""
    load = {c.id: c.load for c in coaches}
    plan = []
    for newcomer in newcomers:
        open_coaches = [c for c in coaches if c.id != newcomer.id and load[c.id] < c.capacity]
        if not open_coaches:
            continue
        best = min(
            open_coaches,
            key=lambda c: (
                load[c.id],
                -affinity(newcomer, c),
                -(c.capacity - load[c.id]),
                c.name,
                c.id,
            ),
        )
        load[best.id] += 1
        plan.append(
            PlannedPair(
                newcomer.id, newcomer.name, best.id, best.name, load[best.id], best.capacity
            )
        )
    return plan


def propose_plan(db: Database, actor: str | None = None) -> list[PlannedPair]:
    """The auto-assign plan for every newcomer without a coach whom ``actor`` (if given)
    may assign; nothing is written."""
    return plan_assignments(waiting_newcomers(db, actor), coach_slots(db))


def apply_plan(db: Database, actor: str, plan: list[PlannedPair], today: date) -> int:
    """Assign every pair of a shown plan in one transaction (all or nothing); returns the
    number of coachings opened. Each pair is re-checked against the current state."""
    with db.atomic():
        for pair in plan:
            assign_coach(db, actor, pair.newcomer_id, pair.coach_id, today)
    return len(plan)


# ---------------------------------------------------------------- writes


def _coach_problem(db: Database, coach_id: int, newcomer_id: int) -> None:
    if coach_id == newcomer_id:
        raise ValidationError("coaching.err.self")
    coach = org.person(db, coach_id)
    if coach is None:
        raise ValidationError("coaching.err.no_such_person", person=coach_id)
    if coach["status"] == "left":
        raise ValidationError("coaching.err.coach_left", coach=coach["name"])
    slot = next(iter(coach_slots(db, coach_id)), None)
    if slot is None:
        raise ValidationError("coaching.err.not_eligible", coach=coach["name"])
    if slot.load >= slot.capacity:
        raise ValidationError(
            "coaching.err.over_capacity", coach=coach["name"], capacity=slot.capacity
        )


def _present(db: Database, person_id: int) -> dict:
    return org_rules.require_present(
        db, person_id, "coaching.err.no_such_person", "coaching.err.newcomer_left"
    )


def _newcomer(db: Database, newcomer_id: int) -> dict:
    person = _present(db, newcomer_id)
    if person["status"] != "newcomer":
        raise ValidationError("coaching.err.not_newcomer", person=person["name"])
    return person


def assign_coach(db: Database, actor: str, newcomer_id: int, coach_id: int, today: date) -> int:
    """Give a newcomer without a coach an eligible coach with room; returns the coaching id."""
    with db.atomic():
        newcomer = _newcomer(db, newcomer_id)
        current = store.open_coaching_of(db, newcomer_id)
        if current is not None:
            raise ValidationError(
                "coaching.err.already_coached", person=newcomer["name"], coach=current["coach_name"]
            )
        _coach_problem(db, coach_id, newcomer_id)
        return store.insert_coaching(db, actor, coach_id, newcomer_id, today.isoformat())


def reassign_coach(db: Database, actor: str, newcomer_id: int, coach_id: int, today: date) -> int:
    """Move a newcomer to another coach: the open coaching ends ('reassigned') and a new
    one starts, in one transaction. Returns the new coaching id."""
    with db.atomic():
        newcomer = _newcomer(db, newcomer_id)
        current = store.open_coaching_of(db, newcomer_id)
        if current is None:
            raise ValidationError("coaching.err.no_open_coaching", person=newcomer["name"])
        if current["coach_id"] == coach_id:
            raise ValidationError(
                "coaching.err.same_coach", person=newcomer["name"], coach=current["coach_name"]
            )
        _coach_problem(db, coach_id, newcomer_id)
        store.close_coaching(db, actor, current["id"], today.isoformat(), "reassigned")
        return store.insert_coaching(db, actor, coach_id, newcomer_id, today.isoformat())


def end_coaching(db: Database, actor: str, coaching_id: int, today: date) -> None:
    """End a coaching without graduation (the newcomer is left without a coach)."""
    with db.atomic():
        store.close_coaching(db, actor, coaching_id, today.isoformat(), "ended")


def add_retrospective(
    db: Database,
    actor: str,
    person_id: int,
    *,
    author_id: int | None,
    held_on: date,
    goal: str,
    result: str,
    causes: str,
    lessons: str,
    today: date,
    is_final: bool = False,
) -> int:
    """Log a retrospective in the four steps of 复盘; returns its id."""
    steps = {"goal": goal, "result": result, "causes": causes, "lessons": lessons}
    with db.atomic():
        _present(db, person_id)
        if any(not (text or "").strip() for text in steps.values()):
            raise ValidationError("coaching.err.steps_empty")
        if held_on > today:
            raise ValidationError("coaching.err.future_date", day=held_on.isoformat())
        if author_id is not None and org.person(db, author_id) is None:
            raise ValidationError("coaching.err.no_such_person", person=author_id)
        current = store.open_coaching_of(db, person_id)
        return store.insert_retrospective(
            db,
            actor,
            {
                "person_id": person_id,
                "author_id": author_id,
                "coaching_id": current["id"] if current else None,
                "held_on": held_on.isoformat(),
                **{k: v.strip() for k, v in steps.items()},
                "is_final": is_final,
            },
        )


def graduate(
    db: Database,
    actor: str,
    newcomer_id: int,
    *,
    author_id: int | None,
    goal: str,
    result: str,
    causes: str,
    lessons: str,
    today: date,
    override_reason: str = "",
) -> None:
    """A newcomer becomes an active member: a final retrospective is logged, the open
    coaching ends as 'graduated', the onboarding plan closes and the status changes — all in
    one transaction. A plan with steps still open needs ``override_reason`` (a lead's
    decision to graduate anyway, kept with the plan and in the audit log)."""
    with db.atomic():
        newcomer = _newcomer(db, newcomer_id)
        plan = store.open_plan_of(db, newcomer_id)
        reason = (override_reason or "").strip() or None
        if plan is not None:
            left = [s for s in store.plan_steps(db, plan["id"]) if s["done_on"] is None]
            if left and reason is None:
                raise ValidationError(
                    "coaching.err.plan_not_done", person=newcomer["name"], count=len(left)
                )
            store.close_plan(db, actor, plan["id"], today.isoformat(), reason if left else None)
        add_retrospective(
            db,
            actor,
            newcomer_id,
            author_id=author_id,
            held_on=today,
            goal=goal,
            result=result,
            causes=causes,
            lessons=lessons,
            today=today,
            is_final=True,
        )
        current = store.open_coaching_of(db, newcomer_id)
        if current is not None:
            store.close_coaching(db, actor, current["id"], today.isoformat(), "graduated")
        org.update_person(
            db,
            actor,
            newcomer_id,
            {"status": "active"},
            expected_version=newcomer["version"],
            action="graduate",
        )


def on_person_left(db: Database, actor: str, person_id: int, today: date) -> None:
    """Close every open coaching of a leaver, as coach or newcomer (called by
    ``dashboard.domain.org.mark_left`` inside its transaction)."""
    require_leaver_write(db, actor, person_id, today.isoformat())
    for row in store.coachings(db, person_id=person_id, open_only=True):
        try:
            store.close_coaching(
                db, actor, row["id"], today.isoformat(), "left", check_access=False
            )
        except ConflictError:  # closed meanwhile: nothing left to do
            continue
    plan = store.open_plan_of(db, person_id)
    if plan is not None:
        store.close_plan(db, actor, plan["id"], today.isoformat())


# ---------------------------------------------------------------- onboarding plans


def clean_template_steps(rows: list[dict]) -> list[dict]:
    """Template steps from an edited grid (``text``, ``day_offset``, ``owner``,
    ``manual_section``), blank rows dropped, sorted by day offset (stable); every problem is
    a row error ("#n") and nothing is saved while one remains."""
    steps, problems = [], []
    for number, row in enumerate(rows, start=1):
        text = str(row.get("text") or "").strip()
        offset = row.get("day_offset")
        owner = row.get("owner")
        section = str(row.get("manual_section") or "").strip()
        if not text and (offset is None or offset != offset) and not owner and not section:
            continue  # an empty row the grid adds
        label = f"#{number}"
        if not text:
            problems.append((label, "coaching.err.step_text_empty", {}))
        elif len(text) > MAX_STEP_TEXT:
            problems.append((label, "coaching.err.step_text_long", {"max": MAX_STEP_TEXT}))
        try:
            day_offset = int(offset)
            if day_offset != offset:
                raise ValueError
        except (TypeError, ValueError, OverflowError):
            day_offset = None
        if day_offset is None or not 0 <= day_offset <= MAX_DAY_OFFSET:
            problems.append((label, "coaching.err.step_offset", {"max": MAX_DAY_OFFSET}))
        if owner not in store.STEP_OWNERS:
            problems.append((label, "coaching.err.step_owner", {}))
        steps.append(
            {"text": text, "day_offset": day_offset, "owner": owner, "manual_section": section}
        )
    if problems:
        raise ValidationError(
            "coaching.err.template_rows", row_errors=problems, count=len(problems)
        )
    if not steps:
        raise ValidationError("coaching.err.template_empty")
    if len(steps) > MAX_PLAN_STEPS:
        raise ValidationError("coaching.err.template_long", max=MAX_PLAN_STEPS)
    return sorted(steps, key=lambda s: s["day_offset"])


def save_template(
    db: Database, actor: str, *, role_id: int, rows: list[dict], today: date, note: str = ""
) -> int:
    """Save edited steps as the next version of a role's onboarding template (refused when
    nothing changed); returns the version id. Plans already started keep their steps."""
    steps = clean_template_steps(rows)
    with db.atomic():
        if org.role(db, role_id) is None:
            raise ValidationError("coaching.err.no_such_role", role=role_id)
        current = store.latest_template(db, role_id)
        if current is not None:
            fields = ("text", "day_offset", "owner", "manual_section")
            before = [{k: s[k] for k in fields} for s in store.template_steps(db, current["id"])]
            if before == steps:
                raise ValidationError("coaching.err.template_unchanged", version=current["version"])
        return store.insert_template(db, actor, role_id, steps, today.isoformat(), note.strip())


def dated_steps(started_on: date, template_steps: list[dict]) -> list[dict]:
    """A template's steps with their due dates: ``started_on`` plus each day offset (so a
    newcomer who joined on 31 January has a 30-day step due on 2 March)."""
    return [
        {
            "position": position,
            "text": step["text"],
            "owner": step["owner"],
            "manual_section": step["manual_section"],
            "due_on": (started_on + timedelta(days=step["day_offset"])).isoformat(),
        }
        for position, step in enumerate(template_steps, start=1)
    ]


def start_plan(db: Database, actor: str, person_id: int, role_id: int, started_on: date) -> int:
    """Start the newcomer's onboarding plan from the latest template of ``role_id``;
    returns the plan id."""
    with db.atomic():
        person = _newcomer(db, person_id)
        template = store.latest_template(db, role_id)
        if template is None:
            role = org.role(db, role_id)
            name = f"{role['name']} / {role['name_zh']}" if role else f"#{role_id}"
            raise ValidationError("coaching.err.no_template", role=name)
        if store.open_plan_of(db, person_id) is not None:
            raise ValidationError("coaching.err.plan_exists", person=person["name"])
        steps = dated_steps(started_on, store.template_steps(db, template["id"]))
        return store.insert_plan(
            db, actor, person_id, template["id"], started_on.isoformat(), steps
        )


def on_person_joined(db: Database, actor: str, person_id: int, role_id: int, today: date) -> None:
    """A newcomer who joins with a role that has a template starts its plan (called by
    ``dashboard.domain.org`` inside the join's transaction); other joins change nothing."""
    person = org.person(db, person_id)
    if person is None or person["status"] != "newcomer":
        return
    if store.latest_template(db, role_id) is None or store.open_plan_of(db, person_id):
        return
    start_plan(db, actor, person_id, role_id, today)


def may_tick(db: Database, actor: str, person_id: int) -> bool:
    """Whether ``actor`` may tick the steps of ``person_id``'s plan: the newcomer and their
    coach (through their linked accounts), and whoever may write about the newcomer."""
    allowed = writable_people(db, actor)
    if allowed is None or person_id in allowed:
        return True
    user = user_row(db, actor)
    linked = user["person_id"] if user else None
    if linked is None:
        return False
    coaching = store.open_coaching_of(db, person_id)
    return linked == person_id or (coaching is not None and coaching["coach_id"] == linked)


def tick_step(db: Database, actor: str, step_id: int, done: bool, today: date) -> None:
    """Tick a plan step off (or open it again)."""
    with db.atomic():
        step = store.plan_step(db, step_id)
        if step is None:
            raise ValidationError("coaching.err.no_such_step", step=step_id)
        if not may_tick(db, actor, step["person_id"]):
            person = org.person(db, step["person_id"])
            raise AccessDenied("access.outside_scope", user=actor, name=person["name"])
        if (step["done_on"] is not None) == done:
            return
        store.set_step_done(db, actor, step_id, today.isoformat() if done else None)


def step_status(step: dict, today: date) -> str:
    """``done``, ``overdue`` (due before today), ``this_week`` (due within
    ``DUE_SOON_DAYS``) or ``later``."""
    if step["done_on"] is not None:
        return "done"
    due = date.fromisoformat(step["due_on"])
    if due < today:
        return "overdue"
    return "this_week" if due <= today + timedelta(days=DUE_SOON_DAYS) else "later"


def plan_of(db: Database, person_id: int) -> tuple[dict | None, list[dict]]:
    """The newcomer's open plan and its steps (``None, []`` without one)."""
    plan = store.open_plan_of(db, person_id)
    return plan, store.plan_steps(db, plan["id"]) if plan else []


def steps_due(db: Database, today: date, actor: str | None = None) -> list[dict]:
    """Open steps that are overdue or due within ``DUE_SOON_DAYS``, soonest first, each with
    its ``status`` (only steps of newcomers whose plan ``actor`` may tick, if given)."""
    until = (today + timedelta(days=DUE_SOON_DAYS)).isoformat()
    rows = store.open_steps(db, due_until=until)
    if actor is not None:
        allowed: dict[int, bool] = {}
        rows = [
            r
            for r in rows
            if allowed.setdefault(r["person_id"], may_tick(db, actor, r["person_id"]))
        ]
    return [{**row, "status": step_status(row, today)} for row in rows]


# ---------------------------------------------------------------- alerts


def _days(since: str, today: date) -> int:
    return (today - date.fromisoformat(since)).days


def alerts(
    db: Database,
    today: date,
    *,
    unassigned_days: int = DEFAULT_UNASSIGNED_DAYS,
    retro_days: int = DEFAULT_RETRO_DAYS,
) -> list[Alert]:
    """Newcomers without a coach for more than ``unassigned_days``, coaches over
    capacity, newcomers with no retrospective for more than ``retro_days``, newcomers with
    onboarding steps past their due date."""
    found: list[Alert] = []
    for row in store.newcomers(db):
        waits = []  # (kind, severity, message key, since when, the limit in days)
        if row["coach_id"] is None:
            since = max(row["joined_on"], row["last_coaching_end"] or row["joined_on"])
            waits.append(("newcomer_without_coach", "high", "no_coach", since, unassigned_days))
        since = row["last_retro_on"] or row["joined_on"]
        waits.append(("newcomer_without_retrospective", "medium", "no_retro", since, retro_days))
        for kind, severity, key, since, limit in waits:
            days = _days(since, today)
            if days > limit:
                found.append(
                    Alert(
                        kind=kind,
                        severity=severity,
                        key=f"coaching.alert.{key}",
                        area=AREA,
                        params={"person": row["name"], "days": days},
                        person_id=row["id"],
                    )
                )
    overdue: dict[int, list[dict]] = {}
    for step in store.open_steps(db, due_until=(today - timedelta(days=1)).isoformat()):
        overdue.setdefault(step["person_id"], []).append(step)
    for person_id, steps in overdue.items():
        found.append(
            Alert(
                kind="onboarding_step_overdue",
                severity="medium",
                key="coaching.alert.steps_overdue",
                area=AREA,
                params={
                    "person": steps[0]["person_name"],
                    "count": len(steps),
                    "step": steps[0]["text"],
                    "day": steps[0]["due_on"],
                },
                person_id=person_id,
            )
        )
    for row in store.coaches_over_capacity(db):
        found.append(
            Alert(
                kind="coach_over_capacity",
                severity="high",
                key="coaching.alert.over_capacity",
                area=AREA,
                params={"coach": row["name"], "load": row["load"], "capacity": row["max_mentees"]},
                person_id=row["id"],
            )
        )
    return found
