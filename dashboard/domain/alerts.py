"""What needs a lead's attention. Each area's domain module offers
``alerts(db, today) -> list[Alert]``, declared in the registry of areas; the overview page
gathers them all and links each to its area's page."""

from dataclasses import dataclass, field

SEVERITIES = ("high", "medium", "low")


@dataclass(frozen=True)
class Alert:
    """One thing to fix.

    :param kind: a stable code, e.g. ``"newcomer_without_coach"``.
    :param key: i18n key of the sentence; ``params`` fill it.
    :param area: the key of the area that raised it, e.g. ``"coaching"`` (the navigation
        knows the page that fixes it).
    """

    kind: str
    severity: str
    key: str
    area: str
    params: dict = field(default_factory=dict)
    person_id: int | None = None
    group_id: int | None = None
