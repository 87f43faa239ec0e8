"""What the notify command does: send every digest that is due now, retry the failed ones
whose backoff has passed, and record each delivery (what, to whom, when, result)."""

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlite_utils import Database

from dashboard.domain import notify as rules
from dashboard.notify import senders
from dashboard.notify.messages import Message, compose, markdown
from db import notify as store

DEFAULT_BASE_URL = "http://localhost:8501"


def base_url() -> str:
    """Where the app is reached, for the links of a digest (``OPS_BASE_URL``)."""
    return os.environ.get("OPS_BASE_URL") or DEFAULT_BASE_URL


@dataclass
class Outcome:
    """One delivery handled by a run."""

    username: str
    channel: str
    period: str
    status: str  # sent, retrying, failed, empty, dry-run
    error: str = ""


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def _attempt(
    db: Database,
    delivery_id: int,
    attempts_before: int,
    subscription: dict,
    message: Message,
    now: datetime,
    timeout: float,
) -> tuple[str, str]:
    """Try one send and record it; returns ``(status, error)``."""
    try:
        senders.send(
            subscription["channel_kind"],
            store.channel_credentials(db, subscription["channel_id"]),
            message,
            email=subscription["email"],
            timeout=timeout,
        )
    except senders.SendFailed as error:
        attempts = attempts_before + 1
        if attempts >= rules.MAX_ATTEMPTS:
            store.record_attempt(db, delivery_id, status="failed", at=_iso(now), error=str(error))
            return "failed", str(error)
        retry_at = _iso(now + rules.backoff(attempts))
        store.record_attempt(
            db,
            delivery_id,
            status="retrying",
            at=_iso(now),
            error=str(error),
            next_attempt_at=retry_at,
        )
        return "retrying", str(error)
    store.record_attempt(db, delivery_id, status="sent", at=_iso(now))
    return "sent", ""


def run(
    db: Database,
    now: datetime,
    *,
    dry_run: bool = False,
    url: str | None = None,
    timeout: float = senders.DEFAULT_TIMEOUT,
    out: Callable[[str], None] = print,
) -> list[Outcome]:
    """Send what is due at ``now`` (aware); with ``dry_run`` print it and send nothing."""
    outcomes: list[Outcome] = []
    link_base = base_url() if url is None else url
    subscriptions = {row["id"]: row for row in store.subscriptions(db)}
    if not dry_run:
        for delivery in store.due_retries(db, _iso(now)):
            subscription = subscriptions.get(delivery["subscription_id"])
            if subscription is None or not subscription["channel_enabled"]:
                continue
            status, error = _attempt(
                db,
                delivery["id"],
                delivery["attempts"],
                subscription,
                Message.from_json(delivery["body"]),
                now,
                timeout,
            )
            outcomes.append(
                Outcome(
                    delivery["username"],
                    delivery["channel_name"],
                    delivery["period"],
                    status,
                    error,
                )
            )
    team_zone = rules.zone(None)
    gathered = None
    muted = store.mutes(db)
    for subscription in subscriptions.values():
        if not subscription["channel_enabled"]:
            continue
        tz = rules.zone(subscription["time_zone"]) if subscription["time_zone"] else team_zone
        period = rules.due_period(subscription, now, tz)
        if period is None:
            continue
        if store.delivered(db, subscription["id"], period):
            continue
        if gathered is None:
            gathered = rules.gather(db, now.astimezone(team_zone).date())
        digest = rules.build_digest(
            db, gathered, subscription, muted.get(subscription["username"], set())
        )
        message = compose(digest, link_base, period)
        outcome = Outcome(subscription["username"], subscription["channel_name"], period, "")
        if dry_run:
            outcome.status = "dry-run"
            quiet = digest.empty and not subscription["send_when_empty"]
            out(
                f"--- {subscription['username']} via {subscription['channel_name']}"
                f" ({subscription['channel_kind']}), {period}"
                + (" — nothing due, not sent" if quiet else "")
            )
            if not quiet:
                out(markdown(message))
            outcomes.append(outcome)
            continue
        delivery_id = store.claim_delivery(
            db, subscription, period, _iso(now), message.title, message.to_json()
        )
        if delivery_id is None:
            continue  # another run claimed it meanwhile
        if digest.empty and not subscription["send_when_empty"]:
            store.record_attempt(db, delivery_id, status="empty", at=_iso(now))
            outcome.status = "empty"
        else:
            outcome.status, outcome.error = _attempt(
                db, delivery_id, 0, subscription, message, now, timeout
            )
        outcomes.append(outcome)
    return outcomes


def send_test(
    db: Database,
    channel: dict,
    recipient: dict,
    *,
    timeout: float = senders.TEST_TIMEOUT,
) -> str | None:
    """Send a short test message through ``channel`` (e-mail: to ``recipient``'s address)
    in ``recipient``'s language; returns the failure's reason, ``None`` when it went."""
    from dashboard.i18n import t

    lang = recipient.get("language") or "en"
    message = Message(
        t("notify.test.title", lang), [], t("notify.test.body", lang, channel=channel["name"])
    )
    try:
        senders.send(
            channel["kind"],
            store.channel_credentials(db, channel["id"]),
            message,
            email=recipient.get("email"),
            timeout=timeout,
        )
    except senders.SendFailed as error:
        return str(error)
    return None
