"""The board's chart specs: the Vega-Lite the Altair charts below (the board's charts as
they were written first) build, with each frame's rows as data."""

import altair as alt
import pandas as pd
import pytest

from dashboard import kpi_charts as charts
from dashboard import kpi_views as views
from tests.views.specs import by_content

TREND = views.trend_frame(
    [
        {"month": "2026-04", "actual": 10.0, "target": 12.0},
        {"month": "2026-05", "actual": 14.0, "target": None},
    ],
    "en",
)
RANKING = pd.DataFrame(
    [
        {"group": "甲组", "attainment": 80.0, "rag": "red", "status": "🔴 missed"},
        {"group": "乙组", "attainment": 104.5, "rag": "green", "status": "🟢 met"},
    ]
)
RELATION = pd.DataFrame([{"group": "甲组", "process": 60.0, "result": 70.0, "rag": "red"}])


# ---------------------------------------------------------------- the charts in Altair


def trend_chart(frame: pd.DataFrame, title: str = "") -> alt.Chart:
    """Monthly actual as a line with points, target as a dashed line.

    :param frame: columns ``month``, ``series`` (shown name), ``value``, ``kind``
        (``actual`` or ``target``).
    """
    base = alt.Chart(frame).encode(
        x=alt.X("month:O", title=None),
        y=alt.Y("value:Q", title=None),
        color=alt.Color("series:N", title=None, legend=alt.Legend(orient="bottom")),
        tooltip=["month:O", "series:N", alt.Tooltip("value:Q", format=",.1f")],
    )
    actual = base.transform_filter(alt.datum.kind == "actual").mark_line(point=True)
    target = base.transform_filter(alt.datum.kind == "target").mark_line(strokeDash=[6, 4])
    return alt.layer(actual, target).properties(title=title, height=260)


def ranking_chart(frame: pd.DataFrame, title: str = "") -> alt.Chart:
    """Groups ranked by attainment %, coloured by status, with the 100 % line.

    :param frame: columns ``group``, ``attainment``, ``rag``, ``status`` (shown text).
    """
    domain = list(charts.RAG_COLOURS)
    bars = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X("attainment:Q", title="%"),
            # every bar named: no label dropped for overlap, and a fixed step per bar
            y=alt.Y(
                "group:N",
                sort="-x",
                title=None,
                axis=alt.Axis(labelOverlap=False, labelLimit=220),
            ),
            color=alt.Color(
                "rag:N",
                scale=alt.Scale(domain=domain, range=[charts.RAG_COLOURS[k] for k in domain]),
                legend=None,
            ),
            tooltip=["group:N", "status:N", alt.Tooltip("attainment:Q", format=".1f")],
        )
    )
    rule = alt.Chart(pd.DataFrame({"x": [100]})).mark_rule(strokeDash=[4, 4]).encode(x="x:Q")
    return alt.layer(bars, rule).properties(title=title, height=alt.Step(charts.RANKING_BAR_PX))


def relation_chart(frame: pd.DataFrame, process: str, result: str) -> alt.Chart:
    """Scatter of process vs result attainment per group, coloured by the result's status.

    :param frame: columns ``group``, ``process``, ``result``, ``rag``.
    """
    domain = list(charts.RAG_COLOURS)
    points = (
        alt.Chart(frame)
        .mark_circle(size=90, opacity=0.8)
        .encode(
            x=alt.X("process:Q", title=f"{process} %", scale=alt.Scale(zero=False)),
            y=alt.Y("result:Q", title=f"{result} %", scale=alt.Scale(zero=False)),
            color=alt.Color(
                "rag:N",
                scale=alt.Scale(domain=domain, range=[charts.RAG_COLOURS[k] for k in domain]),
                legend=None,
            ),
            tooltip=["group:N", "process:Q", "result:Q"],
        )
    )
    rules_100 = alt.Chart(pd.DataFrame({"v": [100]}))
    return alt.layer(
        points,
        rules_100.mark_rule(strokeDash=[4, 4], color="#777").encode(x="v:Q"),
        rules_100.mark_rule(strokeDash=[4, 4], color="#777").encode(y="v:Q"),
    ).properties(height=360)


ALTAIR = {"trend": trend_chart, "ranking": ranking_chart, "relation": relation_chart}


@pytest.mark.parametrize(
    ("builder", "frame", "labels"),
    [
        ("trend", TREND, ("New members",)),
        ("ranking", RANKING, ("Revenue",)),
        ("relation", RELATION, ("Active-member ratio", "New members")),
    ],
)
def test_the_spec_is_the_altair_charts(builder, frame, labels) -> None:
    own = ALTAIR[builder](frame, *labels).to_dict(validate=False)
    assert by_content(charts.chart_spec(builder, frame, *labels)) == by_content(own)


def test_new_data_in_the_same_shape_shows_the_new_data() -> None:
    charts.chart_spec("ranking", RANKING, "Revenue")
    changed = RANKING.assign(attainment=[99.0, 50.0])
    spec = charts.chart_spec("ranking", changed, "Revenue")
    own = ranking_chart(changed, "Revenue").to_dict(validate=False)
    assert by_content(spec) == by_content(own)
    (rows,) = (rows for rows in spec["datasets"].values() if len(rows) == 2)
    assert [row["attainment"] for row in rows] == [99.0, 50.0]


def board_rows_of(count: int, kpi_id: int = 1) -> list[dict]:
    """Board rows of ``count`` groups of one KPI (attainment = the group's number), and one
    row of another KPI and one without an attainment, which the ranking leaves out."""
    rows = [
        {"kpi_id": kpi_id, "group": f"组{n:03d}", "attainment": float(n), "rag": "red"}
        for n in range(count)
    ]
    rows.append({"kpi_id": kpi_id + 1, "group": "别的指标", "attainment": 1.0, "rag": "red"})
    rows.append({"kpi_id": kpi_id, "group": "无目标", "attainment": None, "rag": None})
    return rows


def test_the_ranking_of_many_groups_shows_the_lowest_and_highest_ends():
    kpi = {"id": 1}
    frame = views.ranking_frame(kpi, board_rows_of(500), "en", ends=10)
    assert list(frame["group"]) == [f"组{n:03d}" for n in [*range(10), *range(490, 500)]]
    assert views.ranking_title(kpi, board_rows_of(500), "en", ends=10) == (
        "Ranking: the 10 lowest and 10 highest of 500 groups"
    )
    assert "500" in views.ranking_title(kpi, board_rows_of(500), "zh", ends=10)


def test_the_ranking_of_a_few_groups_shows_every_one():
    kpi = {"id": 1}
    frame = views.ranking_frame(kpi, board_rows_of(20), "en", ends=10)
    assert sorted(frame["group"]) == [f"组{n:03d}" for n in range(20)]
    assert views.ranking_title(kpi, board_rows_of(20), "en", ends=10) == "Ranking of groups"


def test_each_kpis_chart_has_its_own_title_and_labels() -> None:
    for title in ("New members · Trend", "收入 · 趋势", 'a "quoted" \\ title'):
        spec = charts.chart_spec("trend", TREND, title)
        assert spec["title"] == title
        assert by_content(spec) == by_content(trend_chart(TREND, title).to_dict())
    spec = charts.chart_spec("relation", RELATION, "活跃", "New members")
    assert spec["layer"][0]["encoding"]["x"]["title"] == "活跃 %"
    assert by_content(spec) == by_content(relation_chart(RELATION, "活跃", "New members").to_dict())
