"""The board tab of the talent bench page: the drag board by stage, the move and appoint
forms, adding a candidacy and one candidacy's details.

Each panel takes the page's ``BenchContext`` (``dashboard.pipeline_panels``); every write's
message is kept for ``NOTICES``, which the page shows above its tabs.
"""

import streamlit as st

from dashboard import pipeline_views as views
from dashboard.domain import pipeline as bench
from dashboard.dragdrop import card_id, drag_board, static_board
from dashboard.i18n import label, t
from dashboard.pipeline_panels import NOTICES, BenchContext, person_select, source_select
from dashboard.scope import can_write_group, in_scope
from dashboard.session import invalidating, notify, run_write, submit
from dashboard.tables import show_table
from db.pipeline import DROP_REASONS, READINESS

BOARD = "pipeline_board"  # the drag board's key
APPOINTING = "pipeline_appointing"  # (candidacy id, membership replaced) awaiting confirmation
ADDING = "pipeline_adding"  # whether the add form's expander is open


def board_panel(ctx: BenchContext) -> None:
    """The board by stage: drag a card to move it (or read it, for whoever may not)."""
    st.caption(t("pipeline.board.help"))
    if ctx.shown.empty:
        st.info(t("pipeline.board.empty"))
        return
    columns, headers = views.board_columns(ctx.shown, ctx.lang, ctx.today)
    if not ctx.board_editable:
        st.caption(t("scope.all_read_only") if ctx.writer else t("scope.read_only_board"))
        static_board(columns, key=BOARD, headers=headers)
        return
    moves = drag_board(columns, key=BOARD, headers=headers, direction="vertical")
    if moves:
        with invalidating(ctx.db):
            outcomes = bench.apply_board_moves(
                ctx.db,
                ctx.actor,
                [(card_id(card), src, dst) for card, src, dst in moves],
                ctx.today,
            )
        for kind, text in views.board_notices(outcomes, ctx.lang):
            notify(text, kind, place=NOTICES)
        st.rerun()


def move_and_appoint(ctx: BenchContext) -> None:
    """Side by side: move a candidacy to a stage, and appoint a ready one."""
    move_col, appoint_col = st.columns(2)
    with move_col:
        move_form(ctx)
    with appoint_col:
        appoint_panel(ctx)


def move_form(ctx: BenchContext) -> None:
    """Move one of the user's open candidacies to another stage (dropping needs a reason)."""
    with st.form("pipeline_move_form"):
        st.subheader(t("pipeline.move.title"))
        move_id = st.selectbox(
            t("pipeline.move.candidacy"),
            list(ctx.open_mine["id"]),
            format_func=ctx.candidacy_option,
            key="pipeline_move_candidacy",
            placeholder=t("pipeline.move.none"),
            disabled=not ctx.writer,
        )
        to_stage = st.selectbox(
            t("pipeline.move.to_stage"),
            list(views.BOARD_STAGES),
            format_func=lambda stage: label("pipeline.stage", stage),
            key="pipeline_move_to",
            disabled=not ctx.writer,
        )
        drop_reason = st.selectbox(
            t("pipeline.move.drop_reason"),
            [None, *DROP_REASONS],
            format_func=lambda r: t("common.none") if r is None else label("pipeline.drop", r),
            key="pipeline_move_reason",
            disabled=not ctx.writer,
        )
        moving = st.form_submit_button(
            t("pipeline.move.submit"), key="pipeline_move_submit", disabled=not ctx.writer
        )
        if moving and move_id is not None:
            submit(
                lambda: bench.move_stage(
                    ctx.db, ctx.actor, int(move_id), to_stage, ctx.today, drop_reason=drop_reason
                ),
                t("pipeline.move.saved"),
                place=NOTICES,
            )


def appoint_panel(ctx: BenchContext) -> None:
    """Appoint a ready candidate, alongside or in place of a holder, after a confirmation."""
    st.subheader(t("pipeline.appoint.title"))
    st.caption(t("pipeline.appoint.help"))
    ready = ctx.open_mine[ctx.open_mine["stage"] == "ready"]
    if ready.empty and (ctx.open_shown["stage"] == "ready").any():
        st.info(t("scope.nothing_yours"))
        return
    if ready.empty:
        st.info(t("pipeline.appoint.none"))
        return
    appoint_id = st.selectbox(
        t("pipeline.appoint.candidate"),
        list(ready["id"]),
        format_func=ctx.candidacy_option,
        key="pipeline_appoint_candidacy",
        disabled=not ctx.writer,
    )
    chosen = ready.set_index("id").loc[appoint_id]
    holders = views.holders_of(ctx.path, int(chosen["role_id"]), int(chosen["group_id"]))
    holder_name = {h["id"]: h["person_name"] for h in holders}
    replace_id = st.selectbox(
        t("pipeline.appoint.replace"),
        [*holder_name, None],
        format_func=lambda m: t("pipeline.appoint.alongside") if m is None else holder_name[m],
        key=f"pipeline_appoint_replace_{appoint_id}",
        disabled=not ctx.writer,
    )

    def forget_appointment() -> None:
        st.session_state.pop(APPOINTING, None)

    # the dialog stays open across reruns while APPOINTING names this appointment
    @st.dialog(t("pipeline.appoint.confirm_title"), on_dismiss=forget_appointment)
    def confirm_appointment(candidacy_id: int, membership_id: int | None) -> None:
        st.markdown(
            t(
                "pipeline.appoint.confirm_text",
                person=chosen["person_name"],
                role=ctx.role_name.get(int(chosen["role_id"]), ""),
                group=chosen["group_name"],
                holder=holder_name.get(membership_id) or t("common.none"),
            )
        )
        confirm, cancel = st.columns(2)
        if confirm.button(t("common.confirm"), key="pipeline_appoint_confirm", type="primary"):
            forget_appointment()
            result = run_write(
                lambda: bench.appoint(
                    ctx.db, ctx.actor, candidacy_id, ctx.today, replace_membership_id=membership_id
                )
            )
            if result:
                notify(t("pipeline.appoint.done", person=chosen["person_name"]), place=NOTICES)
                if result["handover_id"]:
                    notify(
                        t("pipeline.appoint.handover", handover=result["handover_id"]),
                        "info",
                        place=NOTICES,
                    )
                st.rerun()
        if cancel.button(t("common.cancel"), key="pipeline_appoint_cancel"):
            forget_appointment()
            st.rerun()

    if st.button(
        t("pipeline.appoint.button"), key="pipeline_appoint_open", disabled=not ctx.writer
    ):
        st.session_state[APPOINTING] = (int(appoint_id), replace_id)
    if st.session_state.get(APPOINTING, (None,))[0] == int(appoint_id):
        confirm_appointment(*st.session_state[APPOINTING])


def add_form(ctx: BenchContext) -> None:
    """Put someone on the bench for a role in one of the user's groups. The form (two
    pickers of every person: ~1 s of the browser's time on the large community) is built
    only while its expander is open."""
    adding = st.expander(t("pipeline.add.title"), key=ADDING, on_change="rerun")
    if not adding.open:
        return
    with adding, st.form("pipeline_add_form"):
        add_groups = in_scope(ctx.group_name, ctx.writable)
        add_person, add_role, add_group = st.columns(3)
        new_person = person_select(add_person, ctx, "pipeline.add.person", "pipeline_add_person")
        new_role = add_role.selectbox(
            t("pipeline.add.role"),
            list(ctx.role_name),
            format_func=ctx.role_name.get,
            index=None,
            key="pipeline_add_role",
            placeholder=t("common.choose"),
        )
        new_group = add_group.selectbox(
            t("pipeline.add.group"),
            add_groups,
            format_func=ctx.group_name.get,
            index=None,
            key="pipeline_add_group",
            placeholder=t("common.choose"),
        )
        add_source, add_referrer, add_readiness, add_stage = st.columns(4)
        new_source = source_select(add_source, "pipeline_add_source")
        new_referrer = person_select(
            add_referrer, ctx, "pipeline.add.referrer", "pipeline_add_referrer"
        )
        new_readiness = add_readiness.selectbox(
            t("pipeline.add.readiness"),
            list(READINESS),
            index=len(READINESS) - 1,
            format_func=lambda r: label("pipeline.readiness", r),
            key="pipeline_add_readiness",
        )
        new_stage = add_stage.selectbox(
            t("pipeline.add.stage"),
            list(bench.START_STAGES),
            format_func=lambda s: label("pipeline.stage", s),
            key="pipeline_add_stage",
        )
        new_note = st.text_input(t("pipeline.add.note"), key="pipeline_add_note")
        new_emergency = st.checkbox(t("pipeline.add.emergency"), key="pipeline_add_emergency")
        if st.form_submit_button(
            t("pipeline.add.submit"), key="pipeline_add_submit", disabled=not ctx.writer
        ):
            submit(
                lambda: bench.add_candidacy(
                    ctx.db,
                    ctx.actor,
                    person_id=new_person,
                    role_id=new_role,
                    group_id=new_group,
                    source=new_source,
                    referred_by=new_referrer,
                    readiness=new_readiness,
                    note=new_note,
                    emergency=new_emergency,
                    stage=new_stage,
                    today=ctx.today,
                ),
                t("pipeline.add.saved"),
                place=NOTICES,
            )


def details_panel(ctx: BenchContext) -> None:
    """One candidacy's readiness, note and emergency mark, and its stage history."""
    with st.expander(t("pipeline.details.title")):
        detail_id = st.selectbox(
            t("pipeline.move.candidacy"),
            list(ctx.open_shown["id"]),
            format_func=ctx.candidacy_option,
            index=None,
            key="pipeline_details_candidacy",
            placeholder=t("common.choose"),
        )
        if detail_id is None:
            return
        row = ctx.by_candidacy.loc[detail_id]
        with st.form(f"pipeline_details_form_{detail_id}"):
            readiness = st.selectbox(
                t("pipeline.add.readiness"),
                list(READINESS),
                index=list(READINESS).index(row["readiness"]),
                format_func=lambda r: label("pipeline.readiness", r),
                key=f"pipeline_details_readiness_{detail_id}",
            )
            note = st.text_input(
                t("pipeline.add.note"), value=row["note"], key=f"pipeline_details_note_{detail_id}"
            )
            emergency = st.checkbox(
                t("pipeline.add.emergency"),
                value=bool(row["emergency"]),
                key=f"pipeline_details_emergency_{detail_id}",
            )
            if st.form_submit_button(
                t("pipeline.details.submit"),
                disabled=not can_write_group(ctx.writable, row["group_id"]),
            ):
                submit(
                    lambda: bench.update_details(
                        ctx.db,
                        ctx.actor,
                        int(detail_id),
                        readiness=readiness,
                        source=row["source"],
                        referred_by=views.optional_id(row["referred_by"]),
                        note=note,
                        emergency=emergency,
                        today=ctx.today,
                        expected_version=int(row["version"]),
                    ),
                    t("common.saved"),
                    place=NOTICES,
                )
        st.caption(t("pipeline.history.title"))
        history = views.history_frame(ctx.path, int(detail_id))
        show_table(
            {
                t("common.date"): history["changed_on"],
                t("common.from"): [
                    label("pipeline.stage", s) if s else "" for s in history["from_stage"]
                ],
                t("common.to"): [label("pipeline.stage", s) for s in history["to_stage"]],
                t("pipeline.history.by"): history["username"],
            },
            hide_index=True,
        )
