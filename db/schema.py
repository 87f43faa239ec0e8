"""Schema migrations. The core set (structure, people, audit, users) comes first; each
feature area keeps its own ``Migrations`` set in its ``db/<area>.py`` module as
``migrations`` and is applied after it, in the order of ``AREA_MODULES``."""

import importlib
import importlib.util

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from db.sql import in_list

core = Migrations("core")

TIERS = ("management", "core", "ordinary")
PERSON_STATUSES = ("newcomer", "active", "left")
SOURCES = ("task", "referral", "system", "activity")
EXIT_REASONS = ("workload", "reward", "growth", "discord", "other")
APP_ROLES = ("admin", "lead", "viewer")

# Feature areas, applied in this order after the core set (a missing module is skipped).
AREA_MODULES = (
    "db.accounts",
    "db.kpis",
    "db.pipeline",
    "db.coaching",
    "db.manuals",
    "db.retention",
    "db.activity",
)


def run_statements(db: Database, statements: list[str]) -> None:
    """Run DDL one statement at a time (``executescript`` would commit mid-migration)."""
    for statement in statements:
        db.execute(statement)


@core()
def m001_structure(db: Database) -> None:
    run_statements(
        db,
        [
            f"""CREATE TABLE groups (
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL CHECK (length(trim(name)) > 0),
                tier TEXT NOT NULL CHECK (tier IN {in_list(TIERS)}),
                parent_id INTEGER REFERENCES groups(id),
                purpose TEXT NOT NULL DEFAULT '',
                platform TEXT NOT NULL DEFAULT '',
                capacity INTEGER CHECK (capacity IS NULL OR capacity > 0),
                created_on TEXT NOT NULL,
                archived_on TEXT,
                version INTEGER NOT NULL DEFAULT 1
            )""",
            "CREATE UNIQUE INDEX groups_live_name ON groups(lower(trim(name)))"
            " WHERE archived_on IS NULL",
            "CREATE INDEX groups_parent ON groups(parent_id)",
            f"""CREATE TABLE people (
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL CHECK (length(trim(name)) > 0),
                handle TEXT NOT NULL DEFAULT '',
                joined_on TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN {in_list(PERSON_STATUSES)}),
                source TEXT CHECK (source IS NULL OR source IN {in_list(SOURCES)}),
                referred_by INTEGER REFERENCES people(id),
                left_on TEXT,
                exit_reason TEXT CHECK (exit_reason IS NULL OR exit_reason IN {in_list(EXIT_REASONS)}),
                exit_note TEXT NOT NULL DEFAULT '',
                max_mentees INTEGER NOT NULL DEFAULT 3 CHECK (max_mentees >= 0),
                version INTEGER NOT NULL DEFAULT 1
            )""",
            "CREATE INDEX people_status ON people(status)",
            f"""CREATE TABLE roles (
                id INTEGER PRIMARY KEY,
                code TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL,
                name_zh TEXT NOT NULL,
                tier TEXT CHECK (tier IS NULL OR tier IN {in_list(TIERS)}),
                is_key INTEGER NOT NULL DEFAULT 0,
                description TEXT NOT NULL DEFAULT ''
            )""",
            """CREATE TABLE memberships (
                id INTEGER PRIMARY KEY,
                person_id INTEGER NOT NULL REFERENCES people(id),
                group_id INTEGER NOT NULL REFERENCES groups(id),
                role_id INTEGER NOT NULL REFERENCES roles(id),
                start_on TEXT NOT NULL,
                end_on TEXT
            )""",
            "CREATE INDEX memberships_group_open ON memberships(group_id, end_on)",
            "CREATE INDEX memberships_person_open ON memberships(person_id, end_on)",
            """CREATE TABLE audit_log (
                id INTEGER PRIMARY KEY,
                at TEXT NOT NULL,
                username TEXT NOT NULL,
                action TEXT NOT NULL,
                entity TEXT NOT NULL,
                entity_id INTEGER,
                group_id INTEGER,
                person_id INTEGER,
                before_json TEXT,
                after_json TEXT
            )""",
            "CREATE INDEX audit_entity ON audit_log(entity, entity_id)",
            "CREATE INDEX audit_group ON audit_log(group_id)",
            "CREATE INDEX audit_person ON audit_log(person_id)",
            "CREATE INDEX audit_at ON audit_log(at)",
            f"""CREATE TABLE users (
                username TEXT PRIMARY KEY,
                display_name TEXT NOT NULL DEFAULT '',
                password_hash TEXT,
                app_role TEXT NOT NULL CHECK (app_role IN {in_list(APP_ROLES)}),
                person_id INTEGER REFERENCES people(id),
                scope_group_id INTEGER REFERENCES groups(id),
                failed_attempts INTEGER NOT NULL DEFAULT 0,
                locked_until TEXT,
                created_on TEXT NOT NULL DEFAULT (date('now'))
            )""",
        ],
    )


def area_migrations() -> list[Migrations]:
    """The feature areas' migration sets that exist in this checkout, in order."""
    sets = []
    for name in AREA_MODULES:
        if importlib.util.find_spec(name) is None:
            continue
        module = importlib.import_module(name)
        if isinstance(getattr(module, "migrations", None), Migrations):
            sets.append(module.migrations)
    return sets


def migrate(db: Database) -> None:
    """Apply every pending migration, core first."""
    core.apply(db)
    for migrations in area_migrations():
        migrations.apply(db)
