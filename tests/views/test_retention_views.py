"""Retention frames and chart builders on plain rows (no Streamlit run needed)."""

from datetime import date

from streamlit.elements.vega_charts import _convert_altair_to_vega_lite_spec

from dashboard import retention_views as views
from dashboard.domain import retention as rules
from db.retention import DEFAULT_SETTINGS
from tests.views.specs import drawn

TODAY = date(2026, 6, 15)
EXITS = [
    {"left_on": "2026-06-02", "exit_reason": "workload"},
    {"left_on": "2026-06-01", "exit_reason": "workload"},
    {"left_on": "2026-04-20", "exit_reason": "discord"},
    {"left_on": "2025-07-31", "exit_reason": "growth"},
    {"left_on": "2025-06-30", "exit_reason": "reward"},  # 13 months back: not in the trend
    {"left_on": "2024-03-01", "exit_reason": None},
]


def profile(name: str, workload: int, concerns: int) -> rules.RiskProfile:
    signals = (
        rules.workload_signal(workload, 0, 0, DEFAULT_SETTINGS),
        rules.reward_signal(workload, 3, date(2024, 1, 1), TODAY, DEFAULT_SETTINGS),
        rules.growth_signal(date(2026, 6, 1), date(2024, 1, 1), TODAY, DEFAULT_SETTINGS),
        rules.discord_signal(concerns, DEFAULT_SETTINGS),
    )
    facts = {
        "roles": workload,
        "mentees": 0,
        "handovers": 0,
        "last_recognised": "2026-06-01",
        "load": workload,
        "received_points": 60,
        "received_money": 88.0,
        "reward_days": 90,
        "messages_week": None,
        "last_change": "2026-06-01",
        "open_concerns": concerns,
        "last_action": {"action": "talk", "taken_on": "2026-06-10"},
    }
    return rules.combine(
        {"id": len(name), "name": name, "status": "active"}, signals, DEFAULT_SETTINGS, facts
    )


def test_exits_by_month_keeps_twelve_months_with_zeros() -> None:
    monthly = views.exits_by_month(EXITS, TODAY)
    assert list(dict.fromkeys(monthly["month"])) == [
        "2025-07",
        "2025-08",
        "2025-09",
        "2025-10",
        "2025-11",
        "2025-12",
        "2026-01",
        "2026-02",
        "2026-03",
        "2026-04",
        "2026-05",
        "2026-06",
    ]
    totals = monthly.groupby("month")["exits"].sum().to_dict()
    assert (totals["2026-06"], totals["2026-04"], totals["2025-07"], totals["2026-05"]) == (
        2,
        1,
        1,
        0,
    )
    june = monthly[monthly["month"] == "2026-06"].set_index("reason")["exits"].to_dict()
    assert june == {"workload": 2, "reward": 0, "growth": 0, "discord": 0, "other": 0}


def test_exits_by_reason_counts_all_time_largest_first() -> None:
    frame = views.exits_by_reason(EXITS)
    assert frame.to_dict("records") == [
        {"reason": "workload", "exits": 2},
        {"reason": "discord", "exits": 1},
        {"reason": "growth", "exits": 1},
        {"reason": "other", "exits": 1},
        {"reason": "reward", "exits": 1},
    ]


def test_exit_charts_are_stacked_bars_coloured_by_reason() -> None:
    trend = views.exit_trend_chart(views.exits_by_month(EXITS, TODAY), "zh").to_dict()
    assert trend["mark"]["type"] == "bar"
    assert trend["encoding"]["x"]["field"] == "month"
    assert trend["encoding"]["y"]["aggregate"] == "sum"
    assert trend["encoding"]["color"]["scale"]["domain"] == [
        "工作量大",
        "回报少",
        "成长停滞",
        "团队不和",
        "其他",
    ]
    assert trend["title"] == "每月离开人数"
    reasons = views.exit_reason_chart(views.exits_by_reason(EXITS), "en").to_dict()
    assert reasons["encoding"]["y"]["field"] == "reason_label"
    assert reasons["encoding"]["color"]["scale"]["range"][0] == "#c00000"  # workload red


def test_risk_frame_marks_fired_signals_and_the_last_action() -> None:
    frame = views.risk_frame([profile("甲", 6, 1), profile("乙", 1, 0)], "en")
    first = frame.iloc[0].to_dict()
    assert (first["score"], first["level"], first["workload"], first["discord"]) == (
        50,
        "High",
        "⚠ 6",
        "⚠ 1",
    )
    assert first["reward"] == "3/3" and first["last_action"] == "Talk held · 2026-06-10"
    assert frame.iloc[1]["score"] == 0


def test_points_and_signals_chart_show_only_fired_causes() -> None:
    points = views.points_frame([profile("甲", 6, 1), profile("乙", 1, 0)], "en")
    assert points[["name", "cause", "points"]].to_dict("records") == [
        {"name": "甲", "cause": "workload", "points": 25},
        {"name": "甲", "cause": "discord", "points": 25},
    ]
    spec = views.signals_chart(points, "en").to_dict()
    assert spec["height"] == {"step": 22}
    assert spec["encoding"]["x"] == {
        "aggregate": "sum",
        "field": "points",
        "title": "Score",
        "type": "quantitative",
    }
    assert spec["encoding"]["color"]["scale"]["domain"] == [
        "Workload",
        "Reward",
        "Growth",
        "Discord",
        "Night work",
        "Drifting away",
    ]


def test_explanation_says_how_each_cause_adds_up() -> None:
    lines = views.explanation(profile("甲", 6, 1), "en")
    assert lines[0] == (
        "Workload: 6 roles + 0 mentees + 0 open handovers = 6 (too much above 4)",
        "**+25**",
    )
    assert lines[2] == (
        "Growth: 0 months without a role or stage change (last: 2026-06-01; alert from 9 months)",
        "+0",
    )
    assert lines[1] == (
        "Reward: 3 reward(s) in the last 90 days (60 points, ¥88) for a load of 6; "
        "at least 3 expected (last: 2026-06-01)",
        "+0",
    )
    assert views.explanation(profile("甲", 6, 1), "zh")[1][0] == (
        "回报：近 90 天获得 3 次奖励（60 积分，88 元），承担的工作量为 6，应至少获得 3 次（上次：2026-06-01）"
    )
    assert (
        views.explanation(profile("甲", 6, 1), "zh")[3][0]
        == "不和：1 个未解决的关注事项（达到 1 个提醒）"
    )


def test_the_risk_levels_and_table_of_the_levels_chosen(demo_db_path) -> None:
    path, today = str(demo_db_path), "2026-06-15"
    everyone = views.profiles(path, today)
    levels = views.risk_levels(path, today)
    assert levels["person_id"].tolist() == [p.person_id for p in everyone]
    assert levels["level"].tolist() == [p.level for p in everyone]
    high = [p.person_id for p in everyone if p.level == "high"]
    table, chart = views.risk_table(path, today, "zh", ("high",))
    assert table["person_id"].tolist() == high and set(table["level"]) == {"高"}
    assert views.profile_of(path, today, everyone[3].person_id) == everyone[3]
    assert views.profile_of(path, today, -1) is None
    # the chart is the one st.altair_chart would draw of the high-risk people's points
    points = views.points_frame([p for p in everyone if p.level == "high"], "zh")
    assert not points.empty
    assert drawn(chart) == drawn(
        _convert_altair_to_vega_lite_spec(views.signals_chart(points, "zh"))
    )
    assert views.risk_table(path, today, "zh", ())[1] is None  # nobody shown: no chart
