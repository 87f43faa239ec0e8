"""The org page's health tab: per group its flags (the book's five traps) with their
evidence, dismissing a flag with a note, the dismissals' history, the small-multiples chart,
the group events that keep a group from boredom, and the thresholds.

Takes the org page's ``OrgContext``; loaders, labels and the chart are in
``dashboard.health_views``, the rules in ``dashboard.domain.health``."""

import pandas as pd
import streamlit as st

from dashboard import health_views as views
from dashboard.domain import health as rules
from dashboard.i18n import t
from dashboard.org_panels import OrgContext
from dashboard.scope import can_write_group, in_scope_first
from dashboard.session import show_notices, submit
from dashboard.tables import show_table
from dashboard.thresholds import settings_form
from db import health as store

PLACE = "health"  # where the panel's notices are shown


def health_panel(ctx: OrgContext) -> None:
    """Which groups are sick and why, the chart, the dismissals, events and thresholds."""
    show_notices(PLACE)
    st.caption(t("health.intro", ctx.lang))
    healths = views.group_health(ctx.path, ctx.today.isoformat())
    healths = in_scope_first(healths, ctx.scope, lambda h: h.group_id)
    only_flagged = st.toggle(
        t("health.only_flagged", ctx.lang), value=True, key="health_only_flagged"
    )
    shown = [h for h in healths if h.flags] if only_flagged else healths
    if not shown:
        st.success(t("health.none_flagged", ctx.lang))
    _chart(ctx, shown)
    for health in shown:
        _group_card(ctx, health)
    for title, part in (
        ("health.tab.history", _history),
        ("health.tab.events", _events),
        ("health.tab.settings", _settings),
    ):
        with st.expander(t(title, ctx.lang)):
            part(ctx)


def _chart(ctx: OrgContext, healths: list[rules.GroupHealth]) -> None:
    with_data = [h for h in healths if h.months][: views.MAX_CHARTS]
    if not with_data:
        return
    st.subheader(t("health.chart.title", ctx.lang))
    st.caption(t("health.chart.caption", ctx.lang))
    frame = views.chart_frame(with_data, ctx.lang)
    st.altair_chart(views.health_chart(frame, views.settings(ctx.path), ctx.lang))


def _group_card(ctx: OrgContext, health: rules.GroupHealth) -> None:
    title = f"{health.name} — {views.health_label(health, ctx.lang)}"
    with st.expander(title, expanded=bool(health.open_flags)):
        if not health.has_activity:
            st.caption(t("health.no_data_help", ctx.lang))
        for flag in health.flags:
            st.markdown(f"- {views.flag_text(flag, ctx.lang)}")
        if not health.flags:
            st.caption(t("health.healthy_help", ctx.lang))
        if health.open_flags and ctx.writable and can_write_group(ctx.scope, health.group_id):
            _dismiss_form(ctx, health)


def _dismiss_form(ctx: OrgContext, health: rules.GroupHealth) -> None:
    with st.form(f"health_dismiss_{health.group_id}"):
        trap = st.selectbox(
            t("health.dismiss.trap", ctx.lang),
            [flag.trap for flag in health.open_flags],
            format_func=lambda code: t(f"health.trap.{code}", ctx.lang),
            key=f"health_dismiss_trap_{health.group_id}",
        )
        note = st.text_input(
            t("health.dismiss.note", ctx.lang),
            max_chars=rules.MAX_NOTE,
            placeholder=t("health.dismiss.note_placeholder", ctx.lang),
            key=f"health_dismiss_note_{health.group_id}",
        )
        if st.form_submit_button(t("health.dismiss.submit", ctx.lang)):
            submit(
                lambda: rules.dismiss(ctx.db, ctx.actor, health.group_id, trap, note, ctx.today),
                t("health.dismiss.done", ctx.lang, group=health.name),
                PLACE,
            )


def _table(ctx: OrgContext, rows: list[dict], empty_key: str, columns: dict) -> None:
    """``rows`` as a table of ``columns`` (header key → the row's value), or ``empty_key``."""
    if not rows:
        st.caption(t(empty_key, ctx.lang))
        return
    frame = pd.DataFrame(
        [{t(key, ctx.lang): value(row) for key, value in columns.items()} for row in rows]
    )
    show_table(frame, hide_index=True)


def _history(ctx: OrgContext) -> None:
    _table(
        ctx,
        views.dismissals(ctx.path),
        "health.history.empty",
        {
            "health.col.group": lambda row: row["group_name"],
            "health.col.trap": lambda row: t(f"health.trap.{row['trap']}", ctx.lang),
            "health.col.note": lambda row: row["note"],
            "health.col.by": lambda row: row["dismissed_by"],
            "health.col.on": lambda row: row["dismissed_on"],
        },
    )


def _events(ctx: OrgContext) -> None:
    groups = [gid for gid in ctx.group_name if can_write_group(ctx.scope, gid)]
    if ctx.writable and groups:
        with st.form("health_event_form", clear_on_submit=True):
            columns = st.columns(2)
            group_id = columns[0].selectbox(
                t("health.col.group", ctx.lang),
                groups,
                format_func=ctx.group_name.get,
                key="health_ev_group",
            )
            day = columns[1].date_input(
                t("health.col.day", ctx.lang),
                value=ctx.today,
                max_value=ctx.today,
                key="health_ev_day",
            )
            kind = columns[0].selectbox(
                t("health.col.kind", ctx.lang),
                list(store.EVENT_KINDS),
                format_func=lambda code: t(f"health.event.{code}", ctx.lang),
                key="health_ev_kind",
            )
            title = columns[1].text_input(
                t("health.col.title", ctx.lang),
                max_chars=rules.MAX_TITLE,
                placeholder=t("health.event.title_placeholder", ctx.lang),
                key="health_ev_title",
            )
            if st.form_submit_button(t("health.event.submit", ctx.lang)):
                submit(
                    lambda: rules.add_event(
                        ctx.db, ctx.actor, group_id, day, kind, title, ctx.today
                    ),
                    t("health.event.done", ctx.lang, group=ctx.group_name[group_id]),
                    PLACE,
                )
    _table(
        ctx,
        views.events(ctx.path),
        "health.event.empty",
        {
            "health.col.day": lambda row: row["day"],
            "health.col.group": lambda row: row["group_name"],
            "health.col.kind": lambda row: t(f"health.event.{row['kind']}", ctx.lang),
            "health.col.title": lambda row: row["title"],
            "health.col.by": lambda row: row["created_by"],
        },
    )


def _settings(ctx: OrgContext) -> None:
    team_wide = ctx.writable and ctx.scope is None
    st.caption(t("health.settings.intro", ctx.lang))
    settings_form(
        "health",
        rules.SETTING_BOUNDS,
        views.settings(ctx.path),
        lambda values: rules.save_settings(ctx.db, ctx.actor, values),
        may_save=bool(team_wide),
        lang=ctx.lang,
        place=PLACE,
        label_prefix="health.setting.",
    )
