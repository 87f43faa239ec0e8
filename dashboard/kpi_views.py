"""Loaders and frames of the KPI board. Every loader aggregates in SQL (from the monthly
rollup, or the covering index for weeks) and never loads raw values wholesale. The charts
are in ``dashboard.kpi_charts``, the panels in ``dashboard.kpi_panels`` and
``dashboard.kpi_entry_panels``."""

import io
from datetime import date

import pandas as pd

from dashboard.domain import kpis as rules
from dashboard.domain import tabular
from dashboard.i18n import error_text, label, t
from dashboard.i18n.formats import format_date, format_number, localized
from dashboard.session import loader, reading, stored
from db import kpis as store
from db.errors import ValidationError

TREND_MONTHS = 12
RANKING_ENDS = 10  # the ranking chart of a scope of many groups: its lowest and highest


# ---------------------------------------------------------------- loaders


kpi_list = stored(store.kpis)
group_list = stored(store.groups)


@loader()
def board(
    path: str, kind: str, start_iso: str, today_iso: str, kpi_kind: str | None = None
) -> list[dict]:
    """Board rows of every (KPI, group) of the period starting ``start_iso`` (sum targets
    of a running period pro-rated to the days gone), of every KPI or of the ``kpi_kind``
    ones (a tab shows one kind: the other's rows are not computed for it).

    The targets come from ``board_targets``, the KPIs and groups from ``kpi_list`` and
    ``group_list``, which a value write leaves cached: right after one, only the actuals
    are read again."""
    period = rules.period_of(kind, date.fromisoformat(start_iso))
    before = rules.previous(period)
    targets = board_targets(path, kind, start_iso, today_iso, kpi_kind)
    kpis = [k for k in kpi_list(path) if kpi_kind is None or k["kind"] == kpi_kind]
    groups = group_list(path)  # cached loaders: a value write leaves them be
    with reading(path) as db:
        now = store.period_figures(db, period.start, period.end, kind=kpi_kind)
        then = store.period_figures(db, before.start, before.end, kind=kpi_kind)
    return rules.board_rows_from(kpis, groups, now, then, targets)


@loader(shared=True)  # read by ``board`` only, never changed: no copy unpickled per hit
def board_targets(
    path: str, kind: str, start_iso: str, today_iso: str, kpi_kind: str | None = None
) -> dict[tuple[int, int], float | None]:
    """``(kpi_id, group_id) → target`` of the period starting ``start_iso``, pro-rated as
    the board shows it (``rules.running_targets``), of every KPI or of the ``kpi_kind``
    ones."""
    period = rules.period_of(kind, date.fromisoformat(start_iso))
    elapsed = rules.elapsed_share(period, date.fromisoformat(today_iso))
    with reading(path) as db:
        kpis = [k for k in store.kpis(db) if kpi_kind is None or k["kind"] == kpi_kind]
        return rules.running_targets(
            kpis,
            store.groups(db),
            rules.target_lookup(store.targets(db, period.months[0], period.months[-1])),
            period,
            elapsed,
        )


@loader()
def trend(
    path: str, kpi_id: int, tier: str | None, group_id: int | None, last_month: str
) -> list[dict]:
    """The monthly actual and target of one KPI over the last 12 months, in the scope of
    ``tier`` and ``group_id`` (``scope_groups``: the loader's key is the scope, not the
    hundreds of group ids it covers, which Streamlit would hash on every run). The targets
    come from ``trend_targets``, which a value write leaves cached."""
    months = _months_back(last_month, TREND_MONTHS)
    targets = trend_targets(path, kpi_id, tier, group_id, last_month)
    group_ids = sorted(g["id"] for g in scope_groups(group_list(path), tier, group_id))
    kpi = next(k for k in kpi_list(path) if k["id"] == kpi_id)
    with reading(path) as db:
        actuals = store.scope_monthly_actuals(
            db, kpi_id, kpi["aggregation"], months[0], months[-1], group_ids
        )  # combined in SQL: a row per month, not per group and month (read after each write)
    return [
        {"month": month, "actual": actuals.get(month), "target": targets[month]} for month in months
    ]


@loader()
def trend_targets(
    path: str, kpi_id: int, tier: str | None, group_id: int | None, last_month: str
) -> dict[str, float | None]:
    """``month → target`` of one KPI over the last 12 months in the scope of ``tier`` and
    ``group_id`` (``rules.scope_trend``)."""
    months = _months_back(last_month, TREND_MONTHS)
    with reading(path) as db:
        group_ids = sorted(g["id"] for g in scope_groups(store.groups(db), tier, group_id))
        kpi = next(k for k in store.kpis(db) if k["id"] == kpi_id)
        lookup = rules.target_lookup(store.targets(db, months[0], months[-1], kpi_id=kpi_id))
    return {
        row["month"]: row["target"] for row in rules.scope_trend(kpi, {}, lookup, group_ids, months)
    }


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


person_choices = stored(store.group_people)


def _months_back(last_month: str, count: int) -> list[str]:
    year, month = int(last_month[:4]), int(last_month[5:7])
    index = year * 12 + month - 1
    return [f"{(index - i) // 12:04d}-{(index - i) % 12 + 1:02d}" for i in range(count)][::-1]


# ---------------------------------------------------------------- frames


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
    if value is None or value != value:  # None or NaN (the one value unequal to itself)
        return None
    return round(float(value), digits)


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


def _standing(figures: dict, lang: str) -> dict[str, object]:
    """A table line's actual, target, attainment and status columns, from ``figures``."""
    return {
        t("kpi.col.actual", lang): _round(figures["actual"]),
        t("kpi.col.target", lang): _round(figures["target"]),
        t("kpi.col.attainment", lang): _round(figures["attainment"]),
        t("kpi.col.status", lang): status_text(figures["rag"], lang),
    }


def summary_frame(kpis: list[dict], rows: list[dict], lang: str) -> pd.DataFrame:
    """One line per KPI over the scope's groups: actual, target, attainment, status."""
    lines = []
    of_kpi: dict[int, list[dict]] = {}  # each KPI's rows, sorted out once
    for row in rows:
        of_kpi.setdefault(row["kpi_id"], []).append(row)
    for kpi in kpis:
        members = of_kpi.get(kpi["id"], [])
        figures = scope_figures(kpi, members)
        lines.append(
            {
                t("kpi.col.kpi", lang): kpi_name(kpi, lang),
                t("kpi.col.unit", lang): label("unit", kpi["unit"], lang),
                **_standing(figures, lang),
                t("kpi.col.change", lang): _round(figures["change"]),
                t("kpi.col.missed", lang): sum(1 for r in members if r["rag"] == "red"),
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
                **_standing(row, lang),
                t("kpi.col.missed", lang): row["missed"],
            }
        )
    return pd.DataFrame(lines)


def group_frame(kpi: dict, rows: list[dict], lang: str, only_missed: bool = False) -> pd.DataFrame:
    """One line per group for one KPI, worst attainment first (hundreds of lines: each
    tier's and status's text is looked up once)."""
    members = [r for r in rows if r["kpi_id"] == kpi["id"]]
    if only_missed:
        members = [r for r in members if r["rag"] == "red"]
    members.sort(key=lambda r: (r["attainment"] is None, r["attainment"] or 0, r["group"]))
    columns = ["group", "tier", "actual", "target", "attainment", "status", "previous", "change"]
    tiers = {tier: label("tier", tier, lang) for tier in {r["tier"] for r in members}}
    statuses = {rag: status_text(rag, lang) for rag in {r["rag"] for r in members}}
    return pd.DataFrame(
        [
            (
                r["group"],
                tiers[r["tier"]],
                _round(r["actual"]),
                _round(r["target"]),
                _round(r["attainment"]),
                statuses[r["rag"]],
                _round(r["previous"]),
                _round(r["change"]),
            )
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


def upload_records(name: str, content: bytes) -> tabular.TableStream:
    """An uploaded file, ready to be read in chunks (see ``dashboard.domain.kpis.open_upload``)."""
    return rules.open_upload(name, content)


def detected_text(table: tabular.Table | tabular.TableStream, lang: str) -> str:
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


def ranking_frame(kpi: dict, rows: list[dict], lang: str, ends: int = RANKING_ENDS) -> pd.DataFrame:
    """Groups with an attainment for one KPI, for ``ranking_chart``: of more than twice
    ``ends`` groups, the ``ends`` lowest and the ``ends`` highest (a bar per group of a
    whole community is a chart nobody reads, and costs the browser seconds to draw; every
    group is in the table below it)."""
    ranked = sorted(
        (r for r in rows if r["kpi_id"] == kpi["id"] and r["attainment"] is not None),
        key=lambda r: (r["attainment"], r["group"]),
    )
    if len(ranked) > 2 * ends:
        ranked = ranked[:ends] + ranked[-ends:]
    lines = [
        {
            "group": r["group"],
            "attainment": round(r["attainment"], 1),
            "rag": r["rag"],
            "status": status_text(r["rag"], lang),
        }
        for r in ranked
    ]
    return pd.DataFrame(lines, columns=["group", "attainment", "rag", "status"])


def ranking_title(kpi: dict, rows: list[dict], lang: str, ends: int = RANKING_ENDS) -> str:
    """The ranking's title; it says so when it shows only the lowest and highest groups."""
    ranked = sum(1 for r in rows if r["kpi_id"] == kpi["id"] and r["attainment"] is not None)
    if ranked > 2 * ends:
        return t("kpi.ranking.ends", lang, ends=ends, groups=ranked)
    return t("kpi.ranking.title", lang)
