"""Example chat exports, one small file per format, named after the demo community's
groups (``python -m seed --samples DIR``), and large generated exports for tests and
benchmarks. Deterministic (``random.Random``)."""

import csv
import hashlib
import io
import json
import math
import random
from datetime import date, datetime, time, timedelta
from pathlib import Path

from dashboard.activity.formats import DEFAULT_TIMEZONE
from seed.community import DEMO_TREE, SURNAMES

TEXTS = (
    "早上好",
    "今天的读书笔记已发",
    "打卡第 12 天",
    "签到",
    "收到，谢谢",
    "明晚八点线上分享",
    "https://mp.weixin.qq.com/s/example",
    "这篇文章不错",
    "check-in day 3",
    "👍",
)  # noqa: RUF001
SAMPLE_END = date(2026, 6, 14)  # the demo database's "today" is 2026-06-15


def _ordinary_groups() -> list[str]:
    return [name for cores in DEMO_TREE.values() for groups in cores.values() for name, _ in groups]


def _people(rng: random.Random, count: int) -> list[tuple[str, str]]:
    given = ("伟", "芳", "娜", "敏", "静", "磊", "洋", "婷", "雪", "浩然", "雨桐", "子涵")
    names = []
    for index in range(count):
        names.append((f"{1000 + index}", rng.choice(SURNAMES) + rng.choice(given)))
    return names


def _moments(rng: random.Random, count: int, days: int, end: date):
    start = datetime.combine(end - timedelta(days=days - 1), time(0), tzinfo=DEFAULT_TIMEZONE)
    seconds = sorted(rng.randrange(days * 86400) for _ in range(count))
    return [start + timedelta(seconds=s) for s in seconds]


def telegram_chat(
    rng: random.Random,
    name: str,
    chat_id: int,
    count: int,
    days: int,
    end: date = SAMPLE_END,
    members: int = 12,
) -> dict:
    """A Telegram Desktop single-chat export (as a dict) with messages, entity lists,
    forwards and join/leave service messages."""
    people = _people(rng, members)
    messages = []
    for number, moment in enumerate(_moments(rng, count, days, end), 1):
        uid, who = rng.choice(people)
        base = {
            "id": number,
            "date": moment.replace(tzinfo=None).isoformat(timespec="seconds"),
            "date_unixtime": str(int(moment.timestamp())),
        }
        roll = rng.random()
        if roll < 0.03:
            messages.append(
                base
                | {
                    "type": "service",
                    "actor": who,
                    "actor_id": f"user{uid}",
                    "action": "join_group_by_link",
                    "text": "",
                }
            )
        elif roll < 0.05:
            messages.append(
                base
                | {
                    "type": "service",
                    "actor": "管理员",
                    "actor_id": "user1",
                    "action": "remove_members",
                    "members": [who],
                    "text": "",
                }
            )
        elif roll < 0.15:
            messages.append(
                base
                | {
                    "type": "message",
                    "from": who,
                    "from_id": f"user{uid}",
                    "text": ["看看这个 ", {"type": "link", "text": "https://example.com"}],
                }
            )
        else:
            message = base | {
                "type": "message",
                "from": who,
                "from_id": f"user{uid}",
                "text": rng.choice(TEXTS),
            }
            if roll > 0.95:
                message["forwarded_from"] = "秋叶大叔"
            messages.append(message)
    return {"name": name, "type": "private_supergroup", "id": chat_id, "messages": messages}


def chatlab_records(
    rng: random.Random,
    name: str,
    count: int,
    days: int,
    end: date = SAMPLE_END,
    members: int = 12,
    platform: str = "wechat",
):
    """ChatLab 0.0.2 records: the header, members, then messages (JSONL order)."""
    people = _people(rng, members)
    yield {
        "_type": "header",
        "chatlab": {"version": "0.0.2", "exportedAt": 1781222400},
        "meta": {"name": name, "platform": platform, "type": "group"},
    }
    for uid, who in people:
        yield {"_type": "member", "platformId": f"wxid_{uid}", "accountName": who}
    for moment in _moments(rng, count, days, end):
        uid, who = rng.choice(people)
        roll = rng.random()
        kind, content = (
            (80, f"{who}加入了群聊")
            if roll < 0.03
            else ((7, "[链接] 社群运营的十个方法") if roll < 0.1 else (0, rng.choice(TEXTS)))
        )
        yield {
            "_type": "message",
            "sender": f"wxid_{uid}",
            "accountName": who,
            "timestamp": int(moment.timestamp()),
            "type": kind,
            "content": content,
        }


def write_telegram(path: Path, count: int, days: int = 30, seed: int = 1, chats: int = 1) -> Path:
    """A Telegram export of ``count`` messages (a full-account export when ``chats`` > 1),
    written message by message (large files never sit in memory)."""
    rng = random.Random(seed)
    groups = _ordinary_groups()
    with open(path, "w", encoding="utf-8") as out:
        if chats > 1:
            out.write(
                '{"about": "Here is the data you requested.", "chats": {"about": "", "list": ['
            )
        for index in range(chats):
            share = count // chats + (1 if index < count % chats else 0)
            chat = telegram_chat(rng, groups[index % len(groups)], 1_000_000 + index, 0, days)
            head = json.dumps(
                {k: v for k, v in chat.items() if k != "messages"}, ensure_ascii=False
            )
            out.write(("," if index else "") + head[:-1] + ', "messages": [\n')
            _write_messages(out, rng, share, days)
            out.write("]}")
        out.write("]}}" if chats > 1 else "\n")
    return path


def _write_messages(out, rng: random.Random, count: int, days: int, block: int = 50_000) -> None:
    written = 0
    while written < count:
        size = min(block, count - written)
        part = telegram_chat(rng, "", 0, size, days, members=max(50, count // 200))["messages"]
        for position, message in enumerate(part):
            message["id"] = written + position + 1
            out.write(
                ("" if written + position == 0 else ",\n") + json.dumps(message, ensure_ascii=False)
            )
        written += size


def write_chatlab_jsonl(path: Path, count: int, days: int = 30, seed: int = 2) -> Path:
    """A ChatLab JSONL export of ``count`` messages, written line by line."""
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8") as out:
        records = chatlab_records(
            rng, _ordinary_groups()[0], count, days, members=max(12, count // 200)
        )
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def write_samples(folder: Path) -> list[Path]:
    """One small example export per format, chats named like the demo's groups."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(15)
    groups = _ordinary_groups()
    written = []

    def save(name: str, content: bytes) -> None:
        (folder / name).write_bytes(content)
        written.append(folder / name)

    telegram = telegram_chat(rng, groups[0], 1_000_001, 300, 30)
    save("telegram_result.json", json.dumps(telegram, ensure_ascii=False, indent=1).encode())
    records = list(chatlab_records(rng, groups[4], 300, 30))
    chatlab = {
        "chatlab": records[0]["chatlab"],
        "meta": records[0]["meta"],
        "members": [
            {k: v for k, v in r.items() if k != "_type"} for r in records if r["_type"] == "member"
        ],
        "messages": [
            {k: v for k, v in r.items() if k != "_type"} for r in records if r["_type"] == "message"
        ],
    }
    save("chatlab.json", json.dumps(chatlab, ensure_ascii=False, indent=1).encode())
    lines = [json.dumps(r, ensure_ascii=False) for r in chatlab_records(rng, groups[8], 300, 30)]
    save("chatlab.jsonl", ("\n".join(lines) + "\n").encode())
    save("wecom_statistics.csv", _wecom_csv(rng).encode("gb18030"))
    save(
        "wecom_statistics_by_day.json",
        json.dumps(_wecom_json(rng), ensure_ascii=False, indent=1).encode(),
    )
    save("messages.csv", _message_csv(rng, groups[2], groups[3]).encode("utf-8-sig"))
    return written


def _wecom_csv(rng: random.Random) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(
        [
            "日期",
            "群主",
            "群总数",
            "新增群数",
            "有过消息的群数",
            "群成员总数",
            "新增群成员数",
            "发过消息的群成员数",
            "群消息总数",
        ]
    )
    for offset in range(14, 0, -1):
        day = SAMPLE_END - timedelta(days=offset - 1)
        for owner in ("wangfang", "lilei"):
            members = 180 + rng.randrange(20)
            writer.writerow(
                [
                    f"{day.year}/{day.month}/{day.day}",
                    owner,
                    3,
                    rng.randrange(2),
                    2,
                    members,
                    rng.randrange(6),
                    rng.randrange(20, 60),
                    rng.randrange(80, 400),
                ]
            )
    return out.getvalue()


def _wecom_json(rng: random.Random) -> dict:
    items = []
    for offset in range(7, 0, -1):
        day = SAMPLE_END - timedelta(days=offset - 1)
        stamp = int(datetime.combine(day, time(0), tzinfo=DEFAULT_TIMEZONE).timestamp())
        items.append(
            {
                "stat_time": stamp,
                "data": {
                    "new_chat_cnt": rng.randrange(2),
                    "chat_total": 3,
                    "chat_has_msg": 2,
                    "new_member_cnt": rng.randrange(6),
                    "member_total": 190,
                    "member_has_msg": rng.randrange(20, 60),
                    "msg_total": rng.randrange(80, 400),
                    "migrate_trainee_chat_cnt": 0,
                },
            }
        )
    return {
        "owner_filter": {"userid_list": ["wangfang"]},
        "errcode": 0,
        "errmsg": "ok",
        "items": items,
    }


def _message_csv(rng: random.Random, *chats: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["时间", "群名", "发送者ID", "发送者", "消息类型", "内容"])
    people = _people(rng, 10)
    for moment in _moments(rng, 200, 14, SAMPLE_END):
        uid, who = rng.choice(people)
        kind = rng.choice(("文本", "文本", "文本", "链接", "小程序", "入群"))
        text = rng.choice(TEXTS) if kind == "文本" else ""
        writer.writerow(
            [
                f"{moment.year}/{moment.month}/{moment.day} {moment:%H:%M}",
                rng.choice(chats),
                f"wxid_{uid}",
                who,
                kind,
                text,
            ]
        )
    return out.getvalue()


# ---------------------------------------------------------------- demo and large activity

DEMO_ACTIVITY_DAYS = 16 * 7  # the retention signals compare the last 4 weeks with 12 before
LARGE_ACTIVITY_DAYS = 180
# the demo's process KPIs that its chats compute (the others stay typed)
COMPUTED = {"active_ratio": "active_ratio", "shares": "shares", "checkin_rate": "checkin_rate"}
DAY_HOURS = (7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22)
DAY_WEIGHTS = (1, 3, 5, 4, 3, 4, 3, 2, 2, 3, 3, 4, 6, 8, 7, 4)
NIGHT_HOURS = (23, 0, 1, 2, 3, 4, 5, 6)
NIGHT_WEIGHTS = (5, 3, 2, 1, 1, 1, 1, 2)
# the demo's team members whose own activity tells a story on the retention page
NIGHT_OWL, OVERLOADED, DRIFTING = 0, 1, 2


def _spread(total: int, hours: tuple[int, ...], weights: tuple[int, ...]) -> dict[int, int]:
    """``total`` messages over ``hours`` in proportion to ``weights`` (largest remainders)."""
    if total <= 0:
        return {}
    whole = sum(weights)
    shares = [total * w / whole for w in weights]
    counts = [int(s) for s in shares]
    order = sorted(range(len(hours)), key=lambda i: counts[i] - shares[i])
    for i in order[: total - sum(counts)]:
        counts[i] += 1
    return {hour: n for hour, n in zip(hours, counts, strict=True) if n}


def _chat_rows(
    rng: random.Random,
    members: list[tuple[str, float]],
    team: list[tuple[str, str]],
    days: list[str],
    level,
) -> tuple[list[tuple], list[tuple]]:
    """One chat's member-days and hours.

    :param members: community members' ``(key, propensity)``; a fifth of them join during
        the period (a join on their first day), a few leave (nothing after).
    :param team: team members' ``(key, story)``: ``night`` / ``load`` / ``drift`` / ``""``.
    :param level: ``fn(day index) -> share of members active that day``.
    """
    rows, hours = [], []
    span = len(days)
    last_weeks = span - 28
    plans = []
    for key, propensity in members:
        roll = rng.random()
        first = rng.randrange(span) if roll < 0.2 else 0
        last = rng.randrange(first, span) if roll > 0.95 else None
        plans.append((key, propensity, first, last))
    for index, day in enumerate(days):
        share = level(index)
        day_total = night_total = 0
        for key, propensity, first, last in plans:
            if index < first or (last is not None and index > last):
                continue
            joins = 1 if index == first and first > 0 else 0
            leaves = 1 if index == last else 0
            messages = checkins = shares = night = 0
            if rng.random() < min(0.97, share * propensity):
                messages = 1 + int(rng.expovariate(1 / (1.5 + 2 * propensity)))
                checkins = 1 if rng.random() < 0.85 else 0
                shares = 1 if rng.random() < 0.5 else 0
                night = 1 if rng.random() < 0.05 else 0
            if messages or joins or leaves:
                rows.append((0, key, day, messages, checkins, shares, joins, leaves, night))
                day_total += messages - night
                night_total += night
        for key, story in team:
            if story == "drift" and index >= span - 21:
                continue  # three weeks without a word
            messages = 2 + int(rng.expovariate(1 / 4))
            if story == "load" and index >= last_weeks:
                messages = messages * 3 + 4  # the last four weeks: far above their norm
            night = int(messages * (0.45 if story == "night" and index >= last_weeks else 0.04))
            rows.append((0, key, day, messages, 0, 1 if rng.random() < 0.2 else 0, 0, 0, night))
            day_total += messages - night
            night_total += night
        for hour, n in {
            **_spread(day_total, DAY_HOURS, DAY_WEIGHTS),
            **_spread(night_total, NIGHT_HOURS, NIGHT_WEIGHTS),
        }.items():
            hours.append((0, day, hour, n))
    return rows, hours


def store_chat(
    db, platform: str, name: str, group_id: int, rows, hours, members, external_id: str = ""
) -> None:
    """One seeded chat as one import (through the same write as a real one), mapped; its
    id on the platform is ``seed-<group id>`` unless ``external_id`` is given (a group's
    second chat)."""
    external_id = external_id or f"seed-{group_id}"
    from db import activity as store

    store.store_import(
        db,
        "system",
        {
            "file_name": f"demo-{name}.jsonl",
            "file_hash": hashlib.sha256(f"seed:{platform}:{name}".encode()).hexdigest(),
            "format": "chatlab_jsonl",
            "first_day": min(row[2] for row in rows),
            "last_day": max(row[2] for row in rows),
            "messages": sum(row[3] for row in rows),
        },
        [(platform, external_id, name)],
        members,
        rows,
        hours,
    )
    with db.atomic():
        db.execute(
            "UPDATE chats SET group_id = ? WHERE platform = ? AND external_id = ?",
            [group_id, platform, external_id],
        )


def _seed_activity(
    db, rng: random.Random, today: date, groups: list[tuple], days_back: int, size: int, stories
) -> None:
    """A chat per group of ``groups`` (``(id, name, level fn, team person ids)``) mapped to
    it, ``size`` community members each, the team's own messages linked to their people;
    then the computed KPIs."""
    from dashboard.activity.counting import member_key
    from dashboard.activity.formats import Chat
    from dashboard.domain import activity_kpis
    from db import activity as store

    salt = store.salt(db)
    days = [(today - timedelta(days=days_back - i)).isoformat() for i in range(days_back)]
    kpi_ids = [
        row[0]
        for row in db.execute(
            f"SELECT id FROM kpis WHERE code IN ({', '.join('?' for _ in COMPUTED)})",
            list(COMPUTED),
        )
    ]
    store.set_activity_metric(db, COMPUTED)
    store.clear_typed_values(db, kpi_ids, [g[0] for g in groups], days[0])
    links = []
    for group_id, name, level, team_people in groups:
        platform = "wechat"
        chat = Chat(platform, f"seed-{group_id}", name)
        members = [
            (member_key(salt, platform, f"m{group_id}-{i}", chat, ""), rng.lognormvariate(0, 0.7))
            for i in range(size)
        ]
        team = []
        for person_id in team_people:
            key = member_key(salt, platform, f"p{person_id}", chat, "")
            team.append((key, stories.get(person_id, "")))
            links.append((person_id, key))
        rows, hours = _chat_rows(rng, members, team, days, level)
        listed = [(key, platform, None) for key, _ in members] + [
            (key, platform, None) for key, _ in team
        ]
        store_chat(db, platform, name, group_id, rows, hours, listed)
    store.link_seeded_members(db, links)
    activity_kpis.recompute(db, "system")


def seed_demo(db, rng: random.Random, today: date) -> None:
    """A WeChat chat per core and ordinary group of the demo, mapped to it: 16 weeks of
    activity at the level its KPIs tell (the sagging groups sag), three team members with
    a story (night work, a load far above their norm, three silent weeks); the active-member
    ratio, check-in rate and shares of those weeks are computed from it."""
    from seed.kpis import DEMO_SAGGING

    groups = db.execute(
        "SELECT id, name FROM groups WHERE tier <> 'management' ORDER BY id"
    ).fetchall()
    team = {}
    for person_id, group_id in db.execute(
        """SELECT m.person_id, m.group_id FROM memberships m JOIN people p ON p.id = m.person_id
           WHERE m.end_on IS NULL AND p.status <> 'left' ORDER BY m.person_id, m.group_id"""
    ).fetchall():
        team.setdefault(person_id, group_id)  # each person speaks in one group's chat
    speakers = sorted(team)[3::2]  # about half the team is linked to a sender
    stories = dict(zip(speakers[:3], ("night", "load", "drift"), strict=True))
    specs = []
    days = DEMO_ACTIVITY_DAYS
    for group_id, name in groups:
        base = rng.uniform(0.45, 0.65)
        sags = name in DEMO_SAGGING

        def level(index: int, base=base, sags=sags) -> float:
            dip = 0.35 if sags and index >= days - 75 else 0.0
            return max(0.05, base - dip + 0.04 * math.sin(index / 9))

        people = [p for p in speakers if team[p] == group_id]
        specs.append((group_id, name, level, people))
    _seed_activity(db, rng, today, specs, days, 30, stories)


def seed_large(db, rng: random.Random, today: date) -> None:
    """A chat per core and ordinary group, 48 members each, 180 days: ≥ 10 M messages."""
    groups = db.execute(
        "SELECT id, name FROM groups WHERE tier <> 'management' ORDER BY id"
    ).fetchall()
    specs = []
    for group_id, name in groups:
        base = rng.uniform(0.45, 0.65)
        specs.append((group_id, name, lambda index, base=base: base, []))
    _seed_activity(db, rng, today, specs, LARGE_ACTIVITY_DAYS, 48, {})
