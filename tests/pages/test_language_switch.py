"""Switching the language keeps what the user had chosen in keyed select widgets: their
options are shown through the language's labels, the chosen values stay the same."""

from streamlit.testing.v1 import AppTest


def switch_to_chinese(at: AppTest) -> AppTest:
    at.sidebar.selectbox(key="ui_lang").set_value("zh").run()
    assert not at.exception
    return at


def test_tier_filter_survives_a_language_switch(make_app):
    at = make_app("org_structure")
    at.multiselect(key="org_tree_tiers").set_value(["core", "ordinary"]).run()
    switch_to_chinese(at)
    tiers = at.multiselect(key="org_tree_tiers")
    assert tiers.value == ["core", "ordinary"]
    assert tiers.label == "显示的层级"
    assert "核心群" in tiers.options and "Core group" not in tiers.options
    # the browser is sent the chosen values again, in Chinese (it shows what it is sent)
    assert tiers.proto.set_value
    assert list(tiers.proto.raw_values) == ["核心群", "普通群"]


def test_chosen_kpi_period_survives_a_language_switch(make_app):
    at = make_app("kpi_board")
    at.radio(key="kpi_period_kind").set_value("quarter").run()
    switch_to_chinese(at)
    kind = at.radio(key="kpi_period_kind")
    assert kind.value == "quarter"
    assert kind.proto.set_value and kind.proto.raw_value == "季度"
