"""ChatLab's interchange format 0.0.2, written by several WeChat and QQ exporters.

JSON: ``{"chatlab": {"version", "exportedAt"}, "meta": {"name", "platform", "type",
"groupId"?}, "members": [...], "messages": [{"sender", "accountName", "timestamp", "type",
"content"}, ...]}``. JSONL: one record a line, ``_type`` ``header`` (first line, with
``chatlab`` and ``meta``), ``member`` or ``message``; lines starting with ``#`` are comments.

Message types: 80 (system: joins, leaves, notices) and 81 (recalled) are not messages; a
system message saying someone joined or left is a join or leave of its sender. 7 (link),
24 (share: music, mini-program) and 26 (forward) are shares, as is any text with a URL."""

import json
import re
from collections.abc import Iterator
from datetime import tzinfo

import ijson

from dashboard.activity.formats import Chat, ChatEvent, LocalClock, Source, has_link
from db.errors import ValidationError

SYSTEM, RECALL = 80, 81
DECODER = json.JSONDecoder()
SHARE_TYPES = {7, 24, 26}
JOINED = re.compile(r"加入了?群聊|加入本群|入群|joined", re.IGNORECASE)
LEFT = re.compile(r"退出了?群聊|移出了?群聊|退群|\bleft\b|removed", re.IGNORECASE)


def read_json(source: Source, tz: tzinfo) -> Iterator[ChatEvent]:
    """Every message, join and leave of a ChatLab JSON file."""
    meta: dict = {}
    with source.open() as stream:
        for prefix, event, value in ijson.parse(stream):
            if prefix == "" and event == "map_key" and value == "messages":
                break
            if prefix.startswith("meta.") and event in ("string", "number"):
                meta[prefix[5:]] = value
    chat = _chat(meta, source)
    clock = LocalClock(tz)
    with source.open() as stream:
        for message in ijson.items(stream, "messages.item"):
            event = _event(chat, message, clock)
            if event is not None:
                yield event


def read_jsonl(source: Source, tz: tzinfo) -> Iterator[ChatEvent]:
    """Every message, join and leave of a ChatLab JSONL file (one JSON record a line)."""
    clock = LocalClock(tz)
    chat = None
    with source.open() as stream:
        for line in stream:
            line = line.strip()
            if not line or line.startswith(b"#"):
                continue
            record = DECODER.decode(line.decode("utf-8"))
            kind = record.get("_type") if isinstance(record, dict) else None
            if kind == "header":
                chat = _chat(record.get("meta") or {}, source)
            elif kind == "message" and chat is not None:
                event = _event(chat, record, clock)
                if event is not None:
                    yield event


def _chat(meta: dict, source: Source) -> Chat:
    name = str(meta.get("name") or "").strip()
    if not name:
        raise ValidationError("activity.err.no_chat_name", name=source.name)
    platform = str(meta.get("platform") or "chatlab").strip().lower()
    return Chat(platform, str(meta.get("groupId") or name), name)


def _event(chat: Chat, message: dict, clock: LocalClock) -> ChatEvent | None:
    day, hour = clock(float(message["timestamp"]))
    kind = message.get("type")
    content = message.get("content")
    text = content if isinstance(content, str) else ""
    sender = message.get("sender")
    sender_id = str(sender) if sender not in (None, "") else None
    name = message.get("groupNickname") or message.get("accountName")
    if kind == SYSTEM:
        change = "join" if JOINED.search(text) else "leave" if LEFT.search(text) else None
        if change is None:
            return None
        return ChatEvent(chat, day, hour, sender_id, name, change, "", False)
    if kind == RECALL:
        return None
    share = kind in SHARE_TYPES or has_link(text)
    return ChatEvent(chat, day, hour, sender_id, name, "message", text, share)
