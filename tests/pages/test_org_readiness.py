"""The org page's lifecycle (stage in the tree and the grid, the stage filter) and the
split form's readiness checklist and override, under AppTest in both languages."""

import json

import pytest

from tests.conftest import group_named
from tests.pages.test_org import GRID, SPLIT, graphviz_source, open_tab, query, texts

SPLIT_ZH = {"org_tab": "拆分与合并"}

NOT_READY = "线上分享组"  # 活动核心群: nobody on its bench is ready to own a group
READY = "新人引导组"  # 社群运营核心群: veterans, a ready owner, coaches, no split under way


def members_of(path, group: str) -> list[int]:
    """The plain members of a demo group (its veterans, a year or more in)."""
    return [
        row[0]
        for row in query(
            path,
            """SELECT m.person_id FROM memberships m JOIN roles r ON r.id = m.role_id
               JOIN groups g ON g.id = m.group_id
               WHERE g.name = ? AND r.code = 'member' AND m.end_on IS NULL ORDER BY m.id""",
            [group],
        )
    ]


def choose_split(
    at, path, group: str, name: str, veterans: list[int], submit: str = "Split…"
) -> None:
    at.selectbox(key="org_split_group").set_value(group_named(path, group)).run()
    at.text_input(key="org_split_name").set_value(name)
    at.multiselect(key="org_split_veterans").set_value(veterans)
    at.button(key=f"FormSubmitter:org_split_form-{submit}").click().run()


def checklist(at) -> list[str]:
    return [
        m.value for m in at.markdown if "material/check_circle" in m.value or "cancel" in m.value
    ]


@pytest.mark.parametrize(
    ("lang", "titles", "summary"),
    [
        (
            "en",
            [
                "Veterans to seed it",
                "A ready owner",
                "Coach capacity",
                "Budget left",
                "One split at a time",
            ],
            "check(s) fail: the split needs a reason to go ahead anyway.",
        ),
        (
            "zh",
            ["带入新群的老成员", "可接任的群主", "教练带新容量", "剩余预算", "一次只拆一个群"],
            "项检查未通过",
        ),
    ],
)
def test_the_split_form_shows_the_checklist_with_evidence(
    make_app, demo_db_path, lang, titles, summary
):
    at = make_app("org_structure", lang=lang, state={"en": SPLIT, "zh": SPLIT_ZH}[lang])
    at.selectbox(key="org_split_group").set_value(group_named(demo_db_path, NOT_READY)).run()
    marks = checklist(at)
    assert [mark.split("**")[1] for mark in marks] == titles
    assert ["cancel" in mark for mark in marks] == [True, True, False, False, False]
    assert any(summary in m.value for m in at.markdown)
    evidence = " ".join(c.value for c in at.caption)
    if lang == "zh":
        assert "本核心群人才梯队中有 0 人可接任群主" in evidence
    else:
        assert "0 ready for 群主 on the talent bench of this core group" in evidence


def test_a_split_that_is_not_ready_needs_a_reason_which_the_history_keeps(make_app, demo_db_path):
    at = make_app("org_structure", state=SPLIT)
    choose_split(
        at, demo_db_path, NOT_READY, "线上分享二组", members_of(demo_db_path, NOT_READY)[:1]
    )
    at.button(key="org_split_confirm").click().run()
    assert texts(at.error) == [
        "“线上分享组” is not ready to split: 2 readiness check(s) fail. Give a reason to split "
        "anyway."
    ]
    assert query(demo_db_path, "SELECT COUNT(*) FROM groups WHERE name = '线上分享二组'") == [(0,)]
    at.text_input(key="org_split_reason").set_value("the talk series starts next week")
    at.button(key="org_split_confirm").click().run()
    assert texts(at.success) == ["“线上分享二组” was created."]
    ((after,),) = query(demo_db_path, "SELECT after_json FROM audit_log WHERE action = 'split'")
    assert json.loads(after) == {
        "split_from_id": group_named(demo_db_path, NOT_READY),
        "failed_checks": ["veterans", "owner"],
        "override_reason": "the talk series starts next week",
    }


def test_a_ready_group_splits_without_a_reason(make_app, demo_db_path):
    at = make_app("org_structure", lang="zh", state=SPLIT_ZH)
    choose_split(at, demo_db_path, READY, "新人引导二组", members_of(demo_db_path, READY), "拆分…")
    assert not [i for i in at.text_input if i.key == "org_split_reason"]
    at.button(key="org_split_confirm").click().run()
    assert texts(at.success) == ["已新建“新人引导二组”。"]
    assert query(demo_db_path, "SELECT split_from_id FROM groups WHERE name = '新人引导二组'") == [
        (group_named(demo_db_path, READY),)
    ]


def test_the_tree_and_grid_show_each_group_s_stage_and_filter_by_it(make_app):
    at = make_app("org_structure", lang="zh", state={"org_tab": "群组"})
    grid = at.dataframe[0].value
    stage = dict(zip(grid["name"], grid["stage"], strict=True))
    assert stage["短视频组"] == "新建期 · 1 个月"
    assert stage["福利发放组"] == "成长期 · 6 个月"
    assert stage["公众号组"].startswith("老化期")
    assert "新建期 · 1 个月" in graphviz_source(open_tab(at, "结构图"))
    at.multiselect(key="org_tree_stages").set_value(["new"]).run()
    source = graphviz_source(at)
    assert "短视频组" in source and "公众号组" not in source


def test_the_settings_move_the_stage_boundaries(make_app, demo_db_path):
    at = make_app("org_structure", state=SPLIT)
    at.number_input(key="org_setting_new_months").set_value(7)
    at.button(key="FormSubmitter:org_settings_form-Save settings").click().run()
    assert texts(at.success) == ["Settings saved."]
    assert query(demo_db_path, "SELECT value FROM org_settings WHERE key = 'new_months'") == [(7,)]
    grid = open_tab(at, GRID["org_tab"]).dataframe[0].value
    assert dict(zip(grid["name"], grid["stage"], strict=True))["福利发放组"] == "New · 6 mo"


def test_a_subtree_lead_cannot_save_team_wide_settings(make_app):
    at = make_app("org_structure", user="lead", state=SPLIT)
    (button,) = [b for b in at.button if b.key == "FormSubmitter:org_settings_form-Save settings"]
    assert button.disabled
