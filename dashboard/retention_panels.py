"""The retention page's panels: the metrics, the churn-risk table with one person's
explanation, recognition, concerns, retention actions, exits and the score's thresholds.
Loaders, frames and charts are in ``retention_views``."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import pandas as pd
import streamlit as st
from sqlite_utils import Database

from dashboard import auth, rewards_views
from dashboard import retention_views as views
from dashboard.domain import retention as rules
from dashboard.i18n import label, t
from dashboard.rewards_panels import entries_table, seen_groups
from dashboard.session import submit, submit_clearing
from dashboard.tables import show_table
from dashboard.thresholds import settings_form
from db.retention import ACTION_KINDS

RECENT_ENTRIES = 50  # the ledger's entries shown on the retention page


@dataclass(frozen=True)
class RetentionContext:
    """What every panel of the page reads: the session, the reader and the loaded rows."""

    db: Database
    path: str
    lang: str
    today: date
    writer: bool
    risk: pd.DataFrame  # everyone's id and risk level (views.risk_levels)
    people: dict[int, str]  # id → name of everyone still on the team
    person_ids: list[int]  # the people the reader may record things about
    concerns: list[dict]
    exits: list[dict]

    @property
    def open_concerns(self) -> list[dict]:
        return [c for c in self.concerns if c["resolved_on"] is None]


def metrics(ctx: RetentionContext) -> None:
    """High and medium risks, open concerns, and exits over the last year."""
    year_ago = ctx.today.replace(year=ctx.today.year - 1).isoformat()
    columns = st.columns(4)
    levels = ctx.risk["level"]
    columns[0].metric(t("retention.metric.high"), int((levels == "high").sum()))
    columns[1].metric(t("retention.metric.medium"), int((levels == "medium").sum()))
    columns[2].metric(t("retention.metric.concerns"), len(ctx.open_concerns))
    columns[3].metric(
        t("retention.metric.exits_year"),
        sum(year_ago < e["left_on"] <= ctx.today.isoformat() for e in ctx.exits),
    )


# ---------------------------------------------------------------- churn risk


def risk_panel(ctx: RetentionContext) -> None:
    """The risk table and chart for the chosen levels, then one person's explanation."""
    levels = st.multiselect(
        t("retention.filter.level"),
        options=list(rules.LEVELS),
        default=["high", "medium"],
        format_func=lambda code: t(f"retention.level.{code}"),
        key="retention_levels",
        placeholder=t("common.choose_many"),
    )
    if not ctx.risk["level"].isin(levels).any():
        st.info(t("retention.filter.empty"))
    else:
        table, chart = views.risk_table(
            ctx.path, ctx.today.isoformat(), ctx.lang, tuple(sorted(levels))
        )
        show_table(
            table,
            hide_index=True,
            column_order=["name", "status", "score", "level", *views.SIGNALS, "last_action"],
            column_config={
                "name": t("retention.col.name"),
                "status": t("retention.col.status"),
                "score": st.column_config.ProgressColumn(
                    t("retention.col.score"), min_value=0, max_value=100, format="%d"
                ),
                "level": t("retention.col.level"),
                "workload": t("retention.col.workload"),
                "reward": t("retention.col.reward"),
                "growth": t("retention.col.growth"),
                "discord": t("retention.col.discord"),
                "night": t("retention.col.night"),
                "drift": t("retention.col.drift"),
                "last_action": t("retention.col.last_action"),
            },
            key="retention_risk_table",
        )
        if chart is not None:
            st.vega_lite_chart(chart, width="stretch")
    explain_panel(ctx)


def explain_panel(ctx: RetentionContext) -> None:
    """How one person's score adds up (preselected when arriving from an overview alert)."""
    wanted = st.query_params.get("person")
    if wanted != st.session_state.get("retention_person_param"):
        st.session_state["retention_person_param"] = wanted
        if wanted and wanted.isdigit() and int(wanted) in ctx.people:
            st.session_state["retention_explain"] = int(wanted)
    explained = st.selectbox(
        t("retention.explain.pick"),
        options=ctx.risk["person_id"].tolist(),
        format_func=lambda pid: ctx.people.get(pid, str(pid)),
        key="retention_explain",
    )
    profile = (
        None if explained is None else views.profile_of(ctx.path, ctx.today.isoformat(), explained)
    )
    if profile is None:
        return
    with st.container(border=True, key="retention_explain_box"):
        title = t(
            "retention.explain.title",
            person=profile.name,
            score=profile.score,
            level=t(f"retention.level.{profile.level}"),
        )
        st.markdown(f"**{title}**")
        for sentence, points_text in views.explanation(profile, ctx.lang):
            left, right = st.columns([6, 1])
            left.markdown(sentence)
            right.markdown(points_text)
        limits = views.settings(ctx.path)
        st.markdown(
            t(
                "retention.explain.total",
                score=profile.score,
                medium=limits["medium_score"],
                high=limits["high_score"],
            )
        )


# ---------------------------------------------------------------- recognition


def recognition_panel(ctx: RetentionContext) -> None:
    """Recognition is given in the rewards ledger (one way to record it): a link there and
    the ledger's latest entries."""
    st.page_link(
        "pages/rewards.py", label=t("retention.recognition.ledger"), icon=":material/redeem:"
    )
    seen = seen_groups(auth.writable_groups())
    entries_table(rewards_views.entries(ctx.path, seen)[:RECENT_ENTRIES], ctx.lang)


def _form_and_records(
    ctx: RetentionContext,
    form: Callable[[RetentionContext], None],
    records: Callable[[str], list[dict]],
    empty_key: str,
    columns: dict[str, Callable[[dict], object]],
) -> None:
    """``form`` (for writers with someone in scope), then the rows of ``records(path)`` as a
    table of ``columns`` (``{heading: fn(row)}``), or ``empty_key``'s message when none."""
    if ctx.writer and ctx.person_ids:
        form(ctx)
    rows = records(ctx.path)
    if not rows:
        st.info(t(empty_key))
        return
    frame = pd.DataFrame({heading: [cell(r) for r in rows] for heading, cell in columns.items()})
    show_table(frame, hide_index=True)


# ---------------------------------------------------------------- concerns (discord)


def concerns_panel(ctx: RetentionContext) -> None:
    """The concern form, the open concerns (each resolvable), and the resolved ones."""
    if ctx.writer and ctx.person_ids:
        with st.form("retention_concern_form"):
            st.markdown(f"**{t('retention.concern.form')}**")
            person = st.selectbox(
                t("retention.concern.person"),
                ctx.person_ids,
                format_func=ctx.people.get,
                key="retention_concern_person",
            )
            note = st.text_area(t("retention.concern.note"), key="retention_concern_note")
            if st.form_submit_button(t("retention.concern.submit"), type="primary"):
                submit_clearing(
                    lambda: rules.flag_concern(
                        ctx.db, auth.actor(), person_id=person, note=note, today=ctx.today
                    ),
                    t("retention.concern.saved", person=ctx.people[person]),
                    "retention_concern_note",
                )
    st.subheader(t("retention.concern.open"))
    if not ctx.open_concerns:
        st.success(t("retention.concern.none_open"))
    for concern in ctx.open_concerns:
        open_concern(ctx, concern)
    resolved = [c for c in ctx.concerns if c["resolved_on"] is not None]
    if resolved:
        with st.expander(t("retention.concern.history")):
            show_table(
                pd.DataFrame(
                    {
                        t("retention.col.when"): [c["flagged_on"] for c in resolved],
                        t("retention.col.name"): [c["person_name"] for c in resolved],
                        t("retention.col.note"): [c["note"] for c in resolved],
                        t("retention.col.resolved"): [
                            f"{c['resolved_on']} · {c['resolution']}" for c in resolved
                        ],
                    }
                ),
                hide_index=True,
            )


def open_concern(ctx: RetentionContext, concern: dict) -> None:
    """One open concern, with its resolve form for writers."""
    with st.container(border=True):
        st.markdown(
            t(
                "retention.concern.line",
                person=concern["person_name"],
                day=concern["flagged_on"],
                by=concern["flagged_by"],
                note=concern["note"],
            )
        )
        if not ctx.writer:
            return
        with st.form(f"retention_resolve_{concern['id']}"):
            resolution = st.text_input(
                t("retention.concern.resolution"), key=f"retention_resolution_{concern['id']}"
            )
            if st.form_submit_button(t("retention.concern.resolve")):
                submit(
                    lambda: rules.resolve_concern(
                        ctx.db,
                        auth.actor(),
                        concern_id=concern["id"],
                        resolution=resolution,
                        today=ctx.today,
                    ),
                    t("retention.concern.resolved"),
                )


# ---------------------------------------------------------------- retention actions


def actions_panel(ctx: RetentionContext) -> None:
    """The action form (for writers with someone in scope) and every action taken."""
    _form_and_records(
        ctx,
        action_form,
        views.actions,
        "retention.action.empty",
        {
            t("retention.col.when"): lambda r: r["taken_on"],
            t("retention.col.name"): lambda r: r["person_name"],
            t("retention.action.kind"): lambda r: t(f"retention.action.{r['action']}"),
            t("retention.col.note"): lambda r: r["note"],
            t("retention.col.by"): lambda r: r["taken_by"],
        },
    )


def action_form(ctx: RetentionContext) -> None:
    today = ctx.today
    with st.form("retention_action_form"):
        st.markdown(f"**{t('retention.action.form')}**")
        left, middle, right = st.columns(3)
        person = left.selectbox(
            t("retention.action.person"),
            ctx.person_ids,
            format_func=ctx.people.get,
            key="retention_action_person",
        )
        action = middle.selectbox(
            t("retention.action.kind"),
            list(ACTION_KINDS),
            format_func=lambda code: t(f"retention.action.{code}"),
            key="retention_action_kind",
        )
        taken_on = right.date_input(
            t("retention.action.taken_on"), value=today, max_value=today, key="retention_action_on"
        )
        note = st.text_input(t("retention.action.note"), key="retention_action_note")
        if st.form_submit_button(t("retention.action.submit"), type="primary"):
            submit_clearing(
                lambda: rules.log_action(
                    ctx.db,
                    auth.actor(),
                    person_id=person,
                    action=action,
                    note=note,
                    taken_on=taken_on,
                    today=today,
                ),
                t("retention.action.saved", person=ctx.people[person]),
                "retention_action_note",
            )


# ---------------------------------------------------------------- exits and thresholds


def exits_panel(ctx: RetentionContext) -> None:
    """Exits per month and by reason, and everyone who left."""
    rows = ctx.exits
    if not rows:
        st.info(t("retention.exits.empty"))
        return
    left, right = st.columns([3, 2])
    left.altair_chart(
        views.exit_trend_chart(views.exits_by_month(rows, ctx.today), ctx.lang), width="stretch"
    )
    right.altair_chart(
        views.exit_reason_chart(views.exits_by_reason(rows), ctx.lang), width="stretch"
    )
    show_table(
        pd.DataFrame(
            {
                t("retention.col.left"): [e["left_on"] for e in rows],
                t("retention.col.name"): [e["name"] for e in rows],
                t("retention.col.reason"): [label("exit", e["exit_reason"]) for e in rows],
                t("retention.col.joined"): [e["joined_on"] for e in rows],
                t("retention.col.note"): [e["exit_note"] for e in rows],
            }
        ),
        hide_index=True,
    )


def settings_panel(ctx: RetentionContext) -> None:
    """The churn score's thresholds (the save button is disabled for readers)."""
    st.caption(t("retention.settings.intro"))
    settings_form(
        "retention",
        rules.SETTING_BOUNDS,
        views.settings(ctx.path),
        lambda values: rules.save_settings(ctx.db, auth.actor(), values),
        may_save=ctx.writer,
        primary=True,
    )
