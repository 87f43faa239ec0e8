"""Member levels, moves between them, the 二八 check, evaporation and name suggestions: pure
rules on hand-built counts, each case where the rule must fire and where it must not."""

from collections import Counter
from datetime import date

import pytest

from dashboard.domain import activity as rules
from db.errors import ValidationError

SETTINGS = {"core_messages": 20, "core_days": 8, "active_messages": 4}
MONTHS = ["2026-03", "2026-04", "2026-05"]


def row(month: str, member: str = "m", messages: int = 0, days: int = 0, joins=0, leaves=0):
    return {
        "group_id": 1,
        "member_key": member,
        "month": month,
        "messages": messages,
        "active_days": days,
        "joins": joins,
        "leaves": leaves,
    }


@pytest.mark.parametrize(
    ("messages", "days", "joins", "leaves", "level"),
    [
        (20, 8, 0, 0, "core"),
        (20, 7, 0, 0, "active"),  # enough messages, too few days: not core
        (19, 19, 0, 0, "active"),  # enough days, one message short
        (4, 2, 0, 0, "active"),
        (3, 3, 0, 0, "occasional"),
        (1, 1, 0, 0, "occasional"),
        (0, 0, 1, 0, "silent"),  # joined, said nothing
        (5, 3, 0, 1, "left"),
        (5, 3, 1, 1, "active"),  # left and came back the same month
    ],
)
def test_level_thresholds(messages, days, joins, leaves, level) -> None:
    counts = {"messages": messages, "active_days": days, "joins": joins, "leaves": leaves}
    assert rules.level_of(counts, SETTINGS) == level


def test_adjusted_thresholds_change_the_level() -> None:
    counts = {"messages": 10, "active_days": 5, "joins": 0, "leaves": 0}
    assert rules.level_of(counts, SETTINGS) == "active"
    assert rules.level_of(counts, {**SETTINGS, "core_messages": 10, "core_days": 5}) == "core"
    assert rules.level_of(counts, {**SETTINGS, "active_messages": 11}) == "occasional"


def test_classify_counts_members_from_their_first_month_and_leavers_until_they_return() -> None:
    rows = [
        row("2026-03", "a", 25, 10),
        row("2026-04", "b", 2, 1, joins=1),  # new in April
        row("2026-03", "c", 5, 2),
        row("2026-04", "c", 0, 0, leaves=1),  # left in April, not counted in May
        row("2026-03", "d", 1, 1),
        row("2026-03", "e", 0, 0, leaves=1),
        row("2026-05", "e", 0, 0, joins=1),  # came back in May
    ]
    levels = rules.classify(rows, MONTHS, SETTINGS)
    assert levels[(1, "a")] == {"2026-03": "core", "2026-04": "silent", "2026-05": "silent"}
    assert levels[(1, "b")] == {"2026-04": "occasional", "2026-05": "silent"}
    assert levels[(1, "c")] == {"2026-03": "active", "2026-04": "left"}
    assert levels[(1, "d")] == {"2026-03": "occasional", "2026-04": "silent", "2026-05": "silent"}
    assert levels[(1, "e")] == {"2026-03": "left", "2026-05": "silent"}
    counts = rules.distribution(levels)
    assert counts[(1, "2026-04")] == Counter(silent=2, occasional=1, left=1)
    assert rules.active_share(counts[(1, "2026-04")]) == pytest.approx(1 / 3)


def test_moves_between_levels_month_to_month() -> None:
    levels = {
        (1, "a"): {"2026-03": "core", "2026-04": "active", "2026-05": "active"},
        (1, "b"): {"2026-04": "occasional", "2026-05": "core"},
        (1, "c"): {"2026-03": "active", "2026-04": "left"},
    }
    moved = rules.moves(levels, MONTHS)
    assert list(moved) == ["2026-04", "2026-05"]
    assert moved["2026-04"] == Counter(
        {("core", "active"): 1, (None, "occasional"): 1, ("active", "left"): 1}
    )
    assert moved["2026-05"] == Counter({("active", "active"): 1, ("occasional", "core"): 1})


def test_pareto_fires_when_the_top_fifth_sends_80_percent() -> None:
    carried = rules.pareto([80, 5, 5, 5, 5, 0, 0])  # 5 speaking, top 1 sends 80 %
    assert (carried.members, carried.top, carried.share, carried.carried_by_few) == (
        5,
        1,
        0.8,
        True,
    )
    spread = rules.pareto([30, 25, 20, 15, 10])  # top 1 sends 30 %
    assert (spread.share, spread.carried_by_few) == (0.3, False)
    six = rules.pareto([50, 30, 5, 5, 5, 5])  # the top fifth of 6 is 2 (rounded up)
    assert (six.top, six.share, six.carried_by_few) == (2, 0.8, True)
    assert rules.pareto([0, 0]) is None


@pytest.mark.parametrize(
    ("shares", "fires"),
    [
        ([0.8, 0.7, 0.6, 0.5], True),
        ([0.9, 0.8, 0.7, 0.6, 0.5], True),
        ([0.8, 0.7, 0.7, 0.5], False),  # flat once: not three falls in a row
        ([0.8, 0.7, 0.6, 0.65], False),  # rose in the last period
        ([0.7, 0.6, 0.5], False),  # only two falls known
        ([None, 0.7, 0.6, 0.5], False),  # a month without members
        ([0.5, 0.8, 0.7, 0.6], False),
    ],
)
def test_evaporation_needs_three_falls_in_a_row(shares, fires) -> None:
    assert rules.evaporating(shares) is fires


def test_suggestions_by_name_and_handle() -> None:
    people = {1: ["王芳", "wangfang"], 2: ["李娜", "lina"], 3: ["张伟", "zw"]}
    assert rules.suggest("王芳", people) == 1
    assert rules.suggest("王芳（读书会）", people) == 1  # contains the name
    assert rules.suggest("LiNa", people) == 2  # the handle, whatever the case
    assert rules.suggest("赵磊", people) is None
    assert rules.suggest("", people) is None
    groups = {10: ["读书笔记组"], 11: ["打卡督导组"]}
    assert rules.suggest("读书笔记组 2026", groups) == 10
    assert rules.suggest("读书笔记", groups) == 10
    assert rules.suggest("摄影分享群", groups) is None
    assert rules.suggest("读书笔记群", groups) == 10  # similar: one character differs


def test_short_names_are_suggested_only_when_equal_or_contained() -> None:
    people = {45: ["龚雨桐", "ops3496"], 50: ["冯浩然", "ops2983"], 7: ["Tim", "tim"]}
    # a sender of a chat named like no one of the team: the same given name is not enough
    assert [rules.suggest(name, people) for name in ("赵雨桐", "钱浩然", "Tom")] == [None] * 3
    assert rules.suggest("冯浩然", people) == 50
    assert rules.suggest("浩然", people) == 50  # contained in the name


def test_threshold_values_are_checked() -> None:
    assert rules.clean_level_settings({"core_days": "9"}) == {"core_days": 9}
    for bad in ({"core_days": 40}, {"core_days": 2.5}, {"core_days": "x"}, {"other": 1}):
        with pytest.raises(ValidationError):
            rules.clean_level_settings(bad)


def test_month_helpers() -> None:
    assert rules.months_between(date(2025, 11, 20), date(2026, 2, 1)) == [
        "2025-11",
        "2025-12",
        "2026-01",
        "2026-02",
    ]
    assert rules.previous_month("2026-01") == "2025-12"
    assert rules.month_end("2024-02").isoformat() == "2024-02-29"
