"""KPI rules: periods, aggregation, targets, attainment, red/amber/green, imports and the
write services of the KPI board. No streamlit here."""

import math
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property

from sqlite_utils import Database

from dashboard.domain import activity_kpis, tabular
from dashboard.domain.alerts import Alert
from dashboard.domain.changes import RowChanges
from db import kpis as store
from db import org as org_store
from db.activity import ACTIVITY_METRICS
from db.errors import ValidationError

PERIOD_KINDS = ("week", "month", "quarter", "year")
GREEN_AT = 100.0  # attainment % from which a KPI is green
AMBER_AT = 85.0  # ... amber from here, red below
RAGS = ("green", "amber", "red")
AREA = "kpis"
# the columns of an upload and the headers people give them (case, width, spaces ignored)
COLUMNS = (
    tabular.Column(
        "kpi",
        ("kpi", "kpi code", "kpi name", "metric", "指标", "指标名称", "指标名", "指标代码"),
        "kpi",
        "指标",
    ),
    tabular.Column(
        "group",
        (
            "group",
            "group name",
            "群",
            "群名",
            "群名称",
            "群组",
            "群组名称",
            "社群",
            "社群名称",
            "小组",
        ),
        "group",
        "群名称",
    ),
    tabular.Column("day", ("day", "date", "日期", "时间", "统计日期"), "day", "日期"),
    tabular.Column(
        "value", ("value", "amount", "count", "数值", "值", "数量", "指标值"), "value", "数值"
    ),
    tabular.Column(
        "person",
        ("person", "member", "handle", "成员", "姓名", "人员", "账号"),
        "person",
        "成员",
        required=False,
    ),
)
MAX_REPORTED_ERRORS = 200  # problems listed on screen; the downloadable list has the rest
MAX_KEPT_ERRORS = 10_000  # problems kept for the download; rows beyond are only counted


# ---------------------------------------------------------------- periods


@dataclass(frozen=True)
class Period:
    """A reporting period: ``kind`` week|month|quarter|year, first and last day (inclusive)."""

    kind: str
    start: date
    end: date

    @property
    def code(self) -> str:
        """``2026-W19``, ``2026-05``, ``2026-Q2`` or ``2026``."""
        if self.kind == "week":
            year, week, _ = self.start.isocalendar()
            return f"{year}-W{week:02d}"
        if self.kind == "month":
            return self.start.isoformat()[:7]
        if self.kind == "year":
            return str(self.start.year)
        return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"

    @cached_property
    def months(self) -> list[str]:
        """The months (``YYYY-MM``) the period touches."""
        months, day = [], self.start.replace(day=1)
        while day <= self.end:
            months.append(day.isoformat()[:7])
            day = _add_months(day, 1)
        return months


def _add_months(first_of_month: date, count: int) -> date:
    index = first_of_month.year * 12 + first_of_month.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)


def days_in_month(month: str) -> int:
    """Number of days of ``YYYY-MM``."""
    first = date.fromisoformat(f"{month}-01")
    return (_add_months(first, 1) - first).days


def period_of(kind: str, day: date) -> Period:
    """The period of ``kind`` that contains ``day``."""
    if kind == "week":
        start = day - timedelta(days=day.weekday())
        return Period(kind, start, start + timedelta(days=6))
    if kind == "month":
        start = day.replace(day=1)
    elif kind == "quarter":
        start = date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
    elif kind == "year":
        start = date(day.year, 1, 1)
    else:
        raise ValueError(f"unknown period kind {kind!r}")
    months = {"month": 1, "quarter": 3, "year": 12}[kind]
    return Period(kind, start, _add_months(start, months) - timedelta(days=1))


def previous(period: Period) -> Period:
    """The period just before ``period``."""
    return period_of(period.kind, period.start - timedelta(days=1))


def elapsed_share(period: Period, today: date) -> float:
    """How much of ``period`` lies before ``today`` (values are entered up to yesterday)."""
    days = (period.end - period.start).days + 1
    return max(0.0, min(1.0, (today - period.start).days / days))


def recent_periods(kind: str, today: date, count: int = 12) -> list[Period]:
    """The last ``count`` periods, newest (today's, still running) first."""
    periods = [period_of(kind, today)]
    while len(periods) < count:
        periods.append(previous(periods[-1]))
    return periods


def target_months(today: date, back: int = 18) -> list[str]:
    """Months whose targets a lead may set: next month first, then the last ``back``."""
    following = period_of("month", period_of("month", today).end + timedelta(days=1))
    return [following.code, *[p.code for p in recent_periods("month", today, back)]]


# ---------------------------------------------------------------- figures


def aggregate(aggregation: str, total: float | None, n: int | None, last_value: float | None):
    """A period's actual from its sum, count and last day's value."""
    if not n:
        return None
    if aggregation == "sum":
        return total
    if aggregation == "avg":
        return total / n
    return last_value


def combine(aggregation: str, values: list[float | None]) -> float | None:
    """Several groups' actuals (or targets) as one: summed for sum KPIs, else averaged."""
    present = [v for v in values if v is not None]
    if not present:
        return None
    return sum(present) if aggregation == "sum" else sum(present) / len(present)


def attainment(actual: float | None, target: float | None, direction: str) -> float | None:
    """Actual against target in %: higher is better for ``up``, lower for ``down``."""
    if actual is None or target is None:
        return None
    if direction == "up":
        if target == 0:
            return 100.0 if actual >= 0 else 0.0
        return actual * 100 / target
    if actual <= 0:
        return 100.0 if target >= 0 else 0.0
    return target * 100 / actual


def rag(attainment_pct: float | None) -> str | None:
    """``green`` from ``GREEN_AT`` %, ``amber`` from ``AMBER_AT`` %, else ``red``."""
    if attainment_pct is None:
        return None
    if attainment_pct >= GREEN_AT:
        return "green"
    return "amber" if attainment_pct >= AMBER_AT else "red"


def change(actual: float | None, before: float | None) -> float | None:
    """Change against the previous period in % (``None`` without a base)."""
    if actual is None or before is None or before == 0:
        return None
    return (actual - before) / abs(before) * 100


def target_lookup(target_rows: list[dict]) -> dict[tuple[int, int | None, str], float]:
    """``(kpi_id, group_id or None, month) → target`` from ``kpi_targets`` rows."""
    return {(r["kpi_id"], r["group_id"], r["period"]): r["target"] for r in target_rows}


def monthly_target(lookup: dict, kpi_id: int, group_id: int | None, month: str) -> float | None:
    """The group's own target of the month, else the KPI's default of the month."""
    own = lookup.get((kpi_id, group_id, month))
    return own if own is not None else lookup.get((kpi_id, None, month))


def period_target(lookup: dict, kpi: dict, group_id: int | None, period: Period) -> float | None:
    """A period's target from monthly ones: a week gets its share of a sum KPI's month,
    a quarter or a year the sum (sum KPIs) or mean of its months (none while a month of
    it has no target)."""
    months = [monthly_target(lookup, kpi["id"], group_id, m) for m in period.months]
    if period.kind == "week":
        month = period.start.isoformat()[:7]
        target = months[0]
        if target is None or kpi["aggregation"] != "sum":
            return target
        return target * 7 / days_in_month(month)
    return combine(kpi["aggregation"], months) if None not in months else None


def running_target(
    lookup: dict, kpi: dict, group_id: int | None, period: Period, elapsed: float
) -> float | None:
    """The target of ``period`` when ``elapsed`` of it is over: the period's own, pro-rated
    for sum KPIs. Targets are set a month ahead, so a running quarter or year often has
    months without one: its target then comes from the months begun so far (pro-rated to
    the days gone for sum KPIs)."""
    target = period_target(lookup, kpi, group_id, period)
    if target is not None:
        return target * elapsed if kpi["aggregation"] == "sum" else target
    if period.kind == "week" or not 0 < elapsed < 1:
        return None
    days_gone = round(elapsed * ((period.end - period.start).days + 1))
    last_day_gone = period.start + timedelta(days=days_gone - 1)
    begun = Period(period.kind, period.start, period_of("month", last_day_gone).end)
    months = [monthly_target(lookup, kpi["id"], group_id, m) for m in begun.months]
    if None in months:
        return None
    if kpi["aggregation"] != "sum":
        return combine(kpi["aggregation"], months)
    return sum(months) * days_gone / ((begun.end - begun.start).days + 1)


def running_targets(
    kpis: list[dict], groups: list[dict], lookup: dict, period: Period, elapsed: float = 1.0
) -> dict[tuple[int, int], float | None]:
    """``(kpi_id, group_id) → running_target`` of every KPI and group (what ``board_rows``
    needs from the targets, kept apart so a loader can cache it across value writes)."""
    return {
        (kpi["id"], group["id"]): running_target(lookup, kpi, group["id"], period, elapsed)
        for kpi in kpis
        for group in groups
    }


def board_rows(
    kpis: list[dict],
    groups: list[dict],
    actual_rows: list[dict],
    before_rows: list[dict],
    lookup: dict,
    period: Period,
    elapsed: float = 1.0,
) -> list[dict]:
    """Per (KPI, group): actual, target, attainment %, RAG and change vs previous period.

    :param elapsed: the share of a running period that is over (``elapsed_share``); sum
        targets are pro-rated to it so a half-run month is not "missed" on day one.
    """
    targets = running_targets(kpis, groups, lookup, period, elapsed)
    return board_rows_of(kpis, groups, actual_rows, before_rows, targets)


def board_rows_of(
    kpis: list[dict],
    groups: list[dict],
    actual_rows: list[dict],
    before_rows: list[dict],
    targets: dict[tuple[int, int], float | None],
) -> list[dict]:
    """``board_rows`` from the ``running_targets`` of the period."""
    now, then = period_actual_map(kpis, actual_rows), period_actual_map(kpis, before_rows)
    return board_rows_from(kpis, groups, now, then, targets)


def period_actual_map(kpis: list[dict], rows: list[dict]) -> dict[tuple[int, int], float | None]:
    """``(kpi_id, group_id) → actual`` (``aggregate``) of a period's ``period_actuals``
    rows, for the KPIs of ``kpis`` (``db.kpis.period_figures`` answers the same in SQL)."""
    aggregation = {kpi["id"]: kpi["aggregation"] for kpi in kpis}
    return {
        (row["kpi_id"], row["group_id"]): aggregate(
            aggregation[row["kpi_id"]], row["total"], row["n"], row["last_value"]
        )
        for row in rows
        if row["kpi_id"] in aggregation
    }


def board_rows_from(
    kpis: list[dict],
    groups: list[dict],
    now: dict[tuple[int, int], float | None],
    then: dict[tuple[int, int], float | None],
    targets: dict[tuple[int, int], float | None],
) -> list[dict]:
    """``board_rows`` from each period's ``(kpi_id, group_id) → actual``
    (``period_actual_map``): a row per (KPI, group) with an actual, in KPI then group
    order."""
    rows = []
    for kpi in kpis:
        kpi_id, direction = kpi["id"], kpi["direction"]
        for group in groups:
            key = (kpi_id, group["id"])
            actual = now.get(key)
            if actual is None:
                continue  # the group reports nothing for this KPI (e.g. a management group)
            before = then.get(key)
            target = targets[key]
            pct = attainment(actual, target, direction)
            rows.append(
                {
                    "kpi_id": kpi_id,
                    "group_id": group["id"],
                    "group": group["name"],
                    "tier": group["tier"],
                    "actual": actual,
                    "target": target,
                    "attainment": pct,
                    "rag": rag(pct),
                    "previous": before,
                    "change": change(actual, before),
                }
            )
    return rows


def tier_rows(kpis: list[dict], rows: list[dict]) -> list[dict]:
    """Board rows combined per (KPI, tier), for the top of the drill-down."""
    by_kpi = {kpi["id"]: kpi for kpi in kpis}
    buckets: dict[tuple[int, str], list[dict]] = {}
    for row in rows:
        if row["kpi_id"] in by_kpi:
            buckets.setdefault((row["kpi_id"], row["tier"]), []).append(row)
    combined = []
    for (kpi_id, tier), members in buckets.items():
        kpi = by_kpi[kpi_id]
        actual = combine(kpi["aggregation"], [r["actual"] for r in members])
        target = combine(kpi["aggregation"], [r["target"] for r in members])
        pct = attainment(actual, target, kpi["direction"])
        combined.append(
            {
                "kpi_id": kpi_id,
                "tier": tier,
                "groups": len(members),
                "actual": actual,
                "target": target,
                "attainment": pct,
                "rag": rag(pct),
                "missed": sum(1 for r in members if r["rag"] == "red"),
            }
        )
    return combined


def trend_rows(
    kpi: dict, monthly_rows: list[dict], lookup: dict, group_ids: list[int], months: list[str]
) -> list[dict]:
    """Per month of ``months``: the scope's actual and target of one KPI."""
    per_month: dict[str, list[float | None]] = {m: [] for m in months}
    for row in monthly_rows:
        if row["kpi_id"] == kpi["id"] and row["month"] in per_month:
            per_month[row["month"]].append(
                aggregate(kpi["aggregation"], row["total"], row["n"], row["last_value"])
            )
    actuals = {month: combine(kpi["aggregation"], values) for month, values in per_month.items()}
    return scope_trend(kpi, actuals, lookup, group_ids, months)


def scope_trend(
    kpi: dict,
    actuals: dict[str, float | None],
    lookup: dict,
    group_ids: list[int],
    months: list[str],
) -> list[dict]:
    """Per month of ``months``: the scope's actual (``actuals``, already combined over the
    groups, e.g. by ``db.kpis.scope_monthly_actuals``) and its target of one KPI."""
    trend = []
    for month in months:
        targets = [monthly_target(lookup, kpi["id"], g, month) for g in group_ids]
        trend.append(
            {
                "month": month,
                "actual": actuals.get(month),
                "target": combine(kpi["aggregation"], targets),
            }
        )
    return trend


# ---------------------------------------------------------------- imports and entry


def read_upload(name: str, content: bytes) -> tabular.Table:
    """An uploaded CSV or Excel file of KPI values (``kpi``, ``group``, ``day``, ``value``,
    optional ``person``), cells as read, with the encoding and format detected."""
    return tabular.read_table(name, content, COLUMNS)


def open_upload(name: str, content: bytes) -> tabular.TableStream:
    """An uploaded CSV or Excel file of KPI values, ready to be read in chunks (see
    ``read_upload``); a file with no usable header is refused here."""
    return tabular.open_table(name, content, COLUMNS)


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def _day(value: object) -> date | None:
    return tabular.parse_day(value)


def _number(value: object) -> float | None:
    number = tabular.parse_number(value)
    return None if number is None or number.percent else number.value


@dataclass
class Lookups:
    """Names an import may use: KPI codes, group names, person handles or names."""

    kpis: dict[str, dict]
    groups: dict[str, int]
    people: dict[str, int]

    @classmethod
    def load(cls, db: Database) -> "Lookups":
        """Read the lookups once per import."""
        kpi_rows = store.kpis(db)
        kpis = {}
        for kpi in kpi_rows:
            for name in (kpi["code"], kpi["name"], kpi["name_zh"]):
                if name:
                    kpis.setdefault(name.strip().lower(), kpi)
        groups = {g["name"].strip().lower(): g["id"] for g in store.groups(db)}
        people = {}
        for person in org_store.present_people(db):
            for key in (person["handle"], person["name"]):
                if key:
                    people.setdefault(key.strip().lower(), person["id"])
        return cls(kpis, groups, people)


def validate_records(
    records: list[dict],
    lookups: Lookups,
    today: date,
    first_line: int = 2,
    lines: list[int] | None = None,
) -> tuple[list[tuple], list[tuple[str, str, dict]]]:
    """Check every record; return the clean ``(kpi_id, group_id, person_id, day, value)``
    rows and every problem of every row ``(row label, i18n key, params)``; the params name
    the ``column`` at fault.

    :param first_line: the line number of the first record (2 below a CSV header).
    :param lines: each record's row number in the file, when rows were skipped.
    """
    rows, errors, seen = [], [], {}
    lines = lines or list(range(first_line, first_line + len(records)))
    for line, row, problems in _checked(records, lookups, today, lines):
        if problems:
            errors.extend((f"#{line}", key, params) for key, params in problems)
            continue
        if row[:4] in seen:
            errors.append((f"#{line}", *_duplicate(seen[row[:4]])))
            continue
        seen[row[:4]] = line
        rows.append(row)
    return rows, errors


def _duplicate(earlier: int) -> tuple[str, dict]:
    return "kpi.err.duplicate_row", {"other": f"#{earlier}", "column": "day"}


def _checked(
    records: list[dict], lookups: Lookups, today: date, lines: list[int]
) -> Iterator[tuple[int, tuple | None, list[tuple[str, dict]]]]:
    """Each record's line, its clean ``(kpi_id, group_id, person_id, day, value)`` row
    (``None`` if it has problems) and its problems."""
    for line, record in zip(lines, records, strict=True):
        problems = _record_problems(record, lookups, today)
        if problems:
            yield line, None, problems
            continue
        kpi = lookups.kpis[_text(record.get("kpi")).lower()]
        group_id = lookups.groups[_text(record.get("group")).lower()]
        person_text = _text(record.get("person"))
        person_id = lookups.people[person_text.lower()] if person_text else None
        value = tabular.parse_number(record.get("value")).value
        yield line, (kpi["id"], group_id, person_id, _day(record.get("day")).isoformat(), value), []


def _record_problems(record: dict, lookups: Lookups, today: date) -> list[tuple[str, dict]]:
    """Every problem of one record, column by column (not only the first)."""
    problems = []
    kpi = lookups.kpis.get(_text(record.get("kpi")).lower())
    if kpi is None:
        problems.append(("kpi.err.unknown_kpi", {"code": _text(record.get("kpi"))}, "kpi"))
    if lookups.groups.get(_text(record.get("group")).lower()) is None:
        problems.append(("kpi.err.unknown_group", {"name": _text(record.get("group"))}, "group"))
    person_text = _text(record.get("person"))
    if person_text and lookups.people.get(person_text.lower()) is None:
        problems.append(("kpi.err.unknown_person", {"name": person_text}, "person"))
    day = _day(record.get("day"))
    if day is None:
        problems.append(("kpi.err.bad_day", {"value": _text(record.get("day"))}, "day"))
    elif day > today:
        problems.append(("kpi.err.future_day", {"day": day.isoformat()}, "day"))
    problems.extend(_value_problems(record.get("value"), kpi))
    return [(key, {**params, "column": column}) for key, params, column in problems]


def _value_problems(raw: object, kpi: dict | None) -> list[tuple[str, dict, str]]:
    number = tabular.parse_number(raw)
    if number is None:
        return [("kpi.err.not_number", {"value": _text(raw)}, "value")]
    if not math.isfinite(number.value):
        return [("kpi.err.not_finite", {"value": _text(raw)}, "value")]
    if kpi is None:
        return []  # the range and unit are the unknown KPI's; its own problem is reported
    if number.percent and kpi["unit"] != "%":
        # rates are stored as percentages (0–100), so "12%" means 12 for a % KPI; for a
        # count or an amount a percentage is a mistake, not something to convert
        return [("kpi.err.percent_not_rate", {"value": _text(raw), "kpi": kpi["code"]}, "value")]
    low, high = kpi["min_value"], kpi["max_value"]
    value = number.value
    if (low is not None and value < low) or (high is not None and value > high):
        return [
            (
                "kpi.err.out_of_range",
                {"value": value, "kpi": kpi["code"], "low": _bound(low), "high": _bound(high)},
                "value",
            )
        ]
    return []


def _bound(value: float | None) -> str:
    return "…" if value is None else f"{value:g}"


def import_values(
    db: Database,
    actor: str,
    records: list[dict],
    today: date,
    *,
    source: str = "import",
    first_line: int = 2,
    lines: list[int] | None = None,
    progress: Callable[[float], None] | None = None,
) -> int:
    """Validate every record and, only if all are valid, upsert them in one transaction.

    Raises ``ValidationError("kpi.err.import_rows")`` listing every problem otherwise.
    ``progress(fraction)`` is told how far it got.
    """
    lines = lines or list(range(first_line, first_line + len(records)))
    return _import(db, actor, [(records, lines)], today, len(records), source, progress)


def import_upload(
    db: Database,
    actor: str,
    table: tabular.TableStream,
    today: date,
    *,
    rows: int | None = None,
    progress: Callable[[float], None] | None = None,
) -> int:
    """Import an uploaded table chunk by chunk, in bounded memory: every chunk is checked
    and staged on the side; only if the whole file is valid are its rows applied, in one
    short transaction (other writers wait for that, not for the reading).

    Raises ``ValidationError("kpi.err.import_rows")`` listing the problems otherwise (the
    first ``MAX_KEPT_ERRORS``; the count covers every row).

    :param rows: the table's row count, for ``progress(fraction)``.
    """
    chunks = ((chunk.records, chunk.lines) for chunk in table.chunks())
    return _import(db, actor, chunks, today, rows, "import", progress)


def _import(
    db: Database,
    actor: str,
    chunks: Iterable[tuple[list[dict], list[int]]],
    today: date,
    total: int | None,
    source: str,
    progress: Callable[[float], None] | None,
) -> int:
    lookups = Lookups.load(db)
    errors: list[tuple[str, str, dict]] = []
    bad_rows = read = 0
    store.open_staging(db)
    try:
        for records, lines in chunks:
            clean, problems = [], []
            for line, row, row_problems in _checked(records, lookups, today, lines):
                if row is None:
                    problems.extend((line, key, params) for key, params in row_problems)
                else:
                    clean.append((line, *row))
            # valid rows are staged even after a problem: a duplicate of one is a problem too
            for line, earlier in store.stage_values(db, clean):
                problems.append((line, *_duplicate(earlier)))
            problems.sort(key=lambda problem: problem[0])  # stable: columns keep their order
            bad_rows += len({line for line, _, _ in problems})
            room = MAX_KEPT_ERRORS - len(errors)
            errors.extend((f"#{line}", key, params) for line, key, params in problems[:room])
            read += len(records)
            if progress and total:
                progress(min(0.9 * read / total, 0.9))
        if not read:
            raise ValidationError("kpi.err.empty_file")
        if errors:
            raise ValidationError(
                "kpi.err.import_rows", row_errors=errors, count=bad_rows, total=read
            )
        count = store.apply_staged(db, actor, source=source)
    finally:
        store.close_staging(db)
    if progress:
        progress(1.0)
    return count


def enter_value(
    db: Database,
    actor: str,
    kpi_id: int,
    group_id: int,
    day: date,
    value: object,
    today: date,
    person_id: int | None = None,
) -> int:
    """One value from the entry form, through the same checks as an import."""
    kpi = next((k for k in store.kpis(db) if k["id"] == kpi_id), None)
    group = next((g for g in store.groups(db) if g["id"] == group_id), None)
    if kpi is None or group is None:
        raise ValidationError("kpi.err.pick_kpi_group")
    record = {"kpi": kpi["code"], "group": group["name"], "day": day, "value": value}
    if person_id is not None:
        record["person"] = org_store.person(db, person_id)["handle"]
    rows, errors = validate_records([record], Lookups.load(db), today)
    if errors:
        _, key, params = errors[0]
        raise ValidationError(key, **params)
    return store.upsert_values(db, actor, rows, source="entry")


def value_changes(changes: RowChanges) -> tuple[list[dict], list[int]]:
    """One group's KPI values changed by id (rows with ``id``, ``day``, ``person_id``,
    ``value``) as records to upsert (``day``, ``value``, ``person_id``) and value ids to
    delete."""
    upserts, deletes = [], list(changes.deleted)
    for value_id, change_set in changes.edited.items():
        seen = changes.seen[value_id]
        row = {**seen, **change_set}
        if "day" in change_set and _day(change_set["day"]) != _day(seen["day"]):
            deletes.append(value_id)  # the value moved to another day
        upserts.append({"day": row["day"], "value": row["value"], "person_id": seen["person_id"]})
    for row in changes.added:
        if row.get("day") in (None, "") and row.get("value") in (None, ""):
            continue  # an empty new row the user did not fill
        upserts.append({"day": row.get("day"), "value": row.get("value"), "person_id": None})
    return upserts, deletes


def save_values(
    db: Database,
    actor: str,
    kpi_id: int,
    group_id: int,
    changes: RowChanges,
    today: date,
) -> int:
    """Validate and apply the changes to one group's values of one KPI in one transaction;
    returns how many values changed."""
    upserts, deletes = value_changes(changes)
    if not upserts and not deletes:
        raise ValidationError("common.no_changes")
    kpi = next(k for k in store.kpis(db) if k["id"] == kpi_id)
    group = next(g for g in store.groups(db) if g["id"] == group_id)
    handles = org_store.handles(db)
    records = [
        {
            "kpi": kpi["code"],
            "group": group["name"],
            "day": row["day"],
            "value": row["value"],
            "person": handles.get(row["person_id"]) if row["person_id"] else None,
        }
        for row in upserts
    ]
    rows, errors = validate_records(records, Lookups.load(db), today, first_line=1)
    if errors:
        raise ValidationError("kpi.err.editor_rows", row_errors=errors, count=len(errors))
    with db.atomic():
        if deletes:
            store.delete_values(db, actor, deletes)
        if rows:
            store.upsert_values(db, actor, rows, source="editor")
    return len(rows) + len(deletes)


def definition_changes(
    changes: RowChanges,
) -> tuple[list[dict], list[tuple[str, str, dict]]]:
    """KPI definitions changed by id (and added) as KPI dicts to save, and row-level errors."""
    candidates = [
        (f"{changes.seen[kpi_id]['code']}", {**changes.seen[kpi_id], **fields})
        for kpi_id, fields in changes.edited.items()
    ]
    candidates += [(f"+{i + 1}", {**row, "id": None}) for i, row in enumerate(changes.added)]
    kpis, errors = [], []
    for label, kpi in candidates:
        problem = _definition_problem(kpi)
        if problem:
            errors.append((label, problem[0], problem[1]))
            continue
        kpi = {k: v for k, v in kpi.items() if k in store_fields()}
        for bound in ("min_value", "max_value"):
            kpi[bound] = None if _blank(kpi.get(bound)) else float(kpi[bound])
        if "activity_metric" in kpi and _blank(kpi["activity_metric"]):
            kpi["activity_metric"] = None  # typed
        kpis.append(kpi)
    return kpis, errors


def store_fields() -> tuple[str, ...]:
    """Fields of a KPI definition the grid may set."""
    return (
        "id",
        "code",
        "name",
        "name_zh",
        "kind",
        "unit",
        "direction",
        "aggregation",
        "min_value",
        "max_value",
        "activity_metric",
    )


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value == ""


def _definition_problem(kpi: dict) -> tuple[str, dict] | None:
    for field in ("code", "name"):
        if _blank(kpi.get(field)) or not str(kpi[field]).strip():
            return "kpi.err.required", {"field": field}
    for field, allowed in (
        ("kind", store.KINDS),
        ("direction", store.DIRECTIONS),
        ("aggregation", store.AGGREGATIONS),
    ):
        if kpi.get(field) not in allowed:
            return "kpi.err.bad_choice", {"field": field, "value": kpi.get(field)}
    metric = kpi.get("activity_metric")
    if not _blank(metric) and metric not in ACTIVITY_METRICS:
        return "kpi.err.bad_choice", {"field": "activity_metric", "value": metric}
    low, high = kpi.get("min_value"), kpi.get("max_value")
    for bound in (low, high):
        if not _blank(bound) and _number(bound) is None:
            return "kpi.err.not_number", {"value": bound}
    if not _blank(low) and not _blank(high) and float(low) > float(high):
        return "kpi.err.bad_range", {"low": low, "high": high}
    return None


def save_definitions(db: Database, actor: str, changes: RowChanges) -> int:
    """Validate changed KPI definitions and save every change in one transaction."""
    kpis, errors = definition_changes(changes)
    if errors:
        raise ValidationError("kpi.err.definition_rows", row_errors=errors, count=len(errors))
    if not kpis:
        raise ValidationError("common.no_changes")
    before = {k["id"]: k.get("activity_metric") for k in store.kpis(db)}
    with db.atomic():
        for kpi in kpis:
            store.save_kpi(db, actor, kpi)
        if any(
            "activity_metric" in kpi and before.get(kpi.get("id")) != kpi["activity_metric"]
            for kpi in kpis
        ):
            activity_kpis.recompute(db, actor)  # a KPI became computed, or typed again
    return len(kpis)


def target_changes(
    changes: RowChanges, kpi_columns: dict[str, int]
) -> tuple[list[tuple[int, int | None, float | None]], list[tuple[str, str, dict]]]:
    """Changed targets (rows: groups by ``group_id``, ``None`` for the default row, with
    their name as ``group``; fields: KPI codes) as ``(kpi_id, group_id, target or None)``
    cells and row-level errors."""
    cells, errors = [], []
    for group_id, change_set in changes.edited.items():
        row = {**changes.seen[group_id], "group_id": group_id}
        for code, raw in change_set.items():
            if code not in kpi_columns:
                continue
            if _blank(raw):
                cells.append((kpi_columns[code], row["group_id"], None))
                continue
            number = _number(raw)
            if number is None or not math.isfinite(number):
                errors.append((row["group"], "kpi.err.not_number", {"value": raw}))
                continue
            cells.append((kpi_columns[code], row["group_id"], number))
    return cells, errors


def save_target_grid(
    db: Database, actor: str, period: str, changes: RowChanges, kpi_columns: dict
) -> int:
    """Validate and save the changed targets of month ``period`` in one transaction."""
    cells, errors = target_changes(changes, kpi_columns)
    if errors:
        raise ValidationError("kpi.err.target_rows", row_errors=errors, count=len(errors))
    if not cells:
        raise ValidationError("common.no_changes")
    return store.save_targets(db, actor, period, cells)


# ---------------------------------------------------------------- alerts


def missed_last_month(db: Database, today: date) -> list[dict]:
    """Board rows of last month's result KPIs that are red, worst first."""
    period = previous(period_of("month", today))
    kpi_rows = [k for k in store.kpis(db) if k["kind"] == "result"]
    rows = board_rows(
        kpi_rows,
        store.groups(db),
        store.period_actuals(db, period.start, period.end),
        [],
        target_lookup(store.targets(db, period.code, period.code)),
        period,
    )
    missed = [r for r in rows if r["rag"] == "red"]
    return sorted(missed, key=lambda r: r["attainment"])


def alerts(db: Database, today: date) -> list[Alert]:
    """One alert per group that missed (red) a result KPI target last month."""
    month = previous(period_of("month", today)).code
    per_group: dict[int, list[dict]] = {}
    for row in missed_last_month(db, today):
        per_group.setdefault(row["group_id"], []).append(row)
    names = {k["id"]: k for k in store.kpis(db)}
    found = []
    for group_id, rows in per_group.items():
        rows.sort(key=lambda r: names[r["kpi_id"]]["position"])  # in the board's order
        found.append(
            Alert(
                kind="kpi_target_missed",
                severity="high" if len(rows) >= 2 else "medium",
                key="kpi.alert.missed",
                area=AREA,
                params={
                    "group": rows[0]["group"],
                    "month": month,
                    "count": len(rows),
                    "kpis": ", ".join(names[r["kpi_id"]]["name"] for r in rows),
                    "kpis_zh": "、".join(names[r["kpi_id"]]["name_zh"] for r in rows),
                },
                group_id=group_id,
            )
        )
    return found
