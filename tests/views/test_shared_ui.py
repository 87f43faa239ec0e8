"""The UI pieces pages share: the loader of a storage read (``session.stored``), tabs of
which only the open one runs (``tabs``), the bounded-threshold settings forms
(``thresholds``) and tables of chosen columns (``tables.show_columns``)."""

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import retention_views
from dashboard.domain import retention as retention_rules
from dashboard.session import clear_caches, invalidating, reading, stored
from db import retention as retention_store

RAN: list[str] = []  # what the tab functions of the test page ran
SAVED: list[dict] = []  # what the test settings form saved


@pytest.fixture
def path(demo_db_path) -> str:
    return str(demo_db_path)


def test_a_stored_loader_is_its_read_on_the_path_cached_until_a_write(demo_db, path) -> None:
    clear_caches()
    concerns = retention_views.concerns(path)
    with reading(path) as db:
        assert concerns == retention_store.concerns(db)
    assert retention_views.concerns.__name__ == "concerns"
    assert retention_views.concerns.__doc__ == retention_store.concerns.__doc__
    assert concerns, "the demo has concerns"
    first = concerns[0]
    with reading(path) as db:  # behind the app's back: no audit row, no clearing
        db.execute("UPDATE concerns SET note = 'quiet' WHERE id = ?", [first["id"]])
        db.conn.commit()
    assert retention_views.concerns(path)[0]["note"] == first["note"]  # cached
    assert retention_views.actions(path) != concerns  # another read, another cache
    with invalidating(demo_db):
        demo_db.execute("UPDATE concerns SET note = 'loud' WHERE id = ?", [first["id"]])
    assert retention_views.concerns(path)[0]["note"] == "loud"  # the write cleared it


def test_a_stored_loader_passes_its_arguments_on(demo_db, path) -> None:
    def notes_of(db, person_id: int, *, open_only: bool = False) -> list[str]:
        """Notes of one person's concerns."""
        rows = retention_store.concerns(db, person_id=person_id, open_only=open_only)
        return [row["note"] for row in rows]

    loaded = stored(notes_of)
    person_id = retention_store.concerns(demo_db)[0]["person_id"]
    assert loaded(path, person_id) == notes_of(demo_db, person_id)
    assert loaded(path, person_id, open_only=True) == notes_of(demo_db, person_id, open_only=True)


def _tabs_page() -> None:
    from dashboard.tabs import open_tab_panels
    from tests.views.test_shared_ui import RAN

    open_tab_panels(
        "demo_tab",
        "ctx",
        {"One": [lambda ctx: RAN.append(f"one {ctx}")], "Two": [RAN.append, RAN.append]},
    )


def test_only_the_open_tab_runs_its_panels() -> None:
    RAN.clear()
    at = AppTest.from_function(_tabs_page).run()
    assert not at.exception
    assert [tab.label for tab in at.tabs] == ["One", "Two"]
    assert RAN == ["one ctx"]
    RAN.clear()
    at.session_state["demo_tab"] = "Two"
    at.run()
    assert RAN == ["ctx", "ctx"]  # the second tab's two panels, in order


def _settings_page(may_save: bool) -> None:
    import streamlit as st

    from dashboard.domain import retention as rules
    from dashboard.session import show_notices
    from dashboard.thresholds import settings_form
    from db.retention import DEFAULT_SETTINGS
    from tests.views.test_shared_ui import SAVED

    st.session_state.setdefault("ui_lang", "zh")
    show_notices()
    settings_form(
        "retention", rules.SETTING_BOUNDS, DEFAULT_SETTINGS, SAVED.append, may_save=may_save
    )


def test_a_settings_form_shows_every_threshold_and_saves_them_all() -> None:
    SAVED.clear()
    at = AppTest.from_function(_settings_page, kwargs={"may_save": True}).run()
    assert not at.exception
    bounds = retention_rules.SETTING_BOUNDS
    keys = list(bounds)
    in_turn = keys[0::2] + keys[1::2]  # the two columns, left first, take the inputs in turn
    assert [box.key for box in at.number_input] == [f"retention_setting_{k}" for k in in_turn]
    assert at.number_input[0].label == "工作量：超过多少算过重（岗位 + 带教新人 + 未完成移交）"
    assert at.button[0].label == "保存阈值" and not at.button[0].disabled
    assert [(box.min, box.max) for box in at.number_input] == [bounds[k] for k in in_turn]
    at.number_input(key="retention_setting_reward_days").set_value(99)
    at.button[0].click().run()
    assert SAVED == [{**retention_store.DEFAULT_SETTINGS, "reward_days": 99}]
    assert [notice.value for notice in at.success] == ["阈值已保存。"]  # kept across the rerun


def test_a_settings_form_may_be_shown_without_its_save() -> None:
    at = AppTest.from_function(_settings_page, kwargs={"may_save": False}).run()
    assert not at.exception
    assert at.button[0].disabled


def _columns_page() -> None:
    import pandas as pd

    from dashboard.tables import show_columns

    show_columns(
        pd.DataFrame({"a": [1], "b": [2], "c": [3]}), {"c": "C", "a": "A"}, hide_index=True
    )


def test_show_columns_shows_the_named_columns_in_their_order() -> None:
    at = AppTest.from_function(_columns_page).run()
    assert not at.exception
    assert list(at.dataframe[0].value.columns) == ["c", "a"]
    assert isinstance(at.dataframe[0].value, pd.DataFrame)
