"""The one translator of data-editor diffs (dashboard.grids) and the staleness rule
(dashboard.domain.changes), with plain frames and dicts; the guarded save on a real file."""

import pandas as pd
import pytest

from dashboard.domain.changes import RowChanges, save_unless_stale, stale
from dashboard.grids import frame_rows, row_changes
from db.errors import ConflictError


def targets(names: dict[int | None, str], values: dict[int | None, float | None]) -> pd.DataFrame:
    """A targets grid as the board shows it: groups by name, the default row first."""
    order = [None, *sorted((g for g in names if g is not None), key=names.__getitem__)]
    frame = pd.DataFrame(
        [{"group_id": g, "group": names[g], "new_members": values.get(g)} for g in order]
    )
    frame["group_id"] = frame["group_id"].astype("Int64")
    return frame


NAMES = {None: "(default)", 1: "Alpha", 2: "Beta", 3: "Gamma"}


def test_edits_are_keyed_by_the_id_of_the_row_shown() -> None:
    shown = targets(NAMES, {1: 10.0})
    # B types 30 in Gamma's row (position 3 of the grid as shown)
    changes = row_changes(shown, {"edited_rows": {"3": {"new_members": 30.0}}}, "group_id")
    assert changes.edited == {3: {"new_members": 30}}
    assert changes.seen[3] == {"group_id": 3, "group": "Gamma", "new_members": None}
    assert list(changes.seen) == [None, 1, 2, 3]


def test_a_reordered_base_would_put_the_value_on_another_group() -> None:
    """The issue's defect: position 3 meant Gamma when B typed; after A renames Alpha to
    Zeta the re-read grid has Zeta at position 3. Translating over the frame as shown keeps
    Gamma, and the rename makes the table stale."""
    shown = targets(NAMES, {})
    reread = targets({**NAMES, 1: "Zeta"}, {})
    edit = {"edited_rows": {3: {"new_members": 30.0}}}
    assert list(row_changes(reread, edit, "group_id").edited) == [1]  # the old, wrong row
    changes = row_changes(shown, edit, "group_id")
    assert list(changes.edited) == [3]
    assert stale(changes.seen, frame_rows(reread, "group_id"), list(shown.columns))


def test_deleted_rows_win_over_edits_and_blank_added_rows_are_dropped() -> None:
    shown = pd.DataFrame({"id": [7, 8, 9], "day": ["2026-06-01", "2026-06-02", "2026-06-03"]})
    shown["value"] = [1.5, float("nan"), 3.0]
    state = {
        "edited_rows": {0: {"value": 2.0}, "1": {"value": 4.25}},
        "added_rows": [{"day": "2026/6/4", "value": 5}, {"day": None, "value": None}],
        "deleted_rows": [1, 2],
    }
    changes = row_changes(shown, state, "id")
    assert changes.edited == {7: {"value": 2}}
    assert changes.deleted == [8, 9]
    assert changes.added == [{"day": "2026/6/4", "value": 5}]
    assert changes.seen[8] == {"id": 8, "day": "2026-06-02", "value": None}
    assert changes.pending


def test_no_editor_state_is_no_change() -> None:
    changes = row_changes(targets(NAMES, {}), None, "group_id")
    assert not changes.pending
    assert changes.edited == {} and changes.added == [] and changes.deleted == []


def test_stale_when_a_row_came_went_or_changed_but_not_by_an_ignored_column() -> None:
    seen = {1: {"id": 1, "name": "A", "head_count": 3}, 2: {"id": 2, "name": "B", "head_count": 1}}
    columns = ["id", "name"]
    assert not stale(seen, {**seen}, columns)
    assert not stale(seen, {**seen, 2: {"id": 2, "name": "B", "head_count": 9}}, columns)
    assert stale(seen, {**seen, 2: {"id": 2, "name": "B2", "head_count": 1}}, columns)
    assert stale(seen, {1: seen[1]}, columns)
    assert stale(seen, {**seen, 3: {"id": 3, "name": "C", "head_count": 0}}, columns)


def test_a_stale_save_writes_nothing(db) -> None:
    db.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    db.execute("INSERT INTO notes VALUES (1, 'seen')")
    seen = {1: {"id": 1, "body": "seen"}}
    changes = RowChanges(seen=seen, edited={1: {"body": "mine"}})

    def current() -> dict:
        return {r[0]: {"id": r[0], "body": r[1]} for r in db.execute("SELECT * FROM notes")}

    def write(plain: RowChanges) -> int:
        for note_id, fields in plain.edited.items():
            db.execute("UPDATE notes SET body = ? WHERE id = ?", [fields["body"], note_id])
        return len(plain.edited)

    db.execute("UPDATE notes SET body = 'theirs' WHERE id = 1")  # another session saved first
    with pytest.raises(ConflictError) as refused:
        save_unless_stale(db, changes, current, ["id", "body"], write)
    assert refused.value.key == "grid.stale"
    assert current() == {1: {"id": 1, "body": "theirs"}}
    fresh = RowChanges(seen=current(), edited={1: {"body": "mine"}})
    assert save_unless_stale(db, fresh, current, ["id", "body"], write) == 1
    assert current() == {1: {"id": 1, "body": "mine"}}
