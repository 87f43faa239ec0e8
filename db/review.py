"""Storage of the talent review (人才盘点): review rounds (one per quarter) and the ratings
leads give the people in their scope on performance and potential (the 9-box).

Ratings are sensitive: this module stores and reads them; who may see which rows is the
domain's rule (``dashboard.domain.review``). Every write checks access (a round is
team-wide; a rating needs rights on the person's groups) and writes one audit row in its
transaction.
"""

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from db import audit
from db.access import require_person_write, require_write
from db.errors import ValidationError
from db.schema import run_statements
from db.sql import fetch_one, fetch_rows, in_list

migrations = Migrations("review")

LEVELS = ("low", "medium", "high")
RATING_FIELDS = ("performance", "potential", "note", "suggested_performance", "evidence_json")


@migrations()
def m001_review(db: Database) -> None:
    levels = in_list(LEVELS)
    run_statements(
        db,
        [
            """CREATE TABLE review_rounds (
                id INTEGER PRIMARY KEY,
                period TEXT NOT NULL UNIQUE,
                opened_on TEXT NOT NULL,
                opened_by TEXT NOT NULL
            )""",
            f"""CREATE TABLE review_ratings (
                id INTEGER PRIMARY KEY,
                round_id INTEGER NOT NULL REFERENCES review_rounds(id),
                person_id INTEGER NOT NULL REFERENCES people(id),
                performance TEXT NOT NULL CHECK (performance IN {levels}),
                potential TEXT NOT NULL CHECK (potential IN {levels}),
                note TEXT NOT NULL DEFAULT '',
                suggested_performance TEXT CHECK (
                    suggested_performance IS NULL OR suggested_performance IN {levels}),
                evidence_json TEXT NOT NULL DEFAULT '{{}}',
                rater TEXT NOT NULL,
                rated_on TEXT NOT NULL,
                UNIQUE (round_id, person_id)
            )""",
            "CREATE INDEX review_ratings_person ON review_ratings(person_id, round_id)",
        ],
    )


def rounds(db: Database) -> list[dict]:
    """Every review round, newest period first, with its number of ratings."""
    return fetch_rows(
        db,
        """SELECT r.*, (SELECT COUNT(*) FROM review_ratings x WHERE x.round_id = r.id) AS ratings
           FROM review_rounds r ORDER BY r.period DESC""",
    )


def round_of(db: Database, round_id: int) -> dict | None:
    """One review round."""
    return fetch_one(db, "SELECT * FROM review_rounds WHERE id = ?", [round_id])


def previous_round(db: Database, period: str) -> dict | None:
    """The round just before ``period``, if any."""
    return fetch_one(
        db,
        "SELECT * FROM review_rounds WHERE period < ? ORDER BY period DESC LIMIT 1",
        [period],
    )


def ratings(db: Database, round_id: int) -> list[dict]:
    """Every rating of a round with the person's name."""
    return fetch_rows(
        db,
        """SELECT x.*, p.name AS person_name FROM review_ratings x
           JOIN people p ON p.id = x.person_id WHERE x.round_id = ? ORDER BY p.name, x.id""",
        [round_id],
    )


def rating(db: Database, round_id: int, person_id: int) -> dict | None:
    """A person's rating in a round."""
    return fetch_one(
        db,
        "SELECT * FROM review_ratings WHERE round_id = ? AND person_id = ?",
        [round_id, person_id],
    )


def reviewable_people(db: Database) -> list[dict]:
    """People who are not gone, with their open roles and groups (one row per membership)."""
    return fetch_rows(
        db,
        """SELECT p.id AS person_id, p.name, p.status, m.group_id, g.name AS group_name,
                  m.role_id, r.code AS role_code, r.name AS role_name, r.name_zh AS role_name_zh
           FROM people p JOIN memberships m ON m.person_id = p.id AND m.end_on IS NULL
           JOIN groups g ON g.id = m.group_id JOIN roles r ON r.id = m.role_id
           WHERE p.status <> 'left' ORDER BY p.name, p.id, g.name, r.id""",
    )


def retrospective_counts(db: Database, start: str, end: str) -> dict[int, tuple[int, int]]:
    """Per person: (retrospectives of their own, retrospectives they wrote for someone else)
    held between ``start`` and ``end`` (ISO dates, inclusive)."""
    counts: dict[int, list[int]] = {}
    for person_id, author_id in db.execute(
        "SELECT person_id, author_id FROM retrospectives WHERE held_on BETWEEN ? AND ?",
        [start, end],
    ).fetchall():
        counts.setdefault(person_id, [0, 0])[0] += 1
        if author_id is not None and author_id != person_id:
            counts.setdefault(author_id, [0, 0])[1] += 1
    return {person_id: (own, coached) for person_id, (own, coached) in counts.items()}


def insert_round(db: Database, actor: str, period: str, opened_on: str) -> int:
    """Open the review round of ``period`` (team-wide: admins and whole-tree leads)."""
    with db.atomic():
        require_write(db, actor)
        if fetch_one(db, "SELECT id FROM review_rounds WHERE period = ?", [period]):
            raise ValidationError("review.err.round_exists", period=period)
        round_id = db.execute(
            "INSERT INTO review_rounds (period, opened_on, opened_by) VALUES (?, ?, ?)",
            [period, opened_on, actor],
        ).lastrowid
        audit.record(db, actor, "create", "review_round", round_id, None, {"period": period})
    return round_id


def save_rating(
    db: Database, actor: str, round_id: int, person_id: int, fields: dict, rated_on: str
) -> int:
    """Create or replace a person's rating in a round (``RATING_FIELDS``); returns its id."""
    row = {k: fields.get(k) for k in RATING_FIELDS}
    with db.atomic():
        require_person_write(db, actor, person_id)
        before = rating(db, round_id, person_id)
        if before is None:
            rating_id = db.execute(
                """INSERT INTO review_ratings (round_id, person_id, performance, potential, note,
                       suggested_performance, evidence_json, rater, rated_on)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                [round_id, person_id, *row.values(), actor, rated_on],
            ).lastrowid
        else:
            rating_id = before["id"]
            db.execute(
                """UPDATE review_ratings SET performance = ?, potential = ?, note = ?,
                       suggested_performance = ?, evidence_json = ?, rater = ?, rated_on = ?
                   WHERE id = ?""",
                [*row.values(), actor, rated_on, rating_id],
            )
        shown = ("performance", "potential", "note")
        audit.record(
            db,
            actor,
            "rate",
            "review_rating",
            rating_id,
            None if before is None else {k: before[k] for k in shown},
            {"round_id": round_id, **{k: row[k] for k in shown}},
            person_id=person_id,
        )
    return rating_id
