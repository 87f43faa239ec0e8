"""Streamlit glue of the admin page: cached loaders over accounts and the audit log, the
tables the page shows, and the audit activity chart."""

from datetime import UTC, date, datetime

import altair as alt
import pandas as pd

from dashboard.domain.accounts import locked_until
from dashboard.i18n import label, t
from dashboard.session import loader, reading, stored
from db import accounts as store
from db import audit, org

AUDIT_LIMIT = 5000
AUDIT_COLUMNS = (
    "at",
    "username",
    "action",
    "entity",
    "entity_id",
    "group",
    "person",
    "before_json",
    "after_json",
)


users_rows = stored(store.users, ttl=60)
group_names = stored(org.live_group_names)
audit_choices = stored(audit.filter_choices)


AUDIT_PAGE_SIZE = 100  # rows of the log shown at once; the CSV carries up to AUDIT_LIMIT


def audit_filters(
    since: date | None,
    until: date | None,
    username: str | None,
    entity: str | None,
    group_id: int | None,
) -> dict:
    """The audit page's filters as ``db.audit`` reads take them."""
    return {
        "entities": (entity,) if entity else None,
        "group_id": group_id,
        "since": since.isoformat() if since else None,
        "until": until.isoformat() if until else None,
        "username": username,
    }


subject_names = stored(audit.subject_names)


@loader(ttl=60)
def audit_count(path: str, filters: dict) -> int:
    """How many audit rows the filters (``audit_filters``) keep."""
    with reading(path) as db:
        return audit.history_count(db, **filters)


@loader(ttl=60)
def audit_rows(path: str, filters: dict, page: int = 0, size: int = AUDIT_LIMIT) -> list[dict]:
    """Audit rows the filters keep (newest first), ``size`` of them from page ``page``
    (0: the newest), with group and person names."""
    with reading(path) as db:
        rows = audit.history(db, limit=size, offset=page * size, **filters)
    groups, people = subject_names(path)
    for row in rows:
        row["group"] = groups.get(row["group_id"], "") if row["group_id"] else ""
        row["person"] = people.get(row["person_id"], "") if row["person_id"] else ""
    return rows


@loader(ttl=60)
def audit_activity(path: str, filters: dict) -> pd.DataFrame:
    """Writes per day and user among the rows the filters keep: ``day``, ``username``,
    ``writes`` (counted in SQL, over the whole filtered log)."""
    with reading(path) as db:
        rows = audit.daily_writes(db, **filters)
    return pd.DataFrame(rows, columns=["day", "username", "writes"])


def audit_frame(rows: list[dict]) -> pd.DataFrame:
    """The audit rows as the table (and CSV) shows them."""
    frame = pd.DataFrame(rows, columns=list(AUDIT_COLUMNS))
    frame["entity_id"] = frame["entity_id"].astype("Int64")
    return frame


def _user_names(usernames: pd.Series) -> list[str]:
    """Usernames as shown: the seeding actor ``system`` in the session's language."""
    return [label("audit.user", u) if u == "system" else u for u in usernames]


def audit_display(frame: pd.DataFrame) -> pd.DataFrame:
    """The audit frame as the table shows it: actions, entities and the seeding actor in
    the session's language (stored codes without a translation stay as they are)."""
    return frame.assign(
        username=_user_names(frame["username"]),
        action=[label("audit.action", a) for a in frame["action"]],
        entity=[label("audit.entity", e) for e in frame["entity"]],
    )


def audit_labels() -> dict[str, str]:
    """Column headers of the audit table in the session's language."""
    return {column: t(f"admin.audit.col.{column}") for column in AUDIT_COLUMNS}


def activity_chart(frame: pd.DataFrame) -> alt.Chart:
    """Stacked bars of writes per day, one colour per user."""
    return (
        alt.Chart(frame.assign(username=_user_names(frame["username"])))
        .mark_bar()
        .encode(
            x=alt.X("day:O", title=t("admin.audit.chart.day"), sort="ascending"),
            y=alt.Y("sum(writes):Q", title=t("admin.audit.chart.writes")),
            color=alt.Color("username:N", title=t("admin.audit.col.username")),
            tooltip=[
                alt.Tooltip("day:O", title=t("admin.audit.chart.day")),
                alt.Tooltip("username:N", title=t("admin.audit.col.username")),
                alt.Tooltip("writes:Q", title=t("admin.audit.chart.writes")),
            ],
        )
        .properties(height=220)
    )


def users_frame(rows: list[dict], lang: str, now: datetime | None = None) -> pd.DataFrame:
    """Accounts as the users table shows them, with a status column."""
    now = now or datetime.now(UTC)
    lines = []
    for user in rows:
        if locked_until(user, now) is not None:
            status = t("admin.users.status.locked", lang)
        elif not user["has_password"]:
            status = t("admin.users.status.no_password", lang)
        elif user["must_change_password"]:
            status = t("admin.users.status.must_change", lang)
        else:
            status = t("admin.users.status.ok", lang)
        lines.append(
            {
                t("admin.users.col.username", lang): user["username"],
                t("admin.users.col.display_name", lang): user["display_name"],
                t("admin.users.col.role", lang): t(f"accounts.role.{user['app_role']}", lang),
                t("admin.users.col.scope", lang): user["scope_group"] or "",
                t("admin.users.col.email", lang): user["email"] or "",
                t("admin.users.col.status", lang): status,
            }
        )
    return pd.DataFrame(lines)
