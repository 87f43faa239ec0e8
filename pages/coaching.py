"""Newcomers and coaches (新人与运营教练): alerts on newcomers without a coach or a recent
retrospective, the newcomers with the automatic coach plan, the coaches' load, the
retrospectives (复盘) with graduation, and the onboarding plans."""

import streamlit as st

from dashboard import auth, clock
from dashboard import coaching_panels as panels
from dashboard import coaching_views as views
from dashboard.i18n import current_language, t
from dashboard.navigation import ensure_app_shell
from dashboard.scope import in_scope_first
from dashboard.session import page_db, page_header
from dashboard.tabs import open_tab_panels
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

# only the open tab runs: the coaches' chart, the retrospectives' timeline and the
# onboarding plans cost nothing while a lead matches newcomers
open_tab_panels(
    "coaching_tab",
    ctx,
    {
        t("coaching.tab.newcomers"): [panels.newcomers_panel],
        t("coaching.tab.coaches"): [lambda ctx: panels.coaches_panel(ctx.coaches, ctx.lang)],
        t("coaching.tab.retros"): [panels.retros_panel],
        t("coaching.tab.onboarding"): [panels.onboarding_panel],
    },
)
