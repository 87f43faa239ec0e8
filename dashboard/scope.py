"""What the signed-in user may change, so that a page offers only that.

The rule is ``db.access.writable_group_ids`` (what every write enforces): ``None`` means every
group, an empty set none (a viewer), otherwise a lead's subtree. These helpers only read that
set; they do not decide anything of their own.
"""

from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

Row = TypeVar("Row")


def can_write_group(writable: set[int] | None, group_id: int | None) -> bool:
    """Whether a group lies in ``writable`` (``None``: every group)."""
    if writable is None:
        return True
    return group_id is not None and int(group_id) in writable


def can_write_any(writable: set[int] | None) -> bool:
    """Whether the user may change anything at all (not a viewer)."""
    return writable is None or bool(writable)


def in_scope(ids: Iterable[int], writable: set[int] | None) -> list[int]:
    """The group ids the user may change, in their order."""
    return [gid for gid in ids if can_write_group(writable, gid)]


def in_scope_first(
    rows: Sequence[Row],
    writable: set[int] | None,
    group_of: Callable[[Row], int | None] = lambda row: row["group_id"],  # type: ignore[index]
) -> list[Row]:
    """``rows`` with those in the user's scope first, each part in its original order."""
    return sorted(rows, key=lambda row: not can_write_group(writable, group_of(row)))
