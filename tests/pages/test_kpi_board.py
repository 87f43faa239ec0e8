"""The KPI board page, driven through AppTest on a copy of the demo db (today 2026-06-15)."""

import pandas as pd
import pytest

from dashboard import kpi_charts as charts
from dashboard import kpi_views as views
from dashboard.domain import kpis as rules
from dashboard.export import safe_csv
from db import connection
from db import kpis as store
from db.connection import connect
from tests.conftest import DEMO_TODAY, group_named

RESULTS, PROCESS, RELATION, ENTRY, SETTINGS = range(5)


def table(tab, first_column: str) -> pd.DataFrame:
    """The first table in ``tab`` whose first column is ``first_column``."""
    for frame in tab.dataframe:
        if list(frame.value.columns)[:1] == [first_column]:
            return frame.value
    raise AssertionError(f"no table starting with {first_column!r}")


def open_tab(at, label: str):
    """Open a tab of the board (only the open tab's panel runs) and rerun."""
    at.session_state["kpi_tab"] = label
    return at.run()


def value_of(db, group: str, code: str, day: str) -> float | None:
    row = db.execute(
        """SELECT v.value FROM kpi_values v JOIN groups g ON g.id = v.group_id
           JOIN kpis k ON k.id = v.kpi_id
           WHERE g.name = ? AND k.code = ? AND v.day = ? AND v.person_id IS NULL""",
        [group, code, day],
    ).fetchone()
    return row[0] if row else None


def test_last_month_missed_new_member_targets_and_low_activity(make_app) -> None:
    at = make_app("kpi_board")
    assert not at.exception
    assert at.selectbox(key="kpi_period_month").value == "2026-05"  # last month by default
    results = at.tabs[RESULTS]
    summary = table(results, "KPI")
    assert list(summary["KPI"]) == ["New members", "Conversion rate", "Paid sign-ups", "Revenue"]
    assert summary.iloc[0]["Missed"] == 3
    at.toggle(key="kpi_result_missed").set_value(True).run()
    missed = table(at.tabs[RESULTS], "Group")
    assert list(missed["Group"]) == ["拆书小组", "新人引导组", "打卡督导组"]
    assert list(missed["Status"]) == ["🔴 missed"] * 3
    assert list(missed["Attainment %"]) == [52.6, 80.0, 81.5]
    # ... and was their activity low too?
    open_tab(at, "Activity → results")
    assert not at.exception
    assert at.tabs[RESULTS].dataframe.len == 0  # closed tabs do not run
    relation = table(at.tabs[RELATION], "Group")
    assert list(relation["Group"]) == ["拆书小组", "新人引导组", "打卡督导组"]
    assert list(relation["Low activity too?"]) == ["yes", "yes", "yes"]
    assert list(relation["Active-member ratio attainment %"]) == [38.9, 59.9, 60.7]


def test_board_in_chinese(make_app) -> None:
    at = make_app("kpi_board", lang="zh")
    assert not at.exception
    assert at.title[0].value == "KPI 看板"
    assert [tab.label for tab in at.tabs][:3] == ["结果指标", "过程指标", "活跃 → 结果"]
    open_tab(at, "过程指标")
    summary = table(at.tabs[PROCESS], "指标")
    assert list(summary["指标"]) == ["活跃成员占比", "举办活动数", "分享次数", "打卡率"]
    assert "🔴 未达标" in set(table(at.tabs[PROCESS], "群组")["状态"])


def test_drill_down_tier_to_group_to_person(make_app, demo_db) -> None:
    at = make_app("kpi_board")
    tiers = table(at.tabs[RESULTS], "Tier")
    assert list(tiers["Tier"]) == ["Core group", "Ordinary group"]
    assert list(tiers["Groups"]) == [4, 11]
    at.selectbox(key="kpi_tier").set_value("ordinary").run()
    groups = table(at.tabs[RESULTS], "Group")
    assert len(groups) == 11 and set(groups["Tier"]) == {"Ordinary group"}
    group_id = demo_db.execute("SELECT id FROM groups WHERE name = '拆书小组'").fetchone()[0]
    at.selectbox(key="kpi_group").set_value(group_id).run()
    assert not at.exception
    people = table(at.tabs[RESULTS], "Person")
    group_actual = table(at.tabs[RESULTS], "Group").iloc[0]["Actual"]
    assert group_actual == 30.0
    assert [m.value for m in at.tabs[RESULTS].metric] == [
        "30 people",
        "57 people",
        "52.6%",
        "🔴 missed",
    ]
    assert at.tabs[RESULTS].metric[0].delta == "+20.0%"
    assert people["Actual"].sum() == 30.0  # the people add up to their group
    assert round(people["Share of group %"].sum()) == 100


def test_week_and_quarter_periods(make_app) -> None:
    at = make_app("kpi_board")
    at.radio(key="kpi_period_kind").set_value("quarter").run()
    assert not at.exception
    assert at.selectbox(key="kpi_period_quarter").value == "2026-Q1"
    assert "January 1, 2026 – March 31, 2026, compared with Q4 2025" in [
        c.value for c in at.caption
    ]
    at.radio(key="kpi_period_kind").set_value("week").run()
    assert at.selectbox(key="kpi_period_week").value == "2026-W24"
    groups = table(at.tabs[RESULTS], "Group")
    assert len(groups) == 15


def test_year_period(make_app) -> None:
    at = make_app("kpi_board")
    at.radio(key="kpi_period_kind").set_value("year").run()
    assert not at.exception
    assert at.selectbox(key="kpi_period_year").options[:2] == ["2026 (running)", "2025"]
    assert at.selectbox(key="kpi_period_year").value == "2025"
    assert "January 1, 2025 – December 31, 2025, compared with 2024" in [
        c.value for c in at.caption
    ]
    groups = table(at.tabs[RESULTS], "Group")
    assert len(groups) == 15
    assert groups["Target"].notna().all()  # every month of 2025 has a target
    # the running year: targets of its months so far (July on has none yet)
    at.selectbox(key="kpi_period_year").set_value("2026").run()
    assert not at.exception
    groups = table(at.tabs[RESULTS], "Group")
    assert len(groups) == 15 and groups["Target"].notna().all()


@pytest.mark.parametrize(
    ("lang", "headline", "legend"),
    [
        (
            "en",
            "Team total of the 15 groups in view — 3 of them missed on their own (listed below).",
            "🟢 on target: at least 100% of target · 🟠 close: 85% to 100% · 🔴 missed: below 85%",
        ),
        (
            "zh",
            "所选范围内 15 个群的团队合计——其中 3 个群单独未达标（见下表）。",
            "🟢 达标：达成率不低于 100% · 🟠 接近：85% 至 100% · 🔴 未达标：低于 85%",
        ),
    ],
)
def test_headline_says_it_is_the_team_total_and_explains_the_colours(
    make_app, lang: str, headline: str, legend: str
) -> None:
    at = make_app("kpi_board", lang=lang)
    assert not at.exception
    captions = [c.value for c in at.tabs[RESULTS].caption]
    assert headline in captions
    assert legend in captions


def test_one_groups_headline_is_not_called_a_team_total(make_app, demo_db) -> None:
    at = make_app("kpi_board")
    group_id = demo_db.execute("SELECT id FROM groups WHERE name = '拆书小组'").fetchone()[0]
    at.selectbox(key="kpi_group").set_value(group_id).run()
    captions = [c.value for c in at.tabs[RESULTS].caption]
    assert not [c for c in captions if c.startswith("Team total")]


def test_entry_form_saves_a_value_and_refuses_a_bad_one(make_app, demo_db) -> None:
    at = open_tab(make_app("kpi_board"), "Enter data")
    group_id = demo_db.execute("SELECT id FROM groups WHERE name = '公众号组'").fetchone()[0]
    kpi_id = demo_db.execute("SELECT id FROM kpis WHERE code = 'checkin_rate'").fetchone()[0]
    at.selectbox(key="kpi_entry_group").set_value(group_id).run()
    at.selectbox(key="kpi_entry_kpi").set_value(kpi_id)
    at.text_input(key="kpi_entry_value").set_value("130")
    at.button(key="FormSubmitter:kpi_entry_form-Save value").click().run()
    assert "130.0 is outside checkin_rate's range 0–100." in at.error[0].value
    assert value_of(demo_db, "公众号组", "checkin_rate", "2026-06-15") is None
    at.text_input(key="kpi_entry_value").set_value("77.5")
    at.button(key="FormSubmitter:kpi_entry_form-Save value").click().run()
    assert not at.error
    assert at.success[0].value == "Value saved."
    assert value_of(demo_db, "公众号组", "checkin_rate", "2026-06-15") == 77.5


def test_upload_rejects_bad_rows_and_imports_good_files(make_app, demo_db) -> None:
    at = open_tab(make_app("kpi_board"), "Enter data")
    bad = (
        "kpi,group,day,value\n"
        "new_members,读书笔记组,2026-06-14,5\n"
        "new_members,读书笔记组,2026-07-01,5\n"
        "conversion_rate,不存在的群,2026-06-14,5\n"
    ).encode()
    at.file_uploader(key="kpi_upload_0").set_value(("bad.csv", bad, "text/csv")).run()
    assert "3 rows read from bad.csv." in [c.value for c in at.caption]
    at.button(key="kpi_upload_go").click().run()
    assert at.error[0].value == "Nothing was imported: 2 of 3 rows have problems."
    problems = table(at, "Row")
    assert problems.values.tolist() == [
        ["3", "day", "2026-07-01 lies in the future."],
        ["4", "group", "Unknown group '不存在的群'."],
    ]
    assert value_of(demo_db, "读书笔记组", "new_members", "2026-06-14") != 5.0
    good = "kpi,group,day,value\nnew_members,读书笔记组,2026-06-14,5\nevents_held,读书笔记组,2026-06-14,41\n"
    at.file_uploader(key="kpi_upload_0").set_value(("good.csv", good.encode(), "text/csv")).run()
    at.button(key="kpi_upload_go").click().run()
    assert not at.error
    assert at.success[0].value == "2 values imported."
    assert value_of(demo_db, "读书笔记组", "new_members", "2026-06-14") == 5.0
    assert value_of(demo_db, "读书笔记组", "events_held", "2026-06-14") == 41.0


def test_upload_of_a_gb18030_csv_with_chinese_headers_says_what_it_read(make_app, demo_db) -> None:
    at = open_tab(make_app("kpi_board", lang="zh"), "录入数据")
    content = (
        '群名称,日期,指标,数值\n读书笔记组,2026/6/13,新增用户,"1,234"\n'
        "读书笔记组,2026年6月14日,转化率,45.5%\n"
    ).encode("gb18030")
    at.file_uploader(key="kpi_upload_0").set_value(("数据.csv", content, "text/csv")).run()
    captions = [c.value for c in at.caption]
    assert "已从 数据.csv 读取 2 行。" in captions
    assert "按 CSV 读取，编码 GB18030，逗号分隔。" in captions
    at.button(key="kpi_upload_go").click().run()
    assert not at.error
    assert at.success[0].value == "已导入 2 个数值。"
    assert value_of(demo_db, "读书笔记组", "new_members", "2026-06-13") == 1234.0
    assert value_of(demo_db, "读书笔记组", "conversion_rate", "2026-06-14") == 45.5


def test_an_unreadable_upload_is_refused_in_the_users_language(make_app) -> None:
    at = open_tab(make_app("kpi_board", lang="zh"), "录入数据")
    at.file_uploader(key="kpi_upload_0").set_value(("表.xlsx", b"PK\x03\x04\x14\x00", "x")).run()
    assert not at.exception
    assert at.error[0].value.startswith("“表.xlsx”看起来是 Excel 文件，但已损坏或不完整")
    assert "kpi_upload_go" not in [b.key for b in at.button]


def test_viewer_reads_but_cannot_enter(make_app) -> None:
    at = make_app("kpi_board", user="viewer")
    assert not at.exception
    assert "Your account can read the board but not enter values or targets." in [
        i.value for i in at.info
    ]
    assert len(table(at.tabs[RESULTS], "Group")) == 15
    open_tab(at, "Enter data")
    assert not at.file_uploader
    assert not at.main.text_input
    open_tab(at, "Settings")
    assert not at.exception
    assert [b.key for b in at.main.button] == []
    assert at.data_editor.len == 0  # the grids are shown read-only
    assert table(at.tabs[SETTINGS], "id")["code"].tolist()[:2] == ["new_members", "conversion_rate"]


def test_exported_table_is_safe_for_spreadsheets() -> None:
    rows = [
        {
            "kpi_id": 1,
            "group_id": 1,
            "group": '=HYPERLINK("x")',
            "tier": "ordinary",
            "actual": 5.0,
            "target": 10.0,
            "attainment": 50.0,
            "rag": "red",
            "previous": None,
            "change": None,
        },
    ]
    frame = views.group_frame({"id": 1}, rows, "en")
    text = safe_csv(frame).decode("utf-8-sig")
    assert text.splitlines()[1].startswith("\"'=HYPERLINK")
    assert ",50.0,🔴 missed," in text


def test_chart_specs() -> None:
    trend = views.trend_frame(
        [
            {"month": "2026-04", "actual": 10.0, "target": 12.0},
            {"month": "2026-05", "actual": 14.0, "target": None},
        ],
        "en",
    )
    assert list(trend["kind"]) == ["actual", "target", "actual"]
    spec = charts.trend_chart(trend, "New members")
    assert spec["layer"][1]["mark"]["strokeDash"] == [6, 4]
    assert spec["layer"][0]["mark"] == {"type": "line", "point": True}
    ranking = pd.DataFrame(
        [{"group": "甲组", "attainment": 80.0, "rag": "red", "status": "🔴 missed"}]
    )
    spec = charts.ranking_chart(ranking)
    assert spec["layer"][0]["encoding"]["y"]["sort"] == "-x"
    assert spec["layer"][0]["encoding"]["y"]["axis"]["labelOverlap"] is False  # every bar named
    assert spec["height"] == {"step": charts.RANKING_BAR_PX}
    assert spec["layer"][0]["encoding"]["color"]["scale"]["range"][2] == "#c62828"
    pairs = pd.DataFrame([{"group": "甲组", "process": 60.0, "result": 70.0, "rag": "red"}])
    spec = charts.relation_chart(pairs, "Active-member ratio", "New members")
    assert spec["layer"][0]["encoding"]["x"]["title"] == "Active-member ratio %"
    assert spec["layer"][0]["encoding"]["y"]["title"] == "New members %"


def test_settings_and_value_grids_for_a_writer(make_app) -> None:
    at = open_tab(make_app("kpi_board"), "Settings")
    assert not at.exception
    assert [e.key for e in at.data_editor] == ["kpi_definitions_0", "kpi_targets_2026-06_0"]
    targets = at.data_editor[1].value
    assert targets.iloc[0]["group"] == "(default)"
    assert targets.iloc[0][["new_members", "conversion_rate", "events_held"]].tolist() == [
        60.0,
        15.0,
        4.0,
    ]
    at.button(key="kpi_targets_save").click().run()
    assert at.info[-1].value == "Nothing to save."  # an untouched grid saves nothing
    open_tab(at, "Enter data")
    editor = at.data_editor(key="kpi_editor_1_2_2026-06_0").value
    assert editor.columns.tolist() == ["id", "day", "person_id", "person", "value"]  # ids hidden
    assert editor["day"].tolist()[:2] == ["2026-06-01", "2026-06-02"]


def test_a_save_while_another_writer_holds_the_database_says_so_and_loses_nothing(
    make_app, demo_db, demo_db_path, monkeypatch
) -> None:
    monkeypatch.setattr(connection, "BUSY_TIMEOUT_MS", 1000)  # the test waits 1 s, not 30
    at = open_tab(make_app("kpi_board", lang="zh"), "录入数据")
    group_id = demo_db.execute("SELECT id FROM groups WHERE name = '公众号组'").fetchone()[0]
    kpi_id = demo_db.execute("SELECT id FROM kpis WHERE code = 'new_members'").fetchone()[0]
    at.selectbox(key="kpi_entry_group").set_value(group_id).run()
    at.selectbox(key="kpi_entry_kpi").set_value(kpi_id)
    at.text_input(key="kpi_entry_value").set_value("42")
    importer = connect(demo_db_path)  # another lead's import, applying its rows
    importer.execute("BEGIN IMMEDIATE")
    importer.execute(
        "UPDATE kpi_values SET value = 7 WHERE person_id IS NULL AND day = ?", ["2026-06-01"]
    )
    at.button(key="FormSubmitter:kpi_entry_form-保存数值").click().run()
    importer.execute("COMMIT")
    assert not at.exception
    assert at.error[0].value == (
        "等待 1 秒后，另一个导入或保存仍在写入；本次没有保存任何内容——请稍后再试。"
    )
    assert value_of(demo_db, "公众号组", "new_members", "2026-06-15") is None
    assert value_of(demo_db, "公众号组", "new_members", "2026-06-01") == 7  # the import's
    at.button(key="FormSubmitter:kpi_entry_form-保存数值").click().run()  # in a moment
    assert not at.error
    assert value_of(demo_db, "公众号组", "new_members", "2026-06-15") == 42
    importer.close()


@pytest.mark.parametrize("kind", ["month", "week", "quarter"])
def test_a_tabs_board_rows_are_those_of_its_kind_in_board_order(demo_db_path, kind) -> None:
    """A tab computes the rows of its own kind of KPI only: the same rows, in the same
    order, as the whole board's rows of that kind."""
    path = str(demo_db_path)
    start = rules.previous(rules.period_of(kind, DEMO_TODAY)).start.isoformat()
    every = views.board(path, kind, start, DEMO_TODAY.isoformat())
    kinds = {k["id"]: k["kind"] for k in views.kpi_list(path)}
    for kpi_kind in ("result", "process"):
        own = views.board(path, kind, start, DEMO_TODAY.isoformat(), kpi_kind)
        assert own == [r for r in every if kinds[r["kpi_id"]] == kpi_kind]
        assert len(own) > 10


@pytest.mark.parametrize(
    ("tier", "group"), [(None, None), ("core", None), ("ordinary", "拆书小组")]
)
def test_the_trend_of_a_scope_combines_its_groups_months(demo_db, demo_db_path, tier, group):
    """The trend loader is keyed on the scope (tier, group) and combines the months of the
    groups it covers as the rules do from the raw monthly rows."""
    path = str(demo_db_path)
    group_id = group_named(demo_db, group) if group else None
    kpi = next(k for k in views.kpi_list(path) if k["code"] == "new_members")
    ids = [g["id"] for g in views.scope_groups(views.group_list(path), tier, group_id)]
    months = [f"2025-{m:02d}" for m in (6, 7, 8, 9, 10, 11, 12)] + [
        f"2026-{m:02d}" for m in (1, 2, 3, 4, 5)
    ]
    monthly = [
        r for r in store.monthly_actuals(demo_db, months[0], months[-1]) if r["group_id"] in ids
    ]
    lookup = rules.target_lookup(store.targets(demo_db, months[0], months[-1]))
    expected = rules.trend_rows(kpi, monthly, lookup, ids, months)
    shown = views.trend(path, kpi["id"], tier, group_id, "2026-05")
    assert [r["month"] for r in shown] == months

    def figures(rows: list[dict]) -> list[tuple]:
        return [
            tuple(None if v is None else round(v, 6) for v in (r["actual"], r["target"]))
            for r in rows
        ]

    assert figures(shown) == figures(expected)
    assert any(r["actual"] for r in shown)
