"""Panels of the newcomers-and-coaches page: the alerts, the newcomers with the automatic
coach plan and one newcomer's coach, the coaches' load, and the retrospectives (复盘) with
graduation, and the onboarding plans tab (its panels are in ``dashboard.onboarding_views``).
Each panel offers only what the signed-in user may change."""

from dataclasses import dataclass
from datetime import date

import pandas as pd
import streamlit as st
from sqlite_utils import Database

from dashboard import auth, onboarding_views
from dashboard import coaching_views as views
from dashboard.domain import coaching as rules
from dashboard.i18n import t
from dashboard.scope import can_write_group
from dashboard.session import notify, run_write, show_notices, submit, submit_clearing
from dashboard.tables import show_columns, show_table
from dashboard.thresholds import threshold_inputs

PLAN, WAITING, ENDING = "coaching_plan", "coaching_waiting", "coaching_ending"
STEPS = ("goal", "result", "causes", "lessons")  # a retrospective's four steps


@dataclass(frozen=True)
class CoachingContext:
    """What the panels share: the session's connection, the loaders' path, the reader's
    language, today, the people the user may change (``None``: everyone), the newcomers
    and coaches frames with their names, and the newcomers in picker order (theirs first)."""

    db: Database
    path: str
    lang: str
    today: date
    writer: bool
    mine: set[int] | None
    newcomers: pd.DataFrame
    coaches: pd.DataFrame
    names: dict
    coach_names: dict
    newcomer_ids: list


def alerts_panel(path: str, today: date) -> None:
    """The thresholds (in an expander) and the alerts they raise, the urgent ones first."""
    with st.expander(t("coaching.alerts.settings")):
        days = threshold_inputs(
            {"unassigned_days": (0, 365), "retro_days": (0, 365)},
            {
                "unassigned_days": rules.DEFAULT_UNASSIGNED_DAYS,
                "retro_days": rules.DEFAULT_RETRO_DAYS,
            },
            st.columns(2),
            "coaching.alerts.",
            "coaching_",
        )
    alerts = views.page_alerts(
        path, today.isoformat(), int(days["unassigned_days"]), int(days["retro_days"])
    )
    st.subheader(t("coaching.alerts.title"))
    if not alerts:
        st.success(t("coaching.alerts.none"))
        return
    # one compact block, the urgent ones first (st.error is kept for failed actions)
    ranked_alerts = sorted(alerts, key=lambda a: rules.SEVERITY_ORDER[a.severity])
    st.warning(
        "\n".join(
            f"- {':material/error:' if a.severity == 'high' else ':material/schedule:'} "
            f"{t(a.key, **a.params)}"
            for a in ranked_alerts
        )
    )


def metrics(ctx: CoachingContext) -> None:
    """Newcomers, those without a coach, and the coaches' free places."""
    coaches, newcomers = ctx.coaches, ctx.newcomers
    free_places = int((coaches["max_mentees"] - coaches["load"]).clip(lower=0).sum())
    columns = st.columns(3)
    columns[0].metric(t("coaching.metric.newcomers"), len(newcomers))
    columns[1].metric(t("coaching.metric.without_coach"), int(newcomers["coach_id"].isna().sum()))
    columns[2].metric(t("coaching.metric.free_places"), free_places)


def newcomers_panel(ctx: CoachingContext) -> None:
    """The newcomers' table, the automatic coach plan and one newcomer's coach."""
    newcomers = ctx.newcomers
    if newcomers.empty:
        st.info(t("coaching.newcomers.empty"))
        return
    shown = newcomers.assign(
        coach=newcomers["coach_name"].fillna(t("coaching.no_coach")),
        last_retro=newcomers["last_retro_on"].fillna(t("coaching.never")),
    )
    show_columns(
        shown,
        {
            "name": t("coaching.col.name"),
            "joined_on": t("coaching.col.joined_on"),
            "days": t("coaching.col.days"),
            "coach": t("coaching.col.coach"),
            "last_retro": t("coaching.col.last_retro"),
            "retro_count": t("coaching.col.retro_count"),
            "group_names": t("coaching.col.groups"),
        },
        hide_index=True,
        key="coaching_newcomers_table",
    )
    if ctx.writer:
        auto_plan(ctx)
    manage_coach(ctx)


def auto_plan(ctx: CoachingContext) -> None:
    """Propose a coach for every waiting newcomer the user may change, then apply or
    discard the whole plan."""
    st.subheader(t("coaching.auto.title"))
    st.caption(t("coaching.auto.help"))
    if st.button(t("coaching.auto.propose"), key="coaching_auto_propose"):
        st.session_state[PLAN] = rules.propose_plan(ctx.db, auth.actor())
        st.session_state[WAITING] = len(rules.waiting_newcomers(ctx.db, auth.actor()))
    plan = st.session_state.get(PLAN)
    if plan is None:
        return
    waiting = st.session_state.get(WAITING, 0)
    if waiting == 0:
        st.info(t("coaching.auto.nothing"))
        return
    if not plan:
        st.warning(t("coaching.auto.no_room"))
        return
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
    if apply.button(t("coaching.auto.apply"), type="primary", key="coaching_auto_apply"):
        applied = run_write(lambda: rules.apply_plan(ctx.db, auth.actor(), plan, ctx.today))
        st.session_state.pop(PLAN, None)
        if applied is not None:
            notify(t("coaching.auto.applied", count=applied))
            st.rerun()
    if discard.button(t("coaching.auto.discard"), key="coaching_auto_discard"):
        st.session_state.pop(PLAN, None)
        st.rerun()


def manage_coach(ctx: CoachingContext) -> None:
    """One newcomer's coach: the ranked suggestions, assign or reassign, end the coaching."""
    names, coach_names = ctx.names, ctx.coach_names
    st.subheader(t("coaching.manage.title"))
    newcomer_id = st.selectbox(
        t("coaching.manage.newcomer"),
        options=ctx.newcomer_ids,
        format_func=lambda i: names.get(i, str(i)),
        key="coaching_newcomer",
    )
    row = ctx.newcomers[ctx.newcomers["id"] == newcomer_id].iloc[0]
    has_coach = pd.notna(row["coach_id"])
    may_change = can_write_group(ctx.mine, newcomer_id)  # the newcomer's groups are all theirs
    if has_coach:
        st.markdown(
            t("coaching.manage.current", coach=row["coach_name"], since=row["coached_since"])
        )
    else:
        st.warning(t("coaching.manage.none"))
    ranked = views.suggestions(ctx.path, int(newcomer_id))
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
                    t("coaching.col.reasons"): views.reasons_text(s),
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
                submit(
                    lambda: service(
                        ctx.db, auth.actor(), int(newcomer_id), int(coach_id), ctx.today
                    ),
                    t(
                        "coaching.manage.assigned",
                        coach=coach_names.get(coach_id, ""),
                        person=names[newcomer_id],
                    ),
                )
    if may_change and has_coach:
        coaching_id = int(row["coaching_id"])
        if st.button(t("coaching.manage.end"), key="coaching_end"):
            st.session_state[ENDING] = coaching_id
        if st.session_state.get(ENDING) == coaching_id:
            confirm_end(ctx, coaching_id, names[newcomer_id])


def forget_end() -> None:
    st.session_state.pop(ENDING, None)


def confirm_end(ctx: CoachingContext, coaching_id: int, person: str) -> None:
    """The dialog that ends a coaching once confirmed (open while ``ENDING`` names it)."""

    @st.dialog(t("coaching.end.title"), on_dismiss=forget_end)
    def dialog() -> None:
        st.write(t("coaching.end.body", person=person))
        left, right = st.columns(2)
        if left.button(t("coaching.end.confirm"), type="primary", key="coaching_end_confirm"):
            forget_end()
            submit(
                lambda: rules.end_coaching(ctx.db, auth.actor(), coaching_id, ctx.today),
                t("coaching.end.done"),
            )
        if right.button(t("common.cancel"), key="coaching_end_cancel"):
            forget_end()
            st.rerun()

    dialog()


def coaches_panel(coaches: pd.DataFrame, lang: str) -> None:
    """Each coach's load against their capacity, as a chart and a table."""
    st.caption(t("coaching.coaches.help"))
    if coaches.empty:
        st.info(t("coaching.coaches.empty"))
        return
    st.altair_chart(views.coach_load_chart(coaches, lang), width="stretch")
    show_columns(
        coaches,
        {
            "name": t("coaching.col.name"),
            "load": t("coaching.col.load"),
            "max_mentees": t("coaching.col.capacity"),
            "graduated": t("coaching.col.graduated"),
            "mentees": t("coaching.col.mentees"),
        },
        hide_index=True,
        key="coaching_coaches_table",
    )


def retro_timeline(ctx: CoachingContext) -> None:
    """Every current newcomer's retrospectives on one time axis since they joined."""
    newcomers = ctx.newcomers
    all_retros = views.retrospectives_frame(ctx.path)
    current = all_retros[all_retros["person_id"].isin(list(newcomers["id"]))]
    st.subheader(t("coaching.retro.timeline"))
    if newcomers.empty:
        st.info(t("coaching.newcomers.empty"))
        return
    spans = newcomers[["name", "joined_on"]].rename(columns={"name": "person_name"})
    spans = spans.assign(until=ctx.today.isoformat())
    st.altair_chart(views.retro_timeline_chart(current, spans, ctx.lang), width="stretch")


def retros_panel(ctx: CoachingContext) -> None:
    """The retrospectives' timeline, then one newcomer's retrospectives (if any)."""
    retro_timeline(ctx)
    if not ctx.newcomers.empty:
        retrospective_panel(ctx)


def onboarding_panel(ctx: CoachingContext) -> None:
    """The onboarding steps due this week, one newcomer's plan and the role templates."""
    show_notices(onboarding_views.NOTICES)
    onboarding_views.due_this_week(ctx.path, ctx.today, ctx.lang)
    if not ctx.newcomers.empty:
        plan_person = st.selectbox(
            t("coaching.plan.person"),
            options=ctx.newcomer_ids,
            format_func=lambda i: ctx.names.get(i, str(i)),
            key="coaching_plan_person",
        )
        onboarding_views.plan_panel(
            ctx.db,
            auth.actor(),
            int(plan_person),
            ctx.names[plan_person],
            ctx.today,
            may_start=can_write_group(ctx.mine, plan_person),
            lang=ctx.lang,
        )
    onboarding_views.template_panel(ctx.db, ctx.path, auth.actor(), ctx.today, ctx.lang)


@st.fragment
def retrospective_panel(ctx: CoachingContext) -> None:
    """One newcomer's log, coaching history and forms; reruns alone on selection."""
    names = ctx.names
    person_id = st.selectbox(
        t("coaching.retro.person"),
        options=ctx.newcomer_ids,
        format_func=lambda i: names.get(i, str(i)),
        key="coaching_retro_person",
    )
    log = views.retrospectives_frame(ctx.path, int(person_id))
    if log.empty:
        st.info(t("coaching.retro.empty"))
    for entry in log.iloc[::-1].itertuples():
        title = t("coaching.retro.entry", day=entry.held_on, author=entry.author_name or "—")
        if entry.is_final:
            title += f" · {t('coaching.retro.final')}"
        with st.expander(title):
            for step in STEPS:
                st.markdown(f"**{t('coaching.step.' + step)}** {getattr(entry, step)}")
    history = views.coaching_history(ctx.path, int(person_id))
    if not history.empty:
        st.markdown(f"**{t('coaching.history.title')}**")
        show_columns(
            history.assign(
                end_reason=history["end_reason"].map(
                    lambda r: t(f"coaching.end_reason.{r}") if isinstance(r, str) else ""
                )
            ),
            {
                "coach_name": t("coaching.col.coach"),
                "start_on": t("coaching.col.start_on"),
                "end_on": t("coaching.col.end_on"),
                "end_reason": t("coaching.col.end_reason"),
            },
            hide_index=True,
        )
    if can_write_group(ctx.mine, person_id):
        author_id = retrospective_form(ctx, person_id)
        graduation_form(ctx, person_id, author_id)


def step_keys(form: str) -> list[str]:
    """The widget keys of the four steps of the form ``form`` (``retro``, ``grad``)."""
    return [f"coaching_{form}_{step}" for step in STEPS]


def step_fields(form: str) -> dict[str, str]:
    """A retrospective's four steps as text areas of the form ``form`` (``retro``, ``grad``)."""
    return {
        step: st.text_area(t(f"coaching.step.{step}"), height=68, key=key)
        for step, key in zip(STEPS, step_keys(form), strict=True)
    }


def retrospective_form(ctx: CoachingContext, person_id: int) -> int:
    """Log a retrospective (goal, result, causes, lessons); returns the author picked, who
    also signs the graduation."""
    person_row = ctx.newcomers[ctx.newcomers["id"] == person_id].iloc[0]
    authors = [int(i) for i in ctx.coaches["id"]]
    coach_of_person = person_row["coach_id"]
    default_author = (
        authors.index(int(coach_of_person))
        if pd.notna(coach_of_person) and int(coach_of_person) in authors
        else 0
    )
    author_names = {**ctx.coach_names, int(person_id): ctx.names[person_id]}
    authors.append(int(person_id))
    with st.form("coaching_retro_form"):
        st.markdown(f"**{t('coaching.retro.add_title')}**")
        held_on = st.date_input(
            t("coaching.retro.held_on"),
            value=ctx.today,
            max_value=ctx.today,
            key="coaching_retro_held_on",
        )
        author_id = st.selectbox(
            t("coaching.retro.author"),
            options=authors,
            index=default_author,
            format_func=lambda i: author_names.get(i, str(i)),
            key=f"coaching_retro_author_{person_id}",
        )
        steps = step_fields("retro")
        if st.form_submit_button(t("coaching.retro.save"), key="coaching_retro_submit"):
            submit_clearing(
                lambda: rules.add_retrospective(
                    ctx.db,
                    auth.actor(),
                    int(person_id),
                    author_id=author_id,
                    held_on=held_on,
                    today=ctx.today,
                    **steps,
                ),
                t("coaching.retro.saved"),
                *step_keys("retro"),
            )
    return author_id


def graduation_form(ctx: CoachingContext, person_id: int, author_id: int) -> None:
    """Graduate the newcomer with a final retrospective (an open plan needs a reason)."""
    with st.form("coaching_grad_form"):
        st.markdown(f"**{t('coaching.grad.title')}**")
        st.caption(t("coaching.grad.help"))
        open_steps = [s for s in rules.plan_of(ctx.db, int(person_id))[1] if s["done_on"] is None]
        if open_steps:
            st.warning(t("coaching.grad.plan_open", count=len(open_steps)))
        final_steps = step_fields("grad")
        override = st.text_input(t("coaching.grad.override"), key="coaching_grad_override")
        if st.form_submit_button(t("coaching.grad.submit"), key="coaching_grad_submit"):
            submit_clearing(
                lambda: rules.graduate(
                    ctx.db,
                    auth.actor(),
                    int(person_id),
                    author_id=author_id,
                    today=ctx.today,
                    override_reason=override,
                    **final_steps,
                ),
                t("coaching.grad.done", person=ctx.names[person_id]),
                *step_keys("grad"),
            )
