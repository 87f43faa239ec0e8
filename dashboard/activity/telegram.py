"""Telegram Desktop's JSON export (``result.json``): one chat (``name``, ``type``, ``id``,
``messages``) or the whole account (``chats.list``, each chat like the former).

Messages carry ``date`` (the exporting computer's local time) or ``date_unixtime``,
``from``/``from_id`` (``user123``) and ``text`` as a string or a list of plain strings and
entities (``{"type": "link", "text": ...}``). Service messages (``type: service``) carry an
``action``: ``invite_members`` and ``join_group_by_link``/``join_group_by_request`` are
joins, ``remove_members`` leaves; they are not counted as messages. A message is a share
when it was forwarded (``forwarded_from``), holds a link entity or a URL."""

from collections.abc import Iterator
from datetime import tzinfo

import ijson

from dashboard.activity.formats import Chat, ChatEvent, LocalClock, Source, has_link

PLATFORM = "telegram"
JOIN_ACTIONS = {"invite_members", "join_group_by_link", "join_group_by_request"}
LEAVE_ACTIONS = {"remove_members"}
LINK_ENTITIES = {"link", "text_link"}
CHAT_FIELDS = ("name", "type", "id")


def read(source: Source, tz: tzinfo) -> Iterator[ChatEvent]:
    """Every message, join and leave of a single-chat or full-account export."""
    clock = LocalClock(tz)
    head = _single_chat_head(source)
    if head is not None:
        chat = _chat(head)
        with source.open() as stream:
            for message in ijson.items(stream, "messages.item"):
                yield from _events(chat, message, clock)
        return
    current: dict = {}
    chats: dict[tuple, Chat] = {}
    with source.open() as stream:
        events = _watch_chat_fields(ijson.parse(stream), current)
        for message in ijson.items(events, "chats.list.item.messages.item"):
            key = (current.get("id"), current.get("name"))
            chat = chats.get(key) or chats.setdefault(key, _chat(current))
            yield from _events(chat, message, clock)


def _single_chat_head(source: Source) -> dict | None:
    """The chat fields before ``messages`` of a single-chat export; ``None`` for a
    full-account export (its top level has ``chats``)."""
    head: dict = {}
    with source.open() as stream:
        for prefix, event, value in ijson.parse(stream):
            if prefix == "" and event == "map_key":
                if value == "chats":
                    return None
                if value == "messages":
                    return head
            elif prefix in CHAT_FIELDS and event in ("string", "number"):
                head[prefix] = value
    return head


def _watch_chat_fields(events, current: dict):
    """Pass ``events`` through, keeping the fields of the chat being read in ``current``
    (Telegram writes them before the chat's messages)."""
    fields = {f"chats.list.item.{name}": name for name in CHAT_FIELDS}
    for prefix, event, value in events:
        if event == "start_map" and prefix == "chats.list.item":
            current.clear()
        elif prefix in fields and event in ("string", "number"):
            current[fields[prefix]] = value
        yield prefix, event, value


def _chat(fields: dict) -> Chat:
    name = str(fields.get("name") or "")
    return Chat(PLATFORM, str(fields.get("id") if fields.get("id") is not None else name), name)


def _when(message: dict, clock: LocalClock) -> tuple[str, int]:
    date = message.get("date")
    if isinstance(date, str) and len(date) >= 13 and date[10] == "T":
        return date[:10], int(date[11:13])
    return clock(float(message["date_unixtime"]))


def _events(chat: Chat, message: dict, clock: LocalClock) -> Iterator[ChatEvent]:
    kind = message.get("type")
    if kind == "message":
        day, hour = _when(message, clock)
        text, share = _text(message.get("text"))
        share = share or bool(message.get("forwarded_from")) or has_link(text)
        sender = message.get("from_id")
        sender_id = str(sender) if sender else None
        yield ChatEvent(chat, day, hour, sender_id, message.get("from"), "message", text, share)
    elif kind == "service":
        action = message.get("action")
        if action in JOIN_ACTIONS:
            change = "join"
        elif action in LEAVE_ACTIONS:
            change = "leave"
        else:
            return
        day, hour = _when(message, clock)
        names = message.get("members") or []
        if action in ("join_group_by_link", "join_group_by_request") or not names:
            actor = message.get("actor_id")
            actor_id = str(actor) if actor else None
            yield ChatEvent(chat, day, hour, actor_id, message.get("actor"), change, "", False)
            return
        for name in names:  # invited or removed members are named, without their ids
            yield ChatEvent(chat, day, hour, None, str(name), change, "", False)


def _text(text) -> tuple[str, bool]:
    """Plain text of ``text`` (a string or a list of strings and entities) and whether an
    entity is a link."""
    if isinstance(text, str):
        return text, False
    if not isinstance(text, list):
        return "", False
    parts, link = [], False
    for part in text:
        if isinstance(part, str):
            parts.append(part)
        elif isinstance(part, dict):
            parts.append(str(part.get("text") or ""))
            link = link or part.get("type") in LINK_ENTITIES
    return "".join(parts), link
