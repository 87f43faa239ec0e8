"""Labels and frames of the notification screens (the Admin page's Channels tab and the My
notifications page); their panels are in ``notify_panels``."""

import pandas as pd
from babel.dates import get_timezone_location

from dashboard.domain import notify as rules
from dashboard.i18n import CATALOG, t
from dashboard.i18n.formats import locale_of

KIND_PREFIX = "overview.kind."


def alert_kinds() -> list[str]:
    """Every alert kind a digest may hold (the Overview's titled kinds), reminders aside."""
    return [
        key.removeprefix(KIND_PREFIX)
        for key in CATALOG
        if key.startswith(KIND_PREFIX) and key.removeprefix(KIND_PREFIX) not in rules.REMINDER_KINDS
    ]


def zone_label(name: str, lang: str) -> str:
    """A time zone by its place, in the reader's language (中国（上海）时间)."""
    return get_timezone_location(name, locale=locale_of(lang))


def kind_label(kind: str, lang: str) -> str:
    return t(KIND_PREFIX + kind, lang)


def channels_frame(channels: list[dict], lang: str) -> pd.DataFrame:
    """Channels as the tab lists them: never an address or a secret, only whether set."""
    return pd.DataFrame(
        [
            {
                t("notify.col.name", lang): row["name"],
                t("notify.col.kind", lang): t(f"notify.kind.{row['kind']}", lang),
                t("notify.col.address", lang): row["url_hint"],
                t("notify.col.secret", lang): t(
                    "notify.secret.set" if row["secret_set"] else "notify.secret.unset", lang
                ),
                t("notify.col.enabled", lang): bool(row["enabled"]),
            }
            for row in channels
        ]
    )


def deliveries_frame(rows: list[dict], lang: str, *, with_user: bool = True) -> pd.DataFrame:
    """Deliveries with their status in the reader's language."""
    lines = []
    for row in rows:
        line = {t("notify.col.when", lang): (row["last_attempt_at"] or row["created_at"])[:16]}
        if with_user:
            line[t("notify.col.user", lang)] = row["username"]
        line |= {
            t("notify.col.channel", lang): row["channel_name"],
            t("notify.col.period", lang): row["period"],
            t("notify.col.title", lang): row["title"],
            t("notify.col.status", lang): t(f"notify.status.{row['status']}", lang),
            t("notify.col.attempts", lang): row["attempts"],
            t("notify.col.next", lang): (row["next_attempt_at"] or "")[:16],
            t("notify.col.error", lang): row["error"],
        }
        lines.append(line)
    return pd.DataFrame(lines)
