"""In a real browser: an admin connects a WeCom group bot on the Admin page's Channels tab,
presses "Send a test message", and the local webhook server receives it."""

from tests.browser.conftest import wait_for_app
from tests.notify_servers import webhook_server


def test_admin_connects_a_webhook_and_sends_a_test_message(app_page) -> None:
    with webhook_server() as hooks:
        page = app_page("admin")
        page.get_by_role("tab", name="Channels").click()
        page.locator("input[aria-label='Name']").fill("Ops WeCom")
        page.locator("input[aria-label='Webhook address']").fill(
            f"{hooks.url}/wecom?key=browser-key"
        )
        page.get_by_role("button", name="Save channel").click()
        wait_for_app(page)
        page.get_by_text("Channel “Ops WeCom” saved.").wait_for()
        page.get_by_role("tab", name="Channels").click()
        assert page.get_by_text("browser-key").count() == 0  # never shown again
        page.get_by_role("button", name="Send a test message: Ops WeCom").click()
        page.get_by_text("Test message sent through “Ops WeCom”.").wait_for(timeout=30_000)
        (request,) = hooks.requests
        assert request["path"] == "/wecom" and request["query"]["key"] == ["browser-key"]
        assert request["body"]["msgtype"] == "markdown"
        assert "Ops Bench test message" in request["body"]["markdown"]["content"]
