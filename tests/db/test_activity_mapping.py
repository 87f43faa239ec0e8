"""Mapping chats to groups, senders and WeCom owners to people and level thresholds (the
evaporation alert is group health's: tests/domain/test_health.py), on real database files: who may do it, what is audited, and that
unmapped chats' counts are kept and count once mapped."""

from datetime import date

import pytest

from dashboard.domain import activity as rules
from db import activity
from db.errors import AccessDenied, ValidationError
from tests.conftest import insert_two_cores


@pytest.fixture
def team(db):
    """Management 1 → core 2 (the lead's scope) → ordinary 4; core 3 outside; two people."""
    insert_two_cores(db, "2026-01-01", ("editor", "Editor", "编辑", 0))
    return db


def store(db, chat: str, rows: list[tuple], owner_days=()) -> int:
    """Import hand-built counts: ``rows`` of (member, day, messages, joins, leaves)."""
    members = sorted({member for member, *_ in rows})
    days = sorted(day for _, day, *_ in rows) or ["2026-06-01"]
    return activity.store_import(
        db,
        "system",
        {
            "file_name": f"{chat}-{len(activity.imports(db))}.json",
            "file_hash": f"{chat}-{len(activity.imports(db))}",
            "format": "telegram",
            "first_day": days[0],
            "last_day": days[-1],
            "messages": sum(r[2] for r in rows),
        },
        [("telegram", chat, chat)],
        [(member, "telegram", f"name {member}") for member in members],
        [(0, member, day, n, 0, 0, joins, leaves, 0) for member, day, n, joins, leaves in rows],
        [],
        owner_days,
    )


def chat_id(db, external_id: str) -> int:
    return db.execute("SELECT id FROM chats WHERE external_id = ?", [external_id]).fetchone()[0]


def test_an_unmapped_chat_is_kept_and_counts_once_mapped(team) -> None:
    store(team, "c1", [("a", "2026-06-01", 3, 0, 0)])
    june = (date(2026, 6, 1), date(2026, 6, 30))
    assert activity.daily_totals(team, *june, by="group") == []
    assert activity.daily_totals(team, *june)[0]["messages"] == 3
    rules.map_chat(team, "admin", chat_id(team, "c1"), 4)
    (row,) = activity.daily_totals(team, *june, by="group")
    assert (row["group_id"], row["messages"], row["active_members"]) == (4, 3, 1)
    audit = team.execute(
        "SELECT action, entity, before_json, after_json FROM audit_log WHERE entity = 'chat'"
    ).fetchall()
    assert [tuple(a) for a in audit] == [("map", "chat", '{"group_id": null}', '{"group_id": 4}')]


def test_mapping_a_chat_follows_the_scope_and_names_the_chat(team) -> None:
    store(team, "c1", [("a", "2026-06-01", 3, 0, 0)])
    chat = chat_id(team, "c1")
    with pytest.raises(AccessDenied):
        rules.map_chat(team, "viewer", chat, 4)
    with pytest.raises(AccessDenied) as outside:
        rules.map_chat(team, "lead", chat, 3)
    assert outside.value.params["chat"] == "c1"
    rules.map_chat(team, "lead", chat, 4)  # unmapped → inside the scope
    rules.map_chat(team, "admin", chat, 3)
    with pytest.raises(AccessDenied):
        rules.map_chat(team, "lead", chat, 4)  # taking a chat away from another's group
    with pytest.raises(AccessDenied):
        rules.map_chat(team, "lead", chat, None)
    assert activity.chat(team, chat)["group_id"] == 3


def test_a_chat_maps_only_to_a_live_group(team) -> None:
    store(team, "c1", [("a", "2026-06-01", 3, 0, 0)])
    team.execute("UPDATE groups SET archived_on = '2026-05-01' WHERE id = 3")
    for group in (3, 99):
        with pytest.raises(ValidationError):
            rules.map_chat(team, "admin", chat_id(team, "c1"), group)
    with pytest.raises(ValidationError):
        rules.map_chat(team, "admin", 99, 4)


def test_save_chat_sets_group_and_keywords_in_one_transaction(team) -> None:
    store(team, "c1", [("a", "2026-06-01", 3, 0, 0)])
    chat = chat_id(team, "c1")
    with pytest.raises(ValidationError):
        rules.save_chat(team, "admin", chat, 4, [" ", ""])  # no keyword: nothing saved
    assert activity.chat(team, chat)["group_id"] is None
    rules.save_chat(team, "admin", chat, 4, ["打卡", "早安", "打卡"])
    saved = activity.chat(team, chat)
    assert (saved["group_id"], saved["checkin_keywords"]) == (4, "打卡,早安")


def test_linking_a_sender_needs_rights_over_the_person(team) -> None:
    store(team, "c1", [("a", "2026-06-01", 3, 0, 0)])
    rules.link_member(team, "lead", "a", 1)  # 王芳 is in the lead's scope
    assert activity.team_members(team) == {"a": 1}
    with pytest.raises(AccessDenied) as refused:
        rules.link_member(team, "lead", "a", 2)  # 李娜 is not
    assert refused.value.params["name"] == "李娜"
    with pytest.raises(AccessDenied):
        rules.link_member(team, "viewer", "a", None)
    with pytest.raises(ValidationError):
        rules.link_member(team, "admin", "a", 99)
    with pytest.raises(ValidationError):
        rules.link_member(team, "admin", "nobody", 1)
    rules.link_member(team, "admin", "a", None)
    assert activity.team_members(team) == {}
    actions = team.execute("SELECT action, person_id FROM audit_log WHERE entity = 'member'")
    assert [tuple(a) for a in actions] == [("link", 1), ("link", 1)]


def test_wecom_owners_map_to_people(team) -> None:
    store(
        team, "c1", [("a", "2026-06-01", 1, 0, 0)], [("wangfang", "2026-06-01", {"msg_total": 9})]
    )
    (owner,) = activity.wecom_owners(team)
    assert (owner["owner"], owner["person_id"], owner["days"]) == ("wangfang", None, 1)
    people = {1: ["王芳", "wangfang"], 2: ["李娜", "lina"]}
    assert rules.suggest(owner["owner"], people) == 1
    with pytest.raises(AccessDenied):
        rules.map_wecom_owner(team, "lead", "wangfang", 2)
    rules.map_wecom_owner(team, "lead", "wangfang", 1)
    assert activity.wecom_owners(team)[0]["person_name"] == "王芳"
    with pytest.raises(ValidationError):
        rules.map_wecom_owner(team, "admin", "zhangsan", 1)


def test_level_thresholds_are_team_wide_and_checked(team) -> None:
    with pytest.raises(AccessDenied):
        rules.save_level_settings(team, "lead", {"core_messages": 30})
    with pytest.raises(ValidationError):
        rules.save_level_settings(team, "admin", {"core_messages": 4})  # not above active
    assert rules.save_level_settings(team, "admin", {"core_messages": 30})["core_messages"] == 30
    assert activity.level_settings(team) == {
        "core_messages": 30,
        "core_days": 8,
        "active_messages": 4,
    }


def month_of_members(month: str, speaking: int, members: int = 10) -> list[tuple]:
    return [
        (f"m{i}", f"{month}-0{1 + i % 9}", 2 if i < speaking else 0, 1 if i >= speaking else 0, 0)
        for i in range(members)
    ]


def test_levels_of_a_group_from_the_database(team) -> None:
    store(
        team,
        "c1",
        [("a", f"2026-05-{d:02d}", 3, 0, 0) for d in range(1, 11)] + [("b", "2026-04-02", 1, 0, 0)],
    )
    rules.map_chat(team, "admin", chat_id(team, "c1"), 4)
    levels = rules.group_levels(team, ["2026-05"])
    assert levels == {(4, "a"): {"2026-05": "core"}, (4, "b"): {"2026-05": "silent"}}
