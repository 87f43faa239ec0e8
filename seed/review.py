"""Demo talent review: last quarter's round and this quarter's, rating the people on the
bench and the holders of key roles, so the 9-box shows movement between the rounds."""

import json
import random
from datetime import date, timedelta

from sqlite_utils import Database

from dashboard.domain import kpis
from dashboard.domain import review as rules
from db.review import LEVELS


def seed_demo(db: Database, rng: random.Random, today: date) -> None:
    """Two rounds: last quarter's rates everyone on the bench or in a key role; this
    quarter's about two in three of them, performance mostly as suggested."""
    quarter = kpis.period_of("quarter", today)
    last = kpis.previous(quarter)
    people = [
        row[0]
        for row in db.execute(
            """SELECT DISTINCT p.id FROM people p
               WHERE p.status = 'active' AND (
                 EXISTS (SELECT 1 FROM pipeline c WHERE c.person_id = p.id
                          AND c.stage IN ('spotted', 'observer', 'trial', 'ready'))
                 OR EXISTS (SELECT 1 FROM memberships m JOIN roles r ON r.id = m.role_id
                             WHERE m.person_id = p.id AND m.end_on IS NULL AND r.is_key = 1))
               ORDER BY p.id"""
        ).fetchall()
    ]
    with db.atomic():
        rounds = {}
        for period, opened in ((last, last.end - timedelta(days=10)), (quarter, today)):
            rounds[period.code] = db.execute(
                "INSERT INTO review_rounds (period, opened_on, opened_by) VALUES (?, ?, 'admin')",
                [period.code, opened.isoformat()],
            ).lastrowid
        evidence = rules.evidence(db, quarter.code, today)
        for person_id in people:
            performance, potential = rng.choice(LEVELS), rng.choice(LEVELS)
            _rating(
                db,
                rounds[last.code],
                person_id,
                performance,
                potential,
                None,
                "{}",
                last.end - timedelta(days=5),
            )
            if rng.random() < 0.35 or person_id not in evidence:
                continue
            found = evidence[person_id]
            suggested = rules.suggest_performance(found).level
            performance = suggested if rng.random() < 0.75 else rng.choice(LEVELS)
            step = rng.choice((-1, 0, 0, 1))
            potential = LEVELS[max(0, min(2, LEVELS.index(potential) + step))]
            _rating(
                db,
                rounds[quarter.code],
                person_id,
                performance,
                potential,
                suggested,
                json.dumps(found.__dict__, sort_keys=True),
                today,
            )


def _rating(db, round_id, person_id, performance, potential, suggested, evidence_json, day):
    db.execute(
        """INSERT INTO review_ratings (round_id, person_id, performance, potential,
               suggested_performance, evidence_json, rater, rated_on)
           VALUES (?, ?, ?, ?, ?, ?, 'admin', ?)""",
        [round_id, person_id, performance, potential, suggested, evidence_json, day.isoformat()],
    )
