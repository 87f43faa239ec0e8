"""Churn risk before people leave: the book's four causes (workload, reward, growth,
discord) as separate signals with thresholds, combined into a score that shows how it adds
up; and the write services for concerns, retention actions and thresholds (rewards are
given through the rewards ledger, ``dashboard.domain.rewards``)."""

import math
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlite_utils import Database

from dashboard.domain import org as org_rules
from dashboard.domain.alerts import Alert
from dashboard.domain.settings import clean_whole_numbers
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
    "reward_load": (1, 50),
    "growth_months": (1, 120),
    "discord_concerns": (1, 20),
    "weight_workload": (0, 100),
    "weight_reward": (0, 100),
    "weight_growth": (0, 100),
    "weight_discord": (0, 100),
    "medium_score": (1, 400),
    "high_score": (1, 400),
    "load_pct": (101, 1000),
    "night_pct": (1, 100),
    "drift_weeks": (1, 52),
    "weight_night": (0, 100),
    "weight_drift": (0, 100),
}
# signals from the team's own chat activity, next to the four causes (night work counts
# towards workload, drifting away is its own signal); present for people linked to a sender
ACTIVITY_SIGNALS = ("night", "drift")
RECENT_WEEKS = 4  # the weeks measured ...
NORM_WEEKS = 12  # ... against the person's own norm: their weekly mean of the weeks before


@dataclass(frozen=True)
class Signal:
    """One cause measured for one person: its value, threshold, and the points it adds;
    ``evidence`` holds the facts behind a signal measured from chat activity."""

    cause: str
    value: int
    threshold: int
    fired: bool
    points: int
    evidence: dict = field(default_factory=dict, compare=False)

    @property
    def from_activity(self) -> bool:
        """Whether the chats' activity measured this signal."""
        return bool(self.evidence)


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

    def signal(self, cause: str) -> Signal | None:
        """The signal of ``cause`` (``None`` for an activity signal without activity)."""
        return next((s for s in self.signals if s.cause == cause), None)

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


def reward_signal(load: int, received: int, joined_on: date, today: date, settings: dict) -> Signal:
    """Carries a lot and gets little: fires when the rewards received over the last
    ``reward_days`` days fall short of what the load calls for, one per ``reward_load``
    units of load (rounded up); never for someone on the team for less than those days."""
    expected = math.ceil(load / settings["reward_load"])
    settled = (today - joined_on).days > settings["reward_days"]
    return _signal("reward", received, expected, settled and received < expected, settings)


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


@dataclass(frozen=True)
class ActivityFacts:
    """A team member's own messages in the chats, by week, up to the last whole week."""

    recent: list[int]  # messages in each of the last ``RECENT_WEEKS`` weeks, oldest first
    norm_weeks: list[int]  # messages in each of the ``NORM_WEEKS`` weeks before those
    recent_night: int  # night messages (23:00–07:00) of the recent weeks
    silent_weeks: int  # whole weeks in a row without a message, back from the last one
    first_week: str  # the first week measured (a Monday)

    @property
    def norm(self) -> float:
        """Their own norm: mean messages a week over the norm weeks."""
        return sum(self.norm_weeks) / len(self.norm_weeks)

    @property
    def recent_mean(self) -> float:
        return sum(self.recent) / len(self.recent)


def measured_weeks(today: date) -> list[date]:
    """The Mondays of the weeks measured, oldest first: the last whole week (before
    ``today``'s week) and the ``NORM_WEEKS + RECENT_WEEKS - 1`` before it."""
    this_monday = today - timedelta(days=today.weekday())
    count = NORM_WEEKS + RECENT_WEEKS
    return [this_monday - timedelta(weeks=count - i) for i in range(count)]


def activity_facts(weeks: dict[str, tuple[int, int]], mondays: list[date]) -> ActivityFacts | None:
    """A person's facts from their weekly ``(messages, night)`` (weeks by their Monday);
    ``None`` when they sent nothing in the measured weeks."""
    if not weeks:  # most of a big team: no linked sender
        return None
    counts = [weeks.get(monday.isoformat(), (0, 0)) for monday in mondays]
    if not any(messages for messages, _ in counts):
        return None
    silent = 0
    for messages, _ in reversed(counts):
        if messages:
            break
        silent += 1
    recent = counts[-RECENT_WEEKS:]
    return ActivityFacts(
        recent=[m for m, _ in recent],
        norm_weeks=[m for m, _ in counts[:-RECENT_WEEKS]],
        recent_night=sum(n for _, n in recent),
        silent_weeks=silent,
        first_week=mondays[0].isoformat(),
    )


def load_signal(facts: ActivityFacts, settings: dict) -> Signal | None:
    """Workload from activity: the recent weeks' mean messages as a % of their own norm;
    fires from ``load_pct``. ``None`` without a norm (nothing in the norm weeks)."""
    if facts.norm == 0:
        return None
    pct = round(facts.recent_mean * 100 / facts.norm)
    limit = settings["load_pct"]
    evidence = {"recent": round(facts.recent_mean, 1), "norm": round(facts.norm, 1)}
    points = settings["weight_workload"] if pct >= limit else 0
    return Signal("workload", pct, limit, pct >= limit, points, evidence)


def night_signal(facts: ActivityFacts, settings: dict) -> Signal:
    """Night work: the share of the recent weeks' messages sent 23:00–07:00, in %;
    fires from ``night_pct``."""
    sent = sum(facts.recent)
    pct = round(facts.recent_night * 100 / sent) if sent else 0
    limit = settings["night_pct"]
    evidence = {"night": facts.recent_night, "messages": sent}
    points = settings["weight_night"] if pct >= limit else 0
    return Signal("night", pct, limit, pct >= limit, points, evidence)


def drift_signal(facts: ActivityFacts, settings: dict) -> Signal:
    """Drifting away: whole weeks in a row without a message, back from the last week;
    fires from ``drift_weeks``."""
    limit = settings["drift_weeks"]
    evidence = {"since": facts.first_week, "weeks": facts.silent_weeks}
    fired = facts.silent_weeks >= limit
    points = settings["weight_drift"] if fired else 0
    return Signal("drift", facts.silent_weeks, limit, fired, points, evidence)


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
    received = store.rewards_received(
        db, (today - timedelta(days=settings["reward_days"])).isoformat(), today.isoformat()
    )
    changed = store.last_change(db)
    concerns = store.open_concerns(db)
    acted = store.last_action(db)
    mondays = measured_weeks(today)
    weekly = store.weekly_activity(
        db, mondays[0].isoformat(), (mondays[-1] + timedelta(days=6)).isoformat()
    )
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
        workload = workload_signal(facts["roles"], facts["mentees"], facts["handovers"], settings)
        chat = activity_facts(weekly.get(pid, {}), mondays)
        # measured beats guessed: where the chats show their load, it replaces the count
        # of roles, mentees and handovers (kept in the facts, shown as evidence)
        measured = load_signal(chat, settings) if chat is not None else None
        # the reward owed grows with the load carried: the count, plus one when the chats
        # show them carrying more than their norm
        facts["load"] = workload.value + int(bool(measured and measured.fired))
        facts["messages_week"] = round(chat.recent_mean) if chat is not None else None
        got = received.get(pid, {})
        facts.update(
            received=got.get("entries", 0),
            received_points=got.get("points", 0),
            received_money=got.get("money", 0.0),
            reward_days=settings["reward_days"],
        )
        signals = (
            measured or workload,
            reward_signal(facts["load"], facts["received"], joined, today, settings),
            growth_signal(_day(facts["last_change"]), joined, today, settings),
            discord_signal(facts["open_concerns"], settings),
        )
        if chat is not None:
            signals = (*signals, night_signal(chat, settings), drift_signal(chat, settings))
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
    return org_rules.require_present(
        db, person_id, "retention.err.person_unknown", "retention.err.person_left"
    )


def _require_past(day: date, today: date) -> None:
    if day > today:
        raise ValidationError("retention.err.future", day=day.isoformat())


def clean_settings(values: dict) -> dict[str, int]:
    """Validate thresholds from the page: whole numbers within bounds, bands in order."""
    return clean_whole_numbers(values, SETTING_BOUNDS, "retention")


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
