"""The app shell in a real browser: deep links before sign-in, and the language switch."""

import re

from tests.browser.conftest import demo_copy_app, submit_sign_in, wait_for_app


def test_a_deep_link_as_a_fresh_servers_first_request_signs_in_then_opens_its_page(
    browser, demo_template, tmp_path
) -> None:
    """Streamlit runs a ``pages/`` script alone until ``st.navigation`` has run once in a
    server: the shell must still come first (sign-in), then the linked page."""
    with demo_copy_app(demo_template, tmp_path) as app:
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        try:
            page = context.new_page()
            page.goto(f"{app['url']}/org_structure")
            wait_for_app(page)
            assert page.get_by_test_id("stException").count() == 0
            submit_sign_in(page, "lead")
            page.locator("h1", has_text="Org structure").wait_for()
            assert page.url.endswith("/org_structure")
            assert page.get_by_test_id("stException").count() == 0
            sidebar = page.get_by_test_id("stSidebar")
            assert sidebar.get_by_text("Signed in as Content lead").is_visible()
            # a lead may edit (in their subtree): no read-only notice
            assert page.get_by_text("your account is read-only").count() == 0
        finally:
            context.close()


def test_switching_to_chinese_keeps_and_relabels_the_chosen_filters(app_page) -> None:
    page = app_page("org_structure")
    tiers = page.get_by_test_id("stMultiSelect").first
    tiers.locator("button[aria-label='Remove Management group']").click()
    wait_for_app(page)
    page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").click()
    page.get_by_role("option", name="简体中文").click()
    wait_for_app(page)
    chosen = tiers.locator("[data-tag]").all_inner_texts()
    assert chosen == ["核心群", "普通群"]
    assert page.locator("h1", has_text="组织架构").is_visible()


def test_the_elements_code_loads_while_idle_and_pages_use_it(browser, server) -> None:
    """The shell has the browser load the elements' code while the sign-in form waits: the
    first page with a table and a chart fetches none of it again (the same modules) and
    draws them."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-US")
    errors: list[str] = []
    try:
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(server["url"])
        wait_for_app(page)
        page.wait_for_function("() => window.opsElementCodeLoaded === true")  # all imported
        loaded = "() => performance.getEntriesByType('resource').map(e => e.name)"
        page.wait_for_function(f"() => ({loaded})().some(n => n.includes('/Toast.'))")
        before = page.evaluate(loaded)
        assert any("/js/DataFrame." in name for name in before)
        assert any("/js/ArrowVegaLiteChart." in name for name in before)
        submit_sign_in(page, "admin")
        # the admin's language is whatever an earlier test left: the menu entry by its link
        board = page.get_by_test_id("stSidebarNav").locator("a[href$='/kpi_board']")
        board.click()
        wait_for_app(page)
        page.get_by_test_id("stDataFrame").first.wait_for()
        page.locator("[data-testid='stVegaLiteChart'] canvas, .vega-embed").first.wait_for()
        # (a file read again from the browser's cache has a timing entry, but no transfer)
        fetched = page.evaluate(
            f"() => performance.getEntriesByType('resource').slice({len(before)})"
            ".filter(e => e.transferSize).map(e => e.name)"
        )
        again = [n for n in fetched if re.search(r"/(DataFrame|ArrowVegaLiteChart|embed)\.", n)]
        assert again == []
        assert errors == []
    finally:
        context.close()
