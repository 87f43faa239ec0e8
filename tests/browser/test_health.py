"""The org page's health tab in headless Chromium: the small multiples render (one chart
per flagged group, faceted, with the thresholds) in Chinese. Reads only; touches nothing
other browser tests change."""

from tests.browser.conftest import screenshot, wait_for_app


def test_the_health_small_multiples_render_in_chinese(app_page) -> None:
    page = app_page("org_structure", lang="zh")
    page.get_by_role("tab", name="社群健康", exact=True).click()
    wait_for_app(page)
    page.get_by_text("按月健康状况").wait_for()
    chart = page.get_by_test_id("stVegaLiteChart").filter(has=page.locator("canvas, svg")).last
    chart.wait_for(timeout=60_000)
    chart.scroll_into_view_if_needed()
    box = chart.bounding_box()
    # four small charts a row: the flagged groups of the demo fill more than one row
    assert box is not None and box["width"] > 600 and box["height"] > 300
    assert page.get_by_text("暴政：").first.is_visible()
    screenshot(page, "org_health")
