"""The handover manuals page, driven through AppTest on a copy of the demo database."""

from db import manuals as store
from db.connection import connect
from tests.conftest import group_named, role_coded

PAGE = "handover_manuals"
HANDOVERS = {"manual_tabs": "Handovers"}  # the tab open from the start (only it runs)


def _versions(path, role_id: int) -> list[dict]:
    db = connect(path)
    try:
        return store.versions(db, role_id)
    finally:
        db.close()


def _open_tab(at, label: str):
    """Open a tab of the page (only the open tab runs) and rerun."""
    at.session_state["manual_tabs"] = label
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _pick_role(at, role_id: int):
    at.selectbox(key="manual_role").set_value(role_id).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_page_summarises_missing_and_stale_manuals(make_app) -> None:
    at = make_app(PAGE)
    assert not at.exception
    assert at.title[0].value == "Handover manuals"
    assert "1 key role(s) without a manual · 1 stale manual(s)" in [m.value for m in at.markdown]
    assert not at.metric  # the handovers' tab does not run while the manuals' is open
    at.number_input(key="manual_stale_days").set_value(30).run()
    assert "1 key role(s) without a manual · 2 stale manual(s)" in [m.value for m in at.markdown]
    _open_tab(at, "Handovers")
    assert [(m.label, m.value) for m in at.metric] == [
        ("Open", "2"),
        ("Open too long", "1"),
        ("Acknowledged", "1"),
    ]
    assert "Open for 30 days: check what is holding the successor up." in [
        w.value for w in at.warning
    ]
    assert _open_tab(at, "Manuals").number_input(key="manual_stale_days").value == 30  # kept


def test_page_in_chinese(make_app) -> None:
    at = make_app(PAGE, lang="zh")
    assert at.title[0].value == "岗位移交说明书"
    assert "1 个关键岗位缺少说明书 · 1 份说明书已过期" in [m.value for m in at.markdown]


def test_a_role_without_manual_starts_from_the_template_and_saves_version_1(
    make_app, demo_db_path
) -> None:
    planner = role_coded(demo_db_path, "event_planner")
    at = _pick_role(make_app(PAGE, lang="zh"), planner)
    body = at.text_area(key=f"manual_body_{planner}")
    assert body.value.startswith("# 岗位移交说明书：活动策划\n")
    assert "从简体中文模板开始。" in [c.value for c in at.caption]
    at.button(key="manual_save").click().run()
    assert not at.exception
    assert [s.value for s in at.success] == ["已保存第 1 版。"]
    versions = _versions(demo_db_path, planner)
    assert [(v["version"], v["author"], v["created_on"]) for v in versions] == [
        (1, "admin", "2026-06-15")
    ]
    assert "## 移交清单" in versions[0]["body_md"]


def test_editing_saves_a_new_version_that_shows_in_the_history(make_app, demo_db_path) -> None:
    coach = role_coded(demo_db_path, "coach")
    at = _pick_role(make_app(PAGE), coach)
    body = at.text_area(key=f"manual_body_{coach}")
    body.set_value(body.value + "\n## Extra\n- Ask the core owner before taking a fifth newcomer\n")
    at.text_input(key=f"manual_note_{coach}").set_value("capacity rule")
    at.button(key="manual_save").click().run()
    assert not at.exception
    assert [s.value for s in at.success] == ["Saved version 3."]
    versions = _versions(demo_db_path, coach)
    assert [(v["version"], v["note"]) for v in versions][:2] == [(3, "capacity rule"), (2, "")]
    assert versions[0]["body_md"].endswith("taking a fifth newcomer\n")
    # the diff of the two newest versions shows the added lines
    diff = at.code[0].value
    assert diff.startswith("--- v2\n+++ v3\n")
    assert "+- Ask the core owner before taking a fifth newcomer" in diff
    assert "3 line(s) added · 0 removed · 0 changed" in [c.value for c in at.caption]


def test_saving_an_unchanged_manual_says_so(make_app, demo_db_path) -> None:
    coach = role_coded(demo_db_path, "coach")
    at = _pick_role(make_app(PAGE), coach)
    at.button(key="manual_save").click().run()
    assert [e.value for e in at.error] == ["Nothing changed since version 2."]
    assert len(_versions(demo_db_path, coach)) == 2


def test_a_secret_is_not_saved_until_confirmed(make_app, demo_db_path) -> None:
    editor = role_coded(demo_db_path, "editor")
    at = _pick_role(make_app(PAGE), editor)
    body = at.text_area(key=f"manual_body_{editor}")
    typed = body.value + "- WeChat account password: Hunter2024\n"
    body.set_value(typed)
    at.button(key="manual_save").click().run()
    warning = at.warning[0].value
    assert warning.startswith("This text looks like it holds 1 secret(s).")
    assert "a password, token or key after its label (Hu••••••••)" in warning
    assert "Hunter2024" not in warning
    assert len(_versions(demo_db_path, editor)) == 1
    assert at.text_area(key=f"manual_body_{editor}").value == typed  # nothing lost
    at.button(key="manual_save_anyway").click().run()
    assert not at.exception
    versions = _versions(demo_db_path, editor)
    assert (versions[0]["version"], versions[0]["note"]) == (
        2,
        "[secret warning confirmed: 1]",
    )
    assert not at.warning or "secret" not in at.warning[0].value


def test_going_back_from_the_secret_warning_saves_nothing(make_app, demo_db_path) -> None:
    editor = role_coded(demo_db_path, "editor")
    at = _pick_role(make_app(PAGE), editor)
    body = at.text_area(key=f"manual_body_{editor}")
    body.set_value(body.value + "token=aB3dE5gH7jK9mN1pQ3sT5vX7zA\n")
    at.button(key="manual_save").click().run()
    assert at.warning[0].value.startswith("This text looks like it holds 1 secret(s).")
    at.button(key="manual_secret_back").click().run()
    assert not [w.value for w in at.warning if "secret" in w.value]
    assert len(_versions(demo_db_path, editor)) == 1


def test_html_in_a_manual_stays_inert(make_app, demo_db_path) -> None:
    planner = role_coded(demo_db_path, "event_planner")
    at = _pick_role(make_app(PAGE), planner)
    body = "# Planner\n<script>alert('x')</script>\n<img src=x onerror=alert(1)>\n"
    at.text_area(key=f"manual_body_{planner}").set_value(body)
    at.button(key="manual_save").click().run()
    assert _versions(demo_db_path, planner)[0]["body_md"] == body  # stored as typed
    rendered = [m.value for m in at.markdown if "Planner" in m.value]
    assert rendered  # shown in the current, history and printable views
    for value in rendered:
        assert "<script" not in value and "<img" not in value
        assert "&lt;script>alert('x')&lt;/script>" in value
        assert "&lt;img src=x onerror=alert(1)>" in value
    assert all(not getattr(m.proto, "allow_html", False) for m in at.markdown)


def test_mark_reviewed_clears_the_stale_flag(make_app, demo_db_path) -> None:
    admin_role = role_coded(demo_db_path, "admin")
    at = _pick_role(make_app(PAGE), admin_role)
    assert at.warning[0].value.startswith("Not reviewed for 130 days")
    at.button(key="manual_mark_reviewed").click().run()
    assert not at.exception
    assert _versions(demo_db_path, admin_role)[0]["reviewed_on"] == "2026-06-15"
    assert "1 key role(s) without a manual · 0 stale manual(s)" in [m.value for m in at.markdown]


def test_export_and_printable_view(make_app, demo_db_path) -> None:
    owner = role_coded(demo_db_path, "owner")
    at = _pick_role(make_app(PAGE), owner)
    assert at.header[0].value == "Owner — handover manual, version 3 (2026-05-06)"
    download = at.get("download_button")[0]
    assert download.proto.label == "Download Markdown"


def test_the_side_by_side_diff_colours_changes(make_app, demo_db_path) -> None:
    owner = role_coded(demo_db_path, "owner")
    at = _pick_role(make_app(PAGE), owner)
    at.segmented_control(key="manual_diff_layout").set_value("side").run()
    assert not at.exception
    frame = at.dataframe[1].value  # versions table first, then the diff
    changed = frame[~frame["Change"].isin(["same"]) & (frame["Older text"] != "⋯")]
    assert list(changed["Change"]) == ["added", "changed", "added"]
    assert list(changed["New #"]) == [21, 27, 28]
    assert list(changed["Old #"].isna()) == [True, False, True]


def test_handover_flow_from_start_to_acknowledgement(make_app, demo_db_path) -> None:
    db = connect(demo_db_path)
    admin_role = db.execute("SELECT id FROM roles WHERE code = 'admin'").fetchone()[0]
    group_id, holder = db.execute(
        """SELECT m.group_id, m.person_id FROM memberships m JOIN groups g ON g.id = m.group_id
           WHERE m.role_id = ? AND m.end_on IS NULL AND g.tier = 'ordinary'
             AND m.group_id NOT IN (SELECT group_id FROM handovers)
           ORDER BY m.group_id LIMIT 1""",
        [admin_role],
    ).fetchone()
    db.close()
    at = make_app(PAGE, state=HANDOVERS)
    at.selectbox(key="manual_ho_group").set_value(group_id).run()
    at.selectbox(key="manual_ho_role").set_value(admin_role).run()
    at.selectbox(key="manual_ho_from").set_value(holder)
    successor = at.selectbox(key="manual_ho_to").value
    at.button(key="manual_ho_submit").click().run()
    assert not at.exception
    db = connect(demo_db_path)
    [handover] = [h for h in store.handovers(db, open_only=True) if h["group_id"] == group_id]
    item_ids = [i["id"] for i in store.items(db, handover["id"])]
    db.close()
    assert (handover["from_person"], handover["to_person"], handover["item_count"]) == (
        holder,
        successor,
        3,
    )
    hid = handover["id"]
    # acknowledging with an open item is refused and nothing is written
    at.checkbox(key=f"manual_ho_item_{item_ids[0]}").check()
    at.button(key=f"manual_ho_ack_{hid}").click().run()
    assert [e.value for e in at.error] == [
        "2 checklist item(s) are still open: tick them (and save) before the successor "
        "acknowledges."
    ]
    at.checkbox(key=f"manual_ho_item_{item_ids[1]}").check()
    at.button(key=f"manual_ho_save_{hid}").click().run()
    db = connect(demo_db_path)
    assert store.handover(db, hid)["done_count"] == 2
    db.close()
    at.checkbox(key=f"manual_ho_item_{item_ids[2]}").check()
    at.button(key=f"manual_ho_ack_{hid}").click().run()
    assert not at.exception
    db = connect(demo_db_path)
    row = store.handover(db, hid)
    db.close()
    assert (row["acknowledged_on"], row["acknowledged_by"], row["done_count"]) == (
        "2026-06-15",
        "admin",
        3,
    )


def test_a_viewer_reads_but_cannot_edit(make_app, demo_db_path) -> None:
    at = make_app(PAGE, user="viewer")
    assert not at.exception
    assert any(i.value.startswith("You can read this manual") for i in at.info)
    assert not [ta for ta in at.text_area]
    _open_tab(at, "Handovers")
    assert at.metric  # the tab ran...
    assert "manual_ho_submit" not in [b.key for b in at.button]  # ...without the start form


def test_printable_view_shows_the_manual_alone(make_app, monkeypatch) -> None:
    from streamlit.testing.v1 import AppTest

    from tests.conftest import ROOT

    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=30)
    at.session_state["auth_user"] = "viewer"
    at.session_state["ui_lang"] = "zh"
    make_app()  # sets the environment to this test's demo copy
    at.query_params["print"] = "owner"
    at.switch_page("pages/handover_manuals.py").run()
    assert not at.exception
    assert at.title[0].value == "群主 —— 岗位移交说明书，第 3 版（2026-05-06）"
    assert not at.tabs  # no editing, no charts: just the manual
    # the demo is seeded in English: its manual is shown as written, under a Chinese title
    assert at.markdown[0].value.startswith("# Handover manual: Owner\n")
    at.query_params["print"] = "event_planner"
    at.run()
    assert at.info[0].value == "岗位“event_planner”没有可打印的说明书。"


def test_cancelling_a_handover_asks_first(make_app, demo_db_path) -> None:
    db = connect(demo_db_path)
    [open_one] = [h for h in store.handovers(db, open_only=True) if h["role_code"] == "owner"]
    db.close()
    hid = open_one["id"]
    at = make_app(PAGE, state=HANDOVERS)
    at.button(key=f"manual_ho_cancel_{hid}").click().run()
    assert not at.exception
    assert at.button(key="manual_ho_cancel_yes")  # the confirmation is shown
    db = connect(demo_db_path)
    assert store.handover(db, hid)["cancelled_on"] is None
    db.close()
    at.button(key="manual_ho_cancel_yes").click().run()
    assert not at.exception
    db = connect(demo_db_path)
    assert store.handover(db, hid)["cancelled_on"] == "2026-06-15"
    db.close()
    assert f"manual_ho_cancel_{hid}" not in [b.key for b in at.button]


def test_a_scoped_lead_hands_over_only_in_their_groups(make_app, demo_db_path) -> None:
    owner = role_coded(demo_db_path, "owner")
    at = make_app(PAGE, user="lead")
    assert not at.exception
    # the manuals of roles held in the lead's subtree are theirs to edit...
    assert at.selectbox(key="manual_role").value == owner  # held in 内容核心群
    assert [ta.key for ta in at.text_area] == [f"manual_body_{owner}"]
    assert at.selectbox(key="manual_role").options[-1].startswith("Event planner")  # not theirs
    _open_tab(at, "Handovers")
    assert at.selectbox(key="manual_ho_group").options == [
        "内容核心群",
        "干货输出组",
        "拆书小组",
        "读书笔记组",
    ]


def test_a_lead_reads_the_manual_of_a_role_outside_their_subtree(make_app, demo_db_path) -> None:
    at = make_app(PAGE, user="lead")
    planner = role_coded(demo_db_path, "event_planner")  # held in other core groups only
    at.selectbox(key="manual_role").set_value(planner).run()
    assert not at.text_area
    assert "manual_mark_reviewed" not in [b.key for b in at.button]
    assert any(i.value.startswith("You can read this manual") for i in at.info)


def _open_handovers(path) -> list[dict]:
    db = connect(path)
    try:
        return [
            {**h, "items": store.items(db, h["id"])} for h in store.handovers(db, open_only=True)
        ]
    finally:
        db.close()


def _tick_all_and_acknowledge(at, handover: dict):
    for item in handover["items"]:
        at.checkbox(key=f"manual_ho_item_{item['id']}").check()
    return at.button(key=f"manual_ho_ack_{handover['id']}").click().run()


def test_only_the_successor_is_offered_the_acknowledgement(make_app, demo_db_path) -> None:
    handover = _open_handovers(demo_db_path)[0]
    hid = handover["id"]
    at = make_app(PAGE, user="lead", state=HANDOVERS)
    assert at.button(key=f"manual_ho_ack_{hid}").disabled
    assert (
        f"Only {handover['to_name']}, the successor, or an admin on their behalf acknowledges"
        " this handover." in [c.value for c in at.caption]
    )
    db = connect(demo_db_path)
    db.execute("UPDATE users SET person_id = ? WHERE username = 'lead'", [handover["to_person"]])
    db.close()
    at = make_app(PAGE, user="lead", state=HANDOVERS)  # the lead's account is now the successor's
    ack = at.button(key=f"manual_ho_ack_{hid}")
    assert (ack.disabled, ack.label) == (False, "Successor acknowledges")
    _tick_all_and_acknowledge(at, handover)
    assert not at.error, [e.value for e in at.error]
    db = connect(demo_db_path)
    row = store.handover(db, hid)
    db.close()
    assert (row["acknowledged_by"], row["acknowledged_on_behalf"]) == ("lead", 0)


def test_an_admin_acknowledges_on_behalf_and_the_page_says_so(make_app, demo_db_path) -> None:
    handover = _open_handovers(demo_db_path)[0]
    name = handover["to_name"]
    at = make_app(PAGE, state=HANDOVERS)
    assert at.button(key=f"manual_ho_ack_{handover['id']}").label == (
        f"Acknowledge on behalf of {name}"
    )
    _tick_all_and_acknowledge(at, handover)
    assert not at.error, [e.value for e in at.error]
    closed = at.dataframe[-1].value
    assert f"admin on behalf of {name}" in list(closed["Acknowledged by"])


def test_a_checklist_save_keeps_a_tick_made_meanwhile_in_another_session(
    make_app, demo_db_path
) -> None:
    from datetime import date

    from dashboard.domain import manuals as rules

    handover = next(
        h
        for h in _open_handovers(demo_db_path)
        if sum(i["done_on"] is None for i in h["items"]) >= 2
    )
    first, second = [i["id"] for i in handover["items"] if i["done_on"] is None][:2]
    hid = handover["id"]
    at = make_app(PAGE, state=HANDOVERS)
    assert not at.checkbox(key=f"manual_ho_item_{first}").value
    # another session ticks the first item while this page still shows it unticked
    db = connect(demo_db_path)
    rules.save_checklist(db, "admin", hid, {first}, date(2026, 6, 15), shown_done=set())
    db.close()
    at.checkbox(key=f"manual_ho_item_{second}").check()
    at.button(key=f"manual_ho_save_{hid}").click().run()
    assert not at.exception
    db = connect(demo_db_path)
    done = {i["id"] for i in store.items(db, hid) if i["done_on"] is not None}
    db.close()
    assert {first, second} <= done
    # after the save the checklist is drawn from the database, the other tick included
    assert at.checkbox(key=f"manual_ho_item_{first}").value
    assert at.checkbox(key=f"manual_ho_item_{second}").value


def test_the_editor_stays_drawn_and_a_handover_pick_outlives_a_visit_to_the_other_tab(
    make_app, demo_db_path
) -> None:
    """The Handovers tab runs only while open, the Manuals tab always: its editor stays
    in the page (text typed but not saved lives in the browser's form), and the group
    picked for a new handover is still picked after a look at the manuals."""
    coach = role_coded(demo_db_path, "coach")
    at = _open_tab(_pick_role(make_app(PAGE), coach), "Handovers")
    assert at.text_area(key=f"manual_body_{coach}")  # the editor still drawn
    picked = group_named(demo_db_path, "拆书小组")
    assert at.selectbox(key="manual_ho_group").value != picked
    at.selectbox(key="manual_ho_group").set_value(picked).run()
    _open_tab(at, "Manuals")
    assert at.selectbox(key="manual_role").value == coach
    assert not at.get("checkbox")  # the handovers' checklists did not run
    assert _open_tab(at, "Handovers").selectbox(key="manual_ho_group").value == picked
