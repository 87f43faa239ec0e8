"""What every chat-export parser yields, the file a parser reads, and the detection of a
file's format from its first bytes (never from its name).

A parser yields ``ChatEvent``s (one per message, join or leave, with the local day and hour)
or, for WeCom's statistics, ``OwnerDay`` aggregates. Text is carried only so the counting
can match check-in keywords; nothing downstream stores it."""

import hashlib
import io
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, tzinfo
from pathlib import Path
from typing import BinaryIO, NamedTuple
from zoneinfo import ZoneInfo

import ijson

from db.errors import ValidationError

HEAD_BYTES = 64 * 1024
DEFAULT_TIMEZONE = ZoneInfo("Asia/Shanghai")  # days and hours of Unix timestamps
FORMATS = ("telegram", "chatlab_json", "chatlab_jsonl", "wecom_json", "wecom_table", "message_csv")
URL = re.compile(r"https?://|www\.", re.IGNORECASE)
JSON_ERRORS = (ijson.JSONError, ijson.IncompleteJSONError, UnicodeDecodeError, ValueError)


@dataclass(frozen=True)
class Chat:
    """A chat as an export names it: ``platform`` and its id there (or its name)."""

    platform: str
    external_id: str
    name: str


class ChatEvent(NamedTuple):
    """One message, join or leave in ``chat`` on local ``day`` (ISO) at ``hour`` (0–23).

    ``sender_id`` is the platform's id (``None`` when the export has none); ``kind`` is
    ``message``, ``join`` or ``leave``; ``text`` is the message's plain text, only for the
    check-in match; ``share`` marks links, mini-programs and forwarded messages."""

    chat: Chat
    day: str
    hour: int
    sender_id: str | None
    sender_name: str | None
    kind: str
    text: str
    share: bool


class OwnerDay(NamedTuple):
    """WeCom's 「群聊数据统计」 (``WECOM_FIELDS``) of one group owner (``""``: all owners) on one day."""

    owner: str
    day: str
    counts: dict


class Source:
    """An export to read: a file path or the bytes of an upload, opened as often as a
    parser needs (detection reads the head, a parser may read twice)."""

    def __init__(self, data: str | Path | bytes, name: str | None = None) -> None:
        if isinstance(data, bytes | bytearray):
            self.path, self.data = None, bytes(data)
            self.name = name or "upload"
        else:
            self.path, self.data = Path(data), None
            self.name = name or self.path.name
        self.bytes_read = 0  # by the latest stream opened, for progress bars

    def open(self) -> BinaryIO:
        self.bytes_read = 0
        stream = io.BytesIO(self.data) if self.data is not None else open(self.path, "rb")  # noqa: SIM115
        return io.BufferedReader(_Counted(stream, self), 1 << 16)

    def size(self) -> int:
        return len(self.data) if self.data is not None else self.path.stat().st_size

    def head(self, size: int = HEAD_BYTES) -> bytes:
        with self.open() as stream:
            return stream.read(size)

    def read_all(self) -> bytes:
        """The whole file (tables only: CSV and Excel go through the shared table reader)."""
        with self.open() as stream:
            return stream.read()

    def sha256(self) -> str:
        digest = hashlib.sha256()
        with self.open() as stream:
            for block in iter(lambda: stream.read(1 << 20), b""):
                digest.update(block)
        return digest.hexdigest()


class _Counted(io.RawIOBase):
    """A binary stream that tells its ``Source`` how far it has read."""

    def __init__(self, stream: BinaryIO, source: Source) -> None:
        self.stream, self.source = stream, source

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        block = self.stream.read(size)
        self.source.bytes_read += len(block)
        return block

    def readinto(self, buffer) -> int:
        block = self.read(len(buffer))
        buffer[: len(block)] = block
        return len(block)

    def close(self) -> None:
        self.stream.close()
        super().close()


def detect(source: Source) -> str:
    """The format of ``source`` (one of ``FORMATS``) from its content; ``ValidationError``
    naming what was expected when it is empty, not UTF-8 JSON or no known export."""
    head = source.head()
    if not head.strip(b" \t\r\n\x00\xef\xbb\xbf"):
        raise ValidationError("activity.err.empty", name=source.name)
    if head.startswith(b"PK\x03\x04") or head.startswith(b"\xd0\xcf\x11\xe0"):
        return _table_format(source)
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    while stripped.startswith(b"#") and b"\n" in stripped:  # JSONL comment lines
        stripped = stripped.split(b"\n", 1)[1].lstrip(b" \t\r\n")
    if stripped[:1] not in (b"{", b"["):
        return _table_format(source)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ValidationError("activity.err.encoding", name=source.name)
    try:  # the head may end inside a multi-byte character
        text = head.decode("utf-8", errors="strict")
    except UnicodeDecodeError as error:
        if error.start < len(head) - 3:
            raise ValidationError("activity.err.encoding", name=source.name) from error
        text = head[: error.start].decode("utf-8")
    first_line = next(
        (line for line in text.lstrip("\ufeff").splitlines() if line.strip() and line[0] != "#"), ""
    )
    try:
        record = json.loads(first_line)
    except ValueError:
        record = None
    if isinstance(record, dict) and "_type" in record:
        if record.get("_type") == "header" and "chatlab" in record:
            return "chatlab_jsonl"
        raise ValidationError("activity.err.unknown", name=source.name)
    keys = top_level_keys(head)
    if "chatlab" in keys:
        return "chatlab_json"
    if "messages" in keys and {"name", "type", "id"} & keys or "chats" in keys:
        return "telegram"
    if "items" in keys and ("errcode" in keys or b'"msg_total"' in head):
        return "wecom_json"
    raise ValidationError("activity.err.unknown", name=source.name)


def top_level_keys(head: bytes) -> set[str]:
    """The keys of the top-level JSON object that start within ``head``."""
    keys: set[str] = set()
    try:
        for prefix, event, value in ijson.parse(io.BytesIO(head)):
            if event == "map_key" and prefix == "":
                keys.add(value)
    except JSON_ERRORS:
        pass  # the head is cut short: the keys seen so far are what we have
    return keys


def _table_format(source: Source) -> str:
    from dashboard.activity import message_csv, wecom

    headers = message_csv.table_headers(source)
    if wecom.is_statistics_table(headers):
        return "wecom_table"
    if message_csv.is_message_table(headers):
        return "message_csv"
    raise ValidationError("activity.err.unknown", name=source.name)


def read(source: Source, file_format: str, tz: tzinfo = DEFAULT_TIMEZONE) -> Iterator:
    """Events (``ChatEvent`` or ``OwnerDay``) of ``source`` read as ``file_format``.

    Broken JSON and undecodable bytes met on the way raise ``ValidationError``."""
    reader = _reader(file_format)
    try:
        yield from reader(source, tz)
    except UnicodeDecodeError as error:
        raise ValidationError("activity.err.encoding", name=source.name) from error
    except (ijson.JSONError, ijson.IncompleteJSONError, json.JSONDecodeError) as error:
        raise ValidationError(
            "activity.err.broken", name=source.name, **_expected(file_format)
        ) from error
    except (KeyError, TypeError, ValueError, IndexError) as error:  # a record lacks a field
        raise ValidationError(
            "activity.err.bad_record", name=source.name, **_expected(file_format)
        ) from error


def _reader(file_format: str) -> Callable[[Source, tzinfo], Iterator]:
    """The reader of a format, imported when needed (tables bring pandas along, which a
    JSON import of a million messages need not load)."""
    if file_format == "telegram":
        from dashboard.activity import telegram

        return telegram.read
    if file_format in ("chatlab_json", "chatlab_jsonl"):
        from dashboard.activity import chatlab

        return chatlab.read_json if file_format == "chatlab_json" else chatlab.read_jsonl
    if file_format in ("wecom_json", "wecom_table"):
        from dashboard.activity import wecom

        return wecom.read_json if file_format == "wecom_json" else wecom.read_table
    from dashboard.activity import message_csv

    return message_csv.read


def _expected(file_format: str) -> dict[str, str]:
    return {"expected": EXPECTED[file_format], "expected_zh": EXPECTED_ZH[file_format]}


EXPECTED_ZH = {
    "telegram": "Telegram 桌面版导出的 JSON（result.json）",
    "chatlab_json": "ChatLab 格式的 JSON",
    "chatlab_jsonl": "ChatLab 格式的 JSONL",
    "wecom_json": "企业微信群聊数据统计的接口 JSON",
    "wecom_table": "企业微信群聊数据统计（Excel/CSV）",
    "message_csv": "消息表",
}
EXPECTED = {
    "telegram": "Telegram Desktop JSON (result.json)",
    "chatlab_json": "ChatLab JSON",
    "chatlab_jsonl": "ChatLab JSONL",
    "wecom_json": "WeCom 群聊数据统计 JSON",
    "wecom_table": "WeCom 群聊数据统计 (Excel/CSV)",
    "message_csv": "message CSV",
}


class LocalClock:
    """Local (day, hour) of Unix timestamps, cached per quarter hour (every zone's offset
    is a multiple of 15 minutes, so one lookup serves the whole quarter)."""

    def __init__(self, tz: tzinfo) -> None:
        self.tz = tz
        self.cache: dict[int, tuple[str, int]] = {}

    def __call__(self, timestamp: float) -> tuple[str, int]:
        quarter = int(timestamp) // 900
        found = self.cache.get(quarter)
        if found is None:
            moment = datetime.fromtimestamp(quarter * 900, self.tz)
            found = self.cache[quarter] = (moment.date().isoformat(), moment.hour)
        return found


def has_link(text: str) -> bool:
    return bool(text) and URL.search(text) is not None
