"""The core of the demo and large communities: groups, people, roles, memberships, users."""

import random
from datetime import date, timedelta

from sqlite_utils import Database

from db.schema import SOURCES

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = [
    "伟",
    "芳",
    "娜",
    "敏",
    "静",
    "丽",
    "强",
    "磊",
    "军",
    "洋",
    "勇",
    "艳",
    "杰",
    "娟",
    "涛",
    "明",
    "超",
    "秀英",
    "霞",
    "平",
    "刚",
    "桂英",
    "丹",
    "萍",
    "鑫",
    "宇",
    "浩",
    "凯",
    "晨",
    "婷",
    "雪",
    "琳",
    "晶",
    "颖",
    "倩",
    "欣怡",
    "子涵",
    "梓萱",
    "一诺",
    "思远",
    "浩然",
    "雨桐",
    "佳怡",
    "文博",
    "嘉怡",
    "俊杰",
    "诗涵",
    "天佑",
    "若曦",
    "晓东",
    "晓燕",
    "海涛",
    "春梅",
    "志强",
    "建华",
    "立新",
    "秋叶",
    "秦阳",
    "小荻",
    "可馨",
    "梦琪",
    "雅静",
    "宏伟",
    "国庆",
]

# code, English name, Chinese name, tier (None = any), key role?, description
ROLES = (
    ("owner", "Owner", "群主", None, 1, "Leads the group and answers for its results."),
    ("admin", "Admin", "管理员", None, 1, "Keeps order: rules, welcomes, clean-ups."),
    ("coach", "Operations coach", "运营教练", None, 1, "Guides newcomers through trial and error."),
    ("editor", "Content editor", "内容编辑", "ordinary", 1, "Plans and edits the group's output."),
    (
        "event_planner",
        "Event planner",
        "活动策划",
        "ordinary",
        1,
        "Runs shares, check-ins, meetups.",
    ),
    ("observer", "Observer", "观察员", None, 0, "Shadows a key role to take it over later."),
    ("member", "Member", "成员", None, 0, "Takes part in the group's work."),
)

DEMO_TREE = {
    ("运营管理群", "Operations management: strategy, budget, people"): {
        ("内容核心群", "Content: reading notes and know-how output"): [
            ("读书笔记组", "Weekly reading notes"),
            ("干货输出组", "How-to articles"),
            ("拆书小组", "Book breakdown sessions"),
        ],
        ("活动核心群", "Events: shares, check-ins and meetups"): [
            ("线上分享组", "Online talks (社群分享)"),
            ("打卡督导组", "Daily check-in challenges"),
            ("线下活动组", "Offline meetups"),
        ],
        ("新媒体核心群", "New media: WeChat account and short video"): [
            ("公众号组", "WeChat official account"),
            ("短视频组", "Short video"),
        ],
        ("社群运营核心群", "Community operations: onboarding, order, rewards"): [
            ("新人引导组", "Welcomes and onboarding"),
            ("群管理组", "Group rules and moderation"),
            ("福利发放组", "Rewards and red packets"),
        ],
    }
}
PLATFORMS = ("WeChat", "QQ", "DingTalk")
DEMO_USERS = (
    # username, display name, app role, scope (group name or None)
    ("admin", "Admin", "admin", None),
    ("lead", "Content lead", "lead", "内容核心群"),
    ("viewer", "Viewer", "viewer", None),
)


def person_names(rng: random.Random, count: int) -> list[str]:
    """``count`` distinct Chinese names."""
    names: list[str] = []
    seen: set[str] = set()
    while len(names) < count:
        name = rng.choice(SURNAMES) + rng.choice(GIVEN)
        if name in seen:
            name += rng.choice(GIVEN)[0]
        if name not in seen:
            seen.add(name)
            names.append(name)
    return names


def insert_roles(db: Database) -> dict[str, int]:
    for code, name, name_zh, tier, is_key, description in ROLES:
        db.execute(
            """INSERT INTO roles (code, name, name_zh, tier, is_key, description)
               VALUES (?, ?, ?, ?, ?, ?)""",
            [code, name, name_zh, tier, is_key, description],
        )
    return {row[0]: row[1] for row in db.execute("SELECT code, id FROM roles").fetchall()}


def _group(db: Database, name, tier, parent_id, purpose, platform, capacity, created_on) -> int:
    return db.execute(
        """INSERT INTO groups (name, tier, parent_id, purpose, platform, capacity, created_on)
           VALUES (?, ?, ?, ?, ?, ?, ?)""",
        [name, tier, parent_id, purpose, platform, capacity, created_on],
    ).lastrowid


class _People:
    """Creates people and memberships for the demo with plausible dates."""

    def __init__(self, db: Database, rng: random.Random, today: date, roles: dict[str, int]):
        self.db, self.rng, self.today, self.roles = db, rng, today, roles
        self.names = iter(person_names(rng, 200))
        self.veterans: list[int] = []

    def add(self, status: str = "active", *, days_ago: tuple[int, int] = (200, 1100)) -> int:
        joined = self.today - timedelta(days=self.rng.randint(*days_ago))
        source = self.rng.choice(SOURCES)
        referred_by = (
            self.rng.choice(self.veterans) if source == "referral" and self.veterans else None
        )
        if source == "referral" and referred_by is None:
            source = "task"
        person_id = self.db.execute(
            """INSERT INTO people (name, handle, joined_on, status, source, referred_by, max_mentees)
               VALUES (?, ?, ?, ?, ?, ?, ?)""",
            [
                next(self.names),
                f"ops{self.rng.randint(1000, 9999)}",
                joined.isoformat(),
                status,
                source,
                referred_by,
                self.rng.choice((2, 3, 3, 4)),
            ],
        ).lastrowid
        if status == "active":
            self.veterans.append(person_id)
        return person_id

    def joined_on(self, person_id: int) -> str:
        return self.db.execute("SELECT joined_on FROM people WHERE id = ?", [person_id]).fetchone()[
            0
        ]

    def member(self, person_id: int, group_id: int, role: str, start_on: str | None = None) -> int:
        return self.db.execute(
            "INSERT INTO memberships (person_id, group_id, role_id, start_on) VALUES (?, ?, ?, ?)",
            [person_id, group_id, self.roles[role], start_on or self.joined_on(person_id)],
        ).lastrowid


def build_demo(db: Database, rng: random.Random, today: date) -> None:
    """About 80 people in 1 management group, 4 core groups and 11 ordinary groups."""
    with db.atomic():
        roles = insert_roles(db)
        folks = _People(db, rng, today, roles)
        founded = (today - timedelta(days=1200)).isoformat()
        group_ids: dict[str, int] = {}
        (((mgmt_name, mgmt_purpose), cores),) = DEMO_TREE.items()
        mgmt_id = _group(db, mgmt_name, "management", None, mgmt_purpose, "WeChat", 10, founded)
        group_ids[mgmt_name] = mgmt_id
        founder = folks.add(days_ago=(1150, 1190))
        folks.member(founder, mgmt_id, "owner")
        for (core_name, core_purpose), ordinaries in cores.items():
            core_id = _group(db, core_name, "core", mgmt_id, core_purpose, "WeChat", 15, founded)
            group_ids[core_name] = core_id
            core_owner = folks.add(days_ago=(700, 1150))
            folks.member(core_owner, mgmt_id, "admin")
            folks.member(core_owner, core_id, "owner")
            core_people = [folks.add(days_ago=(400, 1000)) for _ in range(4)]
            for person_id, role in zip(
                core_people, ("admin", "coach", "coach", "member"), strict=True
            ):
                folks.member(person_id, core_id, role)
            for ordinary_name, ordinary_purpose in ordinaries:
                created = (today - timedelta(days=rng.randint(300, 900))).isoformat()
                ordinary_id = _group(
                    db,
                    ordinary_name,
                    "ordinary",
                    core_id,
                    ordinary_purpose,
                    rng.choice(PLATFORMS),
                    12,
                    created,
                )
                group_ids[ordinary_name] = ordinary_id
                # the core group's members lead its ordinary groups: the book's tiers
                lead = rng.choice(core_people)
                folks.member(lead, ordinary_id, "owner", created)
                crew = [folks.add(days_ago=(120, 900)) for _ in range(rng.randint(3, 4))]
                specialist = (
                    "editor" if "内容" in core_name or "新媒体" in core_name else "event_planner"
                )
                for person_id, role in zip(
                    crew, ("admin", specialist, "member", "member"), strict=False
                ):
                    folks.member(person_id, ordinary_id, role)
                if rng.random() < 0.5:
                    folks.member(folks.add(days_ago=(90, 300)), ordinary_id, "observer")
        ordinary_ids = [
            row[0] for row in db.execute("SELECT id FROM groups WHERE tier = 'ordinary'").fetchall()
        ]
        # newcomers in the last two months
        for index in range(12):
            newcomer = folks.add("newcomer", days_ago=(2, 60))
            folks.member(newcomer, ordinary_ids[index % len(ordinary_ids)], "member")
        # people who left, with the book's churn causes
        exits = ("workload", "workload", "reward", "growth", "discord", "growth", "other")
        for reason in exits:
            leaver = folks.add(days_ago=(300, 900))
            group_id = rng.choice(ordinary_ids)
            left_on = today - timedelta(days=rng.randint(10, 330))
            membership = folks.member(leaver, group_id, "member")
            db.execute(
                "UPDATE memberships SET end_on = ? WHERE id = ?", [left_on.isoformat(), membership]
            )
            db.execute(
                "UPDATE people SET status = 'left', left_on = ?, exit_reason = ? WHERE id = ?",
                [left_on.isoformat(), reason, leaver],
            )
        # some history: a few people moved between ordinary groups last year
        movers = db.execute(
            """SELECT m.id, m.person_id, m.group_id, m.role_id FROM memberships m
               JOIN groups g ON g.id = m.group_id
               WHERE g.tier = 'ordinary' AND m.end_on IS NULL AND m.role_id = ?
               ORDER BY m.id LIMIT 5""",
            [roles["member"]],
        ).fetchall()
        for membership_id, person_id, group_id, role_id in movers:
            moved_on = (today - timedelta(days=rng.randint(60, 200))).isoformat()
            earlier_group = rng.choice([g for g in ordinary_ids if g != group_id])
            db.execute(
                "UPDATE memberships SET start_on = ? WHERE id = ?", [moved_on, membership_id]
            )
            db.execute(
                """INSERT INTO memberships (person_id, group_id, role_id, start_on, end_on)
                   VALUES (?, ?, ?, ?, ?)""",
                [person_id, earlier_group, role_id, folks.joined_on(person_id), moved_on],
            )
        insert_users(db, group_ids)


def insert_users(db: Database, group_ids: dict[str, int]) -> None:
    """The demo accounts (passwords are set by the accounts area's seed)."""
    for username, display_name, app_role, scope in DEMO_USERS:
        db.execute(
            """INSERT INTO users (username, display_name, app_role, scope_group_id)
               VALUES (?, ?, ?, ?)""",
            [username, display_name, app_role, group_ids.get(scope) if scope else None],
        )


def build_large(db: Database, rng: random.Random, today: date) -> None:
    """≈5,000 people in 500 groups (1 management, 24 core, 475 ordinary), bulk-inserted."""
    with db.atomic():
        roles = insert_roles(db)
        founded = (today - timedelta(days=3 * 365 + 30)).isoformat()
        mgmt_id = _group(db, "运营管理群", "management", None, "Management", "WeChat", 40, founded)
        group_ids = {"运营管理群": mgmt_id}
        core_ids, ordinary_ids = [], []
        for core_index in range(24):
            name = f"核心群{core_index + 1:02d}"
            core_id = _group(db, name, "core", mgmt_id, "Core", "WeChat", 30, founded)
            core_ids.append(core_id)
            group_ids[name] = core_id
        for index in range(475):
            name = f"普通群{index + 1:03d}"
            ordinary_ids.append(
                _group(
                    db,
                    name,
                    "ordinary",
                    core_ids[index % 24],
                    "Ordinary",
                    PLATFORMS[index % 3],
                    15,
                    founded,
                )
            )
        names = person_names(rng, 5000)
        people_rows = []
        for index, name in enumerate(names):
            status = "newcomer" if index % 25 == 0 else ("left" if index % 40 == 1 else "active")
            joined = today - timedelta(days=rng.randint(5 if status == "newcomer" else 90, 1100))
            people_rows.append(
                (
                    name,
                    f"u{index:05d}",
                    joined.isoformat(),
                    status,
                    SOURCES[index % 4],
                    rng.choice((2, 3, 4)),
                )
            )
        db.conn.executemany(
            """INSERT INTO people (name, handle, joined_on, status, source, max_mentees)
               VALUES (?, ?, ?, ?, ?, ?)""",
            people_rows,
        )
        person_rows = db.execute("SELECT id, joined_on, status FROM people ORDER BY id").fetchall()
        membership_rows = []
        for index, (person_id, joined_on, status) in enumerate(person_rows):
            if status == "left":
                continue
            group_id = ordinary_ids[index % len(ordinary_ids)]
            slot = index // len(ordinary_ids)
            role = (
                ("owner", "admin", "coach", "editor", "event_planner", "observer")[slot]
                if slot < 6
                else "member"
            )
            membership_rows.append((person_id, group_id, roles[role], joined_on))
        for index, core_id in enumerate([mgmt_id, *core_ids]):
            person_id = person_rows[index][0]
            membership_rows.append((person_id, core_id, roles["owner"], person_rows[index][1]))
        db.conn.executemany(
            "INSERT INTO memberships (person_id, group_id, role_id, start_on) VALUES (?, ?, ?, ?)",
            membership_rows,
        )
        db.execute(
            """UPDATE people SET left_on = date(joined_on, '+60 days'),
               exit_reason = CASE id % 5 WHEN 0 THEN 'workload' WHEN 1 THEN 'reward'
                 WHEN 2 THEN 'growth' WHEN 3 THEN 'discord' ELSE 'other' END
               WHERE status = 'left'"""
        )
        insert_users(db, group_ids)
