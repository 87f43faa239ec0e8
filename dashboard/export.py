"""CSV and Excel exports that are safe to open in a spreadsheet, and the pair of download
buttons the pages offer under a table.

Streamlit's own table toolbar download is switched off (``client.disableDataExport`` in
``.streamlit/config.toml``): it writes cells such as ``=HYPERLINK(…)`` raw, so the app's
exports are the only way a table leaves the page.
"""

import io
import re
from collections.abc import Callable
from datetime import date, datetime, time, timedelta

import numpy as np
import pandas as pd
import streamlit as st

from dashboard.i18n import t

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n")
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def neutralise_cell(value: object) -> object:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe (OWASP)."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def safe_csv(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV (with BOM, so Excel reads Chinese correctly) with formula-like text
    neutralised; numbers stay numbers."""
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(neutralise_cell)
    safe.columns = [neutralise_cell(str(column)) for column in safe.columns]
    return safe.to_csv(index=False).encode("utf-8-sig")


def _xlsx_value(value: object, illegal: re.Pattern) -> object:
    """A cell value openpyxl writes as what it is (text stays text, see ``safe_xlsx``),
    without the ``illegal`` characters XML cannot carry."""
    if isinstance(value, str):
        return illegal.sub("", value)
    if pd.api.types.is_scalar(value) and pd.isna(value):
        return None
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.isoformat()  # Excel has no time zones
    if isinstance(value, bool | int | float | date | time | timedelta):
        return value
    return illegal.sub("", str(value))


def safe_xlsx(frame: pd.DataFrame, sheet: str = "data") -> bytes:
    """An Excel workbook of ``frame`` in which every text cell is a string, never a
    formula: formula-looking text keeps its characters and is marked as text (Excel's
    quote prefix), so neither opening nor editing the cell runs it. Numbers and dates stay
    numbers and dates; characters XML cannot carry are dropped."""
    # imported here, not by every page that offers a workbook (openpyxl takes ~0.3 s)
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    book = Workbook()
    table = book.active
    table.title = "".join(c for c in sheet if c not in "[]:*?/\\")[:31] or "data"
    rows = [list(frame.columns), *frame.itertuples(index=False, name=None)]
    for row_number, row in enumerate(rows, start=1):
        for column_number, raw in enumerate(row, start=1):
            value = _xlsx_value(raw, ILLEGAL_CHARACTERS_RE)
            cell = table.cell(row=row_number, column=column_number)
            cell.value = value
            if isinstance(value, str):
                cell.data_type = "s"  # openpyxl reads a leading "=" as a formula otherwise
                cell.quotePrefix = value.startswith(FORMULA_PREFIXES)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def table_downloads(
    frame: pd.DataFrame | Callable[[], pd.DataFrame],
    file_stem: str,
    key: str,
    csv_label: str | None = None,
    xlsx_label: str | None = None,
) -> None:
    """CSV and Excel download buttons for ``frame`` side by side (keys ``{key}_csv`` and
    ``{key}_xlsx``); each file is made when its button is clicked, from ``frame()`` when it
    is a function (rows the page does not show are read only then)."""

    def made(export: Callable[[pd.DataFrame], bytes]) -> Callable[[], bytes]:
        return lambda: export(frame() if callable(frame) else frame)

    with st.container(horizontal=True):
        st.download_button(
            csv_label or t("common.download_csv"),
            made(safe_csv),
            file_name=f"{file_stem}.csv",
            mime="text/csv",
            key=f"{key}_csv",
            icon=":material/download:",
        )
        st.download_button(
            xlsx_label or t("common.download_xlsx"),
            made(lambda shown: safe_xlsx(shown, file_stem)),
            file_name=f"{file_stem}.xlsx",
            mime=XLSX_MIME,
            key=f"{key}_xlsx",
            icon=":material/table_view:",
        )
