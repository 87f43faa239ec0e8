"""The board's cached chart specs: built once per shape, filled with each frame's data."""

import pandas as pd
import pytest

from dashboard import kpi_charts as charts
from dashboard import kpi_views as views

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


def by_content(spec: dict) -> object:
    """The spec with each reference to a dataset replaced by its rows (the datasets' names
    are only references)."""
    datasets = spec.get("datasets", {})

    def resolve(node: object) -> object:
        if isinstance(node, dict):
            if set(node) == {"name"} and node["name"] in datasets:
                return datasets[node["name"]]
            return {key: resolve(value) for key, value in node.items() if key != "datasets"}
        if isinstance(node, list):
            return [resolve(item) for item in node]
        return node

    return resolve(spec)


@pytest.mark.parametrize(
    ("builder", "frame", "labels"),
    [
        ("trend", TREND, ("New members",)),
        ("ranking", RANKING, ("Revenue",)),
        ("relation", RELATION, ("Active-member ratio", "New members")),
    ],
)
def test_the_cached_spec_is_the_charts_own(builder, frame, labels) -> None:
    own = charts.CHARTS[builder](frame, *labels).to_dict(validate=False)
    assert by_content(charts.chart_spec(builder, frame, *labels)) == by_content(own)


def test_new_data_in_the_same_shape_shows_the_new_data() -> None:
    charts.chart_spec("ranking", RANKING, "Revenue")
    changed = RANKING.assign(attainment=[99.0, 50.0])
    spec = charts.chart_spec("ranking", changed, "Revenue")
    own = charts.ranking_chart(changed, "Revenue").to_dict(validate=False)
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


def test_another_kpis_chart_reuses_the_shape_with_its_own_title(monkeypatch) -> None:
    charts._spec_shape.clear()
    charts.chart_spec.clear()
    built = []
    trend = charts.CHARTS["trend"]
    monkeypatch.setitem(charts.CHARTS, "trend", lambda *a: built.append(a) or trend(*a))
    first = charts.chart_spec("trend", TREND, "New members · Trend")
    second = charts.chart_spec("trend", TREND, "收入 · 趋势")
    assert len(built) == 1  # one Altair build for both KPIs
    assert by_content(first) == by_content(trend(TREND, "New members · Trend").to_dict())
    assert by_content(second) == by_content(trend(TREND, "收入 · 趋势").to_dict())
