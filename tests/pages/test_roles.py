"""What a role may do is what the page offers: a viewer finds no enabled write widget on any
page, a lead is offered only the rows of their own subtree."""

import pytest
from streamlit.proto.Dataframe_pb2 import Dataframe as DataframeProto

from tests.conftest import group_named, person_named
from tests.pages import PAGE_NAMES

# buttons that change nothing: reloading the grid as the database has it
READ_ONLY_BUTTONS = {"org_grid_reload"}
# everyone's own settings, like their password and language: what they are notified of
OWN_SETTINGS = ("notify_my", "FormSubmitter:notify_my")
LEAD_SCOPE = {"内容核心群", "读书笔记组", "干货输出组", "拆书小组"}  # the demo lead's subtree


def enabled_write_widgets(at) -> list[str]:
    """Keys or labels of the page's buttons and editable grids a user could act with."""
    found = [
        b.key or b.label
        for b in at.main.button
        if not b.proto.disabled
        and b.key not in READ_ONLY_BUTTONS
        and not (b.key or "").startswith(OWN_SETTINGS)
    ]
    found += [
        f"grid {frame.key}"
        for frame in at.main.get("dataframe")
        if frame.proto.editing_mode != DataframeProto.EditingMode.READ_ONLY
        and not frame.proto.disabled
    ]
    # a drag-and-drop board is a custom component; read-only boards are plain text
    found += ["drag board" for _ in at.main.get("component_instance")]
    return found


@pytest.mark.parametrize("page", PAGE_NAMES)
def test_a_viewer_finds_no_enabled_write_widget(make_app, page: str) -> None:
    at = make_app(page, user="viewer")
    assert not at.exception, [e.value for e in at.exception]
    assert enabled_write_widgets(at) == []


@pytest.mark.parametrize("tab", ["Enter data", "Settings"])
def test_a_viewer_finds_no_enabled_write_widget_in_the_kpi_boards_tabs(make_app, tab) -> None:
    at = make_app("kpi_board", user="viewer")
    at.session_state["kpi_tab"] = tab  # only the open tab of the board runs
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert enabled_write_widgets(at) == []


@pytest.mark.parametrize(
    ("page", "tab_key", "tab"),
    [
        ("talent_pipeline", "pipeline_tab", "Bench coverage"),
        ("talent_pipeline", "pipeline_tab", "Discovery channels"),
        ("talent_pipeline", "pipeline_tab", "Roles"),
        ("talent_pipeline", "pipeline_adding", True),  # the add form, built once opened
        ("coaching", "coaching_tab", "Coaches"),
        ("coaching", "coaching_tab", "Retrospectives"),
        ("coaching", "coaching_tab", "Onboarding plans"),
    ],
)
def test_a_viewer_finds_no_enabled_write_widget_in_a_later_tab(make_app, page, tab_key, tab):
    """Only the open tab of these pages runs: each of the others is checked open."""
    at = make_app(page, user="viewer", state={tab_key: tab})
    assert not at.exception, [e.value for e in at.exception]
    assert enabled_write_widgets(at) == []


def test_the_check_is_not_vacuous_for_an_admin(make_app) -> None:
    at = make_app("talent_pipeline", state={"pipeline_adding": True})
    found = enabled_write_widgets(at)
    assert {"pipeline_move_submit", "pipeline_add_submit", "drag board"} <= set(found)
    roles = make_app("talent_pipeline", state={"pipeline_tab": "Roles"})  # the open tab runs
    assert any(item.startswith("grid ") for item in enabled_write_widgets(roles))
    coverage = make_app("talent_pipeline", state={"pipeline_tab": "Bench coverage"})
    assert "pipeline_act_submit" in enabled_write_widgets(coverage)


def test_a_leads_talent_bench_offers_only_their_groups(make_app) -> None:
    at = make_app("talent_pipeline", user="lead", state={"pipeline_adding": True})
    assert set(at.selectbox(key="pipeline_add_group").options) == LEAD_SCOPE
    move_groups = {
        option.rsplit(" · ", 1)[1].split(" (")[0]
        for option in at.selectbox(key="pipeline_move_candidacy").options
    }
    assert move_groups and move_groups <= LEAD_SCOPE
    assert at.toggle(key="pipeline_only_mine").value is True
    assert "drag board" in enabled_write_widgets(at)  # their own candidates can be dragged
    # every group, on request: the board turns read-only, the forms still offer only theirs
    at.toggle(key="pipeline_only_mine").set_value(False).run()
    assert "drag board" not in enabled_write_widgets(at)
    assert any("outside the groups you lead is read-only" in c.value for c in at.caption)
    move_groups = {
        option.rsplit(" · ", 1)[1].split(" (")[0]
        for option in at.selectbox(key="pipeline_move_candidacy").options
    }
    assert move_groups <= LEAD_SCOPE


def test_a_leads_org_forms_offer_only_their_groups(make_app, demo_db_path) -> None:
    # only the open tab of the page runs: each tab is opened in turn
    at = make_app("org_structure", user="lead", state={"org_tab": "Split & merge"})
    assert set(at.selectbox(key="org_split_group").options) == LEAD_SCOPE
    at.session_state["org_tab"] = "People"
    at.run()
    assert set(at.selectbox(key="org_add_group").options) == LEAD_SCOPE
    assert set(at.selectbox(key="org_move_target").options) == LEAD_SCOPE
    memberships = at.selectbox(key="org_move_membership").options
    assert memberships and all(
        option.rsplit(" — ", 1)[1].split(" (")[0] in LEAD_SCOPE for option in memberships
    )
    # the people list starts with the lead's own groups
    assert set(at.selectbox(key="org_people_group").options[1:5]) == LEAD_SCOPE
    # a core group outside the subtree: its board is drawn read-only
    at.session_state["org_tab"] = "Drag people"
    at.run()
    assert "drag board" in enabled_write_widgets(at)  # the first core group is theirs
    at.selectbox(key="org_board_core").set_value(group_named(demo_db_path, "活动核心群")).run()
    assert "drag board" not in enabled_write_widgets(at)


def test_a_lead_sees_their_newcomers_first_and_changes_only_those(make_app, demo_db_path) -> None:
    at = make_app("coaching", user="lead")
    # 段雨桐, 胡梓萱, 金伟 and 陆刚 sit in 内容核心群's groups; the rest follow, read-only
    assert at.selectbox(key="coaching_newcomer").options[:4] == ["段雨桐", "胡梓萱", "金伟", "陆刚"]
    assert "coaching_assign_submit" in [b.key for b in at.button]
    at.selectbox(key="coaching_newcomer").set_value(
        person_named(demo_db_path, "陶宇")
    ).run()  # 短视频组
    assert not at.exception
    assert "coaching_assign_submit" not in [b.key for b in at.button]
    assert "coaching_end" not in [b.key for b in at.button]


def test_a_lead_enters_kpi_values_only_for_their_groups(make_app) -> None:
    at = make_app("kpi_board", user="lead")
    at.session_state["kpi_tab"] = "Enter data"
    at.run()
    assert set(at.selectbox(key="kpi_entry_group").options) == LEAD_SCOPE
