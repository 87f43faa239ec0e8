"""Talent review (人才盘点 / 九宫格): rounds, who may see and rate, performance suggested from
the evidence the app has, the 9-box, movement since the last round and the bench ranked.

Ratings are sensitive: admins see and rate everyone; a lead sees and rates the people whose
groups all lie in their scope (a lead of the whole tree: everyone); a viewer sees nothing.

Performance is suggested, never decided: the KPI attainment of the person's groups over the
round's quarter (to date) gives 0–2 points (no figures: 1), their retrospectives of the
quarter (their own, or written for a newcomer they coach) one more when there are two or
more; 0–1 points suggest ``low``, 2 ``medium``, 3 ``high``. The lead confirms or overrides.
"""

import json
from dataclasses import dataclass, field
from datetime import date

from sqlite_utils import Database

from dashboard.domain import kpis
from db import kpis as kpi_store
from db import org as org_store
from db import pipeline as pipeline_store
from db import review as store
from db.access import user_row, writable_people
from db.errors import AccessDenied, ValidationError

LEVELS = store.LEVELS
KPI_HIGH, KPI_MEDIUM = 100.0, 80.0  # attainment % for 2 and 1 points
RETROS_FOR_POINT = 2
MAX_NOTE = 500
READINESS_ORDER = {code: n for n, code in enumerate(pipeline_store.READINESS)}
STAGE_ORDER = {"ready": 0, "trial": 1, "observer": 2, "spotted": 3}

Reason = tuple[str, dict]  # (i18n key, params)


@dataclass(frozen=True)
class Evidence:
    """What the app knows about a person's performance in a round's quarter."""

    kpi_attainment: float | None = None  # mean % over their groups' KPIs
    own_retros: int = 0
    coached_retros: int = 0


@dataclass(frozen=True)
class Suggestion:
    """A suggested performance level with the points and reasons behind it."""

    level: str
    points: int
    reasons: list[Reason] = field(default_factory=list)


# ---------------------------------------------------------------- who may see and rate


def visible_people(db: Database, username: str) -> set[int] | None:
    """People whose ratings ``username`` may see and change: ``None`` everyone (admins and
    leads of the whole tree), a lead's scope, nobody for a viewer or an unknown account."""
    user = user_row(db, username)
    if user is None or user["app_role"] not in ("admin", "lead"):
        return set()
    return writable_people(db, username)


def may_review(db: Database, username: str) -> bool:
    """Whether ``username`` sees the talent review at all (admins and leads)."""
    user = user_row(db, username)
    return user is not None and user["app_role"] in ("admin", "lead")


def _can_see(visible: set[int] | None, person_id: int) -> bool:
    return visible is None or person_id in visible


# ---------------------------------------------------------------- suggestion


def suggest_performance(evidence: Evidence) -> Suggestion:
    """The suggested performance level from ``evidence`` (see the module doc)."""
    reasons: list[Reason] = []
    pct = evidence.kpi_attainment
    if pct is None:
        points = 1
        reasons.append(("review.reason.no_kpi", {}))
    else:
        points = 2 if pct >= KPI_HIGH else 1 if pct >= KPI_MEDIUM else 0
        reasons.append(("review.reason.kpi", {"pct": round(pct)}))
    retros = evidence.own_retros + evidence.coached_retros
    if retros >= RETROS_FOR_POINT:
        points += 1
    reasons.append(
        (
            "review.reason.retros",
            {"own": evidence.own_retros, "coached": evidence.coached_retros},
        )
    )
    level = "low" if points <= 1 else "medium" if points == 2 else "high"
    return Suggestion(level, points, reasons)


def round_period(period_code: str) -> kpis.Period:
    """The quarter of a round's code (``2026-Q2``)."""
    year, quarter = period_code.split("-Q")
    return kpis.period_of("quarter", date(int(year), (int(quarter) - 1) * 3 + 1, 1))


def group_attainment(db: Database, period: kpis.Period, today: date) -> dict[int, float]:
    """Per group, the mean attainment % of its KPIs over ``period`` up to ``today`` (each
    KPI capped at 150 %, so one runaway figure does not hide the rest)."""
    elapsed = kpis.elapsed_share(period, today) if today <= period.end else 1.0
    rows = kpis.board_rows(
        kpi_store.kpis(db),
        kpi_store.groups(db),
        kpi_store.period_actuals(db, period.start, min(period.end, today)),
        [],
        kpis.target_lookup(kpi_store.targets(db, period.months[0], period.months[-1])),
        period,
        elapsed or 1.0,
    )
    per_group: dict[int, list[float]] = {}
    for row in rows:
        if row["attainment"] is not None:
            per_group.setdefault(row["group_id"], []).append(min(row["attainment"], 150.0))
    return {gid: sum(values) / len(values) for gid, values in per_group.items()}


def evidence(db: Database, period_code: str, today: date) -> dict[int, Evidence]:
    """Every reviewable person's evidence for the round of ``period_code``."""
    period = round_period(period_code)
    by_group = group_attainment(db, period, today)
    retros = store.retrospective_counts(
        db, period.start.isoformat(), min(period.end, today).isoformat()
    )
    groups: dict[int, set[int]] = {}
    for row in store.reviewable_people(db):
        groups.setdefault(row["person_id"], set()).add(row["group_id"])
    found = {}
    for person_id, group_ids in groups.items():
        figures = [by_group[g] for g in group_ids if g in by_group]
        own, coached = retros.get(person_id, (0, 0))
        found[person_id] = Evidence(sum(figures) / len(figures) if figures else None, own, coached)
    return found


# ---------------------------------------------------------------- rounds and ratings


def quarter_code(today: date) -> str:
    """The code of the quarter holding ``today`` (``2026-Q2``)."""
    return kpis.period_of("quarter", today).code


def open_round(db: Database, actor: str, today: date) -> int:
    """Open this quarter's review round; returns its id."""
    return store.insert_round(db, actor, quarter_code(today), today.isoformat())


def rate(
    db: Database,
    actor: str,
    *,
    round_id: int,
    person_id: int,
    performance: str,
    potential: str,
    note: str,
    today: date,
) -> int:
    """Record (or change) a person's rating in a round, keeping the suggestion and its
    evidence next to it; returns the rating id."""
    if performance not in LEVELS or potential not in LEVELS:
        raise ValidationError("review.err.level")
    note = (note or "").strip()
    if len(note) > MAX_NOTE:
        raise ValidationError("review.err.note_long", max=MAX_NOTE)
    with db.atomic():
        review_round = store.round_of(db, round_id)
        if review_round is None:
            raise ValidationError("review.err.no_such_round", round=round_id)
        if not _can_see(visible_people(db, actor), person_id):
            person = org_store.person(db, person_id)
            raise AccessDenied(
                "access.outside_scope",
                user=actor,
                name=person["name"] if person else f"#{person_id}",
            )
        found = evidence(db, review_round["period"], today).get(person_id)
        if found is None:
            raise ValidationError("review.err.not_reviewable", person=person_id)
        suggestion = suggest_performance(found)
        return store.save_rating(
            db,
            actor,
            round_id,
            person_id,
            {
                "performance": performance,
                "potential": potential,
                "note": note,
                "suggested_performance": suggestion.level,
                "evidence_json": json.dumps(found.__dict__, sort_keys=True),
            },
            today.isoformat(),
        )


def box_of(performance: str, potential: str) -> int:
    """The 9-box number: 1 (low, low) … 9 (high performance, high potential); rows by
    potential, columns by performance."""
    return LEVELS.index(potential) * 3 + LEVELS.index(performance) + 1


def movement(now: dict, before: dict | None) -> str:
    """``new`` (not rated last round), ``up``, ``down`` or ``same`` (performance plus
    potential, then potential alone)."""
    if before is None:
        return "new"

    def weight(row: dict) -> tuple[int, int]:
        pot = LEVELS.index(row["potential"])
        return (LEVELS.index(row["performance"]) + pot, pot)

    a, b = weight(now), weight(before)
    return "up" if a > b else "down" if a < b else "same"


def visible_ratings(db: Database, username: str, round_id: int) -> list[dict]:
    """The round's ratings ``username`` may see, each with its box and its movement since
    the round before (none for a viewer)."""
    if not may_review(db, username):
        return []
    visible = visible_people(db, username)
    review_round = store.round_of(db, round_id)
    if review_round is None:
        return []
    before_round = store.previous_round(db, review_round["period"])
    before = (
        {r["person_id"]: r for r in store.ratings(db, before_round["id"])} if before_round else {}
    )
    rows = []
    for row in store.ratings(db, round_id):
        if not _can_see(visible, row["person_id"]):
            continue
        earlier = before.get(row["person_id"])
        rows.append(
            {
                **row,
                "box": box_of(row["performance"], row["potential"]),
                "movement": movement(row, earlier),
                "box_before": box_of(earlier["performance"], earlier["potential"])
                if earlier
                else None,
            }
        )
    return rows


def ranked_bench(db: Database, username: str, round_id: int, role_id: int) -> list[dict]:
    """Open candidacies for ``role_id`` that ``username`` may see, ranked: rated before
    unrated, by box (performance + potential, then potential), readiness, then stage."""
    if not may_review(db, username):
        return []
    visible = visible_people(db, username)
    rated = {r["person_id"]: r for r in visible_ratings(db, username, round_id)}
    bench = []
    for row in pipeline_store.candidacies(db, open_only=True):
        if row["role_id"] != role_id or not _can_see(visible, row["person_id"]):
            continue
        rating = rated.get(row["person_id"])
        bench.append({**row, "rating": rating})

    def rank(row: dict) -> tuple:
        rating = row["rating"]
        if rating is None:
            box_key: tuple = (1, 0, 0)
        else:
            pot = LEVELS.index(rating["potential"])
            box_key = (0, -(LEVELS.index(rating["performance"]) + pot), -pot)
        return (
            *box_key,
            READINESS_ORDER.get(row["readiness"], 9),
            STAGE_ORDER.get(row["stage"], 9),
            row["person_name"],
        )

    return sorted(bench, key=rank)
