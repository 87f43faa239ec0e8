"""The rewards ledger on hand-built data: giving, budgets and what is left (also under two
leads giving at once), reversals, points balances, access, the migration of old
recognitions, and the cost vs revenue figures with the cost import."""

import threading
from datetime import date

import pytest

from dashboard.areas import migrate
from dashboard.domain import rewards as rules
from dashboard.domain.changes import RowChanges
from db import rewards as store
from db.connection import connect
from db.errors import AccessDenied, ValidationError
from tests.conftest import add_user

TODAY = date(2026, 6, 15)


@pytest.fixture
def team(db) -> dict[str, int]:
    """A core group 内容核心群 with 读书笔记组 (陈晨, 李雷) and an outside core group 活动核心群
    with 线上分享组 (王芳); a lead scoped to 内容核心群."""
    ids: dict[str, int] = {}
    ids["mgmt"] = db.execute(
        "INSERT INTO groups (name, tier, created_on) VALUES ('管理群', 'management', '2024-01-01')"
    ).lastrowid
    for key, name, tier, parent in (
        ("core", "内容核心群", "core", "mgmt"),
        ("reading", "读书笔记组", "ordinary", "core"),
        ("other_core", "活动核心群", "core", "mgmt"),
        ("online", "线上分享组", "ordinary", "other_core"),
    ):
        ids[key] = db.execute(
            "INSERT INTO groups (name, tier, parent_id, created_on) VALUES (?, ?, ?, '2024-01-01')",
            [name, tier, ids[parent]],
        ).lastrowid
    role = db.execute(
        "INSERT INTO roles (code, name, name_zh) VALUES ('member', 'Member', '成员')"
    ).lastrowid
    for key, name, group in (
        ("chen", "陈晨", "reading"),
        ("li", "李雷", "reading"),
        ("wang", "王芳", "online"),
    ):
        ids[key] = db.execute(
            "INSERT INTO people (name, joined_on, status) VALUES (?, '2025-01-01', 'active')",
            [name],
        ).lastrowid
        db.execute(
            "INSERT INTO memberships (person_id, group_id, role_id, start_on) VALUES (?, ?, ?, '2025-01-01')",
            [ids[key], ids[group], role],
        )
    add_user(db, "lead", "lead", ids["core"])
    db.conn.commit()
    return ids


def give(db, team, actor="admin", person="chen", group="reading", **fields) -> int:
    values = {
        "points": 0,
        "money": 0,
        "reason": "月度最佳答疑",
        "given_on": TODAY,
        "given_by": None,
    }
    return rules.give(
        db,
        actor,
        person_id=team[person],
        group_id=team[group],
        today=TODAY,
        **{**values, **fields},
    )


def test_money_comes_out_of_the_quarter_budget_and_points_add_up(db, team) -> None:
    assert rules.budget_left(db, team["reading"], TODAY) is None
    rules.set_budget(db, "admin", group_id=team["reading"], quarter="2026-Q2", amount=500)
    give(db, team, points=30, money=120)
    give(db, team, points=20, money=80, given_on=date(2026, 4, 1))
    give(db, team, person="li", points=10, given_on=date(2026, 3, 31))  # Q1: no money
    assert rules.budget_left(db, team["reading"], TODAY) == {
        "quarter": "2026-Q2",
        "budget": 500.0,
        "spent": 200.0,
        "left": 300.0,
    }
    assert rules.budget_left(db, team["reading"], date(2026, 7, 1)) is None  # Q3: none set
    balances = {row["name"]: row["balance"] for row in store.points_balances(db)}
    assert balances == {"陈晨": 50, "李雷": 10}


def test_giving_beyond_the_budget_is_refused_naming_the_group_and_what_is_left(db, team) -> None:
    rules.set_budget(db, "admin", group_id=team["reading"], quarter="2026-Q2", amount=100)
    give(db, team, money=70)
    with pytest.raises(ValidationError) as refused:
        give(db, team, money=40)
    assert refused.value.key == "rewards.err.over_budget"
    assert refused.value.params == {
        "group": "读书笔记组",
        "quarter": "2026-Q2",
        "money": "40",
        "left": "30",
        "budget": "100",
    }
    with pytest.raises(ValidationError) as no_budget:
        give(db, team, person="wang", group="online", money=1)
    assert no_budget.value.params == {"group": "线上分享组", "quarter": "2026-Q2"}
    give(db, team, money=30)  # exactly what is left
    assert rules.budget_left(db, team["reading"], TODAY)["left"] == 0


def test_two_leads_giving_at_once_cannot_overspend(db_path, db, team) -> None:
    rules.set_budget(db, "admin", group_id=team["reading"], quarter="2026-Q2", amount=100)
    add_user(db, "lead2", "lead", team["core"])
    db.conn.commit()
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def give_60(actor: str, person: str) -> None:
        own = connect(db_path)  # each lead's own session connection
        try:
            start.wait()
            give(own, team, actor=actor, person=person, money=60)
            outcomes.append("given")
        except ValidationError as error:
            outcomes.append(error.key)
        finally:
            own.close()

    threads = [
        threading.Thread(target=give_60, args=("lead", "chen")),
        threading.Thread(target=give_60, args=("lead2", "li")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["given", "rewards.err.over_budget"]
    assert rules.budget_left(db, team["reading"], TODAY)["spent"] == 60


def test_a_reversal_gives_points_and_money_back_and_entries_are_never_edited(db, team) -> None:
    rules.set_budget(db, "admin", group_id=team["reading"], quarter="2026-Q2", amount=100)
    entry = give(db, team, points=30, money=100, given_on=date(2026, 5, 2))
    counter = rules.reverse(db, "admin", entry_id=entry, reason="发错人", today=TODAY)
    row = store.entry(db, counter)
    assert (
        row["points"],
        row["money"],
        row["given_on"],
        row["reverses_id"],
        row["recorded_on"],
    ) == (
        -30,
        -100.0,
        "2026-05-02",
        entry,
        "2026-06-15",
    )
    assert rules.budget_left(db, team["reading"], TODAY)["left"] == 100
    assert store.points_balances(db) == []
    with pytest.raises(ValidationError, match="already_reversed"):
        rules.reverse(db, "admin", entry_id=entry, reason="again", today=TODAY)
    with pytest.raises(ValidationError, match="is_reversal"):
        rules.reverse(db, "admin", entry_id=counter, reason="undo the undo", today=TODAY)
    with pytest.raises(Exception, match="never edited"):
        db.execute("UPDATE reward_entries SET money = 1 WHERE id = ?", [entry])
    with pytest.raises(Exception, match="never deleted"):
        db.execute("DELETE FROM reward_entries WHERE id = ?", [entry])
    audit = db.execute(
        "SELECT action, entity_id FROM audit_log WHERE entity = 'reward_entry' ORDER BY id"
    ).fetchall()
    assert [tuple(a) for a in audit] == [("create", entry), ("reverse", counter)]


@pytest.mark.parametrize(
    ("fields", "key"),
    [
        ({"reason": "  "}, "rewards.err.reason_empty"),
        ({"points": -5}, "rewards.err.amount"),
        ({"points": 2.5}, "rewards.err.amount"),
        ({"money": "abc"}, "rewards.err.amount"),
        ({"money": float("inf")}, "rewards.err.amount"),
        ({"given_on": date(2026, 6, 16)}, "rewards.err.future"),
        ({"group": "online"}, "rewards.err.not_in_group"),
        ({"given_by": "chen"}, "rewards.err.self"),
    ],
)
def test_bad_rewards_are_refused_and_nothing_is_written(db, team, fields, key) -> None:
    if "group" in fields:
        fields = {**fields}
    if fields.get("given_by") == "chen":
        fields["given_by"] = team["chen"]
    with pytest.raises(ValidationError) as refused:
        give(db, team, **fields)
    assert refused.value.key == key
    assert db.execute("SELECT COUNT(*) FROM reward_entries").fetchone()[0] == 0


def test_a_lead_gives_and_budgets_only_in_scope_and_a_viewer_not_at_all(db, team) -> None:
    give(db, team, actor="lead", points=10)  # 读书笔记组 lies in the lead's subtree
    with pytest.raises(AccessDenied) as outside:
        give(db, team, actor="lead", person="wang", group="online", points=10)
    assert outside.value.params["name"] == "线上分享组"
    with pytest.raises(AccessDenied):
        rules.set_budget(db, "lead", group_id=team["online"], quarter="2026-Q2", amount=10)
    with pytest.raises(AccessDenied):
        give(db, team, actor="viewer", points=10)
    entry = give(db, team, actor="admin", person="wang", group="online", points=5)
    with pytest.raises(AccessDenied):
        rules.reverse(db, "lead", entry_id=entry, reason="x", today=TODAY)
    assert db.execute("SELECT COUNT(*) FROM reward_entries").fetchone()[0] == 2


def test_a_budget_cannot_fall_below_what_is_spent(db, team) -> None:
    rules.set_budget(db, "admin", group_id=team["reading"], quarter="2026-Q2", amount=100)
    give(db, team, money=80)
    with pytest.raises(ValidationError) as refused:
        rules.set_budget(db, "admin", group_id=team["reading"], quarter="2026-Q2", amount=50)
    assert refused.value.params == {"group": "读书笔记组", "quarter": "2026-Q2", "spent": "80"}
    with pytest.raises(ValidationError, match="quarter"):
        rules.set_budget(db, "admin", group_id=team["reading"], quarter="2026-Q5", amount=50)


def test_old_recognitions_move_into_the_ledger_in_the_group_of_that_day(tmp_path) -> None:
    """Migrate a database up to retention only, record old recognitions, then migrate the
    rest: each becomes an honour entry, once."""
    from dashboard.areas import AREAS
    from db import schema

    path = tmp_path / "old.sqlite"
    old = connect(path)
    before_rewards = [a.migrations for a in AREAS if a.migrations is not None]
    before_rewards = before_rewards[: [a.key for a in AREAS if a.migrations].index("rewards")]
    schema.migrate(old, before_rewards)
    old.execute("INSERT INTO groups (name, tier, created_on) VALUES ('老群', 'core', '2024-01-01')")
    old.execute("INSERT INTO groups (name, tier, created_on) VALUES ('新群', 'core', '2024-01-01')")
    old.execute("INSERT INTO roles (code, name, name_zh) VALUES ('member', 'Member', '成员')")
    old.execute(
        "INSERT INTO people (name, joined_on, status) VALUES ('甲', '2024-01-01', 'active')"
    )
    old.execute(
        """INSERT INTO memberships (person_id, group_id, role_id, start_on, end_on) VALUES
           (1, 1, 1, '2024-01-01', '2025-12-31'), (1, 2, 1, '2026-01-01', NULL)"""
    )
    old.execute(
        """INSERT INTO recognitions (person_id, kind, what, given_on, recorded_by) VALUES
           (1, 'recognition', '公开表扬', '2025-06-01', 'lead'),
           (1, 'reward', '平台会员季卡', '2026-03-01', 'admin')"""
    )
    old.conn.commit()
    migrate(old)
    rows = old.execute(
        """SELECT group_id, points, money, reason, given_on, recorded_by, recognition_id
           FROM reward_entries ORDER BY id"""
    ).fetchall()
    assert [tuple(r) for r in rows] == [
        (1, 0, 0.0, "公开表扬", "2025-06-01", "lead", 1),
        (2, 0, 0.0, "【福利】平台会员季卡", "2026-03-01", "admin", 2),
    ]
    assert store.copy_recognitions(old) == 0  # once each
    old.close()


# ---------------------------------------------------------------- cost vs revenue


def add_kpis(db) -> dict[str, int]:
    ids = {}
    for code, name, name_zh, metric in (
        ("revenue", "Revenue", "营收", None),
        ("new_members", "New members", "新增用户", None),
        ("joins", "Joins", "入群", "new_members"),
    ):
        ids[code] = db.execute(
            "INSERT INTO kpis (code, name, name_zh, kind, activity_metric) VALUES (?, ?, ?, 'result', ?)",
            [code, name, name_zh, metric],
        ).lastrowid
    return ids


def test_margin_and_cost_per_new_member_on_hand_built_figures(db, team) -> None:
    kpi = add_kpis(db)
    values = [
        (kpi["revenue"], team["reading"], "2026-05-03", 1000),
        (kpi["revenue"], team["reading"], "2026-06-01", 500),
        (kpi["revenue"], team["online"], "2026-06-02", 200),
        (kpi["new_members"], team["reading"], "2026-05-03", 10),  # typed
        (kpi["new_members"], team["online"], "2026-06-03", 99),  # typed, but ...
        (kpi["joins"], team["online"], "2026-06-03", 4),  # ... computed wins
        (kpi["revenue"], team["reading"], "2026-04-30", 7777),  # outside the months
    ]
    db.conn.executemany(
        "INSERT INTO kpi_values (kpi_id, group_id, day, value) VALUES (?, ?, ?, ?)", values
    )
    rules.set_budget(db, "admin", group_id=team["reading"], quarter="2026-Q2", amount=500)
    give(db, team, money=150, given_on=date(2026, 5, 10))
    store.write_costs(
        db,
        "admin",
        [
            (team["reading"], "2026-05", "events", 300),
            (team["reading"], "2026-06", "tools", 50),
            (team["online"], "2026-06", "other", 100),
        ],
        "update",
    )
    reading, online, core = rules.cost_figures(
        db, "2026-05", "2026-06", [team["reading"], team["online"], team["core"]]
    )
    assert reading.costs == {"rewards": 150.0, "events": 300.0, "tools": 50.0, "other": 0.0}
    assert (reading.cost, reading.revenue, reading.margin) == (500.0, 1500.0, 1000.0)
    assert (reading.new_members, reading.new_members_computed, reading.cost_per_new_member) == (
        10,
        False,
        50.0,
    )
    assert (online.cost, online.margin, online.new_members, online.new_members_computed) == (
        100.0,
        100.0,
        4,
        True,
    )
    assert online.cost_per_new_member == 25.0
    assert (core.cost, core.revenue, core.margin, core.cost_per_new_member) == (0, None, None, None)


def test_the_cost_grid_saves_by_group_and_reports_bad_cells_by_name(db, team) -> None:
    rows = rules.cost_rows(db, "2026-06", [team["reading"], team["online"]])
    seen = {row["group_id"]: row for row in rows}
    saved = rules.save_cost_grid(
        db,
        "admin",
        "2026-06",
        RowChanges(seen=seen, edited={team["reading"]: {"events": 200, "tools": "¥1,200"}}),
    )
    assert saved == 2
    assert [(r["category"], r["amount"]) for r in store.costs(db, "2026-06", "2026-06")] == [
        ("events", 200.0),
        ("tools", 1200.0),
    ]
    with pytest.raises(ValidationError) as refused:
        rules.save_cost_grid(
            db, "admin", "2026-06", RowChanges(seen=seen, edited={team["online"]: {"other": -5}})
        )
    assert refused.value.row_errors == [("线上分享组", "rewards.err.cost_value", {"value": -5})]
    rules.save_cost_grid(
        db, "admin", "2026-06", RowChanges(seen=seen, edited={team["reading"]: {"events": None}})
    )
    assert [r["category"] for r in store.costs(db, "2026-06", "2026-06")] == ["tools"]
    with pytest.raises(AccessDenied):
        rules.save_cost_grid(
            db, "lead", "2026-06", RowChanges(seen=seen, edited={team["online"]: {"other": 5}})
        )


def test_costs_import_from_a_gb18030_csv_with_chinese_headers_and_slashed_dates(db, team) -> None:
    content = (
        '群名称,月份,类别,金额\n读书笔记组,2026/6/1,活动,"1,200"\n线上分享组,2026年5月,工具,80元\n'
    ).encode("gb18030")
    table = rules.read_cost_upload("成本.csv", content)
    assert table.encoding == "GB18030"
    count = rules.import_costs(db, "admin", table.records, TODAY, table.lines)
    assert count == 2
    rows = store.costs(db, "2026-05", "2026-06")
    assert [(r["group_id"], r["month"], r["category"], r["amount"]) for r in rows] == [
        (team["online"], "2026-05", "tools", 80.0),
        (team["reading"], "2026-06", "events", 1200.0),
    ]


def test_a_bad_cost_import_lists_every_problem_and_writes_nothing(db, team) -> None:
    content = (
        "群名称,日期,类别,金额\n"
        "无此群,2026/6/1,活动,10\n"
        "读书笔记组,明天,午饭,-3\n"
        "读书笔记组,2026/7/1,其他,5\n"
    ).encode("gb18030")
    table = rules.read_cost_upload("bad.csv", content)
    with pytest.raises(ValidationError) as refused:
        rules.import_costs(db, "admin", table.records, TODAY, table.lines)
    assert [(line, key) for line, key, _ in refused.value.row_errors] == [
        ("#2", "rewards.err.unknown_group"),
        ("#3", "rewards.err.bad_month"),
        ("#3", "rewards.err.bad_category"),
        ("#3", "rewards.err.cost_value"),
        ("#4", "rewards.err.future_month"),
    ]
    assert store.costs(db, "2000-01", "2100-12") == []


def test_costs_import_from_an_excel_workbook_with_a_title_row_and_date_cells(db, team) -> None:
    from datetime import datetime
    from io import BytesIO

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["2026年5月成本"])  # a title above the header, as Excel sheets have
    sheet.append(["社群", "日期", "费用类别", "金额"])
    sheet.append(["读书笔记组", datetime(2026, 5, 20), "工具", 99.5])
    sheet.append(["线上分享组", "2026-5", "其他", "¥300"])
    buffer = BytesIO()
    book.save(buffer)
    table = rules.read_cost_upload("成本.xlsx", buffer.getvalue())
    assert rules.import_costs(db, "admin", table.records, TODAY, table.lines) == 2
    rows = store.costs(db, "2026-05", "2026-05")
    assert [(r["group_id"], r["category"], r["amount"]) for r in rows] == [
        (team["reading"], "tools", 99.5),
        (team["online"], "other", 300.0),
    ]
    audit = db.execute("SELECT action, entity FROM audit_log WHERE entity = 'group_costs'")
    assert [tuple(row) for row in audit.fetchall()] == [("import", "group_costs")]
