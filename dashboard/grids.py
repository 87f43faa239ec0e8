"""Editable grids: the one place that knows ``st.data_editor``.

The editor reports its diff (``edited_rows``, ``added_rows``, ``deleted_rows``) by row
*position* in the frame it was given. So every grid is shown through ``data_grid``, which
keeps the frame exactly as shown (with its id column) in session state, and saved through
``save_grid``, which translates the diff over that kept frame into ``RowChanges`` keyed by
row id and refuses the save when the rows no longer match what was shown.
"""

import math
from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st
from sqlite_utils import Database

from dashboard.domain.changes import RowChanges, save_unless_stale
from dashboard.i18n import t
from dashboard.session import run_write

SHOWN_PREFIX = "grid_shown_"  # session-state key prefix: (editor key, id column, frame shown)


def cell(value: object) -> object:
    """A grid cell as plain Python: NaN/NA → None, whole floats → int, numpy → Python."""
    if value is None:
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        return value
    if isinstance(value, float) and math.isfinite(value) and value == int(value):
        return int(value)
    if hasattr(value, "item"):
        return cell(value.item())
    return value


def frame_rows(frame: pd.DataFrame, id_column: str) -> dict[Any, dict]:
    """The frame's rows as plain dicts keyed by their id, in the frame's order."""
    rows = [{c: cell(v) for c, v in record.items()} for record in frame.to_dict("records")]
    return {row[id_column]: row for row in rows}


def _has_diff(editor_state: dict | None) -> bool:
    state = editor_state or {}
    return bool(state.get("edited_rows") or state.get("added_rows") or state.get("deleted_rows"))


def row_changes(shown: pd.DataFrame, editor_state: dict | None, id_column: str) -> RowChanges:
    """Translate the editor's positional diff over the frame ``shown`` into changes keyed
    by the ids in ``id_column``. Edits of a deleted row are dropped (deleting wins), and so
    are added rows the user left blank."""
    state = editor_state or {}
    seen = frame_rows(shown.reset_index(drop=True), id_column)
    ids = list(seen)
    deleted_at = sorted({int(position) for position in state.get("deleted_rows") or []})
    edited_at = {
        int(position): fields for position, fields in (state.get("edited_rows") or {}).items()
    }
    edited = {  # in the order shown
        ids[position]: {column: cell(value) for column, value in edited_at[position].items()}
        for position in sorted(edited_at)
        if position not in deleted_at
    }
    added = [
        {column: cell(value) for column, value in row.items()}
        for row in state.get("added_rows") or []
        if any(cell(value) not in (None, "") for value in row.values())
    ]
    return RowChanges(seen=seen, edited=edited, added=added, deleted=[ids[p] for p in deleted_at])


def data_grid(name: str, frame: pd.DataFrame, key: str, id_column: str, **options) -> None:
    """``st.data_editor`` over ``frame`` (its ``id_column`` hidden), remembering the frame
    as shown under ``name``.

    While the editor under ``key`` holds unsaved edits, the frame shown before them is
    shown again (not a fresher copy), so the editor's positions keep meaning the rows the
    user edited. Without edits, the fresh ``frame`` is shown and kept.
    """
    held = st.session_state.get(SHOWN_PREFIX + name)
    if held is None or held[0] != key or not _has_diff(st.session_state.get(key)):
        held = (key, id_column, frame.reset_index(drop=True))
        st.session_state[SHOWN_PREFIX + name] = held
    column_config = {id_column: None, **options.pop("column_config", {})}
    options.setdefault("hide_index", True)
    st.data_editor(held[2], key=key, column_config=column_config, **options)


def forget_grid(name: str) -> None:
    """Drop the frame kept for grid ``name`` (after a save or a reload)."""
    st.session_state.pop(SHOWN_PREFIX + name, None)


def pending_changes(name: str) -> RowChanges:
    """What the user changed in grid ``name`` so far, keyed by row id."""
    held = st.session_state.get(SHOWN_PREFIX + name)
    if held is None:
        return RowChanges()
    key, id_column, shown = held
    return row_changes(shown, st.session_state.get(key), id_column)


def save_grid(
    name: str,
    db: Database,
    current: Callable[[Database], pd.DataFrame],
    write: Callable[[RowChanges], object],
    ignore: tuple[str, ...] = (),
) -> object | None:
    """Save grid ``name`` through ``write`` (given the changes keyed by id) in one
    transaction, or say why not: nothing changed, or the table changed since it was shown.

    :param current: builds the grid's frame afresh from ``db``, as it would be shown now.
    :param ignore: columns whose change does not make the table stale (derived counts).
    :returns: what ``write`` returned, or ``None`` when nothing was saved.
    """
    held = st.session_state.get(SHOWN_PREFIX + name)
    changes = pending_changes(name)
    if not changes.pending:
        st.info(t("common.no_changes"))
        return None
    id_column, shown = held[1], held[2]
    columns = [column for column in shown.columns if column not in ignore]
    return run_write(
        lambda: save_unless_stale(
            db, changes, lambda: frame_rows(current(db), id_column), columns, write
        )
    )
