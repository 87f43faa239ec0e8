"""The rewards page and the KPI board's cost vs revenue panel, driven through AppTest on a
copy of the demo database (today 2026-06-15), in both languages."""

import json

import pytest

from tests.conftest import group_named, person_named
from tests.pages.test_kpi_board import open_tab


def button(at, label: str):
    return next(b for b in at.button if b.label == label)


def entries_of(demo_db, person_id: int) -> list[tuple]:
    return [
        tuple(row)
        for row in demo_db.execute(
            """SELECT points, money, reason, recorded_by FROM reward_entries
               WHERE person_id = ? AND recognition_id IS NULL ORDER BY id DESC LIMIT 1""",
            [person_id],
        ).fetchall()
    ]


def give(at, demo_db, group: str, person: str, points: int, money: float, reason: str):
    at.selectbox(key="rewards_give_group").set_value(group_named(demo_db, group)).run()
    at.selectbox(key="rewards_person").set_value(person_named(demo_db, person))
    at.number_input(key="rewards_points").set_value(points)
    at.number_input(key="rewards_money").set_value(money)
    at.text_input(key="rewards_reason").input(reason)
    return button(at, "Give" if at.session_state["ui_lang"] == "en" else "发放").click().run()


def member_of(demo_db, group: str) -> str:
    return demo_db.execute(
        """SELECT p.name FROM memberships m JOIN people p ON p.id = m.person_id
           WHERE m.group_id = ? AND m.end_on IS NULL AND p.status <> 'left'
           ORDER BY p.name LIMIT 1""",
        [group_named(demo_db, group)],
    ).fetchone()[0]


def test_an_admin_gives_a_reward_and_sees_it_in_the_ledger(make_app, demo_db) -> None:
    at = make_app("rewards")
    assert not at.exception
    person = member_of(demo_db, "读书笔记组")
    at = give(at, demo_db, "读书笔记组", person, 30, 20.0, "月度最佳答疑")
    assert not at.exception and not at.error
    assert at.success[0].value == f"Given to {person}."
    assert entries_of(demo_db, person_named(demo_db, person)) == [
        (30, 20.0, "月度最佳答疑", "admin")
    ]
    ledger = at.dataframe[0].value
    assert ledger.iloc[0][["Person", "Points", "Money (CNY)", "Reason"]].tolist() == [
        person,
        30,
        20.0,
        "月度最佳答疑",
    ]


def test_money_beyond_the_budget_is_refused_naming_the_group(make_app, demo_db) -> None:
    at = make_app("rewards")
    person = member_of(demo_db, "读书笔记组")
    at = give(at, demo_db, "读书笔记组", person, 0, 100000.0, "太多了")
    assert len(at.error) == 1
    assert at.error[0].value.startswith("¥100000 is more than 读书笔记组 has left for 2026-Q2")
    assert at.text_input(key="rewards_reason").value == "太多了"  # nothing lost
    refused = "SELECT COUNT(*) FROM reward_entries WHERE reason = '太多了'"
    assert demo_db.execute(refused).fetchone()[0] == 0


def test_a_reversal_from_the_page(make_app, demo_db) -> None:
    at = make_app("rewards")
    assert not [s for s in at.selectbox if s.key == "rewards_reverse_entry"]  # built when open
    at.session_state["rewards_reversing"] = True  # the expander opened: it reruns
    at = at.run()
    entry = at.selectbox(key="rewards_reverse_entry").value
    at.text_input(key="rewards_reverse_reason").input("发错人")
    at = button(at, "Reverse").click().run()
    assert not at.exception and at.success[0].value == f"Entry #{entry} reversed."
    assert (
        demo_db.execute(
            "SELECT reason FROM reward_entries WHERE reverses_id = ?", [entry]
        ).fetchone()[0]
        == "发错人"
    )


def test_a_lead_gives_only_in_scope_and_a_viewer_reads_only(make_app, demo_db) -> None:
    at = make_app("rewards", user="lead")
    offered = set(at.selectbox(key="rewards_give_group").options)
    assert "读书笔记组" in offered and "线上分享组" not in offered
    groups = set(at.dataframe[0].value["Group"])
    assert "线上分享组" not in groups and "读书笔记组" in groups
    viewer = make_app("rewards", user="viewer")
    assert not viewer.exception
    assert "giving rewards and setting budgets needs a lead" in viewer.info[0].value
    assert not [s for s in viewer.selectbox if s.key == "rewards_give_group"]
    assert not [b for b in viewer.button if b.key.startswith(("rewards", "FormSubmitter:rewards"))]


def test_budgets_burn_down_and_points_in_chinese(make_app) -> None:
    at = make_app("rewards", lang="zh", state={"rewards_tab": "预算"})
    assert not at.exception
    assert [tab.label for tab in at.tabs] == ["账本", "预算", "积分余额"]
    assert not at.tabs[0].dataframe and not at.tabs[2].dataframe  # only the open tab runs
    budgets = at.tabs[1].dataframe[0].value
    assert list(budgets.columns) == ["群组", "预算（元）", "已用（元）", "剩余（元）", "使用率"]
    assert (budgets["预算（元）"] > 0).all()
    charts = at.get("vega_lite_chart")
    titles = [json.loads(chart.proto.spec).get("title", "") for chart in charts]
    assert any("剩余预算" in title for title in titles)
    at.session_state["rewards_tab"] = "积分余额"
    at = at.run()
    points = at.tabs[2].dataframe[0].value
    assert list(points.columns) == ["成员", "积分余额", "记录数", "最近一次"]
    assert points["积分余额"].is_monotonic_decreasing


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_cost_vs_revenue_panel_on_the_kpi_board(make_app, lang) -> None:
    at = make_app("kpi_board", lang=lang)
    at = open_tab(at, "Cost vs revenue" if lang == "en" else "成本与营收")
    assert not at.exception
    tab = at.tabs[5]
    frame = tab.dataframe[0].value
    if lang == "en":
        assert list(frame.columns)[:6] == [
            "Group",
            "Rewards",
            "Events",
            "Tools",
            "Other",
            "Cost (CNY)",
        ]
        assert [m.label for m in tab.metric] == ["Cost", "Revenue", "Margin", "Cost per new member"]
    else:
        assert list(frame.columns)[-5:] == [
            "成本（元）",
            "营收（元）",
            "利润（元）",
            "新增用户",
            "每位新增用户成本",
        ]
        assert all("元" in m.value for m in tab.metric)
    row = frame.iloc[0]
    cost_col, revenue_col, margin_col = list(frame.columns)[5:8]
    assert round(row[revenue_col] - row[cost_col], 2) == row[margin_col]
    assert len(tab.get("download_button")) == 2  # CSV and Excel


def test_cost_entry_is_offered_to_writers_only(make_app) -> None:
    admin = open_tab(make_app("kpi_board"), "Cost vs revenue")
    assert [b.key for b in admin.button if b.key == "rewards_cost_save"] == ["rewards_cost_save"]
    viewer = open_tab(make_app("kpi_board", user="viewer"), "Cost vs revenue")
    assert not viewer.exception
    assert viewer.tabs[5].dataframe  # reads the figures
    assert not [b for b in viewer.button if b.key == "rewards_cost_save"]
    assert not viewer.get("file_uploader")
