"""The coaching page's onboarding panels: the steps due this week, one newcomer's plan to tick
off, and the plan templates per role (edited in a grid, saved as a new version)."""

from datetime import date

import pandas as pd
import streamlit as st
from sqlite_utils import Database

from dashboard.domain import coaching as rules
from dashboard.i18n import current_language, error_text, t
from dashboard.i18n.formats import format_date, localized
from dashboard.session import invalidating, loader, notify, reading, run_write, submit
from dashboard.tables import show_columns, show_table
from db import coaching as store
from db.access import can_write_role
from db.errors import OpsError

NOTICES = "onboarding"  # the place (show_notices) where the tab says what a tick or save did


@loader()
def due_steps_frame(path: str, today_iso: str) -> pd.DataFrame:
    """Open onboarding steps overdue or due within a week, soonest first."""
    with reading(path) as db:
        rows = rules.steps_due(db, date.fromisoformat(today_iso))
    columns = ["id", "person_id", "person_name", "coach_name", "text", "owner", "due_on", "status"]
    return pd.DataFrame(rows, columns=columns)


@loader()
def templates_frame(path: str) -> pd.DataFrame:
    """Every role with its latest onboarding template version (if any)."""
    with reading(path) as db:
        rows = store.role_templates(db)
    columns = [
        "role_id",
        "code",
        "name",
        "name_zh",
        "template_id",
        "version",
        "author",
        "created_on",
        "steps",
    ]
    return pd.DataFrame(rows, columns=columns)


STEP_COLUMNS = ("day_offset", "owner", "text", "manual_section")


def _owner(code: str, lang: str) -> str:
    return t(f"coaching.owner.{code}", lang)


def _steps_frame(rows: list[dict]) -> pd.DataFrame:
    """Template steps for the grid, typed even when there are none."""
    frame = pd.DataFrame(rows, columns=list(STEP_COLUMNS))
    return frame.astype(
        {"day_offset": "Int64", "owner": "object", "text": "object", "manual_section": "object"}
    )


def due_this_week(path: str, today: date, lang: str | None = None) -> None:
    """The table a coach opens the page for: which steps are due this week, whose, by whom."""
    lang = lang or current_language()
    st.subheader(t("coaching.plan.week_title"))
    st.caption(t("coaching.plan.week_help", days=rules.DUE_SOON_DAYS))
    due = due_steps_frame(path, today.isoformat())
    if due.empty:
        st.success(t("coaching.plan.week_none"))
        return
    shown = due.assign(
        owner=due["owner"].map(lambda code: _owner(code, lang)),
        status=due["status"].map(lambda code: t(f"coaching.step_status.{code}", lang)),
        due_on=due["due_on"].map(lambda day: format_date(day, lang)),
        coach_name=due["coach_name"].fillna(t("coaching.no_coach", lang)),
    )
    show_columns(
        shown,
        {
            "person_name": t("coaching.col.newcomer"),
            "text": t("coaching.col.step"),
            "owner": t("coaching.col.owner"),
            "due_on": t("coaching.col.due_on"),
            "status": t("coaching.col.status"),
            "coach_name": t("coaching.col.coach"),
        },
        hide_index=True,
        key="coaching_due_table",
    )


def _tick(db: Database, actor: str, step: dict, key: str, today: date) -> None:
    """``on_change`` of a step's checkbox: write the tick, or put the box back and say why."""
    done = bool(st.session_state[key])
    try:
        with invalidating(db):
            rules.tick_step(db, actor, step["id"], done, today)
    except OpsError as error:
        st.session_state[key] = not done
        notify(error_text(error), "error", NOTICES)
        return
    message = "coaching.plan.ticked" if done else "coaching.plan.unticked"
    notify(t(message, text=step["text"]), place=NOTICES)


def plan_panel(
    db: Database,
    actor: str,
    person_id: int,
    name: str,
    today: date,
    *,
    may_start: bool,
    lang: str | None = None,
) -> None:
    """One newcomer's plan as a checklist the coach, the newcomer or a lead ticks off (read
    only for anyone else); without a plan, a writer may start one from a role's template."""
    lang = lang or current_language()
    plan, steps = rules.plan_of(db, person_id)
    if plan is None:
        st.info(t("coaching.plan.none", person=name))
        if may_start:
            _start_form(db, actor, person_id, name, today, lang)
        return
    role = next(r for r in store.role_templates(db) if r["role_id"] == plan["role_id"])
    st.caption(
        t(
            "coaching.plan.progress",
            done=sum(s["done_on"] is not None for s in steps),
            total=len(steps),
            role=localized(role, "name", lang),
            version=plan["template_version"],
            day=format_date(plan["started_on"], lang),
        )
    )
    tickable = rules.may_tick(db, actor, person_id)
    for step in steps:
        key = f"coaching_step_{step['id']}"
        status = rules.step_status(step, today)
        label = t(
            "coaching.plan.step_label",
            text=step["text"],
            owner=_owner(step["owner"], lang),
            day=format_date(step["due_on"], lang),
        )
        if status == "overdue":
            label = f":red[{label}]"
        st.checkbox(
            label,
            value=step["done_on"] is not None,
            key=key,
            disabled=not tickable,
            on_change=_tick,
            args=(db, actor, step, key, today),
        )
        if step["manual_section"]:
            st.page_link(
                "pages/handover_manuals.py",
                label=t("coaching.plan.section", section=step["manual_section"]),
                icon=":material/menu_book:",
            )


def _start_form(
    db: Database, actor: str, person_id: int, name: str, today: date, lang: str
) -> None:
    roles = [r for r in store.role_templates(db) if r["template_id"] is not None]
    if not roles:
        return
    labels = {r["role_id"]: localized(r, "name", lang) for r in roles}
    with st.form(f"coaching_plan_start_{person_id}"):
        role_id = st.selectbox(
            t("coaching.plan.start_role"),
            options=list(labels),
            format_func=lambda i: labels.get(i, str(i)),
            key=f"coaching_plan_role_{person_id}",
        )
        if st.form_submit_button(t("coaching.plan.start"), key="coaching_plan_start"):
            submit(
                lambda: rules.start_plan(db, actor, person_id, role_id, today),
                t("coaching.plan.started", person=name),
                NOTICES,
            )


def template_panel(db: Database, path: str, actor: str, today: date, lang: str | None = None):
    """Pick a role, see its latest template, edit the steps in a grid and save them as the
    next version (for those who may edit the role's manual); earlier versions listed."""
    lang = lang or current_language()
    st.subheader(t("coaching.template.title"))
    st.caption(t("coaching.template.help"))
    templates = templates_frame(path)
    labels = {int(r.role_id): localized(r._asdict(), "name", lang) for r in templates.itertuples()}
    role_id = st.selectbox(
        t("coaching.template.role"),
        options=list(labels),
        format_func=lambda i: labels.get(i, str(i)),
        key="coaching_template_role",
    )
    current = store.latest_template(db, role_id)
    if current is None:
        st.info(t("coaching.template.none"))
        steps = _steps_frame([])
    else:
        st.caption(
            t(
                "coaching.template.version",
                version=current["version"],
                day=format_date(current["created_on"], lang),
                author=current["author"],
            )
        )
        steps = _steps_frame(store.template_steps(db, current["id"]))
    column_config = {
        "day_offset": st.column_config.NumberColumn(
            t("coaching.col.day_offset"), min_value=0, max_value=rules.MAX_DAY_OFFSET, step=1
        ),
        "owner": st.column_config.SelectboxColumn(
            t("coaching.col.owner"),
            options=list(store.STEP_OWNERS),
            format_func=lambda code: _owner(code, lang),
        ),
        "text": st.column_config.TextColumn(
            t("coaching.col.step"), max_chars=rules.MAX_STEP_TEXT, width="large"
        ),
        "manual_section": st.column_config.TextColumn(t("coaching.col.manual_section")),
    }
    if not can_write_role(db, actor, role_id):
        st.caption(t("coaching.template.read_only"))
        show_table(
            steps.assign(owner=steps["owner"].map(lambda code: _owner(code, lang))),
            hide_index=True,
            column_config={
                column: t(f"coaching.col.{column if column != 'text' else 'step'}")
                for column in STEP_COLUMNS
            },
        )
    else:
        with st.form(f"coaching_template_form_{role_id}"):
            edited = st.data_editor(
                steps,
                num_rows="dynamic",
                hide_index=True,
                column_config=column_config,
                key=f"coaching_template_grid_{role_id}",
            )
            note = st.text_input(t("coaching.template.note"), key="coaching_template_note")
            if st.form_submit_button(t("coaching.template.save"), key="coaching_template_save"):
                rows = [
                    {k: (None if pd.isna(v) else v) for k, v in row.items()}
                    for row in edited.to_dict("records")
                ]
                saved = run_write(
                    lambda: rules.save_template(
                        db, actor, role_id=role_id, rows=rows, today=today, note=note
                    )
                )
                if saved is not None:
                    version = store.latest_template(db, role_id)["version"]
                    notify(t("coaching.template.saved", version=version), place=NOTICES)
                    st.rerun()
    versions = store.template_versions(db, role_id)
    if len(versions) > 1:
        st.markdown(f"**{t('coaching.template.versions')}**")
        show_columns(
            pd.DataFrame(versions),
            {
                "version": t("coaching.col.version"),
                "created_on": t("common.date"),
                "author": t("coaching.col.author"),
                "steps": t("coaching.col.steps"),
                "note": t("coaching.template.note"),
            },
            hide_index=True,
        )
