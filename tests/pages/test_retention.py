"""The retention page, driven through AppTest on a copy of the demo database."""

from tests.conftest import person_named


def metrics(at) -> list[str]:
    return [m.value for m in at.metric]


def tab(label: str) -> dict:
    """The session state that opens a tab of the page (only the open tab runs)."""
    return {"retention_tab": label}


def button(at, label: str, index: int = 0):
    return [b for b in at.button if b.label == label][index]


def test_demo_figures_risk_table_and_explanation(make_app) -> None:
    at = make_app("retention")
    assert not at.exception
    assert metrics(at) == ["5", "19", "3", "7"]
    table = at.dataframe[0].value
    assert len(table) == 24  # high and medium by default
    first = table.iloc[0].to_dict()
    assert (first["name"], first["score"], first["level"], first["reward"], first["growth"]) == (
        "孙凯",
        50,
        "High",
        "1/1",  # one reward in the last 90 days for one role
        "⚠ 23",
    )
    assert first["drift"] == "⚠ 3"  # three silent weeks in the chats
    assert at.markdown[0].value == "**How 孙凯's score of 50 adds up (High risk)**"
    total = [m.value for m in at.markdown if m.value.startswith("Total")]
    assert total == ["Total **50** — medium from 25, high from 50."]


def test_level_filter_and_person_from_the_link(make_app, demo_db, monkeypatch) -> None:
    at = make_app("retention")
    at.multiselect(key="retention_levels").set_value(["high"]).run()
    high = ["孙凯", "段军", "莫建华", "闫建华", "马若曦"]
    assert list(at.dataframe[0].value["name"]) == high
    at.multiselect(key="retention_levels").set_value([]).run()
    assert "Nobody at these risk levels" in at.info[0].value
    at.query_params["person"] = str(person_named(demo_db, "马若曦"))
    at.run()
    assert at.selectbox(key="retention_explain").value == person_named(demo_db, "马若曦")
    assert at.markdown[0].value == "**How 马若曦's score of 50 adds up (High risk)**"


def test_someone_who_carries_a_lot_and_got_nothing_lately_is_explained(make_app, demo_db) -> None:
    at = make_app("retention")
    at.query_params["person"] = str(person_named(demo_db, "闫建华"))
    at.run()
    reward = [m.value for m in at.markdown if m.value.startswith("Reward:")]
    assert reward == [
        "Reward: 0 reward(s) in the last 90 days (0 points, ¥0) for a load of 4 and 133 "
        "messages a week in the chats; at least 2 expected (last: 2026-03-06)"
    ]


def test_recognition_is_given_in_the_ledger_and_listed_here(make_app, demo_db) -> None:
    at = make_app("retention", state=tab("Recognition"))
    assert [link.label for link in at.get("page_link")] == [
        "Give recognition, points or perks in the rewards ledger"
    ]
    latest = demo_db.execute(
        """SELECT p.name, e.reason FROM reward_entries e JOIN people p ON p.id = e.person_id
           ORDER BY e.recorded_on DESC, e.id DESC LIMIT 1"""
    ).fetchone()
    ledger = at.tabs[1].dataframe[0].value
    assert ledger.iloc[0][["Person", "Reason"]].tolist() == list(latest)
    assert len(ledger) == 50
    assert not [w for w in at.text_input if w.key.startswith("retention_rec")]  # one way only


def test_flag_then_resolve_a_concern(make_app, demo_db) -> None:
    at = make_app("retention", state=tab("Concerns"))
    zhu = person_named(demo_db, "孙凯")
    at.selectbox(key="retention_concern_person").set_value(zhu)
    at.text_area(key="retention_concern_note").input("例会上和组长争执")
    button(at, "Flag").click().run()
    assert at.success[0].value == "Concern about 孙凯 flagged."
    assert metrics(at)[2] == "4"
    concern_id = demo_db.execute(
        "SELECT id FROM concerns WHERE person_id = ? AND resolved_on IS NULL", [zhu]
    ).fetchone()[0]
    at.text_input(key=f"retention_resolution_{concern_id}").input("一对一谈过，已和解")
    button(at, "Resolve").click().run()  # newest first: the one just flagged
    assert at.success[0].value == "Concern resolved."
    row = demo_db.execute(
        "SELECT resolved_on, resolution FROM concerns WHERE id = ?", [concern_id]
    ).fetchone()
    assert tuple(row) == ("2026-06-15", "一对一谈过，已和解")
    assert metrics(at)[2] == "3"


def test_logging_an_action_shows_in_the_table(make_app, demo_db) -> None:
    at = make_app("retention", state=tab("Actions"))
    sun = person_named(demo_db, "孙凯")
    at.selectbox(key="retention_action_person").set_value(sun)
    at.selectbox(key="retention_action_kind").set_value("workload_reduced")
    at.text_input(key="retention_action_note").input("周末值班交给观察员")
    button(at, "Log").click().run()
    assert at.success[0].value == "Action logged for 孙凯."
    at.session_state["retention_tab"] = "Churn risk"
    at.run()
    assert at.dataframe[0].value.iloc[0]["last_action"] == "Workload reduced · 2026-06-15"
    row = demo_db.execute(
        "SELECT action, note, taken_by FROM retention_actions WHERE person_id = ?", [sun]
    ).fetchone()
    assert tuple(row) == ("workload_reduced", "周末值班交给观察员", "admin")


def test_thresholds_are_saved_and_bad_bands_refused(make_app, demo_db) -> None:
    at = make_app("retention", state=tab("Thresholds"))
    at.number_input(key="retention_setting_growth_months").set_value(36)
    button(at, "Save thresholds").click().run()
    assert at.success[0].value == "Thresholds saved."
    assert metrics(at)[:2] == ["2", "14"]  # only growth causes fell away
    saved = demo_db.execute("SELECT key, value FROM retention_settings").fetchall()
    assert ("growth_months", 36) in [tuple(r) for r in saved]
    at.number_input(key="retention_setting_medium_score").set_value(60)
    button(at, "Save thresholds").click().run()
    assert [e.value for e in at.error] == [
        "Medium risk (60) must start at or below high risk (50)."
    ]
    assert (
        demo_db.execute(
            "SELECT value FROM retention_settings WHERE key = 'medium_score'"
        ).fetchone()[0]
        == 25
    )


def test_viewer_reads_but_gets_no_forms(make_app) -> None:
    at = make_app("retention", user="viewer", state=tab("Thresholds"))
    assert not at.exception
    assert "read-only" in at.info[0].value
    assert [b.label for b in at.main.button] == ["Save thresholds"]
    assert at.main.button[0].disabled


def test_chinese_page(make_app) -> None:
    at = make_app("retention", lang="zh")
    assert at.title[0].value == "人才保留"
    assert at.markdown[0].value == "**孙凯 的风险分 50 是怎么算出来的（高风险）**"
    assert at.tabs[4].label == "离开记录"


def test_a_scoped_lead_records_only_for_people_in_their_groups(make_app, demo_db) -> None:
    at = make_app("retention", user="lead", state=tab("Concerns"))
    choices = at.selectbox(key="retention_concern_person").options
    inside = {
        row[0]
        for row in demo_db.execute(
            """SELECT DISTINCT p.name FROM people p JOIN memberships m ON m.person_id = p.id
               JOIN groups g ON g.id = m.group_id
               WHERE m.end_on IS NULL AND p.status <> 'left'
                 AND (g.name = '内容核心群' OR g.parent_id =
                      (SELECT id FROM groups WHERE name = '内容核心群'))"""
        ).fetchall()
    }
    assert 0 < len(choices) < len(inside)  # people also in groups outside the scope drop out
    assert set(choices) <= inside
    assert (len(choices), len(inside)) == (22, 23)
    at.selectbox(key="retention_concern_person").set_value(person_named(demo_db, choices[0]))
    at.text_area(key="retention_concern_note").input("最近很少发言")
    button(at, "Flag").click().run()
    assert at.success[0].value == f"Concern about {choices[0]} flagged."
    assert (
        demo_db.execute("SELECT flagged_by FROM concerns ORDER BY id DESC LIMIT 1").fetchone()[0]
        == "lead"
    )


def test_a_scoped_lead_sees_the_ledger_of_their_groups_only(make_app) -> None:
    at = make_app("retention", user="lead", state=tab("Recognition"))
    groups = set(at.tabs[1].dataframe[0].value["Group"])
    assert "读书笔记组" in groups and "线上分享组" not in groups


def test_only_the_open_tab_runs_and_the_figures_stay(make_app) -> None:
    """The thresholds tab does not build the risk table; the headline figures are kept."""
    at = make_app("retention", state=tab("Thresholds"))
    assert not at.dataframe and metrics(at) == ["5", "19", "3", "7"]
    assert "retention_explain" not in [s.key for s in at.selectbox]
    assert at.number_input(key="retention_setting_growth_months").value > 0
