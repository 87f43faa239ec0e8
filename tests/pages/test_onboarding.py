"""The coaching page's onboarding panels (steps due this week, a newcomer's plan, the
templates per role), driven through AppTest on a copy of the demo database, in both
languages."""

from tests.conftest import person_named

# the page's tab of the plans (only the open tab runs)
PLANS_TAB = {"en": {"coaching_tab": "Onboarding plans"}, "zh": {"coaching_tab": "新人计划"}}


def plan_steps(db, name: str) -> list[tuple]:
    rows = db.execute(
        """SELECT s.id, s.text, s.due_on, s.done_on, s.done_by FROM onboarding_steps s
           JOIN onboarding_plans o ON o.id = s.plan_id JOIN people p ON p.id = o.person_id
           WHERE p.name = ? ORDER BY s.position""",
        [name],
    )
    return [tuple(row) for row in rows]


def due_table(at):
    """The table of steps due this week (the one with a step text and a status)."""
    return next(d.value for d in at.dataframe if {"text", "status"} <= set(d.value.columns))


def test_the_coach_sees_the_steps_due_this_week(make_app) -> None:
    at = make_app("coaching", state=PLANS_TAB["en"])
    assert not at.exception
    due = due_table(at)
    assert list(due.columns) == ["person_name", "text", "owner", "due_on", "status", "coach_name"]
    first = due.iloc[0].to_dict()
    assert (first["person_name"], first["text"], first["owner"], first["due_on"]) == (
        "付娟",
        "Read the group rules and introduce yourself",
        "newcomer",
        "5/16/2026",
    )
    assert first["status"] == "overdue"
    assert set(due["status"]) <= {"overdue", "due this week"}


def test_a_step_is_ticked_off_and_audited(make_app, demo_db) -> None:
    at = make_app("coaching", state=PLANS_TAB["en"])
    at.selectbox(key="coaching_plan_person").set_value(person_named(demo_db, "付娟")).run()
    step_id, text, _, done_on, _ = plan_steps(demo_db, "付娟")[0]
    assert done_on is None
    box = at.checkbox(key=f"coaching_step_{step_id}")
    assert box.label.startswith(":red[Read the group rules")  # overdue
    box.check().run()
    assert not at.exception
    assert f"Step ticked off: {text}" in [s.value for s in at.success]
    assert plan_steps(demo_db, "付娟")[0][3:] == ("2026-06-15", "admin")
    audit = demo_db.execute(
        "SELECT username, action FROM audit_log WHERE entity = 'onboarding_step' AND entity_id = ?",
        [step_id],
    ).fetchall()
    assert [tuple(row) for row in audit] == [("admin", "tick")]
    # the step is no longer due: the table of the week has one row fewer for her
    due = due_table(at)
    assert text not in list(due[due["person_name"] == "付娟"]["text"])


def test_the_panels_in_chinese(make_app, demo_db) -> None:
    at = make_app("coaching", lang="zh", state=PLANS_TAB["zh"])
    assert not at.exception
    due = due_table(at)
    assert due.iloc[0]["owner"] == "新人" and due.iloc[0]["status"] == "已逾期"
    assert due.iloc[0]["due_on"] == "2026/5/16"
    at.selectbox(key="coaching_plan_person").set_value(person_named(demo_db, "付娟")).run()
    step_id = plan_steps(demo_db, "付娟")[0][0]
    assert "（新人，2026/5/16 到期）" in at.checkbox(key=f"coaching_step_{step_id}").label
    assert "第 1 版" in " ".join(c.value for c in at.caption)


def test_a_viewer_reads_the_plan_but_ticks_nothing(make_app, demo_db) -> None:
    at = make_app("coaching", user="viewer", state=PLANS_TAB["en"])
    assert not at.exception
    at.selectbox(key="coaching_plan_person").set_value(person_named(demo_db, "付娟")).run()
    boxes = [at.checkbox(key=f"coaching_step_{row[0]}") for row in plan_steps(demo_db, "付娟")]
    assert boxes and all(box.disabled for box in boxes)
    captions = [c.value for c in at.caption]
    assert any(c.startswith("You can read this template") for c in captions)
    assert not [b for b in at.button if b.key == "coaching_template_save"]


def test_a_newcomer_without_a_plan_gets_one_started(make_app, demo_db) -> None:
    newcomer = person_named(demo_db, "付娟")
    plan = demo_db.execute("SELECT id FROM onboarding_plans WHERE person_id = ?", [newcomer])
    plan_id = plan.fetchone()[0]
    demo_db.execute("DELETE FROM onboarding_steps WHERE plan_id = ?", [plan_id])
    demo_db.execute("DELETE FROM onboarding_plans WHERE id = ?", [plan_id])
    at = make_app("coaching", state=PLANS_TAB["en"])
    at.selectbox(key="coaching_plan_person").set_value(newcomer).run()
    assert "付娟 has no onboarding plan (their role has no template)." in [i.value for i in at.info]
    member = demo_db.execute("SELECT id FROM roles WHERE code = 'member'").fetchone()[0]
    at.selectbox(key=f"coaching_plan_role_{newcomer}").set_value(member).run()
    at.button(key="coaching_plan_start").click().run()
    assert not at.exception
    assert "The onboarding plan of 付娟 started." in [s.value for s in at.success]
    assert [row[2] for row in plan_steps(demo_db, "付娟")][0] == "2026-06-15"
