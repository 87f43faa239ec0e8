"""The retention page shows the evidence the demo's chats give (AppTest, demo database):
a load far above a person's own norm, night work and silent weeks, in both languages."""

import json

import pytest

from tests.conftest import person_named


@pytest.mark.parametrize(
    ("lang", "columns", "drift"),
    [
        ("en", ["Night work %", "Silent weeks"], "Drifting away (from the chats): 3 whole weeks"),
        ("zh", ["深夜消息占比 %", "沉默周数"], "逐渐疏离（来自群聊）：已连续 3 整周没有发言"),
    ],
)
def test_activity_signals_in_the_risk_table(make_app, lang, columns, drift) -> None:
    at = make_app("retention", lang=lang)
    assert not at.exception
    rows = at.dataframe[0].value.set_index("name")
    assert rows.loc["高娟", "night"] == "⚠ 35%"  # medium risk from night work alone
    assert rows.loc["闫建华", "workload"] == "⚠ 278%"
    assert rows.loc["孙凯", "drift"] == "⚠ 3"
    config = json.loads(at.dataframe[0].proto.columns)  # the headers shown, in the language
    assert [config[name]["label"] for name in ("night", "drift")] == columns
    # the first person's explanation (孙凯) says what the chats show
    assert any(m.value.startswith(drift) for m in at.markdown)


def test_the_explanation_gives_night_work_and_load_evidence(make_app, demo_db_path) -> None:
    at = make_app("retention")
    at.selectbox(key="retention_explain").set_value(person_named(demo_db_path, "高娟")).run()
    lines = [m.value for m in at.markdown]
    assert any(line.startswith("Night work (from the chats): ") for line in lines)
    assert any("= 35% (alert from 30%)" in line for line in lines)
    at.selectbox(key="retention_explain").set_value(person_named(demo_db_path, "闫建华")).run()
    lines = [m.value for m in at.markdown]
    assert any(
        line.startswith("Workload (from the chats): ") and "= 278% (too much from 150%" in line
        for line in lines
    )
