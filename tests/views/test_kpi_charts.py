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
