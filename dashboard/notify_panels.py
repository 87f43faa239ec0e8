"""The notification panels: the Admin page's Channels tab (channels, test messages, every
delivery) and the My notifications page (one's own time zone, subscriptions, mutes and what
was sent). Labels and frames are in ``notify_views``."""

from datetime import date

import streamlit as st
from sqlite_utils import Database

from dashboard.domain import notify as rules
from dashboard.i18n import t
from dashboard.notify.delivery import send_test
from dashboard.notify_views import (
    alert_kinds,
    channels_frame,
    deliveries_frame,
    kind_label,
    zone_label,
)
from dashboard.session import notify, run_write, show_notices, submit
from dashboard.tables import show_table
from db import notify as store
from db.access import user_row

CHANNELS = "notify_channels"  # where the Channels tab shows its messages


def deliveries_panel(db: Database, lang: str, username: str | None) -> None:
    """What was sent: to ``username``, or to everyone (``None``, with the user column)."""
    rows = store.deliveries(db, username)
    if not rows:
        st.caption(t("notify.deliveries.none"))
        return
    show_table(
        deliveries_frame(rows, lang, with_user=username is None), hide_index=True, width="stretch"
    )


def channels_panel(db: Database, actor: str, lang: str, today: date) -> None:
    """The Admin page's Channels tab (the page shows it to admins only; writes check too)."""
    st.subheader(t("notify.channels.title"))
    st.caption(t("notify.channels.help"))
    show_notices(CHANNELS)
    channels = store.channels(db)
    if channels:
        show_table(channels_frame(channels, lang), hide_index=True, width="stretch")
    else:
        st.caption(t("notify.channels.none"))
    by_id = {row["id"]: row for row in channels}
    form_col, test_col = st.columns(2)
    with form_col:
        st.markdown(f"**{t('notify.form.title')}**")
        if "notify_channel_pending" in st.session_state:  # the channel just created
            st.session_state["notify_channel_pick"] = st.session_state.pop("notify_channel_pending")
        chosen = st.selectbox(
            t("notify.form.channel"),
            [None, *by_id],
            format_func=lambda cid: (
                t("notify.form.new", lang) if cid is None else by_id[cid]["name"]
            ),
            key="notify_channel_pick",
        )
        current = by_id.get(chosen)
        # clear_on_submit: what was typed into the address and secret fields is not kept
        # in the session, and the fields never show a stored value.
        with st.form(f"notify_channel_form_{chosen}", clear_on_submit=True):
            name = st.text_input(
                t("notify.col.name"), current["name"] if current else "", key="notify_name"
            )
            kind = st.selectbox(
                t("notify.col.kind"),
                store.CHANNEL_KINDS,
                index=store.CHANNEL_KINDS.index(current["kind"]) if current else 0,
                format_func=lambda code: t(f"notify.kind.{code}", lang),
                key="notify_kind",
            )
            url = st.text_input(
                t("notify.form.url"),
                type="password",
                key="notify_url",
                help=t("notify.form.url_help"),
            )
            secret = st.text_input(
                t("notify.form.secret"),
                type="password",
                key="notify_secret",
                help=t("notify.form.secret_help"),
            )
            enabled = st.checkbox(
                t("notify.form.enabled"),
                bool(current["enabled"]) if current else True,
                key="notify_enabled",
            )
            if st.form_submit_button(t("notify.form.submit"), type="primary"):
                saved = run_write(
                    lambda: rules.save_channel(
                        db,
                        actor,
                        channel_id=chosen,
                        name=name,
                        kind=kind,
                        enabled=enabled,
                        url=url,
                        secret=secret,
                        today=today,
                    )
                )
                if saved:
                    notify(t("notify.form.saved", name=name.strip()), place=CHANNELS)
                    st.session_state["notify_channel_pending"] = saved
                    st.rerun()
        if current is not None:
            clear_col, delete_col = st.columns(2)
            if current["secret_set"] and clear_col.button(
                t("notify.form.clear_secret"), key="notify_clear_secret"
            ):
                submit(lambda: rules.clear_secret(db, actor, current, today))
            if delete_col.button(t("notify.form.delete"), key="notify_delete") and run_write(
                lambda: store.delete_channel(db, actor, current["id"])
            ):
                st.session_state.pop("notify_channel_pick", None)
                notify(t("notify.form.deleted", name=current["name"]), place=CHANNELS)
                st.rerun()
    with test_col:
        st.markdown(f"**{t('notify.test.button')}**")
        me = {**user_row(db, actor), "language": lang}
        for row in channels:
            if st.button(
                f"{t('notify.test.button')}: {row['name']}",
                key=f"notify_test_{row['id']}",
                icon=":material/send:",
            ):
                with st.spinner(t("notify.test.button")):
                    error = send_test(db, row, me)
                if error is None:
                    st.success(t("notify.test.sent", name=row["name"]))
                else:
                    st.error(t("notify.test.failed", name=row["name"], error=error))
    st.subheader(t("notify.deliveries.title"))
    deliveries_panel(db, lang, None)


def _schedule_text(row: dict) -> str:
    if row["frequency"] == "daily":
        return t("notify.my.schedule_daily", time=row["local_time"])
    return t(
        "notify.my.schedule_weekly",
        weekday=t(f"notify.weekday.{row['weekday']}"),
        time=row["local_time"],
    )


def time_zone_panel(db: Database, username: str, lang: str) -> None:
    """The account's time zone (none: the team's); a change is saved at once."""
    team_zone = rules.team_time_zone()
    mine = store.time_zone(db, username)
    zones = [None, *dict.fromkeys([*rules.COMMON_ZONES, *([mine] if mine else [])])]
    zone_choice = st.selectbox(
        t("notify.my.time_zone"),
        zones,
        index=zones.index(mine) if mine in zones else 0,
        format_func=lambda z: (
            t("notify.my.team_zone", zone=zone_label(team_zone, lang))
            if z is None
            else zone_label(z, lang)
        ),
        key="notify_my_zone",
    )
    if zone_choice != mine:
        submit(
            lambda: rules.set_time_zone(db, username, username, zone_choice),
            t("notify.my.zone_saved"),
        )


def subscriptions_panel(db: Database, username: str, lang: str) -> None:
    """The account's subscriptions (each removable) and the form that adds or changes one."""
    user = user_row(db, username)
    channels = [row for row in store.channels(db) if row["enabled"]]
    st.subheader(t("notify.my.subscriptions"))
    subscriptions = store.subscriptions(db, username)
    if not subscriptions:
        st.info(t("notify.my.none"))
    for row in subscriptions:
        with st.container(border=True, key=f"notify_sub_{row['id']}"):
            text_col, button_col = st.columns([4, 1])
            kinds = (
                t("notify.my.kinds_all")
                if row["alert_kinds"] is None
                else t("notify.my.kinds_some", count=len(row["alert_kinds"]))
            )
            text_col.markdown(
                f"**{row['channel_name']}** · {t('notify.kind.' + row['channel_kind'])} · "
                f"{_schedule_text(row)} · {kinds}"
            )
            if button_col.button(t("notify.my.remove"), key=f"notify_my_unsubscribe_{row['id']}"):
                submit(
                    lambda row=row: store.delete_subscription(db, username, row["id"]),
                    t("notify.my.removed"),
                )

    if not channels:
        st.info(t("notify.my.no_channels"))
    else:
        by_id = {row["id"]: row for row in channels}
        existing = {row["channel_id"]: row for row in subscriptions}
        st.markdown(f"**{t('notify.my.form')}**")
        channel_id = st.selectbox(
            t("notify.form.channel"),
            list(by_id),
            format_func=lambda cid: (
                f"{by_id[cid]['name']} · {t('notify.kind.' + by_id[cid]['kind'], lang)}"
            ),
            key="notify_my_channel",
        )
        if by_id[channel_id]["kind"] == "email" and not user["email"]:
            st.warning(t("notify.my.no_email"))
        old = existing.get(channel_id) or {}
        every = alert_kinds()
        with st.form(f"notify_my_form_{channel_id}"):
            frequency = st.radio(
                t("notify.my.frequency"),
                store.FREQUENCIES,
                index=store.FREQUENCIES.index(old.get("frequency", "weekly")),
                format_func=lambda code: t(f"notify.frequency.{code}", lang),
                horizontal=True,
                key="notify_my_frequency",
            )
            weekday = st.selectbox(
                t("notify.my.weekday"),
                range(7),
                index=old.get("weekday", 0),
                format_func=lambda day: t(f"notify.weekday.{day}", lang),
                key="notify_my_weekday",
            )
            local_time = st.text_input(
                t("notify.my.local_time"), old.get("local_time", "09:00"), key="notify_my_time"
            )
            kinds = st.multiselect(
                t("notify.my.kinds"),
                every,
                default=[k for k in (old.get("alert_kinds") or every) if k in every],
                format_func=lambda kind: kind_label(kind, lang),
                help=t("notify.my.kinds_help"),
                key="notify_my_kinds",
                placeholder=t("notify.my.kinds_none"),
            )
            reminders = st.checkbox(
                t("notify.my.reminders"), bool(old.get("reminders", 1)), key="notify_my_reminders"
            )
            when_empty = st.checkbox(
                t("notify.my.when_empty"),
                bool(old.get("send_when_empty", 0)),
                key="notify_my_when_empty",
            )
            if st.form_submit_button(t("notify.my.submit"), type="primary"):
                submit(
                    lambda: rules.save_subscription(
                        db,
                        username,
                        username,
                        {
                            "channel_id": channel_id,
                            "frequency": frequency,
                            "weekday": weekday,
                            "local_time": local_time,
                            "alert_kinds": None if set(kinds) >= set(every) else kinds,
                            "reminders": reminders,
                            "send_when_empty": when_empty,
                        },
                    ),
                    t("notify.my.saved"),
                )


def mutes_panel(db: Database, username: str, lang: str) -> None:
    """The alert kinds and reminders the account does not want."""
    st.subheader(t("notify.my.mutes"))
    muted = store.mutes(db, username).get(username, set())
    with st.form("notify_my_mutes_form"):
        chosen = st.multiselect(
            t("notify.my.mutes"),
            [*alert_kinds(), *rules.REMINDER_KINDS],
            default=sorted(k for k in muted if k in alert_kinds() or k in rules.REMINDER_KINDS),
            format_func=lambda kind: kind_label(kind, lang),
            help=t("notify.my.mutes_help"),
            key="notify_my_mutes",
            placeholder=t("notify.my.mutes_none"),
            label_visibility="collapsed",
        )
        if st.form_submit_button(t("notify.my.mutes_submit")):
            submit(
                lambda: store.set_mutes(db, username, username, set(chosen)),
                t("notify.my.mutes_saved"),
            )
