"""Named queries and audited writes for user accounts (the core ``users`` table).

The accounts set adds ``must_change_password`` (a one-time or reset password must be
replaced at the next sign-in) and ``password_changed_on`` to ``users``. Account changes
are admin-only (``require_admin``); sign-in bookkeeping (failed attempts, lockout) is
written by the ``system`` on behalf of the person signing in.
"""

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from db import audit
from db.access import require_admin, user_row
from db.errors import ValidationError
from db.schema import APP_ROLES, run_statements

migrations = Migrations("accounts")

PUBLIC_FIELDS = ("username", "display_name", "app_role", "scope_group_id", "person_id", "email")


@migrations()
def m001_password_rotation(db: Database) -> None:
    run_statements(
        db,
        [
            "ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE users ADD COLUMN password_changed_on TEXT",
            "ALTER TABLE users ADD COLUMN email TEXT",
            "CREATE UNIQUE INDEX users_email ON users(lower(email)) WHERE email IS NOT NULL",
        ],
    )


@migrations()
def m002_sessions(db: Database) -> None:
    run_statements(
        db,
        [
            """CREATE TABLE sessions (
                token_hash TEXT PRIMARY KEY,
                username TEXT NOT NULL REFERENCES users(username) ON DELETE CASCADE,
                created_at TEXT NOT NULL,
                expires_at TEXT NOT NULL
            )""",
            "CREATE INDEX sessions_user ON sessions(username)",
        ],
    )


def _public(row: dict | None) -> dict | None:
    """A user row without its password hash (what the audit log may keep)."""
    if row is None:
        return None
    return {k: row[k] for k in PUBLIC_FIELDS if k in row}


def users(db: Database) -> list[dict]:
    """Every account with its scope group's name, by username (no password hashes)."""
    rows = db.execute(
        """SELECT u.username, u.display_name, u.app_role, u.scope_group_id,
                  g.name AS scope_group, u.person_id, u.failed_attempts, u.locked_until,
                  u.must_change_password, u.password_changed_on, u.created_on, u.email,
                  u.password_hash IS NOT NULL AS has_password
           FROM users u LEFT JOIN groups g ON g.id = u.scope_group_id
           ORDER BY u.username"""
    ).fetchall()
    return [dict(row) for row in rows]


def count_users(db: Database) -> int:
    """How many accounts exist."""
    return db.execute("SELECT COUNT(*) FROM users").fetchone()[0]


def user_by_email(db: Database, email: str) -> dict | None:
    """The account with this sign-in email (or, failing that, this username)."""
    row = db.execute(
        """SELECT * FROM users WHERE lower(email) = lower(?)
           UNION ALL SELECT * FROM users WHERE username = lower(?) LIMIT 1""",
        [email, email],
    ).fetchone()
    return dict(row) if row else None


def _check_email(db: Database, email: str | None, username: str) -> None:
    if email is None:
        return
    taken = db.execute(
        "SELECT username FROM users WHERE lower(email) = lower(?) AND username <> ?",
        [email, username],
    ).fetchone()
    if taken:
        raise ValidationError("accounts.err.email_taken", email=email, username=taken[0])


def _check_fields(db: Database, app_role: str, scope_group_id: int | None) -> None:
    if app_role not in APP_ROLES:
        raise ValidationError("accounts.err.bad_role", role=app_role)
    if scope_group_id is not None:
        found = db.execute("SELECT 1 FROM groups WHERE id = ?", [scope_group_id]).fetchone()
        if found is None:
            raise ValidationError("accounts.err.no_such_group", group=scope_group_id)


def insert_user(
    db: Database,
    actor: str,
    *,
    username: str,
    display_name: str,
    app_role: str,
    password_hash: str,
    scope_group_id: int | None = None,
    person_id: int | None = None,
    must_change_password: bool = True,
    email: str | None = None,
    created_on: str,
) -> None:
    """Create an account (admins only)."""
    with db.atomic():
        require_admin(db, actor)
        _check_fields(db, app_role, scope_group_id)
        if user_row(db, username) is not None:
            raise ValidationError("accounts.err.username_taken", username=username)
        _check_email(db, email, username)
        row = {
            "username": username,
            "display_name": display_name,
            "app_role": app_role,
            "scope_group_id": scope_group_id,
            "person_id": person_id,
            "email": email,
        }
        db.execute(
            """INSERT INTO users (username, display_name, app_role, scope_group_id, person_id,
                                  email, password_hash, must_change_password, created_on)
               VALUES (:username, :display_name, :app_role, :scope_group_id, :person_id,
                       :email, :password_hash, :must_change, :created_on)""",
            {
                **row,
                "password_hash": password_hash,
                "must_change": int(must_change_password),
                "created_on": created_on,
            },
        )
        audit.record(
            db, actor, "create", "user", None, None, row,
            group_id=scope_group_id, person_id=person_id,
        )  # fmt: skip


def _existing(db: Database, username: str) -> dict:
    row = user_row(db, username)
    if row is None:
        raise ValidationError("accounts.err.no_such_user", username=username)
    return row


def _admins_left(db: Database, without: str) -> int:
    return db.execute(
        "SELECT COUNT(*) FROM users WHERE app_role = 'admin' AND username <> ?", [without]
    ).fetchone()[0]


def update_user(
    db: Database,
    actor: str,
    username: str,
    *,
    display_name: str,
    app_role: str,
    scope_group_id: int | None,
    email: str | None = None,
) -> None:
    """Change an account's name, role, scope and email (admins only; one admin must remain)."""
    with db.atomic():
        require_admin(db, actor)
        before = _existing(db, username)
        _check_fields(db, app_role, scope_group_id)
        _check_email(db, email, username)
        leaving_admin = before["app_role"] == "admin" and app_role != "admin"
        if leaving_admin and _admins_left(db, username) == 0:
            raise ValidationError("accounts.err.last_admin")
        db.execute(
            """UPDATE users SET display_name = ?, app_role = ?, scope_group_id = ?, email = ?
               WHERE username = ?""",
            [display_name, app_role, scope_group_id, email, username],
        )
        after = _public(user_row(db, username))
        audit.record(
            db, actor, "update", "user", None, _public(before), after,
            group_id=scope_group_id, person_id=before["person_id"],
        )  # fmt: skip


def set_password_hash(
    db: Database,
    actor: str,
    username: str,
    password_hash: str,
    *,
    must_change: bool,
    changed_on: str,
) -> None:
    """Store a new password hash: an admin's reset (``must_change``) or the user's own change.

    Clears failed attempts and any lockout. The hash itself never reaches the audit log.
    """
    with db.atomic():
        if actor != username:
            require_admin(db, actor)
        before = _existing(db, username)
        db.execute(
            """UPDATE users SET password_hash = ?, must_change_password = ?,
                   password_changed_on = ?, failed_attempts = 0, locked_until = NULL
               WHERE username = ?""",
            [password_hash, int(must_change), changed_on, username],
        )
        if actor != username:  # a reset signs the user out everywhere
            db.execute("DELETE FROM sessions WHERE username = ?", [username])
        action = "reset_password" if actor != username else "change_password"
        audit.record(
            db, actor, action, "user", None, {"username": username},
            {"username": username, "must_change_password": must_change},
            group_id=before["scope_group_id"], person_id=before["person_id"],
        )  # fmt: skip


def unlock(db: Database, actor: str, username: str) -> None:
    """Clear an account's failed attempts and lockout (admins only)."""
    with db.atomic():
        require_admin(db, actor)
        before = _existing(db, username)
        db.execute(
            "UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE username = ?",
            [username],
        )
        audit.record(
            db, actor, "unlock", "user", None,
            {"username": username, "failed_attempts": before["failed_attempts"],
             "locked_until": before["locked_until"]},
            {"username": username, "failed_attempts": 0, "locked_until": None},
            group_id=before["scope_group_id"], person_id=before["person_id"],
        )  # fmt: skip


def record_failure(db: Database, username: str, *, max_attempts: int, lock_until: str) -> dict:
    """Count a failed sign-in; at ``max_attempts`` lock the account until ``lock_until``.

    Returns the updated row. Written (and audited, when it locks) by the ``system``.
    """
    with db.atomic():
        row = _existing(db, username)
        attempts = row["failed_attempts"] + 1
        locked = lock_until if attempts >= max_attempts else None
        db.execute(
            "UPDATE users SET failed_attempts = ?, locked_until = ? WHERE username = ?",
            [0 if locked else attempts, locked, username],
        )
        if locked:
            audit.record(
                db, "system", "lock", "user", None, {"username": username},
                {"username": username, "locked_until": locked, "failed_attempts": attempts},
                group_id=row["scope_group_id"], person_id=row["person_id"],
            )  # fmt: skip
        return user_row(db, username)


def record_success(db: Database, username: str) -> None:
    """A good sign-in clears the failure count and an expired lock."""
    with db.atomic():
        db.execute(
            "UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE username = ?",
            [username],
        )


def create_session(
    db: Database, username: str, token_hash: str, created_at: str, expires_at: str
) -> None:
    """Remember a sign-in (only the token's hash is stored); drops expired ones."""
    with db.atomic():
        db.execute("DELETE FROM sessions WHERE expires_at <= ?", [created_at])
        db.execute(
            "INSERT INTO sessions (token_hash, username, created_at, expires_at)"
            " VALUES (?, ?, ?, ?)",
            [token_hash, username, created_at, expires_at],
        )


def session_username(db: Database, token_hash: str, now: str) -> str | None:
    """The user of a remembered sign-in that has not expired."""
    row = db.execute(
        "SELECT username FROM sessions WHERE token_hash = ? AND expires_at > ?",
        [token_hash, now],
    ).fetchone()
    return row[0] if row else None


def end_session(db: Database, token_hash: str) -> None:
    """Forget one remembered sign-in (sign-out)."""
    with db.atomic():
        db.execute("DELETE FROM sessions WHERE token_hash = ?", [token_hash])


def bootstrap_admin(db: Database, password_hash: str, created_on: str) -> bool:
    """On a database without any account, create ``admin`` with a one-time password.

    Returns whether it created the account (``False`` if accounts already exist).
    """
    with db.atomic():
        if count_users(db):
            return False
        db.execute(
            """INSERT INTO users (username, display_name, app_role, password_hash,
                                  must_change_password, created_on)
               VALUES ('admin', 'Admin', 'admin', ?, 1, ?)""",
            [password_hash, created_on],
        )
        audit.record(
            db, "system", "create", "user", None, None,
            {"username": "admin", "app_role": "admin", "one_time_password": True},
        )  # fmt: skip
        return True
