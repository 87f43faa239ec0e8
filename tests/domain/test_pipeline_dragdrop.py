"""The drop-to-move translation of dashboard.dragdrop (pure functions, no Streamlit)."""

import pytest

from dashboard.dragdrop import _columns_from_value, card_id, card_label, diff_moves


def test_diff_moves_reports_a_card_that_changed_column():
    before = {"observer": ["Ann #1", "Bo #2"], "trial": ["Cy #3"]}
    after = {"observer": ["Bo #2"], "trial": ["Cy #3", "Ann #1"]}
    assert diff_moves(before, after) == [("Ann #1", "observer", "trial")]


def test_diff_moves_ignores_reordering_within_a_column():
    before = {"a": ["x", "y"], "b": []}
    after = {"a": ["y", "x"], "b": []}
    assert diff_moves(before, after) == []


def test_diff_moves_lists_several_moves_in_board_order():
    before = {"a": ["x", "y"], "b": ["z"], "c": []}
    after = {"a": [], "b": ["y"], "c": ["z", "x"]}
    assert diff_moves(before, after) == [("y", "a", "b"), ("z", "b", "c"), ("x", "a", "c")]


def test_diff_moves_ignores_unknown_cards():
    assert diff_moves({"a": ["x"]}, {"a": ["x"], "b": ["ghost"]}) == []


def test_card_label_round_trips_its_id():
    card = card_label("Ann · coach · Group #7", 42)
    assert card == "Ann · coach · Group #7 #42"
    assert card_id(card) == 42


def test_card_id_rejects_text_without_id():
    with pytest.raises(ValueError):
        card_id("Ann")


def test_component_value_maps_back_to_column_ids_by_position():
    value = [{"header": "Spotted", "items": ["a"]}, {"header": "Observer", "items": []}]
    assert _columns_from_value(value, ["spotted", "observer"]) == {
        "spotted": ["a"],
        "observer": [],
    }
    assert _columns_from_value(value, ["only_one"]) is None
    assert _columns_from_value(None, ["spotted", "observer"]) is None
