"""Group health's demo and large data.

Demo: the events groups held (a talk, a challenge, a meetup every few weeks), and a second
chat per group — its notice chat (通知群), where the owner posts most days — so the owners
count as present. Five groups tell a trap each (the others stay healthy):
- 无首 ``LEADERLESS``: its owner stopped posting six weeks ago;
- 暴政 ``TYRANNY``: its owner floods the last complete month while sixty members who joined
  the notice chat never say a word;
- 无聊 ``BORED``: a sagging group of the demo without an event (its messages per active
  member fall as its activity sags);
- 蒸发 ``EVAPORATING``: a second group chat whose members fall silent month after month;
- 失焦 ``UNFOCUSED``: a chatter chat whose messages drown the check-ins and shares.
The KPIs computed from activity are recomputed for these chats.

Large: the events only (no extra minutes).
"""

import random
from datetime import date, timedelta

from sqlite_utils import Database

from db.health import EVENT_KINDS

LEADERLESS = "公众号组"
TYRANNY = "群管理组"
BORED = ("新人引导组",)
EVAPORATING = "拆书小组"
UNFOCUSED = "线下活动组"
PLATFORM = "wechat"
EVENT_TITLES = {
    "talk": "每周读书分享",
    "challenge": "21 天打卡挑战",
    "meetup": "城市线下聚会",
    "other": "群规更新说明会",
}


def _events(db: Database, rng: random.Random, today: date, skip: tuple[str, ...]) -> None:
    """Two to four events per core and ordinary group, the latest in the last three weeks."""
    groups = db.execute(
        "SELECT id, name FROM groups WHERE tier <> 'management' ORDER BY id"
    ).fetchall()
    rows = []
    for group_id, name in groups:
        if name in skip:
            continue
        day = today - timedelta(days=rng.randint(3, 20))
        for _ in range(rng.randint(2, 4)):
            kind = rng.choice(EVENT_KINDS)
            rows.append(
                (group_id, day.isoformat(), kind, EVENT_TITLES[kind], "admin", f"{today}T09:00")
            )
            day -= timedelta(days=rng.randint(14, 35))
    with db.atomic():
        db.conn.executemany(
            """INSERT INTO group_events (group_id, day, kind, title, created_by, created_at)
               VALUES (?, ?, ?, ?, ?, ?)""",
            rows,
        )


class _Chat:
    """A seeded second chat of a group: its member-days and hours, stored as one import."""

    def __init__(self, db: Database, group_id: int, name: str, kind: str) -> None:
        from dashboard.activity.formats import Chat
        from db import activity as activity_store

        self.db, self.group_id, self.name = db, group_id, name
        self.external_id = f"{kind}-{group_id}"
        self.chat = Chat(PLATFORM, self.external_id, name)
        self.salt = activity_store.salt(db)
        self.rows: list[tuple] = []
        self.keys: set[str] = set()

    def key(self, platform_id: str) -> str:
        from dashboard.activity.counting import member_key

        key = member_key(self.salt, PLATFORM, platform_id, self.chat, "")
        self.keys.add(key)
        return key

    def add(self, key: str, day: str, messages: int, checkins=0, shares=0, joins=0) -> None:
        self.rows.append((0, key, day, messages, checkins, shares, joins, 0, 0))

    def store(self) -> None:
        from seed.activity import store_chat

        per_day: dict[str, int] = {}
        for row in self.rows:
            per_day[row[2]] = per_day.get(row[2], 0) + row[3]
        hours = [(0, day, 20, n) for day, n in sorted(per_day.items()) if n]
        members = [(key, PLATFORM, None) for key in sorted(self.keys)]
        store_chat(
            self.db,
            PLATFORM,
            self.name,
            self.group_id,
            self.rows,
            hours,
            members,
            self.external_id,
        )


def _month_days(month: str) -> list[str]:
    from dashboard.domain.activity import month_end

    first = date.fromisoformat(f"{month}-01")
    return [(first + timedelta(days=i)).isoformat() for i in range(month_end(month).day)]


def seed_demo(db: Database, rng: random.Random, today: date) -> None:
    from dashboard.domain import activity_kpis
    from dashboard.domain.health import complete_months
    from db import activity as activity_store
    from seed.activity import DEMO_ACTIVITY_DAYS

    _events(db, rng, today, BORED)
    days = [
        (today - timedelta(days=DEMO_ACTIVITY_DAYS - i)).isoformat()
        for i in range(DEMO_ACTIVITY_DAYS)
    ]
    months = complete_months(today, 4)
    last_month = set(_month_days(months[-1]))
    owners = db.execute(
        """SELECT g.id, g.name, (SELECT m.person_id FROM memberships m
                                 JOIN roles r ON r.id = m.role_id AND r.code = 'owner'
                                 WHERE m.group_id = g.id AND m.end_on IS NULL
                                 ORDER BY m.start_on LIMIT 1)
           FROM groups g WHERE g.tier <> 'management' AND g.archived_on IS NULL
           ORDER BY g.id"""
    ).fetchall()
    links, chats = [], []
    for group_id, name, owner_id in owners:
        notice = _Chat(db, group_id, f"{name}·通知", "notice")
        if owner_id is not None:
            owner = notice.key(f"p{owner_id}")  # the sender key the activity seed links
            links.append((owner_id, owner))
            stop = today - timedelta(days=42) if name == LEADERLESS else today
            (fell_silent,) = db.execute(  # an owner drifting away stops here too
                """SELECT MAX(d.day) FROM activity_daily d JOIN members k ON k.key = d.member_key
                   WHERE k.person_id = ? AND d.messages > 0""",
                [owner_id],
            ).fetchone()
            if fell_silent is not None and fell_silent < (today - timedelta(days=7)).isoformat():
                stop = min(stop, date.fromisoformat(fell_silent))
            for day in days:
                if day < stop.isoformat() and rng.random() < 0.8:
                    flood = name == TYRANNY and day in last_month
                    messages = rng.randint(280, 320) if flood else rng.randint(1, 3)
                    notice.add(owner, day, messages, shares=messages // 2)
        if name == TYRANNY:
            for index in range(60):
                notice.add(notice.key(f"n{group_id}-{index}"), days[0], 0, joins=1)
        if notice.rows:
            chats.append(notice)
        if name == EVAPORATING:
            chats.append(_quieting_chat(db, group_id, name, months))
        if name == UNFOCUSED:
            chats.append(_chatter_chat(db, rng, group_id, name, days, months))
    for chat in chats:
        chat.store()
    activity_store.link_seeded_members(db, links)
    seeded = {chat.external_id for chat in chats}
    activity_kpis.recompute(
        db, "system", [c["id"] for c in activity_store.chats(db) if c["external_id"] in seeded]
    )


def _quieting_chat(db: Database, group_id: int, name: str, months: list[str]) -> _Chat:
    """Thirty members, all in from the first month, fewer of them speaking every month."""
    chat = _Chat(db, group_id, f"{name}·二群", "second")
    for number, (month, speaking) in enumerate(zip(months, (27, 21, 15, 9), strict=True)):
        for index in range(30):
            key = chat.key(f"q{group_id}-{index}")
            talks = index < speaking
            if number == 0 or talks:
                chat.add(key, f"{month}-10", 3 if talks else 0, int(talks), joins=int(number == 0))
    return chat


def _chatter_chat(
    db: Database, rng: random.Random, group_id: int, name: str, days: list[str], months
) -> _Chat:
    """Twenty members chatting every day of the last two complete months and since: many
    messages, no check-ins and no shares."""
    chat = _Chat(db, group_id, f"{name}·闲聊", "chatter")
    since = f"{months[-2]}-01"
    for day in days:
        if day < since:
            continue
        for index in range(20):
            if rng.random() < 0.8:
                chat.add(chat.key(f"c{group_id}-{index}"), day, rng.randint(4, 8))
    return chat


def seed_large(db: Database, rng: random.Random, today: date) -> None:
    """Events of every group (a few rows each)."""
    _events(db, rng, today, ())
