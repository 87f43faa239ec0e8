"""Dates, numbers and percentages in the UI language (Babel's CLDR formats), a bilingual
row's field in the language, and Vega-Lite date labels that Vega does not put in English.

No Streamlit here: every function takes the language explicitly.
"""

from collections.abc import Mapping
from datetime import date

from babel import dates as babel_dates
from babel import numbers as babel_numbers

LOCALES = {"en": "en", "zh": "zh_Hans_CN"}

# Babel skeletons (the locale orders and words them): 6月15日 / Jun 15, 2026年6月 / Jun 2026
DATE_SKELETONS = {"day": "MMMd", "month": "yMMM", "short": "yMd", "quarter": "yQQQ", "year": "y"}


def locale_of(lang: str) -> str:
    return LOCALES.get(lang, LOCALES["en"])


def format_date(day: date | str, lang: str, style: str = "short") -> str:
    """A date as the language writes it; ``style``: ``short`` (2026/6/15, 6/15/2026),
    ``day`` (6月15日, Jun 15), ``month`` (2026年6月, Jun 2026), ``quarter`` (2026年第2季度,
    Q2 2026), ``year`` (2026年, 2026) or ``long`` (2026年6月15日, June 15, 2026)."""
    if isinstance(day, str):
        day = date.fromisoformat(day[:10] if len(day) > 7 else f"{day}-01")
    if style == "long":
        return babel_dates.format_date(day, "long", locale=locale_of(lang))
    return babel_dates.format_skeleton(DATE_SKELETONS[style], day, locale=locale_of(lang))


def format_number(value: float, lang: str, decimals: int = 1) -> str:
    """A number with the locale's grouping, whole numbers without decimals."""
    pattern = "#,##0" if float(value).is_integer() else "#,##0." + "0" * decimals
    return babel_numbers.format_decimal(value, pattern, locale=locale_of(lang))


def format_percent(share: float, lang: str, decimals: int = 0) -> str:
    """A share (0.25) as a percentage (25%)."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "") + "%"
    return babel_numbers.format_percent(share, pattern, locale=locale_of(lang))


def load_locale_data() -> None:
    """Format a date in every style and a number in each language once: Babel reads its
    locale data (about 10 ms, once per process) at the first use of a locale, which would
    otherwise be the first run of the first page that shows a date (``preload_pages``
    calls this in the background at the server's start)."""
    for lang in LOCALES:
        for style in (*DATE_SKELETONS, "long"):
            format_date(date(2026, 6, 15), lang, style)
        format_number(1234.5, lang)
        format_percent(0.25, lang)


def localized(row: Mapping, field: str, lang: str) -> str:
    """A bilingual row's ``field`` in ``lang``: ``<field>_zh`` in Chinese when it is set,
    else ``field`` (e.g. ``localized(role, "name", "zh")`` → 群主)."""
    if lang == "zh":
        chinese = row.get(f"{field}_zh")
        if isinstance(chinese, str) and chinese.strip():
            return chinese
    return row[field]


def vega_date_label(lang: str, style: str = "day") -> str:
    """A Vega ``labelExpr`` writing a temporal axis' dates as the language does (Vega's own
    formats name months and weekdays in English)."""
    value = "datum.value"
    if lang == "zh":
        if style == "month":
            return f"year({value}) + '年' + (month({value}) + 1) + '月'"
        return f"(month({value}) + 1) + '月' + date({value}) + '日'"
    if style == "month":
        return f"timeFormat({value}, '%b %Y')"
    return f"timeFormat({value}, '%b %d')"


def vega_date_format(lang: str) -> str:
    """A d3 time format for tooltips of dates, without month or weekday names."""
    return "%Y年%-m月%-d日" if lang == "zh" else "%b %d, %Y"
