"""A real browser walks through every page by the sidebar menu, in both languages; with
``OPS_SCREENSHOTS=1`` it saves the README's screenshots."""

import pytest

from dashboard.i18n import t
from dashboard.navigation import available_pages
from tests.browser.conftest import screenshot, wait_for_app
from tests.pages import PAGES

# a listed page the registry lacks fails here (KeyError), it does not drop out of the tour
TITLE_KEYS = {script: title_key for script, title_key, *_ in available_pages()}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_page_opens_from_the_menu(app_page, lang: str) -> None:
    page = app_page()
    if lang == "zh":
        page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").click()
        page.get_by_role("option", name="简体中文").click()
        wait_for_app(page)
    for script in PAGES:
        link = page.get_by_test_id("stSidebarNav").get_by_text(
            t(TITLE_KEYS[script], lang), exact=True
        )
        link.click()
        wait_for_app(page)
        assert page.get_by_test_id("stException").count() == 0, script
        assert page.locator("h1").first.is_visible(), script
        if lang == "en":
            screenshot(page, script.removeprefix("pages/").removesuffix(".py"))
