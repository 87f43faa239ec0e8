"""The org page's panels (dashboard.org_panels, org_forms) across reruns, in AppTest."""

from db.connection import connect


def group_id(path, name: str) -> int:
    with connect(path) as db:
        return db.execute("SELECT id FROM groups WHERE name = ?", [name]).fetchone()[0]


def test_a_confirmation_dialog_speaks_the_language_chosen_after_the_first_run(
    make_app, demo_db_path
):
    """The panels live in a module imported once: the dialog's title must still follow a
    language switched later in the session."""
    at = make_app("org_structure", lang="en")
    at.session_state["ui_lang"] = "zh"
    at.run()
    at.session_state["org_tab"] = "拆分与合并"  # only the open tab runs
    at.run()
    at.selectbox(key="org_merge_source").set_value(group_id(demo_db_path, "线下活动组"))
    at.selectbox(key="org_merge_target").set_value(group_id(demo_db_path, "打卡督导组"))
    at.button(key="FormSubmitter:org_merge_form-合并…").click().run()
    assert [dialog.proto.dialog.title for dialog in at.get("dialog")] == ["确认合并？"]
    assert not at.exception
