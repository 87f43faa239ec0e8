"""Handover manuals (岗位移交说明书): each role's versioned manual, how fresh it is, its
history and print view; and the handovers that pass a role on with the manual's checklist,
acknowledged by the successor. ``?print=<role code>`` shows one manual alone for printing."""

import streamlit as st

from dashboard import auth
from dashboard import handover_panels as handover
from dashboard import manual_panels as panels
from dashboard import manual_views as views
from dashboard.clock import today
from dashboard.domain import manuals as rules
from dashboard.i18n import current_language, t
from dashboard.navigation import ensure_app_shell
from dashboard.session import page_db, page_header
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

manuals_tab, handovers_tab = st.tabs(
    [t("manual.tab.manuals"), t("manual.tab.handovers")], key="manual_tabs"
)
manuals = views.role_manuals(path)
roles = {manual["role_id"]: manual for manual in manuals}

# ---------------------------------------------------------------- manuals
with manuals_tab:
    stale_days = st.number_input(
        t("manual.stale_days"),
        min_value=7,
        max_value=730,
        value=rules.DEFAULT_STALE_DAYS,
        step=15,
        key="manual_stale_days",
    )
    status = panels.freshness(ctx, manuals, int(stale_days))
    editable = panels.editable_roles(ctx, roles)
    role_id = panels.pick_role(roles, editable, status, ctx.lang)
    role = roles[role_id]
    can_edit = role_id in editable
    versions = views.manual_versions(path, role_id)
    latest = versions[0] if versions else None

    current_tab, edit_tab, history_tab, print_tab = st.tabs(
        [
            t("manual.view.current"),
            t("manual.view.edit"),
            t("manual.view.history"),
            t("manual.view.print"),
        ],
        key="manual_view_tabs",
    )
    with current_tab:
        panels.current_manual(ctx, role, latest, int(stale_days), can_edit)
    with edit_tab:
        panels.edit_manual(ctx, role, versions, can_edit)
    with history_tab:
        panels.manual_history(ctx, role, versions)
    with print_tab:
        panels.print_preview(ctx, role, latest)

# ---------------------------------------------------------------- handovers
with handovers_tab:
    every_handover = views.handovers(path)
    open_rows = [h for h in every_handover if not h["acknowledged_on"] and not h["cancelled_on"]]
    closed_rows = [h for h in every_handover if h["acknowledged_on"] or h["cancelled_on"]]
    if auth.can_write():
        handover.start_form(ctx, roles, expanded=not open_rows)
    st.subheader(t("manual.handover.open"))
    handover.handover_metrics(open_rows, closed_rows, ctx.day)
    if not open_rows:
        st.info(t("manual.handover.none_open"))
    for row in open_rows:
        handover.open_handover(ctx, row)
    handover.closed_handovers(closed_rows, ctx.lang)
