"""Sign-in, lockout, account services, the one-time admin, backup and restore."""

import json
import sqlite3
import zipfile
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from dashboard.areas import migrate, migration_sets
from dashboard.auth import client_address, oidc_provider
from dashboard.domain import accounts
from dashboard.i18n import error_text
from dashboard.session import describe_error
from db import backup
from db.access import user_row
from db.connection import connect
from db.errors import AccessDenied, ValidationError
from tests.conftest import DEMO_TODAY, new_group, person_named

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


def refusal(db, username: str, password: str, now: datetime, client: str) -> tuple:
    with pytest.raises(AccessDenied) as refused:
        accounts.authenticate(db, username, password, now, client=client)
    return refused.value.key, refused.value.params


def test_unknown_users_and_wrong_passwords_get_the_same_answers_and_delays(db) -> None:
    give_password(db, "viewer", "viewer-pass")
    answers = {}
    for username in ("viewer", "nobody"):
        client = f"10.0.0.{len(username)}"  # each name from its own client
        answers[username] = [
            refusal(db, username, "guess", NOW + timedelta(seconds=s), client)
            for s in (0, 1, 2, 3, 4, 60, 61)
        ]
    assert (
        answers["viewer"]
        == answers["nobody"]
        == [
            ("accounts.err.bad_credentials", {}),
            ("accounts.err.bad_credentials", {}),
            ("accounts.err.throttled", {"seconds": 2}),  # the 3rd failure: wait 2 s
            ("accounts.err.throttled", {"seconds": 1}),  # refused unchecked while waiting
            ("accounts.err.throttled", {"seconds": 4}),  # the 4th: 4 s
            ("accounts.err.throttled", {"seconds": 8}),  # the 5th: 8 s
            ("accounts.err.throttled", {"seconds": 7}),
        ]
    )
    counted = db.execute(
        "SELECT kind, username, failures FROM sign_in_throttles WHERE kind = 'account'"
        " ORDER BY username"
    ).fetchall()
    assert [tuple(r) for r in counted] == [("account", "nobody", 5), ("account", "viewer", 5)]


def test_an_unknown_user_costs_a_password_check_too(db, monkeypatch) -> None:
    checked = []
    real = accounts.password_matches
    monkeypatch.setattr(accounts, "password_matches", lambda h, p: checked.append(h) or real(h, p))
    with pytest.raises(AccessDenied):
        accounts.authenticate(db, "nobody", "guess", NOW)
    assert checked == [None]  # verified against the dummy hash (same argon2 work)


def test_delays_grow_and_are_capped() -> None:
    assert [accounts.sign_in_delay("pair", n).total_seconds() for n in range(1, 8)] == [
        0,
        0,
        2,
        4,
        8,
        16,
        32,
    ]
    assert accounts.sign_in_delay("pair", 40) == timedelta(minutes=15)
    assert accounts.sign_in_delay("pair", 10**6) == timedelta(minutes=15)
    assert accounts.sign_in_delay("client", 9) == timedelta(0)
    assert accounts.sign_in_delay("client", 10) == timedelta(seconds=2)
    assert accounts.sign_in_delay("account", 9) == timedelta(0)
    assert accounts.sign_in_delay("account", 40) == timedelta(seconds=30)


def test_an_attacker_elsewhere_cannot_keep_the_admin_out(db) -> None:
    """Hundreds of guesses from many clients: the attacker's clients wait up to 15
    minutes; the admin's own client waits at most the account's short delay, then signs in."""
    give_password(db, "admin", "admin-pass")
    moment = NOW
    for guess in range(300):
        attacker = f"203.0.113.{guess % 30}"
        with pytest.raises(AccessDenied):
            accounts.authenticate(db, "admin", f"guess-{guess}", moment, client=attacker)
        moment += timedelta(seconds=1)
    checked = db.execute(
        "SELECT failures FROM sign_in_throttles WHERE kind = 'account' AND username = 'admin'"
    ).fetchone()[0]
    assert checked == 22  # of 300 guesses in 5 minutes: the rest was refused unchecked
    blocked = accounts.store.blocked_until(db, "admin", "192.0.2.5", moment.isoformat())
    wait = datetime.fromisoformat(blocked) - moment if blocked else timedelta(0)
    assert wait <= accounts.DELAY_CAPS["account"]
    user = accounts.authenticate(db, "admin", "admin-pass", moment + wait, client="192.0.2.5")
    assert user["username"] == "admin"


def test_a_client_guessing_many_accounts_is_slowed_down(db) -> None:
    give_password(db, "viewer", "viewer-pass")
    for index in range(10):
        with pytest.raises(AccessDenied):
            accounts.authenticate(db, f"name{index}", "guess", NOW, client="198.51.100.4")
    # the client is now held back, even for a right password; another client is not
    assert refusal(db, "viewer", "viewer-pass", NOW, "198.51.100.4") == (
        "accounts.err.throttled",
        {"seconds": 2},
    )
    assert accounts.authenticate(db, "viewer", "viewer-pass", NOW, client="198.51.100.5")


def test_admin_clears_the_delays_and_a_good_sign_in_resets_the_count(db) -> None:
    give_password(db, "viewer", "viewer-pass")
    for second in range(3):
        with pytest.raises(AccessDenied):
            accounts.authenticate(db, "viewer", "guess", NOW + timedelta(seconds=second * 10))
    assert [a.params["user"] for a in accounts.alerts(db, DEMO_TODAY)] == []  # 2 s: over
    db.execute(
        "UPDATE sign_in_throttles SET blocked_until = '2999-01-01T00:00:00+00:00'"
        " WHERE kind IN ('account', 'pair')"
    )
    assert [a.params["user"] for a in accounts.alerts(db, DEMO_TODAY)] == ["viewer"]
    with pytest.raises(AccessDenied):
        accounts.unlock(db, "viewer", "viewer")
    accounts.unlock(db, "admin", "viewer")
    assert accounts.alerts(db, DEMO_TODAY) == []
    # the client's own counter stays (3 of its 10 free failures)
    assert accounts.authenticate(db, "viewer", "viewer-pass", NOW)["username"] == "viewer"
    remaining = db.execute("SELECT kind, failures FROM sign_in_throttles").fetchall()
    assert [tuple(row) for row in remaining] == [("client", 3)]


def add_account(
    db,
    actor: str,
    username: str,
    *,
    display_name: str = "",
    app_role: str = "viewer",
    password: str = "long-enough",
    email: str = "",
) -> str:
    """Add the account ``username`` through the accounts rules as ``actor``; its name."""
    return accounts.add_user(
        db,
        actor,
        username=username,
        display_name=display_name,
        app_role=app_role,
        password=password,
        email=email,
        today=DEMO_TODAY,
    )


def test_add_user_needs_an_admin_and_never_audits_the_hash(db) -> None:
    with pytest.raises(AccessDenied) as refused:
        add_account(db, "viewer", "eve", display_name="Eve", app_role="admin")
    assert refused.value.key == "access.admin_only"
    assert user_row(db, "eve") is None
    name = add_account(db, "admin", "  Mei ", display_name="Mei 梅", email="Mei@Example.org")
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
        add_account(db, "admin", username, password=password)
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
        db,
        "admin",
        "viewer",
        display_name="V",
        app_role="viewer",
        scope_group_id=None,
        email="V@Team.org",
    )
    assert accounts.user_for_email(db, "v@team.ORG")["username"] == "viewer"
    assert accounts.user_for_email(db, "admin")["username"] == "admin"
    assert accounts.user_for_email(db, "stranger@team.org") is None
    assert accounts.user_for_email(db, None) is None


# --- backup and restore -----------------------------------------------------------------


def test_backup_is_a_consistent_sqlite_copy(demo_db_path: Path, tmp_path: Path) -> None:
    live = connect(demo_db_path)
    people = live.execute("SELECT COUNT(*) FROM people").fetchone()[0]
    someone = person_named(live, "孙凯")
    with live.atomic():  # an open write transaction does not leak into the backup
        live.execute("UPDATE people SET name = 'half-done' WHERE id = ?", [someone])
        data = accounts.backup_bytes(demo_db_path)
    copy = tmp_path / "copy.sqlite"
    copy.write_bytes(data)
    with sqlite3.connect(copy) as conn:
        assert conn.execute("SELECT COUNT(*) FROM people").fetchone()[0] == people
        name = conn.execute("SELECT name FROM people WHERE id = ?", [someone]).fetchone()[0]
        assert name == "孙凯"
    accounts.check_backup_bytes(data)  # a backup passes the restore checks
    live.close()


def test_restore_replaces_the_content_and_keeps_the_old_one_aside(demo_db_path: Path) -> None:
    db = connect(demo_db_path)
    data = accounts.backup_bytes(demo_db_path)
    group_id = new_group(db, "After the backup", under="运营管理群", tier="core")
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
            ),
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
    other_tab = accounts.start_session(db, "viewer", NOW)
    stored = db.execute("SELECT token_hash, username, expires_at FROM sessions").fetchall()
    assert [(r[1], r[2]) for r in stored][:1] == [("viewer", "2026-06-15T21:00:00+00:00")]
    assert token not in {r[0] for r in stored}  # only the hash is kept
    assert accounts.resume_session(db, token, NOW + timedelta(hours=11))["username"] == "viewer"
    assert accounts.resume_session(db, token, NOW + timedelta(hours=12)) is None
    assert accounts.resume_session(db, "forged-token", NOW) is None
    assert accounts.resume_session(db, None, NOW) is None
    admin = accounts.start_session(db, "admin", NOW)
    accounts.end_sessions(db, "viewer")  # sign-out ends every sign-in of the user
    assert accounts.resume_session(db, token, NOW) is None
    assert accounts.resume_session(db, other_tab, NOW) is None
    assert accounts.resume_session(db, admin, NOW)["username"] == "admin"


def test_a_reset_ends_remembered_sign_ins_but_guesses_by_others_do_not(db) -> None:
    give_password(db, "viewer", "viewer-pass")
    token = accounts.start_session(db, "viewer", NOW)
    for _ in range(20):
        with pytest.raises(AccessDenied):
            accounts.authenticate(db, "viewer", "guess", NOW, client="203.0.113.9")
    assert accounts.resume_session(db, token, NOW)["username"] == "viewer"
    accounts.reset_password(db, "admin", "viewer", "temporary-1")
    assert accounts.resume_session(db, token, NOW + timedelta(hours=1)) is None
    left = db.execute("SELECT COUNT(*) FROM sign_in_throttles WHERE username = 'viewer'")
    assert left.fetchone()[0] == 0


def test_the_chosen_language_is_remembered(db) -> None:
    assert user_row(db, "viewer")["language"] is None
    accounts.remember_language(db, "viewer", "zh")
    assert user_row(db, "viewer")["language"] == "zh"
    with pytest.raises(ValidationError):
        accounts.remember_language(db, "viewer", "de")


def test_the_client_is_the_connection_or_what_a_local_proxy_forwarded() -> None:
    assert client_address("198.51.100.7", {"X-Forwarded-For": "10.9.9.9"}) == "198.51.100.7"
    forwarded = {"X-Forwarded-For": "6.6.6.6, 203.0.113.4"}  # the first one is forgeable
    assert client_address(None, forwarded) == "203.0.113.4"
    assert client_address(None, {"X-Real-IP": "203.0.113.5"}) == "203.0.113.5"
    assert client_address(None, {}) is None
