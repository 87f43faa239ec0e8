"""Deterministic demo and large synthetic communities.

``python -m seed --db PATH --scale demo|large``. The core (groups, people, roles,
memberships, demo accounts) is built here; each feature area adds its own data in
``seed/<area>.py`` through ``seed_demo(db, rng, today)`` / ``seed_large(db, rng, today)``,
as the registry of areas (``dashboard.areas``) declares them, in its order;
``seed.language`` then puts the demo's own text into the chosen language.
"""

import random
from datetime import date

from sqlite_utils import Database

from seed import community
from seed.language import localize_demo

SEED = 42


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
    # here, not at the top: the registry imports this package's area modules
    from dashboard.areas import migrate, seed_steps

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
    for area, step in seed_steps(scale):
        say(area)
        # each area draws from its own stream ("42-seed.kpis"), so one area's data does
        # not change when another's seed step changes
        step(db, random.Random(f"{SEED}-seed.{area}"), today)
    localize_demo(db, lang)
