"""Named queries and audited writes for digests and reminders: channels (group-bot webhooks
of WeCom, Feishu, DingTalk and Slack, and e-mail), their secrets, each account's
subscriptions, mutes and time zone, and the record of every delivery.

A channel's webhook address and signing secret live in ``notify_secrets``, apart from the
channel row: the audit log records that a channel changed (with ``url_set`` and
``secret_set``), never the address or the secret, and nothing but the sender reads them.
Channels are admin-only; an account manages its own subscriptions, mutes and time zone (an
admin may do it for anyone). Deliveries are the sender's own log (written by ``system``,
one row per subscription and period, kept unique so nothing is sent twice).
"""

import json

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from db import audit
from db.access import SYSTEM_ACTOR, require_admin, user_row
from db.errors import ValidationError
from db.schema import run_statements
from db.sql import fetch_one, fetch_rows, in_list

migrations = Migrations("notify")

CHANNEL_KINDS = ("wecom", "feishu", "dingtalk", "slack", "email")
FREQUENCIES = ("daily", "weekly")
DELIVERY_STATUSES = ("sending", "sent", "retrying", "failed", "empty")


@migrations()
def m001_notify(db: Database) -> None:
    run_statements(
        db,
        [
            f"""CREATE TABLE notify_channels (
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL CHECK (length(trim(name)) > 0),
                kind TEXT NOT NULL CHECK (kind IN {in_list(CHANNEL_KINDS)}),
                url_hint TEXT NOT NULL DEFAULT '',
                enabled INTEGER NOT NULL DEFAULT 1,
                updated_on TEXT NOT NULL
            )""",
            "CREATE UNIQUE INDEX notify_channels_name ON notify_channels(lower(trim(name)))",
            """CREATE TABLE notify_secrets (
                channel_id INTEGER PRIMARY KEY
                    REFERENCES notify_channels(id) ON DELETE CASCADE,
                url TEXT NOT NULL DEFAULT '',
                secret TEXT NOT NULL DEFAULT ''
            )""",
            f"""CREATE TABLE notify_subscriptions (
                id INTEGER PRIMARY KEY,
                username TEXT NOT NULL REFERENCES users(username) ON DELETE CASCADE,
                channel_id INTEGER NOT NULL REFERENCES notify_channels(id) ON DELETE CASCADE,
                frequency TEXT NOT NULL CHECK (frequency IN {in_list(FREQUENCIES)}),
                weekday INTEGER NOT NULL DEFAULT 0 CHECK (weekday BETWEEN 0 AND 6),
                local_time TEXT NOT NULL DEFAULT '09:00',
                alert_kinds TEXT,
                reminders INTEGER NOT NULL DEFAULT 1,
                send_when_empty INTEGER NOT NULL DEFAULT 0,
                UNIQUE (username, channel_id)
            )""",
            """CREATE TABLE notify_mutes (
                username TEXT NOT NULL REFERENCES users(username) ON DELETE CASCADE,
                alert_kind TEXT NOT NULL,
                PRIMARY KEY (username, alert_kind)
            )""",
            """CREATE TABLE notify_preferences (
                username TEXT PRIMARY KEY REFERENCES users(username) ON DELETE CASCADE,
                time_zone TEXT
            )""",
            f"""CREATE TABLE notify_deliveries (
                id INTEGER PRIMARY KEY,
                subscription_id INTEGER REFERENCES notify_subscriptions(id) ON DELETE SET NULL,
                period TEXT NOT NULL,
                username TEXT NOT NULL,
                channel_id INTEGER,
                channel_name TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN {in_list(DELIVERY_STATUSES)}),
                attempts INTEGER NOT NULL DEFAULT 0,
                created_at TEXT NOT NULL,
                last_attempt_at TEXT,
                next_attempt_at TEXT,
                error TEXT NOT NULL DEFAULT '',
                title TEXT NOT NULL DEFAULT '',
                body TEXT NOT NULL DEFAULT '',
                UNIQUE (subscription_id, period)
            )""",
            "CREATE INDEX notify_deliveries_user ON notify_deliveries(username, id)",
            "CREATE INDEX notify_deliveries_retry ON notify_deliveries(status, next_attempt_at)",
        ],
    )


# ---------------------------------------------------------------- channels


def channels(db: Database) -> list[dict]:
    """Every channel (without address or secret) with whether each is set."""
    return fetch_rows(
        db,
        """SELECT c.*, COALESCE(s.url, '') <> '' AS url_set,
                  COALESCE(s.secret, '') <> '' AS secret_set
           FROM notify_channels c LEFT JOIN notify_secrets s ON s.channel_id = c.id
           ORDER BY c.name""",
    )


def channel(db: Database, channel_id: int) -> dict | None:
    """One channel (without address or secret)."""
    return next((row for row in channels(db) if row["id"] == channel_id), None)


def channel_credentials(db: Database, channel_id: int) -> tuple[str, str]:
    """``(webhook address, signing secret)`` of a channel, for the sender only."""
    row = fetch_one(db, "SELECT url, secret FROM notify_secrets WHERE channel_id = ?", [channel_id])
    return (row["url"], row["secret"]) if row else ("", "")


def _channel_after(db: Database, channel_id: int) -> dict:
    row = channel(db, channel_id)
    return {
        key: row[key] for key in ("name", "kind", "url_hint", "enabled", "url_set", "secret_set")
    }


def _check_channel_name(db: Database, name: str, channel_id: int | None) -> None:
    taken = db.execute(
        "SELECT id FROM notify_channels WHERE lower(trim(name)) = lower(trim(?)) AND id IS NOT ?",
        [name, channel_id],
    ).fetchone()
    if taken:
        raise ValidationError("notify.err.name_taken", name=name)


def save_channel(
    db: Database,
    actor: str,
    *,
    channel_id: int | None,
    name: str,
    kind: str,
    enabled: bool,
    url: str | None,
    secret: str | None,
    url_hint: str,
    updated_on: str,
) -> int:
    """Create (``channel_id`` None) or change a channel (admins only). ``url`` and
    ``secret``: ``None`` keeps the stored one, ``""`` clears it. The audit row says what
    changed and whether an address and a secret are set, never their values."""
    with db.atomic():
        require_admin(db, actor)
        _check_channel_name(db, name, channel_id)
        before = None
        if channel_id is None:
            channel_id = db.execute(
                """INSERT INTO notify_channels (name, kind, url_hint, enabled, updated_on)
                   VALUES (?, ?, ?, ?, ?)""",
                [name, kind, url_hint, int(enabled), updated_on],
            ).lastrowid
            db.execute("INSERT INTO notify_secrets (channel_id) VALUES (?)", [channel_id])
        else:
            if channel(db, channel_id) is None:
                raise ValidationError("notify.err.no_channel", channel=channel_id)
            before = _channel_after(db, channel_id)
            db.execute(
                """UPDATE notify_channels SET name = ?, kind = ?, enabled = ?, updated_on = ?
                   WHERE id = ?""",
                [name, kind, int(enabled), updated_on, channel_id],
            )
            db.execute("INSERT OR IGNORE INTO notify_secrets (channel_id) VALUES (?)", [channel_id])
        if url is not None:
            db.execute(
                "UPDATE notify_channels SET url_hint = ? WHERE id = ?", [url_hint, channel_id]
            )
            db.execute("UPDATE notify_secrets SET url = ? WHERE channel_id = ?", [url, channel_id])
        if secret is not None:
            db.execute(
                "UPDATE notify_secrets SET secret = ? WHERE channel_id = ?", [secret, channel_id]
            )
        action = "create" if before is None else "update"
        audit.record(
            db, actor, action, "notify_channel", channel_id, before, _channel_after(db, channel_id)
        )
        return channel_id


def delete_channel(db: Database, actor: str, channel_id: int) -> None:
    """Remove a channel with its secret and subscriptions (admins only); deliveries stay."""
    with db.atomic():
        require_admin(db, actor)
        if channel(db, channel_id) is None:
            raise ValidationError("notify.err.no_channel", channel=channel_id)
        before = _channel_after(db, channel_id)
        db.execute("DELETE FROM notify_channels WHERE id = ?", [channel_id])
        audit.record(db, actor, "delete", "notify_channel", channel_id, before, None)


# ---------------------------------------------------------------- an account's own settings


def _require_self(db: Database, actor: str, username: str) -> None:
    """An account changes its own notification settings; an admin anyone's."""
    if actor in (username, SYSTEM_ACTOR):
        return
    require_admin(db, actor)


def subscriptions(db: Database, username: str | None = None) -> list[dict]:
    """Subscriptions (of ``username``, or all) with their channel's name, kind and state,
    and the account's language, e-mail, role, scope, person and time zone."""
    where, params = ("WHERE s.username = ?", [username]) if username else ("", [])
    rows = fetch_rows(
        db,
        f"""SELECT s.*, c.name AS channel_name, c.kind AS channel_kind,
                   c.enabled AS channel_enabled, u.language, u.email, u.app_role,
                   u.scope_group_id, u.person_id, u.display_name, p.time_zone
            FROM notify_subscriptions s
            JOIN notify_channels c ON c.id = s.channel_id
            JOIN users u ON u.username = s.username
            LEFT JOIN notify_preferences p ON p.username = s.username
            {where} ORDER BY s.username, c.name""",
        params,
    )
    for row in rows:
        kinds = row["alert_kinds"]
        row["alert_kinds"] = None if kinds is None else json.loads(kinds)
    return rows


def subscription(db: Database, subscription_id: int) -> dict | None:
    return next((row for row in subscriptions(db) if row["id"] == subscription_id), None)


def save_subscription(db: Database, actor: str, username: str, fields: dict) -> int:
    """Create or change ``username``'s subscription to ``fields["channel_id"]``."""
    with db.atomic():
        _require_self(db, actor, username)
        if user_row(db, username) is None:
            raise ValidationError("notify.err.no_user", username=username)
        if channel(db, fields["channel_id"]) is None:
            raise ValidationError("notify.err.no_channel", channel=fields["channel_id"])
        row = {
            "username": username,
            "channel_id": fields["channel_id"],
            "frequency": fields["frequency"],
            "weekday": fields["weekday"],
            "local_time": fields["local_time"],
            "alert_kinds": None
            if fields["alert_kinds"] is None
            else json.dumps(sorted(fields["alert_kinds"])),
            "reminders": int(fields["reminders"]),
            "send_when_empty": int(fields["send_when_empty"]),
        }
        before = fetch_one(
            db,
            "SELECT * FROM notify_subscriptions WHERE username = ? AND channel_id = ?",
            [username, fields["channel_id"]],
        )
        db.execute(
            """INSERT INTO notify_subscriptions (username, channel_id, frequency, weekday,
                   local_time, alert_kinds, reminders, send_when_empty)
               VALUES (:username, :channel_id, :frequency, :weekday, :local_time,
                       :alert_kinds, :reminders, :send_when_empty)
               ON CONFLICT (username, channel_id) DO UPDATE SET frequency = :frequency,
                   weekday = :weekday, local_time = :local_time, alert_kinds = :alert_kinds,
                   reminders = :reminders, send_when_empty = :send_when_empty""",
            row,
        )
        after = fetch_one(
            db,
            "SELECT * FROM notify_subscriptions WHERE username = ? AND channel_id = ?",
            [username, fields["channel_id"]],
        )
        audit.record(
            db,
            actor,
            "create" if before is None else "update",
            "notify_subscription",
            after["id"],
            before,
            after,
        )
        return after["id"]


def delete_subscription(db: Database, actor: str, subscription_id: int) -> None:
    """End a subscription (its owner or an admin); its deliveries stay in the history."""
    with db.atomic():
        before = fetch_one(db, "SELECT * FROM notify_subscriptions WHERE id = ?", [subscription_id])
        if before is None:
            raise ValidationError("notify.err.no_subscription", subscription=subscription_id)
        _require_self(db, actor, before["username"])
        db.execute("DELETE FROM notify_subscriptions WHERE id = ?", [subscription_id])
        audit.record(db, actor, "delete", "notify_subscription", subscription_id, before, None)


def mutes(db: Database, username: str | None = None) -> dict[str, set[str]]:
    """``{username: muted alert kinds}`` (of ``username``, or everyone)."""
    where, params = ("WHERE username = ?", [username]) if username else ("", [])
    found: dict[str, set[str]] = {}
    for row in db.execute(f"SELECT username, alert_kind FROM notify_mutes {where}", params):
        found.setdefault(row[0], set()).add(row[1])
    return found


def set_mutes(db: Database, actor: str, username: str, kinds: set[str]) -> None:
    """Replace the alert kinds ``username`` has muted."""
    with db.atomic():
        _require_self(db, actor, username)
        before = sorted(mutes(db, username).get(username, set()))
        if before == sorted(kinds):
            return
        db.execute("DELETE FROM notify_mutes WHERE username = ?", [username])
        for kind in sorted(kinds):
            db.execute(
                "INSERT INTO notify_mutes (username, alert_kind) VALUES (?, ?)", [username, kind]
            )
        audit.record(
            db,
            actor,
            "update",
            "notify_mutes",
            None,
            {"username": username, "muted": before},
            {"username": username, "muted": sorted(kinds)},
        )


def time_zone(db: Database, username: str) -> str | None:
    """The time zone ``username`` chose (``None``: the team's default)."""
    row = db.execute(
        "SELECT time_zone FROM notify_preferences WHERE username = ?", [username]
    ).fetchone()
    return row[0] if row else None


def set_time_zone(db: Database, actor: str, username: str, zone: str | None) -> None:
    """Set (or with ``None`` clear) the time zone of ``username``'s schedules."""
    with db.atomic():
        _require_self(db, actor, username)
        before = time_zone(db, username)
        if before == zone:
            return
        db.execute(
            """INSERT INTO notify_preferences (username, time_zone) VALUES (?, ?)
               ON CONFLICT (username) DO UPDATE SET time_zone = excluded.time_zone""",
            [username, zone],
        )
        audit.record(
            db,
            actor,
            "update",
            "notify_preferences",
            None,
            {"username": username, "time_zone": before},
            {"username": username, "time_zone": zone},
        )


# ---------------------------------------------------------------- deliveries


def delivered(db: Database, subscription_id: int, period: str) -> bool:
    """Whether the subscription's digest for ``period`` was already claimed."""
    return (
        db.execute(
            "SELECT 1 FROM notify_deliveries WHERE subscription_id = ? AND period = ?",
            [subscription_id, period],
        ).fetchone()
        is not None
    )


def claim_delivery(
    db: Database, subscription: dict, period: str, now: str, title: str, body: str
) -> int | None:
    """Record that ``subscription``'s digest for ``period`` is being sent; ``None`` when a
    delivery for that period exists already (another run sent or is sending it)."""
    with db.atomic():
        cursor = db.execute(
            """INSERT OR IGNORE INTO notify_deliveries (subscription_id, period, username,
                   channel_id, channel_name, status, created_at, title, body)
               VALUES (?, ?, ?, ?, ?, 'sending', ?, ?, ?)""",
            [
                subscription["id"],
                period,
                subscription["username"],
                subscription["channel_id"],
                subscription["channel_name"],
                now,
                title,
                body,
            ],
        )
        return cursor.lastrowid if cursor.rowcount else None


def record_attempt(
    db: Database,
    delivery_id: int,
    *,
    status: str,
    at: str,
    error: str = "",
    next_attempt_at: str | None = None,
) -> None:
    """The outcome of one send of a delivery (``sent``, ``retrying``, ``failed``, ``empty``)."""
    with db.atomic():
        db.execute(
            """UPDATE notify_deliveries SET status = ?, attempts = attempts + ?,
                   last_attempt_at = ?, error = ?, next_attempt_at = ? WHERE id = ?""",
            [status, 0 if status == "empty" else 1, at, error[:500], next_attempt_at, delivery_id],
        )


def due_retries(db: Database, now: str) -> list[dict]:
    """Deliveries waiting for another try whose time has come."""
    return fetch_rows(
        db,
        """SELECT * FROM notify_deliveries WHERE status = 'retrying' AND next_attempt_at <= ?
           AND subscription_id IS NOT NULL ORDER BY id""",
        [now],
    )


def deliveries(db: Database, username: str | None = None, limit: int = 200) -> list[dict]:
    """Deliveries, newest first (of ``username``, or all)."""
    where, params = ("WHERE username = ?", [username]) if username else ("", [])
    return fetch_rows(
        db,
        f"SELECT * FROM notify_deliveries {where} ORDER BY id DESC LIMIT ?",
        [*params, limit],
    )


def person_open_groups(db: Database) -> dict[int, set[int]]:
    """``{person id: groups of their open memberships}``, for scoping digests."""
    found: dict[int, set[int]] = {}
    for person_id, group_id in db.execute(
        "SELECT person_id, group_id FROM memberships WHERE end_on IS NULL"
    ):
        found.setdefault(person_id, set()).add(group_id)
    return found
