"""Loaders, translators and chart builders for the talent bench page.

Pure functions (``filter_frame``, ``board_columns``, ``coverage_table``, ``coverage_chart``,
``channels_chart``, ``board_notices``) take plain frames and lists, so they are tested without
Streamlit; loaders read through ``dashboard.session.reading``.
"""

from datetime import date, timedelta

import altair as alt
import pandas as pd
from sqlite_utils import Database

from dashboard.domain import pipeline as bench
from dashboard.dragdrop import card_label
from dashboard.i18n import error_text, label, t
from dashboard.i18n.formats import format_percent, localized
from dashboard.session import loader, reading, stored
from db import org as org_store
from db import pipeline as store

BOARD_STAGES = ("spotted", "observer", "trial", "ready", "appointed", "dropped")
CLOSED_SHOWN_DAYS = 90  # appointed/dropped cards stay on the board this long
STATUS_COLOURS = {
    "vacant": "#7f1d1d",
    "no_observer": "#dc2626",
    "no_ready": "#f59e0b",
    "covered": "#16a34a",
}
# the key position a candidacy or a coverage row is about
POSITION_COLUMNS = [
    "role_id",
    "role_code",
    "role_name",
    "role_name_zh",
    "group_id",
    "group_name",
    "group_tier",
]
CANDIDACY_COLUMNS = [
    "id",
    "person_id",
    "person_name",
    *POSITION_COLUMNS,
    "stage",
    "readiness",
    "source",
    "referred_by",
    "referrer_name",
    "note",
    "emergency",
    "drop_reason",
    "created_on",
    "updated_on",
    "version",
]
COVERAGE_COLUMNS = [
    *POSITION_COLUMNS,
    "holders",
    "holder_names",
    "ready",
    "ready_names",
    "shadowing",
    "spotted",
    "emergency_names",
    "status",
    "at_risk",
]


# ---------------------------------------------------------------- loaders


@loader()
def candidacies_frame(path: str) -> pd.DataFrame:
    """Every candidacy with person, role and group names."""
    with reading(path) as db:
        return pd.DataFrame(store.candidacies(db), columns=CANDIDACY_COLUMNS)


@loader()
def coverage_frame(path: str) -> pd.DataFrame:
    """Bench coverage of every key position (see ``dashboard.domain.pipeline.coverage``)."""
    with reading(path) as db:
        return pd.DataFrame(bench.coverage(db), columns=COVERAGE_COLUMNS)


@loader()
def channels_frame(path: str) -> pd.DataFrame:
    """Talents, appointments and conversion per discovery source."""
    with reading(path) as db:
        return pd.DataFrame(
            bench.channels(db), columns=["source", "talents", "appointed", "conversion"]
        )


def roles_table(db: Database) -> pd.DataFrame:
    """The role catalogue read on ``db`` (not from a cache), in id order."""
    return pd.DataFrame(
        store.role_catalogue(db),
        columns=["id", "code", "name", "name_zh", "tier", "is_key", "description"],
    )


roles_frame = stored(roles_table)


def role_catalogue(roles: pd.DataFrame) -> pd.DataFrame:
    """The role catalogue as its grid shows it (ids kept, hidden; key roles ticked)."""
    return roles.assign(is_key=roles["is_key"].astype(bool))


@loader()
def live_groups(path: str) -> list[dict]:
    """Live groups (id, name, tier), by tier then name."""
    with reading(path) as db:
        return [{"id": g["id"], "name": g["name"], "tier": g["tier"]} for g in org_store.groups(db)]


@loader()
def present_people(path: str) -> list[dict]:
    """People who have not left (id, name), by name."""
    with reading(path) as db:
        rows = org_store.people(db, statuses=("newcomer", "active"))
    return [{"id": p["id"], "name": p["name"]} for p in rows]


@loader()
def holders_of(path: str, role_id: int, group_id: int) -> list[dict]:
    """Open memberships holding a role in a group (id, person_name)."""
    with reading(path) as db:
        return [
            {"id": h["id"], "person_name": h["person_name"]}
            for h in store.holders(db, role_id, group_id)
        ]


@loader(ttl=60)
def history_frame(path: str, candidacy_id: int) -> pd.DataFrame:
    """The stage changes of one candidacy, oldest first."""
    with reading(path) as db:
        rows = store.stage_history(db, candidacy_id)
    return pd.DataFrame(rows, columns=["from_stage", "to_stage", "changed_on", "username"])


# ---------------------------------------------------------------- translators


def optional_id(value: object) -> int | None:
    """An id from a frame cell that may be empty (``None``/``NaN``)."""
    return None if value is None or pd.isna(value) else int(value)


def role_label(row: dict | pd.Series, lang: str) -> str:
    """A role's name in ``lang`` from a row with ``role_name``/``role_name_zh``."""
    return localized(row, "role_name", lang)


def filter_frame(
    frame: pd.DataFrame,
    role_ids: list[int] | None = None,
    tiers: list[str] | None = None,
    group_ids: list[int] | None = None,
) -> pd.DataFrame:
    """Rows whose role, group tier and group are among those chosen (empty choice = all)."""
    mask = pd.Series(True, index=frame.index)
    if role_ids:
        mask &= frame["role_id"].isin(role_ids)
    if tiers:
        mask &= frame["group_tier"].isin(tiers)
    if group_ids:
        mask &= frame["group_id"].isin(group_ids)
    return frame[mask]


def card_text(row: dict | pd.Series, lang: str) -> str:
    """A board card: person · role · group, readiness, and the emergency mark."""
    parts = [row["person_name"], role_label(row, lang), row["group_name"]]
    if row["stage"] in ("spotted", "observer", "trial"):
        parts.append(label("pipeline.readiness", row["readiness"], lang))
    if row["emergency"]:
        parts.append(t("pipeline.card.emergency", lang))
    return card_label(" · ".join(parts), int(row["id"]))


def board_columns(
    candidacies: pd.DataFrame, lang: str, today: date
) -> tuple[dict[str, list[str]], dict[str, str]]:
    """``({stage: [card, ...]}, {stage: header})`` for the board; closed candidacies show
    for ``CLOSED_SHOWN_DAYS`` days after they closed."""
    since = (today - timedelta(days=CLOSED_SHOWN_DAYS)).isoformat()
    columns: dict[str, list[str]] = {stage: [] for stage in BOARD_STAGES}
    for row in candidacies.to_dict("records"):
        if row["stage"] in ("appointed", "dropped") and row["updated_on"] < since:
            continue
        columns[row["stage"]].append(card_text(row, lang))
    headers = {
        stage: f"{label('pipeline.stage', stage, lang)} ({len(cards)})"
        for stage, cards in columns.items()
    }
    return columns, headers


def board_notices(outcomes: list[dict], lang: str) -> list[tuple[str, str]]:
    """``(kind, text)`` messages for the outcomes of ``apply_board_moves``."""
    notices = []
    for outcome in outcomes:
        from_stage = label("pipeline.stage", outcome["from_stage"], lang)
        to_stage = label("pipeline.stage", outcome["to_stage"], lang)
        if outcome["error"] is None:
            text = t(
                "pipeline.board.moved",
                lang,
                person=outcome["person"],
                from_stage=from_stage,
                to_stage=to_stage,
            )
            notices.append(("success", text))
        else:
            text = t(
                "pipeline.board.refused",
                lang,
                person=outcome["person"],
                from_stage=from_stage,
                reason=error_text(outcome["error"], lang),
            )
            notices.append(("error", text))
    return notices


def coverage_table(coverage: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The coverage rows as the page shows them (localised headers and labels)."""
    return pd.DataFrame(
        {
            t("pipeline.col.status", lang): [
                label("pipeline.status", s, lang) for s in coverage["status"]
            ],
            t("pipeline.col.role", lang): [role_label(r, lang) for _, r in coverage.iterrows()],
            t("pipeline.col.group", lang): coverage["group_name"].tolist(),
            t("pipeline.col.holder_names", lang): coverage["holder_names"].fillna("").tolist(),
            t("pipeline.col.ready_names", lang): coverage["ready_names"].fillna("").tolist(),
            t("pipeline.col.shadowing", lang): coverage["shadowing"].tolist(),
            t("pipeline.col.emergency", lang): coverage["emergency_names"].fillna("").tolist(),
        }
    )


# ---------------------------------------------------------------- charts


def coverage_chart(coverage: pd.DataFrame, lang: str) -> alt.Chart:
    """Key positions per role, stacked by coverage status (at risk in warm colours)."""
    data = pd.DataFrame(
        {
            "role": [role_label(r, lang) for _, r in coverage.iterrows()],
            "status": coverage["status"].tolist(),
            "status_label": [label("pipeline.status", s, lang) for s in coverage["status"]],
            "order": [bench.COVERAGE_STATUSES.index(s) for s in coverage["status"]],
        }
    )
    statuses = list(bench.COVERAGE_STATUSES)
    return (
        alt.Chart(data, title=t("pipeline.coverage.chart_title", lang))
        .mark_bar()
        .encode(
            y=alt.Y("role:N", title=t("pipeline.col.role", lang), sort="-x"),
            x=alt.X("count():Q", title=t("pipeline.col.positions", lang)),
            color=alt.Color(
                "status_label:N",
                title=t("pipeline.col.status", lang),
                scale=alt.Scale(
                    domain=[label("pipeline.status", s, lang) for s in statuses],
                    range=[STATUS_COLOURS[s] for s in statuses],
                ),
            ),
            order=alt.Order("order:Q"),
            tooltip=[
                alt.Tooltip("role:N", title=t("pipeline.col.role", lang)),
                alt.Tooltip("status_label:N", title=t("pipeline.col.status", lang)),
                alt.Tooltip("count():Q", title=t("pipeline.col.positions", lang)),
            ],
        )
    )


def channels_chart(channels: pd.DataFrame, lang: str) -> alt.LayerChart:
    """Talents per discovery channel with the appointed share overlaid and the conversion
    rate written at the end of each bar."""
    data = channels.assign(
        channel=[label("source", s, lang) for s in channels["source"]],
        conversion_text=[format_percent(c, lang) for c in channels["conversion"]],
    )
    y = alt.Y("channel:N", title=t("pipeline.col.source", lang), sort="-x")
    tooltip = [
        alt.Tooltip("channel:N", title=t("pipeline.col.source", lang)),
        alt.Tooltip("talents:Q", title=t("pipeline.col.talents", lang)),
        alt.Tooltip("appointed:Q", title=t("pipeline.col.appointed", lang)),
        alt.Tooltip("conversion:Q", title=t("pipeline.col.conversion", lang), format=".0%"),
    ]
    base = alt.Chart(data, title=t("pipeline.channels.chart_title", lang))
    talents = base.mark_bar(color="#bfdbfe").encode(
        y=y, x=alt.X("talents:Q", title=t("pipeline.col.measure", lang)), tooltip=tooltip
    )
    appointed = base.mark_bar(color="#1d4ed8", height=10).encode(
        y=y, x="appointed:Q", tooltip=tooltip
    )
    conversion = base.mark_text(align="left", dx=4).encode(
        y=y, x="talents:Q", text="conversion_text:N"
    )
    return alt.layer(talents, appointed, conversion)
