"""KPI board: result and process KPIs against their targets per period, tier and group,
how activity relates to results, data entry and upload, and the KPI settings."""

import streamlit as st

from dashboard import auth, clock
from dashboard import kpi_views as views
from dashboard.domain import kpis as rules
from dashboard.i18n import current_language, label, t
from dashboard.i18n.formats import format_date
from dashboard.kpi_entry_panels import entry_panel, settings_panel
from dashboard.kpi_panels import NONCE_KEY, BoardContext, kind_panel, relation_panel
from dashboard.navigation import ensure_app_shell
from dashboard.rewards_panels import cost_revenue_panel
from dashboard.session import page_db, page_header
from dashboard.tabs import open_tab_panels

ensure_app_shell()

db, path = page_db()
lang = current_language()
today = clock.today()
writer = auth.can_write()
st.session_state.setdefault(NONCE_KEY, 0)

page_header(t("kpi.title"), t("kpi.caption"))
if not writer:
    st.info(t("kpi.read_only"))

kpis = views.kpi_list(path)
groups = views.group_list(path)
by_id = {k["id"]: k for k in kpis}
group_names = {g["id"]: g["name"] for g in groups}

# ---------------------------------------------------------------- filters
left, middle, tier_col, group_col = st.columns([1.2, 1.2, 1, 1.4])
kind = left.radio(
    t("kpi.filter.period_kind"),
    rules.PERIOD_KINDS,
    index=1,
    horizontal=True,
    format_func=lambda k: t(f"kpi.period.{k}", lang),
    key="kpi_period_kind",
)
periods = rules.recent_periods(kind, today, 12)
codes = [p.code for p in periods]
period_code = middle.selectbox(
    t("kpi.filter.period"),
    codes,
    index=1,
    format_func=lambda c: (
        t("kpi.period.current", lang, code=views.period_text(periods[codes.index(c)], lang))
        if c == codes[0]
        else views.period_text(periods[codes.index(c)], lang)
    ),
    key=f"kpi_period_{kind}",
)
period = periods[codes.index(period_code)]
before = rules.previous(period)
tier = tier_col.selectbox(
    t("kpi.filter.tier"),
    [None, "management", "core", "ordinary"],
    format_func=lambda c: t("common.all", lang) if c is None else label("tier", c, lang),
    key="kpi_tier",
)
tier_groups = views.scope_groups(groups, tier, None)
group_id = group_col.selectbox(
    t("kpi.filter.group"),
    [None, *[g["id"] for g in tier_groups]],
    format_func=lambda g: t("common.all", lang) if g is None else group_names[g],
    key="kpi_group",
)
scope = views.scope_groups(groups, tier, group_id)
scope_ids = {g["id"] for g in scope}
st.caption(
    t(
        "kpi.period.range",
        start=format_date(period.start, lang, "long"),
        end=format_date(period.end, lang, "long"),
        previous=views.period_text(before, lang),
    )
)

elapsed = rules.elapsed_share(period, today)
if elapsed < 1:
    st.caption(t("kpi.period.prorated", pct=round(elapsed * 100)))
ctx = BoardContext(
    db=db,
    path=path,
    lang=lang,
    today=today,
    writer=writer,
    kpis=kpis,
    by_id=by_id,
    groups=groups,
    group_names=group_names,
    period=period,
    tier=tier,
    group_id=group_id,
    scope_ids=scope_ids,
)
# only the open tab runs, so the board costs one panel per rerun, and its rows are
# computed for the tabs that show them (``BoardContext.rows_of``)
open_tab_panels(
    "kpi_tab",
    ctx,
    {
        t("kpi.tab.result"): [lambda ctx: kind_panel(ctx, "result")],
        t("kpi.tab.process"): [lambda ctx: kind_panel(ctx, "process")],
        t("kpi.tab.relation"): [relation_panel],
        t("kpi.tab.entry"): [entry_panel],
        t("kpi.tab.settings"): [settings_panel],
        t("rewards.tab.costs"): [cost_revenue_panel],
    },
)
