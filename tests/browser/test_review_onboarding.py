"""In a real browser: a lead puts a person into a box of the 9-box through the rating form
and sees them on the chart; a coach's page ticks off an onboarding step. On a server of
its own, so the shared demo server's alerts stay as other tests expect them."""

import pytest

from dashboard.domain import review as rules
from db.connection import connect
from tests.browser.conftest import choose, demo_copy_app, wait_for_app


@pytest.fixture(scope="module")
def server(demo_template, tmp_path_factory):
    """This module's own server (overrides the shared one for ``app_page``)."""
    with demo_copy_app(demo_template, tmp_path_factory.mktemp("review_browser")) as app:
        yield app


def test_a_lead_rates_a_person_into_a_box(app_page, server) -> None:
    db = connect(server["db"])
    round_id = db.execute("SELECT id FROM review_rounds WHERE period = '2026-Q2'").fetchone()[0]
    visible = rules.visible_people(db, "lead")
    rated = {
        r[0]
        for r in db.execute("SELECT person_id FROM review_ratings WHERE round_id = ?", [round_id])
    }
    person_id, name = next(
        (pid, name)
        for pid, name in db.execute("SELECT id, name FROM people ORDER BY name")
        if pid in visible and pid not in rated
    )
    page = app_page("talent_review", user="lead", timeout=30_000)
    choose(page, "review_person", name)
    page.get_by_text("Suggested performance:").first.wait_for()
    page.locator(f".st-key-review_performance_{person_id}").get_by_text("high").click()
    page.locator(f".st-key-review_potential_{person_id}").get_by_text("high").click()
    page.locator(f".st-key-review_note_{person_id} textarea").fill("稳定输出，能带新人")
    page.locator(".st-key-review_save").get_by_role("button").click()
    wait_for_app(page)
    page.get_by_text(f"{name} is in the box “Future leader”.").wait_for()
    stored = db.execute(
        "SELECT performance, potential, note, rater FROM review_ratings WHERE round_id = ? AND person_id = ?",
        [round_id, person_id],
    ).fetchone()
    db.close()
    assert tuple(stored) == ("high", "high", "稳定输出，能带新人", "lead")
    # the 9-box draws the person (the chart renders in the browser)
    page.get_by_role("tab", name="9-box").click()
    chart = page.locator("[data-testid='stVegaLiteChart']").first
    chart.wait_for()
    chart.locator("canvas, svg").first.wait_for()


def test_a_plan_step_is_ticked_off(app_page, server) -> None:
    db = connect(server["db"])
    step_id, text = db.execute(
        """SELECT s.id, s.text FROM onboarding_steps s JOIN onboarding_plans o ON o.id = s.plan_id
           JOIN people p ON p.id = o.person_id
           WHERE p.name = '付娟' AND s.done_on IS NULL ORDER BY s.position LIMIT 1"""
    ).fetchone()
    page = app_page("coaching", timeout=30_000)
    page.get_by_role("tab", name="Onboarding plans").click()
    page.get_by_text("Due this week").wait_for()
    choose(page, "coaching_plan_person", "付娟")
    page.locator(f".st-key-coaching_step_{step_id}").get_by_role("checkbox").check(force=True)
    wait_for_app(page)
    page.get_by_text(f"Step ticked off: {text}").wait_for()
    done = db.execute(
        "SELECT done_on, done_by FROM onboarding_steps WHERE id = ?", [step_id]
    ).fetchone()
    db.close()
    assert tuple(done) == ("2026-06-15", "admin")
