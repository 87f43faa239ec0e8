"""Demo handover manuals and handovers: the owner, admin, coach and editor roles have
manuals (the admin's is stale), the event planner has none; three handovers — one under
way, one open too long, one acknowledged.

The manuals are written in English; ``MANUALS_ZH`` holds each one's Chinese version, which
``seed.language.localize_demo`` puts in their place in a Chinese demo."""

import random
from datetime import date, timedelta

from sqlite_utils import Database

from dashboard.domain.manuals import checklist_items


def _add_lines(text: str, below: dict[str, list[str]]) -> str:
    """A new version of the manual ``text``: ``below[line]`` added under each of its lines
    ``line``."""
    for line, added in below.items():
        anchor = f"{line}\n"
        if anchor not in text:
            raise ValueError(f"no line {line!r} in the manual")
        text = text.replace(anchor, anchor + "".join(f"{new}\n" for new in added))
    return text


OWNER_V1_ZH = """# 岗位移交说明书：群主

## 岗位职责
- 对本群的目标和结果负责：拉新、活跃、转化
- 制定群规，决定谁来担任管理员、内容编辑和活动策划

## 日常工作
### 每天
- 早上 9 点前看一遍群消息，回复被 @ 的问题
### 每周
- 周一发布本周计划
### 每月
- 月底向核心群汇报 KPI

## 关键联系人
- 核心群群主 —— 预算、人员调配 —— 核心群里 @ 即可

## 工具与账号
- 微信群管理后台 —— 群主权限随群转让

## 负责的 KPI
- 新增成员数、活跃率

## 常见坑
- 一个人包揽所有事，三个月后累到退出

## 移交清单
- [ ] 和接任者一起通读这份说明书
- [ ] 转让群主身份
- [ ] 在核心群介绍接任者
"""

OWNER_V2_ZH = _add_lines(
    OWNER_V1_ZH,
    {
        "- 周一发布本周计划": ["- 周五和管理员一起复盘本周数据"],
        "- [ ] 在核心群介绍接任者": ["- [ ] 交接本月未完成的活动和承诺"],
    },
)

OWNER_V3_ZH = OWNER_V2_ZH.replace(
    "- 一个人包揽所有事，三个月后累到退出\n",
    "- 一个人包揽所有事，三个月后累到退出：把活动交给活动策划，把内容交给内容编辑\n"
    "- 只看新增不看转化：每月同时汇报两类 KPI（结果导向和过程导向）\n",
).replace(
    "- 微信群管理后台 —— 群主权限随群转让\n",
    "- 微信群管理后台 —— 群主权限随群转让\n- 共享文档（运营资料库）—— 由核心群群主开通编辑权限\n",
)

ADMIN_V1_ZH = """# 岗位移交说明书：管理员

## 岗位职责
- 维护群秩序：欢迎新人、执行群规、清理广告

## 日常工作
### 每天
- 欢迎新成员，发送入群须知
- 删除广告和刷屏消息
### 每周
- 整理精华消息
### 每月
- 清理三个月未发言的成员（先私聊提醒）

## 关键联系人
- 群主 —— 群规的解释和例外

## 工具与账号
- 群机器人 —— 自动欢迎和关键词回复 —— 找群主开通

## 负责的 KPI
- 广告清理响应时间

## 常见坑
- 直接踢人引发争吵：先私聊，再公开提醒

## 移交清单
- [ ] 给接任者设置管理员权限
- [ ] 交接群机器人的关键词设置
- [ ] 一起处理一次违规消息
"""

COACH_V1_ZH = """# 岗位移交说明书：运营教练

## 岗位职责
- 带新人：让新人在试错中成长，每次尝试后带他复盘

## 日常工作
### 每天
- 回答带教新人的问题
### 每周
- 和每位新人一对一聊 15 分钟
### 每月
- 写带教小结

## 关键联系人
- 核心群群主 —— 新人分配

## 工具与账号
- 带教记录表（共享文档）

## 负责的 KPI
- 新人转正率

## 常见坑
- 替新人把事做完：要让他自己试

## 移交清单
- [ ] 逐一介绍正在带的新人
- [ ] 交接带教记录表
"""

COACH_V2_ZH = _add_lines(
    COACH_V1_ZH,
    {
        "- 和每位新人一对一聊 15 分钟": ["- 每次任务后按「目标 → 结果 → 原因 → 经验」带新人复盘"],
        "- [ ] 交接带教记录表": ["- [ ] 旁听一次复盘"],
    },
)

OWNER_V1 = """# Handover manual: Owner

## Responsibilities
- Answers for the group's goals and results: growth, activity, conversion
- Sets the group rules and decides who serves as admin, content editor and event planner

## Routine
### Daily
- Read the group's messages before 9 a.m. and answer every question you are @-mentioned in
### Weekly
- Post the week's plan on Monday
### Monthly
- Report the KPIs to the core group at the end of the month

## Key contacts
- Core group owner — budget and staffing — @-mention them in the core group

## Tools and accounts
- WeChat group admin console — owner rights pass on with the group

## KPIs owned
- New members, activity rate

## Common pitfalls
- Doing everything yourself and burning out within three months

## Handover checklist
- [ ] Read this manual together with the successor
- [ ] Transfer the group owner role
- [ ] Introduce the successor in the core group
"""

OWNER_V2 = _add_lines(
    OWNER_V1,
    {
        "- Post the week's plan on Monday": [
            "- Review the week's numbers with the admins on Friday"
        ],
        "- [ ] Introduce the successor in the core group": [
            "- [ ] Hand over this month's unfinished events and promises"
        ],
    },
)

OWNER_V3 = OWNER_V2.replace(
    "- Doing everything yourself and burning out within three months\n",
    "- Doing everything yourself and burning out within three months: leave events to the "
    "event planner and content to the content editor\n"
    "- Watching growth but not conversion: report both kinds of KPI every month (results "
    "and process)\n",
).replace(
    "- WeChat group admin console — owner rights pass on with the group\n",
    "- WeChat group admin console — owner rights pass on with the group\n"
    "- Shared docs (operations library) — the core group owner grants edit access\n",
)

ADMIN_V1 = """# Handover manual: Admin

## Responsibilities
- Keeps order in the group: welcomes newcomers, enforces the rules, removes ads

## Routine
### Daily
- Welcome new members and send them the group guide
- Delete ads and spam
### Weekly
- Collect the week's best messages
### Monthly
- Remove members silent for three months (message them privately first)

## Key contacts
- Group owner — how to read the rules, and exceptions to them

## Tools and accounts
- Group bot — automatic welcomes and keyword replies — ask the group owner for access

## KPIs owned
- Time taken to remove ads

## Common pitfalls
- Removing people outright starts quarrels: message them privately first, then remind publicly

## Handover checklist
- [ ] Give the successor admin rights
- [ ] Hand over the group bot's keyword settings
- [ ] Handle one rule violation together
"""

COACH_V1 = """# Handover manual: Operations coach

## Responsibilities
- Guides newcomers: lets them learn by trial and error, and reviews every attempt with them

## Routine
### Daily
- Answer the questions of the newcomers you coach
### Weekly
- A 15-minute one-to-one with each newcomer
### Monthly
- Write a coaching summary

## Key contacts
- Core group owner — assigns newcomers

## Tools and accounts
- Coaching log (shared doc)

## KPIs owned
- Share of newcomers confirmed in their role

## Common pitfalls
- Finishing the task for the newcomer: let them try it themselves

## Handover checklist
- [ ] Introduce each newcomer you coach, one by one
- [ ] Hand over the coaching log
"""

COACH_V2 = _add_lines(
    COACH_V1,
    {
        "- A 15-minute one-to-one with each newcomer": [
            "- After each task, review it with the newcomer: goal → result → causes → lessons"
        ],
        "- [ ] Hand over the coaching log": ["- [ ] Sit in on one retrospective"],
    },
)

# English manual -> its Chinese version (a Chinese demo's, see seed.language)
MANUALS_ZH = {
    OWNER_V1: OWNER_V1_ZH,
    OWNER_V2: OWNER_V2_ZH,
    OWNER_V3: OWNER_V3_ZH,
    ADMIN_V1: ADMIN_V1_ZH,
    COACH_V1: COACH_V1_ZH,
    COACH_V2: COACH_V2_ZH,
}

EDITOR_V1 = """# Handover manual: Content editor

## Responsibilities
- Plans and edits the group's weekly output (reading notes, how-to articles)

## Routine
### Daily
- Check the submissions folder and reply to writers
### Weekly
- Publish the Friday digest
### Monthly
- Agree next month's topics with the group owner

## Key contacts
- Group owner — topics and priorities
- WeChat account editor (公众号组) — reposts

## Tools and accounts
- Shared drive "Content" — ask the group owner for access
- Never store the WeChat account password here: the owner of 公众号组 holds it

## KPIs owned
- Articles published per week, reads per article

## Common pitfalls
- Publishing without a second reader: always get one review

## Handover checklist
- [ ] Walk through the submissions folder together
- [ ] Get edit access to the shared drive
- [ ] Publish one digest together
"""

# role code -> [(body, days ago saved, author, days ago reviewed or None)]
DEMO_MANUALS = {
    "owner": [
        (OWNER_V1, 400, "admin", None),
        (OWNER_V2, 200, "admin", None),
        (OWNER_V3, 40, "admin", 10),
    ],
    "admin": [(ADMIN_V1, 130, "admin", None)],
    "coach": [(COACH_V1, 300, "admin", None), (COACH_V2, 60, "admin", None)],
    "editor": [(EDITOR_V1, 20, "lead", None)],
}


def _day(today: date, days_ago: int) -> str:
    return (today - timedelta(days=days_ago)).isoformat()


def seed_demo(db: Database, rng: random.Random, today: date) -> None:
    """Manuals with history for four key roles, and three handovers in ordinary groups."""
    roles = {row[0]: row[1] for row in db.execute("SELECT code, id FROM roles").fetchall()}
    with db.atomic():
        latest: dict[str, tuple[int, str]] = {}
        for code, versions in DEMO_MANUALS.items():
            for number, (body, saved, author, reviewed) in enumerate(versions, start=1):
                version_id = db.execute(
                    """INSERT INTO manual_versions
                       (role_id, version, body_md, author, created_on, reviewed_on, reviewed_by)
                       VALUES (?, ?, ?, ?, ?, ?, ?)""",
                    [
                        roles[code],
                        number,
                        body,
                        author,
                        _day(today, saved),
                        None if reviewed is None else _day(today, reviewed),
                        None if reviewed is None else author,
                    ],
                ).lastrowid
                latest[code] = (version_id, body)
        # holders of a role in an ordinary group, and someone there to take it over
        plans = (
            ("owner", 5, None, 2),  # under way: 2 items done
            ("editor", 30, None, 1),  # open for a month
            ("admin", 70, 50, None),  # acknowledged
        )
        used_groups: set[int] = set()
        for code, started, acknowledged, done in plans:
            holders = db.execute(
                """SELECT m.person_id, m.group_id FROM memberships m
                   JOIN groups g ON g.id = m.group_id
                   WHERE m.role_id = ? AND m.end_on IS NULL AND g.tier = 'ordinary'
                   ORDER BY m.group_id, m.person_id""",
                [roles[code]],
            ).fetchall()
            holders = [h for h in holders if h[1] not in used_groups]
            if not holders:
                continue
            holder, group_id = rng.choice(holders)
            successors = db.execute(
                """SELECT m.person_id FROM memberships m JOIN people p ON p.id = m.person_id
                   WHERE m.group_id = ? AND m.end_on IS NULL AND p.status != 'left'
                     AND m.person_id != ? AND m.role_id IN (?, ?)
                   ORDER BY m.role_id = ? DESC, m.person_id""",
                [group_id, holder, roles["observer"], roles["member"], roles["observer"]],
            ).fetchall()
            if not successors:
                continue
            used_groups.add(group_id)
            version_id, body = latest[code]
            checklist = checklist_items(body)
            handover_id = db.execute(
                """INSERT INTO handovers (role_id, group_id, from_person, to_person,
                       manual_version_id, started_on, acknowledged_on, acknowledged_by)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                [
                    roles[code],
                    group_id,
                    holder,
                    successors[0][0],
                    version_id,
                    _day(today, started),
                    None if acknowledged is None else _day(today, acknowledged),
                    None if acknowledged is None else "admin",
                ],
            ).lastrowid
            ticked = len(checklist) if done is None else done
            for position, text in enumerate(checklist, start=1):
                finished = position <= ticked
                db.execute(
                    """INSERT INTO handover_items (handover_id, position, text, done_on, done_by)
                       VALUES (?, ?, ?, ?, ?)""",
                    [
                        handover_id,
                        position,
                        text,
                        _day(today, started - position) if finished else None,
                        "admin" if finished else None,
                    ],
                )
