"""Loaders, frames and chart builders of the community activity page (社群活跃)."""

import heapq
from collections import Counter
from dataclasses import dataclass
from datetime import date

import altair as alt
import pandas as pd

from dashboard.domain import activity as rules
from dashboard.i18n import CATALOG, label, t
from dashboard.i18n.formats import format_date, format_percent, vega_date_format, vega_date_label
from dashboard.session import loader, reading, stored
from dashboard.vega import altair_spec
from db import access
from db import activity as store
from db import org as org_store
from db.sql import fetch_named

LEVEL_COLOURS = {
    "core": "#1f4e79",
    "active": "#2e75b6",
    "occasional": "#9dc3e6",
    "silent": "#bfbfbf",
    "left": "#c00000",
}
TOP_SENDERS = 15
SUGGESTED_LINKS = 20
SUGGESTION_SENDERS = 100  # the most active unlinked senders are matched against people
CHARTED_GROUPS = 15  # day-by-day lines: beyond this many groups a chart is not read
# a day-by-day chart marks each day of each line (a point, with its tooltip) up to this many
# points: three months of 15 groups (about 1,400 points a chart, two charts) took the
# browser more time than the rest of the page, and the points touched each other anyway
POINTED_DAYS = 500


# ---------------------------------------------------------------- loaders


chats = stored(store.chat_overview)
imports = stored(store.imports)


@loader()
def senders(path: str, start_iso: str, end_iso: str) -> list[dict]:
    """Named senders of the period, the most active first, with their linked person."""
    with reading(path) as db:
        return store.senders(db, date.fromisoformat(start_iso), date.fromisoformat(end_iso))


owners = stored(store.wecom_owners)


@loader()
def groups(path: str) -> dict[int, str]:
    """Id → name of every live group."""
    with reading(path) as db:
        return {g["id"]: g["name"] for g in org_store.groups(db)}


@loader()
def people(path: str) -> dict[int, dict]:
    """Id → name and handle of everyone still on the team."""
    with reading(path) as db:
        return {
            p["id"]: {"name": p["name"], "handle": p["handle"]}
            for p in org_store.people(db, statuses=("newcomer", "active"))
        }


@loader()
def writable(path: str, username: str) -> tuple[set[int] | None, set[int] | None]:
    """The groups and the people ``username`` may change (``None``: all)."""
    with reading(path) as db:
        return access.writable_group_ids(db, username), access.writable_people(db, username)


level_settings = stored(store.level_settings)


@dataclass(frozen=True)
class DailyDigest:
    """What the page shows of the groups' days: the totals and the charted groups' days
    (the page reads this, not every group-day: a cache hit unpickles what it returns)."""

    messages: int
    daily_active: float  # active members a day, summed over the groups, averaged over days
    frame: pd.DataFrame  # ``daily_frame`` of the charted groups
    groups: int  # groups with activity
    charted: int  # of them in ``frame``: the most messages first


@loader()
def daily(
    path: str, start_iso: str, end_iso: str, group_ids: tuple[int, ...]
) -> DailyDigest | None:
    """The groups' daily activity of the period (``None``: none counted): the sums in SQL,
    the days of the charted groups alone read."""
    start, end = date.fromisoformat(start_iso), date.fromisoformat(end_iso)
    with reading(path) as db:
        totals, active, days = store.group_day_sums(db, start, end, group_ids=list(group_ids))
        if not totals:
            return None
        per_group = Counter(dict(totals))  # by id: ties go to the lower id
        charted = [group_id for group_id, _ in per_group.most_common(CHARTED_GROUPS)]
        rows = store.daily_totals(db, start, end, by="group", group_ids=charted, fetch=fetch_named)
    return DailyDigest(
        messages=sum(per_group.values()),
        daily_active=round(active / days, 1),
        frame=daily_frame(rows, groups(path)),
        groups=len(per_group),
        charted=len(charted),
    )


@loader()
def hours(path: str, start_iso: str, end_iso: str, group_ids: tuple[int, ...]) -> list[dict]:
    with reading(path) as db:
        return store.hour_weekday(
            db,
            date.fromisoformat(start_iso),
            date.fromisoformat(end_iso),
            group_ids=list(group_ids),
        )


@dataclass(frozen=True)
class MemberDigest:
    """What the page shows of the members' counts over a period (not every member's row)."""

    members: int  # distinct members with a row
    team_share: float | None  # of the messages, sent by people of the team
    per_group: Counter  # members of each group in the period who had not left by its end
    # the member rows of the ``TOP_SENDERS`` top senders, as ``carriers_frame`` reads them
    # (group, member, display name, person, messages; and the person's name)
    top_rows: list[dict]
    pareto: dict[int, rules.Pareto | None]  # the 二八 check of each group
    team: dict[int, dict]  # the top senders' people still on the team: id → name


@loader()
def members(path: str, start_iso: str, end_iso: str, group_ids: tuple[int, ...]) -> MemberDigest:
    """The members' counts of the period in the chosen groups, digested: their sums per
    group and member read as plain tuples, the top senders' names alone."""
    with reading(path) as db:
        sums = store.member_sums(
            db,
            date.fromisoformat(start_iso),
            date.fromisoformat(end_iso),
            group_ids=list(group_ids),
        )
        team = store.team_members(db)
        totals: Counter = Counter()
        most: dict[str, int] = {}
        per_group: dict[int, list[int]] = {}
        still_in: Counter = Counter()
        for group_id, key, messages, stays in sums:
            totals[key] += messages
            most[key] = max(most.get(key, 0), messages)
            per_group.setdefault(group_id, []).append(messages)
            still_in[group_id] += stays
        # the most messages first; ties as member_counts' order (a member's most messages
        # in one group first, then by key) first meets them
        top = heapq.nsmallest(TOP_SENDERS, totals, key=lambda k: (-totals[k], -most[k], k))
        labels = store.member_labels(db, top)
    top_rows = sorted(
        (
            {
                "group_id": group_id,
                "member_key": key,
                "display_name": labels[key]["display_name"],
                "person_id": labels[key]["person_id"],
                "messages": messages,
            }
            for group_id, key, messages, _ in sums
            if key in labels
        ),
        key=lambda r: (-r["messages"], r["member_key"], r["group_id"]),
    )
    spoken = sum(totals.values())
    return MemberDigest(
        members=len(totals),
        team_share=sum(totals[key] for key in team if key in totals) / spoken if spoken else None,
        per_group=+still_in,
        top_rows=top_rows,
        pareto={group_id: rules.pareto(counts) for group_id, counts in per_group.items()},
        team={
            label["person_id"]: {"name": label["person_name"]}
            for label in labels.values()
            if label["person_name"] is not None
        },
    )


@dataclass(frozen=True)
class Figures:
    """The figures tab as drawn: its metrics and its charts' Vega-Lite specs (a cache hit
    is all a rerun reads: no frame, no chart built again)."""

    messages: int
    daily_active: float  # as ``DailyDigest.daily_active``
    members: int
    team_share: float | None
    groups: int  # groups with activity
    charted: int  # of them in the day-by-day charts
    # day-by-day active members (with the month's targets), day-by-day messages, the
    # hour × weekday heatmap, the carriers
    charts: tuple[dict, dict, dict, dict]


@loader()
def figures(
    path: str, start_iso: str, end_iso: str, group_ids: tuple[int, ...], month: str, lang: str
) -> Figures | None:
    """The figures of the groups over the period, with the targets of ``month``, in the
    language (``None``: no activity counted)."""
    found = daily(path, start_iso, end_iso, group_ids)
    if found is None:
        return None
    digest = members(path, start_iso, end_iso, group_ids)
    goal = target_frame(targets(path, month, month), digest.per_group, groups(path), month)
    carried = carriers_frame(digest.top_rows, digest.team, lang)
    charts = (
        daily_chart(found.frame, "active_members", lang, goal),
        daily_chart(found.frame, "messages", lang),
        heatmap_chart(hours(path, start_iso, end_iso, group_ids), lang),
        carriers_chart(carried, lang),
    )
    return Figures(
        messages=found.messages,
        daily_active=found.daily_active,
        members=digest.members,
        team_share=digest.team_share,
        groups=found.groups,
        charted=found.charted,
        charts=tuple(altair_spec(chart) for chart in charts),
    )


@loader()
def levels(
    path: str,
    months: tuple[str, ...],
    group_ids: tuple[int, ...],
    settings: tuple[tuple[str, int], ...],
) -> tuple[dict[tuple[int, str], Counter], dict[str, Counter]]:
    """Members per level of each (group, month) and the moves between levels of each month,
    under the thresholds ``settings`` (the members' own levels stay here: a cache hit
    unpickles what a loader returns)."""
    with reading(path) as db:
        found = rules.group_levels(db, list(months), list(group_ids), dict(settings))
    return dict(rules.distribution(found)), rules.moves(found, list(months))


@loader()
def chat_suggestions(path: str, group_ids: tuple[int, ...] | None) -> dict[int, int]:
    """Per unmapped chat the group (of ``group_ids``; ``None``: every live group) its name
    suggests, for the chats that have one."""
    names = groups(path)
    candidates = {g: {"name": names[g]} for g in (names if group_ids is None else group_ids)}
    return {
        chat["id"]: found
        for chat in chats(path)
        if chat["group_id"] is None and (found := suggestions(chat["name"], candidates))
    }


@loader()
def sender_suggestions(
    path: str, start_iso: str, end_iso: str, person_ids: tuple[int, ...] | None
) -> list[tuple[str, int]]:
    """``(member key, person id)`` of the period's most active unlinked senders whose name
    matches a person of the team (of ``person_ids``; ``None``: anyone), at most
    ``SUGGESTED_LINKS``."""
    team = people(path)
    candidates = {p: team[p] for p in (team if person_ids is None else person_ids)}
    unlinked = [s for s in senders(path, start_iso, end_iso) if s["person_id"] is None]
    found = [
        (sender["key"], person_id)
        for sender in unlinked[:SUGGESTION_SENDERS]
        if (person_id := suggestions(sender["display_name"], candidates))
    ]
    return found[:SUGGESTED_LINKS]


targets = stored(store.active_ratio_targets)


# ---------------------------------------------------------------- frames


def platform_label(platform: str, lang: str | None = None) -> str:
    """A chat platform's name in the language (as exported when it is not a known one)."""
    key = f"activity.platform.{platform}"
    return t(key, lang) if key in CATALOG else platform


def suggestions(name: str | None, candidates: dict[int, dict]) -> int | None:
    """The person (or group) whose name or handle matches ``name`` best."""
    return rules.suggest(
        name, {cid: [c.get("name"), c.get("handle")] for cid, c in candidates.items()}
    )


def matches(search: str, *names: str | None) -> bool:
    """Whether one of ``names`` contains ``search`` (case-insensitive; empty: all)."""
    wanted = search.strip().casefold()
    return not wanted or any(wanted in (name or "").casefold() for name in names)


def chat_label(chat: dict, names: dict[int, str]) -> str:
    """A chat as a picker shows it: name, platform and its group (or not mapped)."""
    group = names.get(chat["group_id"]) or t("activity.map.unmapped")
    return f"{chat['name']} · {platform_label(chat['platform'])} · {group}"


def message_count(count: int, lang: str | None = None) -> str:
    """“1 message”, “3 messages” (Chinese has no plural: 1 条消息, 3 条消息)."""
    if count == 1:
        return t("activity.messages.one", lang)
    return t("activity.messages.other", lang, n=f"{count:,}")


def sender_labels(senders: list[dict]) -> dict[str, str]:
    """Member key → how pickers show the sender: their display name, and where another
    sender of the list has the same name, the platform and a short number from their key
    (digits: no Latin letters in the Chinese interface)."""
    names = Counter(sender["display_name"] for sender in senders)
    return {
        sender["key"]: sender["display_name"]
        if names[sender["display_name"]] == 1
        else f"{sender['display_name']} · {platform_label(sender['platform'])} · "
        f"#{int(sender['key'][:8], 16) % 10_000:04d}"
        for sender in senders
    }


def daily_frame(rows: list[dict], names: dict[int, str]) -> pd.DataFrame:
    """Per group and day: active members and messages."""
    return pd.DataFrame(
        [
            {
                "group": names.get(row["group_id"], str(row["group_id"])),
                "day": row["day"],
                "active_members": row["active_members"],
                "messages": row["messages"],
            }
            for row in rows
        ],
        columns=["group", "day", "active_members", "messages"],
    )


def target_frame(
    target_rows: list[dict], counted: Counter, names: dict[int, str], month: str
) -> pd.DataFrame:
    """Per group the daily active members its active-ratio target of ``month`` asks for:
    the target (the group's own, else the default) × the group's members in the period
    (``counted``: who had not left by the period's end)."""
    own = {row["group_id"]: row["target"] for row in target_rows if row["period"] == month}
    records = []
    for group_id, count in sorted(counted.items()):
        target = own.get(group_id, own.get(None))
        if target is not None and group_id in names:
            records.append(
                {
                    "group": names[group_id],
                    "active_members": round(target / 100 * count, 1),
                    "target": round(target),
                }
            )
    return pd.DataFrame(records, columns=["group", "active_members", "target"])


def level_frame(
    distribution: dict[tuple[int, str], Counter], names: dict[int, str], lang: str
) -> pd.DataFrame:
    """Long frame: group, month (as the language writes it), level (translated), members."""
    records = []
    for (group_id, month), counts in sorted(distribution.items()):
        for order, level in enumerate(rules.LEVELS):
            if counts[level]:
                records.append(
                    {
                        "group": names.get(group_id, str(group_id)),
                        "month": format_date(month, lang, "month"),
                        "month_code": month,
                        "level": t(f"activity.level.{level}", lang),
                        "order": order,
                        "members": counts[level],
                    }
                )
    return pd.DataFrame(
        records, columns=["group", "month", "month_code", "level", "order", "members"]
    )


def health_frame(
    group_ids: tuple[int, ...],
    names: dict[int, str],
    counts: dict[tuple[int, str], Counter],
    pareto: dict[int, rules.Pareto | None],
    months: list[str],
    lang: str,
) -> pd.DataFrame:
    """Per group its 二八 check and its active share by month with the evaporation verdict."""
    health = []
    for group_id in group_ids:
        check = pareto.get(group_id)
        shares = [rules.active_share(counts.get((group_id, m), Counter())) for m in months]
        health.append(
            {
                t("activity.col.group", lang): names[group_id],
                t("activity.col.top_share", lang): "–"
                if check is None
                else t(
                    "activity.levels.top",
                    lang,
                    top=check.top,
                    members=check.members,
                    share=format_percent(check.share, lang),
                ),
                t("activity.col.pareto", lang): "–"
                if check is None
                else t(
                    "activity.levels.few" if check.carried_by_few else "activity.levels.spread",
                    lang,
                ),
                t("activity.col.active_share", lang): " → ".join(
                    "–" if s is None else format_percent(s, lang) for s in shares
                ),
                t("activity.col.evaporation", lang): t(
                    "activity.levels.evaporating"
                    if rules.evaporating(shares)
                    else "activity.levels.steady",
                    lang,
                ),
            }
        )
    return pd.DataFrame(health)


def moves_frame(moved: Counter, lang: str) -> pd.DataFrame:
    """A month's moves as a table: rows from-level (or new), columns to-level."""
    rows = [None, *rules.LEVELS]
    frame = pd.DataFrame(
        [[moved.get((before, after), 0) for after in rules.LEVELS] for before in rows],
        index=[
            t("activity.level.new", lang) if before is None else t(f"activity.level.{before}", lang)
            for before in rows
        ],
        columns=[t(f"activity.level.{level}", lang) for level in rules.LEVELS],
    )
    return frame.loc[frame.sum(axis=1) > 0]


def carriers_frame(
    member_rows: list[dict], team: dict[int, dict], lang: str, limit: int = TOP_SENDERS
) -> pd.DataFrame:
    """The top senders: name (the person's for team members), messages, team or community.
    A sender without a name is numbered (“Unnamed member 2”): their key is a hash, nothing a
    lead reads."""
    totals: Counter = Counter()
    labels: dict[str, tuple[str | None, bool]] = {}
    for row in member_rows:
        totals[row["member_key"]] += row["messages"] or 0
        person = team.get(row["person_id"]) if row["person_id"] is not None else None
        name = person["name"] if person else row["display_name"]
        labels[row["member_key"]] = (name, row["person_id"] is not None)
    records = []
    unnamed = 0
    for key, count in totals.most_common(limit):
        if count <= 0:
            continue
        name, in_team = labels[key]
        if not name:
            unnamed += 1
            name = t("activity.member.unnamed", lang, n=unnamed)
        side = t("activity.side.team" if in_team else "activity.side.community", lang)
        records.append({"name": name, "messages": count, "side": side})
    return pd.DataFrame(records, columns=["name", "messages", "side"])


def actor_name(username: str, lang: str | None = None) -> str:
    """Who imported, as shown: the seeding actor ``system`` in the session's language (as
    the audit log shows it), an account by its username."""
    return label("audit.user", username, lang) if username == "system" else username


# ---------------------------------------------------------------- charts


def daily_chart(
    frame: pd.DataFrame, measure: str, lang: str, goal: pd.DataFrame | None = None
) -> alt.Chart:
    """One measure (``active_members`` or ``messages``) per group and day; with ``goal``,
    the daily active members the active-ratio target asks for as a dashed rule per group.
    Up to ``POINTED_DAYS`` group-days, each day is a point with its tooltip; beyond, the
    lines alone (a line's tooltip names its group)."""
    day = t("common.date", lang)
    title = t(f"activity.measure.{measure}", lang)
    group = alt.Color("group:N", title=t("activity.col.group", lang))
    pointed = len(frame) <= POINTED_DAYS
    tooltip = [alt.Tooltip("group:N", title=t("activity.col.group", lang))]
    if pointed:
        tooltip += [
            alt.Tooltip("day:T", title=day, format=vega_date_format(lang)),
            alt.Tooltip(f"{measure}:Q", title=title),
        ]
    lines = (
        alt.Chart(frame)
        .mark_line(point=pointed)
        .encode(
            x=alt.X("day:T", title=day, axis=alt.Axis(labelExpr=vega_date_label(lang))),
            y=alt.Y(f"{measure}:Q", title=title),
            color=group,
            tooltip=tooltip,
        )
    )
    if goal is None or goal.empty:
        return lines
    target = (
        alt.Chart(goal)
        .mark_rule(strokeDash=[6, 4])
        .encode(
            y=alt.Y(f"{measure}:Q"),
            color=group,
            tooltip=[
                alt.Tooltip("group:N", title=t("activity.col.group", lang)),
                alt.Tooltip("target:Q", title=t("activity.col.target", lang)),
                alt.Tooltip(f"{measure}:Q", title=title),
            ],
        )
    )
    return alt.layer(lines, target)


def heatmap_chart(rows: list[dict], lang: str) -> alt.Chart:
    """Messages per weekday × hour of day."""
    weekdays = [t(f"activity.weekday.{n}", lang) for n in range(7)]
    frame = pd.DataFrame(
        [
            {"weekday": weekdays[r["weekday"]], "hour": r["hour"], "messages": r["messages"]}
            for r in rows
        ],
        columns=["weekday", "hour", "messages"],
    )
    return (
        alt.Chart(frame)
        .mark_rect()
        .encode(
            x=alt.X("hour:O", title=t("activity.col.hour", lang)),
            y=alt.Y("weekday:N", title=t("activity.col.weekday", lang), sort=weekdays),
            color=alt.Color(
                "messages:Q",
                title=t("activity.measure.messages", lang),
                scale=alt.Scale(scheme="blues"),
            ),
            tooltip=[
                alt.Tooltip("weekday:N", title=t("activity.col.weekday", lang)),
                alt.Tooltip("hour:O", title=t("activity.col.hour", lang)),
                alt.Tooltip("messages:Q", title=t("activity.measure.messages", lang)),
            ],
        )
    )


def level_chart(frame: pd.DataFrame, lang: str) -> alt.Chart:
    """Members per level and month, stacked, core at the bottom."""
    names = [t(f"activity.level.{level}", lang) for level in rules.LEVELS]
    months = list(dict.fromkeys(frame.sort_values("month_code")["month"]))
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X(
                "month:O",
                title=t("activity.col.month", lang),
                sort=months,
                axis=alt.Axis(labelAngle=0),
            ),
            y=alt.Y("sum(members):Q", title=t("activity.col.members", lang)),
            color=alt.Color(
                "level:N",
                title=t("activity.col.level", lang),
                sort=names,
                scale=alt.Scale(domain=names, range=list(LEVEL_COLOURS.values())),
            ),
            order=alt.Order("order:Q", sort="ascending"),
            tooltip=[
                alt.Tooltip("group:N", title=t("activity.col.group", lang)),
                alt.Tooltip("month:O", title=t("activity.col.month", lang)),
                alt.Tooltip("level:N", title=t("activity.col.level", lang)),
                alt.Tooltip("sum(members):Q", title=t("activity.col.members", lang)),
            ],
        )
    )


def carriers_chart(frame: pd.DataFrame, lang: str) -> alt.Chart:
    """Who carries the group: the top senders' messages, team and community coloured."""
    order = list(frame.sort_values("messages", ascending=False)["name"])
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X("messages:Q", title=t("activity.measure.messages", lang)),
            y=alt.Y("name:N", title=None, sort=order, axis=alt.Axis(labelOverlap=False)),
            color=alt.Color("side:N", title=t("activity.col.side", lang)),
            tooltip=[
                alt.Tooltip("name:N", title=t("activity.col.sender", lang)),
                alt.Tooltip("messages:Q", title=t("activity.measure.messages", lang)),
                alt.Tooltip("side:N", title=t("activity.col.side", lang)),
            ],
        )
    )
