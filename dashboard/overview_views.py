"""Loader and helpers of the overview page."""

import threading
from collections.abc import Callable
from datetime import date

from dashboard.areas import AlertSource, admin_alert_sources, alert_sources
from dashboard.domain import overview as rules
from dashboard.domain.alerts import Alert
from dashboard.i18n import CATALOG, t
from dashboard.navigation import area_page
from dashboard.session import reading, stored

SEVERITY_ICONS = {
    "high": ":material/error:",
    "medium": ":material/schedule:",
    "low": ":material/info:",
}
SHOWN_PER_KIND = 5
# st.page_link cuts its label to one line (nowrap + ellipsis); an alert's sentence is the
# point of the link, so inside the alerts panel the label wraps instead.
WRAPPING_ALERT_LINKS = (
    "<style>.st-key-overview_alerts [data-testid='stPageLink-NavLink'] > span"
    " {white-space: normal; overflow-wrap: anywhere;}</style>"
)


_headline = stored(rules.headline)
_AREA_LOADERS: dict[AlertSource, Callable] = {}  # an area's alert function → its loader
_AREA_LOADERS_LOCK = threading.Lock()


def _area_alerts(source: AlertSource) -> Callable:
    """The loader of one area's alerts (made at first use: an area may be registered late,
    as tests/test_areas.py's toy is)."""
    with _AREA_LOADERS_LOCK:
        if source not in _AREA_LOADERS:
            _AREA_LOADERS[source] = stored(source)
        return _AREA_LOADERS[source]


def overview(path: str, today_iso: str) -> tuple[dict, list[Alert]]:
    """The headline figures and every area's alerts, most severe first. Each area's alerts
    are cached apart, so a write clears only those of the areas that read what it wrote: a
    KPI value leaves the health and retention alerts (~0.8 s on the large db) as they are,
    where one loader of everything ran them all again after any write."""
    today = date.fromisoformat(today_iso)
    found = [alert for source in alert_sources() for alert in _area_alerts(source)(path, today)]
    return _headline(path, today), rules.by_severity(found)


def admin_alerts(path: str, today_iso: str) -> list[Alert]:
    """Alerts for admins only, who alone can act on them, e.g. accounts locked right now
    (not cached: a lock ends by the clock)."""
    today = date.fromisoformat(today_iso)
    with reading(path) as db:
        return [alert for alerts in admin_alert_sources() for alert in alerts(db, today)]


def kind_title(kind: str, area: str, lang: str | None = None) -> str:
    """The heading of a bundle of alerts: its own title, else the name of its area's page."""
    key = f"overview.kind.{kind}"
    if key in CATALOG:
        return t(key, lang)
    page = area_page(area)
    return t(page.title_key, lang) if page is not None else kind


def alert_page(alert: Alert) -> str | None:
    """The script of the page that fixes an alert: its area's page."""
    page = area_page(alert.area)
    return None if page is None else page.script


def link_params(alert: Alert) -> dict[str, str] | None:
    """Query parameters that let the fixing page open on the alert's person."""
    return {"person": str(alert.person_id)} if alert.person_id is not None else None


def alert_text(alert: Alert, lang: str | None = None) -> str:
    """The alert's sentence (its bundle's title while its area's strings are not in yet,
    so one unfinished area never breaks the first page of the app)."""
    if alert.key not in CATALOG:
        return kind_title(alert.kind, alert.area, lang)
    return t(alert.key, lang, **alert.params)
