"""The demo talent bench: some key roles well covered, some at risk, a history of
appointments and dropped candidacies across the four discovery channels."""

import random
from datetime import date, timedelta

from sqlite_utils import Database

from db.pipeline import OPEN_STAGES
from db.schema import SOURCES

PATH = ("spotted", "observer", "trial", "ready", "appointed")
# the open stage the best candidate of a position reaches, drawn per position:
# roughly 40 % covered, 35 % observed but not ready, 25 % nobody shadowing
BEST_STAGE_WEIGHTS = (("ready", 40), ("trial", 15), ("observer", 20), ("spotted", 10), (None, 15))
READINESS_BY_STAGE = {"spotted": "later", "observer": "12m", "trial": "6m", "ready": "now"}


def _positions(db: Database) -> list[dict]:
    rows = db.execute(
        """SELECT DISTINCT m.role_id, m.group_id, g.parent_id FROM memberships m
           JOIN roles r ON r.id = m.role_id JOIN groups g ON g.id = m.group_id
           WHERE m.end_on IS NULL AND r.is_key = 1 AND g.archived_on IS NULL
           ORDER BY m.role_id, m.group_id"""
    ).fetchall()
    return [dict(row) for row in rows]


def _active_in(db: Database, group_ids: list[int]) -> list[int]:
    marks = ", ".join("?" for _ in group_ids)
    rows = db.execute(
        f"""SELECT DISTINCT p.id FROM people p JOIN memberships m ON m.person_id = p.id
            WHERE m.group_id IN ({marks}) AND m.end_on IS NULL AND p.status = 'active'
            ORDER BY p.id""",
        group_ids,
    ).fetchall()
    return [row[0] for row in rows]


def _holders(db: Database, role_id: int, group_id: int) -> list[int]:
    rows = db.execute(
        """SELECT person_id FROM memberships WHERE role_id = ? AND group_id = ?
           AND end_on IS NULL ORDER BY id""",
        [role_id, group_id],
    ).fetchall()
    return [row[0] for row in rows]


class _Bench:
    def __init__(self, db: Database, rng: random.Random, today: date):
        self.db, self.rng, self.today = db, rng, today
        self.open_keys: set[tuple[int, int, int]] = set()

    def add(
        self,
        person_id,
        role_id,
        group_id,
        stage,
        *,
        referrer=None,
        drop_reason=None,
        emergency=False,
        note="",
    ) -> int:
        """One candidacy that walked the path up to ``stage``, with dated history."""
        source = self.rng.choice(SOURCES)
        if source == "referral" and referrer is None:
            source = "activity"
        path = list(PATH[: PATH.index(stage) + 1]) if stage in PATH else None
        if path is None:  # dropped after some stages
            path = list(PATH[: self.rng.randint(1, 3)]) + ["dropped"]
        days = [self.rng.randint(20, 80) for _ in path]
        start = self.today - timedelta(days=sum(days) + self.rng.randint(0, 30))
        on = start
        dates = []
        for step in days:
            dates.append(on)
            on = on + timedelta(days=step)
        readiness = READINESS_BY_STAGE.get(stage, "now" if stage == "appointed" else "later")
        candidacy_id = self.db.execute(
            """INSERT INTO pipeline (person_id, role_id, group_id, stage, readiness, source,
               referred_by, note, emergency, drop_reason, created_on, updated_on)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [
                person_id,
                role_id,
                group_id,
                path[-1],
                readiness,
                source,
                referrer if source == "referral" else None,
                note,
                1 if emergency else 0,
                drop_reason,
                dates[0].isoformat(),
                dates[-1].isoformat(),
            ],
        ).lastrowid
        previous = None
        for stage_name, when in zip(path, dates, strict=True):
            self.db.execute(
                """INSERT INTO pipeline_stage_history
                   (pipeline_id, from_stage, to_stage, changed_on, username)
                   VALUES (?, ?, ?, ?, ?)""",
                [candidacy_id, previous, stage_name, when.isoformat(), "lead"],
            )
            previous = stage_name
        if path[-1] in OPEN_STAGES:
            self.open_keys.add((person_id, role_id, group_id))
        return candidacy_id


def seed_demo(db: Database, rng: random.Random, today: date) -> None:
    """A realistic bench on the demo community (deterministic for a given ``rng``)."""
    bench = _Bench(db, rng, today)
    left = [
        row[0]
        for row in db.execute("SELECT id FROM people WHERE status = 'left' ORDER BY id").fetchall()
    ]
    with db.atomic():
        for position in _positions(db):
            role_id, group_id = position["role_id"], position["group_id"]
            holders = _holders(db, role_id, group_id)
            pool_groups = [group_id] + ([position["parent_id"]] if position["parent_id"] else [])
            pool = [p for p in _active_in(db, pool_groups) if p not in holders]
            rng.shuffle(pool)
            # most holders came through the bench themselves, some on a veteran's word
            if rng.random() < 0.6:
                veteran = pool[-1] if pool else None
                bench.add(holders[0], role_id, group_id, "appointed", referrer=veteran)
            stages, weights = zip(*BEST_STAGE_WEIGHTS, strict=True)
            best = rng.choices(stages, weights)[0]
            if best is None:
                continue
            lower = PATH[: PATH.index(best)]
            wanted = [best] + ([rng.choice(lower)] if lower and rng.random() < 0.4 else [])
            for stage in wanted:
                if not pool:
                    break
                person_id = pool.pop()
                bench.add(
                    person_id,
                    role_id,
                    group_id,
                    stage,
                    referrer=holders[0],
                    emergency=stage == "ready" and rng.random() < 0.5,
                )
            if pool and rng.random() < 0.3:
                reason = rng.choice(("declined", "not_fit", "role_filled", "other"))
                bench.add(pool.pop(), role_id, group_id, "dropped", drop_reason=reason)
            if left and rng.random() < 0.15:
                bench.add(left.pop(), role_id, group_id, "dropped", drop_reason="left")
