"""The org tree as pictures: Graphviz source for the page, and a laid-out tree exported as
SVG and PNG. Pure functions of the groups frame (``org_views.groups_frame``), tested without
Streamlit."""

import io
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

import pandas as pd

from dashboard.i18n import label, t

TIER_COLOURS = {"management": "#1f4e79", "core": "#2e75b6", "ordinary": "#9dc3e6"}
TIER_ORDER = ("management", "core", "ordinary")


def _dot_text(value: object) -> str:
    return str(value).replace("\\", "\\\\").replace('"', '\\"')


def stage_text(stage: str, months: int, lang: str) -> str:
    """A group's stage and age as the tree and the grid show it, e.g. ``成长期 · 7 个月``."""
    return t("org.tree.age", lang, stage=t(f"org.stage.{stage}", lang), months=months)


def _node_lines(row, lang: str) -> list[str]:
    capacity = f"/{int(row.capacity)}" if pd.notna(row.capacity) else ""
    lead = row.lead_name if isinstance(row.lead_name, str) else t("common.none", lang)
    if isinstance(getattr(row, "stage", None), str):  # the lifecycle badge, when known
        lead = f"{lead} · {stage_text(row.stage, row.age_months, lang)}"
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
