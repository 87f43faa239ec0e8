"""Who may write what. Every write function calls ``require_write`` inside its transaction,
so the rule holds whatever the UI shows or hides.

- ``system`` (seeding, command-line tools) may do everything;
- ``admin`` may do everything;
- ``lead`` may change what lies in the subtree of their ``scope_group_id`` (a lead without a
  scope, or scoped to a management group, covers the whole tree); team-wide settings
  (KPI definitions, the role catalogue) need a lead covering the whole tree;
- ``viewer``, and anybody unknown, may not write.
"""

from collections.abc import Iterable

from sqlite_utils import Database

from db.errors import AccessDenied

SYSTEM_ACTOR = "system"


def user_row(db: Database, username: str) -> dict | None:
    row = db.execute("SELECT * FROM users WHERE username = ?", [username]).fetchone()
    return dict(row) if row else None


def subtree_ids(db: Database, group_id: int) -> set[int]:
    """The group and every group below it (archived ones included)."""
    rows = db.execute(
        """WITH RECURSIVE sub(id) AS (
               SELECT id FROM groups WHERE id = ?
               UNION SELECT g.id FROM groups g JOIN sub ON g.parent_id = sub.id)
           SELECT id FROM sub""",
        [group_id],
    ).fetchall()
    return {row[0] for row in rows}


def _whole_tree(db: Database, scope_group_id: int | None) -> bool:
    if scope_group_id is None:
        return True
    row = db.execute("SELECT tier FROM groups WHERE id = ?", [scope_group_id]).fetchone()
    return row is not None and row[0] == "management"


def writable_group_ids(db: Database, username: str) -> set[int] | None:
    """Groups ``username`` may change: ``None`` means all of them, an empty set none."""
    if username == SYSTEM_ACTOR:
        return None
    user = user_row(db, username)
    if user is None or user["app_role"] == "viewer":
        return set()
    if user["app_role"] == "admin" or _whole_tree(db, user["scope_group_id"]):
        return None
    return subtree_ids(db, user["scope_group_id"])


def require_write(db: Database, actor: str, group_ids: Iterable[int | None] = ()) -> None:
    """Raise ``AccessDenied`` unless ``actor`` may change things in all of ``group_ids``.

    With no group ids the write is team-wide and needs whole-tree rights.
    """
    allowed = writable_group_ids(db, actor)
    if allowed is None:
        return
    if not allowed:
        raise AccessDenied("access.read_only", user=actor)
    wanted = {g for g in group_ids if g is not None}
    if not wanted:
        raise AccessDenied("access.team_wide", user=actor)
    outside = wanted - allowed
    if outside:
        raise AccessDenied("access.outside_scope", user=actor)


def require_leaver_write(db: Database, actor: str, person_id: int, on: str) -> None:
    """The check for what an exit closes in other areas (coachings, candidacies, handovers,
    concerns): ``actor`` must be allowed the exit itself, i.e. write in the groups whose
    memberships of ``person_id`` ended ``on`` (team-wide when there are none)."""
    rows = db.execute(
        "SELECT DISTINCT group_id FROM memberships WHERE person_id = ? AND end_on = ?",
        [person_id, on],
    ).fetchall()
    require_write(db, actor, [row[0] for row in rows])


def require_admin(db: Database, actor: str) -> None:
    """Raise ``AccessDenied`` unless ``actor`` is an admin (or the system)."""
    if actor == SYSTEM_ACTOR:
        return
    user = user_row(db, actor)
    if user is None or user["app_role"] != "admin":
        raise AccessDenied("access.admin_only", user=actor)
