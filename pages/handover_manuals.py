"""Handover manuals (岗位移交说明书): each role's versioned manual, how fresh it is, its
history and print view; and the handovers that pass a role on with the manual's checklist,
acknowledged by the successor. ``?print=<role code>`` shows one manual alone for printing."""

import streamlit as st

from dashboard import auth
from dashboard import handover_panels as handover
from dashboard import manual_panels as panels
from dashboard import manual_views as views
from dashboard.clock import today
from dashboard.i18n import current_language, t
from dashboard.navigation import ensure_app_shell
from dashboard.session import page_db, page_header
from dashboard.tabs import open_tab_panels
from db.access import writable_group_ids

ensure_app_shell()

db, path = page_db()
actor = auth.actor()
ctx = panels.ManualsContext(
    db=db,
    path=path,
    lang=current_language(),
    actor=actor,
    day=today(),
    writable=writable_group_ids(db, actor),
)

printing = st.query_params.get("print")
if printing:  # the printable view: the manual alone, e.g. ?print=owner
    panels.print_view(ctx, printing)
    st.stop()

page_header(t("manual.title"), t("manual.intro"))

manuals = views.role_manuals(path)
roles = {manual["role_id"]: manual for manual in manuals}

# the handovers' forms, checklists and pinned manuals run only while their tab is open;
# the manuals' tab always runs, so a manual being edited survives a look at the handovers
open_tab_panels(
    "manual_tabs",
    ctx,
    {
        t("manual.tab.manuals"): [lambda ctx: panels.manuals_panel(ctx, manuals, roles)],
        t("manual.tab.handovers"): [lambda ctx: handover.handovers_panel(ctx, roles)],
    },
    keep=panels.KEPT_KEYS,
    always=[t("manual.tab.manuals")],
)
