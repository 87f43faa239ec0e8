"""Small SQL helpers shared by the storage modules."""

from sqlite_utils import Database


def fetch_rows(db: Database, sql: str, params: list | tuple = ()) -> list[dict]:
    """Every row of ``sql`` as a dict."""
    return [dict(row) for row in db.execute(sql, list(params)).fetchall()]


def fetch_one(db: Database, sql: str, params: list | tuple = ()) -> dict | None:
    """The first row of ``sql`` as a dict, or ``None``."""
    row = db.execute(sql, list(params)).fetchone()
    return dict(row) if row else None


def in_list(values: tuple[str, ...]) -> str:
    """``('a', 'b')`` for a CHECK or WHERE ... IN over fixed codes (never user input)."""
    return "(" + ", ".join(f"'{v}'" for v in values) + ")"
