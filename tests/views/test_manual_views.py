"""Pure builders of the manuals page: the status table, the freshness chart, the diff table."""

from datetime import date

import altair as alt
import pandas as pd

from dashboard import manual_views as views
from dashboard.domain.manuals import side_by_side
from dashboard.i18n import t
from tests.views.specs import by_content

TODAY = date(2026, 6, 15)
MANUALS = [
    {
        "role_id": 1,
        "name": "Owner",
        "name_zh": "群主",
        "is_key": 1,
        "version": 3,
        "author": "admin",
        "created_on": "2026-05-06",
        "reviewed_on": "2026-06-05",
        "last_reviewed_on": "2026-06-05",
    },
    {
        "role_id": 2,
        "name": "Admin",
        "name_zh": "管理员",
        "is_key": 1,
        "version": 1,
        "author": "admin",
        "created_on": "2026-02-05",
        "reviewed_on": None,
        "last_reviewed_on": "2026-02-05",
    },
    {
        "role_id": 5,
        "name": "Event planner",
        "name_zh": "活动策划",
        "is_key": 1,
        "version": None,
        "author": None,
        "created_on": None,
        "reviewed_on": None,
        "last_reviewed_on": None,
    },
    {
        "role_id": 7,
        "name": "Member",
        "name_zh": "成员",
        "is_key": 0,
        "version": None,
        "author": None,
        "created_on": None,
        "reviewed_on": None,
        "last_reviewed_on": None,
    },
]


def test_status_frame_in_chinese() -> None:
    frame = views.status_frame(MANUALS, TODAY, 90, "zh")
    assert frame[["role", "status", "status_label"]].values.tolist() == [
        ["群主", "current", "最新"],
        ["管理员", "stale", "已过期"],
        ["活动策划", "missing", "缺少说明书"],
        ["成员", "missing", "缺少说明书"],
    ]
    assert frame["days"].fillna(-1).tolist() == [10, 130, -1, -1]


def test_freshness_chart_has_bars_missing_marks_and_the_stale_line() -> None:
    frame = views.status_frame(MANUALS, TODAY, 60, "en")
    spec = views.freshness_chart(frame, 60, "en")
    bars, missing, line = spec["layer"]
    assert bars["mark"]["type"] == "bar"
    assert bars["encoding"]["color"]["scale"]["domain"] == ["No manual", "Stale", "Up to date"]
    assert missing["mark"]["type"] == "point"
    assert line["mark"]["type"] == "rule"
    datasets = spec["datasets"]
    assert [d["role"] for d in datasets[missing["data"]["name"]]] == ["Event planner"]
    assert [d["role"] for d in datasets[bars["data"]["name"]]] == [
        "Owner",
        "Admin",
        "Event planner",
    ]
    assert datasets[line["data"]["name"]] == [{"days": 60}]
    assert spec["title"] == "Days since each manual was last reviewed"


def test_diff_table_is_coloured_by_change() -> None:
    rows = side_by_side("a\nb\nc\n", "a\nB\nc\nd\n")
    styler = views.diff_styler(rows, "en")
    assert list(styler.data.columns) == ["Old #", "Older text", "New #", "Newer text", "Change"]
    assert list(styler.data["Change"]) == ["same", "changed", "same", "added"]
    styler._compute()
    backgrounds = {row: dict(styler.ctx[(row, 0)]).get("background-color") for row in range(4)}
    assert backgrounds == {0: None, 1: "#fff8c5", 2: None, 3: "#e6ffec"}


def test_left_out_lines_show_as_one_row_saying_how_many() -> None:
    old = "a\nb\nc\nd\ne\nf\n"
    rows = side_by_side(old, old.replace("f", "F"), context=1)
    styler = views.diff_styler(rows, "zh")
    first = styler.data.iloc[0]
    assert [first["旧内容"], first["新内容"], first["变化"]] == ["⋯", "⋯", "4 行未变"]
    assert first.isna()[["旧行号", "新行号"]].tolist() == [True, True]
    assert list(styler.data["变化"]) == ["4 行未变", "未变", "修改"]
    styler._compute()
    assert dict(styler.ctx[(0, 0)]) == {"background-color": "#f0f2f6"}


def altair_freshness_chart(frame: pd.DataFrame, stale_days: int, lang: str = "en") -> alt.Chart:
    """The freshness chart as it was first written, in Altair: the spec the page draws
    must stay the one this builds."""
    shown = frame[frame["is_key"] | frame["version"].notna()]
    data = shown.assign(days=shown["days"].fillna(0).astype(int))
    status_names = [t(f"manual.status.{s}", lang) for s in views.STATUS_COLOURS]
    bars = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X("days:Q", title=t("manual.col.days", lang)),
            y=alt.Y("role:N", sort=None, title=t("manual.col.role", lang)),
            color=alt.Color(
                "status_label:N",
                title=t("manual.col.status", lang),
                scale=alt.Scale(domain=status_names, range=list(views.STATUS_COLOURS.values())),
            ),
            tooltip=[
                alt.Tooltip("role:N", title=t("manual.col.role", lang)),
                alt.Tooltip("version:Q", title=t("manual.col.version", lang)),
                alt.Tooltip("reviewed:N", title=t("manual.col.reviewed", lang)),
                alt.Tooltip("status_label:N", title=t("manual.col.status", lang)),
            ],
        )
    )
    missing = (
        alt.Chart(data[data["status"] == "missing"])
        .mark_point(shape="cross", size=120, color=views.STATUS_COLOURS["missing"], filled=True)
        .encode(x="days:Q", y=alt.Y("role:N", sort=None))
    )
    line = (
        alt.Chart(pd.DataFrame({"days": [stale_days]}))
        .mark_rule(color="#7f8c8d", strokeDash=[4, 4])
        .encode(x="days:Q")
    )
    return (bars + missing + line).properties(
        title=t("manual.chart.title", lang), height=alt.Step(26)
    )


def test_the_freshness_spec_is_the_altair_charts() -> None:
    for stale_days, lang in ((60, "en"), (200, "zh")):
        frame = views.status_frame(MANUALS, TODAY, stale_days, lang)
        own = altair_freshness_chart(frame, stale_days, lang).to_dict(validate=False)
        assert by_content(views.freshness_chart(frame, stale_days, lang)) == by_content(own)
