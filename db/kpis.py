"""Named queries and audited writes for KPI definitions, targets and daily values.

Tables:
- ``kpis`` — the definitions (result/process kind, unit, direction, aggregation, bounds);
- ``kpi_targets`` — a target per KPI, group (NULL = the KPI's default) and month;
- ``kpi_values`` — daily values per group (``person_id`` NULL) or per person in a group,
  unique on (kpi, group, person, day) so a re-upload updates instead of double counting;
- ``kpi_monthly`` — the monthly rollup (sum, count, last day's value) per
  (kpi, group, person-or-0, month), kept current by triggers on every insert, update and
  delete of ``kpi_values``, so boards never scan months of raw rows.
"""

import json
import sqlite3
from collections.abc import Callable, Iterable
from datetime import date

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from db import audit
from db.access import require_write
from db.errors import ValidationError
from db.schema import run_statements
from db.sql import fetch_rows, in_list

migrations = Migrations("kpis")

KINDS = ("result", "process")
DIRECTIONS = ("up", "down")
AGGREGATIONS = ("sum", "avg", "last")

_ROLLUP_ADD = """
    INSERT INTO kpi_monthly (kpi_id, group_id, person_id, month, total, n, last_day, last_value)
    VALUES (NEW.kpi_id, NEW.group_id, ifnull(NEW.person_id, 0), substr(NEW.day, 1, 7),
            NEW.value, 1, NEW.day, NEW.value)
    ON CONFLICT (kpi_id, group_id, person_id, month) DO UPDATE SET
        total = total + excluded.total,
        n = n + 1,
        last_value = CASE WHEN excluded.last_day >= last_day THEN excluded.last_value
                          ELSE last_value END,
        last_day = max(last_day, excluded.last_day);
"""
# Removing a row: subtract it; if it was the month's last day, look up the new last day
# (the unique index makes that a short range search); drop months left empty.
_ROLLUP_REMOVE = """
    UPDATE kpi_monthly SET total = total - OLD.value, n = n - 1
     WHERE kpi_id = OLD.kpi_id AND group_id = OLD.group_id
       AND person_id = ifnull(OLD.person_id, 0) AND month = substr(OLD.day, 1, 7);
    DELETE FROM kpi_monthly
     WHERE kpi_id = OLD.kpi_id AND group_id = OLD.group_id
       AND person_id = ifnull(OLD.person_id, 0) AND month = substr(OLD.day, 1, 7) AND n <= 0;
    UPDATE kpi_monthly SET
        last_day = (SELECT v.day FROM kpi_values v
                     WHERE v.kpi_id = OLD.kpi_id AND v.group_id = OLD.group_id
                       AND ifnull(v.person_id, 0) = ifnull(OLD.person_id, 0)
                       AND v.day >= substr(OLD.day, 1, 7) || '-01'
                       AND v.day <= substr(OLD.day, 1, 7) || '-31'
                     ORDER BY v.day DESC LIMIT 1),
        last_value = (SELECT v.value FROM kpi_values v
                     WHERE v.kpi_id = OLD.kpi_id AND v.group_id = OLD.group_id
                       AND ifnull(v.person_id, 0) = ifnull(OLD.person_id, 0)
                       AND v.day >= substr(OLD.day, 1, 7) || '-01'
                       AND v.day <= substr(OLD.day, 1, 7) || '-31'
                     ORDER BY v.day DESC LIMIT 1)
     WHERE kpi_id = OLD.kpi_id AND group_id = OLD.group_id
       AND person_id = ifnull(OLD.person_id, 0) AND month = substr(OLD.day, 1, 7)
       AND last_day = OLD.day;
"""
# the rollup's triggers, by name (bulk writes drop and recreate them)
_TRIGGER_BODIES = {
    "kpi_values_ai": f"AFTER INSERT ON kpi_values BEGIN {_ROLLUP_ADD} END",
    "kpi_values_ad": f"AFTER DELETE ON kpi_values BEGIN {_ROLLUP_REMOVE} END",
    "kpi_values_au": f"AFTER UPDATE ON kpi_values BEGIN {_ROLLUP_REMOVE} {_ROLLUP_ADD} END",
}
TRIGGER_NAMES = tuple(_TRIGGER_BODIES)
TRIGGERS = [f"CREATE TRIGGER {name} {body}" for name, body in _TRIGGER_BODIES.items()]
VALUE_INDEXES = [
    # the natural key: upserts, one group's history, the rollup's last-day lookups
    "CREATE UNIQUE INDEX kpi_values_key ON kpi_values(kpi_id, group_id, ifnull(person_id, 0), day)",
    # covering index for week boards: one KPI, a few days, every group
    "CREATE INDEX kpi_values_day ON kpi_values(kpi_id, day, group_id, value)"
    " WHERE person_id IS NULL",
]


@migrations()
def m001_kpis(db: Database) -> None:
    run_statements(
        db,
        [
            f"""CREATE TABLE kpis (
                id INTEGER PRIMARY KEY,
                code TEXT NOT NULL UNIQUE CHECK (length(trim(code)) > 0),
                name TEXT NOT NULL CHECK (length(trim(name)) > 0),
                name_zh TEXT NOT NULL DEFAULT '',
                kind TEXT NOT NULL CHECK (kind IN {in_list(KINDS)}),
                unit TEXT NOT NULL DEFAULT '',
                direction TEXT NOT NULL DEFAULT 'up' CHECK (direction IN {in_list(DIRECTIONS)}),
                aggregation TEXT NOT NULL DEFAULT 'sum'
                    CHECK (aggregation IN {in_list(AGGREGATIONS)}),
                min_value REAL,
                max_value REAL,
                position INTEGER NOT NULL DEFAULT 0,
                CHECK (min_value IS NULL OR max_value IS NULL OR min_value <= max_value)
            )""",
            """CREATE TABLE kpi_targets (
                id INTEGER PRIMARY KEY,
                kpi_id INTEGER NOT NULL REFERENCES kpis(id),
                group_id INTEGER REFERENCES groups(id),
                period TEXT NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
                target REAL NOT NULL
            )""",
            "CREATE UNIQUE INDEX kpi_targets_key ON kpi_targets(kpi_id, ifnull(group_id, 0), period)",
            "CREATE INDEX kpi_targets_period ON kpi_targets(period, kpi_id)",
            """CREATE TABLE kpi_values (
                id INTEGER PRIMARY KEY,
                kpi_id INTEGER NOT NULL REFERENCES kpis(id),
                group_id INTEGER NOT NULL REFERENCES groups(id),
                person_id INTEGER REFERENCES people(id),
                day TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
                value REAL NOT NULL
            )""",
            *VALUE_INDEXES,
            """CREATE TABLE kpi_monthly (
                kpi_id INTEGER NOT NULL,
                group_id INTEGER NOT NULL,
                person_id INTEGER NOT NULL DEFAULT 0,
                month TEXT NOT NULL,
                total REAL NOT NULL,
                n INTEGER NOT NULL,
                last_day TEXT NOT NULL,
                last_value REAL NOT NULL,
                PRIMARY KEY (kpi_id, group_id, person_id, month)
            ) WITHOUT ROWID""",
            "CREATE INDEX kpi_monthly_month ON kpi_monthly(month, kpi_id, person_id)",
            *TRIGGERS,
        ],
    )


@migrations()
def m002_rollup_covering_index(db: Database) -> None:
    # boards read every group's month: a covering index spares 4,000 primary-key lookups
    run_statements(
        db,
        [
            "DROP INDEX IF EXISTS kpi_monthly_month",
            "CREATE INDEX kpi_monthly_board ON kpi_monthly"
            "(month, person_id, kpi_id, group_id, total, n, last_day, last_value)",
        ],
    )


# ---------------------------------------------------------------- reads


def kpis(db: Database) -> list[dict]:
    """Every KPI definition, in board order."""
    return fetch_rows(db, "SELECT * FROM kpis ORDER BY kind DESC, position, id")


def groups(db: Database) -> list[dict]:
    """Live groups with tier and parent, for scopes and name lookups."""
    return fetch_rows(
        db,
        "SELECT id, name, tier, parent_id FROM groups WHERE archived_on IS NULL ORDER BY tier, name",
    )


def group_people(db: Database, group_id: int) -> list[dict]:
    """People with an open membership in the group (id, name, handle), by name."""
    return fetch_rows(
        db,
        """SELECT DISTINCT p.id, p.name, p.handle FROM memberships m
           JOIN people p ON p.id = m.person_id
           WHERE m.group_id = ? AND m.end_on IS NULL ORDER BY p.name""",
        [group_id],
    )


def targets(
    db: Database, first_period: str, last_period: str, *, kpi_id: int | None = None
) -> list[dict]:
    """Targets (group and default rows) of months ``first_period``..``last_period``, of
    every KPI or of ``kpi_id``."""
    one_kpi = "" if kpi_id is None else " AND kpi_id = ?"
    return fetch_rows(
        db,
        f"""SELECT kpi_id, group_id, period, target FROM kpi_targets
            WHERE period BETWEEN ? AND ?{one_kpi} ORDER BY period, kpi_id, group_id""",
        [first_period, last_period, *([] if kpi_id is None else [kpi_id])],
    )


def monthly_actuals(
    db: Database,
    first_month: str,
    last_month: str,
    *,
    kpi_id: int | None = None,
    person_level: bool = False,
) -> list[dict]:
    """Per (kpi, group[, person], month) the rollup's sum, count and last value."""
    where = ["month BETWEEN ? AND ?", "person_id <> 0" if person_level else "person_id = 0"]
    params: list = [first_month, last_month]
    if kpi_id is not None:
        where.append("kpi_id = ?")
        params.append(kpi_id)
    return fetch_rows(
        db,
        f"""SELECT kpi_id, group_id, person_id, month, total, n, last_day, last_value
            FROM kpi_monthly WHERE {" AND ".join(where)}""",
        params,
    )


def scope_monthly_actuals(
    db: Database,
    kpi_id: int,
    aggregation: str,
    first_month: str,
    last_month: str,
    group_ids: Iterable[int],
) -> dict[str, float]:
    """``month → actual`` of one KPI over the groups ``group_ids``, combined in SQL as
    ``dashboard.domain.kpis.trend_rows`` combines them: each group's month aggregated
    (``sum`` its total, ``avg`` its mean, else its last value), then summed over the groups
    (``sum``) or averaged; months without a value are absent. Twelve rows instead of a row
    per group and month."""
    rows = db.execute(
        """SELECT month, CASE ? WHEN 'sum' THEN SUM(total)
                                WHEN 'avg' THEN AVG(total * 1.0 / n)
                                ELSE AVG(last_value) END
           FROM kpi_monthly
           WHERE kpi_id = ? AND person_id = 0 AND month BETWEEN ? AND ? AND n > 0
             AND group_id IN (SELECT value FROM json_each(?))
           GROUP BY month""",
        [aggregation, kpi_id, first_month, last_month, json.dumps(sorted(group_ids))],
    ).fetchall()
    return {month: actual for month, actual in rows if actual is not None}


def period_actuals(db: Database, start: date, end: date, *, kind: str | None = None) -> list[dict]:
    """Per (kpi, group) the group-level sum, count and last value of ``start``..``end``, of
    every KPI or of the KPIs of one ``kind`` (``result``, ``process``).

    Whole months come from the rollup; other spans (weeks) from the covering index.
    """
    rows: list[dict] = []
    for sql, params in _period_queries(db, start, end, kind):
        rows += fetch_rows(db, sql, params)
    return rows


def period_figures(
    db: Database, start: date, end: date, *, kind: str | None = None
) -> dict[tuple[int, int], float | None]:
    """``(kpi_id, group_id) → actual`` of ``start``..``end``: the ``period_actuals`` rows
    aggregated in SQL as ``dashboard.domain.kpis.aggregate`` does (``sum``: the total,
    ``avg``: the mean, else the last value; ``None`` without values). A pair per row, no
    dict of six columns: the board reads every group's after each value write."""
    figures: dict[tuple[int, int], float | None] = {}
    for sql, params in _period_queries(db, start, end, kind):
        figures.update(
            ((kpi_id, group_id), actual)
            for kpi_id, group_id, actual in db.conn.execute(
                f"""SELECT a.kpi_id, a.group_id,
                           CASE WHEN a.n IS NULL OR a.n = 0 THEN NULL
                                WHEN k.aggregation = 'sum' THEN a.total
                                WHEN k.aggregation = 'avg' THEN a.total / a.n
                                ELSE a.last_value END
                    FROM ({sql}) a JOIN kpis k ON k.id = a.kpi_id""",
                params,
            )
        )
    return figures


def _period_queries(
    db: Database, start: date, end: date, kind: str | None
) -> list[tuple[str, list]]:
    """The SQL (and parameters) of ``period_actuals``: one query over the rollup for whole
    months, one per KPI over the covering index for other spans."""
    of_kind = "" if kind is None else " AND kpi_id IN (SELECT id FROM kpis WHERE kind = ?)"
    kinds = [] if kind is None else [kind]
    if start.day == 1 and _is_month_end(end) and start.month == end.month:
        return [
            (
                f"""SELECT kpi_id, group_id, total, n, last_day, last_value
                    FROM kpi_monthly WHERE month = ? AND person_id = 0{of_kind}""",
                [start.isoformat()[:7], *kinds],
            )
        ]
    if start.day == 1 and _is_month_end(end):
        return [
            (
                f"""SELECT kpi_id, group_id, SUM(total) AS total, SUM(n) AS n,
                    MAX(last_day) AS last_day, last_value
                    FROM kpi_monthly WHERE month BETWEEN ? AND ? AND person_id = 0{of_kind}
                    GROUP BY kpi_id, group_id""",
                [start.isoformat()[:7], end.isoformat()[:7], *kinds],
            )  # SQLite: a bare column next to MAX() comes from the row holding the maximum
        ]
    kpi_ids = db.execute(
        f"SELECT id FROM kpis{'' if kind is None else ' WHERE kind = ?'}", kinds
    ).fetchall()
    return [
        (
            """SELECT kpi_id, group_id, SUM(value) AS total, COUNT(*) AS n,
                      MAX(day) AS last_day, value AS last_value
               FROM kpi_values WHERE kpi_id = ? AND day BETWEEN ? AND ? AND person_id IS NULL
               GROUP BY group_id""",
            [kpi_id, start.isoformat(), end.isoformat()],
        )
        for (kpi_id,) in kpi_ids
    ]


def person_actuals(db: Database, group_id: int, start: date, end: date) -> list[dict]:
    """Per (kpi, person) of one group: sum, count and last value of ``start``..``end``."""
    return fetch_rows(
        db,
        """SELECT v.kpi_id, v.person_id, p.name AS person, SUM(v.value) AS total,
                  COUNT(*) AS n, MAX(v.day) AS last_day, v.value AS last_value
           FROM kpi_values v JOIN people p ON p.id = v.person_id
           WHERE v.group_id = ? AND ifnull(v.person_id, 0) > 0 AND v.day BETWEEN ? AND ?
           GROUP BY v.kpi_id, v.person_id ORDER BY p.name""",
        [group_id, start.isoformat(), end.isoformat()],
    )


def values_of(db: Database, kpi_id: int, group_id: int, start: date, end: date) -> list[dict]:
    """Raw values (group and person level) of one KPI in one group, by day."""
    return fetch_rows(
        db,
        """SELECT v.id, v.day, v.person_id, p.name AS person, v.value
           FROM kpi_values v LEFT JOIN people p ON p.id = v.person_id
           WHERE v.kpi_id = ? AND v.group_id = ? AND ifnull(v.person_id, 0) >= 0
             AND v.day BETWEEN ? AND ?
           ORDER BY v.day, ifnull(v.person_id, 0)""",
        [kpi_id, group_id, start.isoformat(), end.isoformat()],
    )


def recompute_rollup(db: Database) -> list[dict]:
    """The monthly rollup computed afresh from the raw values (for checks and tests)."""
    return fetch_rows(
        db,
        """SELECT kpi_id, group_id, ifnull(person_id, 0) AS person_id, substr(day, 1, 7) AS month,
                  SUM(value) AS total, COUNT(*) AS n, MAX(day) AS last_day, value AS last_value
           FROM kpi_values GROUP BY kpi_id, group_id, ifnull(person_id, 0), substr(day, 1, 7)
           ORDER BY 1, 2, 3, 4""",
    )


def rollup(db: Database) -> list[dict]:
    """The stored monthly rollup, in the order of ``recompute_rollup``."""
    return fetch_rows(
        db,
        """SELECT kpi_id, group_id, person_id, month, total, n, last_day, last_value
           FROM kpi_monthly ORDER BY 1, 2, 3, 4""",
    )


def _is_month_end(day: date) -> bool:
    return day.month != date.fromordinal(day.toordinal() + 1).month


# ---------------------------------------------------------------- writes


def save_kpi(db: Database, actor: str, kpi: dict) -> int:
    """Create (no ``id``) or update a KPI definition (team-wide); returns its id."""
    fields = ("code", "name", "name_zh", "kind", "unit", "direction", "aggregation")
    fields += ("min_value", "max_value", "position", "activity_metric")
    with db.atomic():
        require_write(db, actor)
        row = {key: kpi.get(key) for key in fields if key in kpi}
        if kpi.get("id") is None:
            if db.execute("SELECT 1 FROM kpis WHERE code = ?", [row.get("code")]).fetchone():
                raise ValidationError("kpi.err.code_taken", code=row.get("code"))
            kpi_id = db.execute(
                f"INSERT INTO kpis ({', '.join(row)}) VALUES ({', '.join('?' for _ in row)})",
                list(row.values()),
            ).lastrowid
            audit.record(db, actor, "create", "kpi", kpi_id, None, row)
            return kpi_id
        kpi_id = int(kpi["id"])
        before = db.execute("SELECT * FROM kpis WHERE id = ?", [kpi_id]).fetchone()
        if before is None:
            raise ValidationError("kpi.err.unknown_kpi", code=kpi_id)
        if "code" in row:
            taken = db.execute(
                "SELECT 1 FROM kpis WHERE code = ? AND id <> ?", [row["code"], kpi_id]
            ).fetchone()
            if taken:
                raise ValidationError("kpi.err.code_taken", code=row["code"])
        db.execute(
            f"UPDATE kpis SET {', '.join(f'{k} = ?' for k in row)} WHERE id = ?",
            [*row.values(), kpi_id],
        )
        audit.record(db, actor, "update", "kpi", kpi_id, dict(before), row)
        return kpi_id


def save_targets(
    db: Database, actor: str, period: str, cells: Iterable[tuple[int, int | None, float | None]]
) -> int:
    """Set (or clear, with ``None``) targets of month ``period``: ``(kpi_id, group_id or
    None for the default, target)``. One transaction; returns how many cells changed."""
    cells = list(cells)
    with db.atomic():
        group_ids = {group_id for _, group_id, _ in cells if group_id is not None}
        if any(group_id is None for _, group_id, _ in cells):
            require_write(db, actor)  # defaults are team-wide
        if group_ids:
            require_write(db, actor, group_ids)
        changed = 0
        for kpi_id, group_id, target in cells:
            key = [kpi_id, group_id or 0, period]
            before = db.execute(
                """SELECT id, target FROM kpi_targets
                   WHERE kpi_id = ? AND ifnull(group_id, 0) = ? AND period = ?""",
                key,
            ).fetchone()
            if target is None:
                if before is None:
                    continue
                db.execute("DELETE FROM kpi_targets WHERE id = ?", [before["id"]])
            else:
                db.execute(
                    """INSERT INTO kpi_targets (kpi_id, group_id, period, target)
                       VALUES (?, ?, ?, ?)
                       ON CONFLICT (kpi_id, ifnull(group_id, 0), period)
                       DO UPDATE SET target = excluded.target""",
                    [kpi_id, group_id, period, target],
                )
            audit.record(
                db,
                actor,
                "set_target",
                "kpi_target",
                kpi_id,
                None if before is None else {"target": before["target"]},
                None if target is None else {"period": period, "target": target},
                group_id=group_id,
            )
            changed += 1
        return changed


BULK_ROWS = 2000  # from this many rows a write recomputes the touched months at once
APPLY_CACHE_KB = 64 * 1024  # page cache of a bulk apply (within an import's 300 MB)
STAGING_CACHE_KB = 16 * 1024  # page cache of the temporary database holding the staging


def upsert_values(
    db: Database,
    actor: str,
    rows: list[tuple[int, int, int | None, str, float]],
    *,
    source: str = "entry",
) -> int:
    """Insert or update ``(kpi_id, group_id, person_id, day, value)`` rows in one
    transaction (one audit row per group touched); returns the row count."""
    with db.atomic():
        open_staging(db)
        try:
            stage_values(db, [(line, *row) for line, row in enumerate(rows, 1)])
            return apply_staged(db, actor, source=source)
        finally:
            close_staging(db)


# An import stages its checked rows in a temporary table of its own connection (written
# chunk by chunk, which locks nothing other connections need) and applies them to
# ``kpi_values`` in one short transaction: the write lock is held for the apply's writes only
# (a big apply is planned before, see ``apply_staged``), and a failure or a killed process
# before it leaves ``kpi_values`` untouched (a temporary table lives in a file the operating
# system removes with the process).
_STAGING = [
    """CREATE TEMP TABLE IF NOT EXISTS kpi_staging (
        line INTEGER NOT NULL,
        kpi_id INTEGER NOT NULL,
        group_id INTEGER NOT NULL,
        person_id INTEGER,
        day TEXT NOT NULL,
        value REAL NOT NULL
    )""",
    "CREATE UNIQUE INDEX IF NOT EXISTS temp.kpi_staging_key"
    " ON kpi_staging(kpi_id, group_id, ifnull(person_id, 0), day)",
    "DELETE FROM temp.kpi_staging",
]


def open_staging(db: Database) -> None:
    """An empty staging table for an import on this connection."""
    _staging_write(db, lambda: run_statements(db, _STAGING))
    # a big import's staging index is written in file order, not key order: a bigger cache
    # for the temporary database keeps it from being read back page by page
    db.execute(f"PRAGMA temp.cache_size = -{STAGING_CACHE_KB}")


def close_staging(db: Database) -> None:
    """Drop this connection's staging table and what it held."""
    _staging_write(
        db,
        lambda: run_statements(
            db, [f"DROP TABLE IF EXISTS temp.{name}" for name in ("kpi_staging", *_PLAN_TABLES)]
        ),
    )


def _staging_write(db: Database, write: Callable[[], object]) -> None:
    # inside a caller's transaction the caller commits; alone, commit at once so no
    # transaction stays open between chunks
    outer = db.conn.in_transaction
    write()
    if not outer:
        db.conn.commit()


def stage_values(
    db: Database, rows: list[tuple[int, int, int, int | None, str, float]]
) -> list[tuple[int, int]]:
    """Stage checked ``(line, kpi_id, group_id, person_id, day, value)`` rows; returns
    ``(line, earlier line)`` for each row whose value an earlier staged row already gives
    (that row is not staged)."""
    staged = db.conn.total_changes
    duplicates = []

    def write() -> None:
        db.conn.executemany(
            "INSERT OR IGNORE INTO temp.kpi_staging"
            " (line, kpi_id, group_id, person_id, day, value) VALUES (?, ?, ?, ?, ?, ?)",
            rows,
        )
        if db.conn.total_changes - staged == len(rows):
            return
        for line, kpi_id, group_id, person_id, day, _value in rows:
            earlier = db.execute(
                """SELECT line FROM temp.kpi_staging WHERE kpi_id = ? AND group_id = ?
                   AND ifnull(person_id, 0) = ifnull(?, 0) AND day = ?""",
                [kpi_id, group_id, person_id, day],
            ).fetchone()[0]
            if earlier != line:
                duplicates.append((line, earlier))

    _staging_write(db, write)
    return duplicates


def apply_staged(db: Database, actor: str, *, source: str = "import") -> int:
    """Upsert the staged rows into ``kpi_values`` in one transaction (one audit row per
    group touched); returns the row count.

    Small writes keep the rollup current through the triggers. Big ones (``BULK_ROWS``)
    are planned first (``_plan_staged``: which stored row each staged row replaces, its
    value, and what each touched month's rollup gains), outside the write lock when no
    transaction is open; the transaction then writes the plan (``_write_plan``), with the
    triggers set aside: only the rows whose value changes, and the rollup rows merged with
    their months' gains instead of recomputed from the raw values. What another connection
    committed between the plan and the lock is re-read for the staged rows it touched.
    """
    summary = db.execute(
        """SELECT group_id, COUNT(*), MIN(day), MAX(day), MIN(kpi_id), MIN(person_id),
                  MIN(value)
           FROM temp.kpi_staging GROUP BY group_id ORDER BY MIN(line)"""
    ).fetchall()
    group_ids = [row[0] for row in summary]
    count = sum(row[1] for row in summary)
    planned_at = None  # the data version the plan was read at, when planned before the lock
    if count >= BULK_ROWS and not db.conn.in_transaction:
        require_write(db, actor, group_ids)  # refuse before the work (and again inside)
        planned_at = _plan_staged(db)
        _refuse_planned_computed_cells(db)
    with db.atomic():
        require_write(db, actor, group_ids)
        if count < BULK_ROWS:
            _refuse_staged_computed_cells(db)
            # "WHERE true" tells SQLite's parser the ON CONFLICT is the upsert's, not a join's
            db.execute(
                """INSERT INTO kpi_values (kpi_id, group_id, person_id, day, value)
                   SELECT kpi_id, group_id, person_id, day, value FROM temp.kpi_staging
                   WHERE true ORDER BY kpi_id, group_id, ifnull(person_id, 0), day
                   ON CONFLICT (kpi_id, group_id, ifnull(person_id, 0), day)
                   DO UPDATE SET value = excluded.value WHERE value <> excluded.value"""
            )
        else:
            if planned_at is None:
                _plan_staged(db)
                _refuse_planned_computed_cells(db)
            _write_plan(db, replan=planned_at is not None and _data_version(db) != planned_at)
        for group_id, rows, first_day, last_day, kpi_id, person_id, value in summary:
            single = rows == 1
            audit.record(
                db,
                actor,
                f"values_{source}",
                "kpi_values",
                kpi_id if single else None,
                None,
                {"rows": rows, "first_day": first_day, "last_day": last_day}
                | ({"value": value, "person_id": person_id} if single else {}),
                group_id=group_id,
                person_id=person_id if single else None,
            )
        return count


_PLAN_TABLES = ("kpi_plan", "kpi_gains", "kpi_changes")
# The plan of a big write: each staged row with the stored row it replaces (``id``, NULL for
# a new row), that row's value and whether it is computed from activity.
_PLAN = [
    "DROP TABLE IF EXISTS temp.kpi_lookup",
    "DROP TABLE IF EXISTS temp.kpi_plan",
    """CREATE TEMP TABLE kpi_plan (
        line INTEGER NOT NULL,
        kpi_id INTEGER NOT NULL,
        group_id INTEGER NOT NULL,
        person_id INTEGER,
        day TEXT NOT NULL,
        value REAL NOT NULL,
        id INTEGER,
        old_value REAL,
        computed INTEGER
    )""",
]
# derived from the plan: what each touched (kpi, group, person-or-0, month) of the rollup
# gains (the change of its total, its new rows, its latest staged day with that day's
# value), and the stored rows whose value changes, in the table's order (the write then
# visits the table page by page, and the indexes too where rows were stored as they came,
# day by day: ~3x less CPU than the staging's key order there)
_DERIVED = [
    "DROP TABLE IF EXISTS temp.kpi_gains",
    """CREATE TEMP TABLE kpi_gains AS
       SELECT kpi_id, group_id, ifnull(person_id, 0) AS person_id, substr(day, 1, 7) AS month,
              SUM(value - ifnull(old_value, 0)) AS total, SUM(id IS NULL) AS n,
              MAX(day) AS last_day, value AS last_value
       FROM temp.kpi_plan GROUP BY 1, 2, 3, 4""",
    "DROP TABLE IF EXISTS temp.kpi_changes",
    "CREATE TEMP TABLE kpi_changes (id INTEGER PRIMARY KEY, value REAL NOT NULL)",
    """INSERT INTO temp.kpi_changes SELECT id, value FROM temp.kpi_plan
       WHERE id IS NOT NULL AND value <> old_value ORDER BY id""",
]
# ... looked up again (``_write_plan``) when another connection may have changed them
_STORED_ROW = """(SELECT v.id, v.value, v.computed FROM main.kpi_values v
                   WHERE v.kpi_id = p.kpi_id AND v.group_id = p.group_id
                     AND ifnull(v.person_id, 0) = ifnull(p.person_id, 0) AND v.day = p.day)"""


def _data_version(db: Database) -> int:
    """SQLite's count of the other connections' commits this connection has seen."""
    return db.execute("PRAGMA main.data_version").fetchone()[0]


def _plan_staged(db: Database) -> int:
    """Plan the staged rows (``temp.kpi_plan`` and ``_DERIVED``) from one read of the
    stored values; returns the data version read before it. Outside a
    transaction this reads a snapshot and locks nothing other connections need."""
    version = _data_version(db)

    def write() -> None:
        run_statements(db, _PLAN)
        # looked up in key order (the staging's index: the lookups stay local), then kept in
        # the table's order: the checks and writes under the lock visit it page by page
        db.execute(
            """CREATE TEMP TABLE kpi_lookup AS
               SELECT s.line, s.kpi_id, s.group_id, s.person_id, s.day, s.value,
                      v.id, v.value AS old_value, v.computed
               FROM temp.kpi_staging s LEFT JOIN main.kpi_values v
                 ON v.kpi_id = s.kpi_id AND v.group_id = s.group_id
                AND ifnull(v.person_id, 0) = ifnull(s.person_id, 0) AND v.day = s.day
               ORDER BY s.kpi_id, s.group_id, ifnull(s.person_id, 0), s.day"""
        )
        db.execute("INSERT INTO temp.kpi_plan SELECT * FROM temp.kpi_lookup ORDER BY id")
        db.execute("DROP TABLE temp.kpi_lookup")
        run_statements(db, _DERIVED)

    _staging_write(db, write)
    return version


def _refuse_planned_computed_cells(db: Database) -> None:
    """``refuse_computed_cells`` for the planned rows."""
    hit = db.execute(
        """SELECT k.code, g.name, p.day FROM temp.kpi_plan p
           JOIN kpis k ON k.id = p.kpi_id JOIN groups g ON g.id = p.group_id
           WHERE p.computed = 1 AND p.person_id IS NULL ORDER BY p.line LIMIT 1"""
    ).fetchone()
    if hit:
        raise ValidationError("kpi.err.computed_cell", kpi=hit[0], group=hit[1], day=hit[2])


def _write_plan(db: Database, *, replan: bool) -> None:
    """Write the plan (in the caller's transaction): update the rows whose value changes,
    insert the new ones, merge each touched month's gains into the rollup.

    :param replan: another connection committed since the plan was read: its rows whose
        stored row changed meanwhile are looked up again first (and a new row another
        connection inserted meanwhile is found by the insert's unique key).
    """
    if replan:
        replanned = db.execute(
            f"""UPDATE temp.kpi_plan AS p SET (id, old_value, computed) = {_STORED_ROW}
                WHERE p.id IS NOT NULL AND NOT EXISTS (
                    SELECT 1 FROM main.kpi_values v WHERE v.id = p.id
                       AND v.value = p.old_value AND v.computed = p.computed
                       AND v.kpi_id = p.kpi_id AND v.group_id = p.group_id
                       AND v.person_id IS p.person_id AND v.day = p.day)"""
        ).rowcount
    for name in TRIGGER_NAMES:
        db.execute(f"DROP TRIGGER {name}")
    # the pages a big apply touches stay in memory instead of being read, spilt to the WAL
    # and read again (the lock is held meanwhile); the default is 2 MB
    cache = db.execute("PRAGMA main.cache_size").fetchone()[0]
    db.execute(f"PRAGMA main.cache_size = -{APPLY_CACHE_KB}")
    new_rows = """INSERT INTO main.kpi_values (kpi_id, group_id, person_id, day, value)
                  SELECT kpi_id, group_id, person_id, day, value FROM temp.kpi_plan
                  WHERE id IS NULL ORDER BY kpi_id, group_id, ifnull(person_id, 0), day"""
    try:
        db.execute(new_rows)
    except sqlite3.IntegrityError:
        if not replan:
            raise
        # another connection inserted one of them meanwhile (the statement wrote nothing)
        replanned += db.execute(
            f"UPDATE temp.kpi_plan AS p SET (id, old_value, computed) = {_STORED_ROW}"
            " WHERE p.id IS NULL"
        ).rowcount
        db.execute(new_rows)
    if replan and replanned:
        _refuse_planned_computed_cells(db)
        run_statements(db, _DERIVED)
    db.execute(
        """UPDATE main.kpi_values SET value = c.value FROM temp.kpi_changes c
           WHERE main.kpi_values.id = c.id"""
    )
    # "WHERE true": the ON CONFLICT is the upsert's (see apply_staged)
    db.execute(
        """INSERT INTO kpi_monthly
               (kpi_id, group_id, person_id, month, total, n, last_day, last_value)
           SELECT kpi_id, group_id, person_id, month, total, n, last_day, last_value
           FROM temp.kpi_gains WHERE true
           ON CONFLICT (kpi_id, group_id, person_id, month) DO UPDATE SET
               total = total + excluded.total,
               n = n + excluded.n,
               last_value = CASE WHEN excluded.last_day >= last_day THEN excluded.last_value
                                 ELSE last_value END,
               last_day = max(last_day, excluded.last_day)"""
    )
    run_statements(db, TRIGGERS)
    db.execute(f"PRAGMA main.cache_size = {cache}")


def _refuse_staged_computed_cells(db: Database) -> None:
    """``refuse_computed_cells`` for the staged rows, in SQL (an import may stage millions)."""
    hit = db.execute(
        """SELECT k.code, g.name, s.day FROM temp.kpi_staging s
           JOIN kpi_values v ON v.kpi_id = s.kpi_id AND v.group_id = s.group_id
            AND ifnull(v.person_id, 0) = 0 AND v.day = s.day AND v.computed = 1
           JOIN kpis k ON k.id = s.kpi_id JOIN groups g ON g.id = s.group_id
           WHERE s.person_id IS NULL
             AND s.kpi_id IN (SELECT DISTINCT kpi_id FROM kpi_values WHERE computed = 1)
           ORDER BY s.line LIMIT 1"""
    ).fetchone()
    if hit:
        raise ValidationError("kpi.err.computed_cell", kpi=hit[0], group=hit[1], day=hit[2])


def refuse_computed_cells(db: Database, cells: list[tuple[int, int, str]]) -> None:
    """``ValidationError`` naming the first ``(kpi_id, group_id, day)`` that holds a value
    computed from activity: typing never replaces a computed value (nor a recompute a
    typed one); the value follows the chats' activity."""
    computed_kpis = {
        row[0] for row in db.execute("SELECT DISTINCT kpi_id FROM kpi_values WHERE computed = 1")
    }
    for kpi_id, group_id, day in cells:
        if kpi_id not in computed_kpis:
            continue
        hit = db.execute(
            """SELECT k.code, g.name FROM kpi_values v JOIN kpis k ON k.id = v.kpi_id
               JOIN groups g ON g.id = v.group_id
               WHERE v.kpi_id = ? AND v.group_id = ? AND ifnull(v.person_id, 0) = 0
                 AND v.day = ? AND v.computed = 1""",
            [kpi_id, group_id, day],
        ).fetchone()
        if hit:
            raise ValidationError("kpi.err.computed_cell", kpi=hit[0], group=hit[1], day=day)


def _recompute_months(db: Database, months: set[tuple[int, int, int, str]]) -> None:
    """Rebuild the rollup rows of the given (kpi, group, person-or-0, month) keys."""
    _touch_months(db)
    db.conn.executemany("INSERT INTO temp.kpi_touched VALUES (?, ?, ?, ?)", sorted(months))
    _recompute_touched(db)


def _touch_months(db: Database) -> None:
    """An empty ``temp.kpi_touched`` for the (kpi, group, person-or-0, month) keys to rebuild."""
    db.execute(
        """CREATE TEMP TABLE IF NOT EXISTS kpi_touched (
               kpi_id INTEGER, group_id INTEGER, person_id INTEGER, month TEXT,
               PRIMARY KEY (kpi_id, group_id, person_id, month))"""
    )
    db.execute("DELETE FROM temp.kpi_touched")


def _recompute_touched(db: Database) -> None:
    """Rebuild the rollup rows of the keys in ``temp.kpi_touched``."""
    # "+ 0" strips the column's affinity so the expression index (kpi, group,
    # ifnull(person, 0), day) serves the join: without it SQLite scans every day
    db.execute(
        """DELETE FROM kpi_monthly WHERE (kpi_id, group_id, person_id, month) IN
               (SELECT kpi_id, group_id, person_id, month FROM temp.kpi_touched)"""
    )
    db.execute(
        """INSERT INTO kpi_monthly
               (kpi_id, group_id, person_id, month, total, n, last_day, last_value)
           SELECT v.kpi_id, v.group_id, t.person_id, t.month,
                  SUM(v.value), COUNT(*), MAX(v.day), v.value
           FROM temp.kpi_touched t JOIN kpi_values v
             ON v.kpi_id = t.kpi_id AND v.group_id = t.group_id
            AND ifnull(v.person_id, 0) = t.person_id + 0
            AND v.day BETWEEN t.month || '-01' AND t.month || '-31'
           GROUP BY t.kpi_id, t.group_id, t.person_id, t.month"""
    )
    db.execute("DELETE FROM temp.kpi_touched")


def delete_values(db: Database, actor: str, value_ids: list[int]) -> int:
    """Delete raw values by id in one transaction (audited per row); returns the count."""
    with db.atomic():
        found = fetch_rows(
            db,
            f"SELECT * FROM kpi_values WHERE id IN ({', '.join('?' for _ in value_ids)})",
            value_ids,
        )
        require_write(db, actor, {row["group_id"] for row in found})
        refuse_computed_cells(
            db, [(r["kpi_id"], r["group_id"], r["day"]) for r in found if r["computed"]]
        )
        for row in found:
            db.execute("DELETE FROM kpi_values WHERE id = ?", [row["id"]])
            audit.record(
                db,
                actor,
                "delete",
                "kpi_value",
                row["id"],
                row,
                None,
                group_id=row["group_id"],
                person_id=row["person_id"],
            )
        return len(found)


# ---------------------------------------------------------------- bulk loading (seeds)


def bulk_load_values(db: Database, rows: Iterable[tuple], batch: int = 200_000) -> int:
    """Load many ``(kpi_id, group_id, person_id, day, value)`` rows fast: drop the
    triggers and indexes, insert in big transactions, rebuild indexes and the rollup.
    For seeds and tools only (no access check, no audit)."""
    for name in TRIGGER_NAMES:
        db.execute(f"DROP TRIGGER IF EXISTS {name}")
    for name in ("kpi_values_key", "kpi_values_day"):
        db.execute(f"DROP INDEX IF EXISTS {name}")
    count = 0
    pending: list[tuple] = []

    def flush() -> None:
        with db.atomic():
            db.conn.executemany(
                "INSERT INTO kpi_values (kpi_id, group_id, person_id, day, value)"
                " VALUES (?, ?, ?, ?, ?)",
                pending,
            )
        pending.clear()

    for row in rows:
        pending.append(row)
        count += 1
        if len(pending) >= batch:
            flush()
    if pending:
        flush()
    with db.atomic():
        run_statements(db, VALUE_INDEXES)
        db.execute("DELETE FROM kpi_monthly")
        db.execute(
            """INSERT INTO kpi_monthly
                   (kpi_id, group_id, person_id, month, total, n, last_day, last_value)
               SELECT kpi_id, group_id, ifnull(person_id, 0), substr(day, 1, 7),
                      SUM(value), COUNT(*), MAX(day), value
               FROM kpi_values
               GROUP BY kpi_id, group_id, ifnull(person_id, 0), substr(day, 1, 7)"""
        )
        run_statements(db, TRIGGERS)
    return count
