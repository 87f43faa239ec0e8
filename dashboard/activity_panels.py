"""Panels of the community activity page: one per tab (the figures, the members' levels,
the imports, the mapping, the level thresholds), drawn from an ``ActivityContext``, and the
panels that write: upload with preview and import, removing imports, mapping chats,
linking senders and WeCom owners, level thresholds. Each panel offers only what the
signed-in user may change. Loaders, frames and charts are in ``activity_views``."""

from dataclasses import dataclass
from datetime import date

import pandas as pd
import streamlit as st
from sqlite_utils import Database

from dashboard import activity_views as views
from dashboard import auth
from dashboard.activity import imports as importer
from dashboard.domain import activity as rules
from dashboard.i18n import t
from dashboard.i18n.formats import format_date, format_percent
from dashboard.session import describe_error, notify, run_write, submit
from dashboard.tables import show_table
from dashboard.thresholds import settings_form
from dashboard.vega import altair_spec
from db.errors import OpsError


@dataclass(frozen=True)
class ActivityContext:
    """What every tab of the page reads: the session, the reader and the filters."""

    db: Database
    path: str
    lang: str
    today: date
    writer: bool
    allowed_groups: set[int] | None  # the groups the reader may change (None: all)
    allowed_people: set[int] | None  # the people the reader may link (None: all)
    chats: list[dict]
    names: dict[int, str]  # group id → name
    group_ids: tuple[int, ...]  # the groups chosen (all the mapped ones by default)
    months: list[str]  # ``YYYY-MM`` of the months shown, oldest first

    @property
    def start(self) -> str:
        return f"{self.months[0]}-01"

    @property
    def end(self) -> str:
        return self.today.isoformat()


def figures_tab(ctx: ActivityContext) -> None:
    """Messages, daily active members, members and the team's share as metrics; the
    day-by-day charts against the month's target, the hour × weekday heatmap, the carriers."""
    lang = ctx.lang
    shown = views.figures(ctx.path, ctx.start, ctx.end, ctx.group_ids, ctx.months[-1], lang)
    if shown is None:
        st.info(t("activity.empty"))
        return
    metrics = st.columns(4)
    metrics[0].metric(t("activity.measure.messages"), f"{shown.messages:,}")
    metrics[1].metric(t("activity.metric.daily_active"), shown.daily_active)
    metrics[2].metric(t("activity.col.members"), shown.members)
    metrics[3].metric(
        t("activity.metric.team_share"),
        "–" if shown.team_share is None else format_percent(shown.team_share, lang),
    )
    active, messages, heatmap, carriers = shown.charts
    st.subheader(t("activity.chart.daily"))
    if shown.charted < shown.groups:
        st.caption(t("activity.chart.charted", n=shown.charted, groups=shown.groups))
    st.vega_lite_chart(active, width="stretch")
    st.vega_lite_chart(messages, width="stretch")
    st.caption(t("activity.chart.target_note"))
    st.subheader(t("activity.chart.heatmap"))
    st.vega_lite_chart(heatmap, width="stretch")
    st.subheader(t("activity.chart.carriers"))
    st.vega_lite_chart(carriers, width="stretch")


def levels_tab(ctx: ActivityContext) -> None:
    """The members' levels per month, the last month's moves and each group's health."""
    path, lang = ctx.path, ctx.lang
    settings = views.level_settings(path)
    st.caption(t("activity.levels.rule", **settings))
    counts, moved = (
        views.levels(path, tuple(ctx.months), ctx.group_ids, tuple(settings.items()))
        if ctx.group_ids
        else ({}, {})
    )
    if not counts:
        st.info(t("activity.empty"))
        return
    st.vega_lite_chart(
        altair_spec(views.level_chart(views.level_frame(counts, ctx.names, lang), lang)),
        width="stretch",
    )
    if moved:
        last = list(moved)[-1]
        st.subheader(t("activity.levels.moves", month=format_date(last, lang, "month")))
        show_table(views.moves_frame(moved[last], lang), key="activity_moves")
    st.subheader(t("activity.levels.health"))
    pareto = views.members(path, ctx.start, ctx.end, ctx.group_ids).pareto
    health = views.health_frame(ctx.group_ids, ctx.names, counts, pareto, ctx.months, lang)
    show_table(health, hide_index=True, key="activity_health")


def imports_tab(ctx: ActivityContext) -> None:
    """The upload (for writers) and the imports so far, with their removal."""
    if ctx.writer:
        import_panel(ctx.db, ctx.today)
    rows = views.imports(ctx.path)
    if not rows:
        st.info(t("activity.imports.empty"))
        return
    show_table(imports_frame(rows), hide_index=True, key="activity_imports")
    if ctx.writer:
        remove_panel(ctx.db, rows)


def imports_frame(rows: list[dict]) -> pd.DataFrame:
    """The chat imports: file, format, days, figures, who imported it and when."""
    return pd.DataFrame(
        {
            t("activity.col.import"): [r["id"] for r in rows],
            t("activity.col.file"): [r["file_name"] for r in rows],
            t("activity.import.format"): [t(f"activity.format.{r['format']}") for r in rows],
            t("activity.import.days"): [f"{r['first_day']} – {r['last_day']}" for r in rows],
            t("activity.measure.messages"): [r["messages"] for r in rows],
            t("activity.col.members"): [r["members"] for r in rows],
            t("activity.col.by"): [views.actor_name(r["username"]) for r in rows],
            t("activity.col.when"): [r["imported_at"][:16].replace("T", " ") for r in rows],
        }
    )


def mapping_tab(ctx: ActivityContext) -> None:
    """Chats to groups, senders to people and WeCom owners to people: as tables for
    readers, as forms for writers (the chats of groups they may not change as a table)."""
    chats, allowed = ctx.chats, ctx.allowed_groups
    owners = views.owners(ctx.path)
    if not chats and not owners:
        st.info(t("activity.map.empty"))
        return
    if not ctx.writer:
        read_only_tables(chats, owners)
        return
    st.subheader(t("activity.map.chats"))
    chat_panel(ctx.db, ctx.path, chats, allowed)
    others = [
        c
        for c in chats
        if c["group_id"] is not None and allowed is not None and c["group_id"] not in allowed
    ]
    if others:
        st.caption(t("activity.map.others"))
        read_only_tables(others, [])
    st.subheader(t("activity.map.senders"))
    sender_panel(ctx.db, ctx.path, (ctx.start, ctx.end), ctx.allowed_people)
    if owners:
        st.subheader(t("activity.map.owners"))
        owner_panel(ctx.db, ctx.path, owners, ctx.allowed_people)


def settings_tab(ctx: ActivityContext) -> None:
    """The level thresholds, for writers who may change every group."""
    st.caption(t("activity.settings.intro"))
    settings_panel(ctx.db, ctx.path)


def done(message: str) -> None:
    """Keep the success message of a write whose result it names, and rerun."""
    notify(message)
    st.rerun()


def import_panel(db, today) -> None:
    """Upload an export, see what it holds, then import it with a progress bar."""
    upload = st.file_uploader(
        t("activity.import.upload"),
        type=["json", "jsonl", "csv", "xlsx", "txt"],
        key="activity_upload",
        help=t("activity.import.help"),
    )
    if upload is None:
        return
    data = upload.getvalue()
    try:
        preview = importer.preview(data, upload.name, db=db, today=today)
    except OpsError as error:
        st.error(describe_error(error))
        return
    with st.container(border=True, key="activity_preview"):
        st.markdown(f"**{t('activity.import.preview', name=preview.file_name)}**")
        figures = st.columns(4)
        figures[0].metric(t("activity.import.format"), t(f"activity.format.{preview.format}"))
        figures[1].metric(t("activity.import.days"), f"{preview.first_day} – {preview.last_day}")
        figures[2].metric(t("activity.measure.messages"), preview.messages)
        figures[3].metric(t("activity.col.members"), preview.members)
        names = preview.chats or preview.owners
        st.caption(t("activity.import.chats", chats="、".join(names[:20])))
        if preview.already:
            st.warning(
                t(
                    "activity.err.duplicate",
                    name=preview.file_name,
                    on=preview.already["imported_at"][:16].replace("T", " "),
                    by=views.actor_name(preview.already["username"]),
                )
            )
            return
        if st.button(t("activity.import.submit"), type="primary", key="activity_import"):
            bar = st.progress(0.0, text=t("activity.import.progress"))
            imported = run_write(
                lambda: importer.import_file(
                    db,
                    data,
                    auth.actor(),
                    name=upload.name,
                    today=today,
                    progress=lambda share: bar.progress(
                        min(share, 1.0), text=t("activity.import.progress")
                    ),
                )
            )
            if imported:
                st.session_state.pop("activity_upload", None)
                done(t("activity.import.done", name=upload.name, id=imported))


def remove_panel(db, rows: list[dict]) -> None:
    """Remove an import (and everything it contributed), after a confirmation."""
    choice = st.selectbox(
        t("activity.imports.remove_pick"),
        [row["id"] for row in rows],
        format_func=lambda i: next(f"#{r['id']} {r['file_name']}" for r in rows if r["id"] == i),
        key="activity_remove_pick",
    )
    sure = st.checkbox(t("activity.imports.remove_sure"), key="activity_remove_sure")
    if st.button(t("activity.imports.remove"), disabled=not sure, key="activity_remove"):
        removed = run_write(lambda: rules.remove_import(db, auth.actor(), choice))
        if removed:
            st.session_state.pop("activity_remove_sure", None)
            done(t("activity.imports.removed", name=removed["file_name"]))


def chat_panel(db, path: str, chats: list[dict], allowed: set[int] | None) -> None:
    """The chats the user may map as a table (unmapped first, with the group suggested by
    name), a search, and one form for the chat picked: its group and check-in words."""
    groups = views.groups(path)
    choices = [g for g in groups if allowed is None or g in allowed]
    if not choices:
        return
    editable = [
        c for c in chats if c["group_id"] is None or allowed is None or c["group_id"] in allowed
    ]
    suggested = views.chat_suggestions(path, None if allowed is None else tuple(choices))
    search = st.text_input(
        t("activity.map.search"),
        key="activity_chat_search",
        placeholder=t("activity.map.search_hint"),
    )
    shown = sorted(
        (c for c in editable if views.matches(search, c["name"], c["group_name"])),
        key=lambda c: (c["group_id"] is not None, c["name"], c["id"]),
    )
    if not shown:
        st.info(t("activity.map.no_match", search=search))
        return
    unmapped = t("activity.map.unmapped")
    show_table(
        pd.DataFrame(
            {
                t("activity.col.chat"): [c["name"] for c in shown],
                t("activity.col.platform"): [views.platform_label(c["platform"]) for c in shown],
                t("activity.col.group"): [c["group_name"] or unmapped for c in shown],
                t("activity.col.suggested"): [
                    groups.get(suggested.get(c["id"]), "") if c["group_id"] is None else ""
                    for c in shown
                ],
                t("activity.col.days"): [c["days"] for c in shown],
                t("activity.col.last_day"): [c["last_day"] or "" for c in shown],
            }
        ),
        hide_index=True,
        key="activity_chat_table",
    )
    by_id = {c["id"]: c for c in shown}
    chat = by_id[
        st.selectbox(
            t("activity.map.pick"),
            list(by_id),
            format_func=lambda c: views.chat_label(by_id[c], groups),
            key="activity_chat_pick",
        )
    ]
    proposal = suggested.get(chat["id"]) if chat["group_id"] is None else None
    current = chat["group_id"] if chat["group_id"] in choices else proposal
    options = [None, *choices]
    # the form's widgets carry the chat's id: picking another chat shows its own values
    with st.form(f"activity_chat_form_{chat['id']}", border=True):
        st.markdown(
            f"**{chat['name']}** · {views.platform_label(chat['platform'])}"
            + (f" · {t('activity.map.suggested')}" if proposal is not None else "")
        )
        left, right = st.columns(2)
        group_id = left.selectbox(
            t("activity.col.group"),
            options,
            index=options.index(current),
            format_func=lambda g: unmapped if g is None else groups[g],
            key=f"activity_chat_group_{chat['id']}",
        )
        keywords = right.text_input(
            t("activity.map.keywords"),
            value=chat["checkin_keywords"].replace(",", "、"),
            key=f"activity_chat_keywords_{chat['id']}",
            help=t("activity.map.keywords_help"),
        )
        if st.form_submit_button(t("activity.map.save"), key=f"activity_chat_save_{chat['id']}"):
            words = keywords.replace("、", ",").replace("，", ",").split(",")
            submit(
                lambda: rules.save_chat(db, auth.actor(), chat["id"], group_id, words),
                t("activity.map.saved", chat=chat["name"]),
            )


def sender_panel(db, path: str, period: tuple[str, str], people_allowed: set[int] | None) -> None:
    """Suggested links of the period's senders to people (confirmed one by one) and a form
    for any link."""
    people = views.people(path)
    choices = {
        pid: p for pid, p in people.items() if people_allowed is None or pid in people_allowed
    }
    senders = views.senders(path, *period)
    by_key = {s["key"]: s for s in senders}
    labels = views.sender_labels(senders)
    suggested = [
        (by_key[key], pid)
        for key, pid in views.sender_suggestions(
            path, *period, None if people_allowed is None else tuple(choices)
        )
    ]
    if suggested:
        st.markdown(f"**{t('activity.link.suggested')}**")
    for sender, person_id in suggested:
        left, right = st.columns([4, 1])
        left.markdown(
            t(
                "activity.link.line",
                sender=labels[sender["key"]],
                person=people[person_id]["name"],
                messages=views.message_count(sender["messages"]),
            )
        )
        confirmed = right.button(
            t("activity.link.confirm"), key=f"activity_confirm_{sender['key']}"
        )
        if confirmed:
            submit(
                lambda k=sender["key"], p=person_id: rules.link_member(db, auth.actor(), k, p),
                t("activity.link.saved", sender=labels[sender["key"]]),
            )
    if not senders or not choices:
        return
    with st.form("activity_link_form"):
        st.markdown(f"**{t('activity.link.form')}**")
        left, right = st.columns(2)
        key = left.selectbox(
            t("activity.col.sender"),
            list(by_key),
            format_func=labels.get,
            key="activity_link_sender",
        )
        person_id = right.selectbox(
            t("activity.col.person"),
            [None, *choices],
            format_func=lambda p: t("activity.link.nobody") if p is None else people[p]["name"],
            key="activity_link_person",
        )
        submitted = st.form_submit_button(t("activity.link.submit"))
        if submitted:
            submit(
                lambda: rules.link_member(db, auth.actor(), key, person_id),
                t("activity.link.saved", sender=labels[key]),
            )


def owner_panel(db, path: str, owners: list[dict], people_allowed: set[int] | None) -> None:
    """One form for the WeCom owner picked: the person they are (suggested by name or
    handle); the owners and their people are in the table above it."""
    people = views.people(path)
    choices = [pid for pid in people if people_allowed is None or pid in people_allowed]
    if not choices:
        return
    show_table(owner_frame(owners), hide_index=True, key="activity_owner_table")
    by_owner = {o["owner"]: o for o in owners}
    owner = by_owner[
        st.selectbox(t("activity.col.owner"), list(by_owner), key="activity_owner_pick")
    ]
    suggested = views.suggestions(owner["owner"], {p: people[p] for p in choices})
    current = owner["person_id"] if owner["person_id"] in choices else suggested
    options = [None, *choices]
    with st.form(f"activity_owner_form_{owner['owner']}"):
        person_id = st.selectbox(
            t("activity.owner.person", owner=owner["owner"], days=owner["days"]),
            options,
            index=options.index(current),
            format_func=lambda p: t("activity.link.nobody") if p is None else people[p]["name"],
            key=f"activity_owner_{owner['owner']}",
        )
        if st.form_submit_button(
            t("activity.map.save"), key=f"activity_owner_save_{owner['owner']}"
        ):
            submit(
                lambda: rules.map_wecom_owner(db, auth.actor(), owner["owner"], person_id),
                t("activity.owner.saved", owner=owner["owner"]),
            )


def settings_panel(db, path: str) -> None:
    """The member-level thresholds (a team-wide setting)."""
    settings_form(
        "activity",
        rules.SETTING_BOUNDS,
        views.level_settings(path),
        lambda values: rules.save_level_settings(db, auth.actor(), values),
        columns=3,
        primary=True,
    )


def read_only_tables(chats: list[dict], owners: list[dict]) -> None:
    """Chats and owners as tables, for those who may not change them."""
    show_table(
        pd.DataFrame(
            {
                t("activity.col.chat"): [c["name"] for c in chats],
                t("activity.col.group"): [
                    c["group_name"] or t("activity.map.unmapped") for c in chats
                ],
                t("activity.map.keywords"): [
                    c["checkin_keywords"].replace(",", "、") for c in chats
                ],
                t("activity.col.days"): [c["days"] for c in chats],
            }
        ),
        hide_index=True,
    )
    if owners:
        show_table(owner_frame(owners), hide_index=True)


def owner_frame(owners: list[dict]) -> pd.DataFrame:
    """WeCom owners and the people they are mapped to."""
    return pd.DataFrame(
        {
            t("activity.col.owner"): [o["owner"] for o in owners],
            t("activity.col.person"): [
                o["person_name"] or t("activity.link.nobody") for o in owners
            ],
        }
    )
