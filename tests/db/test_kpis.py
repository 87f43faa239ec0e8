"""KPI storage: the monthly rollup stays equal to a recomputation from raw values, upserts
update instead of double counting, targets and access rules."""

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard.areas import migrate
from db import kpis as store
from db.errors import AccessDenied, ValidationError
from tests.conftest import add_user


def _group(db, name: str, tier: str = "ordinary") -> int:
    return db.execute(
        "INSERT INTO groups (name, tier, created_on) VALUES (?, ?, '2024-01-01')", [name, tier]
    ).lastrowid


@pytest.fixture
def kpi_db(db):
    """Two groups, a person, a sum KPI and a bounded avg KPI."""
    a, b = _group(db, "甲组"), _group(db, "乙组")
    person = db.execute(
        "INSERT INTO people (name, handle, joined_on, status) VALUES ('李雷', 'lilei', '2024-01-01', 'active')"
    ).lastrowid
    new = store.save_kpi(
        db,
        "admin",
        {"code": "new", "name": "New members", "kind": "result", "aggregation": "sum"},
    )
    rate = store.save_kpi(
        db,
        "admin",
        {
            "code": "rate",
            "name": "Check-in rate",
            "kind": "process",
            "aggregation": "avg",
            "min_value": 0,
            "max_value": 100,
        },
    )
    return db, {"a": a, "b": b, "person": person, "new": new, "rate": rate}


def _rollup_matches(db) -> None:
    assert store.rollup(db) == store.recompute_rollup(db)


def test_insert_update_delete_keep_the_rollup_equal_to_a_recomputation(kpi_db) -> None:
    db, ids = kpi_db
    rows = [
        (ids["new"], ids["a"], None, "2026-05-01", 3.0),
        (ids["new"], ids["a"], None, "2026-05-31", 4.0),
        (ids["new"], ids["a"], ids["person"], "2026-05-31", 1.0),
        (ids["new"], ids["b"], None, "2026-06-02", 5.0),
        (ids["rate"], ids["a"], None, "2026-05-10", 40.0),
    ]
    assert store.upsert_values(db, "admin", rows) == 5
    _rollup_matches(db)
    assert store.monthly_actuals(db, "2026-05", "2026-05", kpi_id=ids["new"]) == [
        {
            "kpi_id": ids["new"],
            "group_id": ids["a"],
            "person_id": 0,
            "month": "2026-05",
            "total": 7.0,
            "n": 2,
            "last_day": "2026-05-31",
            "last_value": 4.0,
        }
    ]
    # re-uploading a day updates (no double counting); moving the last day back works too
    store.upsert_values(db, "admin", [(ids["new"], ids["a"], None, "2026-05-31", 10.0)])
    _rollup_matches(db)
    total, n, last = db.execute(
        "SELECT total, n, last_value FROM kpi_monthly WHERE group_id = ? AND month = '2026-05'"
        " AND kpi_id = ? AND person_id = 0",
        [ids["a"], ids["new"]],
    ).fetchone()
    assert (total, n, last) == (13.0, 2, 10.0)
    # deleting the month's last day brings the previous day back as "last"
    last_id = db.execute(
        "SELECT id FROM kpi_values WHERE day = '2026-05-31' AND person_id IS NULL"
    ).fetchone()[0]
    store.delete_values(db, "admin", [last_id])
    _rollup_matches(db)
    assert db.execute(
        "SELECT total, n, last_day, last_value FROM kpi_monthly WHERE group_id = ?"
        " AND month = '2026-05' AND kpi_id = ? AND person_id = 0",
        [ids["a"], ids["new"]],
    ).fetchone()[:] == (3.0, 1, "2026-05-01", 3.0)
    # deleting the only value of a month drops the month
    only = db.execute("SELECT id FROM kpi_values WHERE group_id = ?", [ids["b"]]).fetchone()[0]
    store.delete_values(db, "admin", [only])
    _rollup_matches(db)
    assert (
        db.execute("SELECT COUNT(*) FROM kpi_monthly WHERE group_id = ?", [ids["b"]]).fetchone()[0]
        == 0
    )
    # a raw UPDATE (not through the module) is caught by the triggers as well
    db.execute("UPDATE kpi_values SET day = '2026-04-30' WHERE kpi_id = ?", [ids["rate"]])
    _rollup_matches(db)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["put", "delete"]),
            st.integers(0, 1),  # group
            st.booleans(),  # per person?
            st.integers(1, 70),  # day offset from 2026-04-25: spans three months
            st.integers(-50, 500),
        ),
        min_size=1,
        max_size=40,
    )
)
def test_rollup_equals_recomputation_after_any_sequence_of_writes(db_path, operations) -> None:
    from db.connection import connect

    db = connect(db_path)
    try:
        migrate(db)
        db.execute("DELETE FROM kpi_values")  # hypothesis reuses the file between examples
        groups = [r[0] for r in db.execute("SELECT id FROM groups ORDER BY id").fetchall()]
        if not groups:
            groups = [_group(db, "甲组"), _group(db, "乙组")]
            db.execute(
                "INSERT INTO people (name, joined_on, status) VALUES ('韩梅梅', '2024-01-01', 'active')"
            )
            store.save_kpi(db, "admin", {"code": "k", "name": "K", "kind": "result"})
        person = db.execute("SELECT id FROM people").fetchone()[0]
        kpi = db.execute("SELECT id FROM kpis").fetchone()[0]
        for action, group, per_person, offset, value in operations:
            day = date.fromordinal(date(2026, 4, 25).toordinal() + offset).isoformat()
            who = person if per_person else None
            if action == "put":
                store.upsert_values(db, "admin", [(kpi, groups[group], who, day, float(value))])
            else:
                found = db.execute(
                    "SELECT id FROM kpi_values WHERE group_id = ? AND day = ?"
                    " AND ifnull(person_id, 0) = ?",
                    [groups[group], day, who or 0],
                ).fetchone()
                if found:
                    store.delete_values(db, "admin", [found[0]])
        _rollup_matches(db)
    finally:
        db.close()


def actuals_of_new_in_a(ids, total: float, n: int, last_day: str, last_value: float) -> dict:
    """A row of ``store.period_actuals``: the KPI ``new`` of group ``a``."""
    return {
        "kpi_id": ids["new"],
        "group_id": ids["a"],
        "total": total,
        "n": n,
        "last_day": last_day,
        "last_value": last_value,
    }


def test_period_actuals_weeks_from_raw_and_months_from_the_rollup_agree(kpi_db) -> None:
    db, ids = kpi_db
    store.upsert_values(
        db,
        "admin",
        [(ids["new"], ids["a"], None, f"2026-05-{d:02d}", float(d)) for d in range(1, 32)]
        + [(ids["new"], ids["a"], ids["person"], "2026-05-04", 99.0)],
    )
    month = store.period_actuals(db, date(2026, 5, 1), date(2026, 5, 31))
    assert month == [actuals_of_new_in_a(ids, 496.0, 31, "2026-05-31", 31.0)]
    week = store.period_actuals(db, date(2026, 5, 4), date(2026, 5, 10))
    assert week == [actuals_of_new_in_a(ids, 49.0, 7, "2026-05-10", 10.0)]
    people = store.person_actuals(db, ids["a"], date(2026, 5, 1), date(2026, 5, 31))
    assert [(p["person"], p["total"]) for p in people] == [("李雷", 99.0)]


def test_period_actuals_of_one_kind_are_that_kinds_rows_of_every_span(kpi_db) -> None:
    db, ids = kpi_db
    store.upsert_values(
        db,
        "admin",
        [
            (ids["new"], g, None, f"2026-05-{d:02d}", float(d))
            for g in (ids["a"], ids["b"])
            for d in (4, 20)
        ]
        + [(ids["rate"], ids["a"], None, "2026-05-05", 40.0)]
        + [(ids["rate"], ids["b"], None, "2026-04-30", 60.0)],
    )
    spans = {
        "month": (date(2026, 5, 1), date(2026, 5, 31)),
        "months": (date(2026, 4, 1), date(2026, 6, 30)),
        "week": (date(2026, 5, 4), date(2026, 5, 10)),
    }
    kinds = {ids["new"]: "result", ids["rate"]: "process"}
    for start, end in spans.values():
        every = store.period_actuals(db, start, end)
        assert {kinds[r["kpi_id"]] for r in every} == {"result", "process"}
        for kind in ("result", "process"):
            assert store.period_actuals(db, start, end, kind=kind) == [
                r for r in every if kinds[r["kpi_id"]] == kind
            ]


def test_period_figures_are_period_actuals_aggregated_as_the_domain_does(demo_db) -> None:
    """The board's actuals, aggregated in SQL, equal ``aggregate`` of ``period_actuals``
    for every span and kind, on the demo community (sum and avg KPIs, typed and computed)."""
    from dashboard.domain.kpis import period_actual_map

    kpis = store.kpis(demo_db)
    assert {k["aggregation"] for k in kpis} >= {"sum", "avg"}
    spans = [
        (date(2026, 5, 1), date(2026, 5, 31)),  # a month: the rollup row
        (date(2026, 4, 1), date(2026, 6, 30)),  # a quarter: summed rollup rows
        (date(2026, 6, 1), date(2026, 6, 30)),  # the running month
        (date(2026, 5, 4), date(2026, 5, 10)),  # a week: raw values
    ]
    for start, end in spans:
        for kind in (None, "result", "process"):
            figures = store.period_figures(demo_db, start, end, kind=kind)
            rows = store.period_actuals(demo_db, start, end, kind=kind)
            assert figures and figures == period_actual_map(kpis, rows), (start, end, kind)


def test_a_years_actuals_come_from_its_twelve_monthly_rollups(kpi_db) -> None:
    db, ids = kpi_db
    store.upsert_values(
        db,
        "admin",
        [(ids["new"], ids["a"], None, f"2025-{m:02d}-15", float(m)) for m in range(1, 13)]
        + [(ids["new"], ids["a"], None, "2025-03-20", 5.0)]
        + [(ids["new"], ids["a"], None, "2024-12-31", 100.0)]  # the years around it
        + [(ids["new"], ids["a"], None, "2026-01-01", 100.0)],
    )
    assert store.period_actuals(db, date(2025, 1, 1), date(2025, 12, 31)) == [
        actuals_of_new_in_a(ids, 83.0, 13, "2025-12-15", 12.0)  # 1 + 2 + ... + 12 + 5
    ]


def test_targets_default_and_group_rows_are_set_cleared_and_audited(kpi_db) -> None:
    db, ids = kpi_db
    assert store.save_targets(db, "admin", "2026-05", [(ids["new"], None, 60.0)]) == 1
    store.save_targets(db, "admin", "2026-05", [(ids["new"], ids["a"], 80.0)])
    store.save_targets(db, "admin", "2026-05", [(ids["new"], ids["a"], 90.0)])  # updates
    assert store.targets(db, "2026-05", "2026-05") == [
        {"kpi_id": ids["new"], "group_id": None, "period": "2026-05", "target": 60.0},
        {"kpi_id": ids["new"], "group_id": ids["a"], "period": "2026-05", "target": 90.0},
    ]
    store.save_targets(db, "admin", "2026-05", [(ids["new"], ids["a"], None)])
    assert len(store.targets(db, "2026-05", "2026-05")) == 1
    audited = db.execute(
        "SELECT COUNT(*) FROM audit_log WHERE entity = 'kpi_target' AND group_id = ?", [ids["a"]]
    ).fetchone()[0]
    assert audited == 3


def test_viewers_and_scoped_leads_may_not_write_outside_their_rights(kpi_db) -> None:
    db, ids = kpi_db
    add_user(db, "lead_a", "lead", ids["a"])
    with pytest.raises(AccessDenied):
        store.upsert_values(db, "viewer", [(ids["new"], ids["a"], None, "2026-05-01", 1.0)])
    with pytest.raises(AccessDenied):
        store.upsert_values(db, "lead_a", [(ids["new"], ids["b"], None, "2026-05-01", 1.0)])
    with pytest.raises(AccessDenied):  # defaults are team-wide
        store.save_targets(db, "lead_a", "2026-05", [(ids["new"], None, 1.0)])
    store.upsert_values(db, "lead_a", [(ids["new"], ids["a"], None, "2026-05-01", 1.0)])
    assert db.execute("SELECT COUNT(*) FROM kpi_values").fetchone()[0] == 1


def test_kpi_codes_are_unique(kpi_db) -> None:
    db, _ = kpi_db
    with pytest.raises(ValidationError) as error:
        store.save_kpi(db, "admin", {"code": "new", "name": "Again", "kind": "result"})
    assert error.value.key == "kpi.err.code_taken"


def test_bulk_load_builds_the_rollup_and_restores_the_triggers(kpi_db) -> None:
    db, ids = kpi_db
    loaded = store.bulk_load_values(
        db, ((ids["new"], ids["b"], None, f"2026-03-{d:02d}", 2.0) for d in range(1, 11)), batch=4
    )
    assert loaded == 10
    _rollup_matches(db)
    store.upsert_values(db, "admin", [(ids["new"], ids["b"], None, "2026-03-11", 5.0)])
    _rollup_matches(db)
    assert (
        db.execute("SELECT total FROM kpi_monthly WHERE group_id = ?", [ids["b"]]).fetchone()[0]
        == 25.0
    )
    names = {r[0] for r in db.execute("SELECT name FROM sqlite_master").fetchall()}
    assert {"kpi_values_ai", "kpi_values_ad", "kpi_values_au", "kpi_values_key"} <= names


def test_big_writes_recompute_touched_months_and_keep_the_triggers(kpi_db, monkeypatch) -> None:
    db, ids = kpi_db
    store.upsert_values(db, "admin", [(ids["new"], ids["a"], None, "2026-04-30", 1.0)])
    monkeypatch.setattr(store, "BULK_ROWS", 3)
    rows = [(ids["new"], ids["a"], None, f"2026-05-{d:02d}", float(d)) for d in range(1, 11)]
    rows += [(ids["new"], ids["a"], ids["person"], "2026-05-02", 7.0)]
    rows += [(ids["new"], ids["a"], None, "2026-04-30", 4.0)]  # updates an existing day
    assert store.upsert_values(db, "admin", rows) == 12
    _rollup_matches(db)
    assert db.execute(
        "SELECT total, n, last_value FROM kpi_monthly WHERE month = '2026-04'"
    ).fetchone()[:] == (4.0, 1, 4.0)
    triggers = {
        r[0]
        for r in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'kpi_values'"
        )
    }
    assert triggers == {"kpi_values_ai", "kpi_values_ad", "kpi_values_au"}
    store.upsert_values(db, "admin", [(ids["new"], ids["a"], None, "2026-05-31", 100.0)])
    _rollup_matches(db)


def test_group_people_are_the_open_members_of_the_group_once_each_by_name(db) -> None:
    group, other = _group(db, "甲组"), _group(db, "乙组")
    roles = [
        db.execute(
            "INSERT INTO roles (code, name, name_zh, is_key, description) VALUES (?, ?, '', 0, '')",
            [code, code],
        ).lastrowid
        for code in ("owner", "editor")
    ]
    people = {
        name: db.execute(
            "INSERT INTO people (name, handle, joined_on, status, exit_note, max_mentees)"
            " VALUES (?, ?, '2024-01-01', 'active', '', 3)",
            [name, handle],
        ).lastrowid
        for name, handle in (("Wang", "w"), ("Li", "l"), ("Zhao", "z"), ("Chen", "c"))
    }
    for person, group_id, role, end_on in (
        ("Wang", group, roles[0], None),
        ("Wang", group, roles[1], None),  # two roles, listed once
        ("Li", group, roles[1], None),
        ("Zhao", group, roles[1], "2025-01-01"),  # left the group
        ("Chen", other, roles[0], None),  # another group
    ):
        db.execute(
            "INSERT INTO memberships (person_id, group_id, role_id, start_on, end_on)"
            " VALUES (?, ?, ?, '2024-01-01', ?)",
            [people[person], group_id, role, end_on],
        )
    assert store.group_people(db, group) == [
        {"id": people["Li"], "name": "Li", "handle": "l"},
        {"id": people["Wang"], "name": "Wang", "handle": "w"},
    ]


@pytest.mark.parametrize("aggregation", store.AGGREGATIONS)
def test_a_scopes_monthly_actuals_combined_in_sql_match_the_rules(demo_db_path, aggregation):
    """The trend's actuals combined by SQL equal the rules' combination of every group's
    monthly rollup row, for every KPI, over every group and over a few of them."""
    from dashboard.domain import kpis as rules
    from db.connection import connect

    months = [f"2025-{m:02d}" for m in range(6, 13)] + [f"2026-{m:02d}" for m in range(1, 7)]
    database = connect(demo_db_path)
    try:
        groups = [g["id"] for g in store.groups(database)]
        for kpi in store.kpis(database):
            kpi = {**kpi, "aggregation": aggregation}
            rows = store.monthly_actuals(database, months[0], months[-1], kpi_id=kpi["id"])
            for scope in (groups, groups[::3]):
                in_scope = [r for r in rows if r["group_id"] in scope]
                expected = rules.trend_rows(kpi, in_scope, {}, scope, months)
                actuals = store.scope_monthly_actuals(
                    database, kpi["id"], aggregation, months[0], months[-1], scope
                )
                got = rules.scope_trend(kpi, actuals, {}, scope, months)
                assert [r["actual"] for r in got] == pytest.approx([r["actual"] for r in expected])
                assert any(r["actual"] is not None for r in got)  # not vacuous
    finally:
        database.close()
