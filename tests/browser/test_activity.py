"""In a real browser, the lead of 内容核心群 uploads a Telegram export, checks its preview,
imports it, maps its chat to one of their demo groups and sees the activity figures grow by
it (the demo's own chats are counted already); a truncated export is refused with a message
before it."""

import shutil

from db import activity as store
from db.connection import connect
from seed.activity import write_samples
from tests.browser.conftest import choose, running_app, screenshot, sign_in, wait_for_app


def shown_messages(page) -> int:
    """The Messages figure of the Activity tab."""
    messages = page.locator("[data-testid='stMetric']").filter(has_text="Messages").first
    messages.wait_for()
    return int(messages.locator("[data-testid='stMetricValue']").inner_text().replace(",", ""))


def test_upload_preview_import_map_and_see_the_figures(browser, demo_template, tmp_path) -> None:
    export = next(p for p in write_samples(tmp_path / "samples") if p.suffix == ".json")
    db_file = tmp_path / "ops.sqlite"
    shutil.copy(demo_template, db_file)
    db = connect(db_file)
    scope = db.execute("SELECT scope_group_id FROM users WHERE username = 'lead'").fetchone()[0]
    group_id, group = db.execute(
        "SELECT id, name FROM groups WHERE parent_id = ? AND archived_on IS NULL ORDER BY name DESC",
        [scope],
    ).fetchone()
    db.close()
    with running_app(db_file) as app:
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        page.set_default_timeout(30_000)
        sign_in(page, app, "lead")
        page.goto(f"{app['url']}/activity")
        wait_for_app(page)
        before = shown_messages(page)

        page.get_by_role("tab", name="Imports", exact=True).click()
        uploader = page.locator(".st-key-activity_upload input[type=file]")
        broken = b'{"name": "x", "type": "private_group", "id": 1, "messages": [{"id": 1,'
        uploader.set_input_files(
            files=[{"name": "cut.json", "mimeType": "application/json", "buffer": broken}]
        )
        wait_for_app(page)
        page.get_by_text("“cut.json” looks like").wait_for()
        assert page.locator(".st-key-activity_import").count() == 0  # nothing to import
        uploader.set_input_files(str(export))
        wait_for_app(page)
        preview = page.locator(".st-key-activity_preview")
        preview.get_by_text(f"What “{export.name}” holds").wait_for()
        preview.get_by_text("Telegram Desktop JSON").wait_for()
        page.locator(".st-key-activity_import").get_by_role("button").click()
        wait_for_app(page)
        page.get_by_text(f"“{export.name}” imported").wait_for(timeout=60_000)

        page.get_by_role("tab", name="Mapping", exact=True).click()
        db = connect(db_file)
        [chat_id] = store.import_chat_ids(db, store.imports(db)[0]["id"])  # the newest import
        # one form, for the chat picked in the list of chats (unmapped ones first)
        choose(
            page,
            "activity_chat_pick",
            f"{store.chat(db, chat_id)['name']} · Telegram · (not mapped)",
        )
        choose(page, f"activity_chat_group_{chat_id}", group)
        page.locator(f".st-key-activity_chat_save_{chat_id}").get_by_role("button").click()
        wait_for_app(page)
        page.get_by_text("saved.").first.wait_for()
        assert store.chat(db, chat_id)["group_id"] == group_id
        db.close()

        page.get_by_role("tab", name="Activity", exact=True).click()
        assert shown_messages(page) > before
        page.locator("[data-testid='stVegaLiteChart']").first.wait_for()
        page.get_by_role("tab", name="Member levels", exact=True).click()
        page.get_by_text("二八 check and evaporation").wait_for()
        screenshot(page, "activity")
        context.close()
