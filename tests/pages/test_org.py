"""The org structure page in AppTest, on a copy of the demo database: what it shows, and
what its actions leave in the database."""

from types import SimpleNamespace

import pytest

from dashboard.domain import org
from dashboard.org_views import members_frame
from dashboard.session import invalidating
from db.connection import connect
from tests.conftest import DEMO_TODAY, group_named, person_named, role_coded


@pytest.fixture
def ids(demo_db_path) -> SimpleNamespace:
    """The demo rows these tests use, found by name: 活动核心群 → 线上分享组, 打卡督导组,
    线下活动组; 尹鑫 is a member of 线上分享组."""
    yin = person_named(demo_db_path, "尹鑫")
    online = group_named(demo_db_path, "线上分享组")
    return SimpleNamespace(
        online=online,
        checkin=group_named(demo_db_path, "打卡督导组"),
        offline=group_named(demo_db_path, "线下活动组"),
        events_core=group_named(demo_db_path, "活动核心群"),
        yin=yin,
        yin_membership=query(
            demo_db_path,
            "SELECT id FROM memberships WHERE person_id = ? AND group_id = ? AND end_on IS NULL",
            [yin, online],
        )[0][0],
    )


def query(path, sql, params=()):
    with connect(path) as db:
        return [tuple(row) for row in db.execute(sql, list(params)).fetchall()]


def open_groups(path, person_id):
    return query(
        path,
        "SELECT group_id FROM memberships WHERE person_id = ? AND end_on IS NULL ORDER BY group_id",
        [person_id],
    )


def texts(elements) -> list[str]:
    return [element.value for element in elements]


# only the open tab runs: a test opens the tab it drives (by its label, in the page's language)
PEOPLE = {"org_tab": "People"}
SPLIT = {"org_tab": "Split & merge"}
GRID = {"org_tab": "Groups"}


def open_tab(at, label: str):
    """Open another tab of the page and rerun."""
    at.session_state["org_tab"] = label
    return at.run()


def graphviz_source(at) -> str:
    return at.get("graphviz_chart")[0].proto.spec


def test_the_page_shows_the_tree_with_tabs_and_exports(make_app, ids):
    at = make_app("org_structure")
    assert not at.exception
    assert [tab.label for tab in at.tabs] == [
        "Tree",
        "Groups",
        "People",
        "Drag people",
        "Split & merge",
        "Health",
        "History",
    ]
    dot = graphviz_source(at)
    assert (
        "运营管理群" in dot
        and "读书笔记组" in dot
        and f"g{ids.events_core} -> g{ids.online};" in dot
    )
    assert [b.label for b in at.get("download_button")[:3]] == [
        "Download SVG",
        "Download PNG",
        "Download Graphviz (DOT)",
    ]
    assert at.metric[0].value == "16"


def test_tier_filter_and_collapse_change_the_picture(make_app, ids):
    at = make_app("org_structure")
    at.multiselect(key="org_tree_tiers").set_value(["management", "core"]).run()
    dot = graphviz_source(at)
    assert "活动核心群" in dot and "线上分享组" not in dot
    at.multiselect(key="org_tree_tiers").set_value(["management", "core", "ordinary"])
    at.multiselect(key="org_tree_collapsed").set_value([ids.events_core]).run()
    dot = graphviz_source(at)
    assert "线上分享组" not in dot and "读书笔记组" in dot
    assert f"more{ids.events_core}" in dot and "+3 groups" in dot


def move_by_form(at, membership_id, target, submit="Move"):
    at.selectbox(key="org_move_membership").set_value(membership_id)
    at.selectbox(key="org_move_target").set_value(target)
    at.button(key=f"FormSubmitter:org_move_form-{submit}").click().run()


def test_moving_a_person_by_form_saves_and_shows_in_history(make_app, demo_db_path, ids):
    at = make_app("org_structure", state=PEOPLE)
    move_by_form(at, ids.yin_membership, ids.checkin)
    assert texts(at.success) == [f"Moved 尹鑫 #{ids.yin} — 线上分享组 (Member) to 打卡督导组."]
    assert open_groups(demo_db_path, ids.yin) == [(ids.checkin,)]
    open_tab(at, "History")
    at.selectbox(key="org_history_person").set_value(ids.yin).run()
    history = at.dataframe[-1].value
    assert history[["Who", "Change", "What", "From", "To"]].values.tolist() == [
        ["Admin (admin)", "Moved", "尹鑫", "线上分享组", "打卡督导组"]
    ]


def test_a_move_into_a_full_group_is_refused_and_nothing_changes(make_app, demo_db_path, ids):
    with connect(demo_db_path) as db:
        db.execute(
            "UPDATE groups SET capacity = (SELECT COUNT(DISTINCT person_id) FROM memberships"
            " WHERE group_id = :id AND end_on IS NULL) WHERE id = :id",
            {"id": ids.checkin},
        )
        db.conn.commit()
    at = make_app("org_structure", state=PEOPLE)
    move_by_form(at, ids.yin_membership, ids.checkin)
    assert len(at.error) == 1 and "“打卡督导组” is full" in at.error[0].value
    assert open_groups(demo_db_path, ids.yin) == [(ids.online,)]
    assert at.selectbox(key="org_move_target").value == ids.checkin  # the input is kept


def test_a_move_needs_both_choices(make_app, demo_db_path, ids):
    at = make_app("org_structure", state=PEOPLE)
    at.selectbox(key="org_move_membership").set_value(ids.yin_membership)
    at.button(key="FormSubmitter:org_move_form-Move").click().run()
    assert texts(at.warning) == ["Choose both fields first."]
    assert open_groups(demo_db_path, ids.yin) == [(ids.online,)]


def test_adding_a_person(make_app, demo_db_path, ids):
    at = make_app("org_structure", state=PEOPLE)
    at.text_input(key="org_add_name").set_value("  新同学 ")
    at.selectbox(key="org_add_group").set_value(ids.offline)
    at.button(key="FormSubmitter:org_add_form-Add person").click().run()
    assert texts(at.success) == ["新同学 joined 线下活动组."]
    assert query(
        demo_db_path,
        """SELECT p.name, p.status, m.group_id, r.code FROM people p
           JOIN memberships m ON m.person_id = p.id JOIN roles r ON r.id = m.role_id
           WHERE p.name = '新同学'""",
    ) == [("新同学", "newcomer", ids.offline, "member")]


def test_adding_a_person_without_a_name_says_so(make_app, demo_db_path):
    before = query(demo_db_path, "SELECT COUNT(*) FROM people")
    at = make_app("org_structure", state=PEOPLE)
    at.button(key="FormSubmitter:org_add_form-Add person").click().run()
    assert texts(at.error) == ["A person needs a name."]
    assert query(demo_db_path, "SELECT COUNT(*) FROM people") == before


def test_changing_a_role_to_one_of_another_tier_is_refused(make_app, demo_db_path):
    shen = person_named(demo_db_path, "沈勇")  # a member of 活动核心群
    membership = query(
        demo_db_path, "SELECT id FROM memberships WHERE person_id = ? AND end_on IS NULL", [shen]
    )[0][0]
    coach = role_coded(demo_db_path, "coach")
    at = make_app("org_structure", state=PEOPLE)
    at.selectbox(key="org_role_membership").set_value(membership)
    # content editor: ordinary groups only
    at.selectbox(key="org_role_target").set_value(role_coded(demo_db_path, "editor"))
    at.button(key="FormSubmitter:org_role_form-Change role").click().run()
    assert texts(at.error) == ["The role “Content editor” exists only in ordinary groups."]
    at.selectbox(key="org_role_target").set_value(coach)
    at.button(key="FormSubmitter:org_role_form-Change role").click().run()
    assert query(
        demo_db_path,
        "SELECT role_id FROM memberships WHERE person_id = ? AND end_on IS NULL",
        [shen],
    ) == [(coach,)]


def test_marking_left_needs_confirmation(make_app, demo_db_path, ids):
    at = make_app("org_structure", state=PEOPLE)
    at.selectbox(key="org_left_person").set_value(ids.yin)
    at.selectbox(key="org_left_reason").set_value("growth")
    at.button(key="FormSubmitter:org_left_form-Mark as left").click().run()
    assert texts(at.warning) == [
        "Tick the confirmation first: this ends every membership of the person."
    ]
    assert query(demo_db_path, "SELECT status FROM people WHERE id = ?", [ids.yin]) == [("active",)]
    at.checkbox(key="org_left_confirm").check()
    at.button(key="FormSubmitter:org_left_form-Mark as left").click().run()
    assert texts(at.success) == ["尹鑫 is recorded as left (Growth stalled)."]
    assert query(
        demo_db_path, "SELECT status, exit_reason, left_on FROM people WHERE id = ?", [ids.yin]
    ) == [("left", "growth", "2026-06-15")]
    assert open_groups(demo_db_path, ids.yin) == []


def ask_to_split(at, ids) -> None:
    """Split 线上分享组 by form into 线上分享二组 with the veteran 尹鑫: its confirmation opens."""
    at.selectbox(key="org_split_group").set_value(ids.online).run()
    at.text_input(key="org_split_name").set_value("线上分享二组")
    at.multiselect(key="org_split_veterans").set_value([ids.yin])
    at.button(key="FormSubmitter:org_split_form-Split…").click().run()


def merge_confirmed(at, source: int, target: int) -> None:
    """Merge the group ``source`` into ``target`` by form, and confirm."""
    at.selectbox(key="org_merge_source").set_value(source)
    at.selectbox(key="org_merge_target").set_value(target)
    at.button(key="FormSubmitter:org_merge_form-Merge…").click().run()
    at.button(key="org_merge_confirm").click().run()


def test_split_asks_for_confirmation_then_seeds_the_new_group(make_app, demo_db_path, ids):
    at = make_app("org_structure", state=SPLIT)
    ask_to_split(at, ids)
    assert query(demo_db_path, "SELECT COUNT(*) FROM groups WHERE name = '线上分享二组'") == [(0,)]
    at.text_input(key="org_split_reason").set_value("a pilot with one veteran")
    at.button(key="org_split_confirm").click().run()
    assert texts(at.success) == ["“线上分享二组” was created."]
    assert query(
        demo_db_path,
        """SELECT g.tier, g.parent_id FROM memberships m JOIN groups g ON g.id = m.group_id
           WHERE m.person_id = ? AND m.end_on IS NULL""",
        [ids.yin],
    ) == [("ordinary", ids.events_core)]


def test_split_cancelled_writes_nothing(make_app, demo_db_path, ids):
    at = make_app("org_structure", state=SPLIT)
    ask_to_split(at, ids)
    at.button(key="org_split_cancel").click().run()
    assert "org_split_confirm" not in [b.key for b in at.button]
    assert open_groups(demo_db_path, ids.yin) == [(ids.online,)]


def test_merge_refused_when_over_capacity_then_done(make_app, demo_db_path, ids):
    at = make_app("org_structure", state=SPLIT)
    merge_confirmed(at, ids.offline, ids.checkin)
    assert texts(at.success) == ["“线下活动组” was merged into “打卡督导组”."]
    assert query(demo_db_path, "SELECT archived_on FROM groups WHERE id = ?", [ids.offline]) == [
        ("2026-06-15",)
    ]
    assert query(
        demo_db_path,
        "SELECT COUNT(*) FROM memberships WHERE group_id = ? AND end_on IS NULL",
        [ids.offline],
    ) == [(0,)]


def test_merging_into_a_group_of_another_tier_says_why(make_app, demo_db_path, ids):
    at = make_app("org_structure", state=SPLIT)
    merge_confirmed(at, ids.offline, ids.events_core)
    assert texts(at.error) == [
        "“线下活动组” and “活动核心群” are in different tiers and cannot be merged."
    ]
    assert query(demo_db_path, "SELECT archived_on FROM groups WHERE id = ?", [ids.offline]) == [
        (None,)
    ]


def test_a_viewer_sees_but_cannot_change(make_app, demo_db_path):
    at = make_app("org_structure", user="viewer", state=GRID)
    assert not at.exception
    assert "read-only" in at.info[0].value
    assert at.button(key="org_grid_save").disabled
    assert open_tab(at, "People").button(key="FormSubmitter:org_move_form-Move").disabled


def test_the_page_in_chinese(make_app, ids):
    at = make_app("org_structure", lang="zh")
    assert at.title[0].value == "组织架构"
    assert [tab.label for tab in at.tabs] == [
        "结构图",
        "群组",
        "成员",
        "拖动调岗",
        "拆分与合并",
        "社群健康",
        "变更历史",
    ]
    assert "普通群 · " in graphviz_source(at)
    open_tab(at, "成员")
    move_by_form(at, ids.yin_membership, ids.checkin, submit="调动")
    assert texts(at.success) == [f"已将 尹鑫 #{ids.yin} — 线上分享组 (成员) 调往 打卡督导组。"]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_history_with_no_match_says_what_to_do(make_app, lang):
    at = make_app(
        "org_structure", lang=lang, state={"org_tab": {"en": "History", "zh": "变更历史"}[lang]}
    )
    assert texts(at.info)[-1] in (
        "No changes match these filters. Widen the dates or clear the group/person.",
        "没有符合筛选条件的变更。请放宽日期，或清除群组/成员筛选。",
    )


def test_saving_an_untouched_grid_says_there_is_nothing_to_save(make_app, demo_db_path):
    before = query(demo_db_path, "SELECT COUNT(*) FROM audit_log")
    at = make_app("org_structure", state=GRID)
    at.button(key="org_grid_save").click().run()
    assert "Nothing to save." in texts(at.info)
    assert query(demo_db_path, "SELECT COUNT(*) FROM audit_log") == before


def test_alerts_of_the_demo_are_about_full_groups_only_when_full(demo_db, ids):
    from dashboard.domain.org import alerts
    from tests.conftest import DEMO_TODAY

    assert alerts(demo_db, DEMO_TODAY) == []
    demo_db.execute("UPDATE groups SET capacity = 6 WHERE id = ?", [ids.online])
    assert [(a.kind, a.params) for a in alerts(demo_db, DEMO_TODAY)] == [
        ("group_full", {"group": "线上分享组", "count": 6, "capacity": 6})
    ]


def test_the_grid_shows_a_group_created_by_a_split_in_the_same_session(make_app, ids):
    at = make_app("org_structure", state=GRID)
    assert "线上分享二组" not in list(at.dataframe[0].value["name"])
    open_tab(at, "Split & merge")
    ask_to_split(at, ids)
    at.text_input(key="org_split_reason").set_value("a pilot with one veteran")
    at.button(key="org_split_confirm").click().run()
    open_tab(at, "Groups")
    assert "线上分享二组" in list(at.dataframe[0].value["name"])


def test_the_board_offers_each_core_group_and_the_core_tier(make_app):
    at = make_app("org_structure", state={"org_tab": "Drag people"})
    board = at.selectbox(key="org_board_core")
    assert board.options == [
        "内容核心群",
        "新媒体核心群",
        "活动核心群",
        "社群运营核心群",
        "All core groups (move people between core groups)",
    ]
    board.set_value("core").run()
    assert not at.exception
    assert at.selectbox(key="org_board_core").value == "core"


def test_the_demo_tree_opens_fully_expanded(make_app):
    assert make_app("org_structure").multiselect(key="org_tree_collapsed").value == []


def test_a_big_team_s_tree_opens_with_its_core_groups_collapsed(make_app, demo_db_path):
    """Above 40 ordinary groups the core groups start collapsed (the demo has 11)."""
    import sqlite3

    with sqlite3.connect(demo_db_path) as conn:
        core = conn.execute("SELECT id FROM groups WHERE tier = 'core' ORDER BY id").fetchone()[0]
        conn.executemany(
            "INSERT INTO groups (name, tier, parent_id, created_on)"
            " VALUES (?, 'ordinary', ?, '2026-06-01')",
            [(f"extra {n}", core) for n in range(30)],
        )
        expected = [r[0] for r in conn.execute("SELECT id FROM groups WHERE tier = 'core'")]
    at = make_app("org_structure")
    assert not at.exception
    assert sorted(int(c) for c in at.multiselect(key="org_tree_collapsed").value) == sorted(
        expected
    )


def test_a_scoped_lead_edits_only_their_groups_and_reads_the_others(make_app, demo_db_path):
    at = make_app("org_structure", user="lead", state=GRID)
    assert not at.exception
    grid, others = at.dataframe[0].value, at.dataframe[1].value
    assert sorted(grid["name"]) == sorted(["内容核心群", "干货输出组", "拆书小组", "读书笔记组"])
    live = [
        name for (name,) in query(demo_db_path, "SELECT name FROM groups WHERE archived_on IS NULL")
    ]
    assert sorted(others["name"]) == sorted(set(live) - set(grid["name"]))
    top = others[others["name"] == "运营管理群"].iloc[0]
    assert (top["tier"], top["parent_id"]) == ("Management group", "")
    assert (
        "Outside your groups (read-only): only a lead of these groups or an admin can change "
        "them." in [c.value for c in at.caption]
    )
    # an admin edits every group in one grid, with no read-only table under it
    admin = make_app("org_structure", state=GRID)
    assert sorted(admin.dataframe[0].value["name"]) == sorted(live)
    assert "Outside your groups" not in " ".join(c.value for c in admin.caption)


def test_only_the_open_tab_runs(make_app):
    """The tree does not build the grid (nor its health column) and the grid not the tree."""
    at = make_app("org_structure")
    assert at.get("graphviz_chart") and "org_grid_save" not in [b.key for b in at.button]
    open_tab(at, "Groups")
    assert not at.get("graphviz_chart") and "org_grid_save" in [b.key for b in at.button]
    assert [tab.label for tab in at.tabs][1] == "Groups"  # every tab is still offered


def test_a_tab_s_filters_are_kept_while_another_tab_is_open(make_app, ids):
    at = make_app("org_structure", state={"org_tab": "Drag people"})
    at.selectbox(key="org_board_core").set_value(ids.events_core).run()
    open_tab(at, "History")
    at.selectbox(key="org_history_person").set_value(ids.yin).run()
    open_tab(at, "Drag people")
    assert at.selectbox(key="org_board_core").value == ids.events_core
    assert open_tab(at, "History").selectbox(key="org_history_person").value == ids.yin


def test_the_trees_people_count_is_everyone_holding_a_role_and_follows_a_leaver(
    make_app, demo_db_path, ids
):
    """The tree counts people in SQL (it loads no membership rows): the number the
    memberships frame gives, one fewer once someone with a role has left."""
    path = str(demo_db_path)
    people = members_frame(path)["person_id"].nunique()
    at = make_app("org_structure")
    assert at.metric[1].value == str(people)
    db = connect(demo_db_path)
    try:
        with invalidating(db):
            org.mark_left(db, "admin", ids.yin, "other", DEMO_TODAY)
    finally:
        db.close()
    assert at.run().metric[1].value == str(people - 1)
    assert members_frame(path)["person_id"].nunique() == people - 1
