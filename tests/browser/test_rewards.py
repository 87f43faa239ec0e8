"""In a real browser, an admin types a month's costs into the KPI board's cost grid (which
AppTest cannot drive): the cell is saved for its group, nothing else changes."""

from db import kpis as kpi_store
from db import rewards as store
from db.connection import connect
from tests.browser.test_grids import click_save, open_tab, type_in_cell

MONTH = "2026-06"  # the running month, the grid's first choice


def test_costs_typed_in_the_grid_are_saved_for_their_group_only(app_page, server) -> None:
    with connect(server["db"]) as db:
        rows = [g["name"] for g in kpi_store.groups(db) if g["tier"] != "management"]
        group = next(g for g in kpi_store.groups(db) if g["name"] == rows[1])
        before = {
            (c["group_id"], c["category"]): c["amount"] for c in store.costs(db, MONTH, MONTH)
        }
    page = app_page("kpi_board")
    open_tab(page, "Cost vs revenue")
    # the second group's Events cell (columns: group, rewards, events, tools, other)
    type_in_cell(page, f"rewards_cost_grid_{MONTH}_0", 1, 2, "1234")
    click_save(page, "rewards_cost_save")
    page.get_by_text("1 cost(s) saved.").wait_for(timeout=30_000)
    with connect(server["db"]) as db:
        after = {(c["group_id"], c["category"]): c["amount"] for c in store.costs(db, MONTH, MONTH)}
    assert after[(group["id"], "events")] == 1234.0
    assert {k: v for k, v in after.items() if k != (group["id"], "events")} == {
        k: v for k, v in before.items() if k != (group["id"], "events")
    }
