"""Reading the tables people upload: CSV (GB18030/GBK, UTF-8 with or without BOM, UTF-16
"Unicode text"; comma, tab or semicolon separated) and Excel workbooks, with English or
Chinese headers, and the cell parsers for the dates and numbers they contain. Every import
reuses this module; it knows no page and no widget (no streamlit here).

A file it cannot read raises ``ValidationError`` with a ``tabular.err.*`` key whose message
a lead understands; codec and zip errors never reach the screen."""

import csv
import io
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import pandas as pd
from charset_normalizer import from_bytes

from db.errors import ValidationError

ZIP_SIGNATURE = b"PK\x03\x04"
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Excel 97-2003 .xls
DELIMITERS = {",": "comma", "\t": "tab", ";": "semicolon"}
HEADER_SEARCH_ROWS = 10  # a title line or two above the header row is common in Excel
# charset-normalizer's candidates that read the same bytes equally well are settled in this
# order: our users are on Chinese Windows, so GB18030 beats Korean/Japanese look-alikes and a
# Western code page beats exotic single-byte ones.
PREFERRED_ENCODINGS = ("utf_8", "utf_16", "utf_32", "gb18030", "big5", "cp1252")
GB_FAMILY = {"gb2312", "gbk", "gb18030", "hz"}  # GB18030 is a superset of them
CHAOS_TOLERANCE = 0.1
ENCODING_NAMES = {
    "utf_8": "UTF-8",
    "ascii": "UTF-8",
    "utf_16": "UTF-16",
    "utf_16_le": "UTF-16",
    "utf_16_be": "UTF-16",
    "utf_32": "UTF-32",
    "gb18030": "GB18030",
    "big5": "Big5",
}
EXCEL_EPOCH = date(1899, 12, 30)  # serial 1 is 1900-01-01 (Excel counts a 29 Feb 1900)
SERIAL_RANGE = (36526, 73051)  # Excel serials of 2000-01-01 .. 2100-01-01
DAY_PATTERN = re.compile(
    r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?"
    r"(?:(?:\s+|T)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
)
COMPACT_DAY = re.compile(r"(\d{4})(\d{2})(\d{2})")
GROUPED_NUMBER = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?")
CURRENCY = ("¥", "元", "RMB", "CNY")


@dataclass(frozen=True)
class Column:
    """A column an import reads: its canonical ``name``, the headers people give it, and
    its name in each UI language (for messages)."""

    name: str
    aliases: tuple[str, ...]
    label_en: str
    label_zh: str
    required: bool = True

    def matches(self, header: str) -> bool:
        """Whether ``header`` names this column (case, width and spaces ignored)."""
        wanted = header_key(header)
        return wanted == header_key(self.name) or wanted in {header_key(a) for a in self.aliases}


@dataclass
class Table:
    """An uploaded table: one dict per non-empty row keyed by canonical column names
    (cells as read: text from CSV; numbers, dates or text from Excel; ``None`` if empty),
    each row's number as the user sees it in Excel, and what was detected."""

    records: list[dict]
    lines: list[int]
    file_format: str  # "csv" or "xlsx"
    headers: list[str]
    encoding: str | None = None  # e.g. "GB18030", "UTF-8 (BOM)", for CSV
    delimiter: str | None = None  # "comma", "tab" or "semicolon", for CSV
    ignored: list[str] = field(default_factory=list)  # headers that name no column

    @property
    def frame(self) -> pd.DataFrame:
        """The records as a frame indexed by row number."""
        return pd.DataFrame(self.records, index=pd.Index(self.lines, name="row"))


def header_key(text: object) -> str:
    """A header as compared: NFKC (full-width → half-width), lower case, no spaces, no
    ``*`` required markers, no bracketed hints like ``(YYYY-MM-DD)``."""
    key = unicodedata.normalize("NFKC", str(text or "")).strip().lower()
    key = re.sub(r"[(\[].*?[)\]]", "", key)
    return re.sub(r"[\s*_\-]+", "", key)


def read_table(name: str, content: bytes, columns: Sequence[Column]) -> Table:
    """Read an uploaded CSV/TSV or ``.xlsx`` file into a ``Table`` with ``columns``.

    The format is recognised from the bytes, not the name; a text file's encoding is
    detected with charset-normalizer. Raises ``ValidationError`` for an empty, binary,
    broken or unreadable file and for missing required columns.
    """
    if not content or not content.strip(b" \t\r\n\x00"):
        raise ValidationError("tabular.err.empty", name=name)
    if content.startswith(ZIP_SIGNATURE):
        rows, file_format, encoding, delimiter = _workbook_rows(name, content), "xlsx", None, None
    elif content.startswith(OLE_SIGNATURE):
        raise ValidationError("tabular.err.old_excel", name=name)
    else:
        text, encoding = decode(name, content)
        delimiter = sniff_delimiter(text)
        rows = ((number, row) for number, row in enumerate(_csv_rows(name, text, delimiter), 1))
        file_format = "csv"
    return _table(name, rows, columns, file_format, encoding, DELIMITERS.get(delimiter or ""))


def decode(name: str, content: bytes) -> tuple[str, str]:
    """The text of a CSV file and the encoding's display name (``UTF-8 (BOM)``, ``GB18030``,
    ``UTF-16`` …), detected with charset-normalizer (a BOM decides at once)."""
    if content.startswith(b"\xef\xbb\xbf"):
        return _decoded(name, content, "utf_8_sig"), "UTF-8 (BOM)"
    if content.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return _decoded(name, content, "utf_32"), "UTF-32"
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _decoded(name, content, "utf_16"), "UTF-16"
    matches = list(from_bytes(content))
    if not matches:
        raise ValidationError("tabular.err.encoding", name=name)
    best = matches[0]
    close = [m for m in matches if m.chaos <= best.chaos + CHAOS_TOLERANCE]
    encodings = [_family(m.encoding) for m in close]
    for candidate in best.could_be_from_charset:
        encodings.append(_family(candidate))
    chosen = next((e for e in PREFERRED_ENCODINGS if e in encodings), _family(best.encoding))
    return _decoded(name, content, chosen), ENCODING_NAMES.get(chosen, chosen.upper())


def _family(encoding: str) -> str:
    if encoding in GB_FAMILY:
        return "gb18030"
    return "utf_8" if encoding == "ascii" else encoding


def _decoded(name: str, content: bytes, encoding: str) -> str:
    try:
        text = content.decode(encoding)
    except UnicodeDecodeError as error:
        raise ValidationError("tabular.err.encoding", name=name) from error
    if "\x00" in text:  # NULs in decoded text: a binary file, not a table
        raise ValidationError("tabular.err.binary", name=name)
    return text


def sniff_delimiter(text: str) -> str:
    """Comma, tab or semicolon: whichever the first non-empty line holds most of
    (outside quotes); a comma when it holds none."""
    line = next((ln for ln in text.splitlines() if ln.strip()), "")
    unquoted = re.sub(r'"[^"]*"', "", line)
    counts = {d: unquoted.count(d) for d in DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _csv_rows(name: str, text: str, delimiter: str):
    try:
        yield from csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    except csv.Error as error:
        raise ValidationError("tabular.err.csv", name=name) from error


def _workbook_rows(name: str, content: bytes):
    """``(row number, cells)`` of the first sheet; percent-formatted numbers come back as
    text like ``12.5%`` so that a rate typed as ``12.5%`` in Excel means 12.5 %."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(content), data_only=True)
    except Exception as error:  # a cut, renamed or foreign zip is the user's file
        raise ValidationError("tabular.err.workbook", name=name) from error
    if not book.worksheets:
        raise ValidationError("tabular.err.empty", name=name)
    return [(row[0].row, [_cell(c) for c in row]) for row in book.worksheets[0].iter_rows() if row]


def _cell(cell) -> object:
    value = getattr(cell, "value", None)
    number_format = getattr(cell, "number_format", "") or ""
    if isinstance(value, int | float) and not isinstance(value, bool) and "%" in number_format:
        return f"{round(value * 100, 10)!r}%"
    return value


def _table(name, rows, columns, file_format, encoding, delimiter) -> Table:
    numbered = []
    header_at = None
    for number, raw in rows:
        cells = [(c.strip() or None) if isinstance(c, str) else c for c in raw]
        if all(c is None for c in cells):
            continue  # an empty line keeps its number: rows are counted as Excel shows them
        numbered.append((number, cells))
        if header_at is None and len(numbered) <= HEADER_SEARCH_ROWS:
            found = {c.name for c in columns for h in cells if c.matches(h)}
            if all(c.name in found for c in columns if c.required):
                header_at = len(numbered) - 1
    if not numbered:
        raise ValidationError("tabular.err.empty", name=name)
    if header_at is None:
        headers = [str(h) for h in numbered[0][1] if h is not None]
        missing = [c for c in columns if c.required and not any(c.matches(h) for h in headers)]
        raise ValidationError(
            "tabular.err.missing_columns",
            columns=", ".join(c.label_en for c in missing),
            columns_zh="、".join(c.label_zh for c in missing),
            found=(", ".join(headers) or "–")[:200],
        )
    headers = ["" if h is None else str(h) for h in numbered[header_at][1]]
    positions: dict[str, int] = {}
    ignored = []
    for position, header in enumerate(headers):
        column = next((c for c in columns if c.matches(header)), None)
        if column is not None and column.name not in positions:
            positions[column.name] = position
        elif header:
            ignored.append(header)
    wanted = list(positions.items())
    records, lines = [], []
    for number, cells in numbered[header_at + 1 :]:
        width = len(cells)
        records.append({column: cells[p] if p < width else None for column, p in wanted})
        lines.append(number)
    return Table(records, lines, file_format, headers, encoding, delimiter, ignored)


# ---------------------------------------------------------------- cells


def parse_day(value: object) -> date | None:
    """A date from a cell: ``2026-06-01``, ``2026/6/1``, ``2026-6-1``, ``2026.6.1``,
    ``2026年6月1日``, ``20260601``, an Excel date cell or serial number (2000–2100),
    with or without a time of day; ``None`` if it is none of these or no real day."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return _serial_day(value)
    text = unicodedata.normalize("NFKC", str(value)).strip()
    match = DAY_PATTERN.fullmatch(text) or COMPACT_DAY.fullmatch(text)
    if match:
        try:
            return date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            return None
    if re.fullmatch(r"\d{5}(?:\.0+)?", text):
        return _serial_day(float(text))
    return None


def _serial_day(serial: float) -> date | None:
    if not float(serial).is_integer() or not SERIAL_RANGE[0] <= serial <= SERIAL_RANGE[1]:
        return None
    return EXCEL_EPOCH + timedelta(days=int(serial))


@dataclass(frozen=True)
class Number:
    """A parsed number; ``percent`` when it was written with ``%`` (``value`` is then the
    figure before the sign: ``12.5%`` → 12.5)."""

    value: float
    percent: bool = False


def parse_number(value: object) -> Number | None:
    """A number from a cell: ``1234``, ``1,234.5``, full-width ``１２３４``, ``12%``,
    ``¥1,200`` or ``1200元``; ``None`` if it is not one. ``inf``/``nan`` parse (the caller
    refuses them with its own message)."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return Number(float(value))
    text = unicodedata.normalize("NFKC", str(value)).strip().replace("\u2212", "-")
    for sign in CURRENCY:
        text = text.replace(sign, "")
    text = re.sub(r"\s+", "", text)
    percent = text.endswith("%")
    text = text.removesuffix("%")
    if "," in text:
        if not GROUPED_NUMBER.fullmatch(text):
            return None  # "1,2" is not a thousands separator: refuse rather than guess
        text = text.replace(",", "")
    try:
        return Number(float(text), percent)
    except ValueError:
        return None
