"""The org page's health tab (dashboard.health_panels) in AppTest on the demo: flags with
their evidence in both languages (no English in zh), dismissing a flag with a note, events,
thresholds, and what a viewer and a lead outside their scope are offered. The demo is
seeded in Chinese (its own text too), as the Chinese UI check needs it."""

import json

from db.connection import connect
from tests.conftest import group_named
from tests.pages.test_zh_ui import (  # noqa: F401 - fixtures: the demo seeded in Chinese
    codes,
    demo_template,
    latin_words,
    shown_texts,
)

DISMISS = "FormSubmitter:health_dismiss_{gid}-{label}"
HEALTH_TAB = {"en": "Health", "zh": "社群健康"}  # only the open tab of the org page runs


def texts(at) -> str:
    return "\n".join(block.value for block in at.markdown)


def test_the_health_tab_shows_every_trap_of_the_demo_with_its_evidence(make_app) -> None:
    at = make_app("org_structure", lang="en", state={"org_tab": HEALTH_TAB["en"]})
    assert not at.exception
    shown = texts(at)
    for trap in ("Leaderless (无首)", "Tyranny (暴政)", "Boredom (无聊)", "Evaporation (蒸发)"):
        assert trap in shown
    assert "Unfocused (失焦)" in shown
    assert "the top 3 senders wrote" in shown  # 群管理组's evidence
    assert any("群管理组 — Tyranny (暴政)" in e.label for e in at.expander)
    specs = [json.loads(chart.proto.spec) for chart in at.get("vega_lite_chart")]
    (small_multiples,) = [spec for spec in specs if spec.get("facet", {}).get("field") == "group"]
    assert small_multiples["spec"]["layer"][0]["encoding"]["y"]["title"] == "Share (%)"


def test_the_health_tab_in_chinese_has_no_english(make_app, codes) -> None:  # noqa: F811
    at = make_app("org_structure", lang="zh", state={"org_tab": HEALTH_TAB["zh"]})
    assert not at.exception
    assert "群主" in texts(at) and "沉默" in texts(at)
    assert latin_words(shown_texts(at), codes) == {}


def test_a_lead_dismisses_a_flag_in_scope_with_a_note(make_app, demo_db_path) -> None:
    gid = group_named(demo_db_path, "拆书小组")
    at = make_app("org_structure", user="lead", lang="zh", state={"org_tab": HEALTH_TAB["zh"]})
    at.text_input(key=f"health_dismiss_note_{gid}").input("下月有读书会活动")
    at.button(key=DISMISS.format(gid=gid, label="忽略")).click().run()
    assert not at.exception
    with connect(demo_db_path) as db:
        (row,) = db.execute("SELECT trap, note, dismissed_by FROM health_dismissals").fetchall()
    assert tuple(row) == ("evaporation", "下月有读书会活动", "lead")
    assert "已忽略拆书小组的一项提醒。" in [s.value for s in at.success]
    assert any("下月有读书会活动" in block.value for block in at.markdown)  # kept, crossed out
    # the dismissals' history lists it
    assert "下月有读书会活动" in at.dataframe[-2].value.to_string()


def test_an_empty_note_is_refused_and_nothing_is_dismissed(make_app, demo_db_path) -> None:
    gid = group_named(demo_db_path, "拆书小组")
    at = make_app("org_structure", user="lead", lang="en", state={"org_tab": HEALTH_TAB["en"]})
    at.button(key=DISMISS.format(gid=gid, label="Dismiss")).click().run()
    assert [e.value for e in at.error] == [
        "Say why the flag is dismissed (at most 500 characters)."
    ]
    with connect(demo_db_path) as db:
        assert db.execute("SELECT COUNT(*) FROM health_dismissals").fetchone()[0] == 0


def test_a_lead_is_offered_forms_only_in_scope_and_a_viewer_none(make_app, demo_db_path) -> None:
    inside, outside = group_named(demo_db_path, "拆书小组"), group_named(demo_db_path, "群管理组")
    at = make_app("org_structure", user="lead", lang="en", state={"org_tab": HEALTH_TAB["en"]})
    keys = {widget.key for widget in at.text_input}
    assert f"health_dismiss_note_{inside}" in keys and f"health_dismiss_note_{outside}" not in keys
    assert set(at.selectbox(key="health_ev_group").options) <= {
        "内容核心群",
        "读书笔记组",
        "干货输出组",
        "拆书小组",
    }
    assert at.button(key="FormSubmitter:health_settings_form-Save thresholds").disabled
    viewer = make_app(
        "org_structure", user="viewer", lang="en", state={"org_tab": HEALTH_TAB["en"]}
    )
    assert not [w for w in viewer.text_input if (w.key or "").startswith("health_")]
    assert viewer.button(key="FormSubmitter:health_settings_form-Save thresholds").disabled


def test_an_event_is_recorded_and_clears_boredom(make_app, demo_db_path) -> None:
    at = make_app("org_structure", user="admin", lang="en", state={"org_tab": HEALTH_TAB["en"]})
    assert any(e.label.startswith("新人引导组 — Boredom") for e in at.expander)
    at.selectbox(key="health_ev_group").set_value(group_named(demo_db_path, "新人引导组"))
    at.text_input(key="health_ev_title").input("新人欢迎会")
    at.button(key="FormSubmitter:health_event_form-Record the event").click().run()
    assert not at.exception
    assert "The event of 新人引导组 is recorded." in [s.value for s in at.success]
    assert not any(e.label.startswith("新人引导组 — Boredom") for e in at.expander)


def test_an_admin_saves_thresholds(make_app, demo_db_path) -> None:
    at = make_app("org_structure", user="admin", lang="en", state={"org_tab": HEALTH_TAB["en"]})
    at.number_input(key="health_setting_tyranny_share").set_value(90)
    at.button(key="FormSubmitter:health_settings_form-Save thresholds").click().run()
    assert "Thresholds saved." in [s.value for s in at.success]
    assert not any("Tyranny" in e.label for e in at.expander)
    with connect(demo_db_path) as db:
        saved = db.execute("SELECT value FROM health_settings WHERE key = 'tyranny_share'")
        assert saved.fetchone()[0] == 90
