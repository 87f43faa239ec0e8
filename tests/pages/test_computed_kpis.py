"""KPIs computed from the demo's chats on the KPI board (AppTest, demo db, today 2026-06-15):
shown without typing, marked as computed in both languages, and not typed over."""

import pytest

PROCESS = 1


def summary(at, first_column: str):
    for frame in at.tabs[PROCESS].dataframe:
        if list(frame.value.columns)[:1] == [first_column]:
            return frame.value
    raise AssertionError(f"no table starting with {first_column!r}")


def test_the_demo_has_activity_and_computed_values_without_typing(demo_db) -> None:
    chats = demo_db.execute("SELECT COUNT(*) FROM chats WHERE group_id IS NOT NULL").fetchone()[0]
    assert chats == 32  # a chat per core and ordinary group, its notice chat, and two more
    assert demo_db.execute("SELECT COUNT(*) FROM members WHERE person_id IS NOT NULL").fetchone()[0]
    computed = dict(
        demo_db.execute(
            """SELECT k.code, COUNT(*) FROM kpi_values v JOIN kpis k ON k.id = v.kpi_id
               WHERE v.computed = 1 AND v.day LIKE '2026-05-%' GROUP BY k.code"""
        ).fetchall()
    )
    assert computed == {"active_ratio": 15 * 31, "checkin_rate": 15 * 31, "shares": 15 * 31}
    typed_in_may = demo_db.execute(
        """SELECT COUNT(*) FROM kpi_values v JOIN kpis k ON k.id = v.kpi_id
           WHERE k.activity_metric IS NOT NULL AND v.computed = 0 AND v.person_id IS NULL
             AND v.day LIKE '2026-05-%'"""
    ).fetchone()[0]
    assert typed_in_may == 0


@pytest.mark.parametrize(
    ("lang", "columns", "computed", "typed", "note"),
    [
        ("en", ("KPI", "Source"), "computed from activity", "typed", "is computed from the"),
        ("zh", ("指标", "来源"), "由活跃数据计算", "手工录入", "由群聊活跃数据计算"),
    ],
)
def test_the_board_marks_computed_kpis(make_app, lang, columns, computed, typed, note) -> None:
    at = make_app("kpi_board", lang=lang)
    at.session_state["kpi_tab"] = "过程指标" if lang == "zh" else "Process"
    at.run()
    assert not at.exception
    table = summary(at, columns[0])
    sources = dict(zip(table[columns[0]], table[columns[1]], strict=True))
    names = ("活跃成员占比", "打卡率", "分享次数", "举办活动数")
    if lang == "en":
        names = ("Active-member ratio", "Check-in rate", "Shares given", "Events held")
    assert [sources[name] for name in names] == [computed, computed, computed, typed]
    assert table[table.columns[2]].notna().all()  # every process KPI has a May figure
    assert any(note in c.value for c in at.tabs[PROCESS].caption)  # the first KPI's note


def test_typing_over_a_computed_value_is_refused_in_the_ui(make_app, demo_db) -> None:
    at = make_app("kpi_board")
    at.session_state["kpi_tab"] = "Enter data"
    at.run()
    content = "kpi,group,day,value\ncheckin_rate,公众号组,2026-06-10,12\n".encode()
    at.file_uploader(key="kpi_upload_0").set_value(("typed.csv", content, "text/csv")).run()
    at.button(key="kpi_upload_go").click().run()
    assert "checkin_rate of 公众号组 on 2026-06-10 is computed" in at.error[0].value
    value = demo_db.execute(
        """SELECT v.value, v.computed FROM kpi_values v JOIN kpis k ON k.id = v.kpi_id
           JOIN groups g ON g.id = v.group_id
           WHERE k.code = 'checkin_rate' AND g.name = '公众号组' AND v.day = '2026-06-10'
             AND v.person_id IS NULL"""
    ).fetchone()
    assert value[1] == 1 and value[0] != 12
