"""Storage of accounts: the accounts migrations, audited admin-only writes, sign-in
bookkeeping, and the one-time admin of an empty database."""

import json
import sqlite3

import pytest

from db import accounts as store
from db.access import user_row
from db.errors import AccessDenied, ValidationError


def test_migrations_add_rotation_email_and_sessions(db) -> None:
    columns = {row[1] for row in db.execute("PRAGMA table_info(users)")}
    assert {"must_change_password", "password_changed_on", "email"} <= columns
    session_columns = [row[1] for row in db.execute("PRAGMA table_info(sessions)")]
    assert session_columns == ["token_hash", "username", "created_at", "expires_at"]
    applied = [
        row[0]
        for row in db.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = 'accounts' ORDER BY id"
        )
    ]
    assert applied == ["m001_password_rotation", "m002_sessions"]


def test_users_lists_accounts_without_hashes(db) -> None:
    db.execute("UPDATE users SET password_hash = 'secret-hash' WHERE username = 'admin'")
    rows = store.users(db)
    assert [(r["username"], r["app_role"], r["has_password"]) for r in rows] == [
        ("admin", "admin", 1),
        ("viewer", "viewer", 0),
    ]
    assert all("password_hash" not in row for row in rows)


def test_insert_user_is_admin_only_and_audited(db) -> None:
    with pytest.raises(AccessDenied):
        store.insert_user(
            db, "viewer", username="x", display_name="X", app_role="viewer",
            password_hash="h", created_on="2026-06-15",
        )  # fmt: skip
    store.insert_user(
        db, "admin", username="x", display_name="X", app_role="viewer",
        password_hash="h", created_on="2026-06-15", email="x@team.org",
    )  # fmt: skip
    assert user_row(db, "x")["email"] == "x@team.org"
    row = db.execute("SELECT username, action, entity, after_json FROM audit_log").fetchone()
    assert tuple(row)[:3] == ("admin", "create", "user")
    assert json.loads(row[3]) == {
        "app_role": "viewer",
        "display_name": "X",
        "email": "x@team.org",
        "person_id": None,
        "scope_group_id": None,
        "username": "x",
    }
    with pytest.raises(ValidationError) as taken:
        store.insert_user(
            db, "admin", username="y", display_name="Y", app_role="viewer",
            password_hash="h", created_on="2026-06-15", email="X@team.org",
        )  # fmt: skip
    assert taken.value.key == "accounts.err.email_taken"


def test_a_bad_role_is_refused_by_the_check_constraint_too(db) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("UPDATE users SET app_role = 'superuser' WHERE username = 'viewer'")
    with pytest.raises(ValidationError) as refused:
        store.update_user(
            db, "admin", "viewer", display_name="V", app_role="superuser", scope_group_id=None
        )
    assert refused.value.key == "accounts.err.bad_role"


def test_failures_count_up_and_lock_at_the_limit(db) -> None:
    for expected in (1, 2):
        row = store.record_failure(db, "viewer", max_attempts=3, lock_until="2026-06-15T10:00")
        assert (row["failed_attempts"], row["locked_until"]) == (expected, None)
    row = store.record_failure(db, "viewer", max_attempts=3, lock_until="2026-06-15T10:00")
    assert (row["failed_attempts"], row["locked_until"]) == (0, "2026-06-15T10:00")
    store.record_success(db, "viewer")
    assert user_row(db, "viewer")["locked_until"] is None


def test_bootstrap_admin_only_on_an_empty_users_table(db) -> None:
    assert store.bootstrap_admin(db, "hash", "2026-06-15") is False
    db.execute("DELETE FROM users")
    assert store.bootstrap_admin(db, "hash", "2026-06-15") is True
    admin = user_row(db, "admin")
    assert (admin["app_role"], admin["must_change_password"], admin["password_hash"]) == (
        "admin",
        1,
        "hash",
    )
    assert store.bootstrap_admin(db, "other", "2026-06-15") is False
