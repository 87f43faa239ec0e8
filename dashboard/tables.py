"""Read-only tables sized to their rows: up to ``SHOWN_ROWS`` rows show without a scroll
box inside the page; a longer table scrolls and says how many rows it has."""

import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler

from dashboard.i18n import t

ROW_PX = 35  # st.dataframe's default row height; the header row is as tall
BORDER_PX = 3
SHOWN_ROWS = 25


def table_height(rows: int, shown_rows: int = SHOWN_ROWS) -> int:
    """Pixels that show the header and ``min(rows, shown_rows)`` rows (an empty table
    keeps one row for its "empty" line)."""
    return ROW_PX * (1 + max(1, min(rows, shown_rows))) + BORDER_PX


def row_count(data: object) -> int:
    """Rows of what ``st.dataframe`` takes: a frame, a Styler, a list of rows or a dict of
    columns."""
    if isinstance(data, Styler):
        return len(data.data)
    if isinstance(data, dict):
        return max((len(column) for column in data.values()), default=0)
    return len(data)


def show_table(data: pd.DataFrame | Styler | list | dict, **options):
    """``st.dataframe`` with a height showing every row up to ``SHOWN_ROWS`` and, for a
    longer table, a caption with its number of rows. Returns what ``st.dataframe`` returns
    (the selection, for tables that allow one).

    :param options: passed on to ``st.dataframe``.
    """
    rows = row_count(data)
    shown = st.dataframe(data, height=table_height(rows), **options)
    if rows > SHOWN_ROWS:
        st.caption(t("table.rows", count=rows))
    return shown


def show_columns(frame: pd.DataFrame, labels: dict[str, str], **options):
    """``show_table`` of the columns of ``frame`` named in ``labels`` (column → header), in
    that order, each headed by its label.

    :param options: passed on to ``st.dataframe``.
    """
    return show_table(frame[list(labels)], column_config=labels, **options)
