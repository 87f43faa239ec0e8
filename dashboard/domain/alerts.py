"""What needs a lead's attention. Each area's domain module offers
``alerts(db, today) -> list[Alert]``; the overview page gathers them all."""

from dataclasses import dataclass, field

SEVERITIES = ("high", "medium", "low")


@dataclass(frozen=True)
class Alert:
    """One thing to fix.

    :param kind: a stable code, e.g. ``"newcomer_without_coach"``.
    :param key: i18n key of the sentence; ``params`` fill it.
    :param page: the page script that fixes it, e.g. ``"pages/coaching.py"``.
    """

    kind: str
    severity: str
    key: str
    page: str
    params: dict = field(default_factory=dict)
    person_id: int | None = None
    group_id: int | None = None
