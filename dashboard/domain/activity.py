"""Rules of community activity: mapping chats, senders and WeCom owners to the team,
suggestions by name, member levels (核心 core / 活跃 active / 偶尔 occasional / 沉默 silent /
已退出 left) per group and month, moves between levels, the 二八 check and evaporation (蒸发).

Levels, per group and month, from a member's counts in that group's chats:
- ``left`` — more leaves than joins that month (the member is not counted in later months
  until they speak or join again);
- ``core`` — at least ``core_messages`` messages on at least ``core_days`` days;
- ``active`` — at least ``active_messages`` messages;
- ``occasional`` — at least one message;
- ``silent`` — none, while a member (counted from their first month with any row in the
  months read).
"""

import difflib
import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from sqlite_utils import Database

from dashboard.activity import imports
from dashboard.domain import activity_kpis
from dashboard.domain.settings import clean_whole_numbers
from db import activity as store
from db import org as org_store
from db.errors import ValidationError
from db.sql import fetch_named

LEVELS = ("core", "active", "occasional", "silent", "left")
SPEAKING = ("core", "active", "occasional")  # members with at least one message
SETTING_BOUNDS = {
    "core_messages": (2, 10_000),
    "core_days": (1, 31),
    "active_messages": (1, 10_000),
}
PARETO_SHARE = 0.8  # the top fifth sending this share or more carries the group alone
EVAPORATION_FALLS = 3  # periods in a row in which the active share fell
SUGGESTION_CUTOFF = 0.6
# Names shorter than this are only suggested when equal or contained: two three-character
# Chinese names sharing a given name (赵雨桐, 龚雨桐) are as similar (0.67) as a group name
# with a changed last character, but they are two people.
SUGGESTION_FUZZY_LENGTH = 4
LOOKBACK_MONTHS = 6  # read before the months shown, so earlier members count as silent


# ---------------------------------------------------------------- mapping


def map_chat(db: Database, actor: str, chat_id: int, group_id: int | None) -> None:
    """Map a chat to a live group of the team (``None`` unmaps it; its counts are kept),
    and recompute the KPIs computed from it for its new and its former group, in one
    transaction."""
    if group_id is not None:
        group = org_store.group(db, group_id)
        if group is None or group["archived_on"] is not None:
            raise ValidationError("activity.err.unknown_group", id=group_id)
    with db.atomic():
        store.set_chat_group(db, actor, chat_id, group_id)
        activity_kpis.recompute(db, actor, [chat_id])


def save_chat(
    db: Database, actor: str, chat_id: int, group_id: int | None, keywords: list[str]
) -> None:
    """A chat's group and check-in keywords, saved together in one transaction."""
    with db.atomic():
        chat = store.chat(db, chat_id)
        if chat is None:
            raise ValidationError("activity.err.unknown_chat", id=chat_id)
        if chat["group_id"] != group_id:
            map_chat(db, actor, chat_id, group_id)
        cleaned = [k.strip() for k in keywords if k.strip()]
        if ",".join(dict.fromkeys(cleaned)) != chat["checkin_keywords"]:
            store.set_checkin_keywords(db, actor, chat_id, cleaned)


def remove_import(db: Database, actor: str, import_id: int) -> dict:
    """Remove an import and everything it contributed (the KPIs computed from its chats
    recomputed); returns its row."""
    return imports.remove_import(db, import_id, actor)


def link_member(db: Database, actor: str, member_key: str, person_id: int | None) -> None:
    """Link a sender to a person of the team, as a lead confirms it (``None`` unlinks)."""
    _require_person(db, person_id)
    store.set_member_person(db, actor, member_key, person_id)


def map_wecom_owner(db: Database, actor: str, owner: str, person_id: int | None) -> None:
    """Map a WeCom group owner to a person of the team (and through them to groups), and
    recompute the KPIs computed from the owner's figures for the groups they counted in
    before and count in now, in one transaction."""
    _require_person(db, person_id)
    with db.atomic():
        before = store.wecom_owner_groups(db, [owner])
        store.set_wecom_owner_person(db, actor, owner, person_id)
        activity_kpis.recompute(db, actor, [], owners=[owner], group_ids=sorted(before))


def _require_person(db: Database, person_id: int | None) -> None:
    if person_id is not None and org_store.person(db, person_id) is None:
        raise ValidationError("activity.err.unknown_person", id=person_id)


def _normal(name: str) -> str:
    return "".join(ch for ch in name.casefold() if ch.isalnum())


def suggest(name: str | None, candidates: dict[int, list[str]]) -> int | None:
    """The candidate whose name (or alias) best matches ``name``: equal, one containing the
    other, or — both of at least four characters — similar enough (difflib ratio ≥ 0.6);
    ``None`` when nothing is close.

    :param candidates: id → its names (e.g. a person's name and handle).
    """
    wanted = _normal(name or "")
    if not wanted:
        return None
    best, best_score = None, 0.0
    for candidate_id, names in candidates.items():
        for candidate in names:
            other = _normal(candidate or "")
            if not other:
                continue
            if other == wanted:
                score = 2.0
            elif len(other) >= 2 and (other in wanted or wanted in other):
                score = 1.0 + min(len(other), len(wanted)) / max(len(other), len(wanted))
            elif min(len(other), len(wanted)) < SUGGESTION_FUZZY_LENGTH:
                continue
            else:
                matcher = difflib.SequenceMatcher(None, wanted, other)
                # the quick upper bounds skip most names at a fraction of ratio()'s cost
                if matcher.real_quick_ratio() < SUGGESTION_CUTOFF:
                    continue
                if matcher.quick_ratio() < SUGGESTION_CUTOFF:
                    continue
                score = matcher.ratio()
            if score > best_score:
                best, best_score = candidate_id, score
    return best if best_score >= SUGGESTION_CUTOFF else None


# ---------------------------------------------------------------- levels


def clean_level_settings(values: dict) -> dict[str, int]:
    """Whole numbers within bounds; else ``ValidationError``."""
    return clean_whole_numbers(values, SETTING_BOUNDS, "activity", "setting_range")


def save_level_settings(db: Database, actor: str, values: dict) -> dict[str, int]:
    """Store new level thresholds (team-wide) and return the ones in force."""
    merged = {**store.level_settings(db), **clean_level_settings(values)}
    if merged["core_messages"] <= merged["active_messages"]:
        raise ValidationError(
            "activity.err.core_above_active",
            core=merged["core_messages"],
            active=merged["active_messages"],
        )
    store.save_level_settings(db, actor, merged)
    return merged


def level_of(row: dict, settings: dict[str, int]) -> str:
    """One member's level in one group and month from their counts there."""
    if row["leaves"] > row["joins"]:
        return "left"
    if row["messages"] >= settings["core_messages"] and row["active_days"] >= settings["core_days"]:
        return "core"
    if row["messages"] >= settings["active_messages"]:
        return "active"
    return "occasional" if row["messages"] > 0 else "silent"


def months_between(start: date, end: date) -> list[str]:
    """``YYYY-MM`` of every month from ``start``'s to ``end``'s."""
    months, year, month = [], start.year, start.month
    while (year, month) <= (end.year, end.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def classify(
    rows: list[dict], months: list[str], settings: dict[str, int]
) -> dict[tuple[int, str], dict[str, str]]:
    """Per (group, member) their level in each month from their first row on; a member who
    left is not counted again until they write or join again.

    :param rows: ``store.member_months`` rows.
    :returns: ``{(group_id, member_key): {month: level}}``.
    """
    by_member: dict[tuple[int, str], dict[str, dict]] = defaultdict(dict)
    for row in rows:
        by_member[(row["group_id"], row["member_key"])][row["month"]] = row
    silent = {"messages": 0, "active_days": 0, "joins": 0, "leaves": 0}
    levels: dict[tuple[int, str], dict[str, str]] = {}
    for key, per_month in by_member.items():
        levels[key] = {}
        gone, seen = False, False
        for month in months:
            row = per_month.get(month)
            if row is None and not seen:
                continue
            seen = True
            row = row or silent
            if gone and row["messages"] == 0 and row["joins"] == 0:
                continue
            level = level_of(row, settings)
            gone = level == "left"
            levels[key][month] = level
    return levels


def distribution(
    levels: dict[tuple[int, str], dict[str, str]],
) -> dict[tuple[int, str], Counter]:
    """Per (group, month) how many members were at each level."""
    counts: dict[tuple[int, str], Counter] = defaultdict(Counter)
    for (group_id, _member), per_month in levels.items():
        for month, level in per_month.items():
            counts[(group_id, month)][level] += 1
    return counts


def moves(
    levels: dict[tuple[int, str], dict[str, str]], months: list[str]
) -> dict[tuple[str, str], Counter]:
    """Per month (the later of each pair of consecutive months) the moves ``(from, to)``
    between levels; a member new that month moves from ``None``."""
    found: dict[tuple[str, str], Counter] = {}
    for per_month in levels.values():
        for earlier, later in zip(months, months[1:], strict=False):
            if later not in per_month:
                continue
            found.setdefault(later, Counter())[(per_month.get(earlier), per_month[later])] += 1
    return {month: found[month] for month in sorted(found)}


def active_share(counts: Counter) -> float | None:
    """Members with at least one message ÷ members (leavers excluded) of one group-month."""
    members = sum(n for level, n in counts.items() if level != "left")
    return sum(counts[level] for level in SPEAKING) / members if members else None


def evaporating(shares: list[float | None]) -> bool:
    """Whether the active share fell ``EVAPORATION_FALLS`` periods in a row up to the last."""
    recent = shares[-(EVAPORATION_FALLS + 1) :]
    if len(recent) < EVAPORATION_FALLS + 1 or any(s is None for s in recent):
        return False
    return all(later < earlier for earlier, later in zip(recent, recent[1:], strict=False))


@dataclass(frozen=True)
class Pareto:
    """The 二八 check of one group: the top fifth of its speaking members and their share."""

    members: int  # members with at least one message
    top: int  # the top 20 % of them (at least one)
    share: float  # of all messages, sent by the top
    carried_by_few: bool  # share ≥ PARETO_SHARE


def pareto(messages: list[int]) -> Pareto | None:
    """The 二八 check over members' message counts (``None`` without messages)."""
    speaking = sorted((n for n in messages if n > 0), reverse=True)
    total = sum(speaking)
    if not total:
        return None
    top = max(1, math.ceil(len(speaking) * 0.2))
    share = sum(speaking[:top]) / total
    return Pareto(len(speaking), top, share, share >= PARETO_SHARE)


def previous_month(month: str) -> str:
    year, number = int(month[:4]), int(month[5:])
    return f"{year - 1}-12" if number == 1 else f"{year:04d}-{number - 1:02d}"


def month_end(month: str) -> date:
    """The last day of a ``YYYY-MM`` month."""
    year, number = int(month[:4]), int(month[5:])
    following = date(year + 1, 1, 1) if number == 12 else date(year, number + 1, 1)
    return following - timedelta(days=1)


def group_levels(
    db: Database,
    months: list[str],
    group_ids: list[int] | None = None,
    settings: dict[str, int] | None = None,
) -> dict[tuple[int, str], dict[str, str]]:
    """Levels of every member of the (mapped) groups in ``months``, read with
    ``LOOKBACK_MONTHS`` before them so members seen earlier count as silent, not as new;
    under ``settings`` (default: the thresholds stored)."""
    return member_months_and_levels(db, months, group_ids, settings)[1]


def member_months_and_levels(
    db: Database,
    months: list[str],
    group_ids: list[int] | None = None,
    settings: dict[str, int] | None = None,
) -> tuple[list[dict], dict[tuple[int, str], dict[str, str]]]:
    """``store.member_months`` rows of ``months`` and the members' levels in them (as
    ``group_levels``), from one read."""
    first = months[0]
    for _ in range(LOOKBACK_MONTHS):
        first = previous_month(first)
    start, end = date.fromisoformat(f"{first}-01"), month_end(months[-1])
    read = months_between(start, end)
    # read as sqlite3 rows, not dicts: ~140,000 on the large database (the overview's
    # health alerts); only read by name here and by the callers
    rows = store.member_months(db, start, end, group_ids=group_ids, fetch=fetch_named)
    levels = classify(rows, read, settings or store.level_settings(db))
    shown = set(months)
    return [row for row in rows if row["month"] in shown], {
        key: {month: level for month, level in per_month.items() if month in shown}
        for key, per_month in levels.items()
    }
