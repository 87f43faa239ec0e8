"""Loaders, translators and picture builders for the org structure page.

Pure functions (``tree_dot``, ``tree_layout``, ``tree_svg``, ``tree_png``, ``grid_frame``,
``board_columns``, ``history_frame``) take plain frames and dicts, so they
are tested without Streamlit; loaders read through ``dashboard.session.reading``.
"""

import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

import pandas as pd
from sqlite_utils import Database

from dashboard.i18n import label, t
from dashboard.i18n.formats import localized
from dashboard.session import loader, reading
from db import audit
from db import org as store

TIER_COLOURS = {"management": "#1f4e79", "core": "#2e75b6", "ordinary": "#9dc3e6"}
TIER_ORDER = ("management", "core", "ordinary")
GROUP_COLUMNS = [
    "id", "name", "tier", "parent_id", "parent_name", "purpose", "platform", "capacity",
    "created_on", "archived_on", "version", "head_count", "lead_name", "owner_id",
]  # fmt: skip
MEMBER_COLUMNS = [
    "id", "person_id", "person_name", "person_status", "group_id", "group_name", "group_tier",
    "role_id", "role_code", "role_name", "role_name_zh", "start_on",
]  # fmt: skip
STRUCTURE_ENTITIES = ("group", "person", "membership")

# ---------------------------------------------------------------- loaders


@loader()
def groups_frame(path: str, include_archived: bool = False) -> pd.DataFrame:
    """Groups with head count and lead, one row each."""
    with reading(path) as db:
        rows = store.groups(db, include_archived=include_archived)
    return pd.DataFrame(rows, columns=GROUP_COLUMNS)


@loader()
def members_frame(path: str) -> pd.DataFrame:
    """Open memberships with person, group and role names."""
    with reading(path) as db:
        rows = store.memberships(db)
    return pd.DataFrame(rows, columns=MEMBER_COLUMNS)


@loader()
def people_frame(path: str) -> pd.DataFrame:
    """Everybody, with status (leavers included, for the history filter)."""
    with reading(path) as db:
        rows = store.people(db)
    return pd.DataFrame(rows, columns=["id", "name", "status", "joined_on", "left_on"])


@loader()
def roles_list(path: str) -> list[dict]:
    """The role catalogue."""
    with reading(path) as db:
        return store.roles(db)


@loader(ttl=60)
def history_rows(
    path: str,
    group_id: int | None = None,
    person_id: int | None = None,
    since: str | None = None,
    until: str | None = None,
) -> list[dict]:
    """Audit rows of the structure, newest first, filtered."""
    with reading(path) as db:
        return audit.history(
            db, entities=STRUCTURE_ENTITIES, group_id=group_id, person_id=person_id,
            since=since, until=until,
        )  # fmt: skip


@loader()
def all_group_names(path: str) -> dict[int, str]:
    """Every group's name by id, archived ones too (for the history)."""
    with reading(path) as db:
        return {g["id"]: g["name"] for g in store.groups(db, include_archived=True)}


# ---------------------------------------------------------------- the tree


def role_label(role: dict, lang: str) -> str:
    """A role's name in the language."""
    return localized(role, "name", lang)


def _dot_text(value: object) -> str:
    return str(value).replace("\\", "\\\\").replace('"', '\\"')


def _node_lines(row, lang: str) -> list[str]:
    capacity = f"/{int(row.capacity)}" if pd.notna(row.capacity) else ""
    lead = row.lead_name if isinstance(row.lead_name, str) else t("common.none", lang)
    return [str(row.name), f"{label('tier', row.tier, lang)} · {row.head_count}{capacity}", lead]


def _visible(
    groups: pd.DataFrame, tiers: list[str] | None, collapsed: set[int]
) -> tuple[pd.DataFrame, dict[int, tuple[int, int]]]:
    """The groups drawn, and for each collapsed group (groups, people) hidden below it."""
    shown = groups if not tiers else groups[groups["tier"].isin(tiers)]
    hidden_below: dict[int, tuple[int, int]] = {}
    hidden: set[int] = set()
    for group_id in collapsed:
        below = groups[groups["parent_id"] == group_id]
        if below.empty or group_id not in set(shown["id"]):
            continue
        hidden |= set(below["id"])
        hidden_below[group_id] = (len(below), int(below["head_count"].sum()))
    return shown[~shown["id"].isin(hidden)], hidden_below


def tree_dot(
    groups: pd.DataFrame,
    lang: str,
    tiers: list[str] | None = None,
    collapsed: set[int] | frozenset[int] = frozenset(),
) -> str:
    """Graphviz source of the management → core → ordinary tree; each box shows the group,
    its head count (and capacity) and its lead. A collapsed group shows one summary box for
    the groups under it."""
    shown, hidden_below = _visible(groups, tiers, set(collapsed))
    lines = [
        "digraph org {",
        '  rankdir="LR"; nodesep=0.15; ranksep=0.6;',
        '  node [shape=box, style="rounded,filled", fontname="Noto Sans CJK SC, sans-serif", fontsize=11];',
    ]
    ids = set(shown["id"])
    for row in shown.itertuples():
        text = "\\n".join(_dot_text(line) for line in _node_lines(row, lang))
        font = "white" if row.tier != "ordinary" else "black"
        lines.append(
            f'  g{row.id} [label="{text}", fillcolor="{TIER_COLOURS[row.tier]}", fontcolor="{font}"];'
        )
    for row in shown.itertuples():
        if pd.notna(row.parent_id) and int(row.parent_id) in ids:
            lines.append(f"  g{int(row.parent_id)} -> g{row.id};")
    for group_id, (count, people) in sorted(hidden_below.items()):
        text = _dot_text(t("org.tree.collapsed_node", lang, groups=count, people=people))
        lines.append(
            f'  more{group_id} [label="{text}", style="rounded,dashed", fillcolor="white"];'
        )
        lines.append(f"  g{group_id} -> more{group_id} [style=dashed];")
    lines.append("}")
    return "\n".join(lines)


@dataclass
class TreeLayout:
    """Boxes and links of the tree placed left to right, for SVG and PNG export."""

    width: int
    height: int
    boxes: list[dict] = field(default_factory=list)  # x, y, w, h, lines, fill, ink, dashed
    links: list[tuple[float, float, float, float]] = field(default_factory=list)


BOX_W, BOX_H, GAP_X, GAP_Y, MARGIN = 190, 58, 60, 12, 16


def tree_layout(
    groups: pd.DataFrame,
    lang: str,
    tiers: list[str] | None = None,
    collapsed: set[int] | frozenset[int] = frozenset(),
) -> TreeLayout:
    """Place the tree: one column per depth, leaves stacked, each parent centred on its
    children (the same boxes as ``tree_dot``)."""
    shown, hidden_below = _visible(groups, tiers, set(collapsed))
    ids = set(shown["id"])
    rows = {int(r.id): r for r in shown.itertuples()}
    kids: dict[int | None, list[int]] = {}
    for row in shown.itertuples():
        parent = (
            int(row.parent_id) if pd.notna(row.parent_id) and int(row.parent_id) in ids else None
        )
        kids.setdefault(parent, []).append(int(row.id))
    for group_id in hidden_below:
        kids.setdefault(group_id, []).append(-group_id)  # the summary box
    layout = TreeLayout(0, 0)
    next_y = [MARGIN]
    depth_max = [0]

    def place(node: int, depth: int) -> float:
        depth_max[0] = max(depth_max[0], depth)
        children = kids.get(node, [])
        if children:
            centres = [place(child, depth + 1) for child in children]
            y = (centres[0] + centres[-1]) / 2 - BOX_H / 2
        else:
            y = next_y[0]
            next_y[0] += BOX_H + GAP_Y
        x = MARGIN + depth * (BOX_W + GAP_X)
        if node < 0:
            count, people = hidden_below[-node]
            lines = [t("org.tree.collapsed_node", lang, groups=count, people=people)]
            box = {"fill": "#ffffff", "ink": "#1f2937", "dashed": True}
        else:
            row = rows[node]
            lines = _node_lines(row, lang)
            ink = "#ffffff" if row.tier != "ordinary" else "#111827"
            box = {"fill": TIER_COLOURS[row.tier], "ink": ink, "dashed": False}
        layout.boxes.append({"x": x, "y": y, "w": BOX_W, "h": BOX_H, "lines": lines, **box})
        for child_centre in centres if children else []:
            layout.links.append((x + BOX_W, y + BOX_H / 2, x + BOX_W + GAP_X, child_centre))
        return y + BOX_H / 2

    for root in kids.get(None, []):
        place(root, 0)
    layout.width = int(2 * MARGIN + (depth_max[0] + 1) * BOX_W + depth_max[0] * GAP_X)
    layout.height = int(max(next_y[0], MARGIN + BOX_H) - GAP_Y + MARGIN)
    return layout


def tree_svg(layout: TreeLayout) -> str:
    """The laid-out tree as a standalone SVG document."""
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{layout.width}" height="{layout.height}"'
        f' viewBox="0 0 {layout.width} {layout.height}"'
        ' font-family="Noto Sans CJK SC, Microsoft YaHei, sans-serif" font-size="12">',
        f'<rect width="{layout.width}" height="{layout.height}" fill="#ffffff"/>',
    ]
    for x1, y1, x2, y2 in layout.links:
        middle = (x1 + x2) / 2
        parts.append(
            f'<path d="M{x1:.0f},{y1:.0f} C{middle:.0f},{y1:.0f} {middle:.0f},{y2:.0f}'
            f' {x2:.0f},{y2:.0f}" fill="none" stroke="#6b7280"/>'
        )
    for box in layout.boxes:
        dash = ' stroke-dasharray="4 3"' if box["dashed"] else ""
        parts.append(
            f'<rect x="{box["x"]:.0f}" y="{box["y"]:.0f}" width="{box["w"]}" height="{box["h"]}"'
            f' rx="8" fill="{box["fill"]}" stroke="#374151"{dash}/>'
        )
        for index, line in enumerate(box["lines"]):
            weight = ' font-weight="bold"' if index == 0 else ""
            parts.append(
                f'<text x="{box["x"] + 10:.0f}" y="{box["y"] + 17 + 16 * index:.0f}"'
                f' fill="{box["ink"]}"{weight}>{escape(line)}</text>'
            )
    parts.append("</svg>")
    return "\n".join(parts)


CJK_FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")


def tree_png(layout: TreeLayout, scale: int = 2) -> bytes:
    """The laid-out tree as a PNG (drawn with Pillow; CJK text needs ``fonts-noto-cjk``)."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", (layout.width * scale, layout.height * scale), "white")
    draw = ImageDraw.Draw(image)
    try:
        font = ImageFont.truetype(str(CJK_FONT), 12 * scale)
    except OSError:
        font = ImageFont.load_default(12 * scale)
    for x1, y1, x2, y2 in layout.links:
        points = [
            (
                scale * (x1 + (x2 - x1) * s),
                scale * (y1 + (y2 - y1) * (3 * s * s - 2 * s * s * s)),
            )
            for s in (i / 16 for i in range(17))
        ]
        draw.line(points, fill="#6b7280", width=scale)
    for box in layout.boxes:
        x, y = scale * box["x"], scale * box["y"]
        draw.rounded_rectangle(
            (x, y, x + scale * box["w"], y + scale * box["h"]),
            radius=8 * scale,
            fill=box["fill"],
            outline="#374151",
            width=scale,
        )
        for index, line in enumerate(box["lines"]):
            draw.text(
                (x + 10 * scale, y + scale * (5 + 16 * index)), line, fill=box["ink"], font=font
            )
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


# ---------------------------------------------------------------- the groups grid

GRID_COLUMNS = [
    "id", "version", "name", "tier", "parent_id", "purpose", "platform", "capacity",
    "head_count", "lead_name", "owner_id",
]  # fmt: skip


def grid_frame(groups: pd.DataFrame, order: list[int] | None = None) -> pd.DataFrame:
    """The groups as the editor shows them (ids and versions kept, hidden).

    :param order: group ids to show first, in this order (the rows as they stood before a
        save, then the groups it created), so a saved row keeps its place.
    """
    frame = groups[GRID_COLUMNS].copy()
    if order:
        place = {group_id: index for index, group_id in enumerate(order)}
        frame = frame.sort_values(
            "id", key=lambda ids: ids.map(place).fillna(len(place)), kind="stable"
        )
    frame = frame.reset_index(drop=True)
    frame["parent_id"] = frame["parent_id"].astype("Int64")
    frame["capacity"] = frame["capacity"].astype("Int64")
    frame["owner_id"] = frame["owner_id"].astype("Int64")
    frame["purpose"] = frame["purpose"].fillna("").astype(object)
    frame["platform"] = frame["platform"].fillna("").astype(object)
    frame["lead_name"] = frame["lead_name"].astype(object)
    return frame


def current_grid_frame(db: Database) -> pd.DataFrame:
    """The groups grid as it would be shown now, read on ``db`` (not from a cache)."""
    return grid_frame(pd.DataFrame(store.groups(db), columns=GROUP_COLUMNS))


def person_labels(people: pd.DataFrame) -> dict[int, str]:
    """Each person's name, with ``#id`` added where two people share a name."""
    counts = people["name"].value_counts()
    return {
        int(pid): name if counts[name] == 1 else f"{name} #{pid}"
        for pid, name in zip(people["id"], people["name"], strict=True)
    }


# ---------------------------------------------------------------- the people board


def board_columns(
    members: pd.DataFrame, group_ids: list[int], lang: str
) -> tuple[dict[str, list[str]], dict[str, int]]:
    """One column per group (by id, as text) of person cards, and each card's membership id.

    A card reads ``name · role #person_id``; if the same text would appear twice, the
    membership id is added so every card stays unique.
    """
    columns: dict[str, list[str]] = {str(group_id): [] for group_id in group_ids}
    card_membership: dict[str, int] = {}
    chosen = members[members["group_id"].isin(group_ids)].sort_values(
        ["group_id", "person_name", "id"]
    )
    for row in chosen.itertuples():
        role = localized(row._asdict(), "role_name", lang)
        card = f"{row.person_name} · {role} #{row.person_id}"
        if card in card_membership:
            card = f"{row.person_name} · {role} · m{row.id} #{row.person_id}"
        card_membership[card] = int(row.id)
        columns[str(row.group_id)].append(card)
    return columns, card_membership


# ---------------------------------------------------------------- the history

_FIELDS = ("name", "parent_id", "purpose", "platform", "capacity", "tier", "archived_on",
           "status", "exit_reason", "exit_note", "left_on", "handle", "source")  # fmt: skip


def _load(text: str | None) -> dict:
    return json.loads(text) if text else {}


def _field_value(name: str, value: object, groups: dict[int, str], lang: str) -> str:
    if value is None or value == "":
        return t("common.none", lang)
    if name in ("parent_id", "group_id", "to_group_id"):
        return groups.get(int(value), f"#{value}")
    if name == "tier":
        return label("tier", str(value), lang)
    if name == "status":
        return label("status", str(value), lang)
    if name == "exit_reason":
        return label("exit", str(value), lang)
    if name == "source":
        return label("source", str(value), lang)
    return str(value)


def _fields_text(values: dict, names: list[str], groups: dict[int, str], lang: str) -> str:
    return "; ".join(
        f"{t('org.field.' + name, lang)}: {_field_value(name, values.get(name), groups, lang)}"
        for name in names
    )


def history_frame(
    rows: list[dict],
    *,
    groups: dict[int, str],
    people: dict[int, str],
    roles: dict[int, str],
    lang: str,
) -> pd.DataFrame:
    """Audit rows as "when, who, what, from, to", with names instead of ids. A move or role
    change is one line (its closing half is folded into the opening half)."""
    paired = {
        _load(row["before_json"]).get("membership_id")
        for row in rows
        if row["action"] in ("move_in", "role_in")
    }
    lines = []
    for row in rows:
        before, after = _load(row["before_json"]), _load(row["after_json"])
        action, entity = row["action"], row["entity"]
        if action in ("move_out", "role_out") and row["entity_id"] in paired:
            continue
        person = people.get(row["person_id"], "") if row["person_id"] else ""
        group = groups.get(row["group_id"], "") if row["group_id"] else ""
        what, old, new = "", "", ""
        if entity == "group":
            what = groups.get(row["entity_id"], f"#{row['entity_id']}")
            if action == "create":
                old = ""
                new = _fields_text(
                    after, [k for k in ("name", "tier", "parent_id") if k in after], groups, lang
                )
            else:
                names = [k for k in _FIELDS if k in before or k in after]
                old = _fields_text(before, names, groups, lang)
                new = _fields_text(after, names, groups, lang)
        elif entity == "person":
            what = people.get(row["entity_id"], f"#{row['entity_id']}")
            names = [k for k in _FIELDS if k in after]
            old = _fields_text(before, names, groups, lang) if before else ""
            new = _fields_text(after, names, groups, lang)
        else:
            what = f"{person} · {group}" if action in ("role_in", "role_out") else person
            if action == "join":
                new = f"{group} ({roles.get(after.get('role_id'), '')})"
            elif action == "leave":
                old = f"{group} ({roles.get(before.get('role_id'), '')})"
                new = t("org.history.ended", lang, day=after.get("end_on", ""))
            elif action == "move_in":
                old = groups.get(before.get("group_id"), "")
                new = group
            elif action == "move_out":
                old = group
                new = groups.get(after.get("to_group_id"), "")
            elif action == "role_in":
                old = roles.get(before.get("role_id"), "")
                new = roles.get(after.get("role_id"), "")
            elif action == "role_out":
                old = roles.get(before.get("role_id"), "")
                new = roles.get(after.get("to_role_id"), "")
        action_key = f"org.action.{action}"
        lines.append(
            {
                t("org.history.when", lang): row["at"].replace("T", " ")[:16],
                t("org.history.who", lang): (
                    f"{row['display_name']} ({row['username']})"
                    if row.get("display_name")
                    else row["username"]
                ),
                t("org.history.action", lang): t(action_key, lang),
                t("org.history.what", lang): what,
                t("org.history.from", lang): old,
                t("org.history.to", lang): new,
            }
        )
    columns = [t(f"org.history.{c}", lang) for c in ("when", "who", "action", "what", "from", "to")]
    return pd.DataFrame(lines, columns=columns)
