"""Rules of the talent bench: the stage path, candidacy rules, appoint, leavers, coverage,
channels, alerts and the role catalogue grid."""

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.areas import migrate
from dashboard.domain import org as org_rules
from dashboard.domain import pipeline as bench
from dashboard.domain.changes import RowChanges
from db import pipeline as store
from db.connection import connect
from db.errors import AccessDenied, ValidationError

TODAY = date(2026, 6, 15)


@pytest.fixture
def small(db):
    """Core A (capacity 5) with owner Ann, member Bo, observer-seat Cy; Dee has left;
    an archived group; roles owner (key), member, observer, coach (key)."""
    for role_id, code, is_key in (
        (1, "owner", 1),
        (2, "member", 0),
        (3, "observer", 0),
        (4, "coach", 1),
    ):
        db.execute(
            "INSERT INTO roles (id, code, name, name_zh, is_key) VALUES (?, ?, ?, ?, ?)",
            [role_id, code, code.title(), code + "_zh", is_key],
        )
    db.execute(
        "INSERT INTO groups (id, name, tier, capacity, created_on) VALUES (10, 'Core A', 'core', 5, '2025-01-01')"
    )
    db.execute(
        "INSERT INTO groups (id, name, tier, created_on, archived_on) VALUES (11, 'Old', 'core', '2025-01-01', '2026-01-01')"
    )
    for person_id, name, status in (
        (1, "Ann", "active"),
        (2, "Bo", "active"),
        (3, "Cy", "active"),
        (4, "Dee", "left"),
        (5, "Eve", "active"),
    ):
        db.execute(
            "INSERT INTO people (id, name, joined_on, status) VALUES (?, ?, '2025-01-01', ?)",
            [person_id, name, status],
        )
    for person_id, role_id in ((1, 1), (2, 2), (3, 3)):
        db.execute(
            "INSERT INTO memberships (person_id, group_id, role_id, start_on) VALUES (?, 10, ?, '2025-01-01')",
            [person_id, role_id],
        )
    return db


def _add(db, person_id=2, role_id=1, group_id=10, **extra):
    fields = {"source": "task", "today": TODAY, **extra}
    return bench.add_candidacy(
        db, "admin", person_id=person_id, role_id=role_id, group_id=group_id, **fields
    )


def _walk(db, candidacy_id, *stages):
    for stage in stages:
        bench.move_stage(db, "admin", candidacy_id, stage, TODAY)


# ---------------------------------------------------------------- the path


@pytest.mark.parametrize(
    ("from_stage", "to_stage", "expected"),
    [
        ("spotted", "observer", None),
        ("observer", "trial", None),
        ("trial", "ready", None),
        ("ready", "appointed", None),
        ("trial", "observer", None),
        ("ready", "trial", None),
        ("observer", "dropped", None),
        ("spotted", "trial", "pipeline.err.one_step"),
        ("observer", "ready", "pipeline.err.one_step"),
        ("spotted", "appointed", "pipeline.err.one_step"),
        ("ready", "spotted", "pipeline.err.one_step"),
        ("ready", "ready", "pipeline.err.same_stage"),
        ("appointed", "ready", "pipeline.err.closed"),
        ("dropped", "spotted", "pipeline.err.closed"),
        ("observer", "promoted", "pipeline.err.unknown_stage"),
    ],
)
def test_move_problem(from_stage, to_stage, expected):
    problem = bench.move_problem(from_stage, to_stage)
    assert (problem[0] if problem else None) == expected


def test_allowed_moves():
    assert bench.allowed_moves("spotted") == ["observer", "dropped"]
    assert bench.allowed_moves("observer") == ["spotted", "trial", "dropped"]
    assert bench.allowed_moves("ready") == ["trial", "appointed", "dropped"]
    assert bench.allowed_moves("appointed") == []


# ---------------------------------------------------------------- candidacy rules


def test_no_candidacy_for_a_role_already_held(small):
    with pytest.raises(ValidationError) as caught:
        _add(small, person_id=1)
    assert caught.value.key == "pipeline.err.already_holds"


def test_no_second_open_candidacy(small):
    _add(small)
    with pytest.raises(ValidationError) as caught:
        _add(small)
    assert caught.value.key == "pipeline.err.duplicate"
    assert small.execute("SELECT COUNT(*) FROM pipeline").fetchone()[0] == 1


def test_no_candidate_who_has_left(small):
    with pytest.raises(ValidationError) as caught:
        _add(small, person_id=4)
    assert caught.value.key == "pipeline.err.person_left"


def test_no_candidacy_in_an_archived_group(small):
    with pytest.raises(ValidationError) as caught:
        _add(small, group_id=11)
    assert caught.value.key == "pipeline.err.group_archived"


@pytest.mark.parametrize(
    ("referred_by", "key"),
    [(None, "pipeline.err.referral_needs_referrer"), (2, "pipeline.err.self_referral")],
)
def test_referral_needs_another_person(small, referred_by, key):
    with pytest.raises(ValidationError) as caught:
        _add(small, source="referral", referred_by=referred_by)
    assert caught.value.key == key


def test_referrer_is_kept_only_for_referrals(small):
    referred = _add(small, source="referral", referred_by=1)
    other = _add(small, person_id=5, source="task", referred_by=1)
    assert store.candidacy(small, referred)["referrer_name"] == "Ann"
    assert store.candidacy(small, other)["referred_by"] is None


def test_viewer_cannot_add(small):
    with pytest.raises(AccessDenied):
        bench.add_candidacy(
            small, "viewer", person_id=2, role_id=1, group_id=10, source="task", today=TODAY
        )


# ---------------------------------------------------------------- moves


def test_moves_follow_the_path_and_set_readiness(small):
    candidacy_id = _add(small)
    _walk(small, candidacy_id, "observer", "trial", "ready")
    assert store.candidacy(small, candidacy_id)["readiness"] == "now"
    _walk(small, candidacy_id, "trial")
    row = store.candidacy(small, candidacy_id)
    assert (row["stage"], row["readiness"]) == ("trial", "6m")
    assert [h["to_stage"] for h in store.stage_history(small, candidacy_id)] == [
        "spotted",
        "observer",
        "trial",
        "ready",
        "trial",
    ]


def test_a_skipped_step_is_refused_and_nothing_changes(small):
    candidacy_id = _add(small)
    with pytest.raises(ValidationError) as caught:
        bench.move_stage(small, "admin", candidacy_id, "trial", TODAY)
    assert caught.value.key == "pipeline.err.one_step"
    assert store.candidacy(small, candidacy_id)["stage"] == "spotted"
    assert len(store.stage_history(small, candidacy_id)) == 1


def test_dropping_needs_a_reason(small):
    candidacy_id = _add(small)
    with pytest.raises(ValidationError) as caught:
        bench.move_stage(small, "admin", candidacy_id, "dropped", TODAY)
    assert caught.value.key == "pipeline.err.drop_reason"
    bench.move_stage(small, "admin", candidacy_id, "dropped", TODAY, drop_reason="declined")
    row = store.candidacy(small, candidacy_id)
    assert (row["stage"], row["drop_reason"]) == ("dropped", "declined")


def test_update_details(small):
    candidacy_id = _add(small)
    bench.update_details(
        small,
        "admin",
        candidacy_id,
        readiness="6m",
        source="activity",
        referred_by=None,
        note=" runs the Friday share ",
        emergency=True,
        today=TODAY,
    )
    row = store.candidacy(small, candidacy_id)
    assert (row["readiness"], row["source"], row["note"], row["emergency"]) == (
        "6m",
        "activity",
        "runs the Friday share",
        1,
    )


# ---------------------------------------------------------------- appoint


def _ready(db, person_id=3, role_id=1):
    candidacy_id = _add(db, person_id=person_id, role_id=role_id, stage="observer")
    _walk(db, candidacy_id, "trial", "ready")
    return candidacy_id


def _open_roles(db, group_id=10):
    rows = db.execute(
        "SELECT person_id, role_id FROM memberships WHERE group_id = ? AND end_on IS NULL ORDER BY person_id, role_id",
        [group_id],
    ).fetchall()
    return [tuple(row) for row in rows]


def test_appoint_hands_the_role_over_in_one_go(small):
    candidacy_id = _ready(small)
    result = bench.appoint(small, "admin", candidacy_id, TODAY)
    # Ann's owner seat ended, Cy's observer seat ended, Cy is owner now
    assert _open_roles(small) == [(2, 2), (3, 1)]
    assert store.candidacy(small, candidacy_id)["stage"] == "appointed"
    assert result["ended_membership_id"] == 1
    assert result["handover_id"] is None  # the owner role has no manual
    assert (
        small.execute(
            "SELECT end_on FROM memberships WHERE person_id = 1 AND role_id = 1"
        ).fetchone()[0]
        == "2026-06-15"
    )


def test_appoint_via_the_board_move(small):
    candidacy_id = _ready(small)
    result = bench.move_stage(small, "admin", candidacy_id, "appointed", TODAY)
    assert result["membership_id"] is not None
    assert _open_roles(small) == [(2, 2), (3, 1)]


def test_appoint_starts_a_handover_when_the_role_has_a_manual(small):
    from dashboard.domain import manuals

    manuals.save_manual(
        small,
        "admin",
        role_id=1,
        body_md="# Owner\n\n## Checklist\n- [ ] Hand over the keys\n",
        today=TODAY,
    )
    result = bench.appoint(small, "admin", _ready(small), TODAY)
    handover = small.execute(
        "SELECT role_id, group_id, from_person, to_person FROM handovers"
    ).fetchone()
    assert result["handover_id"] is not None
    assert tuple(handover) == (1, 10, 1, 3)


def test_appoint_needs_a_ready_successor(small):
    candidacy_id = _add(small, person_id=3, stage="observer")
    with pytest.raises(ValidationError) as caught:
        bench.appoint(small, "admin", candidacy_id, TODAY)
    assert caught.value.key == "pipeline.err.one_step"
    assert _open_roles(small) == [(1, 1), (2, 2), (3, 3)]


def test_appoint_with_several_holders_asks_whom_to_replace(small):
    small.execute(
        "INSERT INTO memberships (person_id, group_id, role_id, start_on) VALUES (1, 10, 4, '2025-01-01')"
    )
    small.execute(
        "INSERT INTO memberships (person_id, group_id, role_id, start_on) VALUES (2, 10, 4, '2025-01-01')"
    )
    candidacy_id = _ready(small, person_id=5, role_id=4)
    with pytest.raises(ValidationError) as caught:
        bench.move_stage(small, "admin", candidacy_id, "appointed", TODAY)
    assert caught.value.key == "pipeline.err.choose_holder"
    bob_coach = small.execute(
        "SELECT id FROM memberships WHERE person_id = 2 AND role_id = 4"
    ).fetchone()[0]
    bench.appoint(small, "admin", candidacy_id, TODAY, replace_membership_id=bob_coach)
    coaches = small.execute(
        "SELECT person_id FROM memberships WHERE role_id = 4 AND end_on IS NULL ORDER BY person_id"
    ).fetchall()
    assert [row[0] for row in coaches] == [1, 5]


def test_appoint_alongside_keeps_the_holder(small):
    bench.appoint(small, "admin", _ready(small, person_id=5), TODAY, replace_membership_id=None)
    assert _open_roles(small) == [(1, 1), (2, 2), (3, 3), (5, 1)]


def test_appoint_is_refused_when_the_group_is_full_and_nothing_changes(small):
    small.execute("UPDATE groups SET capacity = 3 WHERE id = 10")
    candidacy_id = _ready(small, person_id=5)
    with pytest.raises(ValidationError) as caught:
        bench.appoint(small, "admin", candidacy_id, TODAY, replace_membership_id=None)
    assert caught.value.key == "org.err.over_capacity"
    assert _open_roles(small) == [(1, 1), (2, 2), (3, 3)]
    assert store.candidacy(small, candidacy_id)["stage"] == "ready"


# ---------------------------------------------------------------- leavers


def test_a_leaver_s_open_candidacies_are_dropped(small):
    open_one = _add(small, person_id=3, stage="observer")
    done = _ready(small, person_id=5)
    bench.appoint(small, "admin", done, TODAY)
    org_rules.mark_left(small, "admin", 3, "growth", TODAY)
    row = store.candidacy(small, open_one)
    assert (row["stage"], row["drop_reason"]) == ("dropped", "left")
    assert store.candidacy(small, done)["stage"] == "appointed"


# ---------------------------------------------------------------- coverage and alerts


@pytest.mark.parametrize(
    ("holders", "ready", "shadowing", "status"),
    [
        (0, 1, 0, "vacant"),
        (1, 0, 0, "no_observer"),
        (2, 0, 0, "no_observer"),
        (1, 0, 1, "no_ready"),
        (1, 1, 0, "covered"),
    ],
)
def test_coverage_status(holders, ready, shadowing, status):
    assert bench.coverage_status(holders, ready, shadowing) == status


def test_coverage_changes_as_a_candidate_gets_ready(small):
    def owner_status():
        (row,) = bench.coverage(small)
        return row["status"], row["at_risk"]

    assert owner_status() == ("no_observer", True)
    candidacy_id = _add(small, person_id=3, stage="observer")
    assert owner_status() == ("no_ready", True)
    _walk(small, candidacy_id, "trial", "ready")
    assert owner_status() == ("covered", False)


def test_alerts_name_key_roles_without_a_ready_successor(small):
    (alert,) = bench.alerts(small, TODAY)
    assert (alert.kind, alert.severity, alert.key, alert.area, alert.group_id) == (
        "key_role_no_observer",
        "high",
        "pipeline.alert.no_observer",
        "pipeline",
        10,
    )
    assert alert.params == {"role": "Owner", "role_zh": "owner_zh", "group": "Core A"}
    _walk(small, _add(small, person_id=3, stage="observer"), "trial", "ready")
    assert bench.alerts(small, TODAY) == []


def test_channels_list_every_source_with_conversion(small):
    _add(small, person_id=2, source="activity")
    bench.appoint(small, "admin", _ready(small), TODAY)  # Cy, through a task
    assert bench.channels(small) == [
        {"source": "task", "talents": 1, "appointed": 1, "conversion": 1.0},
        {"source": "referral", "talents": 0, "appointed": 0, "conversion": 0.0},
        {"source": "system", "talents": 0, "appointed": 0, "conversion": 0.0},
        {"source": "activity", "talents": 1, "appointed": 0, "conversion": 0.0},
    ]


# ---------------------------------------------------------------- role catalogue


def test_role_grid_reports_every_row_problem_and_saves_nothing(small):
    roles = small.execute("SELECT * FROM roles ORDER BY id").fetchall()
    roles = [dict(r) for r in roles]
    with pytest.raises(ValidationError) as caught:
        bench.apply_role_grid(
            small,
            "admin",
            RowChanges(
                seen={role["id"]: role for role in roles},
                edited={roles[0]["id"]: {"name": "  "}, roles[1]["id"]: {"description": "fine"}},
                added=[
                    {"code": "Bad Code", "name": "X", "name_zh": "X"},
                    {"code": "owner", "name": "Y", "name_zh": ""},
                ],
            ),
        )
    assert [(label, key) for label, key, _ in caught.value.row_errors] == [
        ("owner", "pipeline.err.role_name_empty"),
        ("bad code", "pipeline.err.role_code"),
        ("owner", "pipeline.err.role_code_taken"),
        ("owner", "pipeline.err.role_name_zh_empty"),
    ]
    assert small.execute("SELECT description FROM roles WHERE id = 2").fetchone()[0] == ""


def test_role_grid_saves_edits_and_new_roles(small):
    roles = [dict(r) for r in small.execute("SELECT * FROM roles ORDER BY id").fetchall()]
    count = bench.apply_role_grid(
        small,
        "admin",
        RowChanges(
            seen={role["id"]: role for role in roles},
            edited={roles[3]["id"]: {"is_key": False, "tier": "core"}},
            added=[
                {
                    "code": "mentor",
                    "name": "Mentor",
                    "name_zh": "导师",
                    "is_key": True,
                    "tier": None,
                }
            ],
        ),
    )
    assert count == 2
    rows = small.execute(
        "SELECT code, tier, is_key FROM roles WHERE id >= 4 ORDER BY id"
    ).fetchall()
    assert [tuple(r) for r in rows] == [("coach", "core", 0), ("mentor", None, 1)]


def test_role_grid_is_team_wide(small):
    roles = [dict(r) for r in small.execute("SELECT * FROM roles ORDER BY id").fetchall()]
    with pytest.raises(AccessDenied):
        bench.apply_role_grid(
            small,
            "viewer",
            RowChanges(
                seen={role["id"]: role for role in roles},
                edited={roles[0]["id"]: {"description": "x"}},
            ),
        )


# ---------------------------------------------------------------- the demo bench


def test_demo_bench_has_covered_and_at_risk_key_roles(demo_db):
    statuses = {row["status"] for row in bench.coverage(demo_db)}
    assert statuses == {"covered", "no_ready", "no_observer"}
    assert {row["source"] for row in bench.channels(demo_db) if row["appointed"] > 0} == {
        "task",
        "referral",
        "system",
        "activity",
    }


# ---------------------------------------------------------------- board drops


def test_board_moves_save_allowed_drops_and_refuse_the_rest(small):
    spotted = _add(small, person_id=2)
    observer = _add(small, person_id=3, stage="observer")
    outcomes = bench.apply_board_moves(
        small,
        "admin",
        [
            (spotted, "spotted", "trial"),
            (observer, "observer", "trial"),
            (spotted, "spotted", "dropped"),
        ],
        TODAY,
    )
    assert [(o["person"], o["error"].key if o["error"] else None) for o in outcomes] == [
        ("Bo", "pipeline.err.one_step"),
        ("Cy", None),
        ("Bo", "pipeline.err.drop_on_board"),
    ]
    assert store.candidacy(small, spotted)["stage"] == "spotted"
    assert store.candidacy(small, observer)["stage"] == "trial"


def test_a_board_drop_from_a_stale_board_is_refused(small):
    candidacy_id = _add(small, person_id=3, stage="observer")
    bench.move_stage(small, "admin", candidacy_id, "trial", TODAY)  # someone else, meanwhile
    (outcome,) = bench.apply_board_moves(
        small, "admin", [(candidacy_id, "observer", "spotted")], TODAY
    )
    assert outcome["error"].key == "pipeline.err.conflict"
    assert store.candidacy(small, candidacy_id)["stage"] == "trial"


def test_a_board_drop_on_appointed_appoints_the_single_holder_s_successor(small):
    candidacy_id = _ready(small)
    (outcome,) = bench.apply_board_moves(
        small, "admin", [(candidacy_id, "ready", "appointed")], TODAY
    )
    assert outcome["error"] is None
    assert _open_roles(small) == [(2, 2), (3, 1)]


# ---------------------------------------------------------------- property: history is a chain

BOARD = ("spotted", "observer", "trial", "ready", "appointed", "dropped")


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(BOARD), max_size=12))
def test_any_sequence_of_drops_leaves_a_valid_stage_chain(targets):
    """Whatever a lead drags, the stored stage equals the last history row, and every
    recorded change is a move the rules allow."""
    db = connect(":memory:")
    migrate(db)
    db.execute("INSERT INTO users (username, app_role) VALUES ('admin', 'admin')")
    db.execute(
        "INSERT INTO roles (id, code, name, name_zh, is_key) VALUES (1, 'owner', 'Owner', '群主', 1)"
    )
    db.execute(
        "INSERT INTO groups (id, name, tier, created_on) VALUES (10, 'A', 'core', '2025-01-01')"
    )
    db.execute(
        "INSERT INTO people (id, name, joined_on, status) VALUES (1, 'Ann', '2025-01-01', 'active')"
    )
    db.execute(
        "INSERT INTO people (id, name, joined_on, status) VALUES (2, 'Bo', '2025-01-01', 'active')"
    )
    db.execute(
        "INSERT INTO memberships (person_id, group_id, role_id, start_on) VALUES (1, 10, 1, '2025-01-01')"
    )
    candidacy_id = bench.add_candidacy(
        db, "admin", person_id=2, role_id=1, group_id=10, source="task", today=TODAY
    )
    for target in targets:
        stage = store.candidacy(db, candidacy_id)["stage"]
        bench.apply_board_moves(db, "admin", [(candidacy_id, stage, target)], TODAY)
    history = store.stage_history(db, candidacy_id)
    assert history[0]["from_stage"] is None
    for before, after in zip(history, history[1:], strict=False):
        assert after["from_stage"] == before["to_stage"]
        assert bench.move_problem(after["from_stage"], after["to_stage"]) is None
        assert after["to_stage"] != "dropped"  # a drag never drops (it needs a reason)
    assert store.candidacy(db, candidacy_id)["stage"] == history[-1]["to_stage"]
    db.close()
