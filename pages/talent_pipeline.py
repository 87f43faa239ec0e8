import streamlit as st

from dashboard import auth, clock
from dashboard import pipeline_views as views
from dashboard.domain import pipeline as bench
from dashboard.dragdrop import card_id, drag_board, push_notice, static_board, take_notices
from dashboard.export import safe_csv
from dashboard.grids import data_grid, save_grid
from dashboard.i18n import current_language, label, t
from dashboard.i18n.formats import format_percent, localized
from dashboard.navigation import ensure_app_shell
from dashboard.scope import can_write_any, can_write_group, in_scope
from dashboard.session import clear_caches, page_db, run_write
from dashboard.tables import show_table
from db.pipeline import DROP_REASONS, OPEN_STAGES, READINESS
from db.schema import SOURCES, TIERS

ensure_app_shell()

BOARD = "pipeline_board"
APPOINTING = "pipeline_appointing"  # (candidacy id, membership replaced) awaiting confirmation
db, path = page_db()
lang = current_language()
today = clock.today()
actor = auth.actor()
writable = auth.writable_groups()  # None: every group; empty: a viewer

st.title(t("pipeline.title"))
st.caption(t("pipeline.caption"))
if auth.can_write():  # ratings are for leads and admins only
    st.page_link("pages/talent_review.py", label=t("review.link"), icon=":material/grid_view:")

candidacies = views.candidacies_frame(path)
by_candidacy = candidacies.set_index("id")  # option labels look rows up by id
coverage = views.coverage_frame(path)
roles = views.roles_frame(path)
groups = views.live_groups(path)
people = views.present_people(path)
role_name = {int(r["id"]): localized(r, "name", lang) for r in roles.to_dict("records")}
group_name = {g["id"]: g["name"] for g in groups}
person_name = {p["id"]: p["name"] for p in people}

# ---------------------------------------------------------------- filters
filter_roles, filter_tiers, filter_groups = st.columns(3)
role_ids = filter_roles.multiselect(
    t("pipeline.filter.roles"),
    list(role_name),
    format_func=role_name.get,
    key="pipeline_f_roles",
    placeholder=t("common.choose_many"),
)
tiers = filter_tiers.multiselect(
    t("pipeline.filter.tiers"),
    list(TIERS),
    format_func=lambda tier: label("tier", tier),
    key="pipeline_f_tiers",
    placeholder=t("common.choose_many"),
)
group_ids = filter_groups.multiselect(
    t("pipeline.filter.groups"),
    [g["id"] for g in groups if not tiers or g["tier"] in tiers],
    format_func=group_name.get,
    key="pipeline_f_groups",
    placeholder=t("common.choose_many"),
)
only_mine = bool(writable) and st.toggle(
    t("scope.only_mine"), value=True, key="pipeline_only_mine"
)  # a lead sees their own groups first; the rest, read-only, on request
if only_mine:
    group_ids = group_ids or sorted(writable)
shown = views.filter_frame(candidacies, role_ids, tiers, group_ids)
shown_coverage = views.filter_frame(coverage, role_ids, tiers, group_ids)
open_shown = shown[shown["stage"].isin(OPEN_STAGES)]
# what the user may change: only these are offered in the forms below
open_mine = open_shown[[can_write_group(writable, g) for g in open_shown["group_id"]]]
writer = can_write_any(writable)
board_editable = writable is None or (only_mine and len(open_mine) == len(open_shown))

positions, at_risk, ready_now, open_count = st.columns(4)
positions.metric(t("pipeline.metric.positions"), len(shown_coverage))
at_risk.metric(t("pipeline.metric.at_risk"), int(shown_coverage["at_risk"].sum()))
ready_now.metric(t("pipeline.metric.ready"), int(shown_coverage["ready"].sum()))
open_count.metric(t("pipeline.metric.open"), len(open_shown))


def candidacy_option(candidacy_id: int) -> str:
    row = by_candidacy.loc[candidacy_id]
    return t(
        "pipeline.candidacy.option",
        person=row["person_name"],
        role=role_name.get(int(row["role_id"]), ""),
        group=row["group_name"],
        stage=label("pipeline.stage", row["stage"]),
    )


for kind, text in take_notices(BOARD):  # what the last write did, kept across the rerun
    getattr(st, kind)(text)

board_tab, coverage_tab, channels_tab, roles_tab = st.tabs(
    [
        t("pipeline.tab.board"),
        t("pipeline.tab.coverage"),
        t("pipeline.tab.channels"),
        t("pipeline.tab.roles"),
    ]
)

# ---------------------------------------------------------------- board
with board_tab:
    st.caption(t("pipeline.board.help"))
    if shown.empty:
        st.info(t("pipeline.board.empty"))
    else:
        columns, headers = views.board_columns(shown, lang, today)
        if not board_editable:
            st.caption(
                t("scope.all_read_only") if can_write_any(writable) else t("scope.read_only_board")
            )
            static_board(columns, key=BOARD, headers=headers)
        moves = (
            drag_board(columns, key=BOARD, headers=headers, direction="vertical")
            if board_editable
            else []
        )
        if moves:
            outcomes = bench.apply_board_moves(
                db, actor, [(card_id(card), src, dst) for card, src, dst in moves], today
            )
            for kind, text in views.board_notices(outcomes, lang):
                push_notice(BOARD, kind, text)
            clear_caches()
            st.rerun()

    move_col, appoint_col = st.columns(2)
    with move_col, st.form("pipeline_move_form"):
        st.subheader(t("pipeline.move.title"))
        move_id = st.selectbox(
            t("pipeline.move.candidacy"),
            list(open_mine["id"]),
            format_func=candidacy_option,
            key="pipeline_move_candidacy",
            placeholder=t("pipeline.move.none"),
            disabled=not writer,
        )
        to_stage = st.selectbox(
            t("pipeline.move.to_stage"),
            list(views.BOARD_STAGES),
            format_func=lambda stage: label("pipeline.stage", stage),
            key="pipeline_move_to",
            disabled=not writer,
        )
        drop_reason = st.selectbox(
            t("pipeline.move.drop_reason"),
            [None, *DROP_REASONS],
            format_func=lambda r: t("common.none") if r is None else label("pipeline.drop", r),
            key="pipeline_move_reason",
            disabled=not writer,
        )
        if st.form_submit_button(
            t("pipeline.move.submit"), key="pipeline_move_submit", disabled=not writer
        ):
            done = run_write(
                lambda: (
                    bench.move_stage(
                        db, actor, int(move_id), to_stage, today, drop_reason=drop_reason
                    )
                    if move_id is not None
                    else None
                ),
            )
            if done and move_id is not None:
                push_notice(BOARD, "success", t("pipeline.move.saved"))
                st.rerun()

    with appoint_col:
        st.subheader(t("pipeline.appoint.title"))
        st.caption(t("pipeline.appoint.help"))
        ready = open_mine[open_mine["stage"] == "ready"]
        if ready.empty and (open_shown["stage"] == "ready").any():
            st.info(t("scope.nothing_yours"))
        elif ready.empty:
            st.info(t("pipeline.appoint.none"))
        else:
            appoint_id = st.selectbox(
                t("pipeline.appoint.candidate"),
                list(ready["id"]),
                format_func=candidacy_option,
                key="pipeline_appoint_candidacy",
                disabled=not writer,
            )
            chosen = ready.set_index("id").loc[appoint_id]
            holders = views.holders_of(path, int(chosen["role_id"]), int(chosen["group_id"]))
            holder_name = {h["id"]: h["person_name"] for h in holders}
            replace_id = st.selectbox(
                t("pipeline.appoint.replace"),
                [*holder_name, None],
                format_func=lambda m: (
                    t("pipeline.appoint.alongside") if m is None else holder_name[m]
                ),
                key=f"pipeline_appoint_replace_{appoint_id}",
                disabled=not writer,
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
                        role=role_name.get(int(chosen["role_id"]), ""),
                        group=chosen["group_name"],
                        holder=holder_name.get(membership_id) or t("common.none"),
                    )
                )
                confirm, cancel = st.columns(2)
                if confirm.button(
                    t("common.confirm"), key="pipeline_appoint_confirm", type="primary"
                ):
                    forget_appointment()
                    result = run_write(
                        lambda: bench.appoint(
                            db, actor, candidacy_id, today, replace_membership_id=membership_id
                        )
                    )
                    if result:
                        push_notice(
                            BOARD,
                            "success",
                            t("pipeline.appoint.done", person=chosen["person_name"]),
                        )
                        if result["handover_id"]:
                            push_notice(
                                BOARD,
                                "info",
                                t("pipeline.appoint.handover", handover=result["handover_id"]),
                            )
                        st.rerun()
                if cancel.button(t("common.cancel"), key="pipeline_appoint_cancel"):
                    forget_appointment()
                    st.rerun()

            if st.button(
                t("pipeline.appoint.button"), key="pipeline_appoint_open", disabled=not writer
            ):
                st.session_state[APPOINTING] = (int(appoint_id), replace_id)
            if st.session_state.get(APPOINTING, (None,))[0] == int(appoint_id):
                confirm_appointment(*st.session_state[APPOINTING])

    with st.expander(t("pipeline.add.title")), st.form("pipeline_add_form"):
        add_groups = in_scope(group_name, writable)
        add_person, add_role, add_group = st.columns(3)
        new_person = add_person.selectbox(
            t("pipeline.add.person"), list(person_name), format_func=person_name.get,
            index=None, key="pipeline_add_person", placeholder=t("common.choose"),
        )  # fmt: skip
        new_role = add_role.selectbox(
            t("pipeline.add.role"), list(role_name), format_func=role_name.get,
            index=None, key="pipeline_add_role", placeholder=t("common.choose"),
        )  # fmt: skip
        new_group = add_group.selectbox(
            t("pipeline.add.group"), add_groups, format_func=group_name.get,
            index=None, key="pipeline_add_group", placeholder=t("common.choose"),
        )  # fmt: skip
        add_source, add_referrer, add_readiness, add_stage = st.columns(4)
        new_source = add_source.selectbox(
            t("pipeline.add.source"), list(SOURCES), format_func=lambda s: label("source", s),
            key="pipeline_add_source",
        )  # fmt: skip
        new_referrer = add_referrer.selectbox(
            t("pipeline.add.referrer"), list(person_name), format_func=person_name.get,
            index=None, key="pipeline_add_referrer", placeholder=t("common.choose"),
        )  # fmt: skip
        new_readiness = add_readiness.selectbox(
            t("pipeline.add.readiness"), list(READINESS), index=len(READINESS) - 1,
            format_func=lambda r: label("pipeline.readiness", r), key="pipeline_add_readiness",
        )  # fmt: skip
        new_stage = add_stage.selectbox(
            t("pipeline.add.stage"), list(bench.START_STAGES),
            format_func=lambda s: label("pipeline.stage", s), key="pipeline_add_stage",
        )  # fmt: skip
        new_note = st.text_input(t("pipeline.add.note"), key="pipeline_add_note")
        new_emergency = st.checkbox(t("pipeline.add.emergency"), key="pipeline_add_emergency")
        if st.form_submit_button(
            t("pipeline.add.submit"), key="pipeline_add_submit", disabled=not writer
        ):
            done = run_write(
                lambda: bench.add_candidacy(
                    db,
                    actor,
                    person_id=new_person,
                    role_id=new_role,
                    group_id=new_group,
                    source=new_source,
                    referred_by=new_referrer,
                    readiness=new_readiness,
                    note=new_note,
                    emergency=new_emergency,
                    stage=new_stage,
                    today=today,
                )  # fmt: skip
            )
            if done:
                push_notice(BOARD, "success", t("pipeline.add.saved"))
                st.rerun()

    with st.expander(t("pipeline.details.title")):
        detail_id = st.selectbox(
            t("pipeline.move.candidacy"), list(open_shown["id"]), format_func=candidacy_option,
            index=None, key="pipeline_details_candidacy", placeholder=t("common.choose"),
        )  # fmt: skip
        if detail_id is not None:
            row = by_candidacy.loc[detail_id]
            with st.form(f"pipeline_details_form_{detail_id}"):
                readiness = st.selectbox(
                    t("pipeline.add.readiness"), list(READINESS),
                    index=list(READINESS).index(row["readiness"]),
                    format_func=lambda r: label("pipeline.readiness", r),
                    key=f"pipeline_details_readiness_{detail_id}",
                )  # fmt: skip
                note = st.text_input(
                    t("pipeline.add.note"), value=row["note"],
                    key=f"pipeline_details_note_{detail_id}",
                )  # fmt: skip
                emergency = st.checkbox(
                    t("pipeline.add.emergency"), value=bool(row["emergency"]),
                    key=f"pipeline_details_emergency_{detail_id}",
                )  # fmt: skip
                if st.form_submit_button(
                    t("pipeline.details.submit"),
                    disabled=not can_write_group(writable, row["group_id"]),
                ):
                    done = run_write(
                        lambda: bench.update_details(
                            db,
                            actor,
                            int(detail_id),
                            readiness=readiness,
                            source=row["source"],
                            referred_by=views.optional_id(row["referred_by"]),
                            note=note,
                            emergency=emergency,
                            today=today,
                            expected_version=int(row["version"]),
                        )  # fmt: skip
                    )
                    if done:
                        push_notice(BOARD, "success", t("common.saved"))
                        st.rerun()
            st.caption(t("pipeline.history.title"))
            history = views.history_frame(path, int(detail_id))
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

# ---------------------------------------------------------------- coverage
with coverage_tab:
    st.caption(t("pipeline.coverage.help"))
    if shown_coverage.empty:
        st.info(t("pipeline.coverage.empty"))
    else:
        st.altair_chart(views.coverage_chart(shown_coverage, lang), width="stretch")
        only_risk = st.toggle(t("pipeline.coverage.only_at_risk"), key="pipeline_only_risk")
        listed = shown_coverage[shown_coverage["at_risk"]] if only_risk else shown_coverage
        table = views.coverage_table(listed, lang)
        show_table(table, hide_index=True, key="pipeline_coverage")
        st.download_button(
            t("common.download_csv"), safe_csv(table), file_name="bench_coverage.csv",
            mime="text/csv", key="pipeline_coverage_csv",
        )  # fmt: skip

    # act on it from here: put an observer on a position at risk
    at_risk_shown = shown_coverage[shown_coverage["at_risk"]].to_dict("records")
    risky = [p for p in at_risk_shown if can_write_group(writable, p["group_id"])]
    with st.expander(t("pipeline.coverage.act_title"), expanded=bool(risky)):
        if not risky:
            st.info(t("scope.nothing_yours" if at_risk_shown else "pipeline.coverage.act_none"))
        else:
            with st.form("pipeline_act_form"):
                position = st.selectbox(
                    t("pipeline.coverage.position"), range(len(risky)),
                    format_func=lambda i: t(
                        "pipeline.coverage.position_option",
                        role=views.role_label(risky[i], lang), group=risky[i]["group_name"],
                        status=label("pipeline.status", risky[i]["status"]),
                    ),
                    key="pipeline_act_position",
                )  # fmt: skip
                act_person, act_source = st.columns(2)
                observer = act_person.selectbox(
                    t("pipeline.add.person"), list(person_name), format_func=person_name.get,
                    index=None, key="pipeline_act_person", placeholder=t("common.choose"),
                )  # fmt: skip
                source = act_source.selectbox(
                    t("pipeline.add.source"), list(SOURCES),
                    format_func=lambda s: label("source", s), key="pipeline_act_source",
                )  # fmt: skip
                referrer = st.selectbox(
                    t("pipeline.add.referrer"), list(person_name), format_func=person_name.get,
                    index=None, key="pipeline_act_referrer", placeholder=t("common.choose"),
                )  # fmt: skip
                if st.form_submit_button(
                    t("pipeline.coverage.act_submit"),
                    key="pipeline_act_submit",
                    disabled=not writer,
                ):
                    chosen_position = risky[position]
                    done = run_write(
                        lambda: bench.add_candidacy(
                            db,
                            actor,
                            person_id=observer,
                            role_id=int(chosen_position["role_id"]),
                            group_id=int(chosen_position["group_id"]),
                            source=source,
                            referred_by=referrer,
                            readiness="12m",
                            stage="observer",
                            today=today,
                        )  # fmt: skip
                    )
                    if done:
                        push_notice(BOARD, "success", t("pipeline.add.saved"))
                        st.rerun()

# ---------------------------------------------------------------- channels
with channels_tab:
    st.caption(t("pipeline.channels.help"))
    channels = views.channels_frame(path)
    if int(channels["talents"].sum()) == 0:
        st.info(t("pipeline.channels.empty"))
    else:
        st.altair_chart(views.channels_chart(channels, lang), width="stretch")
        show_table(
            {
                t("pipeline.col.source"): [label("source", s) for s in channels["source"]],
                t("pipeline.col.talents"): channels["talents"],
                t("pipeline.col.appointed"): channels["appointed"],
                t("pipeline.col.conversion"): [
                    format_percent(c, lang) for c in channels["conversion"]
                ],
            },
            hide_index=True,
        )

# ---------------------------------------------------------------- role catalogue
with roles_tab:
    st.caption(t("pipeline.roles.help"))
    editor_key = f"pipeline_roles_editor_{st.session_state.setdefault('pipeline_roles_rev', 0)}"
    # in a form, the grid's edits travel with the save click (no lost last edit)
    with st.form("pipeline_roles_form", border=False):
        data_grid(
            "pipeline_roles",
            views.role_catalogue(roles),
            editor_key,
            "id",
            num_rows="add" if writable is None else "fixed",
            disabled=writable is not None,  # the catalogue is team-wide
            # the Chinese UI edits the Chinese names (English ones in the English UI)
            column_order=[c for c in roles.columns if c != "id" and (lang != "zh" or c != "name")],
            column_config={
                "code": st.column_config.TextColumn(t("pipeline.col.code")),
                "name": st.column_config.TextColumn(t("pipeline.col.name")),
                "name_zh": st.column_config.TextColumn(t("pipeline.col.name_zh")),
                "tier": st.column_config.SelectboxColumn(
                    t("pipeline.col.tier"),
                    options=list(TIERS),
                    format_func=lambda tier: label("tier", tier, lang),
                ),
                "is_key": st.column_config.CheckboxColumn(t("pipeline.col.is_key")),
                "description": st.column_config.TextColumn(t("pipeline.col.description")),
            },
        )
        save_roles = st.form_submit_button(
            t("pipeline.roles.save"), key="pipeline_roles_save", disabled=writable is not None
        )
    if save_roles:
        count = save_grid(
            "pipeline_roles",
            db,
            lambda fresh: views.role_catalogue(views.roles_table(fresh)),
            lambda changes: bench.apply_role_grid(db, actor, changes),
        )
        if count:
            st.session_state["pipeline_roles_rev"] += 1  # a fresh grid on the saved rows
            push_notice(BOARD, "success", t("pipeline.roles.saved", count=count))
            st.rerun()
