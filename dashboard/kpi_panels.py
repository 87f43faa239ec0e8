"""Panels of the KPI board page: the Results and Process tabs and the Activity → results
tab, over the context every panel shares. The page script stays a few lines long:
Streamlit recompiles it on every run, while this module is imported once. The panels that
write (Enter data, Settings) are in ``dashboard.kpi_entry_panels``."""

from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd
import streamlit as st

from dashboard.domain import kpis as rules
from dashboard.export import table_downloads
from dashboard.grids import data_grid
from dashboard.i18n import t
from dashboard.kpi_charts import chart_spec
from dashboard.kpi_views import (
    board,
    correlation,
    group_frame,
    kpi_name,
    missed_with_process,
    number_text,
    people,
    people_frame,
    rag_legend,
    ranking_frame,
    ranking_title,
    relation_rows,
    scope_figures,
    status_text,
    summary_frame,
    team_total_text,
    tier_frame,
    trend,
    trend_frame,
)
from dashboard.session import notify
from dashboard.tables import show_table

NONCE_KEY = "kpi_nonce"  # bumped after a write, so grids and uploads start afresh


def done(message: str) -> None:
    """Keep the success message for the page, reset the grids and rerun with the new
    figures."""
    notify(message)
    st.session_state[NONCE_KEY] += 1
    st.rerun()


@dataclass
class BoardContext:
    """What every panel of the board needs: the session, the filters and, through
    ``rows_of``, the board rows (computed for the tabs that show them)."""

    db: Any
    path: str
    lang: str
    today: date
    writer: bool
    kpis: list[dict]
    by_id: dict[int, dict]
    groups: list[dict]
    group_names: dict[int, str]
    period: rules.Period
    tier: str | None
    group_id: int | None
    scope_ids: set[int]

    def rows_of(self, kpi_kind: str) -> list[dict]:
        """The board rows of the ``kpi_kind`` KPIs in the scope, in board order."""
        rows = board(
            self.path,
            self.period.kind,
            self.period.start.isoformat(),
            self.today.isoformat(),
            kpi_kind,
        )
        return [r for r in rows if r["group_id"] in self.scope_ids]

    def grid(self, name: str, frame: pd.DataFrame, key: str, id_column: str, **options) -> None:
        """An editable grid (``dashboard.grids``) for writers; the same table, read-only,
        for everybody else."""
        editing = {n: options.pop(n) for n in ("num_rows", "disabled") if n in options}
        if self.writer:
            data_grid(name, frame, key, id_column, **editing, **options)
        else:
            show_table(frame, hide_index=True, **options)


def kind_panel(ctx: BoardContext, kpi_kind: str) -> None:
    """The Results or Process tab: summary, metrics, trend, ranking, drill-down."""
    kind_kpis = [k for k in ctx.kpis if k["kind"] == kpi_kind]
    if not kind_kpis:
        st.info(t("kpi.empty"))
        return
    kind_rows = ctx.rows_of(kpi_kind)
    if not kind_rows:
        st.info(t("kpi.no_values"))
        return
    st.subheader(t("kpi.summary.title", kind=t(f"kpi.kind.{kpi_kind}")))
    show_table(
        summary_frame(kind_kpis, kind_rows, ctx.lang),
        hide_index=True,
        key=f"kpi_{kpi_kind}_summary",
    )
    kpi_id = st.selectbox(
        t("kpi.pick_kpi"),
        [k["id"] for k in kind_kpis],
        format_func=lambda i: kpi_name(ctx.by_id[i], ctx.lang),
        key=f"kpi_{kpi_kind}_kpi",
    )
    kpi = ctx.by_id[kpi_id]
    figures = scope_figures(kpi, kind_rows)
    if kpi.get("activity_metric"):
        st.caption(t("kpi.source.computed_note", kpi=kpi_name(kpi, ctx.lang)))
    members = [r for r in kind_rows if r["kpi_id"] == kpi_id]
    if len(members) > 1:  # the figures below combine groups that may differ
        st.caption(
            team_total_text(len(members), sum(1 for r in members if r["rag"] == "red"), ctx.lang)
        )
    metric_cols = st.columns(4)
    metric_cols[0].metric(
        t("kpi.col.actual"),
        number_text(figures["actual"], kpi["unit"], ctx.lang),
        delta=None if figures["change"] is None else f"{figures['change']:+.1f}%",
        delta_color="normal" if kpi["direction"] == "up" else "inverse",
    )
    metric_cols[1].metric(
        t("kpi.col.target"), number_text(figures["target"], kpi["unit"], ctx.lang)
    )
    metric_cols[2].metric(
        t("kpi.col.attainment"), number_text(figures["attainment"], "%", ctx.lang)
    )
    metric_cols[3].metric(t("kpi.col.status"), status_text(figures["rag"]))
    st.caption(rag_legend(ctx.lang))
    chart_left, chart_right = st.columns(2)
    monthly = trend(ctx.path, kpi_id, ctx.tier, ctx.group_id, ctx.period.end.isoformat()[:7])
    chart_left.vega_lite_chart(
        chart_spec(
            "trend",
            trend_frame(monthly, ctx.lang),
            f"{kpi_name(kpi, ctx.lang)} · {t('kpi.trend.title')}",
        ),
        key=f"kpi_{kpi_kind}_trend",
    )
    ranking = ranking_frame(kpi, kind_rows, ctx.lang)
    if len(ranking):
        chart_right.vega_lite_chart(
            chart_spec("ranking", ranking, ranking_title(kpi, kind_rows, ctx.lang)),
            key=f"kpi_{kpi_kind}_ranking",
        )
    if ctx.group_id is None and ctx.tier is None:
        st.markdown(f"**{t('kpi.tiers.title')}**")
        show_table(tier_frame(kpi, kind_rows, ctx.lang), hide_index=True)
    st.markdown(f"**{t('kpi.groups.title')}**")
    only_missed = st.toggle(t("kpi.only_missed"), key=f"kpi_{kpi_kind}_missed")
    shown = group_frame(kpi, kind_rows, ctx.lang, only_missed)
    if shown.empty and only_missed:
        st.success(t("kpi.groups.none_missed"))
    else:
        show_table(shown, hide_index=True, key=f"kpi_{kpi_kind}_groups")
    table_downloads(
        shown,
        f"kpi_{kpi['code']}_{ctx.period.code}",
        f"kpi_{kpi_kind}",
        t("kpi.export"),
        t("kpi.export_xlsx"),
    )
    if ctx.group_id is None:
        st.caption(t("kpi.people.hint"))
    else:
        group_row = next((r for r in kind_rows if r["kpi_id"] == kpi_id), None)
        st.markdown(f"**{t('kpi.people.title', group=ctx.group_names[ctx.group_id])}**")
        crew = people_frame(
            kpi,
            people(
                ctx.path, ctx.group_id, ctx.period.start.isoformat(), ctx.period.end.isoformat()
            ),
            group_row["actual"] if group_row else None,
            ctx.lang,
        )
        if crew.empty:
            st.caption(t("kpi.people.empty", group=ctx.group_names[ctx.group_id]))
        else:
            show_table(crew, hide_index=True, key=f"kpi_{kpi_kind}_people")


def relation_panel(ctx: BoardContext) -> None:
    """The Activity → results tab: process vs result attainment across groups."""
    st.caption(t("kpi.relation.intro"))
    process_kpis = [k["id"] for k in ctx.kpis if k["kind"] == "process"]
    result_kpis = [k["id"] for k in ctx.kpis if k["kind"] == "result"]
    if not process_kpis or not result_kpis:
        st.info(t("kpi.empty"))
    else:
        pick_left, pick_right = st.columns(2)
        process_id = pick_left.selectbox(
            t("kpi.relation.process"),
            process_kpis,
            format_func=lambda i: kpi_name(ctx.by_id[i], ctx.lang),
            key="kpi_relation_process",
        )
        result_id = pick_right.selectbox(
            t("kpi.relation.result"),
            result_kpis,
            format_func=lambda i: kpi_name(ctx.by_id[i], ctx.lang),
            key="kpi_relation_result",
        )
        process_name = kpi_name(ctx.by_id[process_id], ctx.lang)
        result_name = kpi_name(ctx.by_id[result_id], ctx.lang)
        rows = [*ctx.rows_of("result"), *ctx.rows_of("process")]
        pairs = relation_rows(rows, process_id, result_id)
        if len(pairs) < 2:
            st.info(t("kpi.relation.empty"))
        else:
            st.vega_lite_chart(
                chart_spec("relation", pd.DataFrame(pairs), process_name, result_name),
                key="kpi_relation_chart",
            )
            r = correlation(pairs)
            if r is not None:
                st.caption(t("kpi.relation.correlation", r=r))
            st.markdown(
                f"**{t('kpi.relation.missed_title', result=result_name, process=process_name)}**"
            )
            missed = missed_with_process(pairs, result_name, process_name, ctx.lang)
            if missed.empty:
                st.success(t("kpi.groups.none_missed"))
            else:
                show_table(missed, hide_index=True, key="kpi_relation_missed")
                table_downloads(
                    missed,
                    f"kpi_missed_{ctx.period.code}",
                    "kpi_relation",
                    t("kpi.export"),
                    t("kpi.export_xlsx"),
                )
