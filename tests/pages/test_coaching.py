"""The newcomers-and-coaches page, driven through AppTest on a copy of the demo db."""

import pandas as pd

from dashboard.coaching_views import coach_load_chart, retro_timeline_chart
from tests.conftest import person_named

RETROS_TAB = {"coaching_tab": "Retrospectives"}  # only the open tab runs


def open_tab(at, label: str):
    """Open another tab of the page and rerun."""
    at.session_state["coaching_tab"] = label
    return at.run()


def open_coach(db, newcomer: str) -> str | None:
    row = db.execute(
        """SELECT co.name FROM coaching c JOIN people co ON co.id = c.coach_id
           JOIN people n ON n.id = c.newcomer_id WHERE n.name = ? AND c.end_on IS NULL""",
        [newcomer],
    ).fetchone()
    return row[0] if row else None


def test_newcomers_show_days_coach_flag_and_last_retrospective(make_app) -> None:
    at = make_app("coaching")
    assert not at.exception
    table = at.dataframe[0].value
    assert len(table) == 12
    first = table.iloc[0].to_dict()
    assert (first["name"], first["days"], first["coach"], first["last_retro"]) == (
        "段雨桐",
        47,
        "⚠ no coach",
        "never",
    )
    third = table.iloc[2].to_dict()
    assert (third["name"], third["coach"], third["last_retro"]) == (
        "胡梓萱",
        "闫建华",
        "2026-05-27",
    )
    assert [m.value for m in at.metric] == ["12", "4", "57"]
    warnings = "\n".join(w.value for w in at.warning)
    assert "段雨桐 has had no coach for 47 days." in warnings
    assert "付丹 has had no coach for 9 days." in warnings


def test_alert_thresholds_are_configurable(make_app) -> None:
    at = make_app("coaching")
    at.number_input(key="coaching_unassigned_days").set_value(10).run()
    warnings = "\n".join(w.value for w in at.warning)
    assert "段雨桐 has had no coach for 47 days." in warnings
    assert "付丹 has had no coach for 9 days." not in warnings
    at.number_input(key="coaching_unassigned_days").set_value(60).run()
    at.number_input(key="coaching_retro_days").set_value(60).run()
    # what is left are the onboarding steps past due, which no threshold hides
    lines = at.warning[0].value.splitlines()
    assert lines and all("onboarding step(s) overdue" in line for line in lines)


def test_auto_assign_shows_a_plan_and_applies_it_only_on_confirm(make_app, demo_db) -> None:
    at = make_app("coaching")
    at.button(key="coaching_auto_propose").click().run()
    plan = at.dataframe[1].value
    assert plan.to_dict("records") == [
        {"Newcomer": "段雨桐", "Coach": "高娟", "Coach's load after": "1 / 3"},
        {"Newcomer": "陶宇", "Coach": "郑可馨", "Coach's load after": "1 / 4"},
        {"Newcomer": "付丹", "Coach": "吕嘉怡", "Coach's load after": "1 / 4"},
        {"Newcomer": "向刚", "Coach": "莫颖", "Coach's load after": "1 / 4"},
    ]
    assert open_coach(demo_db, "段雨桐") is None  # nothing written yet
    at.button(key="coaching_auto_discard").click().run()
    assert open_coach(demo_db, "段雨桐") is None
    at.button(key="coaching_auto_propose").click().run()
    at.button(key="coaching_auto_apply").click().run()
    assert not at.exception
    assert [s.value for s in at.success] == ["4 newcomers now have a coach."]
    assert [open_coach(demo_db, n) for n in ("段雨桐", "陶宇", "付丹", "向刚")] == [
        "高娟",
        "郑可馨",
        "吕嘉怡",
        "莫颖",
    ]
    assert [m.value for m in at.metric][1] == "0"
    assert not any("no coach" in w.value for w in at.warning)


def test_assign_a_suggested_coach(make_app, demo_db) -> None:
    at = make_app("coaching")
    assert at.selectbox(key="coaching_newcomer").value == person_named(demo_db, "段雨桐")
    suggestions = at.dataframe[1].value
    assert list(suggestions.columns) == ["Coach", "Score", "Free places", "Why"]
    assert suggestions.iloc[0]["Why"].startswith(
        "3 of 3 places free · in the core group above: 内容核心群"
    )
    chosen = at.selectbox(key=f"coaching_coach_{person_named(demo_db, '段雨桐')}").value
    at.button(key="coaching_assign_submit").click().run()
    assert not at.exception
    name = demo_db.execute("SELECT name FROM people WHERE id = ?", [chosen]).fetchone()[0]
    assert open_coach(demo_db, "段雨桐") == name
    assert [s.value for s in at.success] == [f"{name} now coaches 段雨桐."]
    assert at.dataframe[0].value.iloc[0]["coach"] == name


def test_a_coach_filled_meanwhile_gets_a_clear_message(make_app, demo_db) -> None:
    at = make_app("coaching")
    chosen = at.selectbox(key=f"coaching_coach_{person_named(demo_db, '段雨桐')}").value
    demo_db.execute("UPDATE people SET max_mentees = 0 WHERE id = ?", [chosen])
    at.button(key="coaching_assign_submit").click().run()
    assert len(at.error) == 1
    assert "already coaches as many newcomers as they can (0)" in at.error[0].value
    assert open_coach(demo_db, "段雨桐") is None


def test_end_a_coaching_after_confirming(make_app, demo_db) -> None:
    at = make_app("coaching")
    at.selectbox(key="coaching_newcomer").set_value(person_named(demo_db, "胡梓萱")).run()
    at.button(key="coaching_end").click().run()
    assert open_coach(demo_db, "胡梓萱") == "闫建华"  # the dialog asks first
    at.button(key="coaching_end_confirm").click().run()
    assert [s.value for s in at.success] == ["Coaching ended."]
    open_tab(at, "Retrospectives")
    at.selectbox(key="coaching_retro_person").set_value(person_named(demo_db, "胡梓萱")).run()
    history = next(d.value for d in reversed(at.dataframe) if "end_reason" in d.value.columns)
    history = history.to_dict("records")
    assert history == [
        {
            "coach_name": "闫建华",
            "start_on": "2026-05-18",
            "end_on": "2026-06-15",
            "end_reason": "ended",
        }
    ]
    assert open_coach(demo_db, "胡梓萱") is None
    reason = demo_db.execute(
        "SELECT end_reason FROM coaching WHERE newcomer_id = ? ORDER BY id DESC",
        [person_named(demo_db, "胡梓萱")],
    ).fetchone()[0]
    assert reason == "ended"


def test_retrospective_form_keeps_input_on_error_then_saves(make_app, demo_db) -> None:
    at = make_app("coaching", state=RETROS_TAB)
    newcomer = person_named(demo_db, "胡梓萱")
    at.selectbox(key="coaching_retro_person").set_value(newcomer).run()
    assert at.selectbox(key=f"coaching_retro_author_{newcomer}").value == person_named(
        demo_db, "闫建华"
    )
    at.text_area(key="coaching_retro_goal").input("主持一次分享")
    at.text_area(key="coaching_retro_result").input("到场 25 人")
    at.text_area(key="coaching_retro_causes").input("预告及时")
    at.button(key="coaching_retro_submit").click().run()
    assert [e.value for e in at.error] == [
        "Fill in all four steps: goal, result, causes and lessons."
    ]
    assert at.text_area(key="coaching_retro_goal").value == "主持一次分享"
    at.text_area(key="coaching_retro_lessons").input("提前三天预热")
    at.button(key="coaching_retro_submit").click().run()
    assert not at.error
    assert [s.value for s in at.success] == ["Retrospective saved."]
    rows = demo_db.execute(
        "SELECT held_on, goal, lessons, author_id FROM retrospectives WHERE person_id = ?"
        " ORDER BY id DESC",
        [newcomer],
    ).fetchall()
    assert tuple(rows[0]) == (
        "2026-06-15",
        "主持一次分享",
        "提前三天预热",
        person_named(demo_db, "闫建华"),
    )
    assert len(rows) == 2


def test_graduation_turns_the_newcomer_active(make_app, demo_db) -> None:
    at = make_app("coaching", state=RETROS_TAB)
    newcomer = person_named(demo_db, "付娟")
    at.selectbox(key="coaching_retro_person").set_value(newcomer).run()
    for step, text in zip(
        ("goal", "result", "causes", "lessons"),
        ("独立策划", "完成两次活动", "准备充分", "带新人"),
        strict=True,
    ):
        at.text_area(key=f"coaching_grad_{step}").input(text)
    at.button(key="coaching_grad_submit").click().run()
    # her onboarding plan still has an open step: graduating needs a lead's reason
    assert "付娟 still has 2 open onboarding step(s)" in at.error[0].value
    assert (
        demo_db.execute("SELECT status FROM people WHERE name = '付娟'").fetchone()[0] == "newcomer"
    )
    at.text_input(key="coaching_grad_override").input("已独立完成两次活动")
    at.button(key="coaching_grad_submit").click().run()
    assert not at.exception
    assert [s.value for s in at.success] == ["付娟 graduated and is now an active member."]
    status = demo_db.execute("SELECT status FROM people WHERE id = ?", [newcomer]).fetchone()[0]
    assert status == "active"
    assert open_coach(demo_db, "付娟") is None
    open_tab(at, "Newcomers")
    assert "付娟" not in list(at.dataframe[0].value["name"])


def test_a_viewer_sees_everything_but_cannot_change_it(make_app) -> None:
    at = make_app("coaching", user="viewer")
    assert not at.exception
    assert [i.value for i in at.info][
        0
    ] == "You can look but not change: your account is read-only."
    keys = {b.key for b in at.button}
    assert "coaching_auto_propose" not in keys
    assert "coaching_assign_submit" not in keys
    assert len(at.dataframe[0].value) == 12


def test_the_page_in_chinese(make_app) -> None:
    at = make_app("coaching", lang="zh")
    assert at.title[0].value == "新人与教练"
    assert [tab.label for tab in at.tabs] == ["新人", "教练", "复盘", "新人计划"]
    assert "段雨桐 已经 47 天没有教练。" in at.warning[0].value


def test_coach_load_chart_marks_coaches_over_capacity() -> None:
    coaches = pd.DataFrame({"name": ["王伟", "李娜"], "load": [3, 1], "max_mentees": [2, 3]})
    spec = coach_load_chart(coaches, "en").to_dict()
    capacity, load = spec["layer"]
    assert capacity["encoding"]["x"]["field"] == "max_mentees"
    assert load["encoding"]["x"]["field"] == "load"
    assert load["encoding"]["color"]["scale"]["range"] == ["#2e75b6", "#c00000"]
    (dataset,) = spec["datasets"].values()
    assert [(r["name"], r["status"]) for r in dataset] == [("王伟", "over"), ("李娜", "ok")]


def test_retro_timeline_chart_puts_each_retrospective_on_a_date() -> None:
    retros = pd.DataFrame(
        {
            "person_name": ["新人甲", "新人甲"],
            "author_name": ["王伟", "王伟"],
            "held_on": ["2026-06-01", "2026-06-10"],
            "is_final": [0, 1],
            "goal": ["g1", "g2"],
            "result": ["r", "r"],
            "causes": ["c", "c"],
            "lessons": ["l", "l"],
        }
    )
    spans = pd.DataFrame(
        {
            "person_name": ["新人乙", "新人甲"],
            "joined_on": ["2026-05-20", "2026-05-25"],
            "until": ["2026-06-15", "2026-06-15"],
        }
    )
    spec = retro_timeline_chart(retros, spans, "zh").to_dict()
    lines, points = spec["layer"]
    assert lines["mark"]["type"] == "rule"
    assert (lines["encoding"]["x"]["field"], lines["encoding"]["x2"]["field"]) == ("start", "end")
    assert points["encoding"]["x"] == {
        "field": "day",
        "title": "日期",
        "type": "temporal",
        "axis": {"labelExpr": "(month(datum.value) + 1) + '月' + date(datum.value) + '日'"},
    }
    # everybody gets a row, even without a retrospective yet
    assert points["encoding"]["y"]["sort"] == ["新人乙", "新人甲"]
    kinds = [r.get("kind") for dataset in spec["datasets"].values() for r in dataset]
    assert [k for k in kinds if k] == ["常规复盘", "出师复盘"]
    assert [t["field"] for t in points["encoding"]["tooltip"]][2:] == [
        "goal",
        "result",
        "causes",
        "lessons",
    ]


def test_the_page_works_when_no_newcomer_has_a_coach(make_app, demo_db) -> None:
    demo_db.execute(
        "UPDATE coaching SET end_on = '2026-06-14', end_reason = 'ended' WHERE end_on IS NULL"
    )
    at = make_app("coaching")
    assert not at.exception
    assert [m.value for m in at.metric][1] == "12"
    assert "No coach yet: pick one of the suggestions below." in [w.value for w in at.warning]


def test_a_scoped_lead_is_offered_a_plan_for_their_own_newcomers_only(make_app, demo_db) -> None:
    at = make_app("coaching", user="lead")  # leads 内容核心群
    at.button(key="coaching_auto_propose").click().run()
    assert [r["Newcomer"] for r in at.dataframe[1].value.to_dict("records")] == ["段雨桐"]
    at.button(key="coaching_auto_apply").click().run()
    assert not at.error
    assert [open_coach(demo_db, n) is not None for n in ("段雨桐", "陶宇")] == [True, False]
