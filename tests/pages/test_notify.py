"""The Channels tab of the Admin page and the My notifications page under AppTest: a saved
secret appears on no page, a viewer and a lead are offered no channel settings, a user
subscribes and sees what was sent to them."""

import pandas as pd
import pytest

from db import notify as store
from db.connection import connect
from tests.domain.test_notify import make_channel
from tests.pages import PAGE_NAMES

KEY = "b1c2d3e4-wecom-key-never-shown"
SECRET = "SECfeishu-secret-never-shown"


def rendered(at) -> str:
    """Everything a run sends to the browser, tables' cells included."""
    parts = []
    for node in at._tree:
        proto = getattr(node, "proto", None)
        if proto is not None:
            parts.append(str(proto))
        if node.type == "dataframe" and isinstance(node.value, pd.DataFrame):
            parts.append(node.value.to_csv())
    return "\n".join(parts)


CHANNELS_TAB = {"admin_tab": "Channels"}  # the admin page's tab (only the open tab runs)


def test_admin_saves_a_channel_and_its_secrets_appear_on_no_page(make_app, demo_db_path) -> None:
    at = make_app("admin", state=CHANNELS_TAB)
    at.text_input(key="notify_name").input("飞书运营群")
    at.selectbox(key="notify_kind").set_value("feishu")
    at.text_input(key="notify_url").input(f"https://open.feishu.cn/open-apis/bot/v2/hook/{KEY}")
    at.text_input(key="notify_secret").input(SECRET)
    at.button(key="FormSubmitter:notify_channel_form_None-Save channel").click().run()
    assert not at.exception
    assert "Channel “飞书运营群” saved." in [s.value for s in at.success]
    with connect(demo_db_path) as db:
        (channel,) = store.channels(db)
        assert store.channel_credentials(db, channel["id"])[1] == SECRET
    page = rendered(at)
    assert "a secret is set" in page and "https://open.feishu.cn/…" in page
    for page_name in PAGE_NAMES:
        for user in ("admin", "lead"):
            shown = rendered(make_app(page_name, user=user))
            if page_name == "admin" and user == "admin":
                shown += rendered(make_app(page_name, user=user, state=CHANNELS_TAB))
            assert KEY not in shown and SECRET not in shown, (page_name, user)


def test_a_viewer_or_a_lead_is_offered_no_channel_settings(make_app, demo_db_path) -> None:
    with connect(demo_db_path) as db:
        channel = make_channel(
            db, "wecom", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=x"
        )
    for user in ("viewer", "lead"):
        at = make_app("admin", user=user)
        assert not at.exception
        assert [w.key for w in at.text_input if (w.key or "").startswith("notify_")] == []
        assert [b.key for b in at.button if (b.key or "").startswith("notify_test")] == []
    admin = make_app("admin", state=CHANNELS_TAB)
    assert [b.key for b in admin.button if (b.key or "").startswith("notify_test")] == [
        f"notify_test_{channel}"
    ]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_user_subscribes_and_sees_what_was_sent(make_app, demo_db_path, lang) -> None:
    with connect(demo_db_path) as db:
        channel = make_channel(
            db, "wecom", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=x"
        )
    at = make_app("notifications", user="viewer", lang=lang)
    assert not at.exception
    at.radio(key="notify_my_frequency").set_value("daily")
    at.text_input(key="notify_my_time").input("08:30")
    submit = [b for b in at.button if "notify_my_form" in (b.key or "")]
    submit[0].click().run()
    assert not at.exception
    with connect(demo_db_path) as db:
        (saved,) = store.subscriptions(db, "viewer")
        assert (saved["channel_id"], saved["frequency"], saved["local_time"]) == (
            channel,
            "daily",
            "08:30",
        )
        delivery_id = store.claim_delivery(
            db,
            saved,
            "2026-06-15",
            "2026-06-15T00:30:00+00:00",
            "Ops Bench digest · 2026-06-15",
            "{}",
        )
        store.record_attempt(db, delivery_id, status="sent", at="2026-06-15T00:30:00+00:00")
    at.run()
    frames = [frame.value for frame in at.dataframe]
    assert frames and "Ops Bench digest · 2026-06-15" in frames[-1].to_csv()
    assert ("已发送" if lang == "zh" else "Sent") in frames[-1].to_csv()
    # the lead sees nothing sent to the viewer
    lead = make_app("notifications", user="lead", lang=lang)
    assert "Ops Bench digest" not in rendered(lead)


def test_a_bad_time_is_refused_on_the_page_and_nothing_is_saved(make_app, demo_db_path) -> None:
    with connect(demo_db_path) as db:
        make_channel(db, "slack", "https://hooks.slack.com/services/x")
    at = make_app("notifications", user="lead")
    at.text_input(key="notify_my_time").input("9 o'clock")
    [b for b in at.button if "notify_my_form" in (b.key or "")][0].click().run()
    assert not at.exception
    assert "“9 o'clock” is not a time of day (HH:MM)." in [e.value for e in at.error]
    with connect(demo_db_path) as db:
        assert store.subscriptions(db) == []
