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
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date

from dashboard.activity.formats import Chat, ChatEvent, OwnerDay
from db.activity import DAILY_FIELDS, DEFAULT_CHECKIN_KEYWORDS
from db.errors import ValidationError

NIGHT_HOURS = frozenset({23, 0, 1, 2, 3, 4, 5, 6})
# the six counts of a member's day packed in one int, 20 bits each (an int below 256, the
# common "a few messages and nothing else", is a shared small int: big exports stay small)
BITS = 20
MESSAGE, CHECKIN, SHARE, JOIN, LEAVE, NIGHT = (1 << (BITS * i) for i in range(6))
MASK = (1 << BITS) - 1


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


def unpack(packed: int) -> tuple[int, ...]:
    """The six counts (``DAILY_FIELDS`` order) of a packed member-day."""
    return tuple((packed >> (BITS * i)) & MASK for i in range(len(DAILY_FIELDS)))


@dataclass
class Tally:
    """What an export amounts to, ready to store. Chats are named by their position in
    ``chats``."""

    chats: list[Chat] = field(default_factory=list)
    days: dict[tuple[int, str], dict[str, int]] = field(default_factory=dict)  # → key → packed
    hours: dict[tuple[int, str, int], int] = field(default_factory=dict)  # (chat, day, hour)
    members: dict[str, tuple[str, str | None]] = field(default_factory=dict)  # key → platform, name
    owner_days: dict[tuple[str, str], dict] = field(default_factory=dict)
    messages: int = 0
    events: int = 0
    first_day: str | None = None
    last_day: str | None = None

    def rows(self) -> Iterator[tuple]:
        """``(chat_index, member_key, day, messages, checkins, shares, joins, leaves,
        night_messages)`` per member-day."""
        for (chat, day), members in self.days.items():
            for key, packed in members.items():
                yield (chat, key, day, *unpack(packed))

    def row_count(self) -> int:
        return sum(len(members) for members in self.days.values())

    def chat_days(self) -> dict[tuple[Chat, str], list[int]]:
        """Per (chat, day) the sum of every member's counts."""
        return {
            (self.chats[chat], day): list(unpack(sum(members.values())))
            for (chat, day), members in self.days.items()
        }


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
    slots: dict[int, int] = {}  # id(chat) → its position (parsers reuse a chat's object)
    keywords: list[re.Pattern] = []
    days, hours, members = result.days, result.hours, result.members
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
            slot = slots.get(id(chat))
            if slot is None:
                if chat in result.chats:
                    slot = result.chats.index(chat)
                else:
                    slot = len(result.chats)
                    result.chats.append(chat)
                    words = [re.escape(k) for k in keywords_of(chat) if k] or ["(?!)"]
                    keywords.append(re.compile("|".join(words), re.IGNORECASE))
                slots[id(chat)] = slot
            identity = (chat.platform, sender_id) if sender_id else (slot, name)
            key = keys.get(identity)
            if key is None:
                key = keys[identity] = member_key(salt, chat.platform, sender_id, chat, name or "")
                members[key] = (chat.platform, (name or "").strip() or None)
            elif name and members[key][1] is None:
                members[key] = (chat.platform, name.strip() or None)
            day_members = days.get((slot, day))
            if day_members is None:
                day_members = days[(slot, day)] = {}
            if kind == "message":
                add = MESSAGE
                result.messages += 1
                if text and keywords[slot].search(text):
                    add += CHECKIN
                if share:
                    add += SHARE
                if hour in NIGHT_HOURS:
                    add += NIGHT
                hours[(slot, day, hour)] = hours.get((slot, day, hour), 0) + 1
            else:
                add = JOIN if kind == "join" else LEAVE
            day_members[key] = day_members.get(key, 0) + add
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
