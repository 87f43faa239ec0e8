"""Small SQL helpers shared by the storage modules."""

from sqlite_utils import Database


def fetch_rows(db: Database, sql: str, params: list | tuple = ()) -> list[dict]:
    """Every row of ``sql`` as a dict."""
    return [dict(row) for row in db.execute(sql, list(params)).fetchall()]


def fetch_named(db: Database, sql: str, params: list | tuple = ()) -> list:
    """Every row of ``sql`` as the connection reads it (``sqlite3.Row``: by column name,
    like a dict, but not copied into one), for a caller that digests many rows at once
    (about a fifth of reading 23,000 rows of eleven columns went to their dicts)."""
    return db.execute(sql, list(params)).fetchall()


def fetch_one(db: Database, sql: str, params: list | tuple = ()) -> dict | None:
    """The first row of ``sql`` as a dict, or ``None``."""
    row = db.execute(sql, list(params)).fetchone()
    return dict(row) if row else None


def fetch_map(db: Database, sql: str, params: list | tuple = ()) -> dict:
    """The rows of a two-column ``sql`` as a dict: first column → second (a count or a
    name per id)."""
    return dict(db.execute(sql, list(params)).fetchall())


def check_fields(changes: dict, fields: tuple[str, ...], what: str) -> None:
    """``ValueError`` (a programming error, never a user's) when ``changes`` names a column
    outside ``fields``, the ones a caller may set."""
    unknown = set(changes) - set(fields)
    if unknown:
        raise ValueError(f"not {what} fields: {sorted(unknown)}")


def update_row(
    db: Database, table: str, row_id: int, changes: dict, also: str = "", **params: object
) -> None:
    """Set the columns ``changes`` names (checked by ``check_fields``, never user input) on
    the row ``row_id`` of ``table``, with the assignments ``also`` after them (SQL over
    named ``params``: a version bump, a date)."""
    assignments = ", ".join([f"{k} = :{k}" for k in changes] + ([also] if also else []))
    db.execute(
        f"UPDATE {table} SET {assignments} WHERE id = :id", {**changes, **params, "id": row_id}
    )


def in_list(values: tuple[str, ...]) -> str:
    """``('a', 'b')`` for a CHECK or WHERE ... IN over fixed codes (never user input)."""
    return "(" + ", ".join(f"'{v}'" for v in values) + ")"
