"""The team's own chat activity in the churn-risk score: load against their own norm, night
work and silent weeks, with their evidence, on hand-built exports (today Monday 2026-06-15:
the norm weeks run from 23 Feb to 17 May, the recent ones from 18 May to 14 June)."""

from datetime import date, timedelta
from pathlib import Path

from dashboard import retention_views as views
from dashboard.activity import imports
from dashboard.domain import retention as rules

TODAY = date(2026, 6, 15)
FIRST_MONDAY = date(2026, 2, 23)


def person(db, name: str) -> int:
    # joined six weeks ago: neither reward nor growth fires, only what the chats show
    return db.execute(
        "INSERT INTO people (name, handle, joined_on, status)"
        " VALUES (?, ?, '2026-05-01', 'active')",
        [name, name],
    ).lastrowid


def week_messages(who: str, week: int, count: int, night: int = 0) -> list[str]:
    monday = FIRST_MONDAY + timedelta(weeks=week)
    lines = []
    for n in range(count):
        hour = "23:30" if n < night else f"{10 + n % 10}:00"
        day = monday + timedelta(days=n % 5)
        lines.append(f"{day} {hour},团队群,{who},{who},收到,text")
    return lines


def activity(db, tmp_path: Path) -> dict[str, int]:
    """ada: 2 a week, then 8 a week, half at night; bo: 2 a week throughout; cy: 2 a week,
    then silent for the last four weeks; dee: no chat activity."""
    lines = []
    for week in range(16):
        recent = week >= 12
        lines += week_messages("ada", week, 8 if recent else 2, 4 if recent else 0)
        lines += week_messages("bo", week, 2)
        if not recent:
            lines += week_messages("cy", week, 2)
    path = tmp_path / "team.csv"
    path.write_text("time,chat,sender_id,sender_name,content,type\n" + "\n".join(lines) + "\n")
    imports.import_file(db, path, "admin", today=TODAY)
    ids = {name: person(db, name) for name in ("ada", "bo", "cy", "dee")}
    for name in ("ada", "bo", "cy"):
        db.execute("UPDATE members SET person_id = ? WHERE display_name = ?", [ids[name], name])
    return ids


def profiles(db) -> dict[str, rules.RiskProfile]:
    return {p.name: p for p in rules.risk_profiles(db, TODAY)}


def test_activity_signals_fire_with_their_evidence(db, tmp_path: Path) -> None:
    activity(db, tmp_path)
    found = profiles(db)
    ada = found["ada"]
    assert ada.signal("workload") == rules.Signal("workload", 400, 150, True, 25)
    assert ada.signal("workload").evidence == {"recent": 8.0, "norm": 2.0}
    assert ada.signal("night") == rules.Signal("night", 50, 30, True, 25)
    assert ada.signal("night").evidence == {"night": 16, "messages": 32}
    assert ada.signal("drift").fired is False
    assert ada.score == 50 and ada.level == "high"
    cy = found["cy"]
    assert cy.signal("drift") == rules.Signal("drift", 4, 3, True, 25)
    assert cy.signal("workload").value == 0 and not cy.signal("workload").fired
    assert cy.score == 25


def test_steady_or_unlinked_people_get_no_activity_points(db, tmp_path: Path) -> None:
    activity(db, tmp_path)
    found = profiles(db)
    bo = found["bo"]
    assert [(s.cause, s.value, s.fired) for s in bo.signals if s.from_activity] == [
        ("workload", 100, False),
        ("night", 0, False),
        ("drift", 0, False),
    ]
    assert bo.score == 0
    dee = found["dee"]
    assert dee.signal("night") is None and dee.signal("drift") is None
    assert dee.signal("workload").evidence == {}  # roles, mentees and handovers, as typed
    assert dee.score == 0


def test_thresholds_of_the_activity_signals_apply(db, tmp_path: Path) -> None:
    activity(db, tmp_path)
    rules.save_settings(db, "admin", {"load_pct": 500, "night_pct": 60, "drift_weeks": 5})
    found = profiles(db)
    assert found["ada"].score == 0
    assert found["cy"].score == 0


def test_the_explanation_gives_the_evidence_in_both_languages(db, tmp_path: Path) -> None:
    activity(db, tmp_path)
    ada = profiles(db)["ada"]
    english = dict(views.explanation(ada, "en"))
    assert (
        "Workload (from the chats): 8.0 messages a week over the last 4 weeks against their"
        " own norm of 2.0 = 400% (too much from 150%; 0 roles held)" in english
    )
    assert (
        "Night work (from the chats): 16 of their 32 messages in the last 4 weeks were sent"
        " between 23:00 and 07:00 = 50% (alert from 30%)" in english
    )
    chinese = [line for line, _ in views.explanation(profiles(db)["cy"], "zh")]
    assert (
        "逐渐疏离（来自群聊）：已连续 4 整周没有发言（自 2026-02-23 起统计；满 3 周提醒）"
        in chinese
    )
    frame = views.risk_frame([ada], "en")
    assert frame.iloc[0][["workload", "night", "drift"]].tolist() == ["⚠ 400%", "⚠ 50%", "0"]
