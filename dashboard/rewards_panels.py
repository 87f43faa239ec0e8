"""Panels of the rewards page (ledger, budgets with their burn-down, points balances) and
the KPI board's cost vs revenue panel. Loaders, frames and charts are in
``rewards_views``; the rules in ``dashboard.domain.rewards``."""

from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd
import streamlit as st
from sqlite_utils import Database

from dashboard import auth, retention_views
from dashboard import rewards_views as views
from dashboard.domain import kpis
from dashboard.domain import rewards as rules
from dashboard.export import table_downloads
from dashboard.grids import data_grid, forget_grid, save_grid
from dashboard.i18n import t
from dashboard.i18n.formats import format_date
from dashboard.kpi_panels import BoardContext, done
from dashboard.scope import in_scope
from dashboard.session import run_write, submit, submit_clearing
from dashboard.tables import show_table

REVERSING = "rewards_reversing"  # whether the reverse form's expander is open


@dataclass(frozen=True)
class RewardsContext:
    """What the page's panels read: the session, the reader and the groups they see."""

    db: Database
    path: str
    lang: str
    today: date
    writable: set[int] | None  # groups the reader may give in (``None``: all)
    groups: list[dict]

    @property
    def group_names(self) -> dict[int, str]:
        return {g["id"]: g["name"] for g in self.groups}

    @property
    def giving_groups(self) -> list[int]:
        """Groups the reader may give rewards and set budgets in (not the management tier)."""
        ids = [g["id"] for g in self.groups if g["tier"] != "management"]
        return in_scope(ids, self.writable)

    @property
    def seen_groups(self) -> tuple[int, ...] | None:
        return seen_groups(self.writable)


def seen_groups(writable: set[int] | None) -> tuple[int, ...] | None:
    """Groups whose ledger a reader with ``writable`` groups sees: a lead their scope; an
    admin, a lead of the whole tree and a viewer (who reads every page) everything."""
    if writable is None or not writable:
        return None
    return tuple(sorted(writable))


def _money(value: float, lang: str) -> str:
    return t("rewards.money", lang, amount=f"{value:,.2f}".rstrip("0").rstrip("."))


# ---------------------------------------------------------------- ledger


def ledger_panel(ctx: RewardsContext) -> None:
    """The give and reverse forms (for writers), then the entries."""
    rows = views.entries(ctx.path, ctx.seen_groups)
    if ctx.writable is None or ctx.writable:
        if ctx.giving_groups:
            give_form(ctx)
            reverse_form(ctx, rows)
        else:
            st.info(t("rewards.give.no_group"))
    st.subheader(t("rewards.entries.title"))
    entries_table(rows, ctx.lang)


def entries_table(rows: list[dict], lang: str) -> None:
    """The ledger's entries, or a line saying there are none."""
    if not rows:
        st.info(t("rewards.entries.empty"))
        return
    show_table(views.entries_frame(rows, lang), hide_index=True, key="rewards_entries")


def give_form(ctx: RewardsContext) -> None:
    """Give points and/or money in a group of the reader's scope; shows the budget left."""
    names = ctx.group_names
    group_id = st.selectbox(
        t("rewards.give.group"),
        ctx.giving_groups,
        format_func=names.get,
        key="rewards_give_group",
    )
    left = views.budget_left(ctx.path, group_id, ctx.today.isoformat())
    quarter = rules.quarter_of(ctx.today).code
    if left is None:
        st.caption(t("rewards.give.no_budget", group=names[group_id], quarter=quarter))
    else:
        st.caption(
            t(
                "rewards.give.left",
                group=names[group_id],
                quarter=quarter,
                left=f"{left['left']:g}",
                budget=f"{left['budget']:g}",
            )
        )
    members = views.group_members(ctx.path, group_id)
    if not members:
        st.info(t("rewards.give.nobody"))
        return
    people = retention_views.present_people(ctx.path)
    with st.form("rewards_give_form"):
        st.markdown(f"**{t('rewards.give.form')}**")
        left_col, points_col, money_col = st.columns([2, 1, 1])
        person = left_col.selectbox(
            t("rewards.give.person"), list(members), format_func=members.get, key="rewards_person"
        )
        points = points_col.number_input(
            t("rewards.give.points"), min_value=0, step=10, value=0, key="rewards_points"
        )
        money = money_col.number_input(
            t("rewards.give.money"), min_value=0.0, step=10.0, value=0.0, key="rewards_money"
        )
        reason = st.text_input(
            t("rewards.give.reason"),
            placeholder=t("rewards.give.reason_help"),
            key="rewards_reason",
        )
        day_col, by_col = st.columns(2)
        given_on = day_col.date_input(
            t("rewards.give.given_on"), value=ctx.today, max_value=ctx.today, key="rewards_day"
        )
        given_by = by_col.selectbox(
            t("rewards.give.given_by"),
            [None, *people],
            format_func=lambda pid: t("common.none") if pid is None else people[pid],
            key="rewards_given_by",
        )
        if st.form_submit_button(t("rewards.give.submit"), type="primary"):
            submit_clearing(
                lambda: rules.give(
                    ctx.db,
                    auth.actor(),
                    person_id=person,
                    group_id=group_id,
                    points=points,
                    money=money,
                    reason=reason,
                    given_on=given_on,
                    given_by=given_by,
                    today=ctx.today,
                ),
                t("rewards.give.saved", person=members[person]),
                "rewards_reason",
                "rewards_points",
                "rewards_money",
            )


def reverse_form(ctx: RewardsContext, rows: list[dict]) -> None:
    """Reverse an entry of the reader's scope with a reason. The form (a picker of every
    entry that may be reversed: about 2,000 on the large community) is built only while its
    expander is open."""
    giving = set(ctx.giving_groups)  # a list: each ``in`` would walk it
    open_rows = [r for r in views.reversible(rows) if r["group_id"] in giving]
    if not open_rows:
        return
    reversing = st.expander(t("rewards.reverse.form"), key=REVERSING, on_change="rerun")
    if not reversing.open:
        return
    by_id = {r["id"]: r for r in open_rows}
    with reversing, st.form("rewards_reverse_form"):
        entry_id = st.selectbox(
            t("rewards.reverse.entry"),
            list(by_id),
            format_func=lambda i: t(
                "rewards.reverse.label",
                id=i,
                day=by_id[i]["given_on"],
                person=by_id[i]["person_name"],
                points=by_id[i]["points"],
                money=f"{by_id[i]['money']:g}",
                reason=by_id[i]["reason"],
            ),
            key="rewards_reverse_entry",
        )
        why = st.text_input(t("rewards.reverse.reason"), key="rewards_reverse_reason")
        if st.form_submit_button(t("rewards.reverse.submit")):
            submit(
                lambda: rules.reverse(
                    ctx.db, auth.actor(), entry_id=entry_id, reason=why, today=ctx.today
                ),
                t("rewards.reverse.saved", entry=entry_id),
            )


# ---------------------------------------------------------------- budgets


def budgets_panel(ctx: RewardsContext) -> None:
    """Budgets of a quarter per group, the set-budget form, and one group's burn-down."""
    following = rules.quarter_of(rules.quarter_of(ctx.today).end + timedelta(days=1))
    quarters = [following, *kpis.recent_periods("quarter", ctx.today, 4)]
    start = st.selectbox(
        t("rewards.budget.quarter"),
        [q.start.isoformat() for q in quarters],
        index=1,
        format_func=lambda iso: rules.quarter_of(date.fromisoformat(iso)).code,
        key="rewards_quarter",
    )
    quarter = rules.quarter_of(date.fromisoformat(start))
    rows = views.budgets(ctx.path, start)
    seen = ctx.seen_groups
    rows = [
        r for r in rows if r["tier"] != "management" and (seen is None or r["group_id"] in seen)
    ]
    used = t("rewards.col.used")
    show_table(
        views.budgets_frame(rows, ctx.lang),
        hide_index=True,
        key="rewards_budgets",
        column_config={
            used: st.column_config.ProgressColumn(used, min_value=0, max_value=100, format="%d%%")
        },
    )
    if ctx.giving_groups:
        budget_form(ctx, quarter)
    burn_down(ctx, quarter, rows)


def budget_form(ctx: RewardsContext, quarter: kpis.Period) -> None:
    names = ctx.group_names
    with st.form("rewards_budget_form"):
        st.markdown(f"**{t('rewards.budget.form')}** · {quarter.code}")
        group_col, amount_col = st.columns([2, 1])
        group_id = group_col.selectbox(
            t("rewards.budget.group"),
            ctx.giving_groups,
            format_func=names.get,
            key="rewards_budget_group",
        )
        amount = amount_col.number_input(
            t("rewards.budget.amount"), min_value=0.0, step=100.0, key="rewards_budget_amount"
        )
        if st.form_submit_button(t("rewards.budget.submit"), type="primary"):
            submit(
                lambda: rules.set_budget(
                    ctx.db, auth.actor(), group_id=group_id, quarter=quarter.code, amount=amount
                ),
                t("rewards.budget.saved", group=names[group_id], quarter=quarter.code),
            )


def burn_down(ctx: RewardsContext, quarter: kpis.Period, rows: list[dict]) -> None:
    """The burn-down chart of the chosen group's budget in the quarter."""
    with_budget = [r for r in rows if r["budget"]]
    if not with_budget:
        st.info(t("rewards.burn.none"))
        return
    by_id = {r["group_id"]: r for r in with_budget}
    group_id = st.selectbox(
        t("rewards.burn.group"),
        list(by_id),
        format_func=lambda g: by_id[g]["group_name"],
        key="rewards_burn_group",
    )
    daily = views.daily_spending(ctx.path, group_id, quarter.start.isoformat())
    frame = views.burn_frame(by_id[group_id]["budget"], daily, quarter, ctx.today)
    title = t("rewards.chart.burn", group=by_id[group_id]["group_name"], quarter=quarter.code)
    st.altair_chart(views.burn_chart(frame, ctx.lang, title), width="stretch")


# ---------------------------------------------------------------- points


def points_panel(ctx: RewardsContext) -> None:
    """Everyone's points balance (a lead: the people of their scope), table and chart."""
    rows = views.points_balances(ctx.path)
    seen = ctx.seen_groups
    if seen is not None:
        mine = {r["person_id"] for r in views.entries(ctx.path, seen)}
        rows = [r for r in rows if r["person_id"] in mine]
    if not rows:
        st.info(t("rewards.points.empty"))
        return
    left, right = st.columns([2, 3])
    with left:
        show_table(
            pd.DataFrame(
                {
                    t("rewards.col.person"): [r["name"] for r in rows],
                    t("rewards.col.balance"): [r["balance"] for r in rows],
                    t("rewards.col.entries"): [r["entries"] for r in rows],
                    t("rewards.col.last"): [r["last_given"] for r in rows],
                }
            ),
            hide_index=True,
            key="rewards_points_table",
        )
    right.altair_chart(views.points_chart(rows, ctx.lang), width="stretch")


# ---------------------------------------------------------------- cost vs revenue (KPI board)


def cost_revenue_panel(ctx: BoardContext) -> None:
    """The board's period and scope: cost by category, revenue, margin and cost per new
    member per group (metrics, chart, table, exports), then cost entry and import."""
    months = ctx.period.months
    group_ids = tuple(g["id"] for g in ctx.groups if g["id"] in ctx.scope_ids)
    st.caption(
        t(
            "rewards.costs.caption",
            start=format_date(ctx.period.start, ctx.lang, "long"),
            end=format_date(ctx.period.end, ctx.lang, "long"),
        )
    )
    if not group_ids:
        st.info(t("rewards.costs.empty"))
        return
    if not views.has_revenue(ctx.path):
        st.warning(t("rewards.costs.no_revenue"))
    figures = views.cost_figures(ctx.path, months[0], months[-1], group_ids)
    total = views.totals(figures)
    columns = st.columns(4)
    for column, key in zip(columns, ("cost", "revenue", "margin", "cost_per_new"), strict=True):
        value = total[key]
        column.metric(t(f"rewards.metric.{key}"), "–" if value is None else _money(value, ctx.lang))
    st.altair_chart(views.cost_chart(figures, ctx.group_names, ctx.lang), width="stretch")
    frame = views.cost_frame(figures, ctx.group_names, ctx.lang)
    show_table(frame, hide_index=True, key="rewards_costs_table")
    if any(f.new_members_computed for f in figures):
        st.caption(t("rewards.costs.computed"))
    table_downloads(frame, f"cost_revenue_{ctx.period.code}", "rewards_costs_export")
    if ctx.writer:
        cost_entry(ctx)


def cost_entry(ctx: BoardContext) -> None:
    """The cost grid of a month (groups in the writer's scope) and the cost import."""
    st.subheader(t("rewards.costs.entry"))
    writable = in_scope(
        [g["id"] for g in ctx.groups if g["tier"] != "management"], auth.writable_groups()
    )
    grid_col, upload_col = st.columns([3, 2])
    with grid_col:
        month = st.selectbox(
            t("rewards.costs.month"),
            [p.code for p in kpis.recent_periods("month", ctx.today, 12)],
            key="rewards_cost_month",
        )
        st.caption(t("rewards.costs.grid_help"))
        frame = pd.DataFrame(
            views.cost_rows(ctx.path, month, tuple(writable)),
            columns=["group_id", "group", *rules.CATEGORIES],
        )
        key = f"rewards_cost_grid_{month}_{st.session_state.get('kpi_nonce', 0)}"
        money = {
            c: st.column_config.NumberColumn(t(f"rewards.category.{c}"), min_value=0, format="%g")
            for c in rules.CATEGORIES
        }
        data_grid(
            "rewards_costs",
            frame,
            key,
            "group_id",
            disabled=["group", "rewards"],
            column_config={"group": st.column_config.TextColumn(t("rewards.col.group")), **money},
        )
        if st.button(t("common.save"), key="rewards_cost_save"):
            count = save_grid(
                "rewards_costs",
                ctx.db,
                lambda fresh: pd.DataFrame(
                    rules.cost_rows(fresh, month, writable),
                    columns=["group_id", "group", *rules.CATEGORIES],
                ),
                lambda changes: rules.save_cost_grid(ctx.db, auth.actor(), month, changes),
            )
            if count:
                forget_grid("rewards_costs")
                done(t("rewards.costs.saved", count=count))
    with upload_col:
        st.caption(t("rewards.costs.upload_help"))
        upload = st.file_uploader(
            t("rewards.costs.upload"),
            type=["csv", "tsv", "txt", "xlsx", "xls"],
            key=f"rewards_cost_upload_{st.session_state.get('kpi_nonce', 0)}",
        )
        if upload is None:
            return
        table = run_write(lambda: rules.read_cost_upload(upload.name, upload.getvalue()))
        if table is None:
            return
        st.caption(t("rewards.costs.preview", rows=len(table.records), name=upload.name))
        if st.button(t("rewards.costs.import"), type="primary", key="rewards_cost_import"):
            count = run_write(
                lambda: rules.import_costs(
                    ctx.db, auth.actor(), table.records, ctx.today, table.lines
                )
            )
            if count:
                done(t("rewards.costs.imported", count=count))
