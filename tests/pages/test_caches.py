"""Cache clearing through the pages (AppTest, real demo db copies): a save on one page
clears what it wrote, not every page's loaders.

Whether a loader ran again is seen through a change made behind the app's back (a plain
UPDATE on another connection, no audit row): only a loader that runs again can show it.
"""

from tests.pages.test_kpi_board import open_tab, table


def newcomer_names(at) -> list[str]:
    at.run()
    return list(at.dataframe[0].value["name"])


def test_a_kpi_save_refreshes_the_board_and_leaves_the_coaching_page_cached(
    make_app, demo_db
) -> None:
    coaching = make_app("coaching")
    assert "段雨桐" in newcomer_names(coaching)
    demo_db.execute("UPDATE people SET name = '段雨' WHERE name = '段雨桐'")
    demo_db.conn.commit()
    board = make_app("kpi_board")
    assert table(board.tabs[0], "KPI").iloc[0]["KPI"] == "New members"
    missed_before = table(board.tabs[0], "KPI").iloc[0]["Missed"]
    assert missed_before == 3
    open_tab(board, "Enter data")
    group_id = demo_db.execute("SELECT id FROM groups WHERE name = '拆书小组'").fetchone()[0]
    kpi_id = demo_db.execute("SELECT id FROM kpis WHERE code = 'new_members'").fetchone()[0]
    board.selectbox(key="kpi_entry_group").set_value(group_id).run()
    board.selectbox(key="kpi_entry_kpi").set_value(kpi_id)
    board.date_input(key="kpi_entry_day").set_value("2026-05-31")
    board.text_input(key="kpi_entry_value").set_value("500")
    board.button(key="FormSubmitter:kpi_entry_form-Save value").click().run()
    assert board.success[0].value == "Value saved."
    open_tab(board, "Results")
    assert table(board.tabs[0], "KPI").iloc[0]["Missed"] == 2  # 拆书小组 made its target
    names = newcomer_names(coaching)
    assert "段雨桐" in names  # the coaching page's loaders were not cleared by a KPI save
    assert "段雨" not in names
    # a coaching write clears the coaching page's loaders: they read the file again
    coaching.button(key="coaching_assign_submit").click().run()
    assert not coaching.exception
    assert coaching.dataframe[0].value.iloc[0]["name"] == "段雨"
    assert coaching.dataframe[0].value.iloc[0]["coach"] != "⚠ no coach"
