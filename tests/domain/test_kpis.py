"""KPI rules: periods, aggregation, attainment and RAG, targets, imports, grid diffs, alerts."""

import math
from datetime import date

import pandas as pd
import pytest

from dashboard.domain import kpis as rules
from dashboard.domain.changes import RowChanges
from dashboard.i18n import t
from dashboard.kpi_views import excel_bytes
from db import kpis as store
from db.errors import AccessDenied, ValidationError
from tests.conftest import DEMO_TODAY

SUM_KPI = {"id": 1, "aggregation": "sum", "direction": "up"}
AVG_KPI = {"id": 2, "aggregation": "avg", "direction": "up"}


def test_periods_contain_the_day_and_step_back() -> None:
    week = rules.period_of("week", date(2026, 6, 15))
    assert (week.code, week.start, week.end) == ("2026-W25", date(2026, 6, 15), date(2026, 6, 21))
    month = rules.previous(rules.period_of("month", date(2026, 3, 10)))
    assert (month.code, month.start, month.end) == ("2026-02", date(2026, 2, 1), date(2026, 2, 28))
    quarter = rules.previous(rules.period_of("quarter", date(2026, 2, 1)))
    assert (quarter.code, quarter.start, quarter.end, quarter.months) == (
        "2025-Q4",
        date(2025, 10, 1),
        date(2025, 12, 31),
        ["2025-10", "2025-11", "2025-12"],
    )
    assert [p.code for p in rules.recent_periods("month", date(2026, 1, 5), 3)] == [
        "2026-01",
        "2025-12",
        "2025-11",
    ]
    assert rules.target_months(date(2026, 12, 5), back=2) == ["2027-01", "2026-12", "2026-11"]


def test_a_year_is_twelve_months_and_steps_back_a_year() -> None:
    year = rules.period_of("year", date(2026, 6, 15))
    assert (year.code, year.start, year.end) == ("2026", date(2026, 1, 1), date(2026, 12, 31))
    assert year.months == [f"2026-{m:02d}" for m in range(1, 13)]
    assert rules.previous(year).code == "2025"
    assert [p.code for p in rules.recent_periods("year", date(2026, 6, 15), 3)] == [
        "2026",
        "2025",
        "2024",
    ]
    assert rules.elapsed_share(year, date(2026, 7, 2)) == 182 / 365


def test_a_year_target_adds_or_averages_its_monthly_targets() -> None:
    lookup = rules.target_lookup(
        [
            {"kpi_id": 1, "group_id": None, "period": f"2025-{m:02d}", "target": 10.0 * m}
            for m in range(1, 13)
        ]
        + [
            {"kpi_id": 2, "group_id": None, "period": f"2025-{m:02d}", "target": 50.0 + m}
            for m in range(1, 13)
        ]
        + [{"kpi_id": 1, "group_id": 7, "period": "2025-12", "target": 500.0}]
    )
    year = rules.period_of("year", date(2025, 3, 1))
    assert rules.period_target(lookup, SUM_KPI, 8, year) == 780.0  # 10 + 20 + ... + 120
    assert rules.period_target(lookup, SUM_KPI, 7, year) == 1160.0  # own December 500
    assert rules.period_target(lookup, AVG_KPI, 8, year) == 56.5
    # 2026 has no monthly targets yet: no year target rather than a partial one
    assert (
        rules.period_target(lookup, SUM_KPI, 8, rules.period_of("year", date(2026, 1, 1))) is None
    )


def test_a_running_year_is_measured_against_the_months_begun_so_far() -> None:
    lookup = rules.target_lookup(
        [
            {"kpi_id": 1, "group_id": None, "period": f"2026-{m:02d}", "target": 30.0}
            for m in range(1, 7)
        ]
        + [
            {"kpi_id": 2, "group_id": None, "period": f"2026-{m:02d}", "target": 50.0 + m}
            for m in range(1, 7)
        ]
    )
    year = rules.period_of("year", date(2026, 6, 16))
    elapsed = rules.elapsed_share(year, date(2026, 6, 16))  # 166 days gone, to 15 June
    assert rules.period_target(lookup, SUM_KPI, 8, year) is None  # July on has no target yet
    # January to June: 6 × 30 over their 181 days, 166 of which are gone
    assert rules.running_target(lookup, SUM_KPI, 8, year, elapsed) == 180 * 166 / 181
    assert rules.running_target(lookup, AVG_KPI, 8, year, elapsed) == 53.5
    # a year whose months all have targets keeps the plain pro-rating
    full = rules.target_lookup(
        [
            {"kpi_id": 1, "group_id": None, "period": f"2026-{m:02d}", "target": 30.0}
            for m in range(1, 13)
        ]
    )
    assert rules.running_target(full, SUM_KPI, 8, year, elapsed) == 360 * elapsed
    # a finished period with a month missing has no target
    assert rules.running_target(lookup, SUM_KPI, 8, year, 1.0) is None


def test_year_board_rows_from_monthly_actuals() -> None:
    year = rules.period_of("year", date(2025, 1, 1))
    lookup = rules.target_lookup(
        [
            {"kpi_id": 1, "group_id": None, "period": f"2025-{m:02d}", "target": 10.0}
            for m in range(1, 13)
        ]
    )
    groups = [{"id": 8, "name": "甲组", "tier": "ordinary"}]
    actual = [{"kpi_id": 1, "group_id": 8, "total": 108.0, "n": 365, "last_value": 0.0}]
    before = [{"kpi_id": 1, "group_id": 8, "total": 90.0, "n": 365, "last_value": 0.0}]
    [row] = rules.board_rows([SUM_KPI], groups, actual, before, lookup, year)
    assert (row["actual"], row["target"], row["attainment"], row["rag"], row["change"]) == (
        108.0,
        120.0,
        90.0,
        "amber",
        20.0,
    )


def test_aggregation_sum_avg_last() -> None:
    assert rules.aggregate("sum", 30.0, 3, 5.0) == 30.0
    assert rules.aggregate("avg", 30.0, 3, 5.0) == 10.0
    assert rules.aggregate("last", 30.0, 3, 5.0) == 5.0
    assert rules.aggregate("sum", None, 0, None) is None
    assert rules.combine("sum", [1.0, None, 2.0]) == 3.0
    assert rules.combine("avg", [1.0, None, 2.0]) == 1.5
    assert rules.combine("avg", [None]) is None


@pytest.mark.parametrize(
    ("actual", "target", "direction", "expected"),
    [
        (90.0, 100.0, "up", 90.0),
        (120.0, 100.0, "up", 120.0),
        (5.0, 4.0, "down", 80.0),  # lower is better: 5 complaints against a target of 4
        (2.0, 4.0, "down", 200.0),
        (0.0, 4.0, "down", 100.0),
        (3.0, 0.0, "up", 100.0),
        (None, 4.0, "up", None),
        (3.0, None, "up", None),
    ],
)
def test_attainment_respects_direction(actual, target, direction, expected) -> None:
    assert rules.attainment(actual, target, direction) == expected


@pytest.mark.parametrize(
    ("pct", "colour"),
    [(100.0, "green"), (99.99, "amber"), (85.0, "amber"), (84.99, "red"), (0.0, "red")],
)
def test_rag_thresholds(pct: float, colour: str) -> None:
    assert rules.rag(pct) == colour
    assert rules.rag(None) is None


def test_change_against_previous_period() -> None:
    assert rules.change(110.0, 100.0) == 10.0
    assert rules.change(-5.0, -10.0) == 50.0
    assert rules.change(5.0, 0.0) is None


def test_period_targets_from_monthly_targets() -> None:
    lookup = rules.target_lookup(
        [
            {"kpi_id": 1, "group_id": None, "period": "2026-04", "target": 30.0},
            {"kpi_id": 1, "group_id": None, "period": "2026-05", "target": 31.0},
            {"kpi_id": 1, "group_id": 7, "period": "2026-06", "target": 60.0},
            {"kpi_id": 1, "group_id": None, "period": "2026-06", "target": 30.0},
            {"kpi_id": 2, "group_id": None, "period": "2026-04", "target": 40.0},
            {"kpi_id": 2, "group_id": None, "period": "2026-05", "target": 50.0},
            {"kpi_id": 2, "group_id": None, "period": "2026-06", "target": 60.0},
        ]
    )
    quarter = rules.period_of("quarter", date(2026, 5, 1))
    assert rules.period_target(lookup, SUM_KPI, 7, quarter) == 121.0  # 30 + 31 + own 60
    assert rules.period_target(lookup, SUM_KPI, 8, quarter) == 91.0
    assert rules.period_target(lookup, AVG_KPI, 8, quarter) == 50.0
    week = rules.period_of("week", date(2026, 5, 12))
    assert rules.period_target(lookup, SUM_KPI, 8, week) == 7.0  # 31 a month → 7 a week
    assert rules.period_target(lookup, AVG_KPI, 8, week) == 50.0
    assert (
        rules.period_target(lookup, SUM_KPI, 8, rules.period_of("month", date(2026, 7, 1))) is None
    )


def test_board_rows_per_group_with_status_and_change() -> None:
    groups = [
        {"id": 7, "name": "甲组", "tier": "ordinary"},
        {"id": 8, "name": "乙组", "tier": "ordinary"},
        {"id": 9, "name": "管理群", "tier": "management"},
    ]
    actual = [
        {"kpi_id": 1, "group_id": 7, "total": 45.0, "n": 30, "last_value": 1.0},
        {"kpi_id": 1, "group_id": 8, "total": 66.0, "n": 30, "last_value": 1.0},
    ]
    before = [{"kpi_id": 1, "group_id": 7, "total": 50.0, "n": 31, "last_value": 2.0}]
    lookup = {(1, None, "2026-06"): 60.0}
    rows = rules.board_rows(
        [SUM_KPI], groups, actual, before, lookup, rules.period_of("month", date(2026, 6, 1))
    )
    assert [(r["group"], r["attainment"], r["rag"], r["change"]) for r in rows] == [
        ("甲组", 75.0, "red", -10.0),
        ("乙组", 110.0, "green", None),
    ]  # the management group reports nothing and is left out
    tiers = rules.tier_rows([SUM_KPI], rows)
    assert tiers == [
        {
            "kpi_id": 1,
            "tier": "ordinary",
            "groups": 2,
            "actual": 111.0,
            "target": 120.0,
            "attainment": 92.5,
            "rag": "amber",
            "missed": 1,
        }
    ]


# ---------------------------------------------------------------- imports


def _records(*rows):
    return [dict(zip(("kpi", "group", "day", "value", "person"), r, strict=False)) for r in rows]


def test_validation_reports_every_kind_of_bad_row(demo_db) -> None:
    lookups = rules.Lookups.load(demo_db)
    rows, errors = rules.validate_records(
        _records(
            ("new_members", "读书笔记组", "2026-06-01", "3"),
            ("no_such_kpi", "读书笔记组", "2026-06-01", "3"),
            ("new_members", "无此群", "2026-06-01", "3"),
            ("new_members", "读书笔记组", "06/01/2026", "3"),
            ("new_members", "读书笔记组", "2026-06-16", "3"),
            ("new_members", "读书笔记组", "2026-06-02", "three"),
            ("new_members", "读书笔记组", "2026-06-03", "inf"),
            ("conversion_rate", "读书笔记组", "2026-06-01", "120"),
            ("新增用户", "读书笔记组", "2026-06-01", "4"),  # Chinese KPI name, same day as row 2
            ("new_members", "读书笔记组", "2026-06-04", "1", "nobody"),
        ),
        lookups,
        DEMO_TODAY,
    )
    assert len(rows) == 1 and rows[0][3:] == ("2026-06-01", 3.0)
    assert [(line, key) for line, key, _ in errors] == [
        ("#3", "kpi.err.unknown_kpi"),
        ("#4", "kpi.err.unknown_group"),
        ("#5", "kpi.err.bad_day"),
        ("#6", "kpi.err.future_day"),
        ("#7", "kpi.err.not_number"),
        ("#8", "kpi.err.not_finite"),
        ("#9", "kpi.err.out_of_range"),
        ("#10", "kpi.err.duplicate_row"),
        ("#11", "kpi.err.unknown_person"),
    ]
    assert errors[6][2] == {
        "value": 120.0,
        "kpi": "conversion_rate",
        "low": "0",
        "high": "100",
        "column": "value",
    }


def test_import_is_all_or_nothing_and_reimport_updates(demo_db) -> None:
    before = demo_db.execute("SELECT COUNT(*) FROM kpi_values").fetchone()[0]
    good = ("new_members", "读书笔记组", "2026-06-15", "7")
    with pytest.raises(ValidationError) as error:
        rules.import_values(
            demo_db, "admin", _records(good, ("x", "读书笔记组", "2026-06-15", "1")), DEMO_TODAY
        )
    assert error.value.key == "kpi.err.import_rows"
    assert error.value.params == {"count": 1, "total": 2}
    assert demo_db.execute("SELECT COUNT(*) FROM kpi_values").fetchone()[0] == before
    seen = []
    assert (
        rules.import_values(demo_db, "admin", _records(good), DEMO_TODAY, progress=seen.append) == 1
    )
    assert seen == [0.9, 1.0]  # checked and staged, then applied
    rules.import_values(demo_db, "admin", _records(good[:3] + ("9",)), DEMO_TODAY)
    assert demo_db.execute("SELECT COUNT(*) FROM kpi_values").fetchone()[0] == before + 1
    assert (
        demo_db.execute(
            """SELECT v.value FROM kpi_values v JOIN groups g ON g.id = v.group_id
           WHERE g.name = '读书笔记组' AND v.day = '2026-06-15' AND v.person_id IS NULL"""
        ).fetchone()[0]
        == 9.0
    )
    assert store.rollup(demo_db) == store.recompute_rollup(demo_db)
    with pytest.raises(AccessDenied):
        rules.import_values(demo_db, "viewer", _records(good), DEMO_TODAY)


def test_read_upload_csv_with_chinese_headers_and_excel() -> None:
    csv = "指标,群,日期,数值\nnew_members,读书笔记组,2026-06-01,3\n".encode("utf-8-sig")
    assert rules.read_upload("values.csv", csv).records == [
        {"kpi": "new_members", "group": "读书笔记组", "day": "2026-06-01", "value": "3"}
    ]
    workbook = excel_bytes(
        pd.DataFrame(
            [
                {
                    "kpi": "shares",
                    "group": "短视频组",
                    "day": date(2026, 6, 2),
                    "value": 12,
                    "person": None,
                }
            ]
        )
    )
    (row,) = rules.read_upload("values.xlsx", workbook).records
    assert (row["kpi"], row["group"], rules._day(row["day"]), row["value"], row["person"]) == (
        "shares",
        "短视频组",
        date(2026, 6, 2),
        12,
        None,
    )
    with pytest.raises(ValidationError) as error:
        rules.read_upload("values.csv", b"kpi,group\nx,y\n")
    assert error.value.params["columns"] == "day, value"
    with pytest.raises(ValidationError):
        rules.read_upload("broken.xlsx", b"not a workbook")


def test_enter_value_checks_like_an_import(demo_db) -> None:
    group = demo_db.execute("SELECT id FROM groups WHERE name = '公众号组'").fetchone()[0]
    kpi = demo_db.execute("SELECT id FROM kpis WHERE code = 'checkin_rate'").fetchone()[0]
    with pytest.raises(ValidationError) as error:
        rules.enter_value(demo_db, "admin", kpi, group, DEMO_TODAY, "101", DEMO_TODAY)
    assert error.value.key == "kpi.err.out_of_range"
    with pytest.raises(ValidationError) as error:
        rules.enter_value(demo_db, "admin", kpi, group, DEMO_TODAY, "nan", DEMO_TODAY)
    assert error.value.key == "kpi.err.not_finite"
    rules.enter_value(demo_db, "admin", kpi, group, DEMO_TODAY, "66.5", DEMO_TODAY)
    assert (
        demo_db.execute(
            "SELECT value FROM kpi_values WHERE kpi_id = ? AND group_id = ? AND day = ?",
            [kpi, group, DEMO_TODAY.isoformat()],
        ).fetchone()[0]
        == 66.5
    )


# ---------------------------------------------------------------- grids


def test_value_changes_by_id() -> None:
    seen = {
        11: {"id": 11, "day": "2026-05-01", "person_id": None, "value": 3.0},
        12: {"id": 12, "day": "2026-05-02", "person_id": 5, "value": 4.0},
        13: {"id": 13, "day": "2026-05-03", "person_id": None, "value": 5.0},
    }
    upserts, deletes = rules.value_changes(
        RowChanges(
            seen=seen,
            edited={11: {"value": 8.0}, 12: {"day": "2026-05-04"}},
            added=[{"day": "2026-05-09", "value": 2.0}, {"day": None, "value": None}],
            deleted=[13],
        )
    )
    assert upserts == [
        {"day": "2026-05-01", "value": 8.0, "person_id": None},
        {"day": "2026-05-04", "value": 4.0, "person_id": 5},
        {"day": "2026-05-09", "value": 2.0, "person_id": None},
    ]
    assert deletes == [13, 12]


def test_save_values_applies_or_rejects_everything(demo_db) -> None:
    group = demo_db.execute("SELECT id FROM groups WHERE name = '公众号组'").fetchone()[0]
    kpi = demo_db.execute("SELECT id FROM kpis WHERE code = 'events_held'").fetchone()[0]
    base = store.values_of(demo_db, kpi, group, date(2026, 5, 1), date(2026, 5, 31))
    assert len(base) == 31
    seen = {row["id"]: row for row in base}
    first, last = base[0]["id"], base[-1]["id"]
    with pytest.raises(ValidationError) as error:
        rules.save_values(
            demo_db,
            "admin",
            kpi,
            group,
            RowChanges(
                seen=seen, edited={first: {"value": 2.0}}, added=[{"day": "2026-13-01", "value": 1}]
            ),
            DEMO_TODAY,
        )
    assert error.value.row_errors[0][1] == "kpi.err.bad_day"
    assert (
        store.values_of(demo_db, kpi, group, date(2026, 5, 1), date(2026, 5, 1))[0]["value"]
        == base[0]["value"]
    )
    changed = rules.save_values(
        demo_db,
        "admin",
        kpi,
        group,
        RowChanges(seen=seen, edited={first: {"value": 2.0}}, deleted=[last]),
        DEMO_TODAY,
    )
    assert changed == 2
    after = store.values_of(demo_db, kpi, group, date(2026, 5, 1), date(2026, 5, 31))
    assert (len(after), after[0]["value"], after[-1]["day"]) == (30, 2.0, "2026-05-30")
    assert store.rollup(demo_db) == store.recompute_rollup(demo_db)


def test_definition_and_target_grids_validate_rows() -> None:
    seen = {
        1: {
            "id": 1,
            "code": "new",
            "name": "New",
            "name_zh": "",
            "kind": "result",
            "unit": "",
            "direction": "up",
            "aggregation": "sum",
            "min_value": None,
            "max_value": None,
        }
    }
    kpis, errors = rules.definition_changes(
        RowChanges(
            seen=seen,
            edited={1: {"direction": "down"}},
            added=[
                {
                    "code": "refunds",
                    "name": "Refunds",
                    "kind": "result",
                    "direction": "down",
                    "aggregation": "sum",
                    "min_value": 0,
                    "max_value": math.nan,
                },
                {
                    "code": "",
                    "name": "X",
                    "kind": "result",
                    "direction": "up",
                    "aggregation": "sum",
                },
                {
                    "code": "r",
                    "name": "R",
                    "kind": "result",
                    "direction": "up",
                    "aggregation": "avg",
                    "min_value": 10,
                    "max_value": 1,
                },
            ],
        )
    )
    assert [(k["id"], k["code"], k["direction"], k["min_value"], k["max_value"]) for k in kpis] == [
        (1, "new", "down", None, None),
        (None, "refunds", "down", 0.0, None),
    ]
    assert [(label, key) for label, key, _ in errors] == [
        ("+2", "kpi.err.required"),
        ("+3", "kpi.err.bad_range"),
    ]
    grid = {None: {"group_id": None, "group": "(default)"}, 7: {"group_id": 7, "group": "甲组"}}
    cells, errors = rules.target_changes(
        RowChanges(seen=grid, edited={None: {"new": 50}, 7: {"new": None, "rate": "abc"}}),
        {"new": 1, "rate": 2},
    )
    assert cells == [(1, None, 50.0), (1, 7, None)]
    assert errors == [("甲组", "kpi.err.not_number", {"value": "abc"})]


# ---------------------------------------------------------------- the demo's story


def test_demo_alerts_name_the_groups_that_missed_last_month(demo_db) -> None:
    found = rules.alerts(demo_db, DEMO_TODAY)
    assert {(a.params["group"], a.severity) for a in found} == {
        ("拆书小组", "high"),
        ("新人引导组", "high"),
        ("打卡督导组", "high"),
        ("福利发放组", "high"),  # active enough, but converts too few: paid sign-ups, revenue
        ("新媒体核心群", "high"),
    }
    assert all(a.area == "kpis" and a.params["month"] == "2026-05" for a in found)
    welfare = next(a for a in found if a.params["group"] == "福利发放组")
    # the KPIs by name, in either language (not their codes)
    assert t(welfare.key, "en", **welfare.params) == (
        "福利发放组 missed 2 result target(s) in 2026-05: Paid sign-ups, Revenue."
    )
    assert t(welfare.key, "zh", **welfare.params).endswith("：付费报名、营收。")
    assert store.rollup(demo_db) == store.recompute_rollup(demo_db)


def test_running_periods_pro_rate_sum_targets() -> None:
    june = rules.period_of("month", date(2026, 6, 15))
    assert rules.elapsed_share(june, date(2026, 6, 16)) == 0.5  # 15 of 30 days are over
    assert rules.elapsed_share(rules.previous(june), date(2026, 6, 16)) == 1.0
    groups = [{"id": 7, "name": "甲组", "tier": "ordinary"}]
    actual = [
        {"kpi_id": 1, "group_id": 7, "total": 30.0, "n": 15, "last_value": 2.0},
        {"kpi_id": 2, "group_id": 7, "total": 600.0, "n": 15, "last_value": 40.0},
    ]
    lookup = {(1, None, "2026-06"): 60.0, (2, None, "2026-06"): 50.0}
    rows = rules.board_rows([SUM_KPI, AVG_KPI], groups, actual, [], lookup, june, 0.5)
    assert [(r["target"], r["attainment"], r["rag"]) for r in rows] == [
        (30.0, 100.0, "green"),  # half the month, half the target
        (50.0, 80.0, "red"),  # averages are not pro-rated
    ]
