"""KPIs computed from activity: values equal a hand count of hand-built exports, feed the
rollup and targets, follow imports, removals and remapping, and never replace typed values
(nor typed values computed ones)."""

from datetime import date
from pathlib import Path

import pytest

from dashboard.activity import imports
from dashboard.domain import activity_kpis
from dashboard.domain import kpis as rules
from dashboard.domain.changes import RowChanges
from db import kpis as kpis_db
from db.errors import ValidationError

TODAY = date(2026, 6, 15)
HEADER = "time,chat,sender_id,sender_name,content,type\n"
# 1 June: u1 joins and checks in, u2 says hi, u3 shares a link
# 2 June: u1 says hi, u4 joins
FIRST = [
    ("2026-06-01 08:00", "u1", "", "join"),
    ("2026-06-01 09:00", "u1", "打卡", "text"),
    ("2026-06-01 10:00", "u2", "hi", "text"),
    ("2026-06-01 11:00", "u3", "https://example.cn/a", "text"),
    ("2026-06-02 09:00", "u1", "hi", "text"),
    ("2026-06-02 12:00", "u4", "", "join"),
]
# 3 June: u2 leaves, u3 checks in; 4 June: u1 checks in, u2 is back (a message)
SECOND = [
    ("2026-06-03 09:00", "u2", "", "leave"),
    ("2026-06-03 10:00", "u3", "签到", "text"),
    ("2026-06-04 09:00", "u1", "打卡 day 4", "text"),
    ("2026-06-04 20:00", "u2", "back", "text"),
]
# members in the group (first seen .. day of leaving; back from the next message):
# 1st: u1 u2 u3 = 3; 2nd: + u4 = 4; 3rd: 4 (u2 counts on the day they leave); 4th: 4
HAND = {
    "messages": {"2026-06-01": 3, "2026-06-02": 1, "2026-06-03": 1, "2026-06-04": 2},
    "new_members": {"2026-06-01": 1, "2026-06-02": 1, "2026-06-03": 0, "2026-06-04": 0},
    "leavers": {"2026-06-01": 0, "2026-06-02": 0, "2026-06-03": 1, "2026-06-04": 0},
    "shares": {"2026-06-01": 1, "2026-06-02": 0, "2026-06-03": 0, "2026-06-04": 0},
    "active_ratio": {
        "2026-06-01": 100.0,
        "2026-06-02": 25.0,
        "2026-06-03": 25.0,
        "2026-06-04": 50.0,
    },
    "checkin_rate": {
        "2026-06-01": 33.33,
        "2026-06-02": 0.0,
        "2026-06-03": 25.0,
        "2026-06-04": 25.0,
    },
}


def export(path: Path, rows: list[tuple], chat: str = "读书会") -> Path:
    lines = [f"{when},{chat},{who},name {who},{text},{kind}" for when, who, text, kind in rows]
    path.write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def group(db, name: str) -> int:
    return db.execute(
        "INSERT INTO groups (name, tier, created_on) VALUES (?, 'ordinary', '2024-01-01')", [name]
    ).lastrowid


@pytest.fixture
def community(db):
    """Two groups and the six computed KPIs (plus a typed one)."""
    ids = {"g": group(db, "读书组"), "h": group(db, "写作组")}
    for metric in activity_kpis.METRICS:
        aggregation = "avg" if metric.endswith(("ratio", "rate")) else "sum"
        ids[metric] = kpis_db.save_kpi(
            db,
            "admin",
            {
                "code": metric,
                "name": metric,
                "kind": "process",
                "aggregation": aggregation,
                "activity_metric": metric,
            },
        )
    ids["revenue"] = kpis_db.save_kpi(
        db, "admin", {"code": "revenue", "name": "Revenue", "kind": "result"}
    )
    return ids


def values(db, kpi_id: int, group_id: int) -> dict[str, float]:
    return {
        row[0]: row[1]
        for row in db.execute(
            "SELECT day, value FROM kpi_values WHERE kpi_id = ? AND group_id = ? ORDER BY day",
            [kpi_id, group_id],
        )
    }


def map_chat(db, group_id: int | None) -> int:
    db.execute("UPDATE chats SET group_id = ?", [group_id])
    return db.execute("SELECT id FROM chats").fetchone()[0]


def imported_and_mapped(db, tmp_path: Path, ids: dict) -> int:
    imports.import_file(db, export(tmp_path / "june.csv", FIRST + SECOND), "admin", today=TODAY)
    chat_id = map_chat(db, ids["g"])
    activity_kpis.recompute(db, "admin", [chat_id])
    return chat_id


def test_computed_values_equal_the_hand_count(db, tmp_path: Path, community) -> None:
    imported_and_mapped(db, tmp_path, community)
    for metric, expected in HAND.items():
        assert values(db, community[metric], community["g"]) == expected, metric
    assert values(db, community["revenue"], community["g"]) == {}  # typed KPIs untouched
    computed = db.execute("SELECT DISTINCT computed FROM kpi_values").fetchall()
    assert [row[0] for row in computed] == [1]


def test_presence_counts_follow_joins_leaves_and_returns() -> None:
    rows = [  # member, day, messages, checkins, shares, joins, leaves (sorted)
        ("a", "2026-06-01", 1, 0, 0, 0, 0),
        ("a", "2026-06-02", 0, 0, 0, 0, 1),
        ("a", "2026-06-05", 2, 0, 0, 0, 0),
        ("b", "2026-06-03", 0, 0, 0, 1, 0),
    ]
    days = ["2026-06-01", "2026-06-02", "2026-06-03", "2026-06-04", "2026-06-05"]
    assert activity_kpis.presence_counts(rows, days) == {
        "2026-06-01": 1,
        "2026-06-02": 1,  # a leaves that day: still in
        "2026-06-03": 1,  # b joined, a is out
        "2026-06-04": 1,
        "2026-06-05": 2,  # a is back
    }


def test_computed_values_feed_the_rollup_targets_and_board(db, tmp_path, community) -> None:
    imported_and_mapped(db, tmp_path, community)
    assert kpis_db.rollup(db) == kpis_db.recompute_rollup(db)
    kpis_db.save_targets(db, "admin", "2026-06", [(community["active_ratio"], community["g"], 40)])
    period = rules.period_of("month", date(2026, 6, 1))
    rows = rules.board_rows(
        kpis_db.kpis(db),
        kpis_db.groups(db),
        kpis_db.period_actuals(db, period.start, period.end),
        [],
        rules.target_lookup(kpis_db.targets(db, "2026-06", "2026-06")),
        period,
    )
    ratio = next(r for r in rows if r["kpi_id"] == community["active_ratio"])
    assert ratio["actual"] == pytest.approx((100 + 25 + 25 + 50) / 4)
    assert ratio["target"] == 40
    assert ratio["rag"] == "green"
    messages = next(r for r in rows if r["kpi_id"] == community["messages"])
    assert messages["actual"] == 7


def test_an_import_recomputes_and_its_removal_brings_the_figures_back(
    db, tmp_path: Path, community
) -> None:
    imports.import_file(db, export(tmp_path / "a.csv", FIRST), "admin", today=TODAY)
    chat_id = map_chat(db, community["g"])
    activity_kpis.recompute(db, "admin", [chat_id])
    before = values(db, community["active_ratio"], community["g"])
    assert before == {"2026-06-01": 100.0, "2026-06-02": 25.0}
    assert values(db, community["messages"], community["g"]) == {
        "2026-06-01": 3,
        "2026-06-02": 1,
    }

    second = imports.import_file(db, export(tmp_path / "b.csv", SECOND), "admin", today=TODAY)
    assert values(db, community["messages"], community["g"]) == HAND["messages"]

    imports.remove_import(db, second, "admin")
    assert values(db, community["active_ratio"], community["g"]) == before
    assert values(db, community["messages"], community["g"]) == {
        "2026-06-01": 3,
        "2026-06-02": 1,
    }
    assert kpis_db.rollup(db) == kpis_db.recompute_rollup(db)
    actions = [
        row[0] for row in db.execute("SELECT action FROM audit_log WHERE entity = 'kpi_values'")
    ]
    assert actions.count("recompute") == 3


def test_remapping_a_chat_moves_its_values_to_the_new_group(db, tmp_path, community) -> None:
    chat_id = imported_and_mapped(db, tmp_path, community)
    map_chat(db, community["h"])
    activity_kpis.recompute(db, "admin", [chat_id])
    assert values(db, community["messages"], community["g"]) == {}
    assert values(db, community["messages"], community["h"]) == HAND["messages"]
    map_chat(db, None)  # unmapped: kept, counted again once mapped
    activity_kpis.recompute(db, "admin", [chat_id])
    assert values(db, community["messages"], community["h"]) == {}


def test_typed_values_are_kept_by_a_recompute(db, tmp_path: Path, community) -> None:
    kpis_db.upsert_values(
        db, "admin", [(community["active_ratio"], community["g"], None, "2026-06-01", 77.0)]
    )
    imported_and_mapped(db, tmp_path, community)
    assert values(db, community["active_ratio"], community["g"]) == {
        **HAND["active_ratio"],
        "2026-06-01": 77.0,
    }
    typed = db.execute(
        "SELECT computed FROM kpi_values WHERE kpi_id = ? AND day = '2026-06-01'",
        [community["active_ratio"]],
    ).fetchone()[0]
    assert typed == 0


def test_typing_over_a_computed_value_is_refused_naming_the_cell(db, tmp_path, community) -> None:
    imported_and_mapped(db, tmp_path, community)
    with pytest.raises(ValidationError) as refused:
        rules.enter_value(
            db, "admin", community["messages"], community["g"], date(2026, 6, 2), 9, TODAY
        )
    assert refused.value.key == "kpi.err.computed_cell"
    assert refused.value.params == {"kpi": "messages", "group": "读书组", "day": "2026-06-02"}
    assert values(db, community["messages"], community["g"])["2026-06-02"] == 1
    computed_id = db.execute(
        "SELECT id FROM kpi_values WHERE kpi_id = ? AND day = '2026-06-02'", [community["messages"]]
    ).fetchone()[0]
    with pytest.raises(ValidationError):
        kpis_db.delete_values(db, "admin", [computed_id])
    # a day without activity takes a typed value
    rules.enter_value(
        db, "admin", community["messages"], community["g"], date(2026, 6, 9), 5, TODAY
    )
    assert values(db, community["messages"], community["g"])["2026-06-09"] == 5


def test_a_kpi_made_typed_again_loses_its_computed_values(db, tmp_path, community) -> None:
    imported_and_mapped(db, tmp_path, community)
    seen = {k["id"]: k for k in kpis_db.kpis(db)}
    shares = community["shares"]
    rules.save_definitions(
        db, "admin", RowChanges(seen=seen, edited={shares: {"activity_metric": None}})
    )
    assert values(db, community["shares"], community["g"]) == {}
    assert values(db, community["messages"], community["g"]) == HAND["messages"]
    with pytest.raises(ValidationError):
        rules.save_definitions(
            db, "admin", RowChanges(seen=seen, edited={shares: {"activity_metric": "likes"}})
        )


# WeCom's 「群聊数据统计」 as the admin console exports it: per owner and day
WECOM = (
    "日期,群主,群总数,群成员总数,新增群成员数,发过消息的群成员数,群消息总数\r\n"
    "2026/5/30,wangfang,3,40,2,10,55\r\n"
    "2026/5/31,wangfang,3,42,3,21,80\r\n"
    "2026/6/1,wangfang,3,42,0,6,12\r\n"  # June: the group's chat has messages, they win
    "2026/5/31,lina,1,10,1,5,7\r\n"  # an owner mapped to nobody counts nowhere
)


def wangfang_in(db, group_id: int) -> int:
    """王芳, a person with an open membership in ``group_id``; returns her id."""
    person_id = db.execute(
        "INSERT INTO people (name, handle, joined_on, status) VALUES"
        " ('王芳', 'wangfang', '2025-01-01', 'active')"
    ).lastrowid
    role_id = db.execute(
        "INSERT INTO roles (code, name, name_zh, is_key) VALUES ('owner', 'Owner', '群主', 1)"
    ).lastrowid
    db.execute(
        "INSERT INTO memberships (person_id, group_id, role_id, start_on) VALUES"
        " (?, ?, ?, '2025-01-01')",
        [person_id, group_id, role_id],
    )
    return person_id


def test_wecom_figures_give_the_months_without_messages_and_go_with_their_import(
    db, tmp_path: Path, community
) -> None:
    from dashboard.domain import activity as rules

    imported_and_mapped(db, tmp_path, community)  # the group's chat: 1–4 June
    person_id = wangfang_in(db, community["g"])
    path = tmp_path / "群聊数据统计.csv"
    path.write_bytes(WECOM.encode("gb18030"))
    import_id = imports.import_file(db, path, "admin", today=TODAY)
    assert values(db, community["messages"], community["g"]) == HAND["messages"]  # unmapped
    rules.map_wecom_owner(db, "admin", "wangfang", person_id)  # recomputes her groups
    may = {"2026-05-30", "2026-05-31"}
    expected = {
        "messages": {"2026-05-30": 55.0, "2026-05-31": 80.0},
        "new_members": {"2026-05-30": 2.0, "2026-05-31": 3.0},
        "active_ratio": {"2026-05-30": 25.0, "2026-05-31": 50.0},  # 10 of 40, 21 of 42
    }
    for metric in activity_kpis.METRICS:
        found = values(db, community[metric], community["g"])
        assert {d: v for d, v in found.items() if d in may} == expected.get(metric, {}), metric
        assert {d: v for d, v in found.items() if d not in may} == HAND[metric], metric
    computed = db.execute(
        "SELECT DISTINCT computed FROM kpi_values WHERE day < '2026-06-01'"
    ).fetchall()
    assert [row[0] for row in computed] == [1]
    assert values(db, community["messages"], community["h"]) == {}  # not her group

    imports.remove_import(db, import_id, "admin")
    for metric in activity_kpis.METRICS:
        assert values(db, community[metric], community["g"]) == HAND[metric], metric


def test_a_wecom_import_for_a_mapped_owner_counts_and_unmapping_removes_it(
    db, tmp_path: Path, community
) -> None:
    from dashboard.domain import activity as rules

    person_id = wangfang_in(db, community["h"])
    path = tmp_path / "群聊数据统计.csv"
    path.write_bytes(WECOM.encode("gb18030"))
    imports.import_file(db, path, "admin", today=TODAY)
    rules.map_wecom_owner(db, "admin", "wangfang", person_id)
    assert values(db, community["messages"], community["h"]) == {
        "2026-05-30": 55.0,
        "2026-05-31": 80.0,
        "2026-06-01": 12.0,  # no chat of this group has messages in June
    }
    later = tmp_path / "群聊数据统计-6月2日.csv"
    later.write_bytes(
        (WECOM.splitlines(keepends=True)[0] + "2026/6/2,wangfang,3,42,1,3,9\r\n").encode()
    )
    imports.import_file(db, later, "admin", today=TODAY)  # the import recomputes her groups
    assert values(db, community["messages"], community["h"])["2026-06-02"] == 9.0
    rules.map_wecom_owner(db, "admin", "wangfang", None)
    assert values(db, community["messages"], community["h"]) == {}
