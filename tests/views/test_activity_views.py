"""Activity frames and chart builders on plain rows, checked through their Vega-Lite specs."""

from collections import Counter

import pandas as pd

from dashboard import activity_views as views
from tests.views.specs import drawn

NAMES = {4: "读书笔记组", 5: "打卡督导组"}
DAILY = [
    {"group_id": 4, "day": "2026-06-01", "messages": 12, "active_members": 5},
    {"group_id": 4, "day": "2026-06-02", "messages": 7, "active_members": 3},
    {"group_id": 5, "day": "2026-06-01", "messages": 4, "active_members": 2},
]
MEMBERS = [
    {
        "group_id": 4,
        "member_key": "a",
        "display_name": "小王",
        "person_id": 1,
        "messages": 15,
        "joins": 0,
        "leaves": 0,
    },
    {
        "group_id": 4,
        "member_key": "b",
        "display_name": None,
        "person_id": None,
        "messages": 4,
        "joins": 1,
        "leaves": 0,
    },
    {
        "group_id": 5,
        "member_key": "c",
        "display_name": "阿杰",
        "person_id": None,
        "messages": 4,
        "joins": 0,
        "leaves": 1,
    },
]
STILL_IN = Counter({4: 2})  # members of MEMBERS' groups who had not left: group 5's one left


def test_daily_chart_draws_the_target_as_a_dashed_rule_per_group() -> None:
    frame = views.daily_frame(DAILY, NAMES)
    targets = [
        {"group_id": None, "period": "2026-06", "target": 50.0},
        {"group_id": 4, "period": "2026-06", "target": 40.0},
        {"group_id": None, "period": "2026-05", "target": 90.0},
    ]
    goal = views.target_frame(targets, STILL_IN, NAMES, "2026-06")
    # group 4: its own 40 % of its 2 members; group 5's only member left: no rule
    assert goal.to_dict("records") == [{"group": "读书笔记组", "active_members": 0.8, "target": 40}]
    spec = views.daily_chart(frame, "active_members", "zh", goal).to_dict()
    lines, rule = spec["layer"]
    assert lines["mark"]["type"] == "line" and rule["mark"]["strokeDash"] == [6, 4]
    assert lines["encoding"]["x"]["axis"]["labelExpr"].startswith("(month(datum.value) + 1)")
    assert lines["encoding"]["y"]["title"] == "活跃成员"
    assert views.daily_chart(frame, "messages", "en").to_dict()["mark"]["type"] == "line"


def test_daily_chart_marks_each_day_only_while_the_points_are_few() -> None:
    """Up to ``POINTED_DAYS`` group-days a point (with the day's figures) per day; beyond,
    the lines alone, whose tooltip names the group (the browser drew thousands of points)."""
    days = pd.date_range("2026-03-17", "2026-06-15").strftime("%Y-%m-%d")
    rows = [
        {"group_id": group_id, "day": day, "active_members": 3, "messages": 9}
        for group_id in range(15)
        for day in days
    ]
    many = views.daily_frame(rows, {})
    assert len(many) > views.POINTED_DAYS
    spec = views.daily_chart(many, "messages", "en").to_dict()
    assert spec["mark"] == {"type": "line", "point": False}
    assert [tip["field"] for tip in spec["encoding"]["tooltip"]] == ["group"]
    assert len(spec["datasets"][spec["data"]["name"]]) == len(many)  # every day still drawn
    few = views.daily_frame([row for row in rows if row["day"] >= "2026-05-16"], {})
    assert len(few) <= views.POINTED_DAYS
    spec = views.daily_chart(few, "messages", "en").to_dict()
    assert spec["mark"] == {"type": "line", "point": True}
    assert [tip["field"] for tip in spec["encoding"]["tooltip"]] == ["group", "day", "messages"]


def test_heatmap_names_weekdays_in_the_language() -> None:
    rows = [{"weekday": 0, "hour": 21, "messages": 9}, {"weekday": 6, "hour": 8, "messages": 2}]
    spec = views.heatmap_chart(rows, "zh").to_dict()
    assert spec["mark"]["type"] == "rect"
    assert spec["encoding"]["y"]["sort"][:2] == ["周一", "周二"]
    data = next(iter(spec["datasets"].values()))
    assert [(d["weekday"], d["hour"]) for d in data] == [("周一", 21), ("周日", 8)]


def test_level_chart_stacks_levels_in_order_with_months_in_the_language() -> None:
    counts = {(4, "2026-05"): Counter(core=1, silent=2), (4, "2026-06"): Counter(left=1)}
    frame = views.level_frame(counts, NAMES, "zh")
    assert list(frame["month"]) == ["2026年5月", "2026年5月", "2026年6月"]
    assert list(frame["level"]) == ["核心", "沉默", "已退出"]
    spec = views.level_chart(frame, "zh").to_dict()
    assert spec["encoding"]["x"]["sort"] == ["2026年5月", "2026年6月"]
    assert spec["encoding"]["color"]["scale"]["domain"] == [
        "核心",
        "活跃",
        "偶尔",
        "沉默",
        "已退出",
    ]


def test_moves_frame_keeps_rows_with_moves() -> None:
    frame = views.moves_frame(Counter({(None, "active"): 2, ("core", "left"): 1}), "en")
    assert list(frame.index) == ["New", "Core"]
    assert frame.loc["New", "Active"] == 2 and frame.loc["Core", "Left"] == 1


def test_carriers_show_team_people_by_their_name() -> None:
    frame = views.carriers_frame(MEMBERS, {1: {"name": "王芳", "handle": "wf"}}, "en")
    assert frame.to_dict("records") == [
        {"name": "王芳", "messages": 15, "side": "Team"},
        {"name": "Unnamed member 1", "messages": 4, "side": "Community"},  # not its key
        {"name": "阿杰", "messages": 4, "side": "Community"},
    ]
    spec = views.carriers_chart(frame, "en").to_dict()
    assert spec["encoding"]["y"]["sort"][0] == "王芳"


def test_the_seeding_actor_is_named_in_the_language_of_the_page() -> None:
    assert [views.actor_name("system", lang) for lang in ("en", "zh")] == ["system", "系统"]
    assert views.actor_name("lead", "zh") == "lead"  # an account by its username


def test_message_counts_and_senders_sharing_a_name_in_pickers() -> None:
    assert views.message_count(1, "en") == "1 message"
    assert views.message_count(1200, "en") == "1,200 messages"
    assert views.message_count(1, "zh") == "1 条消息"
    senders = [
        {"key": "a1b2c3d4e5", "platform": "wechat", "display_name": "小雨"},
        {"key": "f6e5d4c3b2", "platform": "qq", "display_name": "小雨"},
        {"key": "0123456789", "platform": "wechat", "display_name": "王芳"},
    ]
    assert views.sender_labels(senders) == {
        "a1b2c3d4e5": "小雨 · WeChat · #7316",
        "f6e5d4c3b2": "小雨 · QQ · #7347",
        "0123456789": "王芳",
    }


def test_the_charts_specs_are_what_st_altair_chart_draws() -> None:
    """``altair_spec`` (drawn by ``st.vega_lite_chart``, without Altair's validation) gives
    the spec and Arrow data that ``st.altair_chart`` sends of the same chart."""
    from streamlit.elements.vega_charts import _convert_altair_to_vega_lite_spec

    from dashboard.vega import altair_spec

    frame = views.daily_frame(DAILY, NAMES)
    targets = [{"group_id": 4, "period": "2026-06", "target": 40.0}]
    goal = views.target_frame(targets, STILL_IN, NAMES, "2026-06")
    hours = [{"weekday": 0, "hour": 21, "messages": 9}, {"weekday": 6, "hour": 8, "messages": 2}]
    carriers = views.carriers_frame(MEMBERS, {1: {"name": "王芳", "handle": "wf"}}, "zh")
    levels = views.level_frame({(4, "2026-05"): Counter(core=1, silent=2)}, NAMES, "zh")
    charts = [
        lambda: views.daily_chart(frame, "active_members", "zh", goal),
        lambda: views.daily_chart(frame, "messages", "en"),
        lambda: views.heatmap_chart(hours, "zh"),
        lambda: views.carriers_chart(carriers, "zh"),
        lambda: views.level_chart(levels, "en"),
    ]
    for chart in charts:
        spec = altair_spec(chart())
        assert all(isinstance(data, bytes) for data in spec["datasets"].values())
        assert drawn(spec) == drawn(_convert_altair_to_vega_lite_spec(chart()))
    assert len(altair_spec(charts[0]())["datasets"]) == 2  # the lines and the target rules
