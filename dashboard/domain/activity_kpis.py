"""KPIs computed from the chats' activity. No streamlit here.

A KPI definition with an ``activity_metric`` gets its group-level daily values from the
counted activity (``db.activity``'s overlap rule) of the chats mapped to each group; they
are stored in ``kpi_values`` like typed ones (``computed = 1``), so the board, the monthly
rollup and the targets treat them alike.

Per group and day — a day counts when one of the group's chats has counted activity that
day (the days an export covers with at least one event); days without any are left empty,
not zero:

- ``messages``, ``new_members`` (joins), ``leavers`` (leaves), ``shares``: the day's sums;
- ``active_ratio``: members with ≥ 1 message that day ÷ members in the group that day, in %;
- ``checkin_rate``: members with ≥ 1 check-in that day ÷ members in the group that day, in %.

*Members in the group on a day* are the members known from the exports: a member is in from
the first day they appear in one of the group's chats (any counted row: a message, a check-in,
a share, a join or a leave) up to and including the day they leave; a later message or join
brings them back in from that day. A member in two chats of one group counts once. Members
who never appear in an export are not known and not counted.

**WeCom's own figures** (「群聊数据统计」, per owner and day) count for the groups in which
the person an owner is mapped to holds an open membership (every such group; the figures of
several owners of one group are summed). For a group and month without any message-level
activity they give the group's values of the days WeCom has figures for:

- ``messages`` = ``msg_total``; ``new_members`` = ``new_member_cnt``;
- ``active_ratio`` = ``member_has_msg`` ÷ ``member_total``, in % (when ``member_total`` > 0).

``leavers``, ``checkin_rate`` and ``shares`` have no WeCom figure and stay empty. Where a
group has message-level activity in a month, the messages win for that whole month (WeCom's
figures cover all of the owner's customer groups, the chats only the group's own). They are
recomputed when a WeCom import is imported or removed and when an owner's person changes;
a membership change takes effect at the next recompute of the group.

Typed and computed values never replace each other: per (KPI, group, day) the value that was
there first stays. A recompute skips a cell holding a typed value, and typing (entry,
upload, grid) is refused on a cell holding a computed value, naming it; removing the
activity (or deleting the typed value) frees the cell.
"""

from bisect import bisect_left, bisect_right
from collections.abc import Iterable

from sqlite_utils import Database

from db import activity as store

METRICS = store.ACTIVITY_METRICS
DIGITS = 2  # ratios are kept to two decimals of a percent


def presence_counts(member_rows: Iterable[tuple], days: list[str]) -> dict[str, int]:
    """Members in the group per day of ``days`` (sorted; see the module's definition).

    :param member_rows: ``(member_key, day, messages, checkins, shares, joins, leaves)``
        sorted by member, then day.
    """
    spans: list[tuple[str, str | None]] = []  # (first day in, last day in or None)
    key, start, end = None, "", None
    for member_key, day, messages, _checkins, _shares, joins, leaves in member_rows:
        if member_key != key:
            if key is not None:
                spans.append((start, end))
            key, start, end = member_key, day, None
        elif end is not None and (messages or joins):
            spans.append((start, end))  # left before, back from this day
            start, end = day, None
        if leaves:
            end = day
    if key is not None:
        spans.append((start, end))
    change = [0] * (len(days) + 1)  # +1 where a span starts, -1 after it ends
    for first, last in spans:
        change[bisect_left(days, first)] += 1
        if last is not None:
            change[bisect_right(days, last)] -= 1
    counts, running = {}, 0
    for index, day in enumerate(days):
        running += change[index]
        counts[day] = running
    return counts


def group_values(member_rows: list[tuple], days: list[str]) -> dict[str, dict[str, float]]:
    """Per metric, per counted day, the group's value (see the module's definitions)."""
    # per day: messages, joins, leaves, shares, members active, members who checked in
    totals = {day: [0, 0, 0, 0, 0, 0] for day in days}
    for _key, day, messages, checkins, shares, joins, leaves in member_rows:
        if day not in totals:
            continue
        figures = totals[day]
        figures[0] += messages
        figures[1] += joins
        figures[2] += leaves
        figures[3] += shares
        figures[4] += 1 if messages > 0 else 0
        figures[5] += 1 if checkins > 0 else 0
    present = presence_counts(member_rows, days)
    values: dict[str, dict[str, float]] = {metric: {} for metric in METRICS}
    for day, (messages, joins, leaves, shares, active, checked_in) in totals.items():
        values["messages"][day] = float(messages)
        values["new_members"][day] = float(joins)
        values["leavers"][day] = float(leaves)
        values["shares"][day] = float(shares)
        if present[day]:
            values["active_ratio"][day] = round(active * 100 / present[day], DIGITS)
            values["checkin_rate"][day] = round(checked_in * 100 / present[day], DIGITS)
    return values


def wecom_values(wecom_days: list[tuple], counted_days: list[str]) -> dict[str, dict[str, float]]:
    """Per metric, per day, the values WeCom's figures give a group (see the module's
    definitions): only in months without a ``counted_days`` day of message-level activity.

    :param wecom_days: ``store.group_wecom_days`` rows.
    """
    with_messages = {day[:7] for day in counted_days}
    values: dict[str, dict[str, float]] = {"messages": {}, "new_members": {}, "active_ratio": {}}
    for day, new_members, members, speaking, messages in wecom_days:
        if day[:7] in with_messages:
            continue
        if messages is not None:
            values["messages"][day] = float(messages)
        if new_members is not None:
            values["new_members"][day] = float(new_members)
        if members and speaking is not None:
            values["active_ratio"][day] = round(speaking * 100 / members, DIGITS)
    return values


def recompute(
    db: Database,
    actor: str,
    chat_ids: list[int] | None = None,
    *,
    owners: list[str] | None = None,
    group_ids: list[int] | None = None,
) -> int:
    """Recompute the computed KPI values of the groups ``chat_ids`` belong (or belonged) to,
    of the groups of WeCom ``owners`` and of ``group_ids`` — every group when all three are
    ``None`` — in one transaction; returns the values written (inserted, changed or
    deleted)."""
    with db.atomic():
        kpis = store.computed_kpis(db)
        if chat_ids is None and owners is None and group_ids is None:
            groups = store.affected_groups(db, None) | store.wecom_owner_groups(db)
        else:
            groups = store.affected_groups(db, chat_ids or [])
            groups |= store.wecom_owner_groups(db, owners) if owners else set()
            groups |= set(group_ids or ())
        rows: list[tuple[int, int, str, float]] = []
        if kpis:
            for group_id in sorted(groups):
                days = store.group_counted_days(db, group_id)
                values = group_values(store.group_member_days(db, group_id), days)
                for metric, found in wecom_values(
                    store.group_wecom_days(db, group_id), days
                ).items():
                    values[metric].update(found)
                for kpi in kpis:
                    for day, value in values[kpi["activity_metric"]].items():
                        rows.append((kpi["id"], group_id, day, value))
        counts = store.replace_computed_values(db, actor, groups, [kpi["id"] for kpi in kpis], rows)
        return counts["inserted"] + counts["updated"] + counts["deleted"]
