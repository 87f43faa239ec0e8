"""Locale formats (Babel), bilingual rows, Chinese chart dates and the demo seeded in Chinese."""

import json
from datetime import date

import pandas as pd

from dashboard.coaching_views import retro_timeline_chart
from dashboard.domain.kpis import Period
from dashboard.i18n.formats import (
    format_date,
    format_number,
    format_percent,
    load_locale_data,
    localized,
    vega_date_label,
)
from dashboard.kpi_views import number_text, period_text
from db.connection import connect
from seed import seed_database
from tests.conftest import DEMO_TODAY

DAY = date(2026, 6, 15)


def test_dates_in_each_language() -> None:
    assert format_date(DAY, "zh") == "2026/6/15"
    assert format_date(DAY, "zh", "day") == "6月15日"
    assert format_date("2026-06-15", "zh", "month") == "2026年6月"
    assert format_date(date(2026, 4, 1), "zh", "quarter") == "2026年第2季度"
    assert format_date(DAY, "zh", "long") == "2026年6月15日"
    assert format_date(DAY, "en", "day") == "Jun 15"
    assert format_date("2026-06", "en", "month") == "Jun 2026"


def test_numbers_and_percentages() -> None:
    assert format_number(12345, "zh") == "12,345"
    assert format_number(1234.56, "en") == "1,234.6"
    assert format_percent(0.456, "zh") == "46%"
    assert format_percent(0.4567, "en", decimals=1) == "45.7%"


def test_metric_text_names_the_unit_in_the_language() -> None:
    assert number_text(60, "people", "zh") == "60 人"
    assert number_text(60, "people", "en") == "60 people"
    assert number_text(1600.5, "CNY", "zh") == "1,600.5 CNY"
    assert number_text(87.5, "%", "zh") == "87.5%"
    assert number_text(None, "people", "zh") == "–"


def test_periods_named_in_the_language() -> None:
    month = Period("month", date(2026, 6, 1), date(2026, 6, 30))
    quarter = Period("quarter", date(2026, 4, 1), date(2026, 6, 30))
    week = Period("week", date(2026, 6, 8), date(2026, 6, 14))
    year = Period("year", date(2026, 1, 1), date(2026, 12, 31))
    assert [period_text(p, "zh") for p in (month, quarter, week, year)] == [
        "2026年6月",
        "2026年第2季度",
        "2026年第24周",
        "2026年",
    ]
    assert [period_text(p, "en") for p in (month, quarter, week, year)] == [
        "Jun 2026",
        "Q2 2026",
        "Week 24, 2026",
        "2026",
    ]


def test_localized_takes_the_chinese_field_and_falls_back_to_english() -> None:
    role = {"name": "Owner", "name_zh": "群主"}
    assert localized(role, "name", "zh") == "群主"
    assert localized(role, "name", "en") == "Owner"
    assert localized({"name": "Owner", "name_zh": " "}, "name", "zh") == "Owner"
    row = pd.Series({"role_name": "Coach", "role_name_zh": "运营教练"})
    assert localized(row, "role_name", "zh") == "运营教练"


def test_chinese_timeline_writes_its_dates_without_vega_month_names() -> None:
    retros = pd.DataFrame(
        {
            "person_name": ["甲"],
            "author_name": ["乙"],
            "held_on": ["2026-06-15"],
            "is_final": [False],
            "goal": ["目标"],
            "result": ["结果"],
            "causes": ["原因"],
            "lessons": ["经验"],
        }
    )
    spans = pd.DataFrame({"person_name": ["甲"], "joined_on": ["2026-05-01"], "until": [DAY]})
    spec = json.dumps(retro_timeline_chart(retros, spans, "zh").to_dict(), ensure_ascii=False)
    assert vega_date_label("zh") in spec  # month(datum.value) + 1 + '月' + date(...) + '日'
    assert "%Y年%-m月%-d日" in spec  # tooltips
    assert "%b" not in spec and "%B" not in spec and "%a" not in spec
    english = json.dumps(retro_timeline_chart(retros, spans, "en").to_dict())
    assert "'月'" not in english


def test_demo_seeded_in_chinese_has_its_own_text_in_chinese(tmp_path) -> None:
    db = connect(tmp_path / "zh.sqlite")
    seed_database(db, "demo", DEMO_TODAY, lang="zh")
    purposes = {r[0] for r in db.execute("SELECT purpose FROM groups WHERE name = '拆书小组'")}
    assert purposes == {"拆书分享"}
    assert db.execute("SELECT description FROM roles WHERE code = 'owner'").fetchone()[0] == (
        "带领本群，对结果负责。"
    )
    assert db.execute("SELECT display_name FROM users WHERE username = 'lead'").fetchone()[0] == (
        "内容负责人"
    )
    editor = db.execute(
        """SELECT body_md FROM manual_versions v JOIN roles r ON r.id = v.role_id
           WHERE r.code = 'editor'"""
    ).fetchone()[0]
    assert editor.startswith("# 岗位移交说明书：内容编辑\n")
    items = [
        r[0]
        for r in db.execute(
            """SELECT i.text FROM handover_items i JOIN handovers h ON h.id = i.handover_id
               JOIN roles r ON r.id = h.role_id WHERE r.code = 'editor' ORDER BY i.position"""
        )
    ]
    assert items == ["一起过一遍投稿文件夹", "开通共享网盘的编辑权限", "一起发布一期周刊"]
    platforms = {r[0] for r in db.execute("SELECT DISTINCT platform FROM groups")}
    assert platforms <= {"微信", "QQ", "钉钉"}
    db.close()


def test_demo_seeded_in_english_keeps_its_english_text(demo_db) -> None:
    assert demo_db.execute("SELECT description FROM roles WHERE code = 'owner'").fetchone()[0] == (
        "Leads the group and answers for its results."
    )
    assert demo_db.execute("SELECT display_name FROM users WHERE username = 'lead'").fetchone()[
        0
    ] == ("Content lead")


def test_load_locale_data_reads_both_languages_babel_data_once() -> None:
    """What ``preload_pages`` runs in the background: after it, formatting a date in either
    language reads no locale data."""
    from babel import localedata

    localedata._cache.clear()  # as in a fresh process
    load_locale_data()
    assert {"en", "zh_Hans_CN"} <= set(localedata._cache)
    loaded = dict(localedata._cache)
    assert format_date("2026-06-15", "zh", "long") == "2026年6月15日"
    assert format_date("2026-06-15", "en", "month") == "Jun 2026"
    assert dict(localedata._cache) == loaded
