"""Today's date, overridable with ``OPS_TODAY=YYYY-MM-DD`` (screenshots, demos, tests)."""

import os
from datetime import date


def today() -> date:
    override = os.environ.get("OPS_TODAY")
    return date.fromisoformat(override) if override else date.today()
