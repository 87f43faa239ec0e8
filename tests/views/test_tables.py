"""Read-only tables show every row up to 25 without an inner scroll box; longer ones say
how many rows they have."""

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.tables import row_count, table_height


def test_height_fits_the_header_and_every_row_up_to_25() -> None:
    assert table_height(0) == 73  # header and the "empty" line
    assert table_height(1) == 73
    assert table_height(10) == 388
    assert table_height(25) == 913
    assert table_height(26) == 913
    assert table_height(5_000) == 913


def test_rows_are_counted_in_every_shape_a_page_passes() -> None:
    frame = pd.DataFrame({"a": [1, 2, 3]})
    assert row_count(frame) == 3
    assert row_count(frame.style) == 3
    assert row_count([{"a": 1}, {"a": 2}]) == 2
    assert row_count({"name": ["x", "y", "z", "w"], "age": [1, 2, 3, 4]}) == 4
    assert row_count({}) == 0


def _table_page(rows: int, lang: str) -> None:
    import pandas as pd
    import streamlit as st

    from dashboard.tables import show_table

    st.session_state["ui_lang"] = lang
    show_table(pd.DataFrame({"n": range(rows)}), hide_index=True)


@pytest.mark.parametrize(
    ("rows", "lang", "caption"),
    [(25, "en", None), (26, "en", "26 rows"), (400, "zh", "共 400 行")],
)
def test_a_long_table_says_how_many_rows_it_has(rows: int, lang: str, caption) -> None:
    at = AppTest.from_function(_table_page, kwargs={"rows": rows, "lang": lang}).run()
    assert not at.exception
    assert [c.value for c in at.caption] == ([caption] if caption else [])
