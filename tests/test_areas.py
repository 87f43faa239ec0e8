"""The registry of areas: the one list of what exists, and the README's recipe for adding an
area followed with a throwaway "toy" area on a real database."""

import random
import re
from datetime import date
from pathlib import Path

import pytest
from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from dashboard import areas, i18n, navigation, overview_views
from dashboard.domain import org, overview
from dashboard.domain.alerts import Alert
from db.connection import connect
from db.errors import ValidationError
from seed import seed_database
from tests.conftest import DEMO_TODAY

ROOT = Path(__file__).resolve().parent.parent

# ---------------------------------------------------------------- the recipe, step by step

# 1. storage: the area's migration set (in db/toy.py)
toy_migrations = Migrations("toy")


@toy_migrations()
def m001_toy_notes(db: Database) -> None:
    db.execute(
        """CREATE TABLE toy_notes (
            id INTEGER PRIMARY KEY,
            person_id INTEGER REFERENCES people(id),
            text TEXT NOT NULL
        )"""
    )


# 2. seed: its demo data (in seed/toy.py)
def seed_toy_demo(db: Database, rng: random.Random, today: date) -> None:
    db.execute("INSERT INTO toy_notes (text) VALUES (?)", [f"hello {rng.randint(1, 9)}"])


# 3. domain: its alerts and its leaver hook (in dashboard/domain/toy.py)
def toy_alerts(db: Database, today: date) -> list[Alert]:
    return [
        Alert("toy_note", "low", "toy.alert.note", "toy", {"text": text})
        for (text,) in db.execute("SELECT text FROM toy_notes WHERE person_id IS NULL")
    ]


def toy_on_person_left(db: Database, actor: str, person_id: int, today: date) -> None:
    if db.execute("SELECT 1 FROM toy_notes WHERE text = 'refuse exits'").fetchone():
        raise ValidationError("org.err.exit_reason", reason="toy")
    db.execute("INSERT INTO toy_notes (person_id, text) VALUES (?, 'left')", [person_id])


# 4. strings (in dashboard/i18n/toy.toml; here written in tmp_path)
TOY_CATALOG = """
["nav.toy"]
en = "Toys"
zh = "玩具"

["toy.alert.note"]
en = "A toy note: {text}."
zh = "玩具便条：{text}。"
"""


# 5. one registry entry (in dashboard/areas.py, naming "toy.toml") with its page (pages/toy.py)
def toy_entry(catalog: Path) -> areas.Area:
    return areas.Area(
        "toy",
        catalog,
        pages=(areas.Page("pages/toy.py", "nav.toy", ":material/toys:"),),
        migrations=toy_migrations,
        seed_demo=seed_toy_demo,
        alerts=toy_alerts,
        on_person_left=toy_on_person_left,
    )


@pytest.fixture
def toy_area(monkeypatch, tmp_path):
    """The registry with the toy area appended, and the app's translations with what the
    catalog built from that registry adds (the app builds its catalog once)."""
    catalog = tmp_path / "toy.toml"
    catalog.write_text(TOY_CATALOG, encoding="utf-8")
    toy = toy_entry(catalog)
    monkeypatch.setattr(areas, "AREAS", (*areas.AREAS, toy))
    for key, texts in i18n.load_catalog().items():
        if key not in i18n.CATALOG:
            monkeypatch.setitem(i18n.CATALOG, key, texts)
    return toy


@pytest.fixture
def toy_db(toy_area, tmp_path):
    db = connect(tmp_path / "toy.sqlite")
    seed_database(db, "demo", DEMO_TODAY)
    yield db
    db.close()


def test_a_new_area_is_migrated_and_seeded(toy_db) -> None:
    applied = toy_db.execute("SELECT migration_set, name FROM _sqlite_migrations ORDER BY id")
    assert tuple(applied.fetchall()[-1]) == ("toy", "m001_toy_notes")  # after every other area's
    expected = random.Random("42-seed.toy").randint(1, 9)  # its own seed stream
    assert [tuple(row) for row in toy_db.execute("SELECT text FROM toy_notes")] == [
        (f"hello {expected}",)
    ]


def test_a_new_area_alerts_on_the_overview_in_both_languages(toy_db) -> None:
    (toy,) = [a for a in overview.gather_alerts(toy_db, DEMO_TODAY) if a.area == "toy"]
    assert overview_views.alert_text(toy, "en") == f"A toy note: {toy.params['text']}."
    assert overview_views.alert_text(toy, "zh") == f"玩具便条：{toy.params['text']}。"
    assert overview_views.alert_page(toy) == "pages/toy.py"
    assert overview_views.kind_title("toy_note", "toy", "zh") == "玩具"


def test_a_new_area_has_its_page_in_the_menu_before_the_admin_section(toy_area) -> None:
    scripts = [script for script, *_ in navigation.available_pages()]
    assert scripts[-3:] == ["pages/notifications.py", "pages/toy.py", "pages/admin.py"]
    assert navigation.area_page("toy") == toy_area.pages[0]
    assert i18n.t("nav.toy", "zh") == "玩具"


def test_a_new_area_closes_what_a_leaver_leaves_open_inside_the_exit(toy_db) -> None:
    person = toy_db.execute("SELECT id FROM people WHERE status = 'active' LIMIT 1").fetchone()[0]
    org.mark_left(toy_db, "admin", person, "workload", DEMO_TODAY)
    closed = toy_db.execute("SELECT person_id, text FROM toy_notes WHERE person_id IS NOT NULL")
    assert [tuple(row) for row in closed] == [(person, "left")]

    other = toy_db.execute("SELECT id FROM people WHERE status = 'active' LIMIT 1").fetchone()[0]
    toy_db.execute("INSERT INTO toy_notes (text) VALUES ('refuse exits')")
    with pytest.raises(ValidationError):
        org.mark_left(toy_db, "admin", other, "workload", DEMO_TODAY)
    status = toy_db.execute("SELECT status FROM people WHERE id = ?", [other]).fetchone()[0]
    assert status == "active"  # the hook's refusal undid the whole exit


def test_a_key_defined_in_two_catalog_files_is_refused_naming_both(monkeypatch, tmp_path) -> None:
    twin = tmp_path / "twin.toml"
    twin.write_text(
        '["toy.own"]\nen = "Mine"\nzh = "我的"\n\n["nav.notifications"]\n'
        'en = "Again"\nzh = "又一次"\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(areas, "AREAS", (*areas.AREAS, areas.Area("twin", twin)))
    with pytest.raises(i18n.CatalogError) as refused:
        i18n.load_catalog()
    message = str(refused.value)
    assert "'nav.notifications'" in message and "'toy.own'" not in message
    assert str(i18n.CATALOG_DIR / "notify.toml") in message and str(twin) in message


# ---------------------------------------------------------------- the real registry

# the areas after the overview, in the registry's order; each brings a migration set
AREAS_WITH_STORAGE = [
    "org",
    "accounts",
    "kpis",
    "pipeline",
    "coaching",
    "manuals",
    "retention",
    "review",
    "activity",
    "health",
    "rewards",
    "notify",
]


def test_every_area_is_declared_once_with_pages_that_exist_and_are_translated() -> None:
    keys = [area.key for area in areas.AREAS]
    assert keys == ["overview", *AREAS_WITH_STORAGE]
    for page in areas.pages():
        assert (ROOT / page.script).is_file()
        assert page.title_key in i18n.CATALOG and page.section_key in i18n.CATALOG
    assert [script for script, *_ in navigation.available_pages()][0] == "pages/overview.py"


def test_migrations_apply_in_the_registry_order(db) -> None:
    sets = [
        row[0] for row in db.execute("SELECT migration_set FROM _sqlite_migrations ORDER BY id")
    ]
    assert list(dict.fromkeys(sets)) == [s.name for s in areas.migration_sets()]
    assert list(dict.fromkeys(sets)) == ["core", *AREAS_WITH_STORAGE]


def test_nothing_is_probed_and_no_domain_module_names_a_page() -> None:
    probing = [
        str(path.relative_to(ROOT))
        for folder in ("dashboard", "db", "seed")
        for path in (ROOT / folder).rglob("*.py")
        if re.search(r"find_spec|import_module", path.read_text(encoding="utf-8"))
    ]
    assert probing == []
    naming_pages = [
        path.name
        for path in (ROOT / "dashboard" / "domain").glob("*.py")
        if re.search(
            r"pages/|\bPAGE\b|^\s*(import|from) streamlit", path.read_text(encoding="utf-8"), re.M
        )
    ]
    assert naming_pages == []


def test_a_misspelt_area_module_fails_at_import() -> None:
    source = (ROOT / "dashboard" / "areas.py").read_text(encoding="utf-8")
    misspelt = source.replace(
        "from seed import kpis as kpis_seed", "from seed import kpi as kpis_seed"
    )
    assert misspelt != source
    with pytest.raises(ImportError, match="kpi"):
        exec(compile(misspelt, "areas.py", "exec"), {"__name__": "misspelt_areas"})
