"""A plain message table (CSV in any encoding the shared reader knows, or ``.xlsx``): one
row a message with its time, chat, sender id and/or name, content and/or type; English or
Chinese headers. Read through ``dashboard.domain.tabular`` (encodings, header aliases,
``2026/6/1`` dates).

A row's type decides joins (``join``/``入群``), leaves (``leave``/``退群``) and shares
(``link``/``链接``, ``小程序``, ``forward``/``转发``, ``share``/``分享``); any text with a URL
is a share too. A row without a readable time refuses the file, naming the row."""

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime, tzinfo

from dashboard.activity.formats import Chat, ChatEvent, LocalClock, Source, has_link
from dashboard.domain.tabular import (
    Column,
    TableStream,
    header_key,
    open_table,
    parse_day,
    read_table,
)
from db.errors import ValidationError

COLUMNS = (
    Column(
        "time",
        ("时间", "发送时间", "消息时间", "日期时间", "timestamp", "date", "datetime", "sent_at"),
        "time",
        "时间",
    ),
    Column(
        "chat",
        ("群", "群名", "群聊", "群名称", "群聊名称", "会话", "chat", "group", "chat_name"),
        "chat",
        "群名",
    ),
    Column(
        "sender_id",
        (
            "发送者id",
            "发送人id",
            "用户id",
            "成员id",
            "微信号",
            "wxid",
            "qq号",
            "sender_id",
            "user_id",
            "from_id",
        ),
        "sender id",
        "发送者 ID",
        False,
    ),
    Column(
        "sender_name",
        ("发送者", "发送人", "昵称", "群昵称", "成员", "sender", "name", "from", "sender_name"),
        "sender name",
        "发送者",
        False,
    ),
    Column(
        "content",
        ("内容", "消息内容", "消息", "文本", "content", "text", "message"),
        "content",
        "内容",
        False,
    ),
    Column("type", ("类型", "消息类型", "type", "kind", "msg_type"), "type", "类型", False),
    Column("platform", ("平台", "platform", "来源"), "platform", "平台", False),
)
JOIN_TYPES = {"join", "joined", "入群", "加入", "进群", "加群"}
LEAVE_TYPES = {"leave", "left", "退群", "退出", "被移出", "移出"}
SHARE_TYPES = {
    "link",
    "链接",
    "小程序",
    "miniprogram",
    "mini_program",
    "forward",
    "转发",
    "share",
    "分享",
    "文章",
    "article",
    "卡片",
    "card",
}
NOT_MESSAGES = {"system", "系统", "系统消息", "recall", "撤回"}
TIME = re.compile(r"(?:\s+|T)(\d{1,2}):(\d{2})")


def table_headers(source: Source) -> list[str]:
    """The header cells of a table file: its first non-empty row (a CSV's head is enough;
    a workbook is read whole)."""
    from dashboard.activity import wecom

    content = source.head(4)
    if content == b"PK\x03\x04":
        content = source.read_all()
    else:
        content = source.head(256 * 1024)
        if len(content) == 256 * 1024:
            content = content[: content.rfind(b"\n") + 1] or content
    probe = [replace(c, required=False) for c in (*COLUMNS, *wecom.COLUMNS)]
    return [h for h in read_table(source.name, content, probe).headers if h]


def is_message_table(headers: list[str]) -> bool:
    found = {c.name for c in COLUMNS for h in headers if c.matches(h)}
    return {"time", "chat"} <= found and bool({"sender_id", "sender_name"} & found)


def read(source: Source, tz: tzinfo) -> Iterator[ChatEvent]:
    """Every message, join and leave of a message table."""
    table = open_table(source.name, source.read_all(), COLUMNS)
    yield from events(table, source, tz)


def events(table: TableStream, source: Source, tz: tzinfo) -> Iterator[ChatEvent]:
    """The table's events, read in chunks twice (bounded memory): every row is checked
    before the first event is given."""
    clock = LocalClock(tz)
    problems = [
        (line, *problem)
        for chunk in table.chunks()
        for line, record in zip(chunk.lines, chunk.records, strict=True)
        if (problem := _checked(record, clock)[0])
    ]
    if problems:
        raise ValidationError(
            "activity.err.rows", row_errors=problems, name=source.name, rows=len(problems)
        )
    chats: dict[tuple[str, str], Chat] = {}
    for chunk in table.chunks():
        for record in chunk.records:
            (day, hour), chat_name, sender_id, sender_name = _checked(record, clock)[1]
            platform = (_text(record.get("platform")) or "csv").lower()
            chat = chats.get((platform, chat_name))
            if chat is None:
                chat = chats[(platform, chat_name)] = Chat(platform, chat_name, chat_name)
            kind = header_key(record.get("type") or "")
            text = _text(record.get("content")) or ""
            if kind in NOT_MESSAGES:
                continue
            change = "join" if kind in JOIN_TYPES else "leave" if kind in LEAVE_TYPES else "message"
            share = change == "message" and (kind in SHARE_TYPES or has_link(text))
            yield ChatEvent(
                chat,
                day,
                hour,
                sender_id,
                sender_name,
                change,
                text if change == "message" else "",
                share,
            )


def _checked(record: dict, clock: LocalClock) -> tuple[tuple | None, tuple | None]:
    """A row's problem ``(key, params)`` and ``None``, or ``None`` and the row's
    ``((day, hour), chat, sender id, sender name)``."""
    when = parse_time(record.get("time"), clock)
    chat_name = str(record.get("chat") or "").strip()
    sender_id = _text(record.get("sender_id"))
    sender_name = _text(record.get("sender_name"))
    if when is None:
        return ("activity.err.row_time", {"value": str(record.get("time"))}), None
    if not chat_name:
        return ("activity.err.row_chat", {}), None
    if sender_id is None and sender_name is None:
        return ("activity.err.row_sender", {}), None
    return None, (when, chat_name, sender_id, sender_name)


def parse_time(value: object, clock: LocalClock) -> tuple[str, int] | None:
    """(day, hour) of a cell: a date-time (``2026/6/1 21:05``, ``2026-06-01T21:05:00``,
    ``2026年6月1日 21:05``, an Excel date), a date alone (hour 0) or a Unix timestamp
    (seconds or milliseconds, read in the local time zone)."""
    if isinstance(value, datetime):
        return value.date().isoformat(), value.hour
    if isinstance(value, date):
        return value.isoformat(), 0
    text = unicodedata.normalize("NFKC", str(value or "")).strip()
    if re.fullmatch(r"\d{10}(?:\d{3})?(?:\.\d+)?", text):
        seconds = float(text) / (1000 if len(text.split(".")[0]) == 13 else 1)
        return clock(seconds)
    day = parse_day(value)
    if day is None:
        return None
    match = TIME.search(text)
    hour = int(match[1]) if match else 0
    return (day.isoformat(), hour) if hour < 24 else None


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # an id Excel read as a number
    text = str(value).strip()
    return text or None
