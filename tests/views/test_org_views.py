"""The org page's pure builders and translators (dashboard.org_views, org_tree)."""

import json

import pandas as pd

from dashboard.org_tree import tree_dot, tree_layout, tree_png, tree_svg
from dashboard.org_views import (
    GROUP_COLUMNS,
    board_columns,
    grid_frame,
    history_frame,
    with_lifecycle,
)

GROUPS = pd.DataFrame(
    [
        (1, "M", "management", None, None, "", "", 10, None, None, 1, 2, "Ann", 11),
        (2, "Content", "core", 1, "M", "", "", 15, None, None, 1, 3, "Bo", 12),
        (3, "Notes", "ordinary", 2, "Content", "", "", 12, None, None, 4, 4, None, None),
        (4, "How-to", "ordinary", 2, "Content", "p", "QQ", None, None, None, 1, 5, "Cy", 13),
    ],
    columns=GROUP_COLUMNS,
)


def test_tree_dot_shows_head_count_capacity_and_lead():
    dot = tree_dot(GROUPS, "en")
    assert 'g3 [label="Notes\\nOrdinary group · 4/12\\n(none)"' in dot
    assert 'g4 [label="How-to\\nOrdinary group · 5\\nCy"' in dot
    assert "g1 -> g2;" in dot and "g2 -> g3;" in dot and "g2 -> g4;" in dot


def test_tree_dot_filters_tiers_and_drops_dangling_links():
    dot = tree_dot(GROUPS, "zh", ["core", "ordinary"])
    assert "g1 " not in dot and "g1 ->" not in dot
    assert 'g2 [label="Content\\n核心群 · 3/15\\nBo"' in dot


def test_a_collapsed_group_shows_one_summary_box():
    dot = tree_dot(GROUPS, "en", collapsed={2})
    assert "g3 " not in dot and "g4 " not in dot
    assert 'more2 [label="+2 groups · 9 people"' in dot
    assert "g2 -> more2 [style=dashed];" in dot


def test_tree_layout_centres_parents_on_their_children():
    layout = tree_layout(GROUPS, "en")
    boxes = {box["lines"][0]: box for box in layout.boxes}
    assert [boxes[name]["x"] for name in ("M", "Content", "Notes", "How-to")] == [16, 266, 516, 516]
    assert (boxes["Notes"]["y"], boxes["How-to"]["y"]) == (16, 86)
    assert boxes["Content"]["y"] == boxes["M"]["y"] == 51
    assert (layout.width, layout.height) == (722, 160)
    assert len(layout.links) == 3


def test_tree_svg_is_a_document_with_escaped_text():
    groups = GROUPS.copy()
    groups.loc[3, "name"] = "Q&A <live>"
    svg = tree_svg(tree_layout(groups, "en"))
    assert svg.startswith("<svg xmlns=")
    assert svg.count("<rect ") == 5  # background + 4 groups
    assert "Q&amp;A &lt;live&gt;" in svg


def test_tree_png_is_an_image_of_the_layout_size():
    from io import BytesIO

    from PIL import Image

    layout = tree_layout(GROUPS, "zh", collapsed={2})
    image = Image.open(BytesIO(tree_png(layout, scale=2)))
    assert image.format == "PNG"
    assert image.size == (layout.width * 2, layout.height * 2)


def test_grid_frame_keeps_the_rows_in_a_given_order_then_the_rest():
    frame = grid_frame(GROUPS, order=[3, 1, 99])
    assert list(frame["id"]) == [3, 1, 2, 4]
    assert frame.loc[0, "owner_id"] is pd.NA
    assert frame.loc[1, "owner_id"] == 11


def test_board_columns_make_unique_cards_per_membership():
    members = pd.DataFrame(
        [
            (10, 7, "Ann", 3, "member", "Member", "成员"),
            (11, 8, "Bo", 4, "editor", "Content editor", "内容编辑"),
            (12, 7, "Ann", 4, "member", "Member", "成员"),
            (13, 9, "Cy", 2, "owner", "Owner", "群主"),
        ],
        columns=[
            "id",
            "person_id",
            "person_name",
            "group_id",
            "role_code",
            "role_name",
            "role_name_zh",
        ],
    )
    columns, cards = board_columns(members, [3, 4], "zh")
    assert columns == {
        "3": ["Ann · 成员 #7"],
        "4": ["Ann · 成员 · m12 #7", "Bo · 内容编辑 #8"],
    }
    assert cards == {"Ann · 成员 #7": 10, "Ann · 成员 · m12 #7": 12, "Bo · 内容编辑 #8": 11}


def audit_row(id_, action, entity, entity_id, before, after, group_id=None, person_id=None):
    return {
        "id": id_,
        "at": "2026-06-15T09:30:00+00:00",
        "username": "lead",
        "action": action,
        "entity": entity,
        "entity_id": entity_id,
        "group_id": group_id,
        "person_id": person_id,
        "before_json": json.dumps(before) if before is not None else None,
        "after_json": json.dumps(after) if after is not None else None,
    }


# person 7 moved out of group 3 into group 4 (the first half of a move)
MOVE_OUT = audit_row(
    4,
    "move_out",
    "membership",
    20,
    {"end_on": None, "group_id": 3},
    {"end_on": "2026-06-15", "to_group_id": 4},
    group_id=3,
    person_id=7,
)


def test_history_frame_says_who_changed_what_from_what_to_what():
    rows = [
        audit_row(
            5,
            "move_in",
            "membership",
            21,
            {"group_id": 3, "membership_id": 20},
            {"person_id": 7, "group_id": 4, "role_id": 7},
            group_id=4,
            person_id=7,
        ),
        MOVE_OUT,
        audit_row(
            3,
            "update",
            "group",
            3,
            {"name": "Old", "parent_id": 2},
            {"name": "Notes", "parent_id": 1},
            group_id=3,
        ),
        audit_row(
            2,
            "role_in",
            "membership",
            23,
            {"role_id": 7, "membership_id": 22},
            {"role_id": 3},
            group_id=4,
            person_id=8,
        ),
        audit_row(
            1,
            "leave",
            "person",
            9,
            {"status": "active", "exit_reason": None},
            {"status": "left", "exit_reason": "workload"},
            person_id=9,
        ),
    ]
    frame = history_frame(
        rows,
        groups={1: "M", 2: "Content", 3: "Notes", 4: "How-to"},
        people={7: "Ann", 8: "Bo", 9: "Cy"},
        roles={3: "Coach", 7: "Member"},
        lang="en",
    )
    assert frame.values.tolist() == [
        ["2026-06-15 09:30", "lead", "Moved", "Ann", "Notes", "How-to"],
        [
            "2026-06-15 09:30",
            "lead",
            "Changed",
            "Notes",
            "name: Old; parent: Content",
            "name: Notes; parent: M",
        ],
        ["2026-06-15 09:30", "lead", "Role changed", "Bo · How-to", "Member", "Coach"],
        [
            "2026-06-15 09:30",
            "lead",
            "Left",
            "Cy",
            "status: Active; exit reason: (none)",
            "status: Left; exit reason: Workload",
        ],
    ]


def test_history_frame_keeps_the_move_out_half_when_alone_and_speaks_chinese():
    rows = [MOVE_OUT]
    frame = history_frame(rows, groups={3: "甲", 4: "乙"}, people={7: "王芳"}, roles={}, lang="zh")
    assert list(frame.columns) == ["时间（UTC）", "操作人", "变更", "对象", "原值", "新值"]
    assert frame.values.tolist() == [["2026-06-15 09:30", "lead", "调出", "王芳", "甲", "乙"]]


def test_groups_get_their_age_and_stage_and_the_tree_shows_them():
    from datetime import date

    from db.org import DEFAULT_SETTINGS

    created = ["2023-01-01", "2025-06-15", "2026-05-01", "2026-01-20"]
    groups = with_lifecycle(GROUPS.assign(created_on=created), date(2026, 6, 15), DEFAULT_SETTINGS)
    assert list(groups["age_months"]) == [41, 12, 1, 4]
    assert list(groups["stage"]) == ["ageing", "mature", "new", "growing"]
    assert 'g3 [label="Notes\\nOrdinary group · 4/12\\n(none) · New · 1 mo"' in tree_dot(
        groups, "en"
    )
    assert 'g4 [label="How-to\\n普通群 · 5\\nCy · 成长期 · 4 个月"' in tree_dot(groups, "zh")


def test_history_frame_shows_a_split_and_the_reason_it_went_ahead_unready():
    override = {"failed_checks": ["veterans", "owner"], "override_reason": "launch week"}
    rows = [
        audit_row(2, "split", "group", 4, None, {"split_from_id": 3, **override}, group_id=4),
        audit_row(1, "split", "group", 5, None, {"split_from_id": 3}, group_id=5),
    ]
    names = {3: "Notes", 4: "Notes 2", 5: "Notes 3"}
    frame = history_frame(rows, groups=names, people={}, roles={}, lang="zh")
    assert frame[["变更", "对象", "原值", "新值"]].values.tolist() == [
        [
            "拆分自",
            "Notes 2",
            "Notes",
            "未就绪（带入新群的老成员、可接任的群主），强制拆分理由：launch week",
        ],
        ["拆分自", "Notes 3", "Notes", ""],
    ]
