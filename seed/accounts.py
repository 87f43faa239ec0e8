"""Demo passwords for the demo accounts (the core seed creates their rows)."""

import random
from datetime import date

from sqlite_utils import Database

from dashboard.domain.accounts import hash_password
from db.access import user_row
from db.accounts import audit_user

DEMO_PASSWORDS = {
    "admin": "admin-demo",
    "lead": "lead-demo",
    "viewer": "viewer-demo",
}


def seed_demo(db: Database, rng: random.Random, today: date) -> None:
    """Give each demo account its documented password (no change required)."""
    with db.atomic():
        for username, password in DEMO_PASSWORDS.items():
            db.execute(
                """UPDATE users SET password_hash = ?, must_change_password = 0,
                       password_changed_on = ? WHERE username = ?""",
                [hash_password(password), today.isoformat(), username],
            )
            account = user_row(db, username)
            audit_user(
                db,
                "system",
                "create",
                None,
                {
                    "username": username,
                    "app_role": account["app_role"],
                    "scope_group_id": account["scope_group_id"],
                },
                account=account,
            )


def seed_large(db: Database, rng: random.Random, today: date) -> None:
    """The large community has the same demo accounts and passwords."""
    seed_demo(db, rng, today)
