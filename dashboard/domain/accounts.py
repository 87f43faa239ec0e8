"""Accounts: password hashing and throttled sign-in, admin services over users, the
one-time admin of a fresh database, and consistent backup / checked restore of the file.

Passwords are hashed with argon2id (argon2-cffi) at OWASP's recommended minimum cost
(19 MiB, 2 passes), salted per hash. Never imports streamlit.
"""

import hashlib
import math
import os
import secrets
import sqlite3
import tempfile
from contextlib import closing
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlite_utils import Database

from dashboard.domain.alerts import Alert
from db import accounts as store
from db import audit, backup
from db.access import require_admin, user_row
from db.errors import AccessDenied, ValidationError
from db.schema import APP_ROLES

# Failed sign-ins are counted per account (any client), per client (any account) and per
# account × client, for known and unknown usernames alike. Past its free failures a counter
# blocks for 2, 4, 8 ... seconds up to its cap. The account's own cap is short, so that
# nobody can keep its owner out for long by guessing from elsewhere; the owner's client is
# not slowed by the pair and client counters of an attacker's. Counters start again after
# a day without failures.
FREE_FAILURES = {"pair": 3, "client": 10, "account": 10}
DELAY_CAPS = {
    "pair": timedelta(minutes=15),
    "client": timedelta(minutes=15),
    "account": timedelta(seconds=30),
}
THROTTLE_WINDOW = timedelta(hours=24)
UNKNOWN_CLIENT = "local"  # no address (localhost, AppTest): all such visitors are one client
MIN_PASSWORD_LENGTH = 8
SESSION_TTL = timedelta(hours=12)
MAX_RESTORE_MB = 50  # the demo db is ≈ 7 MB; OPS_MAX_RESTORE_MB overrides
AREA = "accounts"

HASHER = PasswordHasher(time_cost=2, memory_cost=19_456, parallelism=1)
_DUMMY_HASH = HASHER.hash("not a password of anybody")


def hash_password(password: str) -> str:
    """A salted argon2id hash of ``password``."""
    return HASHER.hash(password)


def password_matches(password_hash: str | None, password: str) -> bool:
    """Whether ``password`` matches the stored hash (``False`` for a missing/garbled hash)."""
    try:
        return HASHER.verify(password_hash or _DUMMY_HASH, password) and bool(password_hash)
    except (VerificationError, InvalidHashError):
        return False


def check_password_rules(password: str, username: str = "") -> None:
    """Raise ``ValidationError`` for a password too short or equal to the username."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationError("accounts.err.password_short", min=MIN_PASSWORD_LENGTH)
    if username and password.strip().lower() == username.strip().lower():
        raise ValidationError("accounts.err.password_is_username")


def utc_now() -> datetime:
    """The current moment in UTC (lockouts are kept in UTC)."""
    return datetime.now(UTC)


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def locked_until(user: dict, now: datetime) -> datetime | None:
    """Until when sign-in to the account is delayed (``users()``'s ``locked_until``), if
    it is at ``now``."""
    if not user.get("locked_until"):
        return None
    until = datetime.fromisoformat(user["locked_until"])
    return until if until > now else None


def sign_in_delay(kind: str, failures: int) -> timedelta:
    """How long a ``kind`` counter (``account``, ``client``, ``pair``) blocks after its
    ``failures``-th failure in a row: nothing while free, then 2, 4, 8 ... s up to its cap."""
    past = failures - FREE_FAILURES[kind]
    if past < 0:
        return timedelta(0)
    return min(timedelta(seconds=2 ** min(past + 1, 20)), DELAY_CAPS[kind])


def _throttled(until: str, now: datetime) -> AccessDenied:
    seconds = max(1, math.ceil((datetime.fromisoformat(until) - now).total_seconds()))
    if seconds < 120:
        return AccessDenied("accounts.err.throttled", seconds=seconds)
    return AccessDenied("accounts.err.throttled_minutes", minutes=-(-seconds // 60))


def authenticate(
    db: Database,
    username: str,
    password: str,
    now: datetime | None = None,
    client: str | None = None,
) -> dict:
    """The user row for a correct username and password; else ``AccessDenied`` (or
    ``ValidationError`` naming what was left empty).

    An unknown username goes exactly the way of a wrong password: same message, a hash
    verified (against a dummy), the same counters and delays. While a delay applies to
    the account, the ``client`` (its address) or the pair, the attempt is refused
    unchecked.
    """
    missing = [
        name
        for name, value in (("username", username.strip()), ("password", password))
        if not value
    ]
    if missing:  # not an attempt: nothing is checked or counted
        raise ValidationError("accounts.err.missing_" + "_".join(missing))
    now = now or utc_now()
    client = client or UNKNOWN_CLIENT
    username = username.strip().lower()
    until = store.blocked_until(db, username, client, _stamp(now))
    if until is not None:
        raise _throttled(until, now)
    user = user_row(db, username) if username else None
    if not password_matches(user["password_hash"] if user else None, password):
        until = store.record_failure(
            db, username, client, now=now, window=THROTTLE_WINDOW, delay=sign_in_delay
        )
        if until is not None:
            raise _throttled(until, now)
        raise AccessDenied("accounts.err.bad_credentials")
    store.record_success(db, username, client)
    return user


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_session(db: Database, username: str, now: datetime | None = None) -> str:
    """A new random token that remembers this sign-in for ``SESSION_TTL`` (for a cookie)."""
    now = now or utc_now()
    token = secrets.token_urlsafe(32)
    store.create_session(db, username, _token_hash(token), _stamp(now), _stamp(now + SESSION_TTL))
    return token


def resume_session(db: Database, token: str | None, now: datetime | None = None) -> dict | None:
    """The user a remembered sign-in belongs to, unless it expired or was ended (failed
    sign-ins by others do not end it)."""
    if not token:
        return None
    now = now or utc_now()
    username = store.session_username(db, _token_hash(token), _stamp(now))
    return user_row(db, username) if username else None


def end_sessions(db: Database, username: str | None) -> None:
    """Sign ``username`` out everywhere: every remembered sign-in ends, and each open tab
    finds its own gone at its next run."""
    if username:
        store.end_sessions(db, username)


def remember_language(db: Database, username: str, language: str) -> None:
    """Keep the UI language ``username`` chose, for their next sign-in, tab or reload."""
    store.set_language(db, username, language)


def _clean_username(username: str) -> str:
    name = (username or "").strip().lower()
    if not name or len(name) > 64 or any(c.isspace() for c in name):
        raise ValidationError("accounts.err.bad_username")
    if name == "system":
        raise ValidationError("accounts.err.username_taken", username=name)
    return name


def _check_scope(app_role: str, scope_group_id: int | None) -> int | None:
    if app_role not in APP_ROLES:
        raise ValidationError("accounts.err.bad_role", role=app_role)
    return scope_group_id if app_role == "lead" else None


def add_user(
    db: Database,
    actor: str,
    *,
    username: str,
    display_name: str,
    app_role: str,
    password: str,
    scope_group_id: int | None = None,
    email: str = "",
    today: date,
) -> str:
    """Create an account whose password must be changed at first sign-in; returns the username."""
    name = _clean_username(username)
    check_password_rules(password, name)
    require_admin(db, actor)  # before spending time on the hash
    store.insert_user(
        db,
        actor,
        username=name,
        display_name=(display_name or "").strip() or name,
        app_role=app_role,
        password_hash=hash_password(password),
        scope_group_id=_check_scope(app_role, scope_group_id),
        email=email.strip().lower() or None,
        created_on=today.isoformat(),
    )
    return name


def update_user(
    db: Database,
    actor: str,
    username: str,
    *,
    display_name: str,
    app_role: str,
    scope_group_id: int | None,
    email: str = "",
) -> None:
    """Change an account's display name, role, scope (leads only) and sign-in email."""
    store.update_user(
        db,
        actor,
        username,
        display_name=(display_name or "").strip() or username,
        app_role=app_role,
        scope_group_id=_check_scope(app_role, scope_group_id),
        email=email.strip().lower() or None,
    )


def reset_password(db: Database, actor: str, username: str, password: str) -> None:
    """An admin sets a temporary password; the user must change it at next sign-in."""
    check_password_rules(password, username)
    require_admin(db, actor)
    store.set_password_hash(
        db, actor, username, hash_password(password), must_change=True, changed_on=_stamp(utc_now())
    )


def change_own_password(
    db: Database, username: str, current: str, new: str, repeat: str | None = None
) -> None:
    """The signed-in user replaces their password (after proving the current one)."""
    user = user_row(db, username)
    if user is None or not password_matches(user["password_hash"], current):
        raise ValidationError("accounts.err.current_password_wrong")
    if repeat is not None and new != repeat:
        raise ValidationError("accounts.err.passwords_differ")
    check_password_rules(new, username)
    if new == current:
        raise ValidationError("accounts.err.password_unchanged")
    store.set_password_hash(
        db, username, username, hash_password(new), must_change=False, changed_on=_stamp(utc_now())
    )


def unlock(db: Database, actor: str, username: str) -> None:
    """Clear an account's failed sign-ins and delays, from every client (admins only)."""
    store.unlock(db, actor, username)


def ensure_admin(db: Database, today: date, password: str | None = None) -> str | None:
    """On a database without accounts create ``admin`` with a one-time password
    (``password``, else ``OPS_ADMIN_PASSWORD``, else a random one) and return it;
    return ``None`` when accounts exist."""
    if store.count_users(db):
        return None
    password = password or os.environ.get("OPS_ADMIN_PASSWORD") or secrets.token_urlsafe(12)
    try:
        created = store.bootstrap_admin(db, hash_password(password), today.isoformat())
    except sqlite3.IntegrityError:  # another session created it a moment earlier
        return None
    return password if created else None


def user_for_email(db: Database, email: str | None) -> dict | None:
    """The account an OIDC identity (its email) maps to: by ``email``, else by username."""
    if not email:
        return None
    return store.user_by_email(db, email.strip().lower())


# --- backup and restore -----------------------------------------------------------------


def backup_bytes(path: str | Path) -> bytes:
    """A consistent copy of the database (SQLite's online backup API), as file bytes."""
    return backup.database_bytes(path)


MAX_REPORTED_DIFFERENCES = 12


def check_backup_file(path: Path) -> None:
    """Raise ``ValidationError`` unless ``path`` is a sound SQLite file whose schema is
    exactly what this version's migrations create at its recorded migration level (a newer
    level is refused, an older one is migrated after the restore), with an admin account.

    Nothing of the file runs meanwhile: it is opened read-only with ``trusted_schema=OFF``
    and only its ``sqlite_master`` is read until the schema is known to be the app's own.
    """
    from dashboard.areas import migration_sets  # here: the registry imports this module

    sets = tuple(migration_sets())
    if not backup.is_sqlite_file(path):
        raise ValidationError("accounts.err.not_sqlite")
    try:
        with closing(backup.open_untrusted(path)) as conn:
            if backup.integrity_problem(conn) is not None:
                raise ValidationError("accounts.err.corrupt")
            found = backup.schema_of(conn)
            tracking = backup.reference_schema(frozenset(), sets)
            migrations_key = ("relation", backup.MIGRATIONS_TABLE)
            if found.get(migrations_key) != tracking[migrations_key]:
                _refuse_schema(
                    backup.schema_differences(
                        {k: v for k, v in found.items() if k == migrations_key},
                        {migrations_key: tracking[migrations_key]},
                    )
                )
            level = backup.applied_migrations(conn)
            unknown = sorted(f"{s}.{n}" for s, n in level - backup.known_migrations(sets))
            if unknown:
                raise ValidationError("accounts.err.newer_schema", migrations=", ".join(unknown))
            skipped = backup.skipped_migrations(level, sets)
            if skipped:
                _refuse_schema(
                    [("accounts.schema.skipped_migration", {"name": name}) for name in skipped]
                )
            differences = backup.schema_differences(found, backup.reference_schema(level, sets))
            if differences:
                _refuse_schema(differences)
            if not backup.admin_count(conn):
                raise ValidationError("accounts.err.no_admin_in_backup")
    except sqlite3.DatabaseError as error:
        raise ValidationError("accounts.err.corrupt") from error


def _refuse_schema(differences: list[tuple[str, dict]]) -> None:
    shown = differences[:MAX_REPORTED_DIFFERENCES]
    raise ValidationError(
        "accounts.err.schema_mismatch",
        row_errors=[("", key, params) for key, params in shown],
        count=len(differences),
    )


def max_restore_bytes() -> int:
    """The largest backup a restore accepts (``OPS_MAX_RESTORE_MB``, default 50 MB)."""
    return int(float(os.environ.get("OPS_MAX_RESTORE_MB") or MAX_RESTORE_MB) * 1024 * 1024)


def check_upload_size(size: int, limit: int | None = None) -> None:
    """Raise ``ValidationError`` for an upload over ``limit`` bytes (or an empty one)."""
    limit = limit or max_restore_bytes()
    if size == 0:
        raise ValidationError("accounts.err.empty_upload")
    if size > limit:
        raise ValidationError(
            "accounts.err.upload_too_large",
            size=f"{size / 1024 / 1024:.1f}",
            limit=f"{limit / 1024 / 1024:.0f}",
        )


def check_backup_bytes(data: bytes, limit: int | None = None, keep: Path | None = None) -> None:
    """Raise ``ValidationError`` unless ``data`` is a restorable backup within ``limit``
    bytes; the file is written to ``keep`` (else a temporary file) for the checks."""
    check_upload_size(len(data), limit)
    if keep is not None:
        keep.write_bytes(data)
        check_backup_file(keep)
        return
    with tempfile.TemporaryDirectory() as folder:
        upload = Path(folder) / "upload.sqlite"
        upload.write_bytes(data)
        check_backup_file(upload)


def aside_path(live_path: str | Path, now: datetime) -> Path:
    """Where the current database is kept before a restore replaces it."""
    live = Path(live_path)
    return live.with_name(f"{live.stem}.before-restore-{now:%Y%m%dT%H%M%S}.sqlite")


def restore(
    db: Database,
    actor: str,
    live_path: str | Path,
    data: bytes,
    *,
    limit: int | None = None,
    now: datetime | None = None,
) -> Path:
    """Replace the database's content with an uploaded backup; returns the path where the
    previous content was kept. Nothing changes unless every check passes."""
    from dashboard.areas import migrate  # here: the registry imports this module

    now = now or utc_now()
    require_admin(db, actor)
    with tempfile.TemporaryDirectory() as folder:
        upload = Path(folder) / "upload.sqlite"
        check_backup_bytes(data, limit, upload)
        aside = aside_path(live_path, now)
        backup.replace_content(db, upload, aside)
    migrate(db)  # an older backup gets this version's newer migrations
    with db.atomic():
        audit.record(
            db,
            actor,
            "restore",
            "database",
            None,
            {"kept_as": aside.name},
            {"bytes": len(data)},
        )
    return aside


def alerts(db: Database, today: date) -> list[Alert]:
    """Accounts whose sign-in is delayed right now (an admin can clear the delays)."""
    now = utc_now()
    found = []
    for user in store.users(db):
        until = locked_until(user, now)
        if until is not None:
            found.append(
                Alert(
                    "account_locked",
                    "medium",
                    "accounts.alert.locked",
                    AREA,
                    {"user": user["username"], "until": until.strftime("%H:%M UTC")},
                    person_id=user["person_id"],
                    group_id=user["scope_group_id"],
                )
            )
    return found
