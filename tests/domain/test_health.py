"""Group health on hand-built activity (real database files; counts imported through
``db.activity``): each trap where it must fire and where it must not, the settings'
validation, dismissals (history, expiry, a material change), events, access, and the
overview alert (which now carries evaporation: raised once)."""

from datetime import date

import pytest

from dashboard.domain import health as rules
from dashboard.domain import overview
from dashboard.overview_views import alert_page
from db import activity
from db import health as store
from db.errors import AccessDenied, ValidationError
from tests.conftest import insert_two_cores

TODAY = date(2026, 6, 15)
MONTHS = ["2026-02", "2026-03", "2026-04", "2026-05"]  # the complete months before TODAY


@pytest.fixture
def team(db):
    """Management 1 → core 2 (the lead's scope) → ordinary 4 (owner 王芳); core 3 outside
    (owner 李娜); 王芳 is linked to the chat sender ``owner``."""
    insert_two_cores(db, "2025-01-01", ("owner", "Owner", "群主", 1))
    return db


def counts(db, rows: list[tuple], chat: str = "c1", group_id: int = 4, owner: bool = True):
    """Import ``rows`` of (member, day, messages, check-ins, shares, joins) into ``chat``,
    map it to ``group_id`` and link the sender ``owner`` to 王芳."""
    members = sorted({row[0] for row in rows})
    number = len(activity.imports(db))
    activity.store_import(
        db,
        "system",
        {
            "file_name": f"{chat}-{number}.json",
            "file_hash": f"{chat}-{number}",
            "format": "telegram",
            "first_day": min(row[1] for row in rows),
            "last_day": max(row[1] for row in rows),
            "messages": sum(row[2] for row in rows),
        },
        [("telegram", chat, chat)],
        [(member, "telegram", f"name {member}") for member in members],
        [
            (0, m, day, n, checkins, shares, joins, 0, 0)
            for m, day, n, checkins, shares, joins in rows
        ],
        [],
    )
    with db.atomic():
        db.execute("UPDATE chats SET group_id = ? WHERE external_id = ?", [group_id, chat])
        if owner:
            db.execute("UPDATE members SET person_id = 1 WHERE key = 'owner'")


def month(month: str, speaking: int, members: int = 10, messages: int = 4, focus: int = 1):
    """A month of ``members`` members, ``speaking`` of them writing ``messages`` messages
    with ``focus`` check-ins (the others joined that month and stay silent)."""
    return [
        (f"m{i}", f"{month}-0{1 + i % 9}", messages, focus, 0, 0)
        if i < speaking
        else (f"m{i}", f"{month}-0{1 + i % 9}", 0, 0, 0, 1)
        for i in range(members)
    ]


def owner_writes(*days: str) -> list[tuple]:
    return [("owner", day, 2, 1, 0, 0) for day in days]


def healthy() -> list[tuple]:
    """Four steady months, the owner writing last week, every member speaking."""
    return [r for m in MONTHS for r in month(m, 10)] + owner_writes("2026-06-08")


def flags_of(db, group_id: int = 4) -> dict[str, rules.Flag]:
    (health,) = [h for h in rules.assess(db, TODAY) if h.group_id == group_id]
    return {flag.trap: flag for flag in health.flags}


def test_a_steady_group_with_its_owner_present_is_healthy(team) -> None:
    counts(team, healthy())
    store.add_event(
        team, "admin", {"group_id": 4, "day": "2026-06-01", "kind": "talk", "title": "t"}
    )
    assert flags_of(team) == {}


def test_a_group_without_chats_has_no_activity_data_and_only_a_missing_owner_is_judged(
    team,
) -> None:
    (management,) = [h for h in rules.assess(team, TODAY) if h.group_id == 1]
    assert not management.has_activity and management.months == []
    assert [(f.trap, f.key) for f in management.flags] == [("leaderless", "health.ev.no_owner")]
    assert flags_of(team, 3) == {}  # an owner, no chat: nothing guessed


@pytest.mark.parametrize(("last_day", "weeks"), [("2026-05-01", 6), ("2026-05-20", None)])
def test_leaderless_when_the_owner_is_silent_for_four_weeks(team, last_day, weeks) -> None:
    counts(team, [r for m in MONTHS for r in month(m, 10)] + owner_writes(last_day))
    flag = flags_of(team).get("leaderless")
    if weeks is None:
        assert flag is None
    else:
        assert flag.params == {"owner": "王芳", "weeks": weeks, "day": last_day}
        assert "王芳" in rules.evidence_text(flag, "zh") and "6 周" in rules.evidence_text(
            flag, "zh"
        )


def test_leaderless_when_the_linked_owner_never_wrote_in_the_groups_chats(team) -> None:
    counts(team, [r for m in MONTHS for r in month(m, 10)])
    counts(team, owner_writes("2026-06-10"), chat="elsewhere", group_id=3)
    assert flags_of(team)["leaderless"].key == "health.ev.owner_never"


@pytest.mark.parametrize(
    ("owner_messages", "speaking", "fires"),
    [
        (200, 3, True),
        (200, 6, False),
        (3, 3, False),
    ],  # silent 64 % / 36 % of 11; the owner tops the senders, or not
)
def test_tyranny_when_a_few_write_most_while_members_stay_silent(
    team, owner_messages, speaking, fires
) -> None:
    rows = [r for m in MONTHS[:3] for r in month(m, 10)] + month("2026-05", speaking)
    counts(team, rows + [("owner", "2026-05-20", owner_messages, 0, 0, 0)])
    counts(team, owner_writes("2026-06-10"), chat="c2")
    flag = flags_of(team).get("tyranny")
    assert (flag is not None) is fires
    if fires:
        assert flag.key == "health.ev.tyranny_top"
        assert flag.params["silent"] == 64 and flag.params["members"] == 11


@pytest.mark.parametrize(
    ("per_member", "event_day", "fires"),
    [
        ((9, 7, 5), None, True),
        ((9, 7, 5), "2026-04-01", True),  # the last event ten weeks ago
        ((9, 7, 5), "2026-06-01", False),  # an event two weeks ago
        ((9, 9, 5), None, False),  # did not fall twice in a row
    ],
)
def test_boredom_when_messages_per_active_member_fall_and_no_event(
    team, per_member, event_day, fires
) -> None:
    rows = [r for m, n in zip(MONTHS[1:], per_member, strict=True) for r in month(m, 10, 10, n)]
    counts(team, rows + owner_writes("2026-06-10"))
    if event_day:
        store.add_event(
            team, "admin", {"group_id": 4, "day": event_day, "kind": "meetup", "title": "聚会"}
        )
    flag = flags_of(team).get("boredom")
    assert (flag is not None) is fires
    if fires:
        assert (flag.params["first"], flag.params["last"]) == (9.0, 5.0)


@pytest.mark.parametrize(
    ("speaking", "fires"),
    [((9, 7, 5, 3), True), ((9, 7, 7, 3), False), ((3, 5, 7, 9), False)],
)
def test_evaporation_is_the_activity_rule(team, speaking, fires) -> None:
    rows = [r for m, n in zip(MONTHS, speaking, strict=True) for r in month(m, n)]
    counts(team, rows + owner_writes("2026-06-10"), owner=True)
    flag = flags_of(team).get("evaporation")
    assert (flag is not None) is fires
    if fires:
        assert flag.params == {"first": 90, "last": 30, "since": "2026-02", "until": "2026-05"}


@pytest.mark.parametrize(("focus", "fires"), [((1, 0, 0), True), ((1, 1, 0), False)])
def test_unfocused_when_check_ins_and_shares_stay_below_the_threshold(team, focus, fires) -> None:
    rows = [r for m, f in zip(MONTHS[1:], focus, strict=True) for r in month(m, 10, focus=f)]
    counts(team, rows + owner_writes("2026-06-10"))
    flag = flags_of(team).get("unfocused")
    assert (flag is not None) is fires
    if fires:
        assert flag.params == {"share": 0, "limit": 15, "months": 2, "since": "2026-04"}


def test_settings_are_checked_team_wide_and_change_the_verdict(team) -> None:
    for bad in (
        {"tyranny_share": 101},
        {"leaderless_weeks": 1.5},
        {"nope": 3},
        {"dismiss_days": "x"},
    ):
        with pytest.raises(ValidationError):
            rules.save_settings(team, "admin", bad)
    with pytest.raises(AccessDenied):
        rules.save_settings(team, "lead", {"leaderless_weeks": 8})
    counts(team, [r for m in MONTHS for r in month(m, 10)] + owner_writes("2026-05-01"))
    assert "leaderless" in flags_of(team)
    assert rules.save_settings(team, "admin", {"leaderless_weeks": 8})["leaderless_weeks"] == 8
    assert "leaderless" not in flags_of(team)
    (row,) = team.execute(
        "SELECT action, entity FROM audit_log WHERE entity = 'health_settings'"
    ).fetchall()
    assert tuple(row) == ("update", "health_settings")


def silent_owner(db) -> None:
    counts(db, [r for m in MONTHS for r in month(m, 10)] + owner_writes("2026-05-01"))


def test_a_dismissal_is_kept_with_its_note_and_ends_after_the_set_days(team) -> None:
    silent_owner(team)
    rules.dismiss(team, "lead", 4, "leaderless", "  on leave until July  ", TODAY)
    assert flags_of(team)["leaderless"].dismissed
    assert rules.alerts(team, TODAY) == []
    (row,) = store.dismissals(team)
    assert (row["group_name"], row["trap"], row["note"], row["dismissed_by"], row["measure"]) == (
        "读书笔记组",
        "leaderless",
        "on leave until July",
        "lead",
        6.0,
    )
    later = date(2026, 7, 15)  # 30 days on: the dismissal no longer holds
    flag = [f for h in rules.assess(team, later) if h.group_id == 4 for f in h.flags][0]
    assert flag.trap == "leaderless" and not flag.dismissed
    with pytest.raises(ValidationError):  # nothing open to dismiss any more
        rules.dismiss(team, "lead", 4, "leaderless", "again", TODAY)
    with pytest.raises(ValidationError):
        rules.dismiss(team, "admin", 4, "tyranny", "not flagged", TODAY)


def test_a_dismissal_ends_when_the_evidence_changes_materially(team) -> None:
    silent_owner(team)
    rules.dismiss(team, "admin", 4, "leaderless", "on leave", TODAY)
    in_two_weeks = date(2026, 6, 29)  # 8 weeks silent instead of 6: +33 % ≥ 25 %
    (health,) = [h for h in rules.assess(team, in_two_weeks) if h.group_id == 4]
    assert [f.trap for f in health.open_flags] == ["leaderless"]
    in_a_week = date(2026, 6, 22)  # 7 weeks: +17 %, still dismissed
    (health,) = [h for h in rules.assess(team, in_a_week) if h.group_id == 4]
    assert health.open_flags == []


def test_a_viewer_and_a_lead_outside_their_scope_are_refused_by_name(team) -> None:
    silent_owner(team)
    counts(team, [r for m in MONTHS for r in month(m, 3)], chat="c3", group_id=3, owner=False)
    with pytest.raises(AccessDenied):
        rules.dismiss(team, "viewer", 4, "leaderless", "no", TODAY)
    with pytest.raises(AccessDenied) as refused:
        rules.dismiss(team, "lead", 3, "tyranny", "not mine", TODAY)
    assert refused.value.params["name"] == "摄影会"
    with pytest.raises(AccessDenied) as refused:
        rules.add_event(team, "lead", 3, date(2026, 6, 1), "talk", "分享", TODAY)
    assert refused.value.params["name"] == "摄影会"
    assert store.dismissals(team) == [] and store.events(team) == []


@pytest.mark.parametrize(
    ("day", "kind", "title"),
    [
        (date(2026, 6, 16), "talk", "明天"),
        (date(2026, 6, 1), "party", "x"),
        (date(2026, 6, 1), "talk", " "),
    ],
)
def test_an_event_in_the_future_without_a_kind_or_a_title_is_refused(
    team, day, kind, title
) -> None:
    with pytest.raises(ValidationError):
        rules.add_event(team, "admin", 4, day, kind, title, TODAY)
    assert store.events(team) == []


def test_an_event_is_recorded_and_audited(team) -> None:
    event_id = rules.add_event(team, "lead", 4, date(2026, 6, 1), "challenge", " 打卡挑战 ", TODAY)
    assert store.event(team, event_id)["title"] == "打卡挑战"
    assert store.last_events(team) == {4: "2026-06-01"}
    row = team.execute(
        "SELECT action, group_id FROM audit_log WHERE entity = 'group_event'"
    ).fetchone()
    assert tuple(row) == ("create", 4)


def test_one_overview_alert_per_sick_group_with_all_its_evidence_in_both_languages(team) -> None:
    rows = [r for m, n in zip(MONTHS, (9, 7, 5, 3), strict=True) for r in month(m, n)]
    counts(team, rows + owner_writes("2026-05-01"))
    found = [a for a in overview.gather_alerts(team, TODAY) if a.group_id == 4]
    assert [a.area for a in found].count("health") == 1
    assert "group_evaporating" not in [a.kind for a in found]  # evaporation is raised once
    found = [a for a in found if a.area == "health"]
    (alert,) = found
    assert alert.severity == "high"
    assert "6 weeks" in alert.params["evidence"] and "90 % to 36 %" in alert.params["evidence"]
    assert "群主王芳" in alert.params["evidence_zh"] and "蒸发" in alert.params["evidence_zh"]
    # the management group's missing owner is the org area's alert, not raised twice
    assert [a.kind for a in overview.gather_alerts(team, TODAY) if a.group_id == 1] == [
        "group_without_owner"
    ]
    assert alert_page(alert) == "pages/org_structure.py"
