"""Digests and reminders: what is due when, what each account's digest holds (its scope,
its kinds, its mutes, its reminders) and the checks of channels and subscriptions.

A digest is built from the alerts every area declares in the registry (gathered once per
run, the overview's order) and, for admins, the admin alerts; an account sees only its
scope: a lead their subtree (``db.access.writable_group_ids``), a viewer the subtree of
their scope group if they have one, an admin and a lead of the whole tree everything.
Reminders go to a person (the account linked to them): the coach of a newcomer whose
retrospective falls due within a week, the successor of an open handover, the author of a
manual that turns stale within a week. Schedules run in the account's time zone (or the
team's, ``OPS_TIME_ZONE``, default Asia/Shanghai).
"""

import os
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlite_utils import Database

from dashboard.areas import admin_alert_sources
from dashboard.domain import coaching, manuals
from dashboard.domain.alerts import Alert
from dashboard.domain.overview import gather_alerts
from db import coaching as coaching_store
from db import manuals as manuals_store
from db import notify as store
from db.access import require_admin, subtree_ids, user_row, writable_group_ids
from db.errors import ValidationError

DEFAULT_TIME_ZONE = "Asia/Shanghai"
REMINDER_AHEAD = timedelta(days=7)  # remind of what falls due within the coming week
MAX_ATTEMPTS = 4  # a delivery is tried at most this often, then marked failed
FIRST_BACKOFF = timedelta(minutes=5)  # then 10, 20 minutes: retries wait for later runs
WEBHOOK_KINDS = ("wecom", "feishu", "dingtalk", "slack")
SIGNED_KINDS = ("feishu", "dingtalk")
REMINDER_KINDS = ("reminder_retrospective", "reminder_handover", "reminder_manual")
COMMON_ZONES = (  # offered on the My notifications page (any IANA name is accepted)
    "Asia/Shanghai",
    "Asia/Hong_Kong",
    "Asia/Taipei",
    "Asia/Singapore",
    "Asia/Tokyo",
    "Asia/Seoul",
    "Europe/London",
    "Europe/Berlin",
    "America/New_York",
    "America/Los_Angeles",
    "Australia/Sydney",
)
LOCAL_TIME = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


# ---------------------------------------------------------------- time zones and schedules


def team_time_zone() -> str:
    """The team's default time zone (``OPS_TIME_ZONE``, else Asia/Shanghai)."""
    return os.environ.get("OPS_TIME_ZONE") or DEFAULT_TIME_ZONE


def zone(name: str | None) -> ZoneInfo:
    """The ``ZoneInfo`` of ``name`` (the team's when ``None``); a bad name is refused."""
    try:
        return ZoneInfo(name or team_time_zone())
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise ValidationError("notify.err.time_zone", zone=name) from error


def due_period(subscription: dict, now: datetime, tz: ZoneInfo) -> str | None:
    """The period (``2026-06-15`` daily, ``2026-W25`` weekly) whose digest is due at ``now``
    (an aware datetime), or ``None`` before this period's scheduled local time."""
    local = now.astimezone(tz)
    hour, minute = (int(part) for part in subscription["local_time"].split(":"))
    if subscription["frequency"] == "daily":
        scheduled = datetime.combine(local.date(), time(hour, minute), tzinfo=tz)
        return local.date().isoformat() if local >= scheduled else None
    year, week, weekday = local.isocalendar()
    day = local.date() + timedelta(days=subscription["weekday"] - (weekday - 1))
    scheduled = datetime.combine(day, time(hour, minute), tzinfo=tz)
    return f"{year}-W{week:02d}" if local >= scheduled else None


def backoff(attempts: int) -> timedelta:
    """How long to wait after the ``attempts``-th failed try: 5, 10, 20 … minutes."""
    return FIRST_BACKOFF * 2 ** max(attempts - 1, 0)


# ---------------------------------------------------------------- checks of what users enter


def url_hint(url: str) -> str:
    """What the page shows of a webhook address: its scheme and host only."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.hostname}/…" if parts.hostname else ""


def check_channel(kind: str, name: str, url: str | None, secret: str | None, new: bool) -> None:
    """Refuse a channel that cannot work: no name, an unknown kind, a webhook without an
    http(s) address, a secret on a platform that does not sign."""
    if not name.strip():
        raise ValidationError("notify.err.name_empty")
    if kind not in store.CHANNEL_KINDS:
        raise ValidationError("notify.err.kind", kind=kind)
    if kind in WEBHOOK_KINDS:
        if new and not url:
            raise ValidationError("notify.err.url_missing", name=name)
        if url and (urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).hostname):
            raise ValidationError("notify.err.url_bad", name=name)
    if secret and kind not in SIGNED_KINDS:
        raise ValidationError("notify.err.secret_unused", name=name)


def save_channel(
    db: Database,
    actor: str,
    *,
    channel_id: int | None,
    name: str,
    kind: str,
    enabled: bool,
    url: str | None,
    secret: str | None,
    today: date,
) -> int:
    """Create or change a channel (admins only). Empty ``url``/``secret`` keep the stored
    ones (they are never shown again, so the form cannot send them back)."""
    name, url, secret = name.strip(), (url or "").strip() or None, (secret or "").strip() or None
    check_channel(kind, name, url, secret, channel_id is None)
    return store.save_channel(
        db,
        actor,
        channel_id=channel_id,
        name=name,
        kind=kind,
        enabled=enabled,
        url=url if kind in WEBHOOK_KINDS else ("" if channel_id is not None else None),
        secret=secret,
        url_hint=url_hint(url or ""),
        updated_on=today.isoformat(),
    )


def clear_secret(db: Database, actor: str, channel: dict, today: date) -> int:
    """Remove a channel's signing secret (admins only)."""
    require_admin(db, actor)  # before reading the channel it was handed
    return store.save_channel(
        db,
        actor,
        channel_id=channel["id"],
        name=channel["name"],
        kind=channel["kind"],
        enabled=bool(channel["enabled"]),
        url=None,
        secret="",
        url_hint=channel["url_hint"],
        updated_on=today.isoformat(),
    )


def save_subscription(db: Database, actor: str, username: str, fields: dict) -> int:
    """Check and save ``username``'s subscription (their own, or an admin for them)."""
    if fields.get("frequency") not in store.FREQUENCIES:
        raise ValidationError("notify.err.frequency")
    local_time = str(fields.get("local_time") or "").strip()
    if not LOCAL_TIME.match(local_time):
        raise ValidationError("notify.err.local_time", value=local_time)
    weekday = int(fields.get("weekday") or 0)
    if not 0 <= weekday <= 6:
        raise ValidationError("notify.err.weekday")
    kinds = fields.get("alert_kinds")
    return store.save_subscription(
        db,
        actor,
        username,
        {
            **fields,
            "local_time": local_time,
            "weekday": weekday,
            "alert_kinds": None if kinds is None else sorted(set(kinds)),
        },
    )


def set_time_zone(db: Database, actor: str, username: str, name: str | None) -> None:
    """Set ``username``'s time zone (``None``: the team's)."""
    if name:
        zone(name)
    store.set_time_zone(db, actor, username, name or None)


# ---------------------------------------------------------------- what a digest holds


@dataclass
class Gathered:
    """What every digest of one run draws on, computed once."""

    today: date
    alerts: list[Alert]
    admin_alerts: list[Alert]
    person_groups: dict[int, set[int]]
    newcomers: list[dict]
    handovers: list[dict]
    manuals: list[dict]


def gather(db: Database, today: date) -> Gathered:
    """Every area's alerts and what reminders are computed from, once for a whole run."""
    return Gathered(
        today=today,
        alerts=gather_alerts(db, today),
        admin_alerts=[alert for source in admin_alert_sources() for alert in source(db, today)],
        person_groups=store.person_open_groups(db),
        newcomers=coaching_store.newcomers(db),
        handovers=manuals_store.handovers(db, open_only=True),
        manuals=manuals_store.role_manuals(db),
    )


@dataclass
class Digest:
    """One account's digest: alerts in their scope (overview order) and their reminders."""

    username: str
    language: str
    alerts: list[Alert] = field(default_factory=list)
    reminders: list[Alert] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.alerts and not self.reminders


def recipient_scope(db: Database, user: dict) -> set[int] | None:
    """The groups whose alerts ``user`` gets (``None``: every group and team-wide ones)."""
    if user["app_role"] == "viewer":
        return None if user["scope_group_id"] is None else subtree_ids(db, user["scope_group_id"])
    return writable_group_ids(db, user["username"])


def in_scope(alert: Alert, scope: set[int] | None, person_groups: dict[int, set[int]]) -> bool:
    """Whether an alert concerns ``scope``: its group, else one of its person's groups;
    an alert about neither (team-wide, e.g. a role's manual) only for the whole tree."""
    if scope is None:
        return True
    if alert.group_id is not None:
        return alert.group_id in scope
    if alert.person_id is not None:
        return bool(person_groups.get(alert.person_id, set()) & scope)
    return False


def reminders(gathered: Gathered, user: dict) -> list[Alert]:
    """What falls due for ``user`` as a person: their newcomers' retrospectives, handovers
    they are to acknowledge, manuals they wrote that turn stale within a week."""
    today, ahead = gathered.today, gathered.today + REMINDER_AHEAD
    found: list[Alert] = []
    person = user["person_id"]
    if person is not None:
        for row in gathered.newcomers:
            if row["coach_id"] != person:
                continue
            since = date.fromisoformat(row["last_retro_on"] or row["joined_on"])
            due = since + timedelta(days=coaching.DEFAULT_RETRO_DAYS)
            if due <= ahead:
                found.append(
                    Alert(
                        "reminder_retrospective",
                        "medium",
                        "notify.reminder.retrospective",
                        "coaching",
                        {"person": row["name"], "due": due.isoformat()},
                        person_id=row["id"],
                    )
                )
        for row in gathered.handovers:
            if row["to_person"] != person:
                continue
            found.append(
                Alert(
                    "reminder_handover",
                    "high",
                    "notify.reminder.handover",
                    "manuals",
                    {
                        "role": row["role_name"],
                        "role_zh": row["role_name_zh"],
                        "group": row["group_name"],
                        "done": row["done_count"],
                        "items": row["item_count"],
                        "since": row["started_on"],
                    },
                    group_id=row["group_id"],
                )
            )
    for manual in gathered.manuals:
        if manual["author"] != user["username"] or not manual["version"]:
            continue
        if manuals.manual_status(manual, today) != "current":
            continue
        if manuals.manual_status(manual, ahead) == "stale":
            reviewed = manuals.last_reviewed(manual)
            stale_on = reviewed + timedelta(days=manuals.DEFAULT_STALE_DAYS + 1)
            found.append(
                Alert(
                    "reminder_manual",
                    "low",
                    "notify.reminder.manual",
                    "manuals",
                    {
                        "role": manual["name"],
                        "role_zh": manual["name_zh"],
                        "on": stale_on.isoformat(),
                    },
                )
            )
    return found


def build_digest(
    db: Database, gathered: Gathered, subscription: dict, muted: set[str] | None = None
) -> Digest:
    """The digest of ``subscription``'s account: in their language, their scope, the kinds
    they chose minus those they muted, with their reminders if they want them."""
    user = user_row(db, subscription["username"])
    scope = recipient_scope(db, user)
    pool = gathered.alerts + (gathered.admin_alerts if user["app_role"] == "admin" else [])
    kinds = subscription["alert_kinds"]
    muted = muted or set()
    chosen = [
        alert
        for alert in pool
        if (kinds is None or alert.kind in kinds)
        and alert.kind not in muted
        and in_scope(alert, scope, gathered.person_groups)
    ]
    personal = (
        [a for a in reminders(gathered, user) if a.kind not in muted]
        if subscription["reminders"]
        else []
    )
    return Digest(user["username"], user["language"] or "en", chosen, personal)
