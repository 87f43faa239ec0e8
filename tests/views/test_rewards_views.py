"""Rewards frames and chart builders on plain rows (no Streamlit run needed)."""

from datetime import date

from dashboard import rewards_views as views
from dashboard.domain import rewards as rules

QUARTER = rules.quarter_of(date(2026, 6, 15))  # 2026-04-01 .. 2026-06-30


def test_burn_down_steps_down_on_spending_days_up_to_today_next_to_an_even_pace() -> None:
    daily = [{"day": "2026-04-02", "money": 100.0}, {"day": "2026-06-10", "money": 50.0}]
    frame = views.burn_frame(300.0, daily, QUARTER, date(2026, 6, 15))
    actual = frame[frame["series"] == "actual"].set_index("day")["left"]
    assert (actual["2026-04-01"], actual["2026-04-02"], actual["2026-06-15"]) == (300, 200, 150)
    assert "2026-06-16" not in actual  # the future is not drawn
    even = frame[frame["series"] == "even"].set_index("day")["left"]
    assert (len(even), even["2026-06-30"]) == (91, 0)


def test_burn_chart_and_cost_chart_speak_the_page_language() -> None:
    frame = views.burn_frame(300.0, [], QUARTER, date(2026, 6, 15))
    burn = views.burn_chart(frame, "zh", "读书笔记组：2026-Q2 剩余预算").to_dict()
    assert burn["title"] == "读书笔记组：2026-Q2 剩余预算"
    assert burn["encoding"]["color"]["scale"]["domain"] == ["实际剩余", "均匀消耗"]
    assert "月" in burn["encoding"]["x"]["axis"]["labelExpr"]
    figures = [
        rules.CostFigures(
            1, {"rewards": 10.0, "events": 20.0, "tools": 0.0, "other": 5.0}, 100.0, 5, False
        ),
        rules.CostFigures(
            2, {"rewards": 0.0, "events": 0.0, "tools": 0.0, "other": 0.0}, None, None, False
        ),
    ]
    spec = views.cost_chart(figures, {1: "读书笔记组", 2: "线上分享组"}, "en").to_dict()
    bars, ticks = spec["layer"]
    assert bars["encoding"]["color"]["scale"]["domain"] == ["Rewards", "Events", "Tools", "Other"]
    assert ticks["mark"]["type"] == "tick"
    table = views.cost_frame(figures, {1: "读书笔记组", 2: "线上分享组"}, "en")
    assert table.iloc[0][["Cost (CNY)", "Margin (CNY)", "Cost per new member"]].tolist() == [
        35.0,
        65.0,
        7.0,
    ]
    assert views.totals(figures) == {
        "cost": 35.0,
        "revenue": 100.0,
        "margin": 65.0,
        "cost_per_new": 7.0,
    }
