"""What a role may do is what the page offers, in headless Chromium: a viewer's talent bench
has no drag-and-drop board, no move and no appointment to make."""

from tests.browser.conftest import wait_for_app


def sortable_frames(page) -> list:
    page.wait_for_timeout(1_000)  # give a component frame time to appear
    return [frame for frame in page.frames if "sortable" in frame.url]


def test_the_talent_bench_offers_a_viewer_no_drag_move_or_appointment(app_page) -> None:
    page = app_page("talent_pipeline", user="viewer")
    wait_for_app(page)
    page.get_by_text("Read-only: your account may not move these cards.").wait_for()
    assert sortable_frames(page) == []
    # the cards are there to read, as plain text
    assert page.locator(".st-key-pipeline_board__static_observer [data-testid='stText']").count()
    assert page.locator(".st-key-pipeline_move_submit button").is_disabled()
    assert page.get_by_role("button", name="Appoint", exact=False).count() == 0
    page.get_by_text("Add a candidate", exact=True).click()  # the form is built once opened
    wait_for_app(page)
    assert page.locator(".st-key-pipeline_add_submit button").is_disabled()


def test_an_admin_gets_the_drag_board(app_page) -> None:
    """The check above is not vacuous: the same page draws the board for an admin."""
    page = app_page("talent_pipeline")
    for _ in range(60):
        if sortable_frames(page):
            break
    assert sortable_frames(page)
    assert page.locator(".st-key-pipeline_move_submit button").is_enabled()
