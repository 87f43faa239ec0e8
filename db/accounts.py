"""Named queries and audited writes for user accounts (the core ``users`` table).

The accounts set adds ``must_change_password`` (a one-time or reset password must be
replaced at the next sign-in) and ``password_changed_on`` to ``users``. Account changes
are admin-only (``require_admin``); sign-in bookkeeping (failed sign-ins and the delays
they earn, per account, per client and per account × client) is written by the ``system``
on behalf of the person signing in. ``language`` keeps each user's chosen UI language.
"""

from collections.abc import Callable
from datetime import datetime, timedelta

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from db import audit
from db.access import require_admin, user_row
from db.errors import ValidationError
from db.schema import APP_ROLES, run_statements
from db.sql import in_list

migrations = Migrations("accounts")

PUBLIC_FIELDS = ("username", "display_name", "app_role", "scope_group_id", "person_id", "email")
LANGUAGES = ("en", "zh")  # the UI's languages (dashboard.i18n.LANGUAGES)
THROTTLE_KINDS = ("account", "client", "pair")
KEY_LENGTH = 64  # a typed username or a client address is cut to this before it is stored


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


@migrations()
def m003_sign_in_throttles_and_language(db: Database) -> None:
    """Failed sign-ins are counted per typed username (known or not), per client and per
    both, instead of the users table's lock (which only known accounts had)."""
    run_statements(
        db,
        [
            f"""CREATE TABLE sign_in_throttles (
                kind TEXT NOT NULL CHECK (kind IN {in_list(THROTTLE_KINDS)}),
                username TEXT NOT NULL DEFAULT '',
                client TEXT NOT NULL DEFAULT '',
                failures INTEGER NOT NULL,
                last_failure_at TEXT NOT NULL,
                blocked_until TEXT,
                PRIMARY KEY (kind, username, client)
            )""",
            "ALTER TABLE users DROP COLUMN failed_attempts",
            "ALTER TABLE users DROP COLUMN locked_until",
            "ALTER TABLE users ADD COLUMN language TEXT"
            f" CHECK (language IS NULL OR language IN {in_list(LANGUAGES)})",
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
                  g.name AS scope_group, u.person_id,
                  COALESCE((SELECT t.failures FROM sign_in_throttles t
                            WHERE t.kind = 'account' AND t.username = u.username), 0)
                      AS failed_attempts,
                  (SELECT MAX(t.blocked_until) FROM sign_in_throttles t
                   WHERE t.kind IN ('account', 'pair') AND t.username = u.username)
                      AS locked_until,
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


def audit_user(
    db: Database,
    actor: str,
    action: str,
    before: dict | None,
    after: dict | None,
    *,
    account: dict | None = None,
) -> None:
    """The audit row of a write to an account (entity ``user``, named in ``before`` and
    ``after``), filed under the scope group and person of ``account`` (a ``users`` row)."""
    audit.record(
        db,
        actor,
        action,
        "user",
        None,
        before,
        after,
        group_id=account["scope_group_id"] if account else None,
        person_id=account["person_id"] if account else None,
    )


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
        audit_user(db, actor, "create", None, row, account=row)


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
        audit_user(db, actor, "update", _public(before), after, account=after)


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

    Clears the account's failed sign-ins and delays. The hash never reaches the audit log.
    """
    with db.atomic():
        if actor != username:
            require_admin(db, actor)
        before = _existing(db, username)
        db.execute(
            """UPDATE users SET password_hash = ?, must_change_password = ?,
                   password_changed_on = ?
               WHERE username = ?""",
            [password_hash, int(must_change), changed_on, username],
        )
        _clear_account_throttles(db, username)
        if actor != username:  # a reset signs the user out everywhere
            db.execute("DELETE FROM sessions WHERE username = ?", [username])
        action = "reset_password" if actor != username else "change_password"
        audit_user(
            db,
            actor,
            action,
            {"username": username},
            {"username": username, "must_change_password": must_change},
            account=before,
        )


def _clear_account_throttles(db: Database, username: str) -> None:
    db.execute(
        "DELETE FROM sign_in_throttles WHERE kind IN ('account', 'pair') AND username = ?",
        [username],
    )


def unlock(db: Database, actor: str, username: str) -> None:
    """Clear an account's failed sign-ins and sign-in delays, from every client (admins only)."""
    with db.atomic():
        require_admin(db, actor)
        before = _existing(db, username)
        counted = db.execute(
            """SELECT COALESCE(SUM(CASE WHEN kind = 'account' THEN failures END), 0),
                      MAX(blocked_until)
               FROM sign_in_throttles WHERE kind IN ('account', 'pair') AND username = ?""",
            [username],
        ).fetchone()
        _clear_account_throttles(db, username)
        audit_user(
            db,
            actor,
            "unlock",
            {"username": username, "failed_attempts": counted[0], "locked_until": counted[1]},
            {"username": username, "failed_attempts": 0, "locked_until": None},
            account=before,
        )


def throttle_keys(username: str, client: str) -> list[tuple[str, str, str]]:
    """The three counters a sign-in as ``username`` from ``client`` touches:
    ``(kind, username, client)`` for the account, the client and the pair."""
    username, client = username[:KEY_LENGTH], client[:KEY_LENGTH]
    return [("account", username, ""), ("client", "", client), ("pair", username, client)]


def blocked_until(db: Database, username: str, client: str, now: str) -> str | None:
    """The latest end of a delay that applies to this sign-in at ``now``, if any."""
    ends = [
        db.execute(
            """SELECT blocked_until FROM sign_in_throttles
               WHERE kind = ? AND username = ? AND client = ? AND blocked_until > ?""",
            [*key, now],
        ).fetchone()
        for key in throttle_keys(username, client)
    ]
    return max((end[0] for end in ends if end), default=None)


def record_failure(
    db: Database,
    username: str,
    client: str,
    *,
    now: datetime,
    window: timedelta,
    delay: Callable[[str, int], timedelta],
) -> str | None:
    """Count a failed sign-in on the account (known or not), the client and the pair; a
    count whose last failure is older than ``window`` starts again. ``delay(kind, failures)``
    says how long each counter now blocks. Returns the latest end of a delay, if any.

    Written by the ``system``; audited when a counter starts to block. Counters older than
    ``window`` are dropped, so typed-in unknown usernames do not pile up.
    """
    stamp = now.isoformat(timespec="seconds")
    stale = (now - window).isoformat(timespec="seconds")
    latest = None
    started = []
    with db.atomic():
        db.execute("DELETE FROM sign_in_throttles WHERE last_failure_at < ?", [stale])
        for kind, name, address in throttle_keys(username, client):
            row = db.execute(
                """SELECT failures, blocked_until FROM sign_in_throttles
                   WHERE kind = ? AND username = ? AND client = ?""",
                [kind, name, address],
            ).fetchone()
            failures = (row[0] if row else 0) + 1
            wait = delay(kind, failures)
            until = (now + wait).isoformat(timespec="seconds") if wait else None
            db.execute(
                """INSERT INTO sign_in_throttles
                       (kind, username, client, failures, last_failure_at, blocked_until)
                   VALUES (?, ?, ?, ?, ?, ?)
                   ON CONFLICT (kind, username, client) DO UPDATE SET
                       failures = excluded.failures,
                       last_failure_at = excluded.last_failure_at,
                       blocked_until = excluded.blocked_until""",
                [kind, name, address, failures, stamp, until],
            )
            if until and not (row and row[1]):
                started.append({"kind": kind, "failures": failures, "blocked_until": until})
            latest = max(latest or "", until or "") or None
        if started:
            audit_user(
                db,
                "system",
                "throttle",
                {"username": username[:KEY_LENGTH], "client": client[:KEY_LENGTH]},
                {
                    "username": username[:KEY_LENGTH],
                    "client": client[:KEY_LENGTH],
                    "throttles": started,
                },
                account=user_row(db, username),
            )
    return latest


def record_success(db: Database, username: str, client: str) -> None:
    """A good sign-in clears the account's counter and this client's counter on it (the
    client's own counter stays: one good account does not excuse guessing at others)."""
    with db.atomic():
        db.execute(
            """DELETE FROM sign_in_throttles WHERE (kind = 'account' AND username = ?)
                  OR (kind = 'pair' AND username = ? AND client = ?)""",
            [username[:KEY_LENGTH], username[:KEY_LENGTH], client[:KEY_LENGTH]],
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


def end_sessions(db: Database, username: str) -> int:
    """Forget every remembered sign-in of ``username`` (sign-out ends them everywhere: each
    tab or device finds its session gone at its next run). Returns how many ended."""
    with db.atomic():
        return db.execute("DELETE FROM sessions WHERE username = ?", [username]).rowcount


def set_language(db: Database, username: str, language: str) -> None:
    """Remember the UI language ``username`` chose (their own preference, audited)."""
    if language not in LANGUAGES:
        raise ValidationError("accounts.err.bad_language", language=language)
    with db.atomic():
        before = _existing(db, username)
        if before["language"] == language:
            return
        db.execute("UPDATE users SET language = ? WHERE username = ?", [language, username])
        audit_user(
            db,
            username,
            "set_language",
            {"username": username, "language": before["language"]},
            {"username": username, "language": language},
            account=before,
        )


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
        audit_user(
            db,
            "system",
            "create",
            None,
            {"username": "admin", "app_role": "admin", "one_time_password": True},
        )
        return True
