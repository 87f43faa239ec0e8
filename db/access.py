"""Who may write what. Every write function calls ``require_write`` inside its transaction,
so the rule holds whatever the UI shows or hides.

- ``system`` (seeding, command-line tools) may do everything;
- ``admin`` may do everything;
- ``lead`` may change what lies in the subtree of their ``scope_group_id`` (a lead without a
  scope, or scoped to a management group, covers the whole tree); team-wide settings
  (KPI definitions, the role catalogue) need a lead covering the whole tree;
- ``viewer``, and anybody unknown, may not write;
- a role's manual may be changed by a lead whose subtree holds or observes the role (an
  open membership or an open candidacy for it in one of their groups: ``require_role_write``);
- a handover is acknowledged by its successor (the account linked to that person through
  ``users.person_id``), or by an admin on the successor's behalf (``require_successor``).

A refusal for scope names what was refused (the groups, the person or the role), so the
user knows which row to leave alone.
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


def _group_names(db: Database, group_ids: Iterable[int]) -> str:
    ids = sorted(group_ids)
    rows = db.execute(
        f"SELECT name FROM groups WHERE id IN ({', '.join('?' for _ in ids)}) ORDER BY name",
        ids,
    ).fetchall()
    return "、".join(row[0] for row in rows) or ", ".join(f"#{g}" for g in ids)


def writable_people(db: Database, username: str) -> set[int] | None:
    """People ``username`` may record things about (``None``: everyone): those whose open
    groups all lie in the user's scope."""
    allowed = writable_group_ids(db, username)
    if allowed is None:
        return None
    groups: dict[int, set[int]] = {}
    for person_id, group_id in db.execute(
        "SELECT person_id, group_id FROM memberships WHERE end_on IS NULL"
    ).fetchall():
        groups.setdefault(person_id, set()).add(group_id)
    return {pid for pid, held in groups.items() if held <= allowed}


def require_write(
    db: Database, actor: str, group_ids: Iterable[int | None] = (), subject: str | None = None
) -> None:
    """Raise ``AccessDenied`` unless ``actor`` may change things in all of ``group_ids``.

    With no group ids the write is team-wide and needs whole-tree rights. A refusal for
    scope names ``subject`` (e.g. the person changed) or else the groups outside the scope.
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
        raise AccessDenied(
            "access.outside_scope", user=actor, name=subject or _group_names(db, outside)
        )


def require_person_write(db: Database, actor: str, person_id: int) -> None:
    """``require_write`` on the groups ``person_id`` has an open membership in; a refusal
    names the person."""
    from db.org import person_groups  # db.org imports this module

    row = db.execute("SELECT name FROM people WHERE id = ?", [person_id]).fetchone()
    subject = row[0] if row else None
    require_write(db, actor, person_groups(db, person_id), subject=subject)


def require_leaver_write(db: Database, actor: str, person_id: int, on: str) -> None:
    """The check for what an exit closes in other areas (coachings, candidacies, handovers,
    concerns): ``actor`` must be allowed the exit itself, i.e. write in the groups whose
    memberships of ``person_id`` ended ``on`` (team-wide when there are none)."""
    rows = db.execute(
        "SELECT DISTINCT group_id FROM memberships WHERE person_id = ? AND end_on = ?",
        [person_id, on],
    ).fetchall()
    require_write(db, actor, [row[0] for row in rows])


def role_scope_groups(db: Database, role_id: int) -> set[int]:
    """Groups where ``role_id`` is held (an open membership) or observed (an open candidacy)."""
    rows = db.execute(
        """SELECT group_id FROM memberships WHERE role_id = ? AND end_on IS NULL
           UNION
           SELECT group_id FROM pipeline
            WHERE role_id = ? AND stage NOT IN ('appointed', 'dropped')""",
        [role_id, role_id],
    ).fetchall()
    return {row[0] for row in rows}


def can_write_role(db: Database, username: str, role_id: int) -> bool:
    """Whether ``username`` may change the manual of ``role_id`` (see ``require_role_write``)."""
    allowed = writable_group_ids(db, username)
    return allowed is None or bool(allowed & role_scope_groups(db, role_id))


def require_role_write(db: Database, actor: str, role_id: int) -> None:
    """Raise ``AccessDenied`` unless ``actor`` may change the manual of ``role_id``: whole-tree
    rights, or a lead whose subtree holds or observes the role."""
    allowed = writable_group_ids(db, actor)
    if allowed is None:
        return
    if not allowed:
        raise AccessDenied("access.read_only", user=actor)
    if not allowed & role_scope_groups(db, role_id):
        row = db.execute("SELECT name, name_zh FROM roles WHERE id = ?", [role_id]).fetchone()
        name = f"{row[0]} / {row[1]}" if row else f"#{role_id}"
        raise AccessDenied("access.role_outside_scope", user=actor, name=name)


def is_successor(db: Database, username: str, person_id: int) -> bool:
    """Whether ``username``'s account is linked to ``person_id`` (``users.person_id``)."""
    user = user_row(db, username)
    return user is not None and user["person_id"] == person_id


def require_successor(db: Database, actor: str, successor_id: int) -> bool:
    """Raise ``AccessDenied`` unless ``actor`` is the successor ``successor_id`` (their
    linked account) or an admin; returns whether an admin acts on the successor's behalf."""
    if actor == SYSTEM_ACTOR or is_successor(db, actor, successor_id):
        return False
    user = user_row(db, actor)
    if user is not None and user["app_role"] == "admin":
        return True
    row = db.execute("SELECT name FROM people WHERE id = ?", [successor_id]).fetchone()
    raise AccessDenied(
        "access.successor_only", user=actor, name=row[0] if row else f"#{successor_id}"
    )


def require_admin(db: Database, actor: str) -> None:
    """Raise ``AccessDenied`` unless ``actor`` is an admin (or the system)."""
    if actor == SYSTEM_ACTOR:
        return
    user = user_row(db, actor)
    if user is None or user["app_role"] != "admin":
        raise AccessDenied("access.admin_only", user=actor)
