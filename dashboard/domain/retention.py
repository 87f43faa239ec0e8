"""Churn risk before people leave: the book's four causes (workload, reward, growth,
discord) as separate signals with thresholds, combined into a score that shows how it adds
up; and the write services for recognition, concerns, retention actions and thresholds."""

import math
from dataclasses import dataclass, field
from datetime import date

from sqlite_utils import Database

from dashboard.domain.alerts import Alert
from db import org as org_store
from db import retention as store
from db.access import require_leaver_write
from db.errors import ValidationError

AREA = "retention"
CAUSES = ("workload", "reward", "growth", "discord")
LEVELS = ("high", "medium", "low")

# the bounds each threshold must stay in (inclusive)
SETTING_BOUNDS = {
    "workload_max": (0, 50),
    "reward_days": (1, 3650),
    "growth_months": (1, 120),
    "discord_concerns": (1, 20),
    "weight_workload": (0, 100),
    "weight_reward": (0, 100),
    "weight_growth": (0, 100),
    "weight_discord": (0, 100),
    "medium_score": (1, 400),
    "high_score": (1, 400),
}


@dataclass(frozen=True)
class Signal:
    """One cause measured for one person: its value, threshold, and the points it adds."""

    cause: str
    value: int
    threshold: int
    fired: bool
    points: int


@dataclass(frozen=True)
class RiskProfile:
    """A person's four signals, their sum, the band it falls in, and the raw facts."""

    person_id: int
    name: str
    status: str
    signals: tuple[Signal, ...]
    score: int
    level: str
    facts: dict = field(default_factory=dict)

    def signal(self, cause: str) -> Signal:
        """The signal of ``cause``."""
        return next(s for s in self.signals if s.cause == cause)

    @property
    def causes(self) -> list[str]:
        """The causes that fired, in the book's order."""
        return [s.cause for s in self.signals if s.fired]


# ---------------------------------------------------------------- pure signal rules


def months_between(start: date, end: date) -> int:
    """Whole calendar months from ``start`` to ``end`` (0 if ``end`` is earlier)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    if end.day < start.day:
        months -= 1
    return max(months, 0)


def _signal(cause: str, value: int, threshold: int, fired: bool, settings: dict) -> Signal:
    points = settings[f"weight_{cause}"] if fired else 0
    return Signal(cause, value, threshold, fired, points)


def workload_signal(roles: int, mentees: int, handovers: int, settings: dict) -> Signal:
    """Fires when roles held + mentees + open handovers is above ``workload_max``."""
    load = roles + mentees + handovers
    limit = settings["workload_max"]
    return _signal("workload", load, limit, load > limit, settings)


def reward_signal(
    last_recognised: date | None, joined_on: date, today: date, settings: dict
) -> Signal:
    """Fires when nothing was recognised for more than ``reward_days`` (counted from the
    join date for someone never recognised)."""
    since = max(last_recognised or joined_on, joined_on)
    days = max((today - since).days, 0)
    limit = settings["reward_days"]
    return _signal("reward", days, limit, days > limit, settings)


def growth_signal(last_change: date | None, joined_on: date, today: date, settings: dict) -> Signal:
    """Fires when no role or stage changed for ``growth_months`` or more."""
    since = max(last_change or joined_on, joined_on)
    months = months_between(since, today)
    limit = settings["growth_months"]
    return _signal("growth", months, limit, months >= limit, settings)


def discord_signal(open_concerns: int, settings: dict) -> Signal:
    """Fires when a person has ``discord_concerns`` or more unresolved concerns."""
    limit = settings["discord_concerns"]
    return _signal("discord", open_concerns, limit, open_concerns >= limit, settings)


def risk_level(score: int, settings: dict) -> str:
    """``high`` / ``medium`` / ``low`` by the score bands."""
    if score >= settings["high_score"]:
        return "high"
    if score >= settings["medium_score"]:
        return "medium"
    return "low"


def combine(
    person: dict, signals: tuple[Signal, ...], settings: dict, facts: dict | None = None
) -> RiskProfile:
    """The person's profile: the score is the plain sum of the fired signals' points."""
    score = sum(s.points for s in signals)
    return RiskProfile(
        person_id=person["id"],
        name=person["name"],
        status=person["status"],
        signals=signals,
        score=score,
        level=risk_level(score, settings),
        facts=facts or {},
    )


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def risk_profiles(db: Database, today: date, settings: dict | None = None) -> list[RiskProfile]:
    """Everyone still on the team, highest score first (a handful of grouped queries)."""
    settings = settings or store.settings(db)
    roles = store.roles_held(db)
    mentees = store.mentees(db)
    handovers = store.open_handovers(db)
    recognised = store.last_recognition(db)
    changed = store.last_change(db)
    concerns = store.open_concerns(db)
    acted = store.last_action(db)
    profiles = []
    for person in store.people_in_scope(db):
        pid = person["id"]
        joined = date.fromisoformat(person["joined_on"])
        facts = {
            "roles": roles.get(pid, 0),
            "mentees": mentees.get(pid, 0),
            "handovers": handovers.get(pid, 0),
            "last_recognised": recognised.get(pid),
            "last_change": changed.get(pid),
            "open_concerns": concerns.get(pid, 0),
            "last_action": acted.get(pid),
        }
        signals = (
            workload_signal(facts["roles"], facts["mentees"], facts["handovers"], settings),
            reward_signal(_day(facts["last_recognised"]), joined, today, settings),
            growth_signal(_day(facts["last_change"]), joined, today, settings),
            discord_signal(facts["open_concerns"], settings),
        )
        profiles.append(combine(person, signals, settings, facts))
    profiles.sort(key=lambda p: (-p.score, p.name, p.person_id))
    return profiles


def alerts(db: Database, today: date) -> list[Alert]:
    """People at high risk of leaving, with their score."""
    return [
        Alert(
            kind="churn_risk",
            severity="high",
            key="retention.alert.at_risk",
            area=AREA,
            params={"person": p.name, "score": p.score, "count": len(p.causes)},
            person_id=p.person_id,
        )
        for p in risk_profiles(db, today)
        if p.level == "high"
    ]


# ---------------------------------------------------------------- write services


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _require_present(db: Database, person_id: int) -> dict:
    person = org_store.person(db, person_id)
    if person is None:
        raise ValidationError("retention.err.person_unknown")
    if person["status"] == "left":
        raise ValidationError("retention.err.person_left", person=person["name"])
    return person


def _require_past(day: date, today: date) -> None:
    if day > today:
        raise ValidationError("retention.err.future", day=day.isoformat())


def clean_settings(values: dict) -> dict[str, int]:
    """Validate thresholds from the page: whole numbers within bounds, bands in order."""
    clean: dict[str, int] = {}
    for key, (low, high) in SETTING_BOUNDS.items():
        if key not in values:
            continue
        value = values[key]
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise ValidationError("retention.err.setting_number", setting=key) from None
        if not math.isfinite(number) or number != int(number) or not low <= number <= high:
            raise ValidationError("retention.err.setting_range", setting=key, low=low, high=high)
        clean[key] = int(number)
    unknown = set(values) - set(SETTING_BOUNDS)
    if unknown:
        raise ValidationError("retention.err.setting_unknown", setting=sorted(unknown)[0])
    return clean


def save_settings(db: Database, actor: str, values: dict) -> dict[str, int]:
    """Store new thresholds (team-wide) and return the ones in force."""
    clean = clean_settings(values)
    with db.atomic():
        merged = {**store.settings(db), **clean}
        if merged["medium_score"] > merged["high_score"]:
            raise ValidationError(
                "retention.err.bands",
                medium=merged["medium_score"],
                high=merged["high_score"],
            )
        store.save_settings(db, actor, clean)
        return store.settings(db)


def record_recognition(
    db: Database,
    actor: str,
    *,
    person_id: int,
    kind: str,
    what: str,
    given_on: date,
    given_by: int | None,
    today: date,
) -> int:
    """Record recognition or a reward: what, when, by whom."""
    if kind not in store.RECOGNITION_KINDS:
        raise ValidationError("retention.err.kind", kind=kind)
    if not _text(what):
        raise ValidationError("retention.err.what_empty")
    _require_past(given_on, today)
    if given_by is not None and given_by == person_id:
        raise ValidationError("retention.err.self_recognition")
    with db.atomic():
        _require_present(db, person_id)
        return store.insert_recognition(
            db,
            actor,
            {
                "person_id": person_id,
                "kind": kind,
                "what": _text(what),
                "given_on": given_on.isoformat(),
                "given_by": given_by,
            },
        )


def flag_concern(db: Database, actor: str, *, person_id: int, note: str, today: date) -> int:
    """Flag a concern (discord) about a person, with a note."""
    if not _text(note):
        raise ValidationError("retention.err.note_empty")
    with db.atomic():
        _require_present(db, person_id)
        return store.insert_concern(db, actor, person_id, _text(note), today.isoformat())


def resolve_concern(
    db: Database, actor: str, *, concern_id: int, resolution: str, today: date
) -> None:
    """Close a concern with what was done about it."""
    with db.atomic():
        concern = store.concern(db, concern_id)
        if concern is None:
            raise ValidationError("retention.err.concern_unknown")
        if concern["resolved_on"] is not None:
            raise ValidationError("retention.err.concern_resolved")
        store.resolve_concern(db, actor, concern_id, today.isoformat(), _text(resolution))


def log_action(
    db: Database,
    actor: str,
    *,
    person_id: int,
    action: str,
    note: str,
    taken_on: date,
    today: date,
) -> int:
    """Log a retention action: a talk held, workload reduced, a reward given."""
    if action not in store.ACTION_KINDS:
        raise ValidationError("retention.err.action", action=action)
    _require_past(taken_on, today)
    with db.atomic():
        _require_present(db, person_id)
        return store.insert_action(
            db,
            actor,
            {
                "person_id": person_id,
                "action": action,
                "note": _text(note),
                "taken_on": taken_on.isoformat(),
            },
        )


def on_person_left(db: Database, actor: str, person_id: int, today: date) -> None:
    """A leaver's open concerns close (inside ``mark_left``'s checked transaction)."""
    require_leaver_write(db, actor, person_id, today.isoformat())
    for concern in store.concerns(db, person_id=person_id, open_only=True):
        store.resolve_concern(
            db, actor, concern["id"], today.isoformat(), "left", check_access=False
        )
