"""A digest said in its reader's language, grouped like the Overview, each line linking to
the page that fixes it, and laid out in each platform's documented message format."""

import json
from dataclasses import asdict, dataclass, field
from email.message import EmailMessage
from html import escape
from urllib.parse import urlencode

from dashboard.domain.notify import Digest
from dashboard.domain.overview import group_alerts
from dashboard.i18n import t
from dashboard.overview_views import SHOWN_PER_KIND, alert_page, alert_text, kind_title, link_params

WECOM_MAX_BYTES = 4096  # WeCom's limit on a markdown message's content (UTF-8 bytes)
SLACK_SECTION_CHARS = 3000  # Slack's limit on a section block's text


@dataclass
class Line:
    text: str
    url: str | None = None


@dataclass
class Section:
    title: str
    count: int
    lines: list[Line] = field(default_factory=list)


@dataclass
class Message:
    """A digest ready to lay out: title, sections of linked lines, and a closing note."""

    title: str
    sections: list[Section]
    note: str = ""

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> "Message":
        data = json.loads(text)
        sections = [
            Section(s["title"], s["count"], [Line(**line) for line in s["lines"]])
            for s in data["sections"]
        ]
        return cls(data["title"], sections, data.get("note", ""))


def page_url(base_url: str, alert) -> str | None:
    """The address of the page that fixes ``alert`` (with its person, like the Overview)."""
    script = alert_page(alert)
    if script is None or not base_url:
        return None
    stem = script.rsplit("/", 1)[-1].removesuffix(".py")
    params = link_params(alert)
    return f"{base_url.rstrip('/')}/{stem}" + (f"?{urlencode(params)}" if params else "")


def compose(digest: Digest, base_url: str, period: str) -> Message:
    """The digest's message in the reader's language."""
    lang = digest.language
    sections = []
    if digest.reminders:
        sections.append(
            Section(
                t("notify.digest.reminders", lang),
                len(digest.reminders),
                [Line(alert_text(a, lang), page_url(base_url, a)) for a in digest.reminders],
            )
        )
    for kind, bundle in group_alerts(digest.alerts):
        section = Section(kind_title(kind, bundle[0].area, lang), len(bundle))
        for alert in bundle[:SHOWN_PER_KIND]:
            section.lines.append(Line(alert_text(alert, lang), page_url(base_url, alert)))
        extra = len(bundle) - SHOWN_PER_KIND
        if extra > 0:
            more = t("overview.alerts.more", lang, count=extra)
            section.lines.append(Line(more, page_url(base_url, bundle[0])))
        sections.append(section)
    note = t("notify.digest.nothing", lang) if digest.empty else ""
    return Message(t("notify.digest.title", lang, period=period), sections, note)


def markdown(
    message: Message, *, link=lambda text, url: f"[{text}]({url})", title: bool = True
) -> str:
    """The message as Markdown (WeCom, DingTalk, Feishu cards, e-mail's plain part)."""
    parts = [f"## {message.title}"] if title else []
    for section in message.sections:
        parts.append(f"**{section.title}** · {section.count}")
        parts.extend(
            f"- {link(line.text, line.url) if line.url else line.text}" for line in section.lines
        )
    if message.note:
        parts.append(message.note)
    return "\n".join(parts)


def _fit_bytes(text: str, limit: int) -> str:
    data = text.encode("utf-8")
    if len(data) <= limit:
        return text
    return data[: limit - 4].decode("utf-8", errors="ignore").rsplit("\n", 1)[0] + "\n…"


def wecom_payload(message: Message) -> dict:
    """WeCom group bot: ``msgtype`` markdown (content at most 4096 bytes)."""
    return {
        "msgtype": "markdown",
        "markdown": {"content": _fit_bytes(markdown(message), WECOM_MAX_BYTES)},
    }


def dingtalk_payload(message: Message) -> dict:
    """DingTalk custom bot: ``msgtype`` markdown with a title (shown in the chat list)."""
    return {"msgtype": "markdown", "markdown": {"title": message.title, "text": markdown(message)}}


def feishu_payload(message: Message) -> dict:
    """Feishu/Lark custom bot: an interactive card with a header and a markdown element."""
    return {
        "msg_type": "interactive",
        "card": {
            "config": {"wide_screen_mode": True},
            "header": {"title": {"tag": "plain_text", "content": message.title}},
            "elements": [{"tag": "markdown", "content": markdown(message, title=False)}],
        },
    }


def _slack_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def slack_payload(message: Message) -> dict:
    """Slack incoming webhook: ``text`` as the notification fallback, and blocks (a header,
    a mrkdwn section per bundle)."""
    blocks: list[dict] = [
        {"type": "header", "text": {"type": "plain_text", "text": message.title[:150]}}
    ]
    for section in message.sections:
        lines = [f"*{_slack_escape(section.title)}* · {section.count}"]
        for line in section.lines:
            text = _slack_escape(line.text)
            lines.append(f"• <{line.url}|{text}>" if line.url else f"• {text}")
        blocks.append(
            {
                "type": "section",
                "text": {"type": "mrkdwn", "text": "\n".join(lines)[:SLACK_SECTION_CHARS]},
            }
        )
    if message.note:
        blocks.append(
            {"type": "section", "text": {"type": "mrkdwn", "text": _slack_escape(message.note)}}
        )
    return {"text": message.title, "blocks": blocks}


def email_message(message: Message, sender: str, recipient: str) -> EmailMessage:
    """An e-mail with a plain-text part (Markdown) and an HTML part with links."""
    mail = EmailMessage()
    mail["Subject"] = message.title
    mail["From"] = sender
    mail["To"] = recipient
    mail.set_content(markdown(message, link=lambda text, url: f"{text} <{url}>"))
    html = [f"<h2>{escape(message.title)}</h2>"]
    for section in message.sections:
        html.append(f"<h3>{escape(section.title)} · {section.count}</h3><ul>")
        for line in section.lines:
            text = escape(line.text)
            html.append(
                f'<li><a href="{escape(line.url)}">{text}</a></li>'
                if line.url
                else f"<li>{text}</li>"
            )
        html.append("</ul>")
    if message.note:
        html.append(f"<p>{escape(message.note)}</p>")
    mail.add_alternative("".join(html), subtype="html")
    return mail
