import pandas as pd
import streamlit as st

from dashboard import auth, clock, onboarding_views
from dashboard.coaching_views import (
    coach_load_chart,
    coaches_frame,
    coaching_history,
    newcomers_frame,
    page_alerts,
    reasons_text,
    retro_timeline_chart,
    retrospectives_frame,
    suggestions,
)
from dashboard.domain import coaching as rules
from dashboard.i18n import current_language, t
from dashboard.navigation import ensure_app_shell
from dashboard.scope import can_write_group, in_scope_first
from dashboard.session import page_db, run_write
from dashboard.tables import show_table
from db.access import writable_people

ensure_app_shell()

db, path = page_db()
lang = current_language()
today = clock.today()
writer = auth.can_write()
mine = writable_people(db, auth.actor()) if writer else set()  # None: everyone
FLASH, PLAN, ENDING = "coaching_flash", "coaching_plan", "coaching_ending"


def done(message: str) -> None:
    """Remember the success message and rerun, so every panel shows the new state."""
    st.session_state[FLASH] = message
    st.rerun()


st.title(t("coaching.title"))
st.caption(t("coaching.caption"))
if FLASH in st.session_state:
    st.success(st.session_state.pop(FLASH))
if not writer:
    st.info(t("coaching.read_only"))

newcomers = newcomers_frame(path, today.isoformat())
coaches = coaches_frame(path)
names = dict(zip(newcomers["id"], newcomers["name"], strict=True))
newcomer_ids = in_scope_first(list(newcomers["id"]), mine, int)  # a lead's own newcomers first
coach_names = dict(zip(coaches["id"], coaches["name"], strict=True))

# ---------------------------------------------------------------- alerts
with st.expander(t("coaching.alerts.settings")):
    left, right = st.columns(2)
    unassigned_days = left.number_input(
        t("coaching.alerts.unassigned_days"), min_value=0, max_value=365,
        value=rules.DEFAULT_UNASSIGNED_DAYS, step=1, key="coaching_unassigned_days",
    )  # fmt: skip
    retro_days = right.number_input(
        t("coaching.alerts.retro_days"), min_value=0, max_value=365,
        value=rules.DEFAULT_RETRO_DAYS, step=1, key="coaching_retro_days",
    )  # fmt: skip
alerts = page_alerts(path, today.isoformat(), int(unassigned_days), int(retro_days))
st.subheader(t("coaching.alerts.title"))
if not alerts:
    st.success(t("coaching.alerts.none"))
else:
    # one compact block, the urgent ones first (st.error is kept for failed actions)
    ranked_alerts = sorted(alerts, key=lambda a: rules.SEVERITY_ORDER[a.severity])
    st.warning(
        "\n".join(
            f"- {':material/error:' if a.severity == 'high' else ':material/schedule:'} "
            f"{t(a.key, **a.params)}"
            for a in ranked_alerts
        )
    )

free_places = int((coaches["max_mentees"] - coaches["load"]).clip(lower=0).sum())
metrics = st.columns(3)
metrics[0].metric(t("coaching.metric.newcomers"), len(newcomers))
metrics[1].metric(t("coaching.metric.without_coach"), int(newcomers["coach_id"].isna().sum()))
metrics[2].metric(t("coaching.metric.free_places"), free_places)

tab_newcomers, tab_coaches, tab_retros, tab_onboarding = st.tabs(
    [
        t("coaching.tab.newcomers"),
        t("coaching.tab.coaches"),
        t("coaching.tab.retros"),
        t("coaching.tab.onboarding"),
    ]
)

# ---------------------------------------------------------------- newcomers
with tab_newcomers:
    if newcomers.empty:
        st.info(t("coaching.newcomers.empty"))
    else:
        shown = newcomers.assign(
            coach=newcomers["coach_name"].fillna(t("coaching.no_coach")),
            last_retro=newcomers["last_retro_on"].fillna(t("coaching.never")),
        )
        show_table(
            shown[
                ["name", "joined_on", "days", "coach", "last_retro", "retro_count", "group_names"]
            ],
            hide_index=True,
            column_config={
                "name": t("coaching.col.name"),
                "joined_on": t("coaching.col.joined_on"),
                "days": t("coaching.col.days"),
                "coach": t("coaching.col.coach"),
                "last_retro": t("coaching.col.last_retro"),
                "retro_count": t("coaching.col.retro_count"),
                "group_names": t("coaching.col.groups"),
            },
            key="coaching_newcomers_table",
        )

    if writer and not newcomers.empty:
        st.subheader(t("coaching.auto.title"))
        st.caption(t("coaching.auto.help"))
        if st.button(t("coaching.auto.propose"), key="coaching_auto_propose"):
            st.session_state[PLAN] = rules.propose_plan(db, auth.actor())
            st.session_state["coaching_waiting"] = len(rules.waiting_newcomers(db, auth.actor()))
        plan = st.session_state.get(PLAN)
        if plan is not None:
            waiting = st.session_state.get("coaching_waiting", 0)
            if waiting == 0:
                st.info(t("coaching.auto.nothing"))
            elif not plan:
                st.warning(t("coaching.auto.no_room"))
            else:
                st.markdown(f"**{t('coaching.auto.plan', count=len(plan))}**")
                show_table(
                    [
                        {
                            t("coaching.col.newcomer"): pair.newcomer_name,
                            t("coaching.col.coach"): pair.coach_name,
                            t("coaching.col.load_after"): f"{pair.load_after} / {pair.capacity}",
                        }
                        for pair in plan
                    ],
                    hide_index=True,
                )
                if waiting > len(plan):
                    st.warning(t("coaching.auto.left_over", count=waiting - len(plan)))
                apply, discard = st.columns(2)
                if apply.button(
                    t("coaching.auto.apply"), type="primary", key="coaching_auto_apply"
                ):
                    applied = run_write(lambda: rules.apply_plan(db, auth.actor(), plan, today))
                    st.session_state.pop(PLAN, None)
                    if applied is not None:
                        done(t("coaching.auto.applied", count=applied))
                if discard.button(t("coaching.auto.discard"), key="coaching_auto_discard"):
                    st.session_state.pop(PLAN, None)
                    st.rerun()

    if not newcomers.empty:
        st.subheader(t("coaching.manage.title"))
        newcomer_id = st.selectbox(
            t("coaching.manage.newcomer"),
            options=newcomer_ids,
            format_func=lambda i: names.get(i, str(i)),
            key="coaching_newcomer",
        )
        row = newcomers[newcomers["id"] == newcomer_id].iloc[0]
        has_coach = pd.notna(row["coach_id"])
        may_change = can_write_group(mine, newcomer_id)  # the newcomer's groups are all theirs
        if has_coach:
            st.markdown(
                t("coaching.manage.current", coach=row["coach_name"], since=row["coached_since"])
            )
        else:
            st.warning(t("coaching.manage.none"))
        ranked = suggestions(path, int(newcomer_id))
        st.markdown(f"**{t('coaching.manage.suggestions')}**")
        if not ranked:
            st.info(t("coaching.manage.no_suggestions"))
        else:
            show_table(
                [
                    {
                        t("coaching.col.coach"): s.name,
                        t("coaching.col.score"): s.score,
                        t("coaching.col.free"): s.free,
                        t("coaching.col.reasons"): reasons_text(s),
                    }
                    for s in ranked
                ],
                hide_index=True,
            )
        if may_change and ranked:
            with st.form("coaching_assign_form"):
                coach_id = st.selectbox(
                    t("coaching.manage.coach"),
                    options=[s.coach_id for s in ranked],
                    format_func=lambda i: coach_names.get(i, str(i)),
                    key=f"coaching_coach_{newcomer_id}",
                )
                label = t("coaching.manage.reassign" if has_coach else "coaching.manage.assign")
                if st.form_submit_button(label, type="primary", key="coaching_assign_submit"):
                    service = rules.reassign_coach if has_coach else rules.assign_coach
                    saved = run_write(
                        lambda: service(db, auth.actor(), int(newcomer_id), int(coach_id), today)
                    )
                    if saved is not None:
                        done(
                            t(
                                "coaching.manage.assigned",
                                coach=coach_names.get(coach_id, ""),
                                person=names[newcomer_id],
                            )
                        )
        if may_change and has_coach:

            def forget_end() -> None:
                st.session_state.pop(ENDING, None)

            # the dialog stays open across reruns while ENDING names this coaching
            @st.dialog(t("coaching.end.title"), on_dismiss=forget_end)
            def confirm_end(coaching_id: int, person: str) -> None:
                st.write(t("coaching.end.body", person=person))
                left, right = st.columns(2)
                if left.button(
                    t("coaching.end.confirm"), type="primary", key="coaching_end_confirm"
                ):
                    forget_end()
                    if run_write(lambda: rules.end_coaching(db, auth.actor(), coaching_id, today)):
                        done(t("coaching.end.done"))
                if right.button(t("common.cancel"), key="coaching_end_cancel"):
                    forget_end()
                    st.rerun()

            coaching_id = int(row["coaching_id"])
            if st.button(t("coaching.manage.end"), key="coaching_end"):
                st.session_state[ENDING] = coaching_id
            if st.session_state.get(ENDING) == coaching_id:
                confirm_end(coaching_id, names[newcomer_id])

# ---------------------------------------------------------------- coaches
with tab_coaches:
    st.caption(t("coaching.coaches.help"))
    if coaches.empty:
        st.info(t("coaching.coaches.empty"))
    else:
        st.altair_chart(coach_load_chart(coaches, lang), width="stretch")
        show_table(
            coaches[["name", "load", "max_mentees", "graduated", "mentees"]],
            hide_index=True,
            column_config={
                "name": t("coaching.col.name"),
                "load": t("coaching.col.load"),
                "max_mentees": t("coaching.col.capacity"),
                "graduated": t("coaching.col.graduated"),
                "mentees": t("coaching.col.mentees"),
            },
            key="coaching_coaches_table",
        )

# ---------------------------------------------------------------- retrospectives


@st.fragment
def retrospective_panel() -> None:
    """One newcomer's log, coaching history and forms; reruns alone on selection."""
    person_id = st.selectbox(
        t("coaching.retro.person"),
        options=newcomer_ids,
        format_func=lambda i: names.get(i, str(i)),
        key="coaching_retro_person",
    )
    log = retrospectives_frame(path, int(person_id))
    if log.empty:
        st.info(t("coaching.retro.empty"))
    for entry in log.iloc[::-1].itertuples():
        title = t("coaching.retro.entry", day=entry.held_on, author=entry.author_name or "—")
        if entry.is_final:
            title += f" · {t('coaching.retro.final')}"
        with st.expander(title):
            for step in ("goal", "result", "causes", "lessons"):
                st.markdown(f"**{t('coaching.step.' + step)}** {getattr(entry, step)}")
    history = coaching_history(path, int(person_id))
    if not history.empty:
        st.markdown(f"**{t('coaching.history.title')}**")
        show_table(
            history.assign(
                end_reason=history["end_reason"].map(
                    lambda r: t(f"coaching.end_reason.{r}") if isinstance(r, str) else ""
                )
            )[["coach_name", "start_on", "end_on", "end_reason"]],
            hide_index=True,
            column_config={
                "coach_name": t("coaching.col.coach"),
                "start_on": t("coaching.col.start_on"),
                "end_on": t("coaching.col.end_on"),
                "end_reason": t("coaching.col.end_reason"),
            },
        )
    if can_write_group(mine, person_id):
        person_row = newcomers[newcomers["id"] == person_id].iloc[0]
        authors = [int(i) for i in coaches["id"]]
        coach_of_person = person_row["coach_id"]
        default_author = (
            authors.index(int(coach_of_person))
            if pd.notna(coach_of_person) and int(coach_of_person) in authors
            else 0
        )
        author_names = {**coach_names, int(person_id): names[person_id]}
        authors.append(int(person_id))
        with st.form("coaching_retro_form"):
            st.markdown(f"**{t('coaching.retro.add_title')}**")
            held_on = st.date_input(
                t("coaching.retro.held_on"), value=today, max_value=today,
                key="coaching_retro_held_on",
            )  # fmt: skip
            author_id = st.selectbox(
                t("coaching.retro.author"), options=authors, index=default_author,
                format_func=lambda i: author_names.get(i, str(i)), key=f"coaching_retro_author_{person_id}",
            )  # fmt: skip
            steps = {
                step: st.text_area(
                    t(f"coaching.step.{step}"), height=68, key=f"coaching_retro_{step}"
                )
                for step in ("goal", "result", "causes", "lessons")
            }
            if st.form_submit_button(t("coaching.retro.save"), key="coaching_retro_submit"):
                saved = run_write(
                    lambda: rules.add_retrospective(
                        db,
                        auth.actor(),
                        int(person_id),
                        author_id=author_id,
                        held_on=held_on,
                        today=today,
                        **steps,
                    )  # fmt: skip
                )
                if saved is not None:
                    for step in steps:
                        del st.session_state[f"coaching_retro_{step}"]
                    done(t("coaching.retro.saved"))
        with st.form("coaching_grad_form"):
            st.markdown(f"**{t('coaching.grad.title')}**")
            st.caption(t("coaching.grad.help"))
            open_steps = [s for s in rules.plan_of(db, int(person_id))[1] if s["done_on"] is None]
            if open_steps:
                st.warning(t("coaching.grad.plan_open", count=len(open_steps)))
            final_steps = {
                step: st.text_area(
                    t(f"coaching.step.{step}"), height=68, key=f"coaching_grad_{step}"
                )
                for step in ("goal", "result", "causes", "lessons")
            }
            override = st.text_input(t("coaching.grad.override"), key="coaching_grad_override")
            if st.form_submit_button(t("coaching.grad.submit"), key="coaching_grad_submit"):
                graduated = run_write(
                    lambda: rules.graduate(
                        db,
                        auth.actor(),
                        int(person_id),
                        author_id=author_id,
                        today=today,
                        override_reason=override,
                        **final_steps,
                    )  # fmt: skip
                )
                if graduated is not None:
                    for step in final_steps:
                        del st.session_state[f"coaching_grad_{step}"]
                    done(t("coaching.grad.done", person=names[person_id]))


with tab_retros:
    all_retros = retrospectives_frame(path)
    current = all_retros[all_retros["person_id"].isin(list(newcomers["id"]))]
    st.subheader(t("coaching.retro.timeline"))
    if newcomers.empty:
        st.info(t("coaching.newcomers.empty"))
    else:
        spans = newcomers[["name", "joined_on"]].rename(columns={"name": "person_name"})
        spans = spans.assign(until=today.isoformat())
        st.altair_chart(retro_timeline_chart(current, spans, lang), width="stretch")
    if not newcomers.empty:
        retrospective_panel()

with tab_onboarding:
    onboarding_views.show_notice()
    onboarding_views.due_this_week(path, today, lang)
    if not newcomers.empty:
        plan_person = st.selectbox(
            t("coaching.plan.person"),
            options=newcomer_ids,
            format_func=lambda i: names.get(i, str(i)),
            key="coaching_plan_person",
        )
        onboarding_views.plan_panel(
            db,
            auth.actor(),
            int(plan_person),
            names[plan_person],
            today,
            may_start=can_write_group(mine, plan_person),
            lang=lang,
        )
    onboarding_views.template_panel(db, path, auth.actor(), today, lang)
