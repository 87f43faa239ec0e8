"""From events to counts: per chat, member and day the messages, check-ins, shares, joins,
leaves and night messages (23:00–07:00); per chat, day and hour the messages (for the
hour × weekday heatmap); WeCom's owner-days as they come. Members are kept under a
pseudonymous key; no text survives this module.

Member keys: ``HMAC-SHA256(salt, platform + ":" + platform id)`` (first 20 hex digits),
the salt being generated once per database. Senders without an id (Telegram's invited
members, a CSV without an id column) get ``HMAC(salt, platform + ":" + chat + ":" +
display name)``, so the same name in two chats is two members."""

import hashlib
import hmac
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from dashboard.activity.formats import Chat, ChatEvent, OwnerDay
from db.activity import DAILY_FIELDS, DEFAULT_CHECKIN_KEYWORDS
from db.errors import ValidationError

NIGHT_HOURS = frozenset({23, 0, 1, 2, 3, 4, 5, 6})
# per (chat, member, day): the positions of the counts in ``Tally.member_days`` values
MESSAGES, CHECKINS, SHARES, JOINS, LEAVES, NIGHT = range(6)


def member_key(salt: str, platform: str, platform_id: str | None, chat: Chat, name: str) -> str:
    """The pseudonymous key of a sender (see the module's docstring)."""
    if platform_id:
        subject = f"{platform}:{platform_id}"
    else:
        subject = f"{platform}:{chat.external_id}:{(name or '').strip()}"
    return hmac.new(salt.encode(), subject.encode(), hashlib.sha256).hexdigest()[:20]


def parse_keywords(text: str | None) -> tuple[str, ...]:
    """Keywords from ``打卡, 签到；check-in`` (commas, semicolons, 、 or new lines)."""
    if text is None:
        return DEFAULT_CHECKIN_KEYWORDS
    for separator in ("，", "；", ";", "、", "\n"):
        text = text.replace(separator, ",")
    return tuple(dict.fromkeys(k.strip().lower() for k in text.split(",") if k.strip()))


@dataclass
class Tally:
    """What an export amounts to, ready to store."""

    chats: dict[Chat, dict] = field(default_factory=dict)  # chat → {"messages", "events"}
    member_days: dict[tuple[Chat, str, str], list[int]] = field(default_factory=dict)
    hours: dict[tuple[Chat, str, int], int] = field(default_factory=dict)
    members: dict[str, tuple[str, str | None]] = field(default_factory=dict)  # key → platform, name
    owner_days: dict[tuple[str, str], dict] = field(default_factory=dict)
    messages: int = 0
    events: int = 0
    first_day: str | None = None
    last_day: str | None = None

    def chat_days(self) -> dict[tuple[Chat, str], list[int]]:
        """Per (chat, day) the sum of every member's counts."""
        totals: dict[tuple[Chat, str], list[int]] = {}
        for (chat, _, day), counts in self.member_days.items():
            total = totals.setdefault((chat, day), [0] * len(DAILY_FIELDS))
            for position, count in enumerate(counts):
                total[position] += count
        return totals


def tally(
    events: Iterable[ChatEvent | OwnerDay],
    salt: str,
    keywords_of: Callable[[Chat], tuple[str, ...]],
    today: date,
    *,
    source_name: str = "",
    progress: Callable[[int], None] | None = None,
    every: int = 100_000,
) -> Tally:
    """Count ``events``; ``ValidationError`` when one lies after ``today`` (a day of slack
    for time zones) or when there is nothing to count."""
    result = Tally()
    latest = date.fromordinal(today.toordinal() + 1).isoformat()
    keys: dict[tuple, str] = {}
    keywords: dict[Chat, tuple[str, ...]] = {}
    member_days, hours, members = result.member_days, result.hours, result.members
    first, last = "9999-99-99", "0000-00-00"
    count = 0
    for event in events:
        count += 1
        if progress is not None and count % every == 0:
            progress(count)
        if isinstance(event, OwnerDay):
            day = event.day
            result.owner_days[(event.owner, day)] = event.counts
            result.messages += event.counts.get("msg_total") or 0
        else:
            chat, day, hour, sender_id, name, kind, text, share = event
            identity = (chat.platform, sender_id) if sender_id else (chat, name)
            key = keys.get(identity)
            if key is None:
                key = keys[identity] = member_key(salt, chat.platform, sender_id, chat, name or "")
                members[key] = (chat.platform, (name or "").strip() or None)
            elif name and members[key][1] is None:
                members[key] = (chat.platform, name.strip() or None)
            row = member_days.get((chat, key, day))
            if row is None:
                row = member_days[(chat, key, day)] = [0, 0, 0, 0, 0, 0]
            info = result.chats.get(chat)
            if info is None:
                info = result.chats[chat] = {"messages": 0, "events": 0}
                keywords[chat] = tuple(k.lower() for k in keywords_of(chat))
            info["events"] += 1
            if kind == "message":
                row[MESSAGES] += 1
                info["messages"] += 1
                result.messages += 1
                if text and any(k in text.lower() for k in keywords[chat]):
                    row[CHECKINS] += 1
                if share:
                    row[SHARES] += 1
                if hour in NIGHT_HOURS:
                    row[NIGHT] += 1
                hours[(chat, day, hour)] = hours.get((chat, day, hour), 0) + 1
            elif kind == "join":
                row[JOINS] += 1
            else:
                row[LEAVES] += 1
        if day < first:
            first = day
        if day > last:
            last = day
    result.events = count
    if not count:
        raise ValidationError("activity.err.nothing", name=source_name)
    if last > latest:
        raise ValidationError("activity.err.future", name=source_name, day=last)
    result.first_day, result.last_day = first, last
    return result
