"""Group health: the book's five traps (chapter 2: how a group dies), each flag with its
evidence, judged per group over complete months (``YYYY-MM``) of counted chat activity.

- 无首 ``leaderless`` — the group has no owner, or its owner (a person linked to chat
  senders) has not written in the group's chats for ``leaderless_weeks`` weeks (or never).
  An owner not linked to any sender is not judged.
- 暴政 ``tyranny`` — in the last complete month the team's own people (senders linked to a
  person: owner, admins …), or the top ``tyranny_top_k`` senders when the first of them is
  one of the team's people, wrote ``tyranny_share`` % or more of the messages while
  ``tyranny_silent`` % or more of the members were silent. (A few members carrying a quiet
  group is the 二八 check's business, not tyranny.)
- 无聊 ``boredom`` — messages per active member (members with ≥ 1 message) fell
  ``boredom_falls`` months in a row, and the group held no event (``group_events``) in the
  last ``boredom_event_weeks`` weeks.
- 蒸发 ``evaporation`` — the community-activity rule (``dashboard.domain.activity``): the
  active share fell ``EVAPORATION_FALLS`` months in a row. It is raised here only (the
  overview's one alert per sick group), no longer by the activity area.
- 失焦 ``unfocused`` — the proxy for "the group no longer does what it is for": the share of
  check-ins and shares among its messages (what a purpose-driven group produces: 打卡 and
  分享, as opposed to chatter) stayed below ``unfocused_share`` % for ``unfocused_months``
  complete months in a row.

Members and their levels come from ``activity.member_months_and_levels`` (the member levels'
rules). A group without a mapped chat has "no activity data": only 无首's missing owner is
judged for it.

A lead dismisses a flag with a note; the newest dismissal of a (group, trap) holds while
fewer than ``dismiss_days`` days have passed and the trap's measure (weeks silent, share of
messages, messages per active member, active share, focus share) has not moved by
``dismiss_change`` % or more from the one dismissed. Every dismissal is kept as history.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlite_utils import Database

from dashboard.domain import activity
from dashboard.domain.alerts import Alert
from dashboard.domain.settings import clean_whole_numbers
from db import activity as activity_store
from db import health as store
from db import org as org_store
from db.access import require_write
from db.errors import ValidationError

AREA = "health"
TRAPS = store.TRAPS
SETTING_BOUNDS = {
    "leaderless_weeks": (1, 52),
    "tyranny_top_k": (1, 20),
    "tyranny_share": (10, 100),
    "tyranny_silent": (0, 100),
    "boredom_falls": (2, 12),
    "boredom_event_weeks": (1, 52),
    "unfocused_share": (0, 100),
    "unfocused_months": (1, 12),
    "dismiss_days": (1, 365),
    "dismiss_change": (1, 100),
}
MAX_NOTE = 500
MAX_TITLE = 100


@dataclass(frozen=True)
class MonthStats:
    """One group's counted activity in one complete month."""

    month: str
    members: int  # members of the month (leavers excluded)
    speaking: int  # members with ≥ 1 message
    messages: int
    top_share: float | None  # share of messages by the top senders
    team_share: float | None  # share of messages by the team's own people
    top_is_team: bool  # the month's top sender is one of the team's people
    focus_share: float | None  # check-ins + shares ÷ messages

    @property
    def active_share(self) -> float | None:
        return self.speaking / self.members if self.members else None

    @property
    def silent_share(self) -> float | None:
        return 1 - self.speaking / self.members if self.members else None

    @property
    def per_active(self) -> float | None:
        return self.messages / self.speaking if self.speaking else None


@dataclass
class Flag:
    """A trap a group fell into, with its evidence (``key`` filled with ``params``) and the
    measure a dismissal is compared against."""

    trap: str
    key: str
    params: dict
    measure: float | None
    dismissal: dict | None = None  # the dismissal that holds, if any

    @property
    def dismissed(self) -> bool:
        return self.dismissal is not None


@dataclass
class GroupHealth:
    """One group's health: its flags, and its months for the chart."""

    group_id: int
    name: str
    has_activity: bool
    flags: list[Flag] = field(default_factory=list)
    months: list[MonthStats] = field(default_factory=list)

    @property
    def open_flags(self) -> list[Flag]:
        return [flag for flag in self.flags if not flag.dismissed]


# ---------------------------------------------------------------- settings


def clean_settings(values: dict) -> dict[str, int]:
    """Whole numbers within bounds; else ``ValidationError`` naming the setting."""
    return clean_whole_numbers(values, SETTING_BOUNDS, "health", "setting_range")


def save_settings(db: Database, actor: str, values: dict) -> dict[str, int]:
    """Store new thresholds (team-wide) and return the ones in force."""
    merged = {**store.settings(db), **clean_settings(values)}
    store.save_settings(db, actor, merged)
    return merged


# ---------------------------------------------------------------- events and dismissals


def _live_group(db: Database, group_id: int) -> dict:
    group = org_store.group(db, group_id)
    if group is None or group["archived_on"] is not None:
        raise ValidationError("health.err.unknown_group", id=group_id)
    return group


def add_event(
    db: Database, actor: str, group_id: int, day: date, kind: str, title: str, today: date
) -> int:
    """Record an event a group held (not in the future, a kind, a title)."""
    _live_group(db, group_id)
    require_write(db, actor, [group_id])
    title = (title or "").strip()
    if kind not in store.EVENT_KINDS:
        raise ValidationError("health.err.event_kind")
    if not title or len(title) > MAX_TITLE:
        raise ValidationError("health.err.event_title", max=MAX_TITLE)
    if day > today:
        raise ValidationError("health.err.event_future", day=day.isoformat())
    return store.add_event(
        db, actor, {"group_id": group_id, "day": day.isoformat(), "kind": kind, "title": title}
    )


def dismiss(db: Database, actor: str, group_id: int, trap: str, note: str, today: date) -> int:
    """Dismiss a group's open flag with a note (the measure is kept to notice a material
    change); ``ValidationError`` when the group has no such open flag or the note is empty."""
    group = _live_group(db, group_id)
    require_write(db, actor, [group_id])  # refused by name before anything is judged
    note = (note or "").strip()
    if not note or len(note) > MAX_NOTE:
        raise ValidationError("health.err.note", max=MAX_NOTE)
    (health,) = assess(db, today, [group_id])
    flag = next((f for f in health.open_flags if f.trap == trap), None)
    if flag is None:
        raise ValidationError("health.err.no_flag", group=group["name"])
    return store.add_dismissal(db, actor, group_id, trap, flag.measure, note, today)


def dismissal_holds(dismissal: dict, measure: float | None, today: date, settings: dict) -> bool:
    """Whether a dismissal still holds: fewer than ``dismiss_days`` days old and the trap's
    measure within ``dismiss_change`` % of the one dismissed."""
    age = (today - date.fromisoformat(dismissal["dismissed_on"])).days
    if age >= settings["dismiss_days"]:
        return False
    then = dismissal["measure"]
    if then is None or measure is None:
        return then == measure
    if then == 0:
        return measure == 0
    return abs(measure - then) / abs(then) * 100 < settings["dismiss_change"]


# ---------------------------------------------------------------- the traps


def complete_months(today: date, count: int) -> list[str]:
    """The ``count`` complete months before ``today``'s, oldest first."""
    months = [activity.previous_month(f"{today.year:04d}-{today.month:02d}")]
    while len(months) < count:
        months.insert(0, activity.previous_month(months[0]))
    return months


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def month_stats(
    db: Database, months: list[str], top_k: int, group_ids: list[int] | None = None
) -> dict[int, list[MonthStats]]:
    """Per mapped group its ``MonthStats`` of each of ``months``."""
    rows, levels = activity.member_months_and_levels(db, months, group_ids)
    counts = activity.distribution(levels)
    team = set(activity_store.team_members(db))
    senders: dict[tuple[int, str], list[tuple[str, int]]] = defaultdict(list)
    for row in rows:
        if row["messages"]:
            senders[(row["group_id"], row["month"])].append((row["member_key"], row["messages"]))
    start = date.fromisoformat(f"{months[0]}-01")
    totals = {
        (row["group_id"], row["month"]): row
        for row in store.group_month_totals(db, start, activity.month_end(months[-1]))
    }
    groups = {group_id for group_id, _ in counts} | {group_id for group_id, _ in totals}
    if group_ids is not None:
        groups &= set(group_ids)
    found: dict[int, list[MonthStats]] = {}
    for group_id in sorted(groups):
        found[group_id] = []
        for month in months:
            levels_of = counts.get((group_id, month), Counter())
            members = sum(n for level, n in levels_of.items() if level != "left")
            speaking = sum(levels_of[level] for level in activity.SPEAKING)
            sent = sorted(senders.get((group_id, month), []), key=lambda s: -s[1])
            messages = sum(n for _, n in sent)
            total = totals.get((group_id, month))
            focus = total["checkins"] + total["shares"] if total else 0
            found[group_id].append(
                MonthStats(
                    month,
                    members,
                    speaking,
                    messages,
                    _share(sum(n for _, n in sent[:top_k]), messages),
                    _share(sum(n for key, n in sent if key in team), messages),
                    bool(sent) and sent[0][0] in team,
                    _share(focus, messages),
                )
            )
    return found


def _pct(share: float) -> int:
    return round(share * 100)


def leaderless(group: dict, owner: dict | None, has_activity: bool, today: date, settings):
    """无首: no owner, or the owner silent in the group's chats for ``leaderless_weeks``."""
    if group["owner_id"] is None:
        return Flag("leaderless", "health.ev.no_owner", {}, None)
    if owner is None or not has_activity:
        return None  # an owner not linked to any sender is not judged
    if owner["last_day"] is None:
        return Flag("leaderless", "health.ev.owner_never", {"owner": owner["owner_name"]}, None)
    weeks = (today - date.fromisoformat(owner["last_day"])).days // 7
    if weeks < settings["leaderless_weeks"]:
        return None
    params = {"owner": owner["owner_name"], "weeks": weeks, "day": owner["last_day"]}
    return Flag("leaderless", "health.ev.owner_silent", params, float(weeks))


def tyranny(stats: list[MonthStats], settings) -> Flag | None:
    """暴政: the last month's messages concentrated in the team's people, or in a few
    senders led by one of them, while most members stayed silent."""
    last = stats[-1]
    if last.silent_share is None or last.top_share is None:
        return None
    by_team = last.team_share or 0
    by_top = last.top_share if last.top_is_team else 0
    share = max(by_team, by_top)
    limit, silent = settings["tyranny_share"] / 100, settings["tyranny_silent"] / 100
    if share < limit or last.silent_share < silent:
        return None
    params = {
        "month": last.month,
        "share": _pct(share),
        "messages": last.messages,
        "k": settings["tyranny_top_k"],
        "silent": _pct(last.silent_share),
        "members": last.members,
    }
    key = "health.ev.tyranny_team" if by_team > by_top else "health.ev.tyranny_top"
    return Flag("tyranny", key, params, round(share * 100, 1))


def boredom(stats: list[MonthStats], last_event: str | None, today: date, settings):
    """无聊: messages per active member fell ``boredom_falls`` months in a row and no event
    in ``boredom_event_weeks`` weeks."""
    falls = settings["boredom_falls"]
    recent = [m.per_active for m in stats[-(falls + 1) :]]
    if len(recent) < falls + 1 or any(v is None for v in recent):
        return None
    if not all(later < earlier for earlier, later in zip(recent, recent[1:], strict=False)):
        return None
    if last_event is not None:
        weeks = (today - date.fromisoformat(last_event)).days // 7
        if weeks < settings["boredom_event_weeks"]:
            return None
    params = {
        "first": round(recent[0], 1),
        "last": round(recent[-1], 1),
        "months": falls,
        "since": stats[-(falls + 1)].month,
        "weeks": settings["boredom_event_weeks"],
    }
    key = "health.ev.boredom_never" if last_event is None else "health.ev.boredom"
    if last_event is not None:
        params["event"] = last_event
    return Flag("boredom", key, params, round(recent[-1], 1))


def evaporation(stats: list[MonthStats]) -> Flag | None:
    """蒸发: the activity area's rule over the active share."""
    recent = stats[-(activity.EVAPORATION_FALLS + 1) :]
    shares = [m.active_share for m in recent]
    if len(recent) < activity.EVAPORATION_FALLS + 1 or not activity.evaporating(shares):
        return None
    params = {
        "first": _pct(shares[0]),
        "last": _pct(shares[-1]),
        "since": recent[0].month,
        "until": recent[-1].month,
    }
    return Flag("evaporation", "health.ev.evaporation", params, round(shares[-1] * 100, 1))


def unfocused(stats: list[MonthStats], settings) -> Flag | None:
    """失焦: check-ins and shares below ``unfocused_share`` % of messages for
    ``unfocused_months`` months in a row."""
    recent = stats[-settings["unfocused_months"] :]
    shares = [m.focus_share for m in recent]
    limit = settings["unfocused_share"] / 100
    if any(s is None or s >= limit for s in shares):
        return None
    params = {
        "share": _pct(shares[-1]),
        "limit": settings["unfocused_share"],
        "months": len(recent),
        "since": recent[0].month,
    }
    return Flag("unfocused", "health.ev.unfocused", params, round(shares[-1] * 100, 1))


def assess(db: Database, today: date, group_ids: list[int] | None = None) -> list[GroupHealth]:
    """The health of every live group (of ``group_ids`` when given), with the dismissals
    that hold marked on their flags."""
    settings = store.settings(db)
    span = max(
        settings["boredom_falls"] + 1,
        activity.EVAPORATION_FALLS + 1,
        settings["unfocused_months"],
    )
    months = complete_months(today, span)
    groups = [g for g in org_store.groups(db) if group_ids is None or g["id"] in set(group_ids)]
    mapped = store.groups_with_chats(db)
    stats = month_stats(db, months, settings["tyranny_top_k"], [g["id"] for g in groups])
    owners = store.owners_last_message(db)
    events = store.last_events(db)
    dismissed = store.latest_dismissals(db)
    found = []
    for group in groups:
        has_activity = group["id"] in mapped
        health = GroupHealth(group["id"], group["name"], has_activity)
        flags = [leaderless(group, owners.get(group["id"]), has_activity, today, settings)]
        if has_activity and group["id"] in stats:
            health.months = stats[group["id"]]
            flags += [
                tyranny(health.months, settings),
                boredom(health.months, events.get(group["id"]), today, settings),
                evaporation(health.months),
                unfocused(health.months, settings),
            ]
        for flag in flags:
            if flag is None:
                continue
            dismissal = dismissed.get((group["id"], flag.trap))
            if dismissal and dismissal_holds(dismissal, flag.measure, today, settings):
                flag.dismissal = dismissal
            health.flags.append(flag)
        found.append(health)
    return found


def evidence_text(flag: Flag, lang: str) -> str:
    """A flag said in ``lang``: its trap and its evidence."""
    from dashboard.i18n import t  # the catalog reads the registry, which imports this module

    return t(
        "health.flag",
        lang,
        trap=t(f"health.trap.{flag.trap}", lang),
        evidence=t(flag.key, lang, **flag.params),
    )


def alerts(db: Database, today: date) -> list[Alert]:
    """One alert per group with open (not dismissed) flags, each flag with its evidence in
    both languages. A missing owner alone is left to the org area's own alert."""
    found = []
    for health in assess(db, today):
        flags = [flag for flag in health.open_flags if flag.key != "health.ev.no_owner"]
        if not flags:
            continue
        found.append(
            Alert(
                "group_unhealthy",
                "high" if len(flags) > 1 else "medium",
                "health.alert",
                AREA,
                {
                    "group": health.name,
                    "evidence": " ".join(evidence_text(flag, "en") for flag in flags),
                    "evidence_zh": "".join(evidence_text(flag, "zh") for flag in flags),
                },
                group_id=health.group_id,
            )
        )
    return found
