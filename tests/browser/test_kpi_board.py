"""In a real browser, a lead uploads a CSV of KPI values and sees them on the board."""

from db.connection import connect
from tests.browser.conftest import choose, screenshot, wait_for_app

GROUP = "群管理组"  # no other browser test touches KPI values of this group
DAYS = [f"2026-06-{day:02d}" for day in range(1, 15)]  # the running month, up to yesterday


def upload(page, tab: str, file: dict, read: str, imported: str) -> None:
    """Upload ``file`` (Playwright's name, mimeType and buffer) in the board's ``tab`` of
    data entry, wait for the note ``read`` on how it was read, import it and wait for the
    note ``imported``."""
    page.get_by_role("tab", name=tab, exact=True).click()
    wait_for_app(page)
    page.locator(".st-key-kpi_upload_0 input[type=file]").set_input_files(files=[file])
    wait_for_app(page)
    page.get_by_text(read).wait_for(timeout=30_000)
    page.locator(".st-key-kpi_upload_go").get_by_role("button").click()
    wait_for_app(page)
    page.get_by_text(imported).wait_for(timeout=30_000)


def stored_values(server, kpi: str, first: str, last: str) -> list[tuple]:
    """(day, value) of the group's own values (no person's) of the KPI coded ``kpi`` from
    ``first`` to ``last``, as the database holds them."""
    with connect(server["db"]) as db:
        rows = db.execute(
            """SELECT v.day, v.value FROM kpi_values v JOIN groups g ON g.id = v.group_id
               JOIN kpis k ON k.id = v.kpi_id
               WHERE g.name = ? AND k.code = ? AND v.person_id IS NULL
                 AND v.day BETWEEN ? AND ? ORDER BY v.day""",
            [GROUP, kpi, first, last],
        ).fetchall()
    return [tuple(row) for row in rows]


def test_upload_a_csv_and_see_the_values_on_the_board(app_page, server) -> None:
    csv = "kpi,group,day,value\n" + "".join(f"new_members,{GROUP},{day},100\n" for day in DAYS)
    page = app_page("kpi_board")
    upload(
        page,
        "Enter data",
        {"name": "values.csv", "mimeType": "text/csv", "buffer": csv.encode()},
        "14 rows read from values.csv.",
        "14 values imported.",
    )
    stored = stored_values(server, "new_members", "2026-06-01", "2026-06-30")
    assert stored == [(day, 100.0) for day in DAYS]

    page.get_by_role("tab", name="Results", exact=True).click()
    wait_for_app(page)
    choose(page, "kpi_period_month", "Jun 2026 (running)")
    choose(page, "kpi_group", GROUP)
    actual = page.locator("[data-testid='stMetric']").filter(has_text="Actual")
    actual.get_by_text("1,400 people").wait_for(timeout=30_000)
    screenshot(page, "kpi_board_after_upload")


def test_upload_a_gb18030_csv_with_chinese_headers_as_excel_writes_it(app_page, server) -> None:
    csv = "群名称,日期,指标,数值\r\n" + "".join(
        f'{GROUP},2026/6/{day},举办活动数,"1,{day:03d}"\r\n' for day in range(1, 4)
    )
    page = app_page("kpi_board")
    page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").click()
    page.get_by_role("option", name="简体中文").click()
    wait_for_app(page)
    upload(
        page,
        "录入数据",
        {"name": "分享.csv", "mimeType": "text/csv", "buffer": csv.encode("gb18030")},
        "按 CSV 读取，编码 GB18030，逗号分隔。",
        "已导入 3 个数值。",
    )
    assert stored_values(server, "events_held", "2026-06-01", "2026-06-03") == [
        ("2026-06-01", 1001.0),
        ("2026-06-02", 1002.0),
        ("2026-06-03", 1003.0),
    ]
