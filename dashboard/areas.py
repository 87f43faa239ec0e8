"""The registry of areas: the one list of what exists in the app.

Each feature area declares here, once, its storage migrations, demo and large seed steps,
alerts, leaver hook, UI strings (its catalog file) and pages. Migrations, seeding, the
overview, exits, translations and navigation all read ``AREAS``; nothing probes for modules
or files, so a missing or misspelt module fails when this registry is imported, and a
missing or misspelt catalog file when the translations are first used. The recipe for adding
an area is in the README (Development).

The order of ``AREAS`` is the order migrations apply and seed steps run (it keeps the
migrated schema and the demo data as they are), the order of the overview's alerts within
a severity, of exit hooks and of pages within a menu section.

This module imports the areas' modules, so modules it imports that need the registry
(``dashboard.i18n``, ``seed``, ``dashboard.domain.org``, ``dashboard.domain.accounts``)
import it inside the function that uses it.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from random import Random

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from dashboard.domain import (
    accounts,
    coaching,
    health,
    kpis,
    manuals,
    org,
    pipeline,
    retention,
)
from dashboard.domain.alerts import Alert
from db import accounts as accounts_db
from db import activity as activity_db
from db import coaching as coaching_db
from db import health as health_db
from db import kpis as kpis_db
from db import manuals as manuals_db
from db import notify as notify_db
from db import org as org_db
from db import pipeline as pipeline_db
from db import retention as retention_db
from db import review as review_db
from db import rewards as rewards_db
from db import schema
from seed import accounts as accounts_seed
from seed import activity as activity_seed
from seed import coaching as coaching_seed
from seed import health as health_seed
from seed import kpis as kpis_seed
from seed import manuals as manuals_seed
from seed import org as org_seed
from seed import pipeline as pipeline_seed
from seed import retention as retention_seed
from seed import review as review_seed
from seed import rewards as rewards_seed

AlertSource = Callable[[Database, date], list[Alert]]
SeedStep = Callable[[Database, Random, date], None]
LeaverHook = Callable[[Database, str, int, date], None]
JoinerHook = Callable[[Database, str, int, int, date], None]

TEAM = "app.section.team"
ADMIN = "app.section.admin"
SECTIONS = (TEAM, ADMIN)  # menu sections, in menu order


@dataclass(frozen=True)
class Page:
    """A page of the menu.

    :param script: the page script, e.g. ``"pages/coaching.py"``.
    :param title_key: i18n key of its menu title; ``section_key`` that of its menu section.
    """

    script: str
    title_key: str
    icon: str
    section_key: str = TEAM


@dataclass(frozen=True)
class Area:
    """One feature area and everything the app takes from it.

    :param key: the area's code; alerts carry it and the navigation maps it to ``pages[0]``.
    :param catalog: its i18n catalog file: a name in ``dashboard/i18n/`` (``"toy.toml"``)
        or a path; read on first use of the translations (``dashboard.i18n``).
    :param migrations: its storage ``Migrations`` set, applied after the core set.
    :param seed_demo: ``fn(db, rng, today)`` adding its demo data after the core community;
        ``seed_large`` the same for the large community.
    :param alerts: ``fn(db, today) -> list[Alert]`` shown to everyone on the overview;
        ``admin_alerts`` the same for admins only (never cached: they end by the clock).
    :param on_person_left: ``fn(db, actor, person_id, today)`` closing what a leaver leaves
        open, inside the exit's transaction.
    :param on_person_joined: ``fn(db, actor, person_id, role_id, today)`` run inside the
        transaction that gives a person a role in a group (a new person, or a join).
    :param served_by: for an area without a page of its own, the area whose page shows it
        (where its alerts link).
    """

    key: str
    catalog: str | Path
    pages: tuple[Page, ...] = ()
    migrations: Migrations | None = None
    seed_demo: SeedStep | None = None
    seed_large: SeedStep | None = None
    alerts: AlertSource | None = None
    admin_alerts: AlertSource | None = None
    on_person_left: LeaverHook | None = None
    on_person_joined: JoinerHook | None = None
    served_by: str | None = None


AREAS: tuple[Area, ...] = (
    Area(
        "overview",
        "overview.toml",
        pages=(Page("pages/overview.py", "nav.overview", ":material/dashboard:"),),
    ),
    Area(
        "org",
        "org.toml",
        pages=(Page("pages/org_structure.py", "nav.org_structure", ":material/account_tree:"),),
        migrations=org_db.migrations,
        seed_demo=org_seed.seed_demo,
        alerts=org.alerts,
    ),
    Area(
        "accounts",
        "accounts.toml",
        pages=(Page("pages/admin.py", "nav.admin", ":material/admin_panel_settings:", ADMIN),),
        migrations=accounts_db.migrations,
        seed_demo=accounts_seed.seed_demo,
        seed_large=accounts_seed.seed_large,
        admin_alerts=accounts.alerts,
    ),
    Area(
        "kpis",
        "kpis.toml",
        pages=(Page("pages/kpi_board.py", "nav.kpi_board", ":material/monitoring:"),),
        migrations=kpis_db.migrations,
        seed_demo=kpis_seed.seed_demo,
        seed_large=kpis_seed.seed_large,
        alerts=kpis.alerts,
    ),
    Area(
        "pipeline",
        "pipeline.toml",
        pages=(Page("pages/talent_pipeline.py", "nav.talent_pipeline", ":material/groups:"),),
        migrations=pipeline_db.migrations,
        seed_demo=pipeline_seed.seed_demo,
        alerts=pipeline.alerts,
        on_person_left=pipeline.on_person_left,
    ),
    Area(
        "coaching",
        "coaching.toml",
        pages=(Page("pages/coaching.py", "nav.coaching", ":material/school:"),),
        migrations=coaching_db.migrations,
        seed_demo=coaching_seed.seed_demo,
        seed_large=coaching_seed.seed_large,
        alerts=coaching.alerts,
        on_person_left=coaching.on_person_left,
        on_person_joined=coaching.on_person_joined,
    ),
    Area(
        "manuals",
        "manuals.toml",
        pages=(Page("pages/handover_manuals.py", "nav.handover_manuals", ":material/menu_book:"),),
        migrations=manuals_db.migrations,
        seed_demo=manuals_seed.seed_demo,
        alerts=manuals.alerts,
        on_person_left=manuals.on_person_left,
    ),
    Area(
        "retention",
        "retention.toml",
        pages=(Page("pages/retention.py", "nav.retention", ":material/favorite:"),),
        migrations=retention_db.migrations,
        seed_demo=retention_seed.seed_demo,
        seed_large=retention_seed.seed_large,
        alerts=retention.alerts,
        on_person_left=retention.on_person_left,
    ),
    Area(
        "review",
        "review.toml",
        pages=(Page("pages/talent_review.py", "nav.talent_review", ":material/grid_view:"),),
        migrations=review_db.migrations,
        seed_demo=review_seed.seed_demo,
    ),
    Area(
        "activity",
        "activity.toml",
        pages=(Page("pages/activity.py", "nav.activity", ":material/forum:"),),
        migrations=activity_db.migrations,
        seed_demo=activity_seed.seed_demo,
        seed_large=activity_seed.seed_large,
    ),
    Area(
        "health",
        "health.toml",
        migrations=health_db.migrations,
        seed_demo=health_seed.seed_demo,
        seed_large=health_seed.seed_large,
        alerts=health.alerts,
        served_by="org",
    ),
    Area(
        "rewards",
        "rewards.toml",
        pages=(Page("pages/rewards.py", "nav.rewards", ":material/redeem:"),),
        migrations=rewards_db.migrations,
        seed_demo=rewards_seed.seed_demo,
        seed_large=rewards_seed.seed_large,
    ),
    Area(
        "notify",
        "notify.toml",
        pages=(Page("pages/notifications.py", "nav.notifications", ":material/notifications:"),),
        migrations=notify_db.migrations,
    ),
)


def migration_sets() -> list[Migrations]:
    """Every migration set of this version of the app: the core set, then the areas'."""
    return [schema.core, *(area.migrations for area in AREAS if area.migrations is not None)]


def migrate(db: Database) -> None:
    """Apply every pending migration of the app (core first, then the areas in order)."""
    schema.migrate(db, migration_sets()[1:])


def seed_steps(scale: str) -> list[tuple[str, SeedStep]]:
    """``(area key, seed step)`` for ``scale`` (``demo`` or ``large``), in order."""
    steps = [(area.key, area.seed_demo if scale == "demo" else area.seed_large) for area in AREAS]
    return [(key, step) for key, step in steps if step is not None]


def alert_sources() -> list[AlertSource]:
    """The areas' alert functions shown to everyone, in the overview's order."""
    return [area.alerts for area in AREAS if area.alerts is not None]


def admin_alert_sources() -> list[AlertSource]:
    """The areas' alert functions shown to admins only."""
    return [area.admin_alerts for area in AREAS if area.admin_alerts is not None]


def leaver_hooks() -> list[LeaverHook]:
    """The areas' hooks run when a person leaves, in order."""
    return [area.on_person_left for area in AREAS if area.on_person_left is not None]


def joiner_hooks() -> list[JoinerHook]:
    """The areas' hooks run when a person joins a group with a role, in order."""
    return [area.on_person_joined for area in AREAS if area.on_person_joined is not None]


def catalogs() -> list[tuple[str, str | Path]]:
    """Every area's i18n catalog file (name or path), with the area's key."""
    return [(area.key, area.catalog) for area in AREAS]


def pages() -> list[Page]:
    """Every page, in menu order (by section, then by area)."""
    listed = [page for area in AREAS for page in area.pages]
    return sorted(listed, key=lambda page: SECTIONS.index(page.section_key))
