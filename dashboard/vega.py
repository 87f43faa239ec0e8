"""Vega-Lite specs written as dicts, the JSON ``st.vega_lite_chart`` draws. Building the
same chart with Altair (type inference, layering, ``to_dict``) cost ~0.1 s per chart, the
slowest step of a page's first open; the charts drawn on every open are written here
instead (their tests compare them with the Altair charts they replace)."""

import altair as alt
import pandas as pd
from altair import SCHEMA_URL
from streamlit.dataframe_util import convert_pandas_df_to_arrow_bytes

DATA = "data"  # the name of the main frame's dataset
# the config Altair's default theme adds to every spec (its default view size)
_DEFAULT_THEME = {"view": {"continuousWidth": 300, "continuousHeight": 300}}


def field(name: str, kind: str, **options: object) -> dict:
    """An encoding channel: ``kind`` is ``nominal``, ``ordinal`` or ``quantitative``."""
    return {"field": name, "type": kind, **options}


def records(frame: pd.DataFrame) -> list[dict]:
    """The frame's rows as JSON-ready dicts (a missing value as ``None``)."""
    columns = list(frame.columns)
    return [
        {key: None if pd.isna(value) else value for key, value in zip(columns, row, strict=True)}
        for row in frame.itertuples(index=False, name=None)
    ]


def layered(layers: list[dict], datasets: dict[str, list[dict]], **top: object) -> dict:
    """A layered spec with Altair's default view size, its ``top`` properties (height,
    title, ...) and named ``datasets`` that the layers reference."""
    return {
        "config": {"view": dict(_DEFAULT_THEME["view"])},
        "layer": layers,
        **top,
        "$schema": SCHEMA_URL,
        "datasets": datasets,
    }


def altair_spec(chart: alt.TopLevelMixin) -> dict:
    """The Vega-Lite spec ``st.altair_chart`` draws of ``chart``, for ``st.vega_lite_chart``:
    each frame a named dataset already in Arrow (as ``st.altair_chart`` sends it), built
    without Altair's schema validation and its frame-to-rows conversion, which cost most of
    drawing an Altair chart. ``chart`` is taken over (its frames are swapped for names)."""
    frames: dict[str, pd.DataFrame] = {}

    def name_data(part: alt.TopLevelMixin) -> None:
        if isinstance(part.data, pd.DataFrame):
            name = f"{DATA}-{len(frames)}"
            frames[name] = part.data
            part.data = alt.NamedData(name=name)
        for layer in getattr(part, "layer", None) or []:
            name_data(layer)

    name_data(chart)
    spec = chart.to_dict(validate=False)
    # ``st.altair_chart`` draws with the theme "none", which adds no config
    if spec.get("config") == _DEFAULT_THEME:
        del spec["config"]
    spec["datasets"] = {
        name: convert_pandas_df_to_arrow_bytes(frame) for name, frame in frames.items()
    }
    return spec
