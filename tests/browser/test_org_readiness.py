"""A 交叉法 split in headless Chromium: the checklist shows 打卡督导组 is not ready (nobody on
活动核心群's bench is ready to own a group), the dialog refuses the split without a reason,
and with one the split is made and the history keeps the reason.

All browser tests share one server and database: this one touches only 打卡督导组 and the
group it creates."""

import json

from db.connection import connect
from tests.browser.conftest import choose, wait_for_app
from tests.browser.test_org import open_org, tab, wait_alert

GROUP = "打卡督导组"
NEW_GROUP = "打卡督导二组"


def plain_member(server) -> str:
    with connect(server["db"]) as db:
        (name,) = db.execute(
            """SELECT p.name FROM memberships m JOIN people p ON p.id = m.person_id
               JOIN groups g ON g.id = m.group_id JOIN roles r ON r.id = m.role_id
               WHERE g.name = ? AND r.code = 'member' AND m.end_on IS NULL
               ORDER BY m.id LIMIT 1""",
            [GROUP],
        ).fetchone()
    return name


def test_a_split_blocked_by_readiness_goes_ahead_with_a_reason(app_page, server):
    veteran = plain_member(server)
    page = open_org(app_page)
    tab(page, "Split & merge")
    choose(page, "org_split_group", GROUP, typed=GROUP)
    page.get_by_text("0 ready for 群主 on the talent bench of this core group").wait_for()
    page.locator(".st-key-org_split_name input").fill(NEW_GROUP)
    choose(page, "org_split_veterans", veteran, typed=veteran)
    page.keyboard.press("Escape")
    page.get_by_role("button", name="Split…", exact=True).click()
    wait_for_app(page)
    dialog = page.get_by_role("dialog")
    dialog.get_by_text("check(s) fail: the split needs a reason").wait_for()
    dialog.locator(".st-key-org_split_confirm").get_by_role("button").click()
    wait_for_app(page)
    refusal = dialog.get_by_test_id("stAlert").filter(has_text="is not ready to split")
    refusal.wait_for()
    assert f"“{GROUP}” is not ready to split" in refusal.inner_text()
    with connect(server["db"]) as db:
        assert (
            db.execute("SELECT COUNT(*) FROM groups WHERE name = ?", [NEW_GROUP]).fetchone()[0] == 0
        )
    reason = dialog.locator(".st-key-org_split_reason input")
    reason.fill("the autumn check-in challenge needs its own group")
    reason.press("Tab")
    wait_for_app(page)
    dialog.locator(".st-key-org_split_confirm").get_by_role("button").click()
    wait_alert(page, f"“{NEW_GROUP}” was created.")
    with connect(server["db"]) as db:
        (after,) = db.execute(
            """SELECT a.after_json FROM audit_log a JOIN groups g ON g.id = a.entity_id
               WHERE a.action = 'split' AND g.name = ?""",
            [NEW_GROUP],
        ).fetchone()
        members = db.execute(
            """SELECT p.name FROM memberships m JOIN people p ON p.id = m.person_id
               JOIN groups g ON g.id = m.group_id WHERE g.name = ? AND m.end_on IS NULL""",
            [NEW_GROUP],
        ).fetchall()
    assert (
        json.loads(after)["override_reason"] == "the autumn check-in challenge needs its own group"
    )
    assert "owner" in json.loads(after)["failed_checks"]
    assert [row[0] for row in members] == [veteran]
