"""The health column's labels and the small-multiples chart (dashboard.health_views), from
plain rule objects: what a lead sees for a sick, a healthy and an unmapped group."""

from dashboard import health_views as views
from dashboard.domain import health as rules
from db.health import DEFAULT_SETTINGS


def sick() -> rules.GroupHealth:
    months = [
        rules.MonthStats("2026-04", 10, 8, 40, 0.5, 0.2, False, 0.3),
        rules.MonthStats("2026-05", 10, 3, 90, 0.9, 0.85, True, 0.1),
    ]
    flags = [
        rules.Flag("tyranny", "health.ev.tyranny_team", {}, 85.0),
        rules.Flag("leaderless", "health.ev.no_owner", {}, None, {"dismissed_by": "lead"}),
    ]
    return rules.GroupHealth(4, "读书笔记组", True, flags, months)


def test_the_health_column_names_open_flags_else_healthy_or_no_data() -> None:
    assert views.health_label(sick(), "zh") == "暴政"  # the dismissed flag is not shown
    assert views.health_label(rules.GroupHealth(2, "读书会", True), "en") == "Healthy"
    assert views.health_label(rules.GroupHealth(1, "M", False), "zh") == "无活跃数据"


def test_the_chart_is_one_small_multiple_per_group_with_the_thresholds_in_chinese() -> None:
    frame = views.chart_frame([sick()], "zh")
    may = frame[frame["month"] == "2026-05"].set_index("measure")["value"].to_dict()
    assert may == {"活跃成员占比": 30.0, "打卡与分享占比": 10.0, "头部发言占比": 90.0}
    spec = views.health_chart(frame, DEFAULT_SETTINGS, "zh").to_dict()
    assert spec["facet"]["field"] == "group" and spec["columns"] == 4
    lines, thresholds = spec["spec"]["layer"]
    assert lines["encoding"]["y"]["title"] == "占比（%）"
    assert lines["encoding"]["x"]["title"] == "月份"
    limits = spec["datasets"][thresholds["data"]["name"]]
    assert [row["limit"] for row in limits] == [15, 70]
    assert [row["threshold"] for row in limits] == ["失焦阈值", "暴政阈值"]
