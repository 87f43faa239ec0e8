"""In a real browser, a lead opens the app, sees what needs attention first, and follows a
churn-risk alert to the retention page, which opens on that person's score."""

import re

from tests.browser.conftest import screenshot, wait_for_app


def test_follow_a_churn_alert_from_the_overview(app_page) -> None:
    page = app_page()  # the app's first page
    page.get_by_role("heading", name="Overview").wait_for()
    page.get_by_text("Needs attention", exact=True).wait_for()
    screenshot(page, "overview")

    alert = page.get_by_role("link", name=re.compile("is at high risk of leaving")).first
    person = alert.inner_text().split(" is at high risk")[0].strip()
    alert.click()
    wait_for_app(page)

    assert re.search(r"/retention\?person=\d+$", page.url), page.url
    page.get_by_role("heading", name="Retention").wait_for()
    page.get_by_text(f"How {person}'s score of").wait_for(timeout=30_000)
    box = page.locator(".st-key-retention_explain_box")
    assert "Total" in box.inner_text()


def test_long_alert_lines_wrap_instead_of_being_cut(app_page) -> None:
    page = app_page()
    page.get_by_text("Needs attention", exact=True).wait_for()
    labels = page.locator(".st-key-overview_alerts [data-testid='stPageLink-NavLink'] > span")
    labels.first.wait_for()
    sizes = [
        label.evaluate(
            "e => ({text: e.innerText, scroll: e.scrollWidth, client: e.clientWidth,"
            " height: e.getBoundingClientRect().height,"
            " line: parseFloat(getComputedStyle(e).lineHeight)})"
        )
        for label in labels.all()
    ]
    assert sizes
    clipped = [s["text"] for s in sizes if s["scroll"] > s["client"]]
    assert not clipped, clipped
    # the KPI alerts of the demo are longer than half the page: they take two lines
    assert any(s["height"] > 1.5 * s["line"] for s in sizes), sizes
