"""Deterministic demo and large synthetic communities.

``python -m seed --db PATH --scale demo|large``. The core (groups, people, roles,
memberships, demo accounts) is built here; each feature area adds its own data in
``seed/<area>.py`` through ``seed_demo(db, rng, today)`` / ``seed_large(db, rng, today)``,
run in the order of ``AREA_MODULES``; ``seed.language`` then puts the demo's own text into
the chosen language.
"""

import importlib
import importlib.util
import random
from datetime import date

from sqlite_utils import Database

from db.schema import migrate
from seed import community
from seed.language import localize_demo

AREA_MODULES = (
    "seed.accounts",
    "seed.kpis",
    "seed.pipeline",
    "seed.coaching",
    "seed.manuals",
    "seed.retention",
)
SEED = 42


def _areas():
    for name in AREA_MODULES:
        if importlib.util.find_spec(name) is not None:
            yield importlib.import_module(name)


def seed_database(
    db: Database,
    scale: str = "demo",
    today: date | None = None,
    progress=None,
    lang: str = "en",
) -> None:
    """Fill an empty, migrated-or-not database with the ``demo`` or ``large`` community.

    :param progress: optional ``fn(message)`` told about each step.
    :param lang: the language of the demo's own text (``en`` or ``zh``).
    """
    today = today or date.today()
    migrate(db)
    if db.execute("SELECT COUNT(*) FROM groups").fetchone()[0]:
        raise ValueError("the database already has groups; seed an empty one")
    rng = random.Random(SEED)
    say = progress or (lambda message: None)
    say("core")
    if scale == "demo":
        community.build_demo(db, rng, today)
    elif scale == "large":
        community.build_large(db, rng, today)
    else:
        raise ValueError(f"unknown scale {scale!r}")
    for area in _areas():
        builder = getattr(area, f"seed_{scale}", None)
        if builder is not None:
            say(area.__name__.rsplit(".", 1)[-1])
            builder(db, random.Random(f"{SEED}-{area.__name__}"), today)
    localize_demo(db, lang)
