"""WeCom's 「群聊数据统计」 (customer-group statistics): aggregates per group owner and day,
not messages. Kept as owner-level daily figures; owners map to people and, through them,
to groups later.

Two sources:
- the admin console's export (Excel or CSV, Chinese headers such as 日期, 群主, 群总数,
  新增群数, 有过消息的群数, 群成员总数, 新增群成员数, 发过消息的群成员数, 群消息总数);
- the API's JSON (``externalcontact/groupchat/statistic``): ``items`` of ``{"owner", "data"}``
  (per owner, over the request's days) or of ``{"stat_time", "data"}`` (per day, for the
  request's owners). A response holds no request: a per-owner file needs its
  ``day_begin_time`` (one day) saved with it, a per-day file takes its owner from
  ``owner`` or ``owner_filter.userid_list`` saved with it, else it counts for all owners
  (``""``)."""

from collections.abc import Iterator
from datetime import datetime, tzinfo

import ijson

from dashboard.activity.formats import LocalClock, OwnerDay, Source
from dashboard.activity.message_csv import parse_time
from dashboard.domain import tabular
from dashboard.domain.tabular import Column, parse_number
from db.activity import WECOM_FIELDS
from db.errors import ValidationError

COLUMNS = (
    Column("day", ("日期", "统计日期", "时间", "date", "stat_time", "stat_date"), "date", "日期"),
    Column(
        "owner",
        ("群主", "群主id", "群主账号", "群主userid", "owner", "owner_id"),
        "owner",
        "群主",
        False,
    ),
    Column(
        "new_chat_cnt", ("新增群数", "新增客户群数", "新增群聊数"), "new groups", "新增群数", False
    ),
    Column("chat_total", ("群总数", "客户群总数", "群聊总数"), "groups", "群总数", False),
    Column(
        "chat_has_msg",
        ("有过消息的群数", "有发过消息的群数", "活跃群数"),
        "groups with messages",
        "有过消息的群数",
        False,
    ),
    Column(
        "new_member_cnt",
        ("新增群成员数", "新增群人数", "新增成员数", "入群人数"),
        "new members",
        "新增群成员数",
        False,
    ),
    Column("member_total", ("群成员总数", "群总人数", "成员总数"), "members", "群成员总数", False),
    Column(
        "member_has_msg",
        ("发过消息的群成员数", "有发过消息的群成员数", "发言人数", "活跃成员数"),
        "members with messages",
        "发过消息的群成员数",
        False,
    ),
    Column(
        "msg_total", ("群消息总数", "群聊消息总数", "消息总数", "消息数"), "messages", "群消息总数"
    ),
    Column(
        "migrate_trainee_chat_cnt", ("继承群数", "迁移群数"), "inherited groups", "继承群数", False
    ),
)


def is_statistics_table(headers: list[str]) -> bool:
    found = {c.name for c in COLUMNS for h in headers if c.matches(h)}
    return {"day", "msg_total"} <= found and len(found) >= 3


def read_table(source: Source, tz: tzinfo) -> Iterator[OwnerDay]:
    """Owner-days of the console's Excel/CSV export; rows with a bad date or count refuse
    the file, each named."""
    table = tabular.read_table(source.name, source.read_all(), COLUMNS)
    clock = LocalClock(tz)
    problems = []
    days = []
    for line, record in zip(table.lines, table.records, strict=True):
        when = parse_time(record.get("day"), clock)
        counts = {}
        for name in WECOM_FIELDS:
            number = parse_number(record.get(name))
            if record.get(name) in (None, ""):
                continue
            if number is None or number.value < 0 or not float(number.value).is_integer():
                problems.append((line, "activity.err.row_number", {"value": str(record.get(name))}))
                break
            counts[name] = int(number.value)
        if when is None:
            problems.append((line, "activity.err.row_time", {"value": str(record.get("day"))}))
            continue
        owner = str(record.get("owner") or "").strip()
        days.append(OwnerDay(owner, when[0], counts))
    if problems:
        raise ValidationError(
            "activity.err.rows", row_errors=problems, name=source.name, rows=len(problems)
        )
    yield from days


def read_json(source: Source, tz: tzinfo) -> Iterator[OwnerDay]:
    """Owner-days of an API response (per owner or per day)."""
    request: dict = {}
    with source.open() as stream:
        for prefix, event, value in ijson.parse(stream):
            if prefix in ("day_begin_time", "day_end_time", "owner") and event in (
                "number",
                "string",
            ):
                request[prefix] = value
            elif prefix == "owner_filter.userid_list.item" and event == "string":
                request.setdefault("owners", []).append(value)
            elif prefix == "errcode" and event == "number" and value != 0:
                raise ValidationError("activity.err.wecom_error", name=source.name, code=value)
    owners = request.get("owners") or []
    request_owner = str(request.get("owner") or (owners[0] if len(owners) == 1 else ""))
    begin, end = request.get("day_begin_time"), request.get("day_end_time")
    with source.open() as stream:
        for item in ijson.items(stream, "items.item"):
            data = item.get("data") or {}
            counts = {k: int(data[k]) for k in WECOM_FIELDS if isinstance(data.get(k), int)}
            if "stat_time" in item:
                day = _day(item["stat_time"], tz)
                yield OwnerDay(request_owner, day, counts)
                continue
            if begin is None or (end is not None and _day(end, tz) != _day(begin, tz)):
                raise ValidationError("activity.err.wecom_no_day", name=source.name)
            yield OwnerDay(str(item.get("owner") or ""), _day(begin, tz), counts)


def _day(timestamp, tz: tzinfo) -> str:
    return datetime.fromtimestamp(int(timestamp), tz).date().isoformat()
