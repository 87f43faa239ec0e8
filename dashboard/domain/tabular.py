"""Reading the tables people upload: CSV (GB18030/GBK, UTF-8 with or without BOM, UTF-16
"Unicode text"; comma, tab or semicolon separated) and Excel workbooks, with English or
Chinese headers, and the cell parsers for the dates and numbers they contain. Every import
reuses this module; it knows no page and no widget (no streamlit here).

A file it cannot read raises ``ValidationError`` with a ``tabular.err.*`` key whose message
a lead understands; codec and zip errors never reach the screen."""

import codecs
import csv
import io
import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import pandas as pd
from charset_normalizer import from_bytes

from db.errors import ValidationError

ZIP_SIGNATURE = b"PK\x03\x04"
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Excel 97-2003 .xls
DELIMITERS = {",": "comma", "\t": "tab", ";": "semicolon"}
CHUNK_ROWS = 10_000  # rows validated and staged at a time: memory stays bounded
PREFIX_BYTES = 1 << 20  # the encoding is detected on the first megabyte
DECODE_BLOCK = 1 << 20  # ... and checked over the whole file a megabyte at a time
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
BLANK = re.compile(rb"[ \t\r\n\x00]*")
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


def open_table(name: str, content: bytes, columns: Sequence[Column]) -> "TableStream":
    """An uploaded CSV/TSV or ``.xlsx`` file with ``columns``, ready to be read in chunks.

    The format is recognised from the bytes, not the name; a text file's encoding is
    detected with charset-normalizer on its first megabyte and checked over the whole file
    (which is never decoded at once). The header row is found here. Raises
    ``ValidationError`` for an empty, binary, broken or unreadable file and for missing
    required columns; a row the CSV parser cannot read raises it while the chunks are read.
    """
    if BLANK.fullmatch(content):  # (``strip()`` would copy a 50 MB file to find out)
        raise ValidationError("tabular.err.empty", name=name)
    if content.startswith(OLE_SIGNATURE):
        raise ValidationError("tabular.err.old_excel", name=name)
    if content.startswith(ZIP_SIGNATURE):
        _workbook(name, content).close()  # a broken workbook is refused now, not mid-import
        stream = TableStream(name, lambda: _workbook_rows(name, content), "xlsx")
    else:
        codec, encoding = detect_encoding(name, content)
        delimiter = sniff_delimiter(_first_line(content, codec))
        stream = TableStream(
            name,
            lambda: _csv_rows(name, content, codec, delimiter),
            "csv",
            encoding,
            DELIMITERS.get(delimiter),
        )
    stream.find_header(columns)
    return stream


def read_table(name: str, content: bytes, columns: Sequence[Column]) -> Table:
    """Read an uploaded CSV/TSV or ``.xlsx`` file into one ``Table`` with ``columns`` (see
    ``open_table``; for files small enough to hold every row in memory)."""
    stream = open_table(name, content, columns)
    table = stream.table([], [])
    for chunk in stream.chunks():
        table.records.extend(chunk.records)
        table.lines.extend(chunk.lines)
    return table


class TableStream:
    """An uploaded table read lazily: what was detected (format, encoding, separator,
    header) and its rows, chunk by chunk, as often as needed.

    :param rows: makes a fresh iterator of ``(row number, cells)`` over the whole file.
    """

    def __init__(
        self,
        name: str,
        rows: Callable[[], Iterator[tuple[int, list]]],
        file_format: str,
        encoding: str | None = None,
        delimiter: str | None = None,
    ) -> None:
        self.name = name
        self.rows = rows
        self.file_format = file_format  # "csv" or "xlsx"
        self.encoding = encoding  # e.g. "GB18030", "UTF-8 (BOM)", for CSV
        self.delimiter = delimiter  # "comma", "tab" or "semicolon", for CSV
        self.headers: list[str] = []
        self.ignored: list[str] = []  # headers that name no column
        self.header_at = 0  # the header's row number
        self.positions: list[tuple[str, int]] = []  # (column, position in the row)

    def find_header(self, columns: Sequence[Column]) -> None:
        """Find the header among the first non-empty rows and map the columns; raises
        ``ValidationError`` for an empty file or missing required columns."""
        first = None
        for seen, (number, cells) in enumerate(_non_empty(self.rows())):
            first = first or cells
            found = {c.name for c in columns for h in cells if c.matches(h)}
            if all(c.name in found for c in columns if c.required):
                self.header_at = number
                self.headers = ["" if h is None else str(h) for h in cells]
                break
            if seen + 1 >= HEADER_SEARCH_ROWS:
                break
        else:
            if first is None:
                raise ValidationError("tabular.err.empty", name=self.name)
        if not self.headers:
            headers = [str(h) for h in first if h is not None]
            missing = [c for c in columns if c.required and not any(c.matches(h) for h in headers)]
            raise ValidationError(
                "tabular.err.missing_columns",
                columns=", ".join(c.label_en for c in missing),
                columns_zh="、".join(c.label_zh for c in missing),
                found=(", ".join(headers) or "–")[:200],
            )
        positions: dict[str, int] = {}
        for position, header in enumerate(self.headers):
            column = next((c for c in columns if c.matches(header)), None)
            if column is not None and column.name not in positions:
                positions[column.name] = position
            elif header:
                self.ignored.append(header)
        self.positions = list(positions.items())

    def table(self, records: list[dict], lines: list[int]) -> Table:
        """A ``Table`` of these rows with what was detected."""
        return Table(
            records,
            lines,
            self.file_format,
            self.headers,
            self.encoding,
            self.delimiter,
            self.ignored,
        )

    def chunks(self, size: int | None = None) -> Iterator[Table]:
        """The rows below the header, ``size`` (``CHUNK_ROWS``) at a time (empty rows
        skipped, numbers kept)."""
        size = size or CHUNK_ROWS
        records: list[dict] = []
        lines: list[int] = []
        wanted = self.positions
        for number, cells in _non_empty(self.rows()):
            if number <= self.header_at:
                continue
            width = len(cells)
            records.append({column: cells[p] if p < width else None for column, p in wanted})
            lines.append(number)
            if len(records) >= size:
                yield self.table(records, lines)
                records, lines = [], []
        if records:
            yield self.table(records, lines)

    def count(self) -> int:
        """How many rows the table has below its header (reads the file once)."""
        return sum(1 for number, _ in _non_empty(self.rows()) if number > self.header_at)


def _non_empty(rows: Iterator[tuple[int, list]]) -> Iterator[tuple[int, list]]:
    """Rows with their text cells stripped (``None`` if blank), without empty rows: an
    empty line keeps its number, rows are counted as Excel shows them."""
    for number, raw in rows:
        cells = [(c.strip() or None) if isinstance(c, str) else c for c in raw]
        if any(c is not None for c in cells):
            yield number, cells


def detect_encoding(name: str, content: bytes) -> tuple[str, str]:
    """The codec of a CSV file and its display name (``UTF-8 (BOM)``, ``GB18030``,
    ``UTF-16`` …): a BOM decides at once, else charset-normalizer on the first megabyte
    (on the whole file if the rest does not decode the same way). Refuses a file that does
    not decode or holds NULs (a binary file)."""
    checked = False
    if content.startswith(b"\xef\xbb\xbf"):
        codec, display = "utf_8_sig", "UTF-8 (BOM)"
    elif content.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        codec, display = "utf_32", "UTF-32"
    elif content.startswith((b"\xff\xfe", b"\xfe\xff")):
        codec, display = "utf_16", "UTF-16"
    else:
        prefix = content[:PREFIX_BYTES]
        if len(content) > PREFIX_BYTES and b"\n" in prefix:
            prefix = prefix[: prefix.rindex(b"\n") + 1]  # no character cut in half
        codec, display = _guess(name, prefix)
        if len(prefix) < len(content):
            checked = _decodes(name, content, codec)
            if not checked:  # the rest of the file reads differently: look at all of it
                codec, display = _guess(name, content)
    if not checked and not _decodes(name, content, codec):
        raise ValidationError("tabular.err.encoding", name=name)
    return codec, display


def _guess(name: str, sample: bytes) -> tuple[str, str]:
    matches = list(from_bytes(sample))
    if not matches:
        raise ValidationError("tabular.err.encoding", name=name)
    best = matches[0]
    close = [m for m in matches if m.chaos <= best.chaos + CHAOS_TOLERANCE]
    encodings = [_family(m.encoding) for m in close]
    for candidate in best.could_be_from_charset:
        encodings.append(_family(candidate))
    chosen = next((e for e in PREFERRED_ENCODINGS if e in encodings), _family(best.encoding))
    return chosen, ENCODING_NAMES.get(chosen, chosen.upper())


def _family(encoding: str) -> str:
    if encoding in GB_FAMILY:
        return "gb18030"
    return "utf_8" if encoding == "ascii" else encoding


def _decodes(name: str, content: bytes, codec: str) -> bool:
    """Whether the whole file decodes with ``codec``, a block at a time; ``ValidationError``
    if the text holds NULs (a binary file, not a table)."""
    decoder = codecs.getincrementaldecoder(codec)()
    try:
        for start in range(0, len(content), DECODE_BLOCK):
            block = content[start : start + DECODE_BLOCK]
            if "\x00" in decoder.decode(block, final=start + DECODE_BLOCK >= len(content)):
                raise ValidationError("tabular.err.binary", name=name)
    except UnicodeDecodeError:
        return False
    return True


def _text(content: bytes, codec: str) -> io.TextIOWrapper:
    return io.TextIOWrapper(io.BytesIO(content), encoding=codec, newline="")


def _first_line(content: bytes, codec: str) -> str:
    return next((line for line in _text(content, codec) if line.strip()), "")


def sniff_delimiter(text: str) -> str:
    """Comma, tab or semicolon: whichever the first non-empty line holds most of
    (outside quotes); a comma when it holds none."""
    line = next((ln for ln in text.splitlines() if ln.strip()), "")
    unquoted = re.sub(r'"[^"]*"', "", line)
    counts = {d: unquoted.count(d) for d in DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _csv_rows(name: str, content: bytes, codec: str, delimiter: str):
    try:
        yield from enumerate(csv.reader(_text(content, codec), delimiter=delimiter), 1)
    except csv.Error as error:
        raise ValidationError("tabular.err.csv", name=name) from error


def _workbook(name: str, content: bytes):
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # a cut, renamed or foreign zip is the user's file
        raise ValidationError("tabular.err.workbook", name=name) from error
    if not book.worksheets:
        book.close()
        raise ValidationError("tabular.err.empty", name=name)
    return book


def _workbook_rows(name: str, content: bytes):
    """``(row number, cells)`` of the first sheet, streamed (read-only mode); percent-formatted
    numbers come back as text like ``12.5%`` so that a rate typed as ``12.5%`` in Excel
    means 12.5 %."""
    book = _workbook(name, content)
    try:
        sheet = book.worksheets[0]
        sheet.reset_dimensions()  # some writers store a wrong size: read every row there is
        try:
            for number, row in enumerate(sheet.iter_rows(min_row=1), 1):
                yield number, [_cell(c) for c in row]
        except Exception as error:  # a damaged sheet inside a valid zip
            raise ValidationError("tabular.err.workbook", name=name) from error
    finally:
        book.close()


def _cell(cell) -> object:
    value = getattr(cell, "value", None)
    number_format = getattr(cell, "number_format", "") or ""
    if isinstance(value, int | float) and not isinstance(value, bool) and "%" in number_format:
        return f"{round(value * 100, 10)!r}%"
    return value


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
