"""Storage of accounts: the accounts migrations, audited admin-only writes, sign-in
bookkeeping, and the one-time admin of an empty database."""

import json
import sqlite3
from datetime import UTC, datetime, timedelta

import pytest

from db import accounts as store
from db.access import user_row
from db.errors import AccessDenied, ValidationError


def test_migrations_add_rotation_email_sessions_throttles_and_language(db) -> None:
    columns = {row[1] for row in db.execute("PRAGMA table_info(users)")}
    assert {"must_change_password", "password_changed_on", "email", "language"} <= columns
    assert not {"failed_attempts", "locked_until"} & columns  # now in sign_in_throttles
    throttle_columns = [row[1] for row in db.execute("PRAGMA table_info(sign_in_throttles)")]
    assert throttle_columns == [
        "kind",
        "username",
        "client",
        "failures",
        "last_failure_at",
        "blocked_until",
    ]
    session_columns = [row[1] for row in db.execute("PRAGMA table_info(sessions)")]
    assert session_columns == ["token_hash", "username", "created_at", "expires_at"]
    applied = [
        row[0]
        for row in db.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = 'accounts' ORDER BY id"
        )
    ]
    assert applied == [
        "m001_password_rotation",
        "m002_sessions",
        "m003_sign_in_throttles_and_language",
    ]


def test_users_lists_accounts_without_hashes(db) -> None:
    db.execute("UPDATE users SET password_hash = 'secret-hash' WHERE username = 'admin'")
    rows = store.users(db)
    assert [(r["username"], r["app_role"], r["has_password"]) for r in rows] == [
        ("admin", "admin", 1),
        ("viewer", "viewer", 0),
    ]
    assert all("password_hash" not in row for row in rows)


def insert_viewer(db, actor: str, username: str, email: str | None = None) -> None:
    """Insert a viewer account ``username`` (shown as its capitals) as ``actor``."""
    store.insert_user(
        db,
        actor,
        username=username,
        display_name=username.upper(),
        app_role="viewer",
        password_hash="h",
        created_on="2026-06-15",
        email=email,
    )


def test_insert_user_is_admin_only_and_audited(db) -> None:
    with pytest.raises(AccessDenied):
        insert_viewer(db, "viewer", "x")
    insert_viewer(db, "admin", "x", email="x@team.org")
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
        insert_viewer(db, "admin", "y", email="X@team.org")
    assert taken.value.key == "accounts.err.email_taken"


def test_a_bad_role_is_refused_by_the_check_constraint_too(db) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("UPDATE users SET app_role = 'superuser' WHERE username = 'viewer'")
    with pytest.raises(ValidationError) as refused:
        store.update_user(
            db, "admin", "viewer", display_name="V", app_role="superuser", scope_group_id=None
        )
    assert refused.value.key == "accounts.err.bad_role"


NOW = datetime(2026, 6, 15, 9, 0, tzinfo=UTC)


def three_free_then_ten_seconds(kind: str, failures: int) -> timedelta:
    return timedelta(seconds=10) if failures > 3 else timedelta(0)


def fail(db, username: str, client: str, now: datetime = NOW) -> str | None:
    return store.record_failure(
        db, username, client, now=now, window=timedelta(hours=1), delay=three_free_then_ten_seconds
    )


def counters(db) -> list[tuple]:
    return [
        tuple(row)
        for row in db.execute(
            """SELECT kind, username, client, failures, blocked_until FROM sign_in_throttles
               ORDER BY kind, username, client"""
        )
    ]


def test_failures_count_per_account_client_and_pair_and_block_past_the_free_ones(db) -> None:
    for _ in range(3):
        assert fail(db, "viewer", "10.0.0.9") is None
    assert fail(db, "viewer", "10.0.0.9") == "2026-06-15T09:00:10+00:00"
    assert fail(db, "ghost", "10.0.0.7") is None  # an unknown name is counted like a known one
    assert counters(db) == [
        ("account", "ghost", "", 1, None),
        ("account", "viewer", "", 4, "2026-06-15T09:00:10+00:00"),
        ("client", "", "10.0.0.7", 1, None),
        ("client", "", "10.0.0.9", 4, "2026-06-15T09:00:10+00:00"),
        ("pair", "ghost", "10.0.0.7", 1, None),
        ("pair", "viewer", "10.0.0.9", 4, "2026-06-15T09:00:10+00:00"),
    ]
    assert store.blocked_until(db, "viewer", "10.0.0.1", "2026-06-15T09:00:05+00:00") == (
        "2026-06-15T09:00:10+00:00"  # the account's own counter
    )
    assert store.blocked_until(db, "viewer", "10.0.0.1", "2026-06-15T09:00:10+00:00") is None
    # the start of a block is audited once, by the system
    audited = db.execute("SELECT username, action, after_json FROM audit_log").fetchall()
    assert [(r[0], r[1]) for r in audited] == [("system", "throttle")]
    assert [t["kind"] for t in json.loads(audited[0][2])["throttles"]] == [
        "account",
        "client",
        "pair",
    ]
    # a good sign-in clears the account and the pair, not the client's own count
    store.record_success(db, "viewer", "10.0.0.9")
    assert [row[:4] for row in counters(db) if "viewer" in row or "10.0.0.9" in row] == [
        ("client", "", "10.0.0.9", 4)
    ]


def test_counters_start_again_after_the_window_and_long_names_are_cut(db) -> None:
    for _ in range(3):
        fail(db, "viewer", "10.0.0.9")
    fail(db, "viewer", "10.0.0.9", NOW + timedelta(hours=2))
    assert [row[3] for row in counters(db)] == [1, 1, 1]
    fail(db, "x" * 5000, "y" * 5000, NOW + timedelta(hours=2))
    assert {len(row[1]) for row in counters(db)} == {0, 6, 64}


def test_unlock_clears_the_accounts_counters_from_every_client(db) -> None:
    for client in ("10.0.0.1", "10.0.0.2", "10.0.0.2", "10.0.0.2", "10.0.0.2"):
        fail(db, "viewer", client)
    with pytest.raises(AccessDenied):
        store.unlock(db, "viewer", "viewer")
    store.unlock(db, "admin", "viewer")
    assert [row[:3] for row in counters(db)] == [
        ("client", "", "10.0.0.1"),
        ("client", "", "10.0.0.2"),
    ]
    listed = {row["username"]: row for row in store.users(db)}
    assert (listed["viewer"]["failed_attempts"], listed["viewer"]["locked_until"]) == (0, None)


def test_users_lists_failed_sign_ins_and_the_latest_delay(db) -> None:
    for _ in range(4):
        fail(db, "viewer", "10.0.0.2")
    listed = {row["username"]: row for row in store.users(db)}
    assert (listed["viewer"]["failed_attempts"], listed["viewer"]["locked_until"]) == (
        4,
        "2026-06-15T09:00:10+00:00",
    )
    assert (listed["admin"]["failed_attempts"], listed["admin"]["locked_until"]) == (0, None)


def test_sign_out_ends_every_session_of_the_user(db) -> None:
    for token, username in (("a", "viewer"), ("b", "viewer"), ("c", "admin")):
        store.create_session(db, username, token, "2026-06-15T09:00", "2026-06-15T21:00")
    assert store.end_sessions(db, "viewer") == 2
    assert [r[0] for r in db.execute("SELECT token_hash FROM sessions")] == ["c"]


def test_the_language_is_kept_with_the_user_and_checked(db) -> None:
    store.set_language(db, "viewer", "zh")
    store.set_language(db, "viewer", "zh")  # unchanged: no second audit row
    assert user_row(db, "viewer")["language"] == "zh"
    rows = db.execute("SELECT username, action, after_json FROM audit_log").fetchall()
    assert [tuple(r) for r in rows] == [
        ("viewer", "set_language", '{"language": "zh", "username": "viewer"}')
    ]
    with pytest.raises(ValidationError) as refused:
        store.set_language(db, "viewer", "fr")
    assert refused.value.key == "accounts.err.bad_language"
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("UPDATE users SET language = 'fr' WHERE username = 'viewer'")


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
