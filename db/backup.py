"""Reading an uploaded backup's schema without running any of it, and the schema this
version's migrations create at a given migration level, to compare the two.

A backup is a whole SQLite file: besides tables and rows it can carry triggers and views
that would run with the app's connection once restored. So nothing of the file runs
during the check (read-only, ``trusted_schema=OFF``, only ``sqlite_master`` and the
migrations table are read), and only a schema identical to the migrations' is restored.
"""

import functools
import sqlite3
import tempfile
from contextlib import closing
from pathlib import Path

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from db.schema import core

SQLITE_HEADER = b"SQLite format 3\x00"
MIGRATIONS_TABLE = Migrations.migrations_table
# ANALYZE / PRAGMA optimize statistics: planner hints SQLite keeps, not app schema
STATISTICS_PREFIX = "sqlite_stat"

# (namespace, name) → (type, tbl_name, normalised sql); triggers have their own namespace
Schema = dict[tuple[str, str], tuple[str, str, str | None]]
Level = frozenset[tuple[str, str]]


def is_sqlite_file(path: Path) -> bool:
    """Whether the file starts with SQLite's 16-byte header."""
    with open(path, "rb") as handle:
        return handle.read(16) == SQLITE_HEADER


def open_untrusted(path: Path) -> sqlite3.Connection:
    """A read-only connection to an uploaded file that runs none of its schema's code."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    conn.execute("PRAGMA trusted_schema=OFF")
    conn.execute("PRAGMA cell_size_check=ON")
    return conn


def integrity_problem(conn: sqlite3.Connection) -> str | None:
    """SQLite's first integrity complaint about the file, or ``None`` when it is sound."""
    first = conn.execute("PRAGMA integrity_check(1)").fetchone()[0]
    return None if first == "ok" else first


def admin_count(conn: sqlite3.Connection) -> int:
    """How many admin accounts with a password the file holds."""
    return conn.execute(
        "SELECT COUNT(*) FROM users WHERE app_role = 'admin' AND password_hash IS NOT NULL"
    ).fetchone()[0]


def database_bytes(path: str | Path) -> bytes:
    """A consistent copy of the database file (SQLite's online backup API), as bytes."""
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "backup.sqlite"
        with (
            closing(sqlite3.connect(str(path))) as source,
            closing(sqlite3.connect(target)) as copy,
        ):
            source.backup(copy)
            copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        return target.read_bytes()


def replace_content(db: Database, upload: Path, aside: Path) -> None:
    """Keep the database's content in ``aside``, then replace it by the file ``upload``."""
    with closing(sqlite3.connect(aside)) as copy:
        db.conn.backup(copy)
    with closing(sqlite3.connect(upload)) as source:
        source.backup(db.conn)


def _normalised(sql: str | None) -> str | None:
    return " ".join(sql.split()) if sql is not None else None


def _namespace(kind: str) -> str:
    return "trigger" if kind == "trigger" else "relation"


def schema_of(conn: sqlite3.Connection) -> Schema:
    """Every object of ``sqlite_master`` (tables, indexes, triggers, views)."""
    rows = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    return {
        (_namespace(kind), name): (kind, tbl_name, _normalised(sql))
        for kind, name, tbl_name, sql in rows
        if not name.startswith(STATISTICS_PREFIX)
    }


# every migration set of the app, core first, in the order they apply (storage does not
# know the areas: the registry, ``dashboard.areas.migration_sets``, hands them in)
Sets = tuple[Migrations, ...]


def known_migrations(sets: Sets) -> Level:
    """Every ``(set, name)`` migration this version of the app has."""
    return frozenset(
        (migration_set.name, migration.name)
        for migration_set in sets
        for migration in migration_set._migrations
    )


def applied_migrations(conn: sqlite3.Connection) -> Level:
    """The migrations recorded in the file (call only once its migrations table is known
    to be a plain table: a view there would run the file's SQL)."""
    rows = conn.execute(f"SELECT migration_set, name FROM {MIGRATIONS_TABLE}").fetchall()
    return frozenset((str(row[0]), str(row[1])) for row in rows)


def skipped_migrations(level: Level, sets: Sets) -> list[str]:
    """Migrations missing before a later applied one of the same set (``set.name``), or
    core's first one missing under any area's: levels the migrations never produce."""
    skipped = []
    for migration_set in sets:
        names = [migration.name for migration in migration_set._migrations]
        done = [(migration_set.name, name) in level for name in names]
        needed = len(done) - done[::-1].index(True) - 1 if True in done else -1
        if migration_set is core and level:
            needed = max(needed, 0)  # every area builds on core's tables
        skipped.extend(f"{migration_set.name}.{names[i]}" for i in range(needed + 1) if not done[i])
    return skipped


@functools.lru_cache(maxsize=8)
def reference_schema(level: Level, sets: Sets) -> Schema:
    """The schema the migrations create when exactly the migrations of ``level`` (a level
    without gaps) are applied to an empty database, set by set as ``migrate`` does."""
    reference = Database(memory=True)
    for migration_set in sets:
        pending = [
            m.name for m in migration_set._migrations if (migration_set.name, m.name) not in level
        ]
        migration_set.apply(reference, stop_before=pending[0] if pending else None)
    try:
        return schema_of(reference.conn)
    finally:
        reference.close()


def schema_differences(found: Schema, expected: Schema) -> list[tuple[str, dict]]:
    """What differs, as ``(i18n key, params)``: missing, unexpected, of another type, or
    defined otherwise (columns, constraints, indexed columns, trigger body...)."""
    differences = []
    for key in sorted(expected.keys() | found.keys(), key=lambda k: (k[1], k[0])):
        name = key[1]
        if key not in found:
            differences.append((f"accounts.schema.missing_{expected[key][0]}", {"name": name}))
        elif key not in expected:
            differences.append((f"accounts.schema.unexpected_{found[key][0]}", {"name": name}))
        elif found[key][0] != expected[key][0]:
            kinds = f"{found[key][0]}_not_{expected[key][0]}"
            differences.append((f"accounts.schema.{kinds}", {"name": name}))
        elif found[key] != expected[key]:
            differences.append((f"accounts.schema.differs_{expected[key][0]}", {"name": name}))
    return differences
