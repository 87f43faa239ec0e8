"""Local servers for the notify tests: a webhook server that records what each path
receives and checks Feishu and DingTalk signatures the way those platforms do, and an SMTP
server (aiosmtpd) that records mail. Both listen on 127.0.0.1 on a free port."""

import base64
import contextlib
import hashlib
import hmac
import json
import threading
import time
import urllib.parse
from collections.abc import Iterator
from email import message_from_bytes, policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SECRET = "SECtest-signing-secret-5b1f"


class WebhookServer(ThreadingHTTPServer):
    """Records ``(path, query, json body)``; ``behaviour[path]`` may be ``"500"``,
    ``"hang"`` (sleeps longer than any test timeout) or ``"slack"`` (answers ``ok``)."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), WebhookHandler)
        self.requests: list[dict] = []
        self.behaviour: dict[str, str] = {}
        self.hang_seconds = 3.0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


def feishu_valid(body: dict) -> bool:
    """Feishu: HMAC-SHA256 keyed by ``timestamp + "\\n" + secret`` over an empty message,
    base64; the timestamp (seconds) within an hour of now."""
    timestamp = body.get("timestamp")
    if not timestamp or abs(time.time() - int(timestamp)) > 3600:
        return False
    key = f"{timestamp}\n{SECRET}".encode()
    expected = base64.b64encode(hmac.new(key, b"", hashlib.sha256).digest()).decode()
    return hmac.compare_digest(expected, body.get("sign", ""))


def dingtalk_valid(query: dict) -> bool:
    """DingTalk: ``sign`` (URL-decoded by the query parsing) is base64 HMAC-SHA256 keyed by
    the secret over ``timestamp + "\\n" + secret``; the timestamp (ms) within an hour."""
    timestamp = query.get("timestamp", [""])[0]
    if not timestamp or abs(time.time() * 1000 - int(timestamp)) > 3_600_000:
        return False
    digest = hmac.new(SECRET.encode(), f"{timestamp}\n{SECRET}".encode(), hashlib.sha256)
    expected = base64.b64encode(digest.digest()).decode()
    return hmac.compare_digest(expected, query.get("sign", [""])[0])


class WebhookHandler(BaseHTTPRequestHandler):
    server: WebhookServer

    def log_message(self, *args) -> None:  # keep the test output quiet
        pass

    def _answer(self, status: int, body: dict | str) -> None:
        data = (body if isinstance(body, str) else json.dumps(body)).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self) -> None:  # noqa: N802 - http.server's name
        parts = urllib.parse.urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(length) or b"{}")
        query = urllib.parse.parse_qs(parts.query)
        self.server.requests.append({"path": parts.path, "query": query, "body": body})
        behaviour = self.server.behaviour.get(parts.path, "")
        if behaviour == "hang":
            time.sleep(self.server.hang_seconds)
            return
        if behaviour == "500":
            self._answer(500, {"errcode": -1, "errmsg": "system busy"})
        elif parts.path.startswith("/feishu"):
            if feishu_valid(body):
                self._answer(200, {"code": 0, "msg": "success", "data": {}})
            else:
                self._answer(200, {"code": 19021, "msg": "sign match fail", "data": {}})
        elif parts.path.startswith("/dingtalk"):
            if dingtalk_valid(query):
                self._answer(200, {"errcode": 0, "errmsg": "ok"})
            else:
                self._answer(200, {"errcode": 310000, "errmsg": "sign not match"})
        elif parts.path.startswith("/slack"):
            self._answer(200, "ok")
        else:
            self._answer(200, {"errcode": 0, "errmsg": "ok"})


@contextlib.contextmanager
def webhook_server() -> Iterator[WebhookServer]:
    server = WebhookServer()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


class MailRecorder:
    """aiosmtpd handler keeping every message it receives."""

    def __init__(self) -> None:
        self.mails: list = []

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: N802 - aiosmtpd's name
        mail = message_from_bytes(envelope.content, policy=policy.default)
        self.mails.append({"to": envelope.rcpt_tos, "mail": mail})
        return "250 Message accepted for delivery"


@contextlib.contextmanager
def smtp_server(port: int) -> Iterator[MailRecorder]:
    from aiosmtpd.controller import Controller

    recorder = MailRecorder()
    controller = Controller(recorder, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield recorder
    finally:
        controller.stop()
