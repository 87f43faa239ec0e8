"""The app's exports: formula-looking text never becomes a formula in CSV or Excel, and the
KPI board's tables and the audit log offer both downloads."""

import io
from datetime import date

import pandas as pd
from openpyxl import load_workbook

from dashboard.export import safe_csv, safe_xlsx

HOSTILE = '=HYPERLINK("http://evil.example","点我")'


def workbook_rows(data: bytes) -> list[list]:
    sheet = load_workbook(io.BytesIO(data)).active
    return [[(cell.value, cell.data_type) for cell in row] for row in sheet.iter_rows()]


def test_xlsx_writes_formula_looking_text_as_plain_strings() -> None:
    frame = pd.DataFrame(
        {
            "群组": [HOSTILE, "+1 cmd", "拆书小组", None],
            "value": [1.5, 2, None, 4],
            "day": [date(2026, 6, 1), None, date(2026, 6, 3), date(2026, 6, 4)],
        }
    )
    data = safe_xlsx(frame, "kpi/new_members:2026-05")
    book = load_workbook(io.BytesIO(data))
    sheet = book.active
    assert sheet.title == "kpinew_members2026-05"
    rows = workbook_rows(data)
    assert rows[0] == [("群组", "s"), ("value", "s"), ("day", "s")]
    assert rows[1][0] == (HOSTILE, "s")  # the text itself, never a formula ("f")
    assert rows[2][0] == ("+1 cmd", "s")
    assert rows[3][0] == ("拆书小组", "s")
    assert rows[4][0] == (None, "n")  # an empty cell, not the text "None"
    assert [value for value, _ in (row[1] for row in rows[1:])] == [1.5, 2, None, 4]
    assert rows[1][1][1] == "n"
    assert rows[1][2][0].date() == date(2026, 6, 1)
    assert sheet["A2"].quotePrefix  # Excel keeps it text even when the cell is edited
    assert not sheet["A4"].quotePrefix
    assert all(data_type != "f" for row in rows for _, data_type in row)


def test_xlsx_drops_characters_a_workbook_cannot_carry() -> None:
    data = safe_xlsx(pd.DataFrame({"note": ["bell\x07 and tab\tkept"]}))
    assert workbook_rows(data)[1] == [("bell and tab\tkept", "s")]


def test_csv_prefixes_formula_looking_text() -> None:
    text = safe_csv(pd.DataFrame({"=header": [HOSTILE, "-2", 3]})).decode("utf-8-sig")
    assert text.splitlines() == [
        "'=header",
        '"\'=HYPERLINK(""http://evil.example"",""点我"")"',
        "'-2",
        "3",
    ]


def download_labels(container) -> dict[str, str]:
    """Each download button's key (the end of its element id) → its label."""
    return {
        button.proto.id.rsplit("-", 1)[-1]: button.proto.label
        for button in container.get("download_button")
    }


def test_kpi_board_tables_download_as_csv_and_excel(make_app) -> None:
    at = make_app("kpi_board")
    assert not at.exception
    labels = download_labels(at.tabs[0])
    assert labels["kpi_result_csv"] == "Download this table (CSV)"
    assert labels["kpi_result_xlsx"] == "Download this table (Excel)"
    at.session_state["kpi_tab"] = "Activity → results"
    at.run()
    labels = download_labels(at.tabs[2])
    assert labels["kpi_relation_csv"] == "Download this table (CSV)"
    assert labels["kpi_relation_xlsx"] == "Download this table (Excel)"


def test_audit_log_downloads_as_csv_and_excel_in_chinese(make_app) -> None:
    at = make_app("admin", lang="zh", state={"admin_tab": "审计日志"})
    assert not at.exception
    labels = download_labels(at.tabs[1])
    assert labels["admin_audit_csv"] == "下载 CSV"
    assert labels["admin_audit_xlsx"] == "下载 Excel"
