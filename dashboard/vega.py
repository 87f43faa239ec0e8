"""Vega-Lite specs written as dicts, the JSON ``st.vega_lite_chart`` draws. Building the
same chart with Altair (type inference, layering, ``to_dict``) cost ~0.1 s per chart, the
slowest step of a page's first open; the charts drawn on every open are written here
instead (their tests compare them with the Altair charts they replace)."""

import pandas as pd
from altair import SCHEMA_URL

DATA = "data"  # the name of the main frame's dataset


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
        "config": {"view": {"continuousWidth": 300, "continuousHeight": 300}},
        "layer": layers,
        **top,
        "$schema": SCHEMA_URL,
        "datasets": datasets,
    }
