"""Newcomers and coaches (新人与运营教练): alerts on newcomers without a coach or a recent
retrospective, the newcomers with the automatic coach plan, the coaches' load, the
retrospectives (复盘) with graduation, and the onboarding plans."""

import streamlit as st

from dashboard import auth, clock, onboarding_views
from dashboard import coaching_panels as panels
from dashboard import coaching_views as views
from dashboard.i18n import current_language, t
from dashboard.navigation import ensure_app_shell
from dashboard.scope import can_write_group, in_scope_first
from dashboard.session import page_db, page_header, show_notices
from db.access import writable_people

ensure_app_shell()

db, path = page_db()
lang = current_language()
today = clock.today()
writer = auth.can_write()
mine = writable_people(db, auth.actor()) if writer else set()  # None: everyone

page_header(t("coaching.title"), t("coaching.caption"))
if not writer:
    st.info(t("coaching.read_only"))

newcomers = views.newcomers_frame(path, today.isoformat())
coaches = views.coaches_frame(path)
names = dict(zip(newcomers["id"], newcomers["name"], strict=True))
ctx = panels.CoachingContext(
    db=db,
    path=path,
    lang=lang,
    today=today,
    writer=writer,
    mine=mine,
    newcomers=newcomers,
    coaches=coaches,
    names=names,
    coach_names=dict(zip(coaches["id"], coaches["name"], strict=True)),
    newcomer_ids=in_scope_first(list(newcomers["id"]), mine, int),  # a lead's own first
)

panels.alerts_panel(path, today)
panels.metrics(ctx)

# only the open tab runs (on_change="rerun"): the coaches' chart, the retrospectives'
# timeline and the onboarding plans cost nothing while a lead matches newcomers
tab_newcomers, tab_coaches, tab_retros, tab_onboarding = st.tabs(
    [
        t("coaching.tab.newcomers"),
        t("coaching.tab.coaches"),
        t("coaching.tab.retros"),
        t("coaching.tab.onboarding"),
    ],
    key="coaching_tab",
    on_change="rerun",
)
if tab_newcomers.open:
    with tab_newcomers:
        panels.newcomers_panel(ctx)
if tab_coaches.open:
    with tab_coaches:
        panels.coaches_panel(coaches, lang)
if tab_retros.open:
    with tab_retros:
        panels.retro_timeline(ctx)
        if not newcomers.empty:
            panels.retrospective_panel(ctx)
if tab_onboarding.open:
    with tab_onboarding:
        show_notices(onboarding_views.NOTICES)
        onboarding_views.due_this_week(path, today, lang)
        if not newcomers.empty:
            plan_person = st.selectbox(
                t("coaching.plan.person"),
                options=ctx.newcomer_ids,
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
