"""Storage layer: SQLite through sqlite-utils. Never imports streamlit."""

from db.connection import connect, default_db_path
from db.errors import AccessDenied, ConflictError, OpsError, ValidationError

__all__ = [
    "AccessDenied",
    "ConflictError",
    "OpsError",
    "ValidationError",
    "connect",
    "default_db_path",
]
