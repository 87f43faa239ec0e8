"""The talent bench page, driven by AppTest on a copy of the demo database."""

from tests.conftest import group_named, person_named, role_coded


def candidacy(db, person: str, role: str, group: str) -> dict:
    row = db.execute(
        """SELECT c.* FROM pipeline c JOIN people p ON p.id = c.person_id
           JOIN roles r ON r.id = c.role_id JOIN groups g ON g.id = c.group_id
           WHERE p.name = ? AND r.code = ? AND g.name = ? ORDER BY c.id DESC LIMIT 1""",
        [person, role, group],
    ).fetchone()
    return dict(row)


COVERAGE_TAB = {"pipeline_tab": "Bench coverage"}  # only the open tab runs


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def coverage_table(at):
    """The coverage table: the one frame with a Coverage column."""
    return next(df.value for df in at.dataframe if "Coverage" in df.value.columns)


def move(at, candidacy_id: int, to_stage: str, reason: str | None = None):
    at.selectbox(key="pipeline_move_candidacy").set_value(candidacy_id)
    at.selectbox(key="pipeline_move_to").set_value(to_stage)
    at.selectbox(key="pipeline_move_reason").set_value(reason)
    return at.button(key="pipeline_move_submit").click().run()


def test_page_shows_the_bench_at_a_glance(make_app):
    at = make_app("talent_pipeline", state=COVERAGE_TAB)
    assert at.title[0].value == "Talent bench"
    assert metrics(at) == {
        "Key positions": "47",
        "At risk": "28",
        "Ready-now successors": "19",
        "Open candidacies": "60",
    }
    table = coverage_table(at)
    assert len(table) == 47
    assert table.iloc[0]["Coverage"] == "At risk: nobody shadowing"


def test_page_in_chinese(make_app):
    at = make_app("talent_pipeline", lang="zh")
    assert at.title[0].value == "人才梯队"
    assert [m.label for m in at.metric][:2] == ["关键岗位数", "有风险"]


def test_filters_narrow_the_bench(make_app, demo_db):
    at = make_app("talent_pipeline", state=COVERAGE_TAB)
    coach = at.multiselect(key="pipeline_f_roles")
    coach.set_value([role_coded(demo_db, "coach")]).run()
    assert metrics(at)["Key positions"] == "4"
    assert len(coverage_table(at)) == 4


def test_an_empty_bench_shows_its_key_positions(make_app, demo_db):
    """A community with no candidacy at all (the large benchmark database) still opens."""
    with demo_db.conn:
        demo_db.execute("DELETE FROM pipeline_stage_history")
        demo_db.execute("DELETE FROM pipeline")
    at = make_app("talent_pipeline")
    assert not at.exception
    assert metrics(at)["Open candidacies"] == "0"
    assert metrics(at)["Key positions"] == "47"


def test_filters_without_open_candidacies_show_an_empty_bench(make_app, demo_db):
    # the forms' choices were taken from a frame that had lost its columns: a KeyError
    quiet = demo_db.execute(
        """SELECT g.name FROM groups g WHERE g.archived_on IS NULL AND NOT EXISTS (
               SELECT 1 FROM pipeline c JOIN roles r ON r.id = c.role_id
               WHERE c.group_id = g.id AND r.code = 'coach'
               AND c.stage IN ('spotted', 'observer', 'trial', 'ready'))
           ORDER BY g.name LIMIT 1"""
    ).fetchone()[0]
    at = make_app("talent_pipeline")
    at.multiselect(key="pipeline_f_roles").set_value([role_coded(demo_db, "coach")])
    at.multiselect(key="pipeline_f_groups").set_value([group_named(demo_db, quiet)]).run()
    assert not at.exception
    assert metrics(at)["Open candidacies"] == "0"
    assert at.selectbox(key="pipeline_move_candidacy").options == []


def test_moving_an_observer_to_ready_covers_the_role(make_app, demo_db):
    target = candidacy(demo_db, "曹敏", "owner", "读书笔记组")
    assert target["stage"] == "observer"
    at = make_app("talent_pipeline")
    before = metrics(at)
    move(at, target["id"], "trial")
    assert not at.error, [e.value for e in at.error]
    move(at, target["id"], "ready")
    assert not at.error, [e.value for e in at.error]
    assert [s.value for s in at.success][-1] == "Stage changed."
    after = metrics(at)
    assert (
        int(before["At risk"]) - int(after["At risk"]),
        int(after["Ready-now successors"]) - int(before["Ready-now successors"]),
    ) == (1, 1)
    row = candidacy(demo_db, "曹敏", "owner", "读书笔记组")
    assert (row["stage"], row["readiness"]) == ("ready", "now")
    history = demo_db.execute(
        "SELECT from_stage, to_stage, username FROM pipeline_stage_history WHERE pipeline_id = ? ORDER BY id",
        [target["id"]],
    ).fetchall()
    assert [tuple(h) for h in history][-2:] == [
        ("observer", "trial", "admin"),
        ("trial", "ready", "admin"),
    ]


def test_skipping_a_stage_is_refused_with_the_reason(make_app, demo_db):
    target = candidacy(demo_db, "曹敏", "owner", "读书笔记组")
    at = make_app("talent_pipeline")
    move(at, target["id"], "ready")
    assert "Moves go one step at a time" in at.error[0].value
    assert candidacy(demo_db, "曹敏", "owner", "读书笔记组")["stage"] == "observer"


def test_dropping_asks_for_a_reason_then_drops(make_app, demo_db):
    target = candidacy(demo_db, "曹敏", "owner", "读书笔记组")
    at = make_app("talent_pipeline")
    move(at, target["id"], "dropped")
    assert at.error[0].value == "Choose a reason for dropping the candidate."
    move(at, target["id"], "dropped", "declined")
    row = candidacy(demo_db, "曹敏", "owner", "读书笔记组")
    assert (row["stage"], row["drop_reason"]) == ("dropped", "declined")


def test_a_viewer_is_offered_no_move_and_no_appointment(make_app, demo_db):
    at = make_app("talent_pipeline", user="viewer")
    assert at.selectbox(key="pipeline_move_candidacy").options == []
    assert at.button(key="pipeline_move_submit").disabled
    assert "pipeline_appoint_open" not in [b.key for b in at.button]
    assert "None of these lies in the groups your account may change." in [i.value for i in at.info]
    assert not at.get("component_instance")  # the board is drawn read-only, without drag
    assert "Read-only: your account may not move these cards." in [c.value for c in at.caption]
    assert candidacy(demo_db, "曹敏", "owner", "读书笔记组")["stage"] == "observer"


def test_the_add_form_and_its_person_pickers_are_built_only_once_opened(make_app):
    at = make_app("talent_pipeline")
    assert "Add a candidate" in [e.label for e in at.expander]
    keys = {w.key for w in at.selectbox}
    assert "pipeline_add_person" not in keys and "pipeline_add_referrer" not in keys
    at.session_state["pipeline_adding"] = True  # the expander opened: it reruns
    at.run()
    keys = {w.key for w in at.selectbox}
    assert {"pipeline_add_person", "pipeline_add_referrer"} <= keys
    assert len(at.selectbox(key="pipeline_add_person").options) > 10  # every present person


def test_add_a_candidate_and_refuse_a_duplicate(make_app, demo_db):
    at = make_app("talent_pipeline", state={"pipeline_adding": True})

    def add():
        at.selectbox(key="pipeline_add_person").set_value(person_named(demo_db, "严志强"))
        at.selectbox(key="pipeline_add_role").set_value(role_coded(demo_db, "editor"))
        at.selectbox(key="pipeline_add_group").set_value(group_named(demo_db, "公众号组"))
        at.selectbox(key="pipeline_add_source").set_value("activity")
        at.selectbox(key="pipeline_add_stage").set_value("observer")
        return at.button(key="pipeline_add_submit").click().run()

    add()
    assert not at.error, [e.value for e in at.error]
    row = candidacy(demo_db, "严志强", "editor", "公众号组")
    assert (row["stage"], row["source"], row["readiness"]) == ("observer", "activity", "later")
    add()
    assert at.error[0].value == (
        "严志强 is already an open candidate for Content editor in 公众号组."
    )
    count = demo_db.execute(
        "SELECT COUNT(*) FROM pipeline WHERE person_id = ? AND role_id = ?",
        [person_named(demo_db, "严志强"), role_coded(demo_db, "editor")],
    ).fetchone()[0]
    assert count == 1


def test_appoint_after_confirming(make_app, demo_db):
    target = candidacy(demo_db, "高娟", "owner", "拆书小组")
    assert target["stage"] == "ready"
    holder = demo_db.execute(
        "SELECT id, person_id FROM memberships WHERE group_id = ? AND role_id = ? AND end_on IS NULL",
        [target["group_id"], target["role_id"]],
    ).fetchone()
    at = make_app("talent_pipeline")
    at.selectbox(key="pipeline_appoint_candidacy").set_value(target["id"]).run()
    at.button(key="pipeline_appoint_open").click().run()
    assert candidacy(demo_db, "高娟", "owner", "拆书小组")["stage"] == "ready"  # asks first
    at.button(key="pipeline_appoint_confirm").click().run()
    assert not at.error, [e.value for e in at.error]
    assert "Appointed 高娟." in [s.value for s in at.success]
    assert candidacy(demo_db, "高娟", "owner", "拆书小组")["stage"] == "appointed"
    owners = demo_db.execute(
        "SELECT person_id FROM memberships WHERE group_id = ? AND role_id = ? AND end_on IS NULL",
        [target["group_id"], target["role_id"]],
    ).fetchall()
    assert [o[0] for o in owners] == [target["person_id"]]
    ended = demo_db.execute("SELECT end_on FROM memberships WHERE id = ?", [holder[0]]).fetchone()[
        0
    ]
    assert ended == "2026-06-15"


def test_details_set_the_emergency_flag(make_app, demo_db):
    target = candidacy(demo_db, "曹敏", "owner", "读书笔记组")
    at = make_app("talent_pipeline")
    at.selectbox(key="pipeline_details_candidacy").set_value(target["id"]).run()
    at.checkbox(key=f"pipeline_details_emergency_{target['id']}").check()
    at.text_input(key=f"pipeline_details_note_{target['id']}").input("shadows every Monday")
    at.button(key=f"FormSubmitter:pipeline_details_form_{target['id']}-Save details").click().run()
    assert not at.error, [e.value for e in at.error]
    row = candidacy(demo_db, "曹敏", "owner", "读书笔记组")
    assert (row["emergency"], row["note"]) == (1, "shadows every Monday")


def test_an_at_risk_position_gets_an_observer_from_the_coverage_tab(make_app, demo_db):
    at = make_app("talent_pipeline", state=COVERAGE_TAB)
    position = at.selectbox(key="pipeline_act_position")
    assert position.options[0] == "Owner · 公众号组 (At risk: nobody shadowing)"
    at.button(key="pipeline_act_submit").click().run()  # nobody chosen yet
    assert at.error[0].value == "Choose a person, a role and a group."
    at.selectbox(key="pipeline_act_position").set_value(0)
    at.selectbox(key="pipeline_act_person").set_value(person_named(demo_db, "曹敏"))
    at.selectbox(key="pipeline_act_source").set_value("task")
    at.button(key="pipeline_act_submit").click().run()
    assert not at.error, [e.value for e in at.error]
    row = candidacy(demo_db, "曹敏", "owner", "公众号组")
    assert (row["stage"], row["source"], row["readiness"]) == ("observer", "task", "12m")
    table = coverage_table(at)
    mine = table[(table["Role"] == "Owner") & (table["Group"] == "公众号组")]
    assert mine["Coverage"].tolist() == ["At risk: no ready successor"]


def test_coverage_downloads_as_csv(make_app):
    at = make_app("talent_pipeline", state=COVERAGE_TAB)
    assert at.get("download_button")[0].proto.label == "Download CSV"
