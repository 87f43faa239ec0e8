"""Chart specs of the KPI board, written as Vega-Lite (``dashboard.vega``): the Altair
charts they replace are in ``tests/views/test_kpi_charts.py``, which checks that the specs
match."""

import pandas as pd

from dashboard.vega import DATA, field, layered, records

RAG_COLOURS = {"green": "#2e7d32", "amber": "#f29d0b", "red": "#c62828", "none": "#9e9e9e"}
RANKING_BAR_PX = 20  # room for one readable group name per bar


def _rag_colour() -> dict:
    domain = list(RAG_COLOURS)
    scale = {"domain": domain, "range": [RAG_COLOURS[k] for k in domain]}
    return field("rag", "nominal", legend=None, scale=scale)


def trend_chart(frame: pd.DataFrame, title: str = "") -> dict:
    """Monthly actual as a line with points, target as a dashed line.

    :param frame: columns ``month``, ``series`` (shown name), ``value``, ``kind``
        (``actual`` or ``target``).
    """
    layers = [
        {
            "mark": mark,
            "encoding": {
                "color": field("series", "nominal", legend={"orient": "bottom"}, title=None),
                "tooltip": [
                    field("month", "ordinal"),
                    field("series", "nominal"),
                    field("value", "quantitative", format=",.1f"),
                ],
                "x": field("month", "ordinal", title=None),
                "y": field("value", "quantitative", title=None),
            },
            "transform": [{"filter": f"(datum.kind === '{kind}')"}],
        }
        for kind, mark in (
            ("actual", {"type": "line", "point": True}),
            ("target", {"type": "line", "strokeDash": [6, 4]}),
        )
    ]
    datasets = {DATA: records(frame)}
    return layered(layers, datasets, data={"name": DATA}, height=260, title=title)


def ranking_chart(frame: pd.DataFrame, title: str = "") -> dict:
    """Groups ranked by attainment %, coloured by status, with the 100 % line.

    :param frame: columns ``group``, ``attainment``, ``rag``, ``status`` (shown text).
    """
    bars = {
        "data": {"name": DATA},
        "mark": {"type": "bar"},
        "encoding": {
            "color": _rag_colour(),
            "tooltip": [
                field("group", "nominal"),
                field("status", "nominal"),
                field("attainment", "quantitative", format=".1f"),
            ],
            "x": field("attainment", "quantitative", title="%"),
            # every bar named: no label dropped for overlap, and a fixed step per bar
            "y": field(
                "group",
                "nominal",
                axis={"labelLimit": 220, "labelOverlap": False},
                sort="-x",
                title=None,
            ),
        },
    }
    rule = {
        "data": {"name": "hundred"},
        "mark": {"type": "rule", "strokeDash": [4, 4]},
        "encoding": {"x": field("x", "quantitative")},
    }
    datasets = {DATA: records(frame), "hundred": [{"x": 100}]}
    return layered([bars, rule], datasets, height={"step": RANKING_BAR_PX}, title=title)


def relation_chart(frame: pd.DataFrame, process: str, result: str) -> dict:
    """Scatter of process vs result attainment per group, coloured by the result's status.

    :param frame: columns ``group``, ``process``, ``result``, ``rag``.
    """
    points = {
        "data": {"name": DATA},
        "mark": {"type": "circle", "opacity": 0.8, "size": 90},
        "encoding": {
            "color": _rag_colour(),
            "tooltip": [
                field("group", "nominal"),
                field("process", "quantitative"),
                field("result", "quantitative"),
            ],
            "x": field("process", "quantitative", scale={"zero": False}, title=f"{process} %"),
            "y": field("result", "quantitative", scale={"zero": False}, title=f"{result} %"),
        },
    }
    rules_100 = [
        {
            "data": {"name": "hundred"},
            "mark": {"type": "rule", "color": "#777", "strokeDash": [4, 4]},
            "encoding": {axis: field("v", "quantitative")},
        }
        for axis in ("x", "y")
    ]
    datasets = {DATA: records(frame), "hundred": [{"v": 100}]}
    return layered([points, *rules_100], datasets, height=360)


CHARTS = {"trend": trend_chart, "ranking": ranking_chart, "relation": relation_chart}


def chart_spec(builder: str, frame: pd.DataFrame, *labels: str) -> dict:
    """The Vega-Lite spec of ``CHARTS[builder](frame, *labels)``."""
    return CHARTS[builder](frame, *labels)
