"""Community activity (社群活跃度): the chats' figures per group and month (messages, daily
active members, the hour × weekday heatmap, the carriers), members' activity levels and
their moves, the chat imports, the mapping of chats, senders and WeCom owners to groups and
people, and the level thresholds. Only the open tab runs."""

from datetime import date

import pandas as pd
import streamlit as st

from dashboard import activity_panels as panels
from dashboard import activity_views as views
from dashboard import auth, clock
from dashboard.domain import activity as rules
from dashboard.i18n import current_language, t
from dashboard.i18n.formats import format_date, format_percent
from dashboard.navigation import ensure_app_shell
from dashboard.session import page_db, page_header
from dashboard.tables import show_table

ensure_app_shell()

db, path = page_db()
lang = current_language()
today = clock.today()
writer = auth.can_write()
allowed_groups, allowed_people = views.writable(path, auth.actor())

page_header(t("activity.title"), t("activity.caption"))

chats = views.chats(path)
names = views.groups(path)
mapped = sorted({c["group_id"] for c in chats if c["group_id"] in names}, key=names.get)
left, right = st.columns([3, 1])
chosen = left.multiselect(
    t("activity.filter.groups"),
    mapped,
    format_func=names.get,
    key="activity_groups",
    placeholder=t("activity.filter.all_groups"),
)
span = right.selectbox(
    t("activity.filter.months"),
    [1, 3, 6, 12],
    index=1,
    format_func=lambda n: t("activity.filter.months_n", n=n),
    key="activity_months",
)
group_ids = tuple(chosen or mapped)
months = rules.months_between(today, today)
for _ in range(span - 1):
    months.insert(0, rules.previous_month(months[0]))
start, end = date.fromisoformat(f"{months[0]}-01"), today
if chats and not mapped:
    st.info(t("activity.unmapped_only"))

tab_names = ["figures", "levels", "imports", "mapping"]
if writer and allowed_groups is None:
    tab_names.append("settings")
# only the open tab runs: the others' figures are read when the lead opens them
tabs = st.tabs(
    [t(f"activity.tab.{name}") for name in tab_names], key="activity_tab", on_change="rerun"
)
tabs = dict(zip(tab_names, tabs, strict=True))

# ---------------------------------------------------------------- figures
if tabs["figures"].open:
    with tabs["figures"]:
        daily = views.daily(path, start.isoformat(), end.isoformat(), group_ids)
        digest = views.members(path, start.isoformat(), end.isoformat(), group_ids)
        if daily is None:
            st.info(t("activity.empty"))
        else:
            metrics = st.columns(4)
            metrics[0].metric(t("activity.measure.messages"), f"{daily.messages:,}")
            metrics[1].metric(t("activity.metric.daily_active"), daily.daily_active)
            metrics[2].metric(t("activity.col.members"), digest.members)
            metrics[3].metric(
                t("activity.metric.team_share"),
                "–" if digest.team_share is None else format_percent(digest.team_share, lang),
            )
            goal = views.target_frame(
                views.targets(path, months[-1], months[-1]), digest.per_group, names, months[-1]
            )
            st.subheader(t("activity.chart.daily"))
            if daily.charted < daily.groups:
                st.caption(t("activity.chart.charted", n=daily.charted, groups=daily.groups))
            st.altair_chart(
                views.daily_chart(daily.frame, "active_members", lang, goal), width="stretch"
            )
            st.altair_chart(views.daily_chart(daily.frame, "messages", lang), width="stretch")
            st.caption(t("activity.chart.target_note"))
            st.subheader(t("activity.chart.heatmap"))
            heat = views.hours(path, start.isoformat(), end.isoformat(), group_ids)
            st.altair_chart(views.heatmap_chart(heat, lang), width="stretch")
            st.subheader(t("activity.chart.carriers"))
            carriers = views.carriers_frame(digest.top_rows, views.people(path), lang)
            st.altair_chart(views.carriers_chart(carriers, lang), width="stretch")

# ---------------------------------------------------------------- levels
if tabs["levels"].open:
    with tabs["levels"]:
        settings = views.level_settings(path)
        st.caption(t("activity.levels.rule", **settings))
        counts, moved = (
            views.levels(path, tuple(months), group_ids, tuple(settings.items()))
            if group_ids
            else ({}, {})
        )
        if not counts:
            st.info(t("activity.empty"))
        else:
            st.altair_chart(
                views.level_chart(views.level_frame(counts, names, lang), lang), width="stretch"
            )
            if moved:
                last = list(moved)[-1]
                st.subheader(t("activity.levels.moves", month=format_date(last, lang, "month")))
                show_table(views.moves_frame(moved[last], lang), key="activity_moves")
            st.subheader(t("activity.levels.health"))
            pareto = views.members(path, start.isoformat(), end.isoformat(), group_ids).pareto
            health = views.health_frame(group_ids, names, counts, pareto, months, lang)
            show_table(health, hide_index=True, key="activity_health")

# ---------------------------------------------------------------- imports
if tabs["imports"].open:
    with tabs["imports"]:
        if writer:
            panels.import_panel(db, today)
        rows = views.imports(path)
        if not rows:
            st.info(t("activity.imports.empty"))
        else:
            show_table(
                pd.DataFrame(
                    {
                        t("activity.col.import"): [r["id"] for r in rows],
                        t("activity.col.file"): [r["file_name"] for r in rows],
                        t("activity.import.format"): [
                            t(f"activity.format.{r['format']}") for r in rows
                        ],
                        t("activity.import.days"): [
                            f"{r['first_day']} – {r['last_day']}" for r in rows
                        ],
                        t("activity.measure.messages"): [r["messages"] for r in rows],
                        t("activity.col.members"): [r["members"] for r in rows],
                        t("activity.col.by"): [views.actor_name(r["username"]) for r in rows],
                        t("activity.col.when"): [
                            r["imported_at"][:16].replace("T", " ") for r in rows
                        ],
                    }
                ),
                hide_index=True,
                key="activity_imports",
            )
            if writer:
                panels.remove_panel(db, rows)

# ---------------------------------------------------------------- mapping
if tabs["mapping"].open:
    with tabs["mapping"]:
        owners = views.owners(path)
        if not chats and not owners:
            st.info(t("activity.map.empty"))
        elif not writer:
            panels.read_only_tables(chats, owners)
        else:
            st.subheader(t("activity.map.chats"))
            panels.chat_panel(db, path, chats, allowed_groups)
            others = [
                c
                for c in chats
                if c["group_id"] is not None
                and allowed_groups is not None
                and c["group_id"] not in allowed_groups
            ]
            if others:
                st.caption(t("activity.map.others"))
                panels.read_only_tables(others, [])
            st.subheader(t("activity.map.senders"))
            panels.sender_panel(db, path, (start.isoformat(), end.isoformat()), allowed_people)
            if owners:
                st.subheader(t("activity.map.owners"))
                panels.owner_panel(db, path, owners, allowed_people)

if "settings" in tabs and tabs["settings"].open:
    with tabs["settings"]:
        st.caption(t("activity.settings.intro"))
        panels.settings_panel(db, path)
