"""Team-wide thresholds, kept per area in a ``<area>_settings`` table of key → whole number
(the defaults live in the area's module; a saved value overrides its default)."""

from sqlite_utils import Database

from db import audit
from db.access import require_write


def read(db: Database, table: str, defaults: dict[str, int]) -> dict[str, int]:
    """The thresholds in force: ``defaults`` overridden by what is saved in ``table``."""
    saved = dict(db.execute(f"SELECT key, value FROM {table}").fetchall())
    return {key: saved.get(key, default) for key, default in defaults.items()}


def write(
    db: Database, actor: str, table: str, defaults: dict[str, int], values: dict[str, int]
) -> None:
    """Save ``values`` into ``table`` (a team-wide write: whole-tree rights), audited."""
    with db.atomic():
        require_write(db, actor)
        before = read(db, table, defaults)
        for key, value in values.items():
            db.execute(
                f"""INSERT INTO {table} (key, value) VALUES (?, ?)
                    ON CONFLICT(key) DO UPDATE SET value = excluded.value""",
                [key, value],
            )
        audit.record(db, actor, "update", table, None, before, read(db, table, defaults))
