"""简体中文 is Chinese all through: every page (every tab: AppTest renders them all) run as
an admin in zh shows no Latin word outside an explicit allow-list of names and codes."""

import io
import json
import re

import pandas as pd
import pyarrow as pa
import pytest
from google.protobuf.message import Message

from dashboard.activity.formats import FORMATS
from dashboard.i18n import LANGUAGES
from dashboard.navigation import shell_script
from tests.pages import PAGE_NAMES

# What may stay Latin in the Chinese UI: product names, formats, units and codes that Chinese
# users read as they are, and the demo's account names and chat handles.
ALLOWED = {
    # formats, products and units
    *[
        "CSV",
        "Excel",
        "PNG",
        "SVG",
        "DOT",
        "KPI",
        "ID",
        "Markdown",
        "CNY",
        "QQ",
        "WeCom",
        "Telegram",
        "ChatLab",
        "JSON",
        "JSONL",
        "Slack",
        "Webhook",
        "SMTP",
    ],
    *["Graphviz", "OIDC", "UTC", "MB"],
    # the demo accounts (user names are identifiers, typed at sign-in)
    *["admin", "lead", "viewer"],
    # the language box names each language in its own language
    "English",
}

# Proto fields that are not shown as text (ids, icons, raw data decoded separately).
HIDDEN_FIELDS = {
    "id",
    "form_id",
    "icon",
    "type",
    "url",
    "arrow_data",
    "lazy_data",
    "spec",
    "columns",
    "data",
    "datasets",
    "theme",
    "page_script_hash",
    "file_name",
    "mime",
    "selection_mode",
    "column_order",
    "format",
    "element_id",
    "page",
    "query_string",
    "autocomplete",
    "component_name",
    "json_args",
    "deferred_file_id",
    "language",  # a code block's highlighting
}


@pytest.fixture(scope="module")
def demo_template(zh_demo_template):
    """The demo community seeded in Chinese (its own text in the chosen language)."""
    return zh_demo_template


@pytest.fixture
def codes(demo_db) -> set[str]:
    """KPI and role codes: identifiers, typed as they are in either language."""
    rows = demo_db.execute("SELECT code FROM kpis UNION SELECT code FROM roles").fetchall()
    # and the names of imported chat exports (the user's files) with their format codes
    rows += demo_db.execute("SELECT file_name FROM activity_imports").fetchall()
    rows += [(code,) for code in FORMATS]
    return {word for (code,) in rows for word in LATIN_WORD.findall(code)}


LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def proto_texts(message: Message) -> list[str]:
    """Every string a proto carries, outside the hidden fields (recursively)."""
    texts: list[str] = []
    for descriptor, value in message.ListFields():
        if descriptor.name in HIDDEN_FIELDS:
            continue
        values = value if descriptor.is_repeated else [value]
        for item in values:
            if isinstance(item, Message):
                texts.extend(proto_texts(item))
            elif isinstance(item, str):
                texts.append(item)
    return texts


def frame_texts(frame: pd.DataFrame, columns_config: str, column_order: list[str]) -> list[str]:
    """Column headers (or their configured labels) and the text cells of shown columns (a
    select column shows its options' labels)."""
    config = json.loads(columns_config) if columns_config else {}
    texts: list[str] = []
    for column in column_order or frame.columns:
        settings = config.get(str(column)) or {}
        if settings.get("hidden") or column not in frame.columns:
            continue
        texts.append(settings.get("label") or str(column))
        options = settings.get("type_config", {}).get("options")
        if options:
            texts.extend(str(o["label"]) if isinstance(o, dict) else str(o) for o in options)
        else:
            texts.extend(json_values(v) for v in frame[column].dropna() if isinstance(v, str))
    return texts


def json_values(text: str) -> str:
    """A cell holding a JSON object (the audit log's before and after) shows stored field
    names, identifiers like codes: only its values are read."""
    if not text.startswith("{"):
        return text
    try:
        record = json.loads(text)
    except ValueError:
        return text
    return " ".join(str(v) for v in record.values() if isinstance(v, str))


def component_texts(json_args: str) -> list[str]:
    """The string values a custom component (the drag-and-drop board) is given to show."""
    texts: list[str] = []

    def walk(value) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if key not in ("direction", "customStyle", "key"):
                    walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, str):
            texts.append(value)

    walk(json.loads(json_args) if json_args else {})
    return texts


def spec_texts(spec: dict, datasets: dict[str, pd.DataFrame]) -> list[str]:
    """A Vega-Lite spec's titles and texts, the values of its encoded fields that an axis,
    a legend or a tooltip shows, and a marker for any date Vega would write in English."""
    texts: list[str] = []

    def channel(definition: dict, frame: pd.DataFrame | None) -> None:
        if definition.get("legend", {}) is None or definition.get("axis", {}) is None:
            return  # drawn as colour or position only
        field = str(definition.get("field", ""))
        if (
            frame is not None
            and field in frame.columns
            and definition.get("type")
            in (
                "nominal",
                "ordinal",
            )
        ):
            texts.extend(v for v in frame[field].dropna() if isinstance(v, str))
        if definition.get("type") == "temporal" or definition.get("timeUnit"):
            axis = definition.get("axis") or {}
            if not axis.get("labelExpr") and not definition.get("format"):
                texts.append(f"english-dates-from-vega:{field}")

    def walk(node, frame: pd.DataFrame | None) -> None:
        if isinstance(node, list):
            for item in node:
                walk(item, frame)
            return
        if not isinstance(node, dict):
            return
        data = node.get("data")
        if isinstance(data, dict) and data.get("name") in datasets:
            frame = datasets[data["name"]]
        for key in ("title", "text"):
            value = node.get(key)
            if isinstance(value, str):
                texts.append(value)
            elif isinstance(value, list):
                texts.extend(v for v in value if isinstance(v, str))
        for name, definition in (node.get("encoding") or {}).items():
            if name in ("order", "detail", "key"):
                continue
            for item in definition if isinstance(definition, list) else [definition]:
                if isinstance(item, dict):
                    channel(item, frame)
        for key, value in node.items():
            if key not in ("data", "datasets", "encoding"):
                walk(value, frame)
        for value in (node.get("encoding") or {}).values():
            walk(value, frame)

    walk(spec, None)
    return texts


def arrow_frame(data: bytes) -> pd.DataFrame:
    return pa.ipc.open_stream(io.BytesIO(data)).read_all().to_pandas()


def shown_texts(at) -> list[str]:
    """Every text the run shows: widgets, markdown, blocks, tables and charts."""
    texts: list[str] = []
    own = {shell_script(language) for language in LANGUAGES}  # sets <html lang>
    for node in at._tree:
        proto = getattr(node, "proto", None)
        body = getattr(proto, "body", None)
        if proto is None or body in own or (body or "").startswith("<style>"):
            continue  # the app's own script and style sheets are not text people read
        if node.type == "dataframe":
            texts.extend(frame_texts(node.value, proto.columns, list(proto.column_order)))
        elif node.type == "component_instance":
            texts.extend(component_texts(proto.json_args))
        elif hasattr(proto, "spec") and hasattr(proto, "datasets"):
            datasets = {d.name: arrow_frame(d.data.data) for d in proto.datasets}
            texts.extend(spec_texts(json.loads(proto.spec), datasets))
        empty = node.type == "multiselect" or (
            node.type == "selectbox" and not proto.HasField("default")
        )
        if empty and not proto.placeholder:
            # the browser then shows its own English "Choose options"
            texts.append(f"default-placeholder:{node.key or proto.label}")
        if isinstance(proto, Message):
            texts.extend(proto_texts(proto))
    return texts


def latin_words(texts: list[str], codes: set[str] = frozenset()) -> dict[str, str]:
    """Each Latin word neither allowed nor a code → the first text it was found in."""
    found: dict[str, str] = {}
    for text in texts:
        # links' targets and Material icon names are not read; the default check-in keyword
        # "check-in" is data matched in English messages, not UI text
        plain = re.sub(r"\]\([^)]*\)|:material/\w+:|https?://\S+|\bcheck-in\b", "", text)
        for word in LATIN_WORD.findall(plain):
            if word not in ALLOWED and word.upper() not in ALLOWED and word not in codes:
                found.setdefault(word, text[:120])
    return found


@pytest.mark.parametrize("page", PAGE_NAMES)
def test_chinese_page_shows_no_english(make_app, codes: set[str], page: str) -> None:
    at = make_app(page, lang="zh")
    assert not at.exception, [e.value for e in at.exception]
    assert latin_words(shown_texts(at), codes) == {}


@pytest.mark.parametrize(
    ("page", "tab_key"), [("org_structure", "org_tab"), ("retention", "retention_tab")]
)
def test_every_tab_of_a_chinese_page_shows_no_english(
    make_app, codes: set[str], page: str, tab_key: str
) -> None:
    """Pages whose tabs run only when open: each tab opened, in a session of its own."""
    for label in [tab.label for tab in make_app(page, lang="zh").tabs][1:]:
        at = make_app(page, lang="zh", state={tab_key: label})
        assert not at.exception, (label, [e.value for e in at.exception])
        assert latin_words(shown_texts(at), codes) == {}, label


def test_chinese_app_frame_shows_no_english(make_app, codes: set[str]) -> None:
    at = make_app(lang="zh")  # the shell with its sidebar
    assert not at.exception
    assert latin_words(shown_texts(at), codes) == {}


def test_the_check_finds_english() -> None:
    assert latin_words(["群主 owner", "KPI 看板", "6月15日"]) == {"owner": "群主 owner"}
    spec = {"encoding": {"x": {"field": "day", "type": "temporal"}}}
    assert spec_texts(spec, {}) == ["english-dates-from-vega:day"]
