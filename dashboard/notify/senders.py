"""Sending a message to a channel: the group-bot webhooks of WeCom, Feishu/Lark, DingTalk
and Slack (signed where the platform signs), and e-mail over SMTP. Every network call has
a timeout; a failure raises ``SendFailed`` with a short reason for the delivery record.

SMTP settings come from the environment (they are the server's, like ``OPS_DB``):
``OPS_SMTP_HOST``, ``OPS_SMTP_PORT``, ``OPS_SMTP_SECURITY`` (``starttls`` default, ``ssl``
or ``none``), ``OPS_SMTP_USER``, ``OPS_SMTP_PASSWORD``, ``OPS_SMTP_FROM``.
"""

import base64
import hashlib
import hmac
import os
import smtplib
import ssl
import time
import urllib.parse
from collections.abc import Callable

import httpx

from dashboard.notify import messages
from dashboard.notify.messages import Message

DEFAULT_TIMEOUT = 10.0  # seconds, for the notify command
TEST_TIMEOUT = 3.0  # seconds, for the admin page's "send a test message"


class SendFailed(Exception):
    """A send that did not go through (network, HTTP status, or the platform's error)."""


def feishu_sign(timestamp: int, secret: str) -> str:
    """Feishu/Lark: ``timestamp + "\\n" + secret`` is the HMAC-SHA256 key of an empty
    message; the digest base64-encoded (timestamp in seconds)."""
    key = f"{timestamp}\n{secret}".encode()
    return base64.b64encode(hmac.new(key, b"", hashlib.sha256).digest()).decode()


def dingtalk_sign(timestamp_ms: int, secret: str) -> str:
    """DingTalk: HMAC-SHA256 of ``timestamp + "\\n" + secret`` keyed by the secret,
    base64-encoded, then URL-encoded (timestamp in milliseconds)."""
    digest = hmac.new(secret.encode(), f"{timestamp_ms}\n{secret}".encode(), hashlib.sha256)
    return urllib.parse.quote_plus(base64.b64encode(digest.digest()))


def _post(url: str, payload: dict, timeout: float) -> httpx.Response:
    try:
        response = httpx.post(url, json=payload, timeout=timeout)
    except httpx.TimeoutException as error:
        raise SendFailed(f"timeout after {timeout:g}s") from error
    except httpx.HTTPError as error:
        raise SendFailed(f"{type(error).__name__}: {error}"[:200]) from error
    if response.status_code >= 300:
        raise SendFailed(f"HTTP {response.status_code}: {response.text[:150]}")
    return response


def _platform_error(response: httpx.Response, code_field: str, message_field: str) -> None:
    """WeCom, DingTalk and Feishu answer HTTP 200 with an error code in the body."""
    try:
        body = response.json()
    except ValueError as error:
        raise SendFailed(f"unexpected answer: {response.text[:150]}") from error
    code = body.get(code_field, body.get("StatusCode", 0))
    if code not in (0, None):
        raise SendFailed(f"{code_field} {code}: {body.get(message_field, '')}"[:200])


def send_wecom(url: str, secret: str, message: Message, timeout: float) -> None:
    response = _post(url, messages.wecom_payload(message), timeout)
    _platform_error(response, "errcode", "errmsg")


def send_feishu(url: str, secret: str, message: Message, timeout: float) -> None:
    payload = messages.feishu_payload(message)
    if secret:
        timestamp = int(time.time())
        payload = {"timestamp": str(timestamp), "sign": feishu_sign(timestamp, secret), **payload}
    response = _post(url, payload, timeout)
    _platform_error(response, "code", "msg")


def send_dingtalk(url: str, secret: str, message: Message, timeout: float) -> None:
    if secret:
        timestamp = int(time.time() * 1000)
        joiner = "&" if "?" in url else "?"
        url = f"{url}{joiner}timestamp={timestamp}&sign={dingtalk_sign(timestamp, secret)}"
    response = _post(url, messages.dingtalk_payload(message), timeout)
    _platform_error(response, "errcode", "errmsg")


def send_slack(url: str, secret: str, message: Message, timeout: float) -> None:
    _post(url, messages.slack_payload(message), timeout)  # Slack answers "ok" or an error status


WEBHOOK_SENDERS: dict[str, Callable[[str, str, Message, float], None]] = {
    "wecom": send_wecom,
    "feishu": send_feishu,
    "dingtalk": send_dingtalk,
    "slack": send_slack,
}


def smtp_settings() -> dict:
    """The SMTP server from the environment (see the module's docstring)."""
    security = os.environ.get("OPS_SMTP_SECURITY", "starttls").lower()
    default_port = {"ssl": 465, "none": 25}.get(security, 587)
    return {
        "host": os.environ.get("OPS_SMTP_HOST", ""),
        "port": int(os.environ.get("OPS_SMTP_PORT") or default_port),
        "security": security,
        "user": os.environ.get("OPS_SMTP_USER", ""),
        "password": os.environ.get("OPS_SMTP_PASSWORD", ""),
        "sender": os.environ.get("OPS_SMTP_FROM") or os.environ.get("OPS_SMTP_USER", ""),
    }


def send_email(recipient: str | None, message: Message, timeout: float) -> None:
    """Send ``message`` to ``recipient`` over SMTP (STARTTLS, SSL or plain, from the
    environment)."""
    settings = smtp_settings()
    if not settings["host"]:
        raise SendFailed("OPS_SMTP_HOST is not set")
    if not recipient:
        raise SendFailed("the account has no e-mail address")
    mail = messages.email_message(message, settings["sender"] or "ops-bench@localhost", recipient)
    try:
        if settings["security"] == "ssl":
            client = smtplib.SMTP_SSL(
                settings["host"],
                settings["port"],
                timeout=timeout,
                context=ssl.create_default_context(),
            )
        else:
            client = smtplib.SMTP(settings["host"], settings["port"], timeout=timeout)
        with client:
            if settings["security"] == "starttls":
                client.starttls(context=ssl.create_default_context())
            if settings["user"]:
                client.login(settings["user"], settings["password"])
            client.send_message(mail)
    except (OSError, smtplib.SMTPException) as error:
        raise SendFailed(f"SMTP: {type(error).__name__}: {error}"[:200]) from error


def send(
    kind: str,
    credentials: tuple[str, str],
    message: Message,
    *,
    email: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> None:
    """Send ``message`` through a channel of ``kind``; raise ``SendFailed`` if it failed."""
    if kind == "email":
        send_email(email, message, timeout)
        return
    url, secret = credentials
    if not url:
        raise SendFailed("no webhook address is set")
    WEBHOOK_SENDERS[kind](url, secret, message, timeout)
