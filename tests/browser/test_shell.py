"""The app shell in a real browser: deep links before sign-in, and the language switch."""

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
