import pandas as pd
import streamlit as st

from dashboard import auth, clock
from dashboard import retention_views as views
from dashboard.domain import retention as rules
from dashboard.i18n import current_language, label, t
from dashboard.navigation import ensure_app_shell
from dashboard.session import page_db, run_write
from dashboard.tables import show_table
from db.retention import ACTION_KINDS, RECOGNITION_KINDS

ensure_app_shell()

db, path = page_db()
lang = current_language()
today = clock.today()
writer = auth.can_write()
FLASH = "retention_flash"


def done(message: str, *cleared: str) -> None:
    """Remember the success message, empty the form's fields, and rerun with fresh data."""
    for key in cleared:
        st.session_state.pop(key, None)
    st.session_state[FLASH] = message
    st.rerun()


st.title(t("retention.title"))
st.caption(t("retention.caption"))
if FLASH in st.session_state:
    st.success(st.session_state.pop(FLASH))
if not writer:
    st.info(t("retention.read_only"))

profiles = views.profiles(path, today.isoformat())
people = views.present_people(path)
allowed = views.writable_people(path, auth.actor()) if writer else set()
person_ids = [pid for pid in people if allowed is None or pid in allowed]  # form choices
if writer and not person_ids:
    st.info(t("retention.no_one_in_scope"))
concern_rows = views.concerns(path)
exit_rows = views.exits(path)
open_concerns = [c for c in concern_rows if c["resolved_on"] is None]
year_ago = today.replace(year=today.year - 1).isoformat()

metrics = st.columns(4)
metrics[0].metric(t("retention.metric.high"), sum(p.level == "high" for p in profiles))
metrics[1].metric(t("retention.metric.medium"), sum(p.level == "medium" for p in profiles))
metrics[2].metric(t("retention.metric.concerns"), len(open_concerns))
metrics[3].metric(
    t("retention.metric.exits_year"),
    sum(year_ago < e["left_on"] <= today.isoformat() for e in exit_rows),
)

tabs = st.tabs(
    [
        t("retention.tab.risk"),
        t("retention.tab.recognition"),
        t("retention.tab.concerns"),
        t("retention.tab.actions"),
        t("retention.tab.exits"),
        t("retention.tab.settings"),
    ]
)

# ---------------------------------------------------------------- churn risk
with tabs[0]:
    levels = st.multiselect(
        t("retention.filter.level"),
        options=list(rules.LEVELS),
        default=["high", "medium"],
        format_func=lambda code: t(f"retention.level.{code}"),
        key="retention_levels",
        placeholder=t("common.choose_many"),
    )
    shown = [p for p in profiles if p.level in levels]
    if not shown:
        st.info(t("retention.filter.empty"))
    else:
        frame = views.risk_frame(shown, lang)
        show_table(
            frame,
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
        points = views.points_frame(shown, lang)
        if not points.empty:
            st.altair_chart(views.signals_chart(points, lang), width="stretch")

    # how one person's score adds up (preselected when arriving from an overview alert)
    wanted = st.query_params.get("person")
    if wanted != st.session_state.get("retention_person_param"):
        st.session_state["retention_person_param"] = wanted
        if wanted and wanted.isdigit() and int(wanted) in people:
            st.session_state["retention_explain"] = int(wanted)
    explained = st.selectbox(
        t("retention.explain.pick"),
        options=[p.person_id for p in profiles],
        format_func=lambda pid: people.get(pid, str(pid)),
        key="retention_explain",
    )
    profile = next((p for p in profiles if p.person_id == explained), None)
    if profile is not None:
        with st.container(border=True, key="retention_explain_box"):
            st.markdown(
                "**"
                + t(
                    "retention.explain.title",
                    person=profile.name,
                    score=profile.score,
                    level=t(f"retention.level.{profile.level}"),
                )
                + "**"
            )
            for sentence, points_text in views.explanation(profile, lang):
                left, right = st.columns([6, 1])
                left.markdown(sentence)
                right.markdown(points_text)
            limits = views.settings(path)
            st.markdown(
                t(
                    "retention.explain.total",
                    score=profile.score,
                    medium=limits["medium_score"],
                    high=limits["high_score"],
                )
            )

# ---------------------------------------------------------------- recognition
with tabs[1]:
    if writer and person_ids:
        with st.form("retention_recognition_form"):
            st.markdown(f"**{t('retention.recognition.form')}**")
            left, right = st.columns(2)
            rec_person = left.selectbox(
                t("retention.recognition.person"), person_ids,
                format_func=people.get, key="retention_rec_person",
            )  # fmt: skip
            rec_kind = right.selectbox(
                t("retention.recognition.kind"), list(RECOGNITION_KINDS),
                format_func=lambda code: t(f"retention.kind.{code}"), key="retention_rec_kind",
            )  # fmt: skip
            rec_what = st.text_input(
                t("retention.recognition.what"),
                placeholder=t("retention.recognition.what_help"),
                key="retention_rec_what",
            )
            left, right = st.columns(2)
            rec_on = left.date_input(
                t("retention.recognition.given_on"), value=today, max_value=today,
                key="retention_rec_on",
            )  # fmt: skip
            rec_by = right.selectbox(
                t("retention.recognition.given_by"), [None, *people],
                format_func=lambda pid: t("common.none") if pid is None else people[pid],
                key="retention_rec_by",
            )  # fmt: skip
            if st.form_submit_button(t("retention.recognition.submit"), type="primary"):
                saved = run_write(
                    lambda: rules.record_recognition(
                        db,
                        auth.actor(),
                        person_id=rec_person,
                        kind=rec_kind,
                        what=rec_what,
                        given_on=rec_on,
                        given_by=rec_by,
                        today=today,
                    )  # fmt: skip
                )
                if saved:
                    done(
                        t("retention.recognition.saved", person=people[rec_person]),
                        "retention_rec_what",
                    )
    rows = views.recognitions(path)
    if not rows:
        st.info(t("retention.recognition.empty"))
    else:
        show_table(
            pd.DataFrame(
                {
                    t("retention.col.when"): [r["given_on"] for r in rows],
                    t("retention.col.name"): [r["person_name"] for r in rows],
                    t("retention.col.kind"): [t(f"retention.kind.{r['kind']}") for r in rows],
                    t("retention.col.what"): [r["what"] for r in rows],
                    t("retention.col.by"): [r["given_by_name"] or r["recorded_by"] for r in rows],
                }
            ),
            hide_index=True,
        )

# ---------------------------------------------------------------- concerns (discord)
with tabs[2]:
    if writer and person_ids:
        with st.form("retention_concern_form"):
            st.markdown(f"**{t('retention.concern.form')}**")
            concern_person = st.selectbox(
                t("retention.concern.person"), person_ids,
                format_func=people.get, key="retention_concern_person",
            )  # fmt: skip
            concern_note = st.text_area(t("retention.concern.note"), key="retention_concern_note")
            if st.form_submit_button(t("retention.concern.submit"), type="primary"):
                saved = run_write(
                    lambda: rules.flag_concern(
                        db,
                        auth.actor(),
                        person_id=concern_person,
                        note=concern_note,
                        today=today,
                    )  # fmt: skip
                )
                if saved:
                    done(
                        t("retention.concern.saved", person=people[concern_person]),
                        "retention_concern_note",
                    )
    st.subheader(t("retention.concern.open"))
    if not open_concerns:
        st.success(t("retention.concern.none_open"))
    for concern in open_concerns:
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
            if writer:
                with st.form(f"retention_resolve_{concern['id']}"):
                    resolution = st.text_input(
                        t("retention.concern.resolution"),
                        key=f"retention_resolution_{concern['id']}",
                    )
                    if st.form_submit_button(t("retention.concern.resolve")):
                        saved = run_write(
                            lambda cid=concern["id"], text=resolution: rules.resolve_concern(
                                db, auth.actor(), concern_id=cid, resolution=text, today=today
                            )
                        )
                        if saved:
                            done(t("retention.concern.resolved"))
    resolved = [c for c in concern_rows if c["resolved_on"] is not None]
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

# ---------------------------------------------------------------- retention actions
with tabs[3]:
    if writer and person_ids:
        with st.form("retention_action_form"):
            st.markdown(f"**{t('retention.action.form')}**")
            left, middle, right = st.columns(3)
            action_person = left.selectbox(
                t("retention.action.person"), person_ids,
                format_func=people.get, key="retention_action_person",
            )  # fmt: skip
            action_kind = middle.selectbox(
                t("retention.action.kind"), list(ACTION_KINDS),
                format_func=lambda code: t(f"retention.action.{code}"),
                key="retention_action_kind",
            )  # fmt: skip
            action_on = right.date_input(
                t("retention.action.taken_on"), value=today, max_value=today,
                key="retention_action_on",
            )  # fmt: skip
            action_note = st.text_input(t("retention.action.note"), key="retention_action_note")
            if st.form_submit_button(t("retention.action.submit"), type="primary"):
                saved = run_write(
                    lambda: rules.log_action(
                        db,
                        auth.actor(),
                        person_id=action_person,
                        action=action_kind,
                        note=action_note,
                        taken_on=action_on,
                        today=today,
                    )  # fmt: skip
                )
                if saved:
                    done(
                        t("retention.action.saved", person=people[action_person]),
                        "retention_action_note",
                    )
    rows = views.actions(path)
    if not rows:
        st.info(t("retention.action.empty"))
    else:
        show_table(
            pd.DataFrame(
                {
                    t("retention.col.when"): [r["taken_on"] for r in rows],
                    t("retention.col.name"): [r["person_name"] for r in rows],
                    t("retention.action.kind"): [
                        t(f"retention.action.{r['action']}") for r in rows
                    ],
                    t("retention.col.note"): [r["note"] for r in rows],
                    t("retention.col.by"): [r["taken_by"] for r in rows],
                }
            ),
            hide_index=True,
        )

# ---------------------------------------------------------------- exits
with tabs[4]:
    if not exit_rows:
        st.info(t("retention.exits.empty"))
    else:
        left, right = st.columns([3, 2])
        left.altair_chart(
            views.exit_trend_chart(views.exits_by_month(exit_rows, today), lang),
            width="stretch",
        )
        right.altair_chart(
            views.exit_reason_chart(views.exits_by_reason(exit_rows), lang),
            width="stretch",
        )
        show_table(
            pd.DataFrame(
                {
                    t("retention.col.left"): [e["left_on"] for e in exit_rows],
                    t("retention.col.name"): [e["name"] for e in exit_rows],
                    t("retention.col.reason"): [label("exit", e["exit_reason"]) for e in exit_rows],
                    t("retention.col.joined"): [e["joined_on"] for e in exit_rows],
                    t("retention.col.note"): [e["exit_note"] for e in exit_rows],
                }
            ),
            hide_index=True,
        )

# ---------------------------------------------------------------- thresholds
with tabs[5]:
    st.caption(t("retention.settings.intro"))
    current = views.settings(path)
    with st.form("retention_settings_form"):
        values = {}
        columns = st.columns(2)
        for index, (key, (low, high)) in enumerate(rules.SETTING_BOUNDS.items()):
            values[key] = columns[index % 2].number_input(
                t(f"retention.settings.{key}"), min_value=low, max_value=high,
                value=current[key], step=1, key=f"retention_setting_{key}",
            )  # fmt: skip
        if st.form_submit_button(
            t("retention.settings.submit"), type="primary", disabled=not writer
        ):
            saved = run_write(lambda: rules.save_settings(db, auth.actor(), values))
            if saved:
                done(t("retention.settings.saved"))
