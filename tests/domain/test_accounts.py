"""Sign-in, lockout, account services, the one-time admin, backup and restore."""

import json
import sqlite3
import zipfile
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from dashboard.areas import migrate, migration_sets
from dashboard.auth import oidc_provider
from dashboard.domain import accounts
from dashboard.domain import org as org_domain
from dashboard.i18n import error_text
from dashboard.session import describe_error
from db import backup
from db.access import user_row
from db.connection import connect
from db.errors import AccessDenied, ValidationError
from tests.conftest import DEMO_TODAY

NOW = datetime(2026, 6, 15, 9, 0, tzinfo=UTC)
SETS = tuple(migration_sets())


def give_password(db, username: str, password: str) -> None:
    db.execute(
        "UPDATE users SET password_hash = ? WHERE username = ?",
        [accounts.hash_password(password), username],
    )


def test_hashes_are_salted_argon2id_and_verify() -> None:
    first, second = accounts.hash_password("s3cret-pass"), accounts.hash_password("s3cret-pass")
    assert first.startswith("$argon2id$")
    assert first != second
    assert accounts.password_matches(first, "s3cret-pass")
    assert not accounts.password_matches(first, "s3cret-pasS")
    assert not accounts.password_matches(None, "anything")
    assert not accounts.password_matches("not-a-hash", "anything")


def test_demo_accounts_sign_in_with_their_documented_passwords(demo_db) -> None:
    for username, password in {
        "admin": "admin-demo",
        "lead": "lead-demo",
        "viewer": "viewer-demo",
    }.items():
        assert accounts.authenticate(demo_db, username, password, NOW)["username"] == username


def test_unknown_user_and_wrong_password_get_the_same_message(db) -> None:
    give_password(db, "viewer", "viewer-pass")
    with pytest.raises(AccessDenied) as unknown:
        accounts.authenticate(db, "nobody", "viewer-pass", NOW)
    with pytest.raises(AccessDenied) as wrong:
        accounts.authenticate(db, "viewer", "wrong-pass", NOW)
    assert unknown.value.key == wrong.value.key == "accounts.err.bad_credentials"
    assert user_row(db, "viewer")["failed_attempts"] == 1


def test_five_failures_lock_the_account_for_fifteen_minutes(db) -> None:
    give_password(db, "viewer", "viewer-pass")
    keys = []
    for _ in range(5):
        with pytest.raises(AccessDenied) as refused:
            accounts.authenticate(db, "viewer", "guess", NOW)
        keys.append((refused.value.key, refused.value.params))
    assert keys == [
        ("accounts.err.bad_credentials", {}),
        ("accounts.err.bad_credentials", {}),
        ("accounts.err.bad_credentials_left", {"left": 2}),
        ("accounts.err.bad_credentials_left", {"left": 1}),
        ("accounts.err.locked", {"minutes": 15}),
    ]
    assert user_row(db, "viewer")["locked_until"] == "2026-06-15T09:15:00+00:00"
    # even the right password is refused while locked
    with pytest.raises(AccessDenied) as locked:
        accounts.authenticate(db, "viewer", "viewer-pass", NOW + timedelta(minutes=10))
    assert (locked.value.key, locked.value.params) == ("accounts.err.locked", {"minutes": 5})
    # the lock is audited
    lock_rows = db.execute(
        "SELECT username, action, entity FROM audit_log WHERE action = 'lock'"
    ).fetchall()
    assert [tuple(r) for r in lock_rows] == [("system", "lock", "user")]
    # after 15 minutes the right password works again and clears the count
    user = accounts.authenticate(db, "viewer", "viewer-pass", NOW + timedelta(minutes=16))
    assert (user["failed_attempts"], user["locked_until"]) == (0, None)


def test_admin_unlocks_a_locked_account(db) -> None:
    give_password(db, "viewer", "viewer-pass")
    db.execute(
        "UPDATE users SET failed_attempts = 0, locked_until = '2999-01-01T00:00:00+00:00'"
        " WHERE username = 'viewer'"
    )
    assert [a.params["user"] for a in accounts.alerts(db, DEMO_TODAY)] == ["viewer"]
    with pytest.raises(AccessDenied):
        accounts.unlock(db, "viewer", "viewer")
    accounts.unlock(db, "admin", "viewer")
    assert user_row(db, "viewer")["locked_until"] is None
    assert accounts.authenticate(db, "viewer", "viewer-pass", NOW)["username"] == "viewer"
    assert accounts.alerts(db, DEMO_TODAY) == []


def test_add_user_needs_an_admin_and_never_audits_the_hash(db) -> None:
    with pytest.raises(AccessDenied) as refused:
        accounts.add_user(
            db, "viewer", username="eve", display_name="Eve", app_role="admin",
            password="long-enough", today=DEMO_TODAY,
        )  # fmt: skip
    assert refused.value.key == "access.admin_only"
    assert user_row(db, "eve") is None
    name = accounts.add_user(
        db, "admin", username="  Mei ", display_name="Mei 梅", app_role="viewer",
        password="long-enough", scope_group_id=None, email="Mei@Example.org", today=DEMO_TODAY,
    )  # fmt: skip
    assert name == "mei"
    row = user_row(db, "mei")
    assert (row["app_role"], row["must_change_password"], row["email"]) == (
        "viewer",
        1,
        "mei@example.org",
    )
    audit_row = db.execute(
        "SELECT username, action, entity, after_json FROM audit_log ORDER BY id DESC"
    ).fetchone()
    assert tuple(audit_row)[:3] == ("admin", "create", "user")
    assert "argon2" not in audit_row["after_json"]
    assert json.loads(audit_row["after_json"])["username"] == "mei"


@pytest.mark.parametrize(
    ("username", "password", "key"),
    [
        ("", "long-enough", "accounts.err.bad_username"),
        ("two words", "long-enough", "accounts.err.bad_username"),
        ("system", "long-enough", "accounts.err.username_taken"),
        ("admin", "long-enough", "accounts.err.username_taken"),
        ("newbie", "short", "accounts.err.password_short"),
        ("newbie123", "NEWBIE123", "accounts.err.password_is_username"),
    ],
)
def test_add_user_refuses_bad_input(db, username: str, password: str, key: str) -> None:
    with pytest.raises(ValidationError) as refused:
        accounts.add_user(
            db, "admin", username=username, display_name="", app_role="viewer",
            password=password, today=DEMO_TODAY,
        )  # fmt: skip
    assert refused.value.key == key
    assert db.execute("SELECT COUNT(*) FROM users").fetchone()[0] == 2


def test_the_last_admin_cannot_be_demoted_and_scope_is_for_leads_only(db) -> None:
    with pytest.raises(ValidationError) as refused:
        accounts.update_user(
            db, "admin", "admin", display_name="A", app_role="viewer", scope_group_id=None
        )
    assert refused.value.key == "accounts.err.last_admin"
    group_id = db.execute(
        "INSERT INTO groups (name, tier, created_on) VALUES ('Core', 'core', '2026-01-01')"
    ).lastrowid
    accounts.update_user(
        db, "admin", "viewer", display_name="Vic", app_role="lead", scope_group_id=group_id
    )
    assert (user_row(db, "viewer")["app_role"], user_row(db, "viewer")["scope_group_id"]) == (
        "lead",
        group_id,
    )
    accounts.update_user(
        db, "admin", "viewer", display_name="Vic", app_role="viewer", scope_group_id=group_id
    )
    assert user_row(db, "viewer")["scope_group_id"] is None


def test_reset_forces_a_change_and_the_user_changes_it(db) -> None:
    give_password(db, "viewer", "viewer-pass")
    accounts.reset_password(db, "admin", "viewer", "temporary-1")
    assert user_row(db, "viewer")["must_change_password"] == 1
    with pytest.raises(ValidationError) as wrong:
        accounts.change_own_password(db, "viewer", "viewer-pass", "mine-now-1", "mine-now-1")
    assert wrong.value.key == "accounts.err.current_password_wrong"
    with pytest.raises(ValidationError) as differ:
        accounts.change_own_password(db, "viewer", "temporary-1", "mine-now-1", "mine-now-2")
    assert differ.value.key == "accounts.err.passwords_differ"
    accounts.change_own_password(db, "viewer", "temporary-1", "mine-now-1", "mine-now-1")
    assert user_row(db, "viewer")["must_change_password"] == 0
    assert accounts.authenticate(db, "viewer", "mine-now-1", NOW)["username"] == "viewer"
    actions = [
        tuple(r) for r in db.execute("SELECT username, action FROM audit_log WHERE entity = 'user'")
    ]
    assert actions == [("admin", "reset_password"), ("viewer", "change_password")]


def test_a_fresh_database_gets_a_one_time_admin(tmp_path: Path, monkeypatch) -> None:
    db = connect(tmp_path / "fresh.sqlite")
    migrate(db)
    monkeypatch.setenv("OPS_ADMIN_PASSWORD", "first-time-pass")
    assert accounts.ensure_admin(db, DEMO_TODAY) == "first-time-pass"
    admin = accounts.authenticate(db, "admin", "first-time-pass", NOW)
    assert (admin["app_role"], admin["must_change_password"]) == ("admin", 1)
    assert accounts.ensure_admin(db, DEMO_TODAY) is None  # only once
    monkeypatch.delenv("OPS_ADMIN_PASSWORD")
    other = connect(tmp_path / "other.sqlite")
    migrate(other)
    generated = accounts.ensure_admin(other, DEMO_TODAY)
    assert generated is not None and len(generated) >= 12
    assert accounts.authenticate(other, "admin", generated, NOW)["username"] == "admin"
    db.close()
    other.close()


def test_oidc_is_used_only_when_configured() -> None:
    assert oidc_provider({}) is None
    assert oidc_provider({"auth": {"redirect_uri": "x", "cookie_secret": "y"}}) is None
    assert oidc_provider({"auth": {"client_id": "a", "client_secret": "b"}}) == ""
    assert oidc_provider({"auth": {"cookie_secret": "y", "google": {"client_id": "a"}}}) == (
        "google"
    )


def test_oidc_email_maps_to_an_account(db) -> None:
    accounts.update_user(
        db, "admin", "viewer", display_name="V", app_role="viewer", scope_group_id=None,
        email="V@Team.org",
    )  # fmt: skip
    assert accounts.user_for_email(db, "v@team.ORG")["username"] == "viewer"
    assert accounts.user_for_email(db, "admin")["username"] == "admin"
    assert accounts.user_for_email(db, "stranger@team.org") is None
    assert accounts.user_for_email(db, None) is None


# --- backup and restore -----------------------------------------------------------------


def test_backup_is_a_consistent_sqlite_copy(demo_db_path: Path, tmp_path: Path) -> None:
    live = connect(demo_db_path)
    people = live.execute("SELECT COUNT(*) FROM people").fetchone()[0]
    with live.atomic():  # an open write transaction does not leak into the backup
        live.execute("UPDATE people SET name = 'half-done' WHERE id = 1")
        data = accounts.backup_bytes(demo_db_path)
    copy = tmp_path / "copy.sqlite"
    copy.write_bytes(data)
    with sqlite3.connect(copy) as conn:
        assert conn.execute("SELECT COUNT(*) FROM people").fetchone()[0] == people
        assert conn.execute("SELECT name FROM people WHERE id = 1").fetchone()[0] != "half-done"
    accounts.check_backup_bytes(data)  # a backup passes the restore checks
    live.close()


def test_restore_replaces_the_content_and_keeps_the_old_one_aside(demo_db_path: Path) -> None:
    db = connect(demo_db_path)
    data = accounts.backup_bytes(demo_db_path)
    group_id = org_domain.create_group(
        db, "admin", name="After the backup", tier="core", parent_id=1, today=DEMO_TODAY
    )
    aside = accounts.restore(db, "admin", demo_db_path, data, now=NOW)
    assert aside.name == "demo.before-restore-20260615T090000.sqlite"
    assert db.execute("SELECT COUNT(*) FROM groups WHERE id = ?", [group_id]).fetchone()[0] == 0
    with sqlite3.connect(aside) as kept:
        assert kept.execute("SELECT name FROM groups WHERE id = ?", [group_id]).fetchone() == (
            "After the backup",
        )
    restored = db.execute(
        "SELECT username, action, entity FROM audit_log ORDER BY id DESC LIMIT 1"
    ).fetchone()
    assert tuple(restored) == ("admin", "restore", "database")
    other = connect(demo_db_path)  # another session sees the restored content
    assert other.execute("SELECT COUNT(*) FROM groups WHERE id = ?", [group_id]).fetchone()[0] == 0
    other.close()
    db.close()


def _plain_sqlite(path: Path) -> bytes:
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    return path.read_bytes()


def _backup_with(demo_db_path: Path, tmp_path: Path, statement: str) -> bytes:
    copy = tmp_path / "edited.sqlite"
    copy.write_bytes(accounts.backup_bytes(demo_db_path))
    with sqlite3.connect(copy) as conn:
        conn.execute(statement)
    return copy.read_bytes()


@pytest.mark.parametrize(
    ("make", "key"),
    [
        (lambda demo, tmp: b"", "accounts.err.empty_upload"),
        (lambda demo, tmp: b"=cmd|' /C calc'!A0\n" * 10, "accounts.err.not_sqlite"),
        (lambda demo, tmp: b"SQLite format 3\x00" + b"\x00" * 200, "accounts.err.corrupt"),
        (lambda demo, tmp: _plain_sqlite(tmp / "plain.sqlite"), "accounts.err.schema_mismatch"),
        (
            lambda demo, tmp: _backup_with(
                demo,
                tmp,
                "INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
                " VALUES ('core', 'm999_future', '2030-01-01')",
            ),  # fmt: skip
            "accounts.err.newer_schema",
        ),
        (
            lambda demo, tmp: _backup_with(demo, tmp, "UPDATE users SET app_role = 'viewer'"),
            "accounts.err.no_admin_in_backup",
        ),
    ],
)
def test_restore_refuses_bad_files_and_changes_nothing(
    demo_db_path: Path, tmp_path: Path, make, key: str
) -> None:
    data = make(demo_db_path, tmp_path)
    db = connect(demo_db_path)
    groups = db.execute("SELECT COUNT(*) FROM groups").fetchone()[0]
    with pytest.raises(ValidationError) as refused:
        accounts.restore(db, "admin", demo_db_path, data, now=NOW)
    assert refused.value.key == key
    assert db.execute("SELECT COUNT(*) FROM groups").fetchone()[0] == groups
    assert list(demo_db_path.parent.glob("*before-restore*")) == []
    db.close()


HOSTILE_TRIGGER = (
    "CREATE TRIGGER promote AFTER INSERT ON audit_log"
    " BEGIN UPDATE users SET app_role = 'admin'; END"
)


@pytest.mark.parametrize(
    ("statements", "difference"),
    [
        ([HOSTILE_TRIGGER], ("accounts.schema.unexpected_trigger", {"name": "promote"})),
        (
            ["DROP TABLE retention_settings"],
            ("accounts.schema.missing_table", {"name": "retention_settings"}),
        ),
        (
            ["DROP TABLE kpis", "CREATE VIEW kpis AS SELECT * FROM roles"],
            ("accounts.schema.view_not_table", {"name": "kpis"}),
        ),
        (
            ["CREATE INDEX people_name ON people(name)"],
            ("accounts.schema.unexpected_index", {"name": "people_name"}),
        ),
        (
            ["ALTER TABLE people ADD COLUMN note TEXT"],
            ("accounts.schema.differs_table", {"name": "people"}),
        ),
        (
            ["DROP INDEX audit_at", "CREATE INDEX audit_at ON audit_log(username)"],
            ("accounts.schema.differs_index", {"name": "audit_at"}),
        ),
        (
            [
                "DROP TABLE _sqlite_migrations",
                "CREATE VIEW _sqlite_migrations AS SELECT 'core' AS migration_set,"
                " 'm001_structure' AS name",
            ],
            ("accounts.schema.view_not_table", {"name": "_sqlite_migrations"}),
        ),
        (
            ["DELETE FROM _sqlite_migrations WHERE migration_set = 'core'"],
            ("accounts.schema.skipped_migration", {"name": "core.m001_structure"}),
        ),
    ],
)
def test_restore_refuses_a_schema_other_than_the_migrations_and_runs_none_of_it(
    demo_db_path: Path, tmp_path: Path, statements: list[str], difference: tuple
) -> None:
    hostile = tmp_path / "hostile.sqlite"
    hostile.write_bytes(accounts.backup_bytes(demo_db_path))
    with closing(sqlite3.connect(hostile)) as conn, conn:
        for statement in statements:
            conn.execute(statement)
    db = connect(demo_db_path)
    users = db.execute("SELECT username, app_role FROM users ORDER BY username").fetchall()
    audit_rows = db.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0]
    with pytest.raises(ValidationError) as refused:
        accounts.restore(db, "admin", demo_db_path, hostile.read_bytes(), now=NOW)
    assert refused.value.key == "accounts.err.schema_mismatch"
    assert ("", *difference) in refused.value.row_errors
    assert db.execute("SELECT username, app_role FROM users ORDER BY username").fetchall() == users
    assert db.execute("SELECT COUNT(*) FROM audit_log").fetchone()[0] == audit_rows
    assert db.execute("SELECT name FROM sqlite_master WHERE name = 'promote'").fetchall() == []
    assert list(demo_db_path.parent.glob("*before-restore*")) == []
    db.close()


def test_a_hostile_trigger_is_named_in_the_refusal(demo_db_path: Path, tmp_path: Path) -> None:
    hostile = tmp_path / "hostile.sqlite"
    hostile.write_bytes(accounts.backup_bytes(demo_db_path))
    with closing(sqlite3.connect(hostile)) as conn, conn:
        conn.execute(HOSTILE_TRIGGER)
    with pytest.raises(ValidationError) as refused:
        accounts.check_backup_bytes(hostile.read_bytes())
    assert refused.value.row_errors == [
        ("", "accounts.schema.unexpected_trigger", {"name": "promote"})
    ]
    assert describe_error(refused.value) == (
        "This backup's schema is not what this version of the app creates at its migration"
        " level (1 differences), so it is refused. Nothing was changed.\n"
        "- unexpected trigger `promote`"
    )
    assert error_text(
        ValidationError("accounts.schema.unexpected_trigger", name="promote"), "zh"
    ) == ("多出的触发器 `promote`")
    assert error_text(ValidationError("accounts.schema.view_not_table", name="kpis"), "zh") == (
        "`kpis` 是视图，应为数据表"
    )


def test_restore_refuses_non_sqlite_and_truncated_files(demo_db_path: Path, tmp_path: Path) -> None:
    archive = tmp_path / "backup.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr("ops.sqlite", accounts.backup_bytes(demo_db_path))
    whole = accounts.backup_bytes(demo_db_path)
    db = connect(demo_db_path)
    for data, key in [
        (archive.read_bytes(), "accounts.err.not_sqlite"),
        (whole[: len(whole) // 2], "accounts.err.corrupt"),
        (whole[:4096], "accounts.err.corrupt"),
    ]:
        with pytest.raises(ValidationError) as refused:
            accounts.restore(db, "admin", demo_db_path, data, now=NOW)
        assert refused.value.key == key
    assert list(demo_db_path.parent.glob("*before-restore*")) == []
    db.close()


def _older_database(path: Path) -> None:
    """A database whose kpis set stops before its last migration, with an admin."""
    older = connect(path)
    for migration_set in migration_sets():
        stop = "m002_rollup_covering_index" if migration_set.name == "kpis" else None
        migration_set.apply(older, stop_before=stop)
    older.execute(
        "INSERT INTO users (username, app_role, password_hash) VALUES ('boss', 'admin', ?)",
        [accounts.hash_password("boss-password")],
    )
    older.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    older.close()


def test_an_older_backup_is_restored_and_migrated(demo_db_path: Path, tmp_path: Path) -> None:
    _older_database(tmp_path / "older.sqlite")
    data = accounts.backup_bytes(tmp_path / "older.sqlite")
    db = connect(demo_db_path)
    accounts.restore(db, "admin", demo_db_path, data, now=NOW)
    assert [row[0] for row in db.execute("SELECT username FROM users")] == ["boss"]
    assert ("kpis", "m002_rollup_covering_index") in {
        tuple(row) for row in db.execute("SELECT migration_set, name FROM _sqlite_migrations")
    }
    with closing(backup.open_untrusted(demo_db_path)) as conn:
        restored = backup.schema_of(conn)
    assert restored == backup.reference_schema(backup.known_migrations(SETS), SETS)
    db.close()


def test_a_newer_backup_is_refused_before_its_schema_is_compared(
    demo_db_path: Path, tmp_path: Path
) -> None:
    newer = tmp_path / "newer.sqlite"
    newer.write_bytes(accounts.backup_bytes(demo_db_path))
    with closing(sqlite3.connect(newer)) as conn, conn:
        conn.execute("CREATE TABLE badges (id INTEGER PRIMARY KEY)")
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
            " VALUES ('retention', 'm002_badges', '2030-01-01')"
        )
    with pytest.raises(ValidationError) as refused:
        accounts.check_backup_bytes(newer.read_bytes())
    assert refused.value.key == "accounts.err.newer_schema"
    assert refused.value.params == {"migrations": "retention.m002_badges"}


def test_restore_refuses_an_oversized_upload_and_non_admins(demo_db_path: Path) -> None:
    db = connect(demo_db_path)
    data = accounts.backup_bytes(demo_db_path)
    with pytest.raises(ValidationError) as too_big:
        accounts.restore(db, "admin", demo_db_path, data, limit=1024 * 1024, now=NOW)
    assert too_big.value.key == "accounts.err.upload_too_large"
    assert too_big.value.params == {"size": f"{len(data) / 1024 / 1024:.1f}", "limit": "1"}
    for user in ("lead", "viewer"):
        with pytest.raises(AccessDenied):
            accounts.restore(db, user, demo_db_path, data, now=NOW)
    assert list(demo_db_path.parent.glob("*before-restore*")) == []
    db.close()


def test_locked_until_reads_utc_stamps() -> None:
    assert accounts.locked_until({"locked_until": None}, NOW) is None
    assert accounts.locked_until({"locked_until": "2026-06-15T08:59:59+00:00"}, NOW) is None
    assert accounts.locked_until({"locked_until": "2026-06-15T09:05:00+00:00"}, NOW) == datetime(
        2026, 6, 15, 9, 5, tzinfo=UTC
    )


def test_a_remembered_sign_in_resumes_until_it_expires_or_ends(db) -> None:
    token = accounts.start_session(db, "viewer", NOW)
    stored = db.execute("SELECT token_hash, username, expires_at FROM sessions").fetchall()
    assert [(r[1], r[2]) for r in stored] == [("viewer", "2026-06-15T21:00:00+00:00")]
    assert stored[0][0] != token  # only the hash is kept
    assert accounts.resume_session(db, token, NOW + timedelta(hours=11))["username"] == "viewer"
    assert accounts.resume_session(db, token, NOW + timedelta(hours=12)) is None
    assert accounts.resume_session(db, "forged-token", NOW) is None
    assert accounts.resume_session(db, None, NOW) is None
    accounts.end_session(db, token)
    assert accounts.resume_session(db, token, NOW) is None


def test_a_reset_or_a_lock_ends_remembered_sign_ins(db) -> None:
    give_password(db, "viewer", "viewer-pass")
    token = accounts.start_session(db, "viewer", NOW)
    db.execute(
        "UPDATE users SET locked_until = '2026-06-15T09:30:00+00:00' WHERE username = 'viewer'"
    )
    assert accounts.resume_session(db, token, NOW) is None
    assert accounts.resume_session(db, token, NOW + timedelta(hours=1))["username"] == "viewer"
    accounts.reset_password(db, "admin", "viewer", "temporary-1")
    assert accounts.resume_session(db, token, NOW + timedelta(hours=1)) is None
