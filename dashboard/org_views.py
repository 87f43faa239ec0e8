"""Loaders and picture builders for the org structure page."""

import pandas as pd

from dashboard.i18n import label, t
from dashboard.session import loader, reading
from db import org as store

TIER_COLOURS = {"management": "#1f4e79", "core": "#2e75b6", "ordinary": "#9dc3e6"}


@loader()
def groups_frame(path: str, include_archived: bool = False) -> pd.DataFrame:
    """Groups with head count and lead, one row each."""
    with reading(path) as db:
        rows = store.groups(db, include_archived=include_archived)
    columns = [
        "id", "name", "tier", "parent_id", "parent_name", "purpose", "platform", "capacity",
        "created_on", "archived_on", "version", "head_count", "lead_name",
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=columns)


def _dot_text(value: object) -> str:
    return str(value).replace("\\", "\\\\").replace('"', '\\"')


def tree_dot(groups: pd.DataFrame, lang: str, tiers: list[str] | None = None) -> str:
    """Graphviz source of the management → core → ordinary tree; each box shows the group,
    its head count (and capacity) and its lead."""
    shown = groups if not tiers else groups[groups["tier"].isin(tiers)]
    lines = [
        "digraph org {",
        '  rankdir="LR"; nodesep=0.15; ranksep=0.6;',
        '  node [shape=box, style="rounded,filled", fontname="Noto Sans CJK SC, sans-serif", fontsize=11];',
    ]
    ids = set(shown["id"])
    for row in shown.itertuples():
        capacity = f"/{int(row.capacity)}" if pd.notna(row.capacity) else ""
        lead = row.lead_name if isinstance(row.lead_name, str) else t("common.none", lang)
        text = f"{row.name}\\n{label('tier', row.tier, lang)} · {row.head_count}{capacity}\\n{lead}"
        font = "white" if row.tier != "ordinary" else "black"
        lines.append(
            f'  g{row.id} [label="{_dot_text(text).replace(chr(92) * 2 + "n", chr(92) + "n")}",'
            f' fillcolor="{TIER_COLOURS[row.tier]}", fontcolor="{font}"];'
        )
    for row in shown.itertuples():
        if pd.notna(row.parent_id) and int(row.parent_id) in ids:
            lines.append(f"  g{int(row.parent_id)} -> g{row.id};")
    lines.append("}")
    return "\n".join(lines)
