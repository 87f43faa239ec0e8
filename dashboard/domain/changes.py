"""Plain changes to a table of rows keyed by their ids, and the rule that refuses a save
whose rows changed since the user saw them.

The UI layer builds a ``RowChanges`` from whatever widget the user edited; the domain's
grid services apply it without knowing the widget.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlite_utils import Database

from db.errors import ConflictError

Result = TypeVar("Result")


@dataclass
class RowChanges:
    """What a user changed in a table, keyed by row id.

    ``seen`` is every row as the user saw it (id → row, in the order shown); ``edited``
    maps an id to its changed fields; ``added`` are new rows (no id yet); ``deleted``
    lists ids. An id is never both edited and deleted.
    """

    seen: dict[Any, dict] = field(default_factory=dict)
    edited: dict[Any, dict] = field(default_factory=dict)
    added: list[dict] = field(default_factory=list)
    deleted: list[Any] = field(default_factory=list)

    @property
    def pending(self) -> bool:
        """Whether there is anything to save."""
        return bool(self.edited or self.added or self.deleted)


def stale(seen: dict[Any, dict], current: dict[Any, dict], columns: list[str]) -> bool:
    """Whether the table changed since it was seen: a row came or went, or one of
    ``columns`` of a row now holds another value."""
    if set(seen) != set(current):
        return True
    return any(
        seen[row_id].get(column) != current[row_id].get(column)
        for row_id in seen
        for column in columns
    )


def save_unless_stale(
    db: Database,
    changes: RowChanges,
    current: Callable[[], dict[Any, dict]],
    columns: list[str],
    write: Callable[[RowChanges], Result],
) -> Result:
    """Run ``write(changes)`` in one transaction, unless the rows ``current()`` reads
    inside it no longer match what was seen: then nothing is written and a
    ``ConflictError("grid.stale")`` says so."""
    with db.atomic():
        if stale(changes.seen, current(), columns):
            raise ConflictError("grid.stale")
        return write(changes)
