"""Chart specs of the KPI board, written as Vega-Lite (the JSON ``st.vega_lite_chart``
draws). They were Altair charts: building one cost ~0.1 s (type inference, layering,
``to_dict``), the board's slowest step on a page's first open. Each builder returns the
spec Altair built (``tests/views/test_kpi_charts.py`` holds the Altair charts and checks
that the specs match), with the frame's rows as its dataset."""

import pandas as pd
from altair import SCHEMA_URL

RAG_COLOURS = {"green": "#2e7d32", "amber": "#f29d0b", "red": "#c62828", "none": "#9e9e9e"}
RANKING_BAR_PX = 20  # room for one readable group name per bar
DATA = "data"  # the name of the frame's dataset


def _field(name: str, kind: str, **options: object) -> dict:
    return {"field": name, "type": kind, **options}


def _rag_colour() -> dict:
    domain = list(RAG_COLOURS)
    scale = {"domain": domain, "range": [RAG_COLOURS[k] for k in domain]}
    return _field("rag", "nominal", legend=None, scale=scale)


def _records(frame: pd.DataFrame) -> list[dict]:
    """The frame's rows as JSON-ready dicts (a missing value as ``None``)."""
    return frame.astype(object).where(frame.notna(), None).to_dict("records")


def _spec(frame: pd.DataFrame, layers: list[dict], extra: dict, **datasets: list) -> dict:
    """A layered spec whose layers reference ``DATA`` (the frame's rows) or ``datasets``."""
    return {
        "config": {"view": {"continuousWidth": 300, "continuousHeight": 300}},  # Altair's
        "layer": layers,
        **extra,
        "$schema": SCHEMA_URL,
        "datasets": {DATA: _records(frame), **datasets},
    }


def trend_chart(frame: pd.DataFrame, title: str = "") -> dict:
    """Monthly actual as a line with points, target as a dashed line.

    :param frame: columns ``month``, ``series`` (shown name), ``value``, ``kind``
        (``actual`` or ``target``).
    """
    layers = [
        {
            "mark": mark,
            "encoding": {
                "color": _field("series", "nominal", legend={"orient": "bottom"}, title=None),
                "tooltip": [
                    _field("month", "ordinal"),
                    _field("series", "nominal"),
                    _field("value", "quantitative", format=",.1f"),
                ],
                "x": _field("month", "ordinal", title=None),
                "y": _field("value", "quantitative", title=None),
            },
            "transform": [{"filter": f"(datum.kind === '{kind}')"}],
        }
        for kind, mark in (
            ("actual", {"type": "line", "point": True}),
            ("target", {"type": "line", "strokeDash": [6, 4]}),
        )
    ]
    return _spec(frame, layers, {"data": {"name": DATA}, "height": 260, "title": title})


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
                _field("group", "nominal"),
                _field("status", "nominal"),
                _field("attainment", "quantitative", format=".1f"),
            ],
            "x": _field("attainment", "quantitative", title="%"),
            # every bar named: no label dropped for overlap, and a fixed step per bar
            "y": _field(
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
        "encoding": {"x": _field("x", "quantitative")},
    }
    extra = {"height": {"step": RANKING_BAR_PX}, "title": title}
    return _spec(frame, [bars, rule], extra, hundred=[{"x": 100}])


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
                _field("group", "nominal"),
                _field("process", "quantitative"),
                _field("result", "quantitative"),
            ],
            "x": _field("process", "quantitative", scale={"zero": False}, title=f"{process} %"),
            "y": _field("result", "quantitative", scale={"zero": False}, title=f"{result} %"),
        },
    }
    rules_100 = [
        {
            "data": {"name": "hundred"},
            "mark": {"type": "rule", "color": "#777", "strokeDash": [4, 4]},
            "encoding": {axis: _field("v", "quantitative")},
        }
        for axis in ("x", "y")
    ]
    return _spec(frame, [points, *rules_100], {"height": 360}, hundred=[{"v": 100}])


CHARTS = {"trend": trend_chart, "ranking": ranking_chart, "relation": relation_chart}


def chart_spec(builder: str, frame: pd.DataFrame, *labels: str) -> dict:
    """The Vega-Lite spec of ``CHARTS[builder](frame, *labels)``."""
    return CHARTS[builder](frame, *labels)
