"""Chart builders of the KPI board: pure ``alt.Chart`` builders (tested through their
spec) and the cached spec the board draws."""

import altair as alt
import pandas as pd
import streamlit as st
from altair.utils.data import to_values

RAG_COLOURS = {"green": "#2e7d32", "amber": "#f29d0b", "red": "#c62828", "none": "#9e9e9e"}
RANKING_BAR_PX = 20  # room for one readable group name per bar


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
    domain = list(RAG_COLOURS)
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
                scale=alt.Scale(domain=domain, range=[RAG_COLOURS[k] for k in domain]),
                legend=None,
            ),
            tooltip=["group:N", "status:N", alt.Tooltip("attainment:Q", format=".1f")],
        )
    )
    rule = alt.Chart(pd.DataFrame({"x": [100]})).mark_rule(strokeDash=[4, 4]).encode(x="x:Q")
    return alt.layer(bars, rule).properties(title=title, height=alt.Step(RANKING_BAR_PX))


def relation_chart(frame: pd.DataFrame, process: str, result: str) -> alt.Chart:
    """Scatter of process vs result attainment per group, coloured by the result's status.

    :param frame: columns ``group``, ``process``, ``result``, ``rag``.
    """
    domain = list(RAG_COLOURS)
    points = (
        alt.Chart(frame)
        .mark_circle(size=90, opacity=0.8)
        .encode(
            x=alt.X("process:Q", title=f"{process} %", scale=alt.Scale(zero=False)),
            y=alt.Y("result:Q", title=f"{result} %", scale=alt.Scale(zero=False)),
            color=alt.Color(
                "rag:N",
                scale=alt.Scale(domain=domain, range=[RAG_COLOURS[k] for k in domain]),
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


CHARTS = {"trend": trend_chart, "ranking": ranking_chart, "relation": relation_chart}


def _label_slot(index: int) -> str:
    """A stand-in for the ``index``-th label in a chart's shape (filled in per chart)."""
    return f"\x00label{index}\x00"


def _with_labels(node: object, labels: tuple[str, ...]) -> object:
    """A copy of a spec (or part of it) with every label stand-in replaced by its label."""
    if isinstance(node, str):
        for index, text in enumerate(labels):
            node = node.replace(_label_slot(index), text)
        return node
    if isinstance(node, dict):
        return {key: _with_labels(value, labels) for key, value in node.items()}
    if isinstance(node, list):
        return [_with_labels(item, labels) for item in node]
    return node


@st.cache_data(ttl=3600, show_spinner=False, max_entries=64)
def _spec_shape(builder: str, columns: tuple[str, ...], label_count: int) -> dict:
    """The spec of ``CHARTS[builder]`` drawn from an empty frame with ``columns`` and
    stand-ins for its labels: every builder types its fields, so two frames' specs differ
    only in their data and labels (titles: a KPI's name, a count of groups)."""
    empty = pd.DataFrame(columns=list(columns))
    labels = [_label_slot(index) for index in range(label_count)]
    return CHARTS[builder](empty, *labels).to_dict(validate=False)  # built by our code, tested


@st.cache_data(ttl=3600, show_spinner=False, max_entries=256)
def chart_spec(builder: str, frame: pd.DataFrame, *labels: str) -> dict:
    """The Vega-Lite spec of ``CHARTS[builder](frame, *labels)``, cached on the data.

    Building and validating Altair charts is the board's slowest step, and it does not
    depend on the data nor on the labels: the chart is built once per shape
    (``_spec_shape``), and new data (after a write, say) or another KPI only fills in its
    dataset and labels."""
    spec = _with_labels(_spec_shape(builder, tuple(frame.columns), len(labels)), labels)
    (name,) = (name for name, rows in spec["datasets"].items() if not rows)
    spec["datasets"][name] = to_values(frame)["values"]
    return spec
