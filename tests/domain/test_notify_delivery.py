"""Sending digests to real local servers: a webhook server that checks Feishu and DingTalk
signatures as those platforms do, and an aiosmtpd SMTP server. Covers each platform's
format, no duplicate per period, retries with backoff up to their limit, a 5xx, a hanging
endpoint, e-mail, and ``--dry-run``."""

import socket
import time
from datetime import UTC, datetime, timedelta

import pytest

from dashboard.domain import notify as rules
from dashboard.notify import delivery
from dashboard.notify.__main__ import main
from db import notify as store
from tests.domain.test_notify import make_channel
from tests.notify_servers import SECRET, smtp_server, webhook_server

MONDAY_9_SHANGHAI = datetime(2026, 6, 15, 1, 0, tzinfo=UTC)


@pytest.fixture
def hooks():
    with webhook_server() as server:
        yield server


def subscribe(db, username: str, channel_id: int, **fields) -> int:
    values = {
        "channel_id": channel_id,
        "frequency": "weekly",
        "weekday": 0,
        "local_time": "09:00",
        "alert_kinds": None,
        "reminders": True,
        "send_when_empty": False,
        **fields,
    }
    return rules.save_subscription(db, "admin", username, values)


def test_each_platform_gets_its_format_and_signed_requests_pass(demo_db, hooks) -> None:
    demo_db.execute("UPDATE users SET language = 'zh' WHERE username = 'lead'")
    for kind in ("wecom", "feishu", "dingtalk", "slack"):
        secret = SECRET if kind in ("feishu", "dingtalk") else None
        subscribe(demo_db, "lead", make_channel(demo_db, kind, f"{hooks.url}/{kind}?key=k", secret))

    outcomes = delivery.run(demo_db, MONDAY_9_SHANGHAI, url="https://ops.example.cn")

    assert sorted((o.channel, o.status, o.error) for o in outcomes) == [
        (f"{kind} bot", "sent", "") for kind in ("dingtalk", "feishu", "slack", "wecom")
    ]  # the server refuses a bad Feishu or DingTalk signature, so "sent" means they were valid
    by_path = {request["path"]: request for request in hooks.requests}
    wecom = by_path["/wecom"]["body"]
    assert wecom["msgtype"] == "markdown"
    assert wecom["markdown"]["content"].startswith("## 运营工作台摘要 · 2026-W25")
    assert "](https://ops.example.cn/kpi_board)" in wecom["markdown"]["content"]
    feishu = by_path["/feishu"]["body"]
    assert feishu["msg_type"] == "interactive" and feishu["sign"]
    assert feishu["card"]["header"]["title"]["content"] == "运营工作台摘要 · 2026-W25"
    dingtalk = by_path["/dingtalk"]
    assert dingtalk["query"]["key"] == ["k"] and dingtalk["query"]["sign"]
    assert dingtalk["body"]["markdown"]["title"] == "运营工作台摘要 · 2026-W25"
    slack = by_path["/slack"]["body"]
    assert slack["blocks"][0]["type"] == "header"
    assert "<https://ops.example.cn/kpi_board|" in slack["blocks"][1]["text"]["text"]
    rows = store.deliveries(demo_db, "lead")
    assert {row["status"] for row in rows} == {"sent"} and len(rows) == 4


def test_a_wrong_secret_is_refused_by_the_platform_and_recorded(demo_db, hooks) -> None:
    subscribe(demo_db, "admin", make_channel(demo_db, "feishu", f"{hooks.url}/feishu", "wrong"))
    (outcome,) = delivery.run(demo_db, MONDAY_9_SHANGHAI)
    assert outcome.status == "retrying" and "19021" in outcome.error


def test_nothing_is_sent_twice_for_the_same_period(demo_db, hooks) -> None:
    subscribe(demo_db, "lead", make_channel(demo_db, "wecom", f"{hooks.url}/wecom"))
    assert [o.status for o in delivery.run(demo_db, MONDAY_9_SHANGHAI)] == ["sent"]
    for later in (timedelta(minutes=15), timedelta(days=2), timedelta(days=6, hours=14)):
        assert delivery.run(demo_db, MONDAY_9_SHANGHAI + later) == []
    assert len(hooks.requests) == 1
    # the next Monday is a new period
    assert [o.period for o in delivery.run(demo_db, MONDAY_9_SHANGHAI + timedelta(days=7))] == [
        "2026-W26"
    ]
    assert len(hooks.requests) == 2


def test_a_5xx_is_retried_with_backoff_up_to_the_limit(demo_db, hooks) -> None:
    hooks.behaviour["/wecom"] = "500"
    subscribe(demo_db, "lead", make_channel(demo_db, "wecom", f"{hooks.url}/wecom"))
    now = MONDAY_9_SHANGHAI
    (first,) = delivery.run(demo_db, now)
    assert first.status == "retrying" and first.error.startswith("HTTP 500")
    assert delivery.run(demo_db, now + timedelta(minutes=4)) == []  # waiting 5 minutes
    statuses = []
    for wait in (5, 10, 20):  # minutes after each failed try
        now += timedelta(minutes=wait)
        statuses += [o.status for o in delivery.run(demo_db, now)]
    assert statuses == ["retrying", "retrying", "failed"]
    assert delivery.run(demo_db, now + timedelta(hours=5)) == []
    assert len(hooks.requests) == rules.MAX_ATTEMPTS == 4
    (row,) = store.deliveries(demo_db)
    assert (row["status"], row["attempts"], row["next_attempt_at"]) == ("failed", 4, None)


def test_a_retry_that_succeeds_is_sent_once(demo_db, hooks) -> None:
    hooks.behaviour["/wecom"] = "500"
    subscribe(demo_db, "lead", make_channel(demo_db, "wecom", f"{hooks.url}/wecom"))
    delivery.run(demo_db, MONDAY_9_SHANGHAI)
    hooks.behaviour.clear()
    (retry,) = delivery.run(demo_db, MONDAY_9_SHANGHAI + timedelta(minutes=5))
    assert retry.status == "sent"
    assert hooks.requests[0]["body"] == hooks.requests[1]["body"]  # the same digest
    assert delivery.run(demo_db, MONDAY_9_SHANGHAI + timedelta(hours=1)) == []


def test_a_hanging_endpoint_times_out_without_blocking(demo_db, hooks) -> None:
    hooks.behaviour["/wecom"] = "hang"
    hooks.hang_seconds = 3
    subscribe(demo_db, "lead", make_channel(demo_db, "wecom", f"{hooks.url}/wecom"))
    subscribe(demo_db, "admin", make_channel(demo_db, "slack", f"{hooks.url}/slack"))
    started = time.monotonic()
    outcomes = delivery.run(demo_db, MONDAY_9_SHANGHAI, timeout=0.5)
    assert time.monotonic() - started < 2.5
    assert sorted((o.channel, o.status) for o in outcomes) == [
        ("slack bot", "sent"),
        ("wecom bot", "retrying"),
    ]
    hung = next(o for o in outcomes if o.channel == "wecom bot")
    assert hung.error == "timeout after 0.5s"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_e_mail_goes_to_the_account_over_smtp(demo_db, monkeypatch) -> None:
    port = _free_port()
    monkeypatch.setenv("OPS_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("OPS_SMTP_PORT", str(port))
    monkeypatch.setenv("OPS_SMTP_SECURITY", "none")
    monkeypatch.setenv("OPS_SMTP_FROM", "ops@example.cn")
    demo_db.execute(
        "UPDATE users SET language = 'zh', email = 'lead@example.cn' WHERE username = 'lead'"
    )
    mail = make_channel(demo_db, "email", "")
    subscribe(demo_db, "lead", mail)
    subscribe(demo_db, "viewer", mail)  # no address: recorded, not lost
    with smtp_server(port) as recorder:
        outcomes = delivery.run(demo_db, MONDAY_9_SHANGHAI, url="https://ops.example.cn")
    assert sorted((o.username, o.status) for o in outcomes) == [
        ("lead", "sent"),
        ("viewer", "retrying"),
    ]
    (received,) = recorder.mails
    assert received["to"] == ["lead@example.cn"]
    message = received["mail"]
    assert message["Subject"] == "运营工作台摘要 · 2026-W25"
    html = message.get_body(("html",)).get_content()
    assert 'href="https://ops.example.cn/kpi_board"' in html


def test_nothing_needs_you_is_said_only_when_wanted(demo_db, hooks) -> None:
    channel = make_channel(demo_db, "wecom", f"{hooks.url}/wecom")
    subscribe(demo_db, "lead", channel, alert_kinds=[], reminders=False, send_when_empty=True)
    subscribe(demo_db, "viewer", channel, alert_kinds=[], reminders=False)
    outcomes = delivery.run(demo_db, MONDAY_9_SHANGHAI)
    assert sorted((o.username, o.status) for o in outcomes) == [
        ("lead", "sent"),
        ("viewer", "empty"),
    ]
    (request,) = hooks.requests
    assert "Nothing needs you right now." in request["body"]["markdown"]["content"]


def test_dry_run_prints_and_sends_nothing(demo_db, demo_db_path, hooks, capsys) -> None:
    subscribe(demo_db, "lead", make_channel(demo_db, "wecom", f"{hooks.url}/wecom"))
    assert main(["--db", str(demo_db_path), "--dry-run", "--now", "2026-06-15T09:00+08:00"]) == 0
    printed = capsys.readouterr().out
    assert "--- lead via wecom bot (wecom), 2026-W25" in printed
    assert "## Ops Bench digest · 2026-W25" in printed
    assert hooks.requests == []
    assert store.deliveries(demo_db) == []
    assert main(["--db", str(demo_db_path), "--now", "2026-06-15T09:00+08:00"]) == 0
    assert "sent: lead via wecom bot, 2026-W25" in capsys.readouterr().out
    assert len(hooks.requests) == 1
