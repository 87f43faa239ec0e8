"""Panels of the handover manuals page's Handovers tab: starting a handover, the open
handovers with their checklists (ticked by the successor, acknowledged by them or by an
admin on their behalf, cancelled after a confirmation) and the closed ones."""

from datetime import date

import streamlit as st

from dashboard import auth
from dashboard import manual_views as views
from dashboard.domain import manuals as rules
from dashboard.i18n import t
from dashboard.i18n.formats import localized
from dashboard.manual_panels import ManualsContext
from dashboard.session import run_write
from dashboard.tables import show_table
from db.access import is_successor

CANCELLING = "manual_cancelling"  # the handover whose cancellation awaits confirmation
# session-state key prefix: per handover, the items its checklist showed ticked when last
# drawn, so a save applies only what the user changed since (not what others did meanwhile)
SHOWN_TICKED = "manual_ho_shown_"


def start_form(ctx: ManualsContext, roles: dict[int, dict], expanded: bool) -> None:
    """Start a handover of a key role in one of the user's groups, from its holder (or
    nobody) to a successor among the group's members."""
    groups = [
        g for g in views.live_groups(ctx.path) if ctx.writable is None or g["id"] in ctx.writable
    ]
    with st.expander(t("manual.handover.start"), expanded=expanded):
        if not groups:
            st.info(t("manual.handover.no_groups"))
            return
        group_names = {g["id"]: g["name"] for g in groups}
        pick_group, pick_role = st.columns(2)
        group_id = pick_group.selectbox(
            t("manual.handover.group"),
            options=list(group_names),
            format_func=group_names.get,
            key="manual_ho_group",
        )
        role_id = pick_role.selectbox(
            t("manual.handover.role"),
            options=[rid for rid, role in roles.items() if role["is_key"]],
            format_func=lambda rid: views.role_label(roles[rid], ctx.lang),
            key="manual_ho_role",
        )
        role = roles[role_id]
        members = views.group_members(ctx.path, group_id)
        holders = [m["person_id"] for m in members if m["role_id"] == role_id]
        people = {m["person_id"]: m["person_name"] for m in members}
        if not role["version"]:
            st.warning(t("manual.handover.no_manual", role=views.role_label(role, ctx.lang)))
        with st.form("manual_handover_form"):
            from_id = st.selectbox(
                t("manual.handover.from"),
                options=[*holders, *[p for p in people if p not in holders], None],
                format_func=lambda pid: (
                    t("manual.handover.nobody", ctx.lang) if pid is None else people[pid]
                ),
                key="manual_ho_from",
            )
            to_id = st.selectbox(
                t("manual.handover.to"),
                options=[p for p in people if p not in holders] or list(people),
                format_func=people.get,
                key="manual_ho_to",
            )
            start = st.form_submit_button(
                t("manual.handover.submit"),
                type="primary",
                key="manual_ho_submit",
                disabled=not role["version"] or not people,
            )
        if start and run_write(
            lambda: rules.start_handover(
                ctx.db,
                ctx.actor,
                role_id=role_id,
                group_id=group_id,
                from_person_id=from_id,
                to_person_id=to_id,
                today=ctx.day,
            ),
            success=t("manual.handover.started"),
        ):
            st.rerun()


def handover_metrics(open_rows: list[dict], closed_rows: list[dict], day: date) -> None:
    """How many handovers are open, overdue and acknowledged."""
    waiting, overdue, acknowledged = st.columns(3)
    waiting.metric(t("manual.metric.open"), len(open_rows))
    overdue.metric(
        t("manual.metric.overdue"),
        sum(1 for h in open_rows if h["started_on"] < rules.overdue_since(day).isoformat()),
    )
    acknowledged.metric(
        t("manual.metric.acknowledged"), sum(1 for h in closed_rows if h["acknowledged_on"])
    )


def stop_cancelling() -> None:
    st.session_state.pop(CANCELLING, None)


def confirm_cancel(ctx: ManualsContext, handover: dict, role_name: str) -> None:
    """The dialog that cancels a handover once confirmed (open while ``CANCELLING`` names it)."""

    @st.dialog(t("manual.handover.cancel"), on_dismiss=stop_cancelling)
    def dialog() -> None:
        st.write(
            t(
                "manual.handover.cancel_confirm",
                role=role_name,
                group=handover["group_name"],
                to_name=handover["to_name"],
            )
        )
        yes, no = st.columns(2)
        if yes.button(t("common.confirm"), type="primary", key="manual_ho_cancel_yes"):
            stop_cancelling()
            if run_write(
                lambda: rules.cancel_handover(ctx.db, ctx.actor, handover["id"], ctx.day),
                success=t("manual.handover.cancelled"),
            ):
                st.rerun()
        if no.button(t("common.cancel"), key="manual_ho_cancel_no"):
            stop_cancelling()
            st.rerun()

    dialog()


def open_handover(ctx: ManualsContext, handover: dict) -> None:
    """One open handover: its progress and flags, the checklist to tick and acknowledge,
    the manual it is pinned to, and (in the user's groups) a cancel button."""
    hid = handover["id"]
    role_name = localized(handover, "role_name", ctx.lang)
    total, done = handover["item_count"], handover["done_count"]
    with st.container(border=True, key=f"manual_ho_box_{hid}"):
        st.markdown(
            "**"
            + rules.inert_markdown(
                t(
                    "manual.handover.headline",
                    role=role_name,
                    group=handover["group_name"],
                    from_name=handover["from_name"] or t("manual.handover.nobody"),
                    to_name=handover["to_name"],
                )
            )
            + "**"
        )
        st.progress(
            done / total if total else 1.0,
            text=t(
                "manual.handover.progress",
                done=done,
                total=total,
                started=handover["started_on"],
                version=handover["manual_version"],
            ),
        )
        days_open = (ctx.day - date.fromisoformat(handover["started_on"])).days
        if handover["flag"]:
            st.error(t(f"manual.handover.flag.{handover['flag']}"), icon=":material/flag:")
        elif days_open > rules.HANDOVER_OVERDUE_DAYS:
            st.warning(t("manual.handover.overdue", days=days_open), icon=":material/schedule:")
        editable = ctx.writable is None or handover["group_id"] in ctx.writable
        checklist_form(ctx, handover, editable)
        pinned = views.pinned_manual(ctx.path, handover["manual_version_id"])
        with st.expander(t("manual.handover.view_manual")):
            views.show_manual(pinned["body_md"])
        if editable and st.button(
            t("manual.handover.cancel"), key=f"manual_ho_cancel_{hid}", type="tertiary"
        ):
            st.session_state[CANCELLING] = hid
        if st.session_state.get(CANCELLING) == hid:
            confirm_cancel(ctx, handover, role_name)


def checklist_form(ctx: ManualsContext, handover: dict, editable: bool) -> None:
    """The checklist: ticked and saved by the successor or in the user's groups,
    acknowledged by the successor (or an admin on their behalf)."""
    hid = handover["id"]
    checklist = views.handover_items(ctx.path, hid)
    successor = is_successor(ctx.db, ctx.actor, handover["to_person"])
    # the successor acknowledges; an admin may do it on their behalf
    can_acknowledge = successor or auth.is_admin()
    if not can_acknowledge:
        st.caption(t("manual.handover.successor_only", name=handover["to_name"]))
    shown_key = SHOWN_TICKED + str(hid)
    # the boxes as drawn last run (a box keeps its own state across runs, so what it shows
    # may differ from the database); on the first draw they show the database
    shown = st.session_state.get(
        shown_key, {item["id"] for item in checklist if item["done_on"] is not None}
    )
    with st.form(f"manual_ho_items_form_{hid}"):
        if not checklist:
            st.caption(t("manual.handover.no_items"))
        ticked = {
            item["id"]
            for item in checklist
            if st.checkbox(
                rules.inert_markdown(item["text"]),
                value=item["done_on"] is not None,
                key=f"manual_ho_item_{item['id']}",
                disabled=not (editable or successor),
            )
        }
        save_col, ack_col = st.columns(2)
        save = save_col.form_submit_button(
            t("manual.handover.save_items"),
            key=f"manual_ho_save_{hid}",
            disabled=not (editable or successor),
        )
        acknowledge = ack_col.form_submit_button(
            t("manual.handover.acknowledge")
            if successor or not can_acknowledge
            else t("manual.handover.acknowledge_on_behalf", name=handover["to_name"]),
            type="primary",
            key=f"manual_ho_ack_{hid}",
            disabled=not can_acknowledge,
        )
    if not (save or acknowledge):  # a failed write keeps what was shown before the changes
        st.session_state[shown_key] = ticked
    if save and run_write(
        lambda: rules.save_checklist(ctx.db, ctx.actor, hid, ticked, ctx.day, shown_done=shown),
        success=t("manual.handover.items_saved"),
    ):
        redraw_checklist(hid, checklist)
        st.rerun()
    if acknowledge and run_write(
        lambda: rules.acknowledge_handover(
            ctx.db, ctx.actor, hid, ctx.day, done_ids=ticked, shown_done=shown
        ),
        success=t("manual.handover.acknowledged"),
    ):
        redraw_checklist(hid, checklist)
        st.rerun()


def redraw_checklist(handover_id: int, checklist: list[dict]) -> None:
    """After a save, draw the checklist afresh from the database (with what other sessions
    ticked meanwhile) instead of from the boxes' own state."""
    st.session_state.pop(SHOWN_TICKED + str(handover_id), None)
    for item in checklist:
        st.session_state.pop(f"manual_ho_item_{item['id']}", None)


def closed_handovers(closed_rows: list[dict], lang: str) -> None:
    """Acknowledged and cancelled handovers as a table."""
    st.subheader(t("manual.handover.closed"))
    if closed_rows:
        show_table(views.handover_frame(closed_rows, lang), hide_index=True)
    else:
        st.caption(t("common.empty"))


def handovers_panel(ctx: ManualsContext, roles: dict[int, dict]) -> None:
    """The Handovers tab: the start form (open when nothing is open), the open handovers
    with their figures, then the closed ones."""
    every_handover = views.handovers(ctx.path)
    open_rows = [h for h in every_handover if not h["acknowledged_on"] and not h["cancelled_on"]]
    closed_rows = [h for h in every_handover if h["acknowledged_on"] or h["cancelled_on"]]
    if auth.can_write():
        start_form(ctx, roles, expanded=not open_rows)
    st.subheader(t("manual.handover.open"))
    handover_metrics(open_rows, closed_rows, ctx.day)
    if not open_rows:
        st.info(t("manual.handover.none_open"))
    for row in open_rows:
        open_handover(ctx, row)
    closed_handovers(closed_rows, ctx.lang)
