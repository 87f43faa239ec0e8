"""Every page in the navigation runs without exception, in both languages, for each role."""

import pytest

from dashboard.navigation import available_pages, page_imports, preload_pages
from tests.conftest import ROOT
from tests.pages import PAGE_NAMES, PAGES


def test_the_registry_serves_exactly_the_listed_pages() -> None:
    """Deleting or adding a page must show up here, not shrink the tests below."""
    assert [script for script, *_ in available_pages()] == PAGES
    assert sorted(f"pages/{path.name}" for path in (ROOT / "pages").glob("*.py")) == sorted(PAGES)


def test_what_the_pages_import_is_known_before_they_run() -> None:
    """The server runs these in the background at start (a page's first open would
    otherwise pay for altair and its panels)."""
    statements = page_imports()
    assert "from dashboard import admin_panels as panels" in statements
    assert (
        "from dashboard.kpi_panels import NONCE_KEY, BoardContext, kind_panel, relation_panel"
        in (statements)
    )
    assert len(statements) == len(set(statements))
    exec(compile("\n".join(statements), "<page imports>", "exec"), {})  # they all import


def test_the_preload_leaves_the_servers_modules_out_of_the_garbage_collectors_sight() -> None:
    """After the preload, a full collection (Streamlit's after every run) no longer scans
    the modules the pages loaded: they are frozen."""
    import gc

    gc.unfreeze()
    try:
        preload_pages.__wrapped__().join()  # the function itself, not its server-wide copy
        frozen = gc.get_freeze_count()
        assert frozen > 50_000  # the pages' modules (altair, pandas, streamlit, ...) at least
        assert gc.get_freeze_count() > len(gc.get_objects()) / 2  # most of what is held
    finally:
        gc.unfreeze()


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("page", PAGE_NAMES)
def test_page_runs_for_an_admin(make_app, page: str, lang: str) -> None:
    at = make_app(page, lang=lang)
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    assert at.title, "every page has a title"


@pytest.mark.parametrize("page", PAGE_NAMES)
def test_page_runs_for_a_viewer(make_app, page: str) -> None:
    at = make_app(page, user="viewer")
    assert not at.exception, [e.value for e in at.exception]


def test_chinese_pages_are_in_chinese(make_app) -> None:
    at = make_app("org_structure", lang="zh")
    assert at.title[0].value == "组织架构"
    home = make_app(lang="zh")  # the sidebar of the app frame (AppTest drops it after switch_page)
    assert home.sidebar.selectbox(key="ui_lang").label == "语言"
