"""Targeted cache clearing: a write clears the loaders that read a table it wrote, and only
those, on real copies of the demo database.

Whether a loader ran again is seen through a change made behind the app's back (a plain
UPDATE on another connection, no audit row): only a loader that runs again can show it.
"""

import os
import sqlite3
import threading
from contextlib import closing
from datetime import date

import pytest

from dashboard import (
    coaching_views,
    kpi_views,
    org_views,
    overview_views,
    pipeline_views,
    retention_views,
)
from dashboard import session as session_module
from dashboard.domain import kpis as kpi_rules
from dashboard.domain import org as org_rules
from dashboard.session import clear_caches, invalidating, loader, reading
from db import kpis as kpi_store
from db import org as org_store
from db import pipeline as pipeline_store
from db.backup import replace_content
from db.connection import connect
from tests.conftest import DEMO_TODAY, group_named, person_named

MAY = ("month", "2026-05-01", DEMO_TODAY.isoformat())


@pytest.fixture
def path(demo_db_path) -> str:
    return str(demo_db_path)


def behind_the_apps_back(path: str, sql: str, params: list) -> None:
    """A change no write of the app made (no audit row, no cache clearing)."""
    with reading(path) as db:
        db.execute(sql, params)
        db.conn.commit()


def rename_quietly(path: str, person: str, new_name: str) -> None:
    behind_the_apps_back(path, "UPDATE people SET name = ? WHERE name = ?", [new_name, person])


def board_actual(path: str, group: str, code: str) -> float:
    kpi_id = next(k["id"] for k in kpi_views.kpi_list(path) if k["code"] == code)
    rows = kpi_views.board(path, *MAY)
    return next(r["actual"] for r in rows if r["group"] == group and r["kpi_id"] == kpi_id)


def save_new_members(demo_db, path: str) -> set[str]:
    """Save 1000 new members for 公众号组 on 2026-05-31 as the app does; the tables written."""
    kpi_id = next(k["id"] for k in kpi_views.kpi_list(path) if k["code"] == "new_members")
    group_id = group_named(demo_db, "公众号组")
    with invalidating(demo_db) as written:
        kpi_rules.enter_value(
            demo_db, "admin", kpi_id, group_id, date(2026, 5, 31), "1000", DEMO_TODAY
        )
    return written


def coach_names(path: str) -> set[str]:
    return set(coaching_views.coaches_frame(path)["name"])


def test_a_kpi_write_refreshes_the_board_and_leaves_other_areas_cached(demo_db, path) -> None:
    before = board_actual(path, "公众号组", "new_members")
    assert "孟明" in coach_names(path)
    rename_quietly(path, "孟明", "孟明明")
    assert {"kpi_values", "audit_log"} <= save_new_members(demo_db, path)
    assert board_actual(path, "公众号组", "new_members") > before + 900  # the board re-read
    assert "孟明" in coach_names(path)  # the coaching loader did not run again
    clear_caches()
    assert "孟明明" in coach_names(path)  # (as it would have, had it run)


def _alert_params(path: str, area: str, key: str) -> list[str]:
    _, alerts = overview_views.overview(path, DEMO_TODAY.isoformat())
    return [alert.params[key] for alert in alerts if alert.area == area]


def test_a_kpi_write_reads_the_kpi_alerts_again_and_keeps_the_other_areas(demo_db, path) -> None:
    """Each area's alerts are cached apart: after a KPI value the overview computes the KPI
    alerts again, not the retention ones (nor health's, the slowest on a large team)."""
    assert "拆书小组" in _alert_params(path, "kpis", "group")
    assert "孙凯" in _alert_params(path, "retention", "person")
    behind_the_apps_back(path, "UPDATE groups SET name = '拆书组' WHERE name = '拆书小组'", [])
    rename_quietly(path, "孙凯", "孙凯凯")
    save_new_members(demo_db, path)
    assert "拆书组" in _alert_params(path, "kpis", "group")  # read again
    assert "孙凯" in _alert_params(path, "retention", "person")  # kept
    clear_caches()
    assert "孙凯凯" in _alert_params(path, "retention", "person")  # (had it run again)


def test_a_kpi_value_write_reads_the_actuals_again_and_keeps_the_targets(demo_db, path) -> None:
    """Right after a value is saved the board and the trend read the actuals again, while
    the targets they show (``board_targets``, ``trend_targets``) stay cached until a
    target is written."""
    kpi_id = next(k["id"] for k in kpi_views.kpi_list(path) if k["code"] == "new_members")
    group_id = group_named(demo_db, "公众号组")

    def board_row() -> dict:
        rows = kpi_views.board(path, *MAY)
        return next(r for r in rows if r["group_id"] == group_id and r["kpi_id"] == kpi_id)

    def trend_may() -> dict:
        return kpi_views.trend(path, kpi_id, None, group_id, "2026-05")[-1]

    before, trend_before = board_row(), trend_may()
    assert before["target"] is not None and trend_before["target"] == before["target"]
    behind_the_apps_back(
        path,
        "UPDATE kpi_targets SET target = target + 1000 WHERE kpi_id = ? AND period = '2026-05'",
        [kpi_id],
    )
    save_new_members(demo_db, path)
    after, trend_after = board_row(), trend_may()
    assert after["actual"] > before["actual"] + 900  # the actuals were read again
    assert trend_after["actual"] > trend_before["actual"] + 900
    assert after["target"] == before["target"]  # the targets were not
    assert trend_after["target"] == trend_before["target"]
    with invalidating(demo_db):
        kpi_store.save_targets(demo_db, "admin", "2026-06", [(kpi_id, None, 1.0)])
    assert board_row()["target"] == before["target"] + 1000  # a target write: read again
    assert trend_may()["target"] == trend_before["target"] + 1000


def test_renaming_a_group_refreshes_every_area_that_shows_its_name(demo_db, path) -> None:
    group_id = group_named(demo_db, "公众号组")
    assert "公众号组" in {r["group"] for r in kpi_views.board(path, *MAY)}
    assert "公众号组" in set(org_views.groups_frame(path)["name"])
    assert "公众号组" in set(org_views.all_group_names(path).values())
    assert "公众号组" in set(pipeline_views.candidacies_frame(path)["group_name"])
    assert any(
        "公众号组" in names
        for names in coaching_views.newcomers_frame(path, "2026-06-15")["group_names"]
    )
    version = org_store.group(demo_db, group_id)["version"]
    with invalidating(demo_db):
        org_store.update_group(demo_db, "admin", group_id, {"name": "公众号小组"}, version)
    assert "公众号小组" in {r["group"] for r in kpi_views.board(path, *MAY)}
    assert "公众号小组" in set(org_views.groups_frame(path)["name"])
    assert org_views.all_group_names(path)[group_id] == "公众号小组"
    candidacies = pipeline_views.candidacies_frame(path)
    assert "公众号组" not in set(candidacies["group_name"])
    assert "公众号小组" in set(candidacies["group_name"])
    newcomers = coaching_views.newcomers_frame(path, "2026-06-15")["group_names"]
    assert not any("公众号组" in names for names in newcomers)


def test_a_person_leaving_refreshes_org_pipeline_coaching_and_retention(demo_db, path) -> None:
    person_id = person_named(demo_db, "孟明")
    newcomers = coaching_views.newcomers_frame(path, "2026-06-15")
    mentees = set(newcomers.loc[newcomers["coach_id"] == person_id, "name"])
    assert mentees
    people = org_views.people_frame(path)
    assert people.loc[people["id"] == person_id, "status"].item() != "left"
    candidacies = pipeline_views.candidacies_frame(path)
    open_stages = candidacies.loc[candidacies["person_id"] == person_id, "stage"]
    assert (open_stages != "dropped").any()
    assert person_id in retention_views.present_people(path)
    assert person_id in {p.person_id for p in retention_views.profiles(path, "2026-06-15")}
    assert "孟明" in coach_names(path)
    with invalidating(demo_db):
        org_rules.mark_left(demo_db, "admin", person_id, "growth", DEMO_TODAY)
    people = org_views.people_frame(path)
    assert people.loc[people["id"] == person_id, "status"].item() == "left"
    candidacies = pipeline_views.candidacies_frame(path)
    open_stages = candidacies.loc[candidacies["person_id"] == person_id, "stage"]
    assert set(open_stages) <= {"dropped", "appointed"}
    newcomers = coaching_views.newcomers_frame(path, "2026-06-15")
    assert not (newcomers["coach_id"] == person_id).any()
    assert mentees <= set(newcomers["name"])  # still newcomers, now without a coach
    assert "孟明" not in coach_names(path)
    assert person_id not in retention_views.present_people(path)
    assert person_id not in {p.person_id for p in retention_views.profiles(path, "2026-06-15")}


@loader()
def _role_names(path: str) -> list[str]:
    with reading(path) as db:
        return [row[0] for row in db.execute("SELECT name FROM roles ORDER BY id")]


@loader()
def _kpis_and_roles(path: str) -> tuple[int, list[str]]:
    """A loader that reads one table itself and the rest through another loader."""
    with reading(path) as db:
        count = db.execute("SELECT COUNT(*) FROM kpis").fetchone()[0]
    return count, _role_names(path)


def test_a_loader_depends_on_what_the_loaders_it_calls_read(demo_db, path) -> None:
    _role_names(path)  # cached before the caller first runs: the caller reads no roles itself
    count, names = _kpis_and_roles(path)
    assert "Owner" in names
    owner = demo_db.execute("SELECT id FROM roles WHERE code = 'owner'").fetchone()[0]
    with invalidating(demo_db) as written:
        pipeline_store.update_role(demo_db, "admin", owner, {"name": "Group owner"})
    assert written >= {"roles"}
    assert _kpis_and_roles(path) == (count, _role_names(path))
    assert "Group owner" in _kpis_and_roles(path)[1]


@loader(shared=True)
def _shared_role_names(path: str) -> list[str]:
    with reading(path) as db:
        return [row[0] for row in db.execute("SELECT name FROM roles ORDER BY id")]


def test_a_shared_loader_hands_out_its_one_answer_and_a_write_still_clears_it(
    demo_db, path
) -> None:
    """A shared loader's hit is the cached object itself (no unpickled copy), a default
    loader's a copy; both are cleared by a write of what they read."""
    assert _shared_role_names(path) is _shared_role_names(path)
    assert _role_names(path) is not _role_names(path)
    assert _role_names(path) == _shared_role_names(path)
    owner = demo_db.execute("SELECT id FROM roles WHERE code = 'owner'").fetchone()[0]
    with invalidating(demo_db):
        pipeline_store.update_role(demo_db, "admin", owner, {"name": "Group owner"})
    assert "Group owner" in _shared_role_names(path)


def test_a_refused_write_clears_nothing(demo_db, path) -> None:
    assert "孟明" in coach_names(path)
    rename_quietly(path, "孟明", "孟明明")
    with pytest.raises(org_rules.ValidationError), invalidating(demo_db):
        org_rules.mark_left(
            demo_db, "admin", person_named(demo_db, "高娟"), "no such reason", DEMO_TODAY
        )
    assert "孟明" in coach_names(path)


def test_another_processs_write_is_seen_at_the_next_check(demo_db, path, monkeypatch) -> None:
    """``python -m dashboard.ingest`` or a second server: every write leaves an audit row."""
    monkeypatch.setattr(session_module, "AUDIT_CHECK_S", 0)
    assert "孟明" in coach_names(path)
    other = connect(path)
    try:
        person_id = person_named(other, "孟明")
        org_store.update_person(other, "admin", person_id, {"name": "孟明明"})
    finally:
        other.close()
    assert "孟明明" in coach_names(path)


_READ_DONE = threading.Event()  # the slow loader has read, and waits for ``_MAY_FINISH``
_MAY_FINISH = threading.Event()


@loader()
def _slow_person_names(path: str) -> set[str]:
    """A loader that reads, then takes its time before its answer is cached."""
    with reading(path) as db:
        names = {row[0] for row in db.execute("SELECT name FROM people")}
    _READ_DONE.set()
    _MAY_FINISH.wait(timeout=10)
    return names


def test_a_write_while_a_loader_computes_does_not_leave_its_old_answer_cached(
    demo_db, path
) -> None:
    """Another session's loader read before the write and stores its answer after the
    write cleared the cache: the answer must not stay (the grid would show the old rows
    and refuse the next save as stale)."""
    _READ_DONE.clear()
    _MAY_FINISH.clear()
    answers: list[set[str]] = []
    other_session = threading.Thread(target=lambda: answers.append(_slow_person_names(path)))
    other_session.start()
    assert _READ_DONE.wait(timeout=10)
    with invalidating(demo_db):
        org_store.update_person(demo_db, "admin", person_named(demo_db, "孟明"), {"name": "孟明明"})
    _MAY_FINISH.set()
    other_session.join(timeout=20)
    assert "孟明明" in _slow_person_names(path)  # the cache does not hold the old names
    assert "孟明明" in answers[0]  # and the overlapped run itself answered afresh


# ---------------------------------------------------------------- kept reading connections


def test_a_kept_reading_connection_reads_what_another_connection_wrote_since(demo_db, path) -> None:
    """``reading`` hands out the connection an earlier ``reading`` kept: it holds no old
    snapshot of the file."""
    group = group_named(demo_db, "公众号组")
    sql = "SELECT name FROM groups WHERE id = ?"
    with reading(path) as db:
        kept = db
        assert db.execute(sql, [group]).fetchone()[0] == "公众号组"
    demo_db.execute("UPDATE groups SET name = '公众号小组' WHERE id = ?", [group])
    demo_db.conn.commit()
    with reading(path) as db:
        assert db is kept
        assert db.execute(sql, [group]).fetchone()[0] == "公众号小组"


_ROLES_SQL = "SELECT name FROM roles WHERE code = 'owner'"  # only this loader's statement


@loader()
def _owner_role_name(path: str) -> str:
    with reading(path) as db:
        return db.execute(_ROLES_SQL).fetchone()[0]


def test_a_loader_on_a_kept_connection_notes_a_statement_prepared_before_it(demo_db, path) -> None:
    """The statement is in the kept connection's cache, prepared outside any loader: the
    loader's authorizer must still see it read ``roles``, or a write of the roles would
    leave the old name cached."""
    with reading(path) as db:
        assert db.execute(_ROLES_SQL).fetchone()[0] == "Owner"
    assert _owner_role_name(path) == "Owner"
    owner = demo_db.execute("SELECT id FROM roles WHERE code = 'owner'").fetchone()[0]
    with invalidating(demo_db):
        pipeline_store.update_role(demo_db, "admin", owner, {"name": "Group owner"})
    assert _owner_role_name(path) == "Group owner"


def test_a_reading_that_raised_keeps_no_connection(path) -> None:
    with pytest.raises(ZeroDivisionError), reading(path) as db:
        failed = db
        raise ZeroDivisionError
    with reading(path) as db:
        assert db is not failed


def test_a_file_replaced_at_the_path_is_read_afresh(tmp_path) -> None:
    """A kept connection still reads the file it opened: once another file is moved to
    the path (a rebuilt database), ``reading`` opens the new one."""
    path = str(tmp_path / "ops.sqlite")
    for file, name in ((path, "old"), (str(tmp_path / "new.sqlite"), "new")):
        with closing(connect(file)) as db:
            db.execute("PRAGMA journal_mode=DELETE")
            db.execute("CREATE TABLE what (name TEXT)")
            db.execute("INSERT INTO what VALUES (?)", [name])
            db.conn.commit()
    with reading(path) as db:
        assert db.execute("SELECT name FROM what").fetchone()[0] == "old"
    os.replace(tmp_path / "new.sqlite", path)
    with reading(path) as db:
        assert db.execute("SELECT name FROM what").fetchone()[0] == "new"


def test_at_most_readers_kept_connections_stay_open_over_all_files(tmp_path) -> None:
    paths = [str(tmp_path / f"{n}.sqlite") for n in range(session_module.READERS_KEPT + 2)]
    opened = []
    for path in paths:
        connect(path).close()
        with reading(path) as db:
            opened.append(db)
    kept = [db for db in opened if _is_open(db)]
    assert kept == opened[-session_module.READERS_KEPT :]


def _is_open(db) -> bool:
    try:
        db.execute("SELECT 1")
    except sqlite3.ProgrammingError:  # closed
        return False
    return True


def test_a_kept_connection_reads_a_restored_database(demo_db, path, tmp_path) -> None:
    """A restore writes the backup into the file (``db.backup.replace_content``): a
    connection kept from before reads the restored content."""
    backup = tmp_path / "backup.sqlite"
    with closing(connect(backup)) as copy:
        demo_db.conn.backup(copy.conn)
        copy.execute("UPDATE groups SET name = '公众号小组' WHERE name = '公众号组'")
        copy.conn.commit()
    sql = "SELECT COUNT(*) FROM groups WHERE name = '公众号小组'"
    with reading(path) as db:
        kept = db
        assert db.execute(sql).fetchone()[0] == 0
    replace_content(demo_db, backup, tmp_path / "aside.sqlite")
    with reading(path) as db:
        assert db is kept
        assert db.execute(sql).fetchone()[0] == 1
