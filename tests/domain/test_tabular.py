"""Reading uploads as Chinese users have them: encodings, separators, Excel, Chinese headers,
the date and number forms they write, every problem at once, and unreadable files refused
with a message a lead understands."""

import io
import os
from datetime import date, datetime

import pytest
from openpyxl import Workbook

from dashboard import kpi_views as views
from dashboard.domain import kpis as rules
from dashboard.domain import tabular
from dashboard.domain.changes import RowChanges
from dashboard.i18n import error_text
from db import kpis as kpis_store
from db.errors import ValidationError
from tests.conftest import DEMO_TODAY

HEADER = ("群名称", "日期", "指标", "数值")
ROWS = (
    ("读书笔记组", "2026/6/1", "新增用户", "1,234"),
    ("读书笔记组", "2026-6-2", "new_members", "１２"),
    ("短视频组", "2026年6月3日", "活跃成员占比", "55.5%"),
    ("短视频组", "2026.6.4", "营收", "￥1,200"),
)
# what every form of the same data must import as: (kpi code, group, day, value)
EXPECTED = [
    ("new_members", "读书笔记组", "2026-06-01", 1234.0),
    ("new_members", "读书笔记组", "2026-06-02", 12.0),
    ("active_ratio", "短视频组", "2026-06-03", 55.5),
    ("revenue", "短视频组", "2026-06-04", 1200.0),
]


def csv_text(delimiter: str = ",") -> str:
    def cell(text: str) -> str:
        return f'"{text}"' if delimiter in text else text

    lines = [delimiter.join(cell(c) for c in row) for row in (HEADER, *ROWS)]
    return "\r\n".join(lines) + "\r\n"


def workbook() -> bytes:
    """The same data as Excel writes it: real date cells, a serial number, number cells and
    a percent-formatted cell."""
    book = Workbook()
    sheet = book.active
    sheet.append(["群名称", "日期", "指标", "数值"])
    sheet.append(["读书笔记组", datetime(2026, 6, 1), "新增用户", 1234])
    sheet.append(["读书笔记组", 46175, "new_members", 12])  # 46175 = 2026-06-02
    sheet.append(["短视频组", datetime(2026, 6, 3), "活跃成员占比", 0.555])
    sheet["D4"].number_format = "0.0%"
    sheet.append(["短视频组", "2026.6.4", "营收", 1200.0])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


FILES = {
    "gb18030": ("values.csv", csv_text().encode("gb18030"), "GB18030", "comma"),
    "gbk": ("values.csv", csv_text().encode("gbk"), "GB18030", "comma"),
    "utf-8": ("values.csv", csv_text().encode("utf-8"), "UTF-8", "comma"),
    "utf-8-bom": ("values.csv", csv_text().encode("utf-8-sig"), "UTF-8 (BOM)", "comma"),
    "utf-16-tab": ("values.txt", csv_text("\t").encode("utf-16"), "UTF-16", "tab"),
    "utf-16-no-bom": ("values.txt", csv_text("\t").encode("utf-16-le"), "UTF-16", "tab"),
    "semicolon": ("values.csv", csv_text(";").encode("gb18030"), "GB18030", "semicolon"),
    "xlsx": ("values.xlsx", workbook(), None, None),
}


def imported(demo_db, table: tabular.Table) -> list[tuple]:
    """What the table would import as, in readable form (nothing is written)."""
    rows, errors = rules.validate_records(
        table.records, rules.Lookups.load(demo_db), DEMO_TODAY, lines=table.lines
    )
    assert errors == []
    codes = {k["id"]: k["code"] for k in rules.store.kpis(demo_db)}
    names = {g["id"]: g["name"] for g in rules.store.groups(demo_db)}
    return [(codes[k], names[g], day, value) for k, g, _, day, value in rows]


@pytest.mark.parametrize("form", sorted(FILES))
def test_every_form_of_the_same_file_imports_the_same_values(demo_db, form) -> None:
    name, content, encoding, delimiter = FILES[form]
    table = rules.read_upload(name, content)
    assert (table.encoding, table.delimiter) == (encoding, delimiter)
    assert table.file_format == ("xlsx" if form == "xlsx" else "csv")
    assert table.lines == [2, 3, 4, 5]
    assert imported(demo_db, table) == EXPECTED


def test_a_gb18030_file_is_imported_into_the_database(demo_db) -> None:
    # the demo computes the active-member ratio from its chats: make it typed again first
    seen = {k["id"]: k for k in kpis_store.kpis(demo_db)}
    ratio = next(i for i, k in seen.items() if k["code"] == "active_ratio")
    rules.save_definitions(
        demo_db, "admin", RowChanges(seen=seen, edited={ratio: {"activity_metric": None}})
    )
    table = rules.read_upload("values.csv", FILES["gb18030"][1])
    count = rules.import_values(demo_db, "admin", table.records, DEMO_TODAY, lines=table.lines)
    assert count == 4
    stored = [
        demo_db.execute(
            """SELECT k.code, g.name, v.day, v.value FROM kpi_values v
               JOIN kpis k ON k.id = v.kpi_id JOIN groups g ON g.id = v.group_id
               WHERE k.code = ? AND g.name = ? AND v.day = ? AND v.person_id IS NULL""",
            [code, group, day],
        ).fetchone()
        for code, group, day, _ in EXPECTED
    ]
    assert [tuple(r) for r in stored] == EXPECTED


def test_short_gb18030_file_with_mostly_latin_text_is_not_read_as_korean() -> None:
    # charset-normalizer ranks cp949 first for this one; GB18030 reads it just as well
    content = "group,day,kpi,value\n读书笔记组,2026/6/1,new_members,3\n".encode("gb18030")
    table = rules.read_upload("values.csv", content)
    assert table.encoding == "GB18030"
    assert table.records[0]["group"] == "读书笔记组"


@pytest.mark.parametrize(
    "header",
    ["指标", " 指标名称 ", "ＫＰＩ", "KPI Code", "kpi_code", "指标（代码或名称）", "*指标"],
)
def test_headers_match_whatever_their_case_width_spacing_or_hint(header) -> None:
    content = f"{header},群名,时间,数量\nnew_members,读书笔记组,2026-06-01,3\n".encode()
    assert rules.read_upload("values.csv", content).records == [
        {"kpi": "new_members", "group": "读书笔记组", "day": "2026-06-01", "value": "3"}
    ]


def test_a_title_line_above_the_headers_and_blank_rows_keep_excel_row_numbers() -> None:
    content = (
        "2026年6月社群数据,,,\n社群,日期,指标,值,备注\n\n读书笔记组,2026-06-01,new_members,3,ok\n"
    )
    table = rules.read_upload("values.csv", content.encode("gb18030"))
    assert table.lines == [4]
    assert table.records == [
        {"group": "读书笔记组", "day": "2026-06-01", "kpi": "new_members", "value": "3"}
    ]
    assert table.ignored == ["备注"]


# cells that are no day and no number: empty, missing, a checkbox
NOT_A_VALUE = [("", None), (None, None), (True, None)]


@pytest.mark.parametrize(
    ("cell", "day"),
    [
        ("2026-06-01", date(2026, 6, 1)),
        ("2026/6/1", date(2026, 6, 1)),
        ("2026-6-1", date(2026, 6, 1)),
        ("2026.6.1", date(2026, 6, 1)),
        ("2026年6月1日", date(2026, 6, 1)),
        ("２０２６年６月１日", date(2026, 6, 1)),
        ("2026/6/1 0:00", date(2026, 6, 1)),
        ("2026-06-01 00:00:00", date(2026, 6, 1)),
        ("20260601", date(2026, 6, 1)),
        ("46174", date(2026, 6, 1)),
        (46174, date(2026, 6, 1)),
        (46174.0, date(2026, 6, 1)),
        (datetime(2026, 6, 1, 9, 30), date(2026, 6, 1)),
        (date(2026, 6, 1), date(2026, 6, 1)),
        ("06/01/2026", None),  # month or day first? refused rather than guessed
        ("2026/2/30", None),
        ("2026-13-01", None),
        (12, None),  # a serial number far outside 2000–2100 is a count, not a date
        (46174.5, None),
        ("yesterday", None),
    ]
    + NOT_A_VALUE,
)
def test_parse_day(cell, day) -> None:
    assert tabular.parse_day(cell) == day


@pytest.mark.parametrize(
    ("cell", "number"),
    [
        ("1234", tabular.Number(1234.0)),
        ("1,234.5", tabular.Number(1234.5)),
        ("12,345,678", tabular.Number(12345678.0)),
        ("１２３４", tabular.Number(1234.0)),
        ("１，２３４．５", tabular.Number(1234.5)),
        ("12%", tabular.Number(12.0, percent=True)),
        ("55.5％", tabular.Number(55.5, percent=True)),
        ("¥1,200", tabular.Number(1200.0)),
        ("￥1,200", tabular.Number(1200.0)),
        ("1200元", tabular.Number(1200.0)),
        (" -3 ", tabular.Number(-3.0)),
        ("−3", tabular.Number(-3.0)),
        (7, tabular.Number(7.0)),
        (2.5, tabular.Number(2.5)),
        ("1,2", None),  # not a thousands separator: refused rather than read as 12
        ("12,34", None),
        ("three", None),
    ]
    + NOT_A_VALUE,
)
def test_parse_number(cell, number) -> None:
    assert tabular.parse_number(cell) == number


def test_a_percentage_is_a_rate_only_for_kpis_measured_in_percent(demo_db) -> None:
    records = [
        {"kpi": "checkin_rate", "group": "读书笔记组", "day": "2026/6/1", "value": "45%"},
        {"kpi": "new_members", "group": "读书笔记组", "day": "2026/6/1", "value": "45%"},
    ]
    rows, errors = rules.validate_records(records, rules.Lookups.load(demo_db), DEMO_TODAY)
    assert [r[3:] for r in rows] == [("2026-06-01", 45.0)]
    assert errors == [
        (
            "#3",
            "kpi.err.percent_not_rate",
            {"value": "45%", "kpi": "new_members", "column": "value"},
        )
    ]


def test_every_problem_of_every_row_is_reported_at_once(demo_db) -> None:
    content = (
        "指标,群名称,日期,数值,成员\n"
        "new_members,读书笔记组,2026-06-01,3,\n"
        "no_such_kpi,无此群,6/1/2026,three,\n"
        "new_members,读书笔记组,2026-07-01,1,nobody\n"
        "conversion_rate,读书笔记组,2026-06-01,120,\n"
        "new_members,读书笔记组,2026-06-01,4,\n"
    ).encode("gb18030")
    table = rules.read_upload("values.csv", content)
    with pytest.raises(ValidationError) as raised:
        rules.import_values(demo_db, "admin", table.records, DEMO_TODAY, lines=table.lines)
    error = raised.value
    assert error.params == {"count": 4, "total": 5}
    assert [(row, params["column"], key) for row, key, params in error.row_errors] == [
        ("#3", "kpi", "kpi.err.unknown_kpi"),
        ("#3", "group", "kpi.err.unknown_group"),
        ("#3", "day", "kpi.err.bad_day"),
        ("#3", "value", "kpi.err.not_number"),
        ("#4", "person", "kpi.err.unknown_person"),
        ("#4", "day", "kpi.err.future_day"),
        ("#5", "value", "kpi.err.out_of_range"),
        ("#6", "day", "kpi.err.duplicate_row"),
    ]
    frame = views.problems_frame(error.row_errors, "zh")
    assert list(frame.columns) == ["行号", "列", "问题"]
    assert frame.iloc[0].tolist() == ["3", "指标", "未知的指标「no_such_kpi」。"]
    assert frame.iloc[3].tolist() == ["3", "数值", "「three」不是数字。"]


def test_many_problems_are_all_kept_for_the_download(demo_db) -> None:
    content = "kpi,group,day,value\n" + "x,读书笔记组,2026-06-01,1\n" * 250
    table = rules.read_upload("values.csv", content.encode())
    with pytest.raises(ValidationError) as raised:
        rules.import_values(demo_db, "admin", table.records, DEMO_TODAY, lines=table.lines)
    assert raised.value.params == {"count": 250, "total": 250}
    assert len(raised.value.row_errors) == 250 > rules.MAX_REPORTED_ERRORS
    assert raised.value.row_errors[-1][0] == "#251"


def truncated_workbook() -> bytes:
    content = FILES["xlsx"][1]
    return content[: len(content) // 2]


def foreign_zip() -> bytes:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("photo.jpg", os.urandom(100))
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "key"),
    [
        ("empty.csv", b"", "tabular.err.empty"),
        ("blank.csv", b" \r\n\r\n", "tabular.err.empty"),
        ("noise.csv", os.urandom(4096), "tabular.err.encoding"),
        ("cut.xlsx", truncated_workbook(), "tabular.err.workbook"),
        ("photos.xlsx", foreign_zip(), "tabular.err.workbook"),
        ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "tabular.err.old_excel"),
        ("nul.csv", b"kpi,group\x00,day,value\n", "tabular.err.binary"),
        ("values.csv", "指标,群名称\nx,y\n".encode("gb18030"), "tabular.err.missing_columns"),
    ],
)
def test_unreadable_files_are_refused_with_a_message_a_lead_understands(name, content, key) -> None:
    with pytest.raises(ValidationError) as raised:
        rules.read_upload(name, content)
    assert raised.value.key == key
    for lang in ("en", "zh"):
        message = error_text(raised.value, lang)
        assert message and "{" not in message
        for jargon in ("codec", "zip", "Traceback", "Error", "byte"):
            assert jargon.lower() not in message.lower()


def test_missing_columns_are_named_in_the_users_language_with_the_headers_found() -> None:
    with pytest.raises(ValidationError) as raised:
        rules.read_upload("values.csv", "指标,群名称,备注\nx,y,z\n".encode("gb18030"))
    assert error_text(raised.value, "zh").startswith(
        "文件缺少以下列：日期、数值。文件中的表头为：指标, 群名称, 备注。"
    )
    assert error_text(raised.value, "en").startswith(
        "The file lacks the columns: day, value. Its headers are: 指标, 群名称, 备注."
    )


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_the_templates_read_back_and_import_cleanly(demo_db, lang, kind) -> None:
    content = views.template_csv(lang) if kind == "csv" else views.template_xlsx(lang)
    if kind == "csv":
        assert content.startswith(b"\xef\xbb\xbf")  # so Excel opens the Chinese correctly
    table = rules.read_upload(f"kpi_values.{kind}", content)
    expected_headers = list(views.TEMPLATE_HEADERS[lang].values())
    assert table.headers == expected_headers
    assert imported(demo_db, table) == [
        ("new_members", "读书笔记组", "2026-06-01", 3.0),
        ("active_ratio", "读书笔记组", "2026-06-01", 55.5),
    ]


def test_the_accepted_headers_help_lists_every_column_in_the_users_language() -> None:
    frame = views.accepted_headers("zh")
    assert list(frame.columns) == ["列", "是否必填", "可用的表头"]
    assert frame["列"].tolist() == ["指标", "群名称", "日期", "数值", "成员"]
    assert frame["是否必填"].tolist() == ["必填"] * 4 + ["可选"]
    assert "群名称" in frame.iloc[1]["可用的表头"] and "社群" in frame.iloc[1]["可用的表头"]


def test_detected_text_says_the_encoding_and_separator() -> None:
    table = rules.read_upload("values.txt", FILES["utf-16-tab"][1])
    assert views.detected_text(table, "en") == "Read as CSV, encoding UTF-16, tab-separated."
    assert views.detected_text(table, "zh") == "按 CSV 读取，编码 UTF-16，制表符分隔。"
    xlsx = rules.read_upload("values.xlsx", FILES["xlsx"][1])
    assert views.detected_text(xlsx, "en") == "Read as an Excel workbook (.xlsx), first sheet."


def test_a_table_is_read_in_chunks_with_its_row_numbers_as_excel_shows_them() -> None:
    content = ("KPI 月报\r\n" + csv_text().replace("\r\n", "\r\n\r\n", 1)).encode("gb18030")
    stream = rules.open_upload("values.csv", content)
    assert stream.header_at == 2 and stream.encoding == "GB18030"
    chunks = list(stream.chunks(size=3))
    assert [chunk.lines for chunk in chunks] == [[4, 5, 6], [7]]  # a title, a blank line
    assert chunks[1].records == [
        {"group": "短视频组", "day": "2026.6.4", "kpi": "营收", "value": "￥1,200"}
    ]
    assert stream.count() == 4
    assert rules.read_upload("values.csv", content).lines == [4, 5, 6, 7]


def test_the_encoding_found_at_the_start_is_checked_over_the_whole_file() -> None:
    # a megabyte of plain ASCII reads as UTF-8; the Chinese rows further down are GB18030
    filler = "new_members,group,2026-06-01,1\r\n" * (tabular.PREFIX_BYTES // 30)
    content = csv_text().splitlines(True)[0] + filler + "".join(csv_text().splitlines(True)[1:])
    stream = rules.open_upload("values.csv", content.encode("gb18030"))
    assert stream.encoding == "GB18030"
    *_, last = stream.chunks()
    assert last.records[-1]["group"] == "短视频组"
    binary = content.encode("utf-8") + b"\x00\x01\x02,\x00\n"
    with pytest.raises(ValidationError) as raised:
        rules.open_upload("values.csv", binary)
    assert raised.value.key == "tabular.err.binary"


def test_a_workbook_with_a_wrong_stored_size_is_read_to_its_last_row(demo_db) -> None:
    book = Workbook()
    sheet = book.active
    for row in (HEADER, *ROWS):
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    # some exporters write <dimension ref="A1"/>: read-only mode would stop at row 1
    content = _rewrite_zip_member(
        buffer.getvalue(), "xl/worksheets/sheet1.xml", b'ref="A1:D5"', b'ref="A1"'
    )
    table = rules.read_upload("values.xlsx", content)
    assert table.lines == [2, 3, 4, 5]
    assert imported(demo_db, table) == EXPECTED


def _rewrite_zip_member(content: bytes, member: str, old: bytes, new: bytes) -> bytes:
    import zipfile

    source, target = zipfile.ZipFile(io.BytesIO(content)), io.BytesIO()
    with zipfile.ZipFile(target, "w") as out:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == member:
                assert old in data
                data = data.replace(old, new)
            out.writestr(info, data)
    return target.getvalue()


def test_a_chunked_import_finds_duplicates_across_chunks_and_keeps_a_bounded_list(
    demo_db, monkeypatch
) -> None:
    monkeypatch.setattr(tabular, "CHUNK_ROWS", 2)
    monkeypatch.setattr(rules, "MAX_KEPT_ERRORS", 3)
    before = demo_db.execute("SELECT COUNT(*) FROM kpi_values").fetchone()[0]
    content = (
        "kpi,group,day,value\n"
        "new_members,读书笔记组,2026-06-01,1\n"
        "new_members,读书笔记组,2026-06-02,2\n"
        "new_members,读书笔记组,2026-06-01,3\n"  # row 2's value again, in the next chunk
        + "nope,读书笔记组,2026-06-03,4\n"
        * 5
    )
    stream = rules.open_upload("values.csv", content.encode())
    with pytest.raises(ValidationError) as raised:
        rules.import_upload(demo_db, "admin", stream, DEMO_TODAY, rows=stream.count())
    assert raised.value.params == {"count": 6, "total": 8}
    assert [(row, key) for row, key, _ in raised.value.row_errors] == [
        ("#4", "kpi.err.duplicate_row"),
        ("#5", "kpi.err.unknown_kpi"),
        ("#6", "kpi.err.unknown_kpi"),
    ]
    assert raised.value.row_errors[0][2]["other"] == "#2"
    assert demo_db.execute("SELECT COUNT(*) FROM kpi_values").fetchone()[0] == before
