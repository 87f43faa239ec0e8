"""Loaders, frames, charts and small widgets of the handover manuals page."""

from datetime import date

import pandas as pd
import streamlit as st

from dashboard.domain import manuals as rules
from dashboard.i18n import t
from dashboard.i18n.formats import localized
from dashboard.session import loader, reading, stored
from dashboard.vega import DATA, field, layered, records
from db import manuals as store
from db import org

STATUS_COLOURS = {"missing": "#c0392b", "stale": "#e67e22", "current": "#2e86c1"}
CHANGE_COLOURS = {
    "insert": "background-color: #e6ffec",
    "delete": "background-color: #ffebe9",
    "replace": "background-color: #fff8c5",
    "equal": "",
    "skip": "background-color: #f0f2f6",
}


# ---------------------------------------------------------------- loaders


role_manuals = stored(store.role_manuals)
manual_versions = stored(store.versions)
handovers = stored(store.handovers)
handover_items = stored(store.items)
pinned_manual = stored(store.version)
live_groups = stored(org.groups)


@loader()
def group_members(path: str, group_id: int) -> list[dict]:
    """Open memberships of a group with person and role names."""
    with reading(path) as db:
        return org.memberships(db, group_id=group_id)


# ---------------------------------------------------------------- frames and charts


def role_label(role: dict, lang: str) -> str:
    """A role's name in the user's language."""
    return localized(role, "name", lang)


def meta_text(version: dict, reviewed_on: str | None) -> str:
    """A manual version's number, author and date, and when the role's manual was last
    reviewed (the line under a shown or printed manual)."""
    return t(
        "manual.meta",
        version=version["version"],
        author=version["author"],
        created=version["created_on"],
        reviewed=reviewed_on,
    )


def status_frame(manuals: list[dict], today: date, stale_days: int, lang: str) -> pd.DataFrame:
    """One row per role: name, key role, version, author, dates, days since review, status."""
    rows = []
    for manual in manuals:
        status = rules.manual_status(manual, today, stale_days)
        rows.append(
            {
                "role_id": manual["role_id"],
                "role": role_label(manual, lang),
                "is_key": bool(manual["is_key"]),
                "version": manual["version"],
                "author": manual["author"],
                "saved": manual["created_on"],
                "reviewed": manual["last_reviewed_on"],
                "days": rules.days_since_review(manual, today),
                "status": status,
                "status_label": t(f"manual.status.{status}", lang),
            }
        )
    columns = [
        "role_id",
        "role",
        "is_key",
        "version",
        "author",
        "saved",
        "reviewed",
        "days",
        "status",
        "status_label",
    ]
    frame = pd.DataFrame(rows, columns=columns)
    frame["days"] = frame["days"].astype("Int64")
    frame["version"] = frame["version"].astype("Int64")
    return frame


def freshness_chart(frame: pd.DataFrame, stale_days: int, lang: str = "en") -> dict:
    """Bars of days since each manual's last review, coloured by status, with the staleness
    line; key roles without a manual show as a red mark at zero (other roles without one
    are left out: nobody expects a manual for them). Vega-Lite (``dashboard.vega``): the
    Altair chart it replaces is in the tests, which check that the spec matches."""
    shown = frame[frame["is_key"] | frame["version"].notna()]
    data = shown.assign(days=shown["days"].fillna(0).astype(int))
    status_names = [t(f"manual.status.{s}", lang) for s in STATUS_COLOURS]
    role = t("manual.col.role", lang)
    bars = {
        "data": {"name": DATA},
        "mark": {"type": "bar"},
        "encoding": {
            "color": field(
                "status_label",
                "nominal",
                scale={"domain": status_names, "range": list(STATUS_COLOURS.values())},
                title=t("manual.col.status", lang),
            ),
            "tooltip": [
                field("role", "nominal", title=role),
                field("version", "quantitative", title=t("manual.col.version", lang)),
                field("reviewed", "nominal", title=t("manual.col.reviewed", lang)),
                field("status_label", "nominal", title=t("manual.col.status", lang)),
            ],
            "x": field("days", "quantitative", title=t("manual.col.days", lang)),
            "y": field("role", "nominal", sort=None, title=role),
        },
    }
    missing = {
        "data": {"name": "missing"},
        "mark": {
            "type": "point",
            "color": STATUS_COLOURS["missing"],
            "filled": True,
            "shape": "cross",
            "size": 120,
        },
        "encoding": {
            "x": field("days", "quantitative"),
            "y": field("role", "nominal", sort=None),
        },
    }
    line = {
        "data": {"name": "stale_line"},
        "mark": {"type": "rule", "color": "#7f8c8d", "strokeDash": [4, 4]},
        "encoding": {"x": field("days", "quantitative")},
    }
    datasets = {
        DATA: records(data),
        "missing": records(data[data["status"] == "missing"]),
        "stale_line": [{"days": stale_days}],
    }
    return layered(
        [bars, missing, line],
        datasets,
        height={"step": 26},
        title=t("manual.chart.title", lang),
    )


def diff_frame(rows: list[dict], lang: str) -> pd.DataFrame:
    """A side-by-side diff as a table with localised headers and change names (a left-out
    run of unchanged lines as one ``⋯`` row saying how many)."""
    frame = pd.DataFrame(rows, columns=["old_no", "old", "new_no", "new", "change"])
    skipped = frame["change"] == "skip"
    frame.loc[skipped, ["old", "new"]] = "⋯"
    frame["change"] = [
        t("manual.change.skip", lang, count=row["skipped"])
        if row["change"] == "skip"
        else t(f"manual.change.{row['change']}", lang)
        for row in rows
    ]
    frame["old_no"] = frame["old_no"].astype("Int64")
    frame["new_no"] = frame["new_no"].astype("Int64")
    return frame.rename(
        columns={
            "old_no": t("manual.diff.old_no", lang),
            "old": t("manual.diff.old", lang),
            "new_no": t("manual.diff.new_no", lang),
            "new": t("manual.diff.new", lang),
            "change": t("manual.diff.change", lang),
        }
    )


def diff_styler(rows: list[dict], lang: str):
    """The side-by-side table coloured by change: green added, red removed, yellow changed."""
    frame = diff_frame(rows, lang)
    colours = [CHANGE_COLOURS[row["change"]] for row in rows]
    return frame.style.apply(lambda column: colours, axis=0)


def acknowledged_by(handover: dict, lang: str) -> str:
    """Who acknowledged a handover: the successor's account, or "admin on behalf of …"."""
    if not handover.get("acknowledged_by"):
        return ""
    if handover.get("acknowledged_on_behalf"):
        return t(
            "manual.handover.on_behalf",
            lang,
            user=handover["acknowledged_by"],
            name=handover["to_name"],
        )
    return handover["acknowledged_by"]


def handover_frame(rows: list[dict], lang: str) -> pd.DataFrame:
    """Closed handovers as a table."""
    records = []
    for row in rows:
        outcome = "acknowledged" if row["acknowledged_on"] else "cancelled"
        records.append(
            {
                t("manual.col.role", lang): localized(row, "role_name", lang),
                t("manual.col.group", lang): row["group_name"],
                t("manual.col.from", lang): row["from_name"] or t("manual.handover.nobody", lang),
                t("manual.col.to", lang): row["to_name"],
                t("manual.col.started", lang): row["started_on"],
                t("manual.col.closed", lang): row["acknowledged_on"] or row["cancelled_on"],
                t("manual.col.outcome", lang): t(f"manual.outcome.{outcome}", lang),
                t("manual.col.acknowledged_by", lang): acknowledged_by(row, lang),
                t("manual.col.version", lang): row["manual_version"],
            }
        )
    return pd.DataFrame(records)


# ---------------------------------------------------------------- widgets


def show_manual(body_md: str) -> None:
    """Render a manual's Markdown with HTML and scripts made inert."""
    st.markdown(rules.inert_markdown(body_md))


def secret_lines(findings: list[rules.SecretFinding]) -> str:
    """The secret findings as a Markdown list in the user's language."""
    return "\n".join(
        f"- {t('manual.secret.line', line=f.line)}: "
        f"{t(f'manual.secret.{f.kind}', excerpt=f.masked)}"
        for f in findings
    )
