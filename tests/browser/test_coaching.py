"""In a real browser, a lead assigns a coach to a newcomer and still sees it after reload."""

from db.connection import connect
from tests.browser.conftest import choose, wait_for_app

NEWCOMER = "向刚"  # the newest demo newcomer: no other test touches them


def test_assign_a_coach_and_see_it_after_reload(app_page, server) -> None:
    db = connect(server["db"])
    newcomer_id = db.execute("SELECT id FROM people WHERE name = ?", [NEWCOMER]).fetchone()[0]
    page = app_page("coaching")
    choose(page, "coaching_newcomer", NEWCOMER)
    page.get_by_text("No coach yet: pick one of the suggestions below.").wait_for()
    coach_box = page.locator(f".st-key-coaching_coach_{newcomer_id}")
    shown_coach = coach_box.get_by_role("combobox").input_value()  # the top suggestion
    page.locator(".st-key-coaching_assign_submit").get_by_role("button").click()
    wait_for_app(page)
    # the success note shows after the rerun that follows the write
    page.get_by_text(f"now coaches {NEWCOMER}.").wait_for(timeout=30_000)

    stored = db.execute(
        """SELECT co.name FROM coaching c JOIN people co ON co.id = c.coach_id
           WHERE c.newcomer_id = ? AND c.end_on IS NULL""",
        [newcomer_id],
    ).fetchone()
    db.close()
    assert stored is not None and shown_coach == stored[0]

    page.reload()
    wait_for_app(page)
    choose(page, "coaching_newcomer", NEWCOMER)
    page.get_by_text(f"Coached by {stored[0]} since 2026-06-15.").wait_for(timeout=30_000)
