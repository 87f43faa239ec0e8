"""Example chat exports, one small file per format, named after the demo community's
groups (``python -m seed --samples DIR``), and large generated exports for tests and
benchmarks. Deterministic (``random.Random``)."""

import csv
import io
import json
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
