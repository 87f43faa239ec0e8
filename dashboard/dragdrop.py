"""Drag-and-drop boards: the ONE place that knows which component draws them.

Today it is ``streamlit-sortables`` (0.3.1, ``sort_items(..., multi_containers=True)``);
swap it here and every board follows. A board is ``{column_id: [card, ...]}``; cards are
unique strings (callers map them back to their ids, e.g. with ``card_label``/``card_id``).

How a page uses it::

    show_notices("pipeline_board")   # dashboard.session: messages of the last drop
    moves = drag_board(columns, key="pipeline_board", headers=titles)
    if moves:
        for card, from_column, to_column in moves:
            ...  # write through the normal service; notify(..., place="pipeline_board")
        st.rerun()

After any drop the board is drawn afresh from ``columns`` on the next run, so a refused
move snaps back to where the database says the card is.
"""

import hashlib
import json
import re
from collections.abc import Mapping, Sequence

Move = tuple[str, str, str]  # (card, from_column, to_column)

_REVISION = "{key}__revision"
_ID_SUFFIX = re.compile(r"#(\d+)$")


def diff_moves(
    before: Mapping[str, Sequence[str]], after: Mapping[str, Sequence[str]]
) -> list[Move]:
    """The cards that changed column between two boards (reordering within a column is no move).

    Cards are listed in the order they appear in ``after``; a card missing from either
    board is ignored.
    """
    where_before = {card: column for column, cards in before.items() for card in cards}
    moves = []
    for column, cards in after.items():
        for card in cards:
            origin = where_before.get(card)
            if origin is not None and origin != column:
                moves.append((card, origin, column))
    return moves


def card_label(text: str, entity_id: int) -> str:
    """A unique card text: ``"Alice · coach #12"`` (the id after ``#`` keeps cards apart)."""
    return f"{text} #{entity_id}"


def card_id(card: str) -> int:
    """The id a ``card_label`` carries."""
    match = _ID_SUFFIX.search(card)
    if match is None:
        raise ValueError(f"not a board card: {card!r}")
    return int(match.group(1))


def _columns_from_value(value: object, column_ids: list[str]) -> dict[str, list[str]] | None:
    """Map the component's ``[{'header', 'items'}, ...]`` back to column ids (by position)."""
    if not isinstance(value, list) or len(value) != len(column_ids):
        return None
    result = {}
    for column_id, container in zip(column_ids, value, strict=True):
        if not isinstance(container, dict):
            return None
        result[column_id] = [str(card) for card in container.get("items", [])]
    return result


def drag_board(
    columns: Mapping[str, Sequence[str]],
    key: str,
    *,
    headers: Mapping[str, str] | None = None,
    direction: str = "horizontal",
) -> list[Move]:
    """Draw a board with one column per key of ``columns``; return the moves just dropped.

    ``headers`` gives each column's title (default: its id). Returns ``[]`` when nothing
    moved. Whenever moves are returned the board is re-mounted on the next run from the
    ``columns`` passed then, so the caller's verdict (saved or refused) is what shows.
    """
    import streamlit as st
    from streamlit_sortables import sort_items

    revision_key = _REVISION.format(key=key)
    revision = st.session_state.setdefault(revision_key, 0)
    column_ids = list(columns)
    items = [
        {"header": (headers or {}).get(column_id, column_id), "items": list(columns[column_id])}
        for column_id in column_ids
    ]
    value = sort_items(
        items,
        multi_containers=True,
        direction=direction,
        # the component keeps its own copy of the cards: a new key whenever the cards (or
        # the verdict on a drop) change makes it draw what the database says
        key=f"{key}__{revision}__{_fingerprint(items)}",
        custom_style=_STYLE,
    )
    after = _columns_from_value(value, column_ids)
    if after is None:
        return []
    moves = diff_moves(columns, after)
    if moves:
        st.session_state[revision_key] = revision + 1
    return moves


def static_board(
    columns: Mapping[str, Sequence[str]], key: str, *, headers: Mapping[str, str] | None = None
) -> None:
    """The same board, read-only: plain columns of cards that cannot be dragged (for whoever
    may not make the moves)."""
    import streamlit as st

    if not columns:
        return
    for column_id, place in zip(columns, st.columns(len(columns)), strict=True):
        with place.container(border=True, key=f"{key}__static_{column_id}"):
            st.text((headers or {}).get(column_id, column_id))
            for card in columns[column_id]:
                st.text(card)


def _fingerprint(items: list[dict]) -> str:
    text = json.dumps(items, ensure_ascii=False, sort_keys=True)
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


# Cards wrap their text and columns share the width, so long boards stay readable.
_STYLE = """
.sortable-component { gap: 0.5rem; }
.sortable-component.vertical { flex-wrap: nowrap; }
.sortable-component.vertical .sortable-container { flex: 1 1 0; min-width: 0; padding: 6px; }
.sortable-container { background: #f3f4f6; border-radius: 0.5rem; }
.sortable-container-header { font-weight: 600; padding: 0.25rem 0.5rem; }
.sortable-item { white-space: normal; font-size: 0.8rem; text-align: left; background: #ffffff;
                 color: #111827; border: 1px solid #d1d5db; }
"""
