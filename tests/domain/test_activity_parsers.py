"""Chat-export parsers and counting on small fixtures built from the formats' public
descriptions (Telegram Desktop result.json, ChatLab 0.0.2, WeCom 群聊数据统计, a message CSV)."""

import json
from datetime import date
from pathlib import Path

import pytest

from dashboard.activity import counting, formats
from dashboard.activity.formats import Source
from dashboard.activity.imports import preview
from dashboard.i18n import error_text
from db.errors import ValidationError

TODAY = date(2026, 6, 15)


def message(number, when, sender, name, text, **extra):
    return {
        "id": number,
        "type": "message",
        "date": when,
        "date_unixtime": "0",
        "from": name,
        "from_id": sender,
        "text": text,
    } | extra


def service(number, when, action, **extra):
    return {
        "id": number,
        "type": "service",
        "date": when,
        "date_unixtime": "0",
        "action": action,
        "text": "",
    } | extra


TELEGRAM_CHAT = {
    "name": "读书笔记组",
    "type": "private_supergroup",
    "id": 4242,
    "messages": [
        message(1, "2026-06-01T08:00:00", "user1", "王芳", "早上好"),
        message(2, "2026-06-01T08:05:00", "user2", "李磊", "打卡第 3 天"),
        message(
            3,
            "2026-06-01T23:30:00",
            "user1",
            "王芳",
            ["看看 ", {"type": "link", "text": "https://example.com"}, " 这篇"],
        ),
        message(4, "2026-06-02T06:10:00", "user2", "李磊", "好文", forwarded_from="秋叶"),
        service(
            5,
            "2026-06-02T09:00:00",
            "invite_members",
            actor="王芳",
            actor_id="user1",
            members=["张伟", "刘娜"],
        ),
        service(6, "2026-06-02T09:30:00", "join_group_by_link", actor="陈静", actor_id="user3"),
        service(
            7,
            "2026-06-02T10:00:00",
            "remove_members",
            actor="王芳",
            actor_id="user1",
            members=["刘娜"],
        ),
        service(8, "2026-06-02T10:05:00", "pin_message", actor="王芳", actor_id="user1"),
        message(9, "2026-06-02T10:10:00", "user3", "陈静", "Check-in done"),
    ],
}


def tally_of(path: Path, keywords=counting.DEFAULT_CHECKIN_KEYWORDS) -> counting.Tally:
    source = Source(path)
    events = formats.read(source, formats.detect(source), formats.DEFAULT_TIMEZONE)
    return counting.tally(events, "salt", lambda chat: keywords, TODAY, source_name=path.name)


def chat_day_totals(result: counting.Tally) -> dict:
    return {(chat.name, day): counts for (chat, day), counts in result.chat_days().items()}


def write_json(path: Path, data) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_telegram_single_chat_messages_service_actions_and_entity_lists(tmp_path: Path) -> None:
    result = tally_of(write_json(tmp_path / "result.json", TELEGRAM_CHAT))
    # messages, check-ins, shares, joins, leaves, night messages
    assert chat_day_totals(result) == {
        ("读书笔记组", "2026-06-01"): [3, 1, 1, 0, 0, 1],
        ("读书笔记组", "2026-06-02"): [2, 1, 1, 3, 1, 1],
    }
    assert result.messages == 5
    assert (result.first_day, result.last_day) == ("2026-06-01", "2026-06-02")
    chat = next(iter(result.chats))
    assert (chat.platform, chat.external_id) == ("telegram", "4242")
    # 王芳, 李磊, 陈静 by id; 张伟 and 刘娜 only by name (invited members have no ids)
    assert sorted(name for _, name in result.members.values()) == [
        "刘娜",
        "张伟",
        "李磊",
        "王芳",
        "陈静",
    ]
    hours = {(day, hour): n for (_, day, hour), n in result.hours.items()}
    assert hours[("2026-06-01", 8)] == 2 and hours[("2026-06-01", 23)] == 1


def test_telegram_full_account_export_reads_every_chat(tmp_path: Path) -> None:
    other = {
        "name": "干货输出组",
        "type": "private_group",
        "id": 7,
        "messages": [message(1, "2026-06-03T12:00:00", "user9", "赵敏", "签到")],
    }
    export = {
        "about": "Here is the data you requested.",
        "personal_information": {},
        "chats": {"about": "", "list": [TELEGRAM_CHAT, other]},
    }
    path = write_json(tmp_path / "result.json", export)
    assert formats.detect(Source(path)) == "telegram"
    totals = chat_day_totals(tally_of(path))
    assert totals[("干货输出组", "2026-06-03")] == [1, 1, 0, 0, 0, 0]
    assert totals[("读书笔记组", "2026-06-02")] == [2, 1, 1, 3, 1, 1]


CHATLAB_MESSAGES = [
    # 2026-06-01 20:00 and 23:10 in Shanghai, then 2026-06-02 09:00
    {"sender": "wx1", "accountName": "王芳", "timestamp": 1780315200, "type": 0, "content": "打卡"},
    {
        "sender": "wx2",
        "accountName": "李磊",
        "timestamp": 1780326600,
        "type": 7,
        "content": "[链接]",
    },
    {
        "sender": "wx3",
        "accountName": "陈静",
        "timestamp": 1780362000,
        "type": 80,
        "content": "陈静加入了群聊",
    },
    {"sender": "wx2", "accountName": "李磊", "timestamp": 1780362060, "type": 81, "content": None},
    {
        "sender": "",
        "accountName": "游客",
        "timestamp": 1780362120,
        "type": 0,
        "content": "见 https://example.com",
    },
]
CHATLAB_TOTALS = {
    ("打卡督导组", "2026-06-01"): [2, 1, 1, 0, 0, 1],
    ("打卡督导组", "2026-06-02"): [1, 0, 1, 1, 0, 0],
}


def test_chatlab_json(tmp_path: Path) -> None:
    data = {
        "chatlab": {"version": "0.0.2", "exportedAt": 1781222400},
        "meta": {"name": "打卡督导组", "platform": "wechat", "type": "group"},
        "members": [{"platformId": "wx1", "accountName": "王芳"}],
        "messages": CHATLAB_MESSAGES,
    }
    path = write_json(tmp_path / "chat.json", data)
    assert formats.detect(Source(path)) == "chatlab_json"
    result = tally_of(path)
    assert chat_day_totals(result) == CHATLAB_TOTALS
    # the sender without an id is a member keyed by platform, chat and name
    assert "游客" in {name for _, name in result.members.values()}


def test_chatlab_jsonl_header_member_and_message_lines(tmp_path: Path) -> None:
    lines = [
        {
            "_type": "header",
            "chatlab": {"version": "0.0.2", "exportedAt": 1781222400},
            "meta": {"name": "打卡督导组", "platform": "wechat", "type": "group"},
        },
        {"_type": "member", "platformId": "wx1", "accountName": "王芳"},
    ]
    lines += [{"_type": "message"} | m for m in CHATLAB_MESSAGES]
    text = "# exported for a test\n" + "\n".join(json.dumps(x, ensure_ascii=False) for x in lines)
    path = tmp_path / "chat.jsonl"
    path.write_text(text + "\n", encoding="utf-8")
    assert formats.detect(Source(path)) == "chatlab_jsonl"
    assert chat_day_totals(tally_of(path)) == CHATLAB_TOTALS


def test_message_csv_in_gb18030_with_chinese_headers(tmp_path: Path) -> None:
    rows = [
        "时间,群名,发送者ID,发送者,消息类型,内容",
        "2026/6/1 21:05,拆书小组,wx1,王芳,文本,今天打卡",
        "2026/6/1 23:40,拆书小组,wx2,李磊,小程序,",
        "2026年6月2日 08:00,拆书小组,wx3,陈静,入群,",
        "2026-06-02 09:00,线上分享组,,张伟,文本,大家好",
    ]
    path = tmp_path / "消息.csv"
    path.write_bytes(("\r\n".join(rows) + "\r\n").encode("gb18030"))
    assert formats.detect(Source(path)) == "message_csv"
    assert chat_day_totals(tally_of(path)) == {
        ("拆书小组", "2026-06-01"): [2, 1, 1, 0, 0, 1],
        ("拆书小组", "2026-06-02"): [0, 0, 0, 1, 0, 0],
        ("线上分享组", "2026-06-02"): [1, 0, 0, 0, 0, 0],
    }


def test_message_csv_rows_without_time_are_each_named(tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    path.write_text("time,chat,sender\nyesterday,A,x\n2026-06-01 10:00,A,y\n,A,z\n")
    with pytest.raises(ValidationError) as caught:
        tally_of(path)
    assert caught.value.key == "activity.err.rows"
    assert [line for line, _, _ in caught.value.row_errors] == [2, 4]


def test_wecom_console_csv_and_api_json(tmp_path: Path) -> None:
    table = tmp_path / "群聊数据统计.csv"
    table.write_bytes(
        "日期,群主,群总数,新增群数,群成员总数,新增群成员数,发过消息的群成员数,群消息总数\r\n"
        "2026/6/1,wangfang,3,1,180,4,30,250\r\n".encode("gb18030")
    )
    assert formats.detect(Source(table)) == "wecom_table"
    result = tally_of(table)
    assert result.owner_days == {
        ("wangfang", "2026-06-01"): {
            "chat_total": 3,
            "new_chat_cnt": 1,
            "member_total": 180,
            "new_member_cnt": 4,
            "member_has_msg": 30,
            "msg_total": 250,
        }
    }
    by_day = {
        "errcode": 0,
        "errmsg": "ok",
        "owner_filter": {"userid_list": ["lilei"]},
        "items": [{"stat_time": 1780243200, "data": {"msg_total": 9, "member_total": 50}}],
    }
    result = tally_of(write_json(tmp_path / "by_day.json", by_day))
    assert result.owner_days == {("lilei", "2026-06-01"): {"msg_total": 9, "member_total": 50}}
    by_owner = {
        "errcode": 0,
        "errmsg": "ok",
        "day_begin_time": 1780243200,
        "items": [{"owner": "zhangsan", "data": {"new_member_cnt": 2, "msg_total": 7}}],
    }
    result = tally_of(write_json(tmp_path / "by_owner.json", by_owner))
    assert result.owner_days == {("zhangsan", "2026-06-01"): {"new_member_cnt": 2, "msg_total": 7}}
    del by_owner["day_begin_time"]
    with pytest.raises(ValidationError) as caught:
        tally_of(write_json(tmp_path / "no_day.json", by_owner))
    assert caught.value.key == "activity.err.wecom_no_day"


def test_checkin_keywords_of_the_chat_are_used(tmp_path: Path) -> None:
    result = tally_of(write_json(tmp_path / "result.json", TELEGRAM_CHAT), keywords=("早上好",))
    assert sum(counts[1] for counts in result.chat_days().values()) == 1
    assert counting.parse_keywords("打卡，签到；Check-In") == ("打卡", "签到", "check-in")


BAD_INPUTS = {
    "empty.json": (b"", "activity.err.empty"),
    "notes.txt": ("随便写的一些笔记\n没有表格\n".encode(), "activity.err.unknown"),
    "kpis.csv": (b"kpi,group,day,value\nnew_members,A,2026-06-01,3\n", "activity.err.unknown"),
    "other.json": (b'{"type": "FeatureCollection", "features": []}', "activity.err.unknown"),
    "cut.json": (json.dumps(TELEGRAM_CHAT).encode()[:-40], "activity.err.broken"),
    "gbk.json": (
        json.dumps(TELEGRAM_CHAT, ensure_ascii=False).encode("gb18030"),
        "activity.err.encoding",
    ),
    "future.json": (
        json.dumps(TELEGRAM_CHAT).replace("2026-06-02", "2027-01-01").encode(),
        "activity.err.future",
    ),
    "no_time.jsonl": (
        b'{"_type":"header","chatlab":{"version":"0.0.2"},"meta":{"name":"A"}}\n'
        b'{"_type":"message","sender":"1","type":0}\n',
        "activity.err.bad_record",
    ),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_is_refused_with_a_message_naming_what_was_expected(name: str) -> None:
    content, key = BAD_INPUTS[name]
    with pytest.raises(ValidationError) as caught:
        preview(content, name, today=TODAY)
    assert caught.value.key == key
    english, chinese = error_text(caught.value, "en"), error_text(caught.value, "zh")
    assert name in english and name in chinese
    if key in ("activity.err.empty", "activity.err.unknown"):
        assert "Telegram" in english and "ChatLab" in english and "企业微信" in chinese
    if key == "activity.err.broken":
        assert "Telegram Desktop JSON" in english and "Telegram 桌面版" in chinese


def test_preview_summarises_without_a_database(tmp_path: Path) -> None:
    summary = preview(write_json(tmp_path / "result.json", TELEGRAM_CHAT), today=TODAY)
    assert (summary.format, summary.chats, summary.messages, summary.members) == (
        "telegram",
        ["读书笔记组"],
        5,
        5,
    )
    assert (summary.first_day, summary.last_day, summary.already) == (
        "2026-06-01",
        "2026-06-02",
        None,
    )
