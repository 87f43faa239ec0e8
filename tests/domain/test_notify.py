"""Digest rules on real databases: schedules in the recipient's time zone while the machine
runs in UTC, scope and language, reminders to a person, mutes, and who may configure."""

import json
import time
from datetime import UTC, datetime, timedelta

import pytest

from dashboard.domain import notify as rules
from dashboard.notify.messages import compose, markdown
from db import notify as store
from db.errors import AccessDenied, ValidationError
from tests.conftest import DEMO_TODAY

SHANGHAI = rules.zone("Asia/Shanghai")
WEEKLY_MONDAY_9 = {"frequency": "weekly", "weekday": 0, "local_time": "09:00"}
SECRET_URL = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=9d8e7f-secret-key"


@pytest.fixture
def machine_in_utc(monkeypatch):
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.delenv("TZ")
    time.tzset()


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


def test_weekly_monday_9_in_shanghai_while_the_machine_is_utc(machine_in_utc) -> None:
    assert datetime.now().astimezone().utcoffset() == timedelta(0)
    # Monday 2026-06-15 09:00 in Shanghai is 01:00 UTC
    assert rules.due_period(WEEKLY_MONDAY_9, utc(2026, 6, 15, 0, 59), SHANGHAI) is None
    assert rules.due_period(WEEKLY_MONDAY_9, utc(2026, 6, 15, 1, 0), SHANGHAI) == "2026-W25"
    # still due later that week (a missed cron run catches up), never for another week
    assert rules.due_period(WEEKLY_MONDAY_9, utc(2026, 6, 21, 15, 59), SHANGHAI) == "2026-W25"
    # Sunday 16:30 UTC is already Monday 00:30 in Shanghai: a new week, before 09:00
    assert rules.due_period(WEEKLY_MONDAY_9, utc(2026, 6, 21, 16, 30), SHANGHAI) is None
    assert rules.due_period(WEEKLY_MONDAY_9, utc(2026, 6, 22, 1, 0), SHANGHAI) == "2026-W26"
    # the same schedule in London is due 8 hours later (UTC+1 in June)
    london = rules.zone("Europe/London")
    assert rules.due_period(WEEKLY_MONDAY_9, utc(2026, 6, 15, 7, 59), london) is None
    assert rules.due_period(WEEKLY_MONDAY_9, utc(2026, 6, 15, 8, 0), london) == "2026-W25"


def test_daily_digest_follows_the_local_date(machine_in_utc) -> None:
    daily = {"frequency": "daily", "weekday": 0, "local_time": "08:30"}
    assert rules.due_period(daily, utc(2026, 6, 15, 0, 29), SHANGHAI) is None
    assert rules.due_period(daily, utc(2026, 6, 15, 0, 30), SHANGHAI) == "2026-06-15"
    # 20:00 UTC on the 15th is the 16th in Shanghai, before 08:30
    assert rules.due_period(daily, utc(2026, 6, 15, 20, 0), SHANGHAI) is None


def test_backoff_doubles() -> None:
    assert [rules.backoff(n) for n in (1, 2, 3)] == [
        timedelta(minutes=5),
        timedelta(minutes=10),
        timedelta(minutes=20),
    ]


def make_channel(
    db,
    kind: str = "wecom",
    url: str = SECRET_URL,
    secret: str | None = None,
    *,
    actor: str = "admin",
    channel_id: int | None = None,
    enabled: bool = True,
):
    """Save a channel (a new one unless ``channel_id``) named after its kind."""
    return rules.save_channel(
        db,
        actor,
        channel_id=channel_id,
        name=f"{kind} bot",
        kind=kind,
        enabled=enabled,
        url=url,
        secret=secret,
        today=DEMO_TODAY,
    )


def subscribe(db, username: str, channel_id: int, **fields) -> dict:
    values = {
        "channel_id": channel_id,
        **WEEKLY_MONDAY_9,
        "alert_kinds": None,
        "reminders": True,
        "send_when_empty": False,
        **fields,
    }
    subscription_id = rules.save_subscription(db, username, username, values)
    return store.subscription(db, subscription_id)


def test_a_lead_gets_only_their_scope_in_their_language(demo_db) -> None:
    channel = make_channel(demo_db)
    demo_db.execute("UPDATE users SET language = 'zh' WHERE username = 'lead'")
    gathered = rules.gather(demo_db, DEMO_TODAY)
    lead = rules.build_digest(demo_db, gathered, subscribe(demo_db, "lead", channel))
    admin = rules.build_digest(demo_db, gathered, subscribe(demo_db, "admin", channel))

    scope = {
        row[0]
        for row in demo_db.execute(
            """WITH RECURSIVE sub(id) AS (SELECT scope_group_id FROM users WHERE username = 'lead'
               UNION SELECT g.id FROM groups g JOIN sub ON g.parent_id = sub.id)
               SELECT id FROM sub"""
        )
    }
    assert lead.alerts and len(lead.alerts) < len(admin.alerts)
    for alert in lead.alerts:
        groups = {alert.group_id} if alert.group_id else gathered.person_groups[alert.person_id]
        assert groups & scope, alert
    outside = [a for a in admin.alerts if a.group_id is not None and a.group_id not in scope]
    assert outside and not set(map(id, outside)) & set(map(id, lead.alerts))

    text = markdown(compose(lead, "https://ops.example.cn", "2026-W25"))
    assert text.startswith("## 运营工作台摘要 · 2026-W25")
    assert "](https://ops.example.cn/" in text
    assert "missed" not in text and "has had" not in text  # no English in the zh digest
    english = markdown(compose(admin, "https://ops.example.cn", "2026-W25"))
    assert english.startswith("## Ops Bench digest · 2026-W25")
    assert "**KPIs off target** ·" in english


def test_kinds_and_mutes_narrow_a_digest_and_nothing_says_so(demo_db) -> None:
    channel = make_channel(demo_db)
    gathered = rules.gather(demo_db, DEMO_TODAY)
    only_kpis = subscribe(demo_db, "admin", channel, alert_kinds=["kpi_target_missed"])
    digest = rules.build_digest(demo_db, gathered, only_kpis)
    assert digest.alerts and {a.kind for a in digest.alerts} == {"kpi_target_missed"}
    store.set_mutes(demo_db, "admin", "admin", {"kpi_target_missed"})
    muted = store.mutes(demo_db)["admin"]
    digest = rules.build_digest(demo_db, gathered, only_kpis, muted)
    assert digest.empty
    assert compose(digest, "", "2026-W25").note == "Nothing needs you right now."


def test_reminders_reach_a_person_who_is_not_a_lead(demo_db) -> None:
    """The viewer account, linked to a coach who is also a successor and the author of a
    manual turning stale next week, gets those three reminders."""
    coach, newcomer = demo_db.execute(
        "SELECT coach_id, newcomer_id FROM coaching WHERE end_on IS NULL ORDER BY id LIMIT 1"
    ).fetchone()
    demo_db.execute("UPDATE users SET person_id = ? WHERE username = 'viewer'", [coach])
    demo_db.execute("DELETE FROM retrospectives WHERE person_id = ?", [newcomer])
    joined = (DEMO_TODAY - timedelta(days=10)).isoformat()  # due in 4 days
    demo_db.execute("UPDATE people SET joined_on = ? WHERE id = ?", [joined, newcomer])
    handover = demo_db.execute(
        "SELECT id FROM handovers WHERE acknowledged_on IS NULL AND cancelled_on IS NULL LIMIT 1"
    ).fetchone()[0]
    demo_db.execute("UPDATE handovers SET to_person = ? WHERE id = ?", [coach, handover])
    written = (DEMO_TODAY - timedelta(days=85)).isoformat()  # stale after day 90
    version = demo_db.execute("SELECT MAX(id) FROM manual_versions").fetchone()[0]
    demo_db.execute(
        "UPDATE manual_versions SET author = 'viewer', created_on = ?, reviewed_on = NULL"
        " WHERE id = ?",
        [written, version],
    )

    subscription = subscribe(demo_db, "viewer", make_channel(demo_db))
    digest = rules.build_digest(demo_db, rules.gather(demo_db, DEMO_TODAY), subscription)
    kinds = [alert.kind for alert in digest.reminders]
    assert kinds == ["reminder_retrospective", "reminder_handover", "reminder_manual"]
    retro = digest.reminders[0]
    assert retro.params["due"] == (DEMO_TODAY + timedelta(days=4)).isoformat()
    assert digest.reminders[2].params["on"] == (DEMO_TODAY + timedelta(days=6)).isoformat()
    text = markdown(compose(digest, "http://ops", "2026-W25"))
    assert "**Your reminders** · 3" in text
    assert f"(http://ops/coaching?person={newcomer})" in text

    without = subscribe(demo_db, "viewer", subscription["channel_id"], reminders=False)
    assert rules.build_digest(demo_db, rules.gather(demo_db, DEMO_TODAY), without).reminders == []


def test_only_an_admin_configures_channels(demo_db) -> None:
    for user in ("viewer", "lead"):
        with pytest.raises(AccessDenied) as refused:
            make_channel(demo_db, "slack", "https://hooks.slack.com/services/T/B/x", actor=user)
        assert refused.value.key == "access.admin_only"
    assert store.channels(demo_db) == []
    channel = make_channel(demo_db)
    with pytest.raises(AccessDenied):
        store.delete_channel(demo_db, "lead", channel)
    # someone else's subscription is not theirs to change
    with pytest.raises(AccessDenied):
        rules.save_subscription(
            demo_db,
            "viewer",
            "lead",
            {
                "channel_id": channel,
                **WEEKLY_MONDAY_9,
                "alert_kinds": None,
                "reminders": 1,
                "send_when_empty": 0,
            },
        )


def test_bad_channels_and_schedules_are_refused_with_a_message(demo_db) -> None:
    with pytest.raises(ValidationError, match="url_bad"):
        make_channel(demo_db, url="ftp://example.com/hook")
    with pytest.raises(ValidationError, match="secret_unused"):
        make_channel(demo_db, kind="slack", url="https://hooks.slack.com/x", secret="s")
    channel = make_channel(demo_db)
    with pytest.raises(ValidationError, match="local_time"):
        subscribe(demo_db, "lead", channel, local_time="25:00")
    with pytest.raises(ValidationError, match="time_zone"):
        rules.set_time_zone(demo_db, "lead", "lead", "Mars/Olympus")


def test_secrets_stay_out_of_the_audit_log(demo_db) -> None:
    channel = make_channel(demo_db, kind="feishu", url=SECRET_URL, secret="SEC-very-secret")
    make_channel(
        demo_db,
        "feishu",
        "https://open.feishu.cn/open-apis/bot/v2/hook/another-secret",
        "SEC-new",
        channel_id=channel,
    )
    rows = demo_db.execute(
        "SELECT action, before_json, after_json FROM audit_log WHERE entity = 'notify_channel'"
    ).fetchall()
    assert [row[0] for row in rows] == ["create", "update"]
    dumped = json.dumps([tuple(row) for row in rows])
    for secret in ("9d8e7f-secret-key", "SEC-very-secret", "another-secret", "SEC-new"):
        assert secret not in dumped
    after = json.loads(rows[-1][2])
    assert after["secret_set"] == 1 and after["url_hint"] == "https://open.feishu.cn/…"
    assert store.channel_credentials(demo_db, channel) == (
        "https://open.feishu.cn/open-apis/bot/v2/hook/another-secret",
        "SEC-new",
    )
    # an empty field keeps what is stored (the form never shows it back)
    make_channel(demo_db, "feishu", "", "", channel_id=channel, enabled=False)
    assert store.channel_credentials(demo_db, channel)[1] == "SEC-new"
