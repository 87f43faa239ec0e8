"""Churn-risk rules on hand-built cases: each of the four signals on its own, the score and
its bands, profiles over a real database, the write services and their refusals."""

from datetime import date

import pytest

from dashboard.domain import retention as rules
from dashboard.domain.org import mark_left
from db import retention as store
from db.errors import AccessDenied, ValidationError
from tests.conftest import add_user, give_reward, insert_bare_roles, insert_core_tree

TODAY = date(2026, 6, 15)
DEFAULTS = dict(store.DEFAULT_SETTINGS)


# ---------------------------------------------------------------- each signal on its own


def test_months_between_counts_whole_calendar_months() -> None:
    assert rules.months_between(date(2025, 9, 15), TODAY) == 9
    assert rules.months_between(date(2025, 9, 16), TODAY) == 8
    assert rules.months_between(date(2026, 6, 1), TODAY) == 0
    assert rules.months_between(date(2026, 7, 1), TODAY) == 0  # later: never negative


@pytest.mark.parametrize(
    ("roles", "mentees", "handovers", "value", "fired", "points"),
    [
        (2, 1, 1, 4, False, 0),  # at the limit is fine
        (2, 2, 1, 5, True, 25),  # one above fires
        (5, 0, 0, 5, True, 25),  # roles alone can do it
        (0, 0, 0, 0, False, 0),
    ],
)
def test_workload_adds_roles_mentees_and_handovers(roles, mentees, handovers, value, fired, points):
    signal = rules.workload_signal(roles, mentees, handovers, DEFAULTS)
    assert signal == rules.Signal("workload", value, 4, fired, points)


def test_reward_fires_for_people_who_carry_a_lot_and_get_little() -> None:
    joined = date(2024, 1, 1)
    # one reward expected per 2 units of load (rounded up), over the last 90 days
    carried = rules.reward_signal(5, 2, joined, TODAY, DEFAULTS)
    assert carried == rules.Signal("reward", 2, 3, True, 25)
    enough = rules.reward_signal(5, 3, joined, TODAY, DEFAULTS)
    assert (enough.value, enough.threshold, enough.fired, enough.points) == (3, 3, False, 0)
    light = rules.reward_signal(1, 0, joined, TODAY, DEFAULTS)
    assert (light.threshold, light.fired) == (1, True)  # one role, nothing in 90 days
    idle = rules.reward_signal(0, 0, joined, TODAY, DEFAULTS)
    assert (idle.threshold, idle.fired) == (0, False)  # carries nothing: owed nothing
    newcomer = rules.reward_signal(6, 0, date(2026, 4, 1), TODAY, DEFAULTS)
    assert newcomer.fired is False  # on the team for less than the 90 days counted
    strict = rules.reward_signal(5, 2, joined, TODAY, {**DEFAULTS, "reward_load": 1})
    assert (strict.threshold, strict.fired) == (5, True)


def test_growth_fires_after_n_months_without_role_or_stage_change() -> None:
    joined = date(2023, 1, 1)
    stalled = rules.growth_signal(date(2025, 9, 15), joined, TODAY, DEFAULTS)
    assert (stalled.value, stalled.threshold, stalled.fired, stalled.points) == (9, 9, True, 25)
    moving = rules.growth_signal(date(2025, 9, 16), joined, TODAY, DEFAULTS)
    assert (moving.value, moving.fired) == (8, False)
    custom = rules.growth_signal(date(2026, 3, 1), joined, TODAY, {**DEFAULTS, "growth_months": 3})
    assert (custom.value, custom.fired) == (3, True)


def test_discord_fires_from_the_configured_number_of_open_concerns() -> None:
    assert rules.discord_signal(0, DEFAULTS).fired is False
    assert rules.discord_signal(1, DEFAULTS) == rules.Signal("discord", 1, 1, True, 25)
    two_needed = {**DEFAULTS, "discord_concerns": 2, "weight_discord": 40}
    assert rules.discord_signal(1, two_needed).fired is False
    assert rules.discord_signal(2, two_needed).points == 40


def test_score_is_the_sum_of_fired_points_and_bands_follow_settings() -> None:
    settings = {**DEFAULTS, "weight_workload": 30, "weight_discord": 40, "high_score": 60}
    signals = (
        rules.workload_signal(3, 2, 0, settings),  # 5 > 4: +30
        rules.reward_signal(5, 3, date(2024, 1, 1), TODAY, settings),  # 3 of 3: +0
        rules.growth_signal(date(2026, 1, 1), date(2024, 1, 1), TODAY, settings),  # 5 months: +0
        rules.discord_signal(1, settings),  # +40
    )
    profile = rules.combine({"id": 7, "name": "阿珍", "status": "active"}, signals, settings)
    assert (profile.score, profile.level, profile.causes) == (70, "high", ["workload", "discord"])
    assert rules.risk_level(59, settings) == "medium"
    assert rules.risk_level(24, settings) == "low"
    assert rules.risk_level(25, settings) == "medium"


# ---------------------------------------------------------------- profiles on a real database


@pytest.fixture
def team(db):
    """One ordinary group under a core and a management group. 忙碌 holds three roles,
    coaches two newcomers and hands over one role; 冷落 was last recognised long ago;
    停滞 has not changed role since 2024; 摩擦 has a concern; 新人 just joined."""
    ids = insert_bare_roles(db, "owner", "admin", "coach", "member")
    ids |= insert_core_tree(db, "核心群", "2024-01-01")

    def person(name, joined, status="active"):
        return db.execute(
            "INSERT INTO people (name, joined_on, status) VALUES (?, ?, ?)", [name, joined, status]
        ).lastrowid

    def member(person_id, group_id, role, start):
        db.execute(
            "INSERT INTO memberships (person_id, group_id, role_id, start_on) VALUES (?, ?, ?, ?)",
            [person_id, group_id, ids[role], start],
        )

    ids["busy"] = person("忙碌", "2025-01-01")
    member(ids["busy"], ids["reading"], "owner", "2026-05-01")
    member(ids["busy"], ids["core"], "admin", "2026-05-01")
    member(ids["busy"], ids["video"], "coach", "2026-05-01")
    ids["ignored"] = person("冷落", "2025-01-01")
    member(ids["ignored"], ids["reading"], "admin", "2026-04-01")
    ids["stalled"] = person("停滞", "2024-01-01")
    member(ids["stalled"], ids["reading"], "member", "2024-03-01")
    ids["friction"] = person("摩擦", "2025-01-01")
    member(ids["friction"], ids["video"], "member", "2026-04-01")
    ids["new"] = person("新人", "2026-06-01", "newcomer")
    member(ids["new"], ids["reading"], "member", "2026-06-01")
    ids["new2"] = person("新人二", "2026-06-02", "newcomer")
    member(ids["new2"], ids["video"], "member", "2026-06-02")
    ids["gone"] = person("已走", "2024-01-01", "left")
    for newcomer in (ids["new"], ids["new2"]):
        db.execute(
            "INSERT INTO coaching (coach_id, newcomer_id, start_on) VALUES (?, ?, '2026-06-03')",
            [ids["busy"], newcomer],
        )
    manual = db.execute(
        """INSERT INTO manual_versions (role_id, version, body_md, author, created_on)
           VALUES (?, 1, '- [ ] hand over the keys', 'admin', '2026-01-01')""",
        [ids["owner"]],
    ).lastrowid
    db.execute(
        """INSERT INTO handovers (role_id, group_id, from_person, to_person, manual_version_id,
                                  started_on) VALUES (?, ?, ?, ?, ?, '2026-06-01')""",
        [ids["owner"], ids["reading"], ids["busy"], ids["ignored"], manual],
    )
    recent = "2026-06-01"
    for person_id, group_id, day in (
        (ids["busy"], ids["reading"], recent),  # 忙碌 carries 6: three rewards are owed
        (ids["busy"], ids["reading"], "2026-05-20"),
        (ids["busy"], ids["video"], "2026-04-20"),
        (ids["ignored"], ids["reading"], "2026-01-10"),
        (ids["stalled"], ids["reading"], recent),
        (ids["friction"], ids["video"], recent),
    ):
        db.execute(
            """INSERT INTO reward_entries (person_id, group_id, points, reason, given_on,
                                           recorded_by, recorded_on)
               VALUES (?, ?, 10, '表扬', ?, 'admin', ?)""",
            [person_id, group_id, day, day],
        )
    db.execute(
        """INSERT INTO concerns (person_id, note, flagged_on, flagged_by)
           VALUES (?, '和组长争执', '2026-06-10', 'admin')""",
        [ids["friction"]],
    )
    return ids


def by_name(profiles):
    return {p.name: p for p in profiles}


def test_profiles_show_each_cause_for_the_person_it_concerns(db, team) -> None:
    profiles = by_name(rules.risk_profiles(db, TODAY))
    assert sorted(profiles) == ["停滞", "冷落", "忙碌", "摩擦", "新人", "新人二"]  # not 已走
    busy = profiles["忙碌"]
    assert busy.signal("workload") == rules.Signal("workload", 6, 4, True, 25)
    assert (busy.facts["roles"], busy.facts["mentees"], busy.facts["handovers"]) == (3, 2, 1)
    assert busy.causes == ["workload"]
    ignored = profiles["冷落"]
    assert (ignored.signal("reward").value, ignored.signal("reward").threshold) == (0, 1)
    assert (ignored.causes, ignored.facts["load"]) == (["reward"], 2)
    assert ignored.facts["handovers"] == 1  # taking over counts too
    stalled = profiles["停滞"]
    assert (stalled.signal("growth").value, stalled.causes) == (27, ["growth"])
    friction = profiles["摩擦"]
    assert (friction.signal("discord").value, friction.causes) == (1, ["discord"])
    assert [p.causes for p in (profiles["新人"], profiles["新人二"])] == [[], []]
    assert {p.name: p.score for p in profiles.values()} == {
        "停滞": 25,
        "冷落": 25,
        "忙碌": 25,
        "摩擦": 25,
        "新人": 0,
        "新人二": 0,
    }


def test_a_stage_move_on_the_bench_counts_as_growth(db, team) -> None:
    candidacy = db.execute(
        """INSERT INTO pipeline (person_id, role_id, group_id, stage, source, created_on,
                                 updated_on)
           VALUES (?, ?, ?, 'observer', 'task', '2026-02-01', '2026-02-01')""",
        [team["stalled"], team["owner"], team["reading"]],
    ).lastrowid
    db.execute(
        """INSERT INTO pipeline_stage_history (pipeline_id, from_stage, to_stage, changed_on,
                                               username) VALUES (?, 'spotted', 'observer',
                                               '2026-02-01', 'admin')""",
        [candidacy],
    )
    stalled = by_name(rules.risk_profiles(db, TODAY))["停滞"]
    assert (stalled.facts["last_change"], stalled.signal("growth").value) == ("2026-02-01", 4)
    assert stalled.causes == []


def test_two_causes_make_a_high_risk_and_an_alert_to_the_retention_page(db, team) -> None:
    db.execute(
        """INSERT INTO concerns (person_id, note, flagged_on, flagged_by)
           VALUES (?, '抱怨排班', '2026-06-12', 'admin')""",
        [team["busy"]],
    )
    busy = by_name(rules.risk_profiles(db, TODAY))["忙碌"]
    assert (busy.score, busy.level, busy.causes) == (50, "high", ["workload", "discord"])
    found = rules.alerts(db, TODAY)
    assert [(a.kind, a.severity, a.area, a.person_id, a.params) for a in found] == [
        (
            "churn_risk",
            "high",
            "retention",
            team["busy"],
            {"person": "忙碌", "score": 50, "count": 2},
        )
    ]


def test_saved_thresholds_change_the_profiles(db, team) -> None:
    rules.save_settings(db, "admin", {"workload_max": 6, "reward_days": 200})
    profiles = by_name(rules.risk_profiles(db, TODAY))
    assert profiles["忙碌"].causes == []
    assert profiles["冷落"].causes == []
    assert store.settings(db)["workload_max"] == 6
    audit = db.execute(
        "SELECT username, action, entity FROM audit_log WHERE entity = 'retention_settings'"
    ).fetchall()
    assert [tuple(row) for row in audit] == [("admin", "update", "retention_settings")]


# ---------------------------------------------------------------- write services


def test_a_reward_in_the_ledger_pays_off_the_load_and_a_reversed_one_does_not(db, team) -> None:
    from dashboard.domain import rewards

    busy = by_name(rules.risk_profiles(db, TODAY))["忙碌"]
    assert (busy.signal("reward").value, busy.signal("reward").threshold) == (3, 3)
    assert busy.facts["received_points"] == 30
    first = db.execute(
        "SELECT id FROM reward_entries WHERE person_id = ? ORDER BY id LIMIT 1", [team["busy"]]
    ).fetchone()[0]
    rewards.reverse(db, "admin", entry_id=first, reason="发错人", today=TODAY)
    busy = by_name(rules.risk_profiles(db, TODAY))["忙碌"]
    assert (busy.signal("reward").value, busy.causes) == (2, ["workload", "reward"])
    give_reward(db, "忙碌", "读书组", points=50, reason="感谢带新人")
    busy = by_name(rules.risk_profiles(db, TODAY))["忙碌"]
    assert (busy.signal("reward").value, busy.causes) == (3, ["workload"])
    assert (busy.facts["received_points"], busy.facts["last_recognised"]) == (70, "2026-06-15")


def test_a_concern_is_flagged_then_resolved_once(db, team) -> None:
    concern_id = rules.flag_concern(
        db, "admin", person_id=team["stalled"], note=" 最近很沉默 ", today=TODAY
    )
    assert by_name(rules.risk_profiles(db, TODAY))["停滞"].causes == ["growth", "discord"]
    with pytest.raises(ValidationError) as error:
        rules.flag_concern(db, "admin", person_id=team["stalled"], note=" ", today=TODAY)
    assert error.value.key == "retention.err.note_empty"
    rules.resolve_concern(db, "admin", concern_id=concern_id, resolution="谈过了", today=TODAY)
    row = dict(db.execute("SELECT * FROM concerns WHERE id = ?", [concern_id]).fetchone())
    assert (row["note"], row["resolved_on"], row["resolution"]) == (
        "最近很沉默",
        "2026-06-15",
        "谈过了",
    )
    with pytest.raises(ValidationError) as error:
        rules.resolve_concern(db, "admin", concern_id=concern_id, resolution="", today=TODAY)
    assert error.value.key == "retention.err.concern_resolved"
    assert by_name(rules.risk_profiles(db, TODAY))["停滞"].causes == ["growth"]


def test_actions_are_logged_and_a_reward_given_counts_as_recognition(db, team) -> None:
    for action, note, day in (("reward_given", "周边", 10), ("talk", "", 12)):
        rules.log_action(
            db,
            "admin",
            person_id=team["ignored"],
            action=action,
            note=note,
            taken_on=date(2026, 6, day),
            today=TODAY,
        )
    ignored = by_name(rules.risk_profiles(db, TODAY))["冷落"]
    assert ignored.facts["last_recognised"] == "2026-06-10"
    assert ignored.facts["last_action"]["action"] == "talk"
    assert ignored.causes == []
    with pytest.raises(ValidationError) as error:
        rules.log_action(
            db,
            "admin",
            person_id=team["ignored"],
            action="party",
            note="",
            taken_on=TODAY,
            today=TODAY,
        )
    assert error.value.key == "retention.err.action"


def test_viewers_and_leads_outside_their_groups_may_not_write(db, team) -> None:
    add_user(db, "video_lead", "lead", team["video"])
    with pytest.raises(AccessDenied):
        rules.flag_concern(db, "viewer", person_id=team["stalled"], note="x", today=TODAY)
    with pytest.raises(AccessDenied) as error:
        rules.flag_concern(db, "video_lead", person_id=team["stalled"], note="x", today=TODAY)
    assert error.value.key == "access.outside_scope"
    rules.flag_concern(db, "video_lead", person_id=team["friction"], note="x", today=TODAY)
    with pytest.raises(AccessDenied) as error:
        rules.save_settings(db, "video_lead", {"reward_days": 30})
    assert error.value.key == "access.team_wide"
    assert db.execute("SELECT COUNT(*) FROM concerns").fetchone()[0] == 2


@pytest.mark.parametrize(
    ("values", "key"),
    [
        ({"reward_days": 0}, "retention.err.setting_range"),
        ({"reward_days": 2.5}, "retention.err.setting_range"),
        ({"reward_days": "abc"}, "retention.err.setting_number"),
        ({"mood": 3}, "retention.err.setting_unknown"),
        ({"medium_score": 60, "high_score": 50}, "retention.err.bands"),
    ],
)
def test_bad_thresholds_are_refused(db, values, key) -> None:
    with pytest.raises(ValidationError) as error:
        rules.save_settings(db, "admin", values)
    assert error.value.key == key
    assert store.settings(db) == store.DEFAULT_SETTINGS


def test_leaving_closes_open_concerns_in_the_same_exit(db, team) -> None:
    mark_left(db, "admin", team["friction"], "discord", TODAY)
    row = db.execute(
        "SELECT resolved_on, resolution FROM concerns WHERE person_id = ?", [team["friction"]]
    ).fetchone()
    assert tuple(row) == ("2026-06-15", "left")
    assert "摩擦" not in by_name(rules.risk_profiles(db, TODAY))
