"""Two sessions on the same grids in headless Chromium: a grid whose rows changed since it
was opened refuses the save (issue 13: a stale grid saved onto the wrong row).

These tests run their own server on a fresh copy of the demo database, since they rename
groups and change KPI values that other browser tests read."""

from datetime import date

import pytest

from db import kpis as kpi_store
from db import org as store
from db.connection import connect
from tests.browser.conftest import demo_copy_app, focus_grid_cell, wait_for_app
from tests.browser.test_org import rename_in_grid, wait_alert

STALE = "The table changed since you opened it; nothing was saved — reload."


@pytest.fixture(scope="module")
def server(demo_template, tmp_path_factory):
    """This module's own server (overrides the shared one for ``app_page``)."""
    with demo_copy_app(demo_template, tmp_path_factory.mktemp("grids")) as app:
        yield app


def open_tab(page, name: str) -> None:
    page.get_by_role("tab", name=name, exact=True).click()
    wait_for_app(page)


RUN_WATCH = """() => {
    window.opsRunSeen = false;
    const app = document.querySelector("[data-testid='stApp']");
    new MutationObserver((_, watch) => { window.opsRunSeen = true; watch.disconnect(); })
        .observe(app, {attributes: true, attributeFilter: ["data-test-script-state"]});
}"""


def type_in_cell(page, grid_key: str, row: int, column: int, text: str) -> None:
    """Select the cell at (``row``, ``column``) of the grid with widget ``grid_key`` by
    keyboard from its first cell, type ``text`` over it, Enter, and wait for the run the
    edit starts. Under load a keystroke is now and then lost before the cell editor has
    the focus (no run follows): then the typing is done again."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page.bring_to_front()
    grid = page.locator(f".st-key-{grid_key}").get_by_test_id("stDataFrame")
    for attempt in range(3):
        focus_grid_cell(page, grid, row, column)
        page.keyboard.press("Enter")  # open the cell's editor
        page.locator("#portal input, #portal textarea").first.wait_for()
        page.wait_for_timeout(200)
        page.keyboard.press("Control+a")
        page.keyboard.type(text, delay=30)
        # a run the edit starts may end before a look at the page would see it running:
        # an observer notes any change of the script state from now on
        page.evaluate(RUN_WATCH)
        page.keyboard.press("Enter")
        try:
            page.wait_for_function("() => window.opsRunSeen", timeout=5_000)
            break
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
            if attempt == 2:
                raise
    wait_for_app(page)


def click_save(page, key: str) -> None:
    page.bring_to_front()
    page.wait_for_timeout(700)  # let the grid hand its last edit to Streamlit
    wait_for_app(page)
    page.locator(f".st-key-{key}").get_by_role("button").click()
    wait_for_app(page)


def test_a_stale_targets_grid_is_refused_not_saved_onto_another_group(app_page, server):
    month = "2026-06"
    with connect(server["db"]) as db:
        groups = kpi_store.groups(db)  # in the targets grid's order
        before = kpi_store.targets(db, month, month)
    names = [g["name"] for g in groups]
    ordinary = [g["name"] for g in groups if g["tier"] == "ordinary"]
    chosen, moved = ordinary[1], ordinary[-1]  # once renamed, `moved` sorts before `chosen`
    b = app_page("kpi_board")
    open_tab(b, "Settings")
    # B types a target for `chosen` in the first KPI column (the default row comes first)
    type_in_cell(b, f"kpi_targets_{month}_0", 1 + names.index(chosen), 1, "77")

    a = app_page("org_structure")
    open_tab(a, "Groups")
    rename_in_grid(a, server, moved, "A" + moved)
    click_save(a, "org_grid_save")
    wait_alert(a, "Saved: 1 changed, 0 added, 0 archived.")

    click_save(b, "kpi_targets_save")
    assert wait_alert(b, "nothing was saved") == STALE
    with connect(server["db"]) as db:
        assert kpi_store.targets(db, month, month) == before  # on no group at all
        assert store.live_group_named(db, "A" + moved) is not None


def test_the_later_of_two_edits_of_the_same_kpi_value_is_told_it_was_not_saved(app_page, server):
    key = "kpi_editor_1_2_2026-06_0"  # the first KPI, group and month the pickers offer
    with connect(server["db"]) as db:
        first = kpi_store.values_of(db, 1, 2, date(2026, 6, 1), date(2026, 6, 30))[0]
    a, b = app_page("kpi_board"), app_page("kpi_board")
    for page in (a, b):
        open_tab(page, "Enter data")
    type_in_cell(a, key, 0, 2, "41")
    type_in_cell(b, key, 0, 2, "42")
    click_save(a, "kpi_editor_save")
    wait_alert(a, "1 changes saved.")
    click_save(b, "kpi_editor_save")
    assert wait_alert(b, "nothing was saved") == STALE
    with connect(server["db"]) as db:
        stored = db.execute("SELECT value FROM kpi_values WHERE id = ?", [first["id"]])
        assert stored.fetchone()[0] == 41
