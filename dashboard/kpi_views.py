"""Loaders, frames and chart builders of the KPI board. Every loader aggregates in SQL
(from the monthly rollup, or the covering index for weeks) and never loads raw values
wholesale."""

import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from dashboard import auth
from dashboard.domain import kpis as rules
from dashboard.domain import tabular
from dashboard.export import safe_csv, table_downloads
from dashboard.grids import data_grid, save_grid
from dashboard.i18n import error_text, label, t
from dashboard.i18n.formats import format_date, format_number, localized
from dashboard.scope import in_scope
from dashboard.session import loader, reading, run_write
from dashboard.tables import show_table
from db import kpis as store
from db.activity import ACTIVITY_METRICS
from db.errors import ValidationError

RAG_COLOURS = {"green": "#2e7d32", "amber": "#f29d0b", "red": "#c62828", "none": "#9e9e9e"}
TREND_MONTHS = 12
RANKING_BAR_PX = 20  # room for one readable group name per bar


# ---------------------------------------------------------------- loaders


@loader()
def kpi_list(path: str) -> list[dict]:
    """Every KPI definition."""
    with reading(path) as db:
        return store.kpis(db)


@loader()
def group_list(path: str) -> list[dict]:
    """Live groups (id, name, tier, parent)."""
    with reading(path) as db:
        return store.groups(db)


@loader()
def board(path: str, kind: str, start_iso: str, today_iso: str) -> list[dict]:
    """Board rows of every (KPI, group) of the period starting ``start_iso`` (sum targets
    of a running period pro-rated to the days gone)."""
    period = rules.period_of(kind, date.fromisoformat(start_iso))
    before = rules.previous(period)
    elapsed = rules.elapsed_share(period, date.fromisoformat(today_iso))
    with reading(path) as db:
        return rules.board_rows(
            store.kpis(db),
            store.groups(db),
            store.period_actuals(db, period.start, period.end),
            store.period_actuals(db, before.start, before.end),
            rules.target_lookup(store.targets(db, period.months[0], period.months[-1])),
            period,
            elapsed,
        )


@loader()
def trend(path: str, kpi_id: int, group_ids: tuple[int, ...], last_month: str) -> list[dict]:
    """The scope's monthly actual and target of one KPI over the last 12 months."""
    months = _months_back(last_month, TREND_MONTHS)
    wanted = set(group_ids)
    with reading(path) as db:
        kpi = next(k for k in store.kpis(db) if k["id"] == kpi_id)
        rows = [
            r
            for r in store.monthly_actuals(db, months[0], months[-1], kpi_id=kpi_id)
            if r["group_id"] in wanted
        ]
        lookup = rules.target_lookup(store.targets(db, months[0], months[-1]))
    return rules.trend_rows(kpi, rows, lookup, list(group_ids), months)


@loader()
def people(path: str, group_id: int, start_iso: str, end_iso: str) -> list[dict]:
    """Per (KPI, person) of one group: sum, count and last value in the period."""
    with reading(path) as db:
        return store.person_actuals(
            db, group_id, date.fromisoformat(start_iso), date.fromisoformat(end_iso)
        )


@loader()
def raw_values(path: str, kpi_id: int, group_id: int, month: str) -> list[dict]:
    """One KPI's values in one group and month (for the grid editor)."""
    with reading(path) as db:
        return store.values_of(db, kpi_id, group_id, *month_days(month))


def month_days(month: str) -> tuple[date, date]:
    """The first and last day of month ``YYYY-MM``."""
    first = date.fromisoformat(f"{month}-01")
    return first, first.replace(day=rules.days_in_month(month))


def values_frame(values: list[dict]) -> pd.DataFrame:
    """One KPI's values in one group as the values grid shows them (ids kept, hidden)."""
    return pd.DataFrame(values, columns=["id", "day", "person_id", "person", "value"])


@loader()
def month_targets(path: str, month: str) -> list[dict]:
    """Targets of one month (defaults have ``group_id`` None)."""
    with reading(path) as db:
        return store.targets(db, month, month)


@loader()
def person_choices(path: str, group_id: int) -> list[dict]:
    """People with an open membership in the group (id, name, handle)."""
    with reading(path) as db:
        rows = db.execute(
            """SELECT DISTINCT p.id, p.name, p.handle FROM memberships m
               JOIN people p ON p.id = m.person_id
               WHERE m.group_id = ? AND m.end_on IS NULL ORDER BY p.name""",
            [group_id],
        ).fetchall()
    return [dict(row) for row in rows]


def _months_back(last_month: str, count: int) -> list[str]:
    year, month = int(last_month[:4]), int(last_month[5:7])
    index = year * 12 + month - 1
    return [f"{(index - i) // 12:04d}-{(index - i) % 12 + 1:02d}" for i in range(count)][::-1]


# ---------------------------------------------------------------- pure helpers


def kpi_name(kpi: dict, lang: str) -> str:
    """The KPI's name in ``lang`` (Chinese falls back to English)."""
    return localized(kpi, "name", lang)


def scope_groups(groups: list[dict], tier: str | None, group_id: int | None) -> list[dict]:
    """The groups a scope covers: one group, one tier, or every group."""
    if group_id is not None:
        return [g for g in groups if g["id"] == group_id]
    return [g for g in groups if tier is None or g["tier"] == tier]


def status_text(rag_code: str | None, lang: str | None = None) -> str:
    """A RAG code as shown in tables."""
    return t(f"kpi.rag.{rag_code or 'none'}", lang)


def _round(value: float | None, digits: int = 1) -> float | None:
    return None if value is None or pd.isna(value) else round(float(value), digits)


def scope_figures(kpi: dict, rows: list[dict]) -> dict:
    """One KPI over the scope's groups: actual, target, attainment %, RAG, change %."""
    members = [r for r in rows if r["kpi_id"] == kpi["id"]]
    actual = rules.combine(kpi["aggregation"], [r["actual"] for r in members])
    target = rules.combine(kpi["aggregation"], [r["target"] for r in members])
    before = rules.combine(kpi["aggregation"], [r["previous"] for r in members])
    pct = rules.attainment(actual, target, kpi["direction"])
    return {
        "actual": actual,
        "target": target,
        "attainment": pct,
        "rag": rules.rag(pct),
        "change": rules.change(actual, before),
    }


def period_text(period: rules.Period, lang: str) -> str:
    """A reporting period as the language names it: 2026年6月 / Jun 2026, 2026年第2季度 /
    Q2 2026, a week by its ISO number."""
    if period.kind == "week":
        year, week, _ = period.start.isocalendar()
        return t("kpi.period.week_of", lang, year=year, week=week)
    return format_date(period.start, lang, period.kind)


def team_total_text(groups: int, missed: int, lang: str | None = None) -> str:
    """What the headline figures are when they combine several groups, and how many of
    those groups missed on their own."""
    key = "kpi.headline.team_total_missed" if missed else "kpi.headline.team_total"
    return t(key, lang, groups=groups, missed=missed)


def rag_legend(lang: str | None = None) -> str:
    """The status colours and the attainment thresholds they stand for."""
    return t(
        "kpi.legend",
        lang,
        green=status_text("green", lang),
        amber=status_text("amber", lang),
        red=status_text("red", lang),
        green_at=f"{rules.GREEN_AT:g}",
        amber_at=f"{rules.AMBER_AT:g}",
    )


def number_text(value: float | None, unit: str = "", lang: str = "en") -> str:
    """A figure for a metric: the locale's grouping, at most one decimal, the unit (in
    ``lang``) after."""
    if value is None:
        return "–"
    text = format_number(value, lang)
    unit = label("unit", unit, lang) if unit else ""
    return f"{text} {unit}".strip() if unit and unit != "%" else text + unit


def source_text(kpi: dict, lang: str | None = None) -> str:
    """Where a KPI's values come from: computed from the chats' activity, or typed."""
    computed = kpi.get("activity_metric") is not None
    return t("kpi.source.computed" if computed else "kpi.source.typed", lang)


def summary_frame(kpis: list[dict], rows: list[dict], lang: str) -> pd.DataFrame:
    """One line per KPI over the scope's groups: actual, target, attainment, status."""
    lines = []
    for kpi in kpis:
        figures = scope_figures(kpi, rows)
        lines.append(
            {
                t("kpi.col.kpi", lang): kpi_name(kpi, lang),
                t("kpi.col.unit", lang): label("unit", kpi["unit"], lang),
                t("kpi.col.actual", lang): _round(figures["actual"]),
                t("kpi.col.target", lang): _round(figures["target"]),
                t("kpi.col.attainment", lang): _round(figures["attainment"]),
                t("kpi.col.status", lang): status_text(figures["rag"], lang),
                t("kpi.col.change", lang): _round(figures["change"]),
                t("kpi.col.missed", lang): sum(
                    1 for r in rows if r["kpi_id"] == kpi["id"] and r["rag"] == "red"
                ),
                t("kpi.col.source", lang): source_text(kpi, lang),
            }
        )
    return pd.DataFrame(lines)


def tier_frame(kpi: dict, rows: list[dict], lang: str) -> pd.DataFrame:
    """One line per tier for one KPI (the top of the drill-down)."""
    lines = []
    order = {"management": 0, "core": 1, "ordinary": 2}
    combined = sorted(rules.tier_rows([kpi], rows), key=lambda r: order.get(r["tier"], 9))
    for row in combined:
        lines.append(
            {
                t("kpi.col.tier", lang): label("tier", row["tier"], lang),
                t("kpi.col.groups", lang): row["groups"],
                t("kpi.col.actual", lang): _round(row["actual"]),
                t("kpi.col.target", lang): _round(row["target"]),
                t("kpi.col.attainment", lang): _round(row["attainment"]),
                t("kpi.col.status", lang): status_text(row["rag"], lang),
                t("kpi.col.missed", lang): row["missed"],
            }
        )
    return pd.DataFrame(lines)


def group_frame(kpi: dict, rows: list[dict], lang: str, only_missed: bool = False) -> pd.DataFrame:
    """One line per group for one KPI, worst attainment first."""
    members = [r for r in rows if r["kpi_id"] == kpi["id"]]
    if only_missed:
        members = [r for r in members if r["rag"] == "red"]
    members.sort(key=lambda r: (r["attainment"] is None, r["attainment"] or 0, r["group"]))
    columns = ["group", "tier", "actual", "target", "attainment", "status", "previous", "change"]
    return pd.DataFrame(
        [
            {
                t("kpi.col.group", lang): r["group"],
                t("kpi.col.tier", lang): label("tier", r["tier"], lang),
                t("kpi.col.actual", lang): _round(r["actual"]),
                t("kpi.col.target", lang): _round(r["target"]),
                t("kpi.col.attainment", lang): _round(r["attainment"]),
                t("kpi.col.status", lang): status_text(r["rag"], lang),
                t("kpi.col.previous", lang): _round(r["previous"]),
                t("kpi.col.change", lang): _round(r["change"]),
            }
            for r in members
        ],
        columns=[t(f"kpi.col.{c}", lang) for c in columns],
    )


def people_frame(kpi: dict, person_rows: list[dict], group_actual: float | None, lang: str):
    """One line per person of a group for one KPI, with their share of the group."""
    lines = []
    for row in person_rows:
        if row["kpi_id"] != kpi["id"]:
            continue
        value = rules.aggregate(kpi["aggregation"], row["total"], row["n"], row["last_value"])
        share = value / group_actual * 100 if group_actual and kpi["aggregation"] == "sum" else None
        lines.append(
            {
                t("kpi.col.person", lang): row["person"],
                t("kpi.col.actual", lang): _round(value),
                t("kpi.col.share", lang): _round(share),
            }
        )
    frame = pd.DataFrame(
        lines, columns=[t(f"kpi.col.{c}", lang) for c in ("person", "actual", "share")]
    )
    return frame.sort_values(t("kpi.col.actual", lang), ascending=False, ignore_index=True)


def relation_rows(rows: list[dict], process_id: int, result_id: int) -> list[dict]:
    """Per group with both KPIs: process and result attainment, and the result's RAG."""
    process = {r["group_id"]: r for r in rows if r["kpi_id"] == process_id}
    pairs = []
    for row in rows:
        if row["kpi_id"] != result_id or row["group_id"] not in process:
            continue
        other = process[row["group_id"]]
        if row["attainment"] is None or other["attainment"] is None:
            continue
        pairs.append(
            {
                "group": row["group"],
                "process": round(other["attainment"], 1),
                "result": round(row["attainment"], 1),
                "rag": row["rag"],
                "process_rag": other["rag"],
            }
        )
    return pairs


def correlation(pairs: list[dict]) -> float | None:
    """Pearson correlation of process and result attainment across groups."""
    if len(pairs) < 3:
        return None
    frame = pd.DataFrame(pairs)
    if frame["process"].std() == 0 or frame["result"].std() == 0:
        return None
    return round(float(frame["process"].corr(frame["result"])), 2)


def missed_with_process(pairs: list[dict], result: str, process: str, lang: str) -> pd.DataFrame:
    """Groups that missed the result KPI with their process attainment: was activity low?"""
    lines = [
        {
            t("kpi.col.group", lang): p["group"],
            t("kpi.col.process_attainment", lang, kpi=result): p["result"],
            t("kpi.col.process_attainment", lang, kpi=process): p["process"],
            t("kpi.col.process_status", lang, kpi=process): status_text(p["process_rag"], lang),
            t("kpi.relation.low_too", lang): t(
                "kpi.relation.yes" if p["process_rag"] != "green" else "kpi.relation.no", lang
            ),
        }
        for p in sorted(pairs, key=lambda p: p["result"])
        if p["rag"] == "red"
    ]
    return pd.DataFrame(lines)


TEMPLATE_HEADERS = {
    "en": {"kpi": "kpi", "group": "group", "day": "day", "value": "value", "person": "person"},
    "zh": {"kpi": "指标", "group": "群名称", "day": "日期", "value": "数值", "person": "成员"},
}


def template_frame(lang: str) -> pd.DataFrame:
    """A small example upload with the headers (and the date style) of ``lang``."""
    zh = lang == "zh"
    day = "2026/6/1" if zh else "2026-06-01"
    rows = [
        ("新增用户" if zh else "new_members", "读书笔记组", day, "3", ""),
        ("活跃成员占比" if zh else "active_ratio", "读书笔记组", day, "55.5%", ""),
    ]
    return pd.DataFrame(rows, columns=list(TEMPLATE_HEADERS[lang].values()))


def template_csv(lang: str = "en") -> bytes:
    """The example upload as CSV in UTF-8 with a BOM (Excel on Chinese Windows opens it)."""
    return template_frame(lang).to_csv(index=False).encode("utf-8-sig")


def template_xlsx(lang: str = "en") -> bytes:
    """The example upload as an Excel workbook, with real date cells."""
    frame = template_frame(lang)
    day = TEMPLATE_HEADERS[lang]["day"]
    frame[day] = frame[day].map(tabular.parse_day)
    return excel_bytes(frame)


def upload_records(name: str, content: bytes) -> tabular.Table:
    """The rows of an uploaded file (see ``dashboard.domain.kpis.read_upload``)."""
    return rules.read_upload(name, content)


def detected_text(table: tabular.Table, lang: str) -> str:
    """What the reader found: format, encoding and separator, and the columns it skipped."""
    if table.file_format == "csv":
        text = t(
            "tabular.detected.csv",
            lang,
            encoding=table.encoding,
            delimiter=t(f"tabular.delimiter.{table.delimiter}", lang),
        )
    else:
        text = t("tabular.detected.xlsx", lang)
    if table.ignored:
        text += " " + t("tabular.detected.ignored", lang, headers=", ".join(table.ignored))
    return text


def accepted_headers(lang: str) -> pd.DataFrame:
    """The upload's columns and every header accepted for each (for the upload help)."""
    return pd.DataFrame(
        [
            {
                t("kpi.upload.col_column", lang): column.label_zh
                if lang == "zh"
                else column.label_en,
                t("kpi.upload.col_required", lang): t(
                    "kpi.upload.required" if column.required else "kpi.upload.optional", lang
                ),
                t("kpi.upload.col_headers", lang): " / ".join(column.aliases),
            }
            for column in rules.COLUMNS
        ]
    )


def problems_frame(row_errors: list[tuple[str, str, dict]], lang: str) -> pd.DataFrame:
    """An import's problems, one line each: row, column (in ``lang``) and what is wrong."""
    labels = {c.name: c.label_zh if lang == "zh" else c.label_en for c in rules.COLUMNS}
    return pd.DataFrame(
        [
            {
                t("kpi.upload.col_row", lang): row.lstrip("#"),
                t("kpi.upload.col_column", lang): labels.get(params.get("column"), ""),
                t("kpi.upload.col_problem", lang): error_text(ValidationError(key, **params), lang),
            }
            for row, key, params in row_errors
        ],
        columns=[t(f"kpi.upload.col_{c}", lang) for c in ("row", "column", "problem")],
    )


def targets_grid(
    kpis: list[dict], groups: list[dict], target_rows: list[dict], lang: str
) -> pd.DataFrame:
    """The month's targets: a default row, then one row per group; a column per KPI code."""
    lookup = {(r["kpi_id"], r["group_id"]): r["target"] for r in target_rows}
    lines = []
    for group_id, name in [(None, t("kpi.default_row", lang))] + [
        (g["id"], g["name"]) for g in groups
    ]:
        line = {"group_id": group_id, "group": name}
        for kpi in kpis:
            line[kpi["code"]] = lookup.get((kpi["id"], group_id))
        lines.append(line)
    frame = pd.DataFrame(lines, columns=["group_id", "group", *[k["code"] for k in kpis]])
    frame["group_id"] = frame["group_id"].astype("Int64")
    return frame


def excel_bytes(frame: pd.DataFrame) -> bytes:
    """A workbook of ``frame`` (used by tests and the template)."""
    buffer = io.BytesIO()
    frame.to_excel(buffer, index=False, engine="openpyxl")
    return buffer.getvalue()


# ---------------------------------------------------------------- charts


def trend_chart(frame: pd.DataFrame, title: str = "") -> alt.Chart:
    """Monthly actual as a line with points, target as a dashed line.

    :param frame: columns ``month``, ``series`` (shown name), ``value``, ``kind``
        (``actual`` or ``target``).
    """
    base = alt.Chart(frame).encode(
        x=alt.X("month:O", title=None),
        y=alt.Y("value:Q", title=None),
        color=alt.Color("series:N", title=None, legend=alt.Legend(orient="bottom")),
        tooltip=["month:O", "series:N", alt.Tooltip("value:Q", format=",.1f")],
    )
    actual = base.transform_filter(alt.datum.kind == "actual").mark_line(point=True)
    target = base.transform_filter(alt.datum.kind == "target").mark_line(strokeDash=[6, 4])
    return alt.layer(actual, target).properties(title=title, height=260)


def ranking_chart(frame: pd.DataFrame, title: str = "") -> alt.Chart:
    """Groups ranked by attainment %, coloured by status, with the 100 % line.

    :param frame: columns ``group``, ``attainment``, ``rag``, ``status`` (shown text).
    """
    domain = list(RAG_COLOURS)
    bars = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X("attainment:Q", title="%"),
            # every bar named: no label dropped for overlap, and a fixed step per bar
            y=alt.Y(
                "group:N",
                sort="-x",
                title=None,
                axis=alt.Axis(labelOverlap=False, labelLimit=220),
            ),
            color=alt.Color(
                "rag:N",
                scale=alt.Scale(domain=domain, range=[RAG_COLOURS[k] for k in domain]),
                legend=None,
            ),
            tooltip=["group:N", "status:N", alt.Tooltip("attainment:Q", format=".1f")],
        )
    )
    rule = alt.Chart(pd.DataFrame({"x": [100]})).mark_rule(strokeDash=[4, 4]).encode(x="x:Q")
    return alt.layer(bars, rule).properties(title=title, height=alt.Step(RANKING_BAR_PX))


def relation_chart(frame: pd.DataFrame, process: str, result: str) -> alt.Chart:
    """Scatter of process vs result attainment per group, coloured by the result's status.

    :param frame: columns ``group``, ``process``, ``result``, ``rag``.
    """
    domain = list(RAG_COLOURS)
    points = (
        alt.Chart(frame)
        .mark_circle(size=90, opacity=0.8)
        .encode(
            x=alt.X("process:Q", title=f"{process} %", scale=alt.Scale(zero=False)),
            y=alt.Y("result:Q", title=f"{result} %", scale=alt.Scale(zero=False)),
            color=alt.Color(
                "rag:N",
                scale=alt.Scale(domain=domain, range=[RAG_COLOURS[k] for k in domain]),
                legend=None,
            ),
            tooltip=["group:N", "process:Q", "result:Q"],
        )
    )
    rules_100 = alt.Chart(pd.DataFrame({"v": [100]}))
    return alt.layer(
        points,
        rules_100.mark_rule(strokeDash=[4, 4], color="#777").encode(x="v:Q"),
        rules_100.mark_rule(strokeDash=[4, 4], color="#777").encode(y="v:Q"),
    ).properties(height=360)


CHARTS = {"trend": trend_chart, "ranking": ranking_chart, "relation": relation_chart}


@st.cache_data(ttl=3600, show_spinner=False, max_entries=256)
def chart_spec(builder: str, frame: pd.DataFrame, *labels: str) -> dict:
    """The Vega-Lite spec of ``CHARTS[builder](frame, *labels)``, cached on the data:
    building and validating Altair charts is the board's slowest step."""
    return CHARTS[builder](frame, *labels).to_dict(validate=False)  # built by our code, tested


def trend_frame(trend_rows: list[dict], lang: str) -> pd.DataFrame:
    """Trend rows in the long form ``trend_chart`` draws."""
    lines = []
    for row in trend_rows:
        for kind in ("actual", "target"):
            if row[kind] is not None:
                lines.append(
                    {
                        "month": row["month"],
                        "series": t(f"kpi.trend.{kind}", lang),
                        "value": round(row[kind], 2),
                        "kind": kind,
                    }
                )
    return pd.DataFrame(lines, columns=["month", "series", "value", "kind"])


def ranking_frame(kpi: dict, rows: list[dict], lang: str) -> pd.DataFrame:
    """Groups with an attainment for one KPI, for ``ranking_chart``."""
    lines = [
        {
            "group": r["group"],
            "attainment": round(r["attainment"], 1),
            "rag": r["rag"],
            "status": status_text(r["rag"], lang),
        }
        for r in rows
        if r["kpi_id"] == kpi["id"] and r["attainment"] is not None
    ]
    return pd.DataFrame(lines, columns=["group", "attainment", "rag", "status"])


# ---------------------------------------------------------------- panels of the board page
# The page script stays a few lines long: Streamlit recompiles it on every run, while this
# module is imported once.

NONCE_KEY = "kpi_nonce"  # bumped after a write, so grids and uploads start afresh


@dataclass
class BoardContext:
    """What every panel of the board needs: the session, the filters and the board rows."""

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
    rows: list[dict]
    scope_ids: set[int]
    done: Callable[[str], None]

    def grid(self, name: str, frame: pd.DataFrame, key: str, id_column: str, **options) -> None:
        """An editable grid (``dashboard.grids``) for writers; the same table, read-only,
        for everybody else."""
        editing = {n: options.pop(n) for n in ("num_rows", "disabled") if n in options}
        if self.writer:
            data_grid(name, frame, key, id_column, **editing, **options)
        else:
            show_table(frame, hide_index=True, **options)


def kind_panel(ctx: "BoardContext", kpi_kind: str) -> None:
    """The Results or Process tab: summary, metrics, trend, ranking, drill-down."""
    path = ctx.path
    lang = ctx.lang
    kpis = ctx.kpis
    by_id = ctx.by_id
    group_names = ctx.group_names
    period = ctx.period
    tier = ctx.tier
    group_id = ctx.group_id
    rows = ctx.rows
    scope_ids = ctx.scope_ids
    kind_kpis = [k for k in kpis if k["kind"] == kpi_kind]
    if not kind_kpis:
        st.info(t("kpi.empty"))
        return
    kind_rows = [r for r in rows if by_id[r["kpi_id"]]["kind"] == kpi_kind]
    if not kind_rows:
        st.info(t("kpi.no_values"))
        return
    st.subheader(t("kpi.summary.title", kind=t(f"kpi.kind.{kpi_kind}")))
    show_table(
        summary_frame(kind_kpis, kind_rows, lang), hide_index=True,
        key=f"kpi_{kpi_kind}_summary",
    )  # fmt: skip
    kpi_id = st.selectbox(
        t("kpi.pick_kpi"), [k["id"] for k in kind_kpis],
        format_func=lambda i: kpi_name(by_id[i], lang), key=f"kpi_{kpi_kind}_kpi",
    )  # fmt: skip
    kpi = by_id[kpi_id]
    figures = scope_figures(kpi, kind_rows)
    if kpi.get("activity_metric"):
        st.caption(t("kpi.source.computed_note", kpi=kpi_name(kpi, lang)))
    members = [r for r in kind_rows if r["kpi_id"] == kpi_id]
    if len(members) > 1:  # the figures below combine groups that may differ
        st.caption(
            team_total_text(len(members), sum(1 for r in members if r["rag"] == "red"), lang)
        )
    metric_cols = st.columns(4)
    metric_cols[0].metric(
        t("kpi.col.actual"), number_text(figures["actual"], kpi["unit"], lang),
        delta=None if figures["change"] is None else f"{figures['change']:+.1f}%",
        delta_color="normal" if kpi["direction"] == "up" else "inverse",
    )  # fmt: skip
    metric_cols[1].metric(t("kpi.col.target"), number_text(figures["target"], kpi["unit"], lang))
    metric_cols[2].metric(t("kpi.col.attainment"), number_text(figures["attainment"], "%", lang))
    metric_cols[3].metric(t("kpi.col.status"), status_text(figures["rag"]))
    st.caption(rag_legend(lang))
    chart_left, chart_right = st.columns(2)
    monthly = trend(path, kpi_id, tuple(sorted(scope_ids)), period.end.isoformat()[:7])
    chart_left.vega_lite_chart(
        chart_spec(
            "trend",
            trend_frame(monthly, lang),
            f"{kpi_name(kpi, lang)} · {t('kpi.trend.title')}",
        ),
        key=f"kpi_{kpi_kind}_trend",
    )
    ranking = ranking_frame(kpi, kind_rows, lang)
    if len(ranking):
        chart_right.vega_lite_chart(
            chart_spec("ranking", ranking, t("kpi.ranking.title")),
            key=f"kpi_{kpi_kind}_ranking",
        )
    if group_id is None and tier is None:
        st.markdown(f"**{t('kpi.tiers.title')}**")
        show_table(tier_frame(kpi, kind_rows, lang), hide_index=True)
    st.markdown(f"**{t('kpi.groups.title')}**")
    only_missed = st.toggle(t("kpi.only_missed"), key=f"kpi_{kpi_kind}_missed")
    shown = group_frame(kpi, kind_rows, lang, only_missed)
    if shown.empty and only_missed:
        st.success(t("kpi.groups.none_missed"))
    else:
        show_table(shown, hide_index=True, key=f"kpi_{kpi_kind}_groups")
    table_downloads(
        shown,
        f"kpi_{kpi['code']}_{period.code}",
        f"kpi_{kpi_kind}",
        t("kpi.export"),
        t("kpi.export_xlsx"),
    )
    if group_id is None:
        st.caption(t("kpi.people.hint"))
    else:
        group_row = next((r for r in kind_rows if r["kpi_id"] == kpi_id), None)
        st.markdown(f"**{t('kpi.people.title', group=group_names[group_id])}**")
        crew = people_frame(
            kpi,
            people(path, group_id, period.start.isoformat(), period.end.isoformat()),
            group_row["actual"] if group_row else None,
            lang,
        )
        if crew.empty:
            st.caption(t("kpi.people.empty", group=group_names[group_id]))
        else:
            show_table(crew, hide_index=True, key=f"kpi_{kpi_kind}_people")


def relation_panel(ctx: "BoardContext") -> None:
    """The Activity → results tab: process vs result attainment across groups."""
    lang = ctx.lang
    kpis = ctx.kpis
    by_id = ctx.by_id
    period = ctx.period
    rows = ctx.rows
    st.caption(t("kpi.relation.intro"))
    process_kpis = [k["id"] for k in kpis if k["kind"] == "process"]
    result_kpis = [k["id"] for k in kpis if k["kind"] == "result"]
    if not process_kpis or not result_kpis:
        st.info(t("kpi.empty"))
    else:
        pick_left, pick_right = st.columns(2)
        process_id = pick_left.selectbox(
            t("kpi.relation.process"), process_kpis,
            format_func=lambda i: kpi_name(by_id[i], lang), key="kpi_relation_process",
        )  # fmt: skip
        result_id = pick_right.selectbox(
            t("kpi.relation.result"), result_kpis,
            format_func=lambda i: kpi_name(by_id[i], lang), key="kpi_relation_result",
        )  # fmt: skip
        process_name = kpi_name(by_id[process_id], lang)
        result_name = kpi_name(by_id[result_id], lang)
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
            missed = missed_with_process(pairs, result_name, process_name, lang)
            if missed.empty:
                st.success(t("kpi.groups.none_missed"))
            else:
                show_table(missed, hide_index=True, key="kpi_relation_missed")
                table_downloads(
                    missed,
                    f"kpi_missed_{period.code}",
                    "kpi_relation",
                    t("kpi.export"),
                    t("kpi.export_xlsx"),
                )


def entry_panel(ctx: "BoardContext") -> None:
    """The Enter data tab: one-value form, CSV/Excel upload, values grid."""
    db = ctx.db
    path = ctx.path
    lang = ctx.lang
    today = ctx.today
    writer = ctx.writer
    kpis = ctx.kpis
    by_id = ctx.by_id
    groups = ctx.groups
    group_names = ctx.group_names
    done = ctx.done
    if not writer:
        st.info(t("kpi.read_only"))
    elif not kpis or not groups:
        st.info(t("kpi.empty"))
    else:
        nonce = st.session_state[NONCE_KEY]
        form_col, upload_col = st.columns(2)
        with form_col:
            st.subheader(t("kpi.entry.form_title"))
            entry_group = st.selectbox(
                t("kpi.entry.group"), in_scope([g["id"] for g in groups], auth.writable_groups()),
                format_func=group_names.get, key="kpi_entry_group",
            )  # fmt: skip
            crew = person_choices(path, entry_group)
            with st.form("kpi_entry_form"):
                entry_kpi = st.selectbox(
                    t("kpi.entry.kpi"), [k["id"] for k in kpis],
                    format_func=lambda i: kpi_name(by_id[i], lang), key="kpi_entry_kpi",
                )  # fmt: skip
                entry_person = st.selectbox(
                    t("kpi.entry.person"), [None, *[p["id"] for p in crew]],
                    format_func=lambda p: t("common.none", lang) if p is None else
                    next(c["name"] for c in crew if c["id"] == p),
                    key="kpi_entry_person",
                )  # fmt: skip
                entry_day = st.date_input(
                    t("kpi.entry.day"), value=today, max_value=today, key="kpi_entry_day"
                )
                entry_value = st.text_input(t("kpi.entry.value"), key="kpi_entry_value")
                if st.form_submit_button(t("kpi.entry.submit"), type="primary") and run_write(
                    lambda: rules.enter_value(
                        db,
                        auth.actor(),
                        entry_kpi,
                        entry_group,
                        entry_day,
                        entry_value,
                        today,
                        entry_person,
                    )  # fmt: skip
                ):
                    done(t("kpi.entry.saved"))
        with upload_col:
            st.subheader(t("kpi.upload.title"))
            st.caption(t("kpi.upload.help"))
            with st.expander(t("kpi.upload.formats_title")):
                st.markdown(t("kpi.upload.formats"))
                show_table(accepted_headers(lang), hide_index=True, key="kpi_upload_headers")
            template_csv_col, template_xlsx_col = st.columns(2)
            template_csv_col.download_button(
                t("kpi.upload.template"),
                template_csv(lang),
                file_name="kpi_values.csv",
                mime="text/csv",
                key="kpi_upload_template",
                on_click="ignore",
            )
            template_xlsx_col.download_button(
                t("kpi.upload.template_xlsx"),
                template_xlsx(lang),
                file_name="kpi_values.xlsx",
                mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                key="kpi_upload_template_xlsx",
                on_click="ignore",
            )
            upload = st.file_uploader(
                t("kpi.upload.file"),
                type=["csv", "tsv", "txt", "xlsx", "xls"],  # an .xls gets told how to convert it
                key=f"kpi_upload_{nonce}",
            )
            if upload is not None:
                table = run_write(lambda: upload_records(upload.name, upload.getvalue()))
                if isinstance(table, tabular.Table):
                    st.caption(t("kpi.upload.preview", rows=len(table.records), name=upload.name))
                    st.caption(detected_text(table, lang))
                    if st.button(t("kpi.upload.submit"), type="primary", key="kpi_upload_go"):
                        import_panel(ctx, table)

        st.subheader(t("kpi.editor.title"))
        st.caption(t("kpi.editor.help"))
        pick = st.columns(3)
        edit_kpi = pick[0].selectbox(
            t("kpi.entry.kpi"), [k["id"] for k in kpis],
            format_func=lambda i: kpi_name(by_id[i], lang), key="kpi_editor_kpi",
        )  # fmt: skip
        edit_group = pick[1].selectbox(
            t("kpi.entry.group"), [g["id"] for g in groups],
            format_func=group_names.get, key="kpi_editor_group",
        )  # fmt: skip
        month_codes = [p.code for p in rules.recent_periods("month", today, 18)]
        edit_month = pick[2].selectbox(t("kpi.editor.month"), month_codes, key="kpi_editor_month")
        editor_key = f"kpi_editor_{edit_kpi}_{edit_group}_{edit_month}_{nonce}"
        data_grid(
            "kpi_values",
            values_frame(raw_values(path, edit_kpi, edit_group, edit_month)),
            editor_key,
            "id",
            num_rows="dynamic",
            disabled=["person"],
            column_order=["day", "person", "value"],
            column_config={
                "day": st.column_config.TextColumn(t("kpi.col.day")),
                "person": st.column_config.TextColumn(t("kpi.col.person")),
                "value": st.column_config.NumberColumn(t("kpi.col.value")),
            },
        )
        if st.button(t("common.save"), key="kpi_editor_save"):
            count = save_grid(
                "kpi_values",
                db,
                lambda fresh: values_frame(
                    store.values_of(fresh, edit_kpi, edit_group, *month_days(edit_month))
                ),
                lambda changes: rules.save_values(
                    db, auth.actor(), edit_kpi, edit_group, changes, today
                ),
            )
            if count:
                done(t("kpi.editor.saved", count=count))


def import_panel(ctx: "BoardContext", table: tabular.Table) -> None:
    """Import an uploaded table with a progress bar; on failure, every problem in a table
    (the first ``MAX_REPORTED_ERRORS`` on screen, all of them in a download)."""
    problems = []

    def attempt() -> int:
        try:
            return rules.import_values(
                ctx.db,
                auth.actor(),
                table.records,
                ctx.today,
                lines=table.lines,
                progress=lambda f: bar.progress(min(f, 1.0)),
            )
        except ValidationError as error:
            problems.extend(error.row_errors)
            error.row_errors = []  # listed in the table below, not as bullets
            raise

    bar = st.progress(0.0, text=t("kpi.upload.progress", rows=len(table.records)))
    imported = run_write(attempt)
    bar.empty()
    if imported:
        ctx.done(t("kpi.upload.done", rows=imported))
    if problems:
        frame = problems_frame(problems, ctx.lang)
        show_table(frame.head(rules.MAX_REPORTED_ERRORS), hide_index=True, key="kpi_problems")
        if len(frame) > rules.MAX_REPORTED_ERRORS:
            st.caption(
                t("kpi.upload.problems_capped", shown=rules.MAX_REPORTED_ERRORS, total=len(frame))
            )
        st.download_button(
            t("kpi.upload.problems_download"),
            safe_csv(frame),
            file_name="kpi_import_problems.csv",
            mime="text/csv",
            key="kpi_problems_csv",
            on_click="ignore",
        )


def settings_panel(ctx: "BoardContext") -> None:
    """The Settings tab: KPI definitions and monthly targets grids."""
    db = ctx.db
    path = ctx.path
    lang = ctx.lang
    today = ctx.today
    writer = ctx.writer
    kpis = ctx.kpis
    groups = ctx.groups
    done = ctx.done
    grid = ctx.grid
    nonce = st.session_state[NONCE_KEY]
    st.subheader(t("kpi.settings.definitions"))
    st.caption(t("kpi.settings.definitions_help"))
    fields = list(rules.store_fields())
    definitions = pd.DataFrame(kpis, columns=fields)
    choice = st.column_config.SelectboxColumn
    definitions_key = f"kpi_definitions_{nonce}"
    grid(
        "kpi_definitions",
        definitions,
        definitions_key,
        "id",
        num_rows="add",
        disabled=["id"],
        column_order=fields[1:],
        column_config={
            "code": st.column_config.TextColumn(t("kpi.col.code"), required=True),
            "name": st.column_config.TextColumn(t("kpi.col.name"), required=True),
            "name_zh": st.column_config.TextColumn(t("kpi.col.name_zh")),
            "kind": choice(
                t("kpi.col.kind"),
                options=["result", "process"],
                required=True,
                format_func=lambda c: t(f"kpi.kind.{c}", lang),
            ),
            "unit": st.column_config.TextColumn(t("kpi.col.unit")),
            "direction": choice(
                t("kpi.col.direction"),
                options=["up", "down"],
                required=True,
                format_func=lambda c: t(f"kpi.direction.{c}", lang),
            ),
            "aggregation": choice(
                t("kpi.col.aggregation"),
                options=["sum", "avg", "last"],
                required=True,
                format_func=lambda c: t(f"kpi.aggregation.{c}", lang),
            ),
            "min_value": st.column_config.NumberColumn(t("kpi.col.min")),
            "max_value": st.column_config.NumberColumn(t("kpi.col.max")),
            "activity_metric": choice(
                t("kpi.col.activity_metric"),
                options=list(ACTIVITY_METRICS),
                format_func=lambda c: t(f"kpi.metric.{c}", lang),
            ),
        },
    )
    if writer and st.button(t("common.save"), key="kpi_definitions_save"):
        count = save_grid(
            "kpi_definitions",
            db,
            lambda fresh: pd.DataFrame(store.kpis(fresh), columns=fields),
            lambda changes: rules.save_definitions(db, auth.actor(), changes),
        )
        if count:
            done(t("kpi.settings.definitions_saved", count=count))

    st.subheader(t("kpi.settings.targets"))
    st.caption(t("kpi.settings.targets_help"))
    target_month = st.selectbox(
        t("kpi.settings.targets_month"), rules.target_months(today), index=1,
        key="kpi_targets_month",
    )  # fmt: skip
    targets = targets_grid(kpis, groups, month_targets(path, target_month), lang)
    targets_key = f"kpi_targets_{target_month}_{nonce}"
    grid(
        "kpi_targets",
        targets,
        targets_key,
        "group_id",
        disabled=["group_id", "group"],
        column_order=["group", *[k["code"] for k in kpis]],
        column_config={
            "group": st.column_config.TextColumn(t("kpi.col.group")),
            **{
                k["code"]: st.column_config.NumberColumn(kpi_name(k, lang), format="%g")
                for k in kpis
            },
        },
    )
    if writer and st.button(t("common.save"), key="kpi_targets_save"):
        count = save_grid(
            "kpi_targets",
            db,
            lambda fresh: targets_grid(
                store.kpis(fresh),
                store.groups(fresh),
                store.targets(fresh, target_month, target_month),
                lang,
            ),
            lambda changes: rules.save_target_grid(
                db, auth.actor(), target_month, changes, {k["code"]: k["id"] for k in kpis}
            ),
        )
        if count:
            done(t("kpi.settings.targets_saved", count=count))
