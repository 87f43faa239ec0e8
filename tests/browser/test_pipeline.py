"""The talent bench in headless Chromium: move a candidate from observer to ready and see
bench coverage change; drag cards between stage columns, a disallowed drop snapping back.

All browser tests share one server and database, so these touch only the content groups'
candidacies of 罗凯 (editor, 拆书小组) and 严志强 (admin, 读书笔记组)."""

from db.connection import connect
from tests.browser.conftest import (
    board_column_of,
    board_frame,
    choose,
    drag_by_mouse,
    focus_grid_cell,
    screenshot,
    wait_for_app,
)


def open_bench(app_page):
    """A fresh session on the talent bench page, reached through the sidebar menu."""
    page = app_page()
    page.keyboard.press("Escape")
    page.get_by_test_id("stSidebarNav").get_by_text("Talent bench", exact=True).click()
    wait_for_app(page)
    return page


def metric(page, name: str) -> int:
    box = page.get_by_test_id("stMetric").filter(has_text=name).first
    return int(box.get_by_test_id("stMetricValue").inner_text())


def alerts(page) -> list[str]:
    return page.get_by_test_id("stAlert").all_inner_texts()


def stage_of(server, person: str, role: str) -> str:
    with connect(server["db"]) as db:
        row = db.execute(
            """SELECT c.stage FROM pipeline c JOIN people p ON p.id = c.person_id
               JOIN roles r ON r.id = c.role_id WHERE p.name = ? AND r.code = ?
               ORDER BY c.id DESC LIMIT 1""",
            [person, role],
        ).fetchone()
    return row[0]


def drag_card(page, card_text: str, to_stage: str) -> None:
    """Drag a card into the column headed ``to_stage`` by mouse, and wait for the verdict."""
    frame = board_frame(page, card_text)
    frame.wait_for_load_state()
    card = frame.locator("li.sortable-item", has_text=card_text).first
    card.scroll_into_view_if_needed()
    page.wait_for_timeout(300)  # let the component settle after scrolling
    box = card.bounding_box()
    column = (
        frame.locator(".sortable-container")
        .filter(has=frame.locator(".sortable-container-header", has_text=to_stage))
        .first.bounding_box()
    )
    y = box["y"] + box["height"] / 2
    drag_by_mouse(page, (box["x"] + box["width"] / 2, y), (column["x"] + column["width"] / 2, y))
    page.get_by_test_id("stAlert").first.wait_for(timeout=15_000)  # the verdict on the drop


def move_by_form(page, person: str, option_text: str, to_stage: str) -> None:
    choose(page, "pipeline_move_candidacy", option_text, typed=person)
    choose(page, "pipeline_move_to", to_stage, typed=to_stage)
    page.locator(".st-key-pipeline_move_submit").get_by_role("button").click()
    wait_for_app(page)
    # the saved move reruns the page once more to show its message
    page.get_by_test_id("stAlert").filter(has_text="Stage changed.").wait_for(timeout=15_000)
    wait_for_app(page)


def test_moving_an_observer_to_ready_changes_bench_coverage(app_page, server):
    page = open_bench(app_page)
    assert stage_of(server, "罗凯", "editor") == "observer"
    at_risk, ready = metric(page, "At risk"), metric(page, "Ready-now successors")

    move_by_form(page, "罗凯", "Content editor · 拆书小组", "On trial")
    assert "Stage changed." in alerts(page)
    move_by_form(page, "罗凯", "Content editor · 拆书小组", "Ready")
    assert "Stage changed." in alerts(page)

    assert stage_of(server, "罗凯", "editor") == "ready"
    assert (metric(page, "At risk"), metric(page, "Ready-now successors")) == (
        at_risk - 1,
        ready + 1,
    )
    assert board_column_of(page, "罗凯 · Content editor").startswith("Ready")
    page.reload()
    wait_for_app(page)
    assert metric(page, "At risk") == at_risk - 1  # saved, not just drawn
    screenshot(page, "talent_pipeline")


def test_drag_a_card_one_stage_on_and_a_skip_snaps_back_with_the_reason(app_page, server):
    page = open_bench(app_page)
    card = "严志强 · Admin · 读书笔记组"
    assert stage_of(server, "严志强", "admin") == "spotted"

    drag_card(page, card, "Ready")  # spotted → ready skips two stages
    messages = "\n".join(alerts(page))
    assert "严志强 stays at Spotted. Moves go one step at a time" in messages
    assert stage_of(server, "严志强", "admin") == "spotted"
    assert board_column_of(page, card).startswith("Spotted")

    drag_card(page, card, "Observer")
    assert "严志强: Spotted → Observer" in alerts(page)
    assert stage_of(server, "严志强", "admin") == "observer"
    assert board_column_of(page, card).startswith("Observer")


def test_edit_the_role_catalogue_in_the_grid(app_page, server):
    page = open_bench(app_page)
    page.get_by_role("tab", name="Roles", exact=True).click()
    grid = page.locator("[class*='st-key-pipeline_roles_editor_']").get_by_test_id("stDataFrame")
    grid.wait_for()
    # member, the 7th role; its description, right of code, name, name_zh, tier and is_key
    focus_grid_cell(page, grid, 6, 5)
    page.keyboard.press("Enter")
    page.wait_for_timeout(300)
    page.keyboard.press("Control+a")
    page.keyboard.type("Takes part; may be spotted for a role")
    page.wait_for_timeout(200)
    page.keyboard.press("Enter")
    page.wait_for_timeout(300)
    page.locator(".st-key-pipeline_roles_save").get_by_role("button").click()
    wait_for_app(page)
    page.get_by_test_id("stAlert").first.wait_for(timeout=15_000)
    assert "Roles saved (1)." in alerts(page)
    with connect(server["db"]) as db:
        description = db.execute("SELECT description FROM roles WHERE code = 'member'").fetchone()[
            0
        ]
        audit = db.execute(
            "SELECT action, username FROM audit_log WHERE entity = 'role' ORDER BY id DESC LIMIT 1"
        ).fetchone()
    assert description == "Takes part; may be spotted for a role"
    assert tuple(audit) == ("update", "admin")
