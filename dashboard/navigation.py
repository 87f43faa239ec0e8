"""The app's menu: the pages the registry of areas declares (``dashboard.areas``), in menu
order; the first is the default page."""

import ast
import contextlib
import functools
import gc
import json
import re
import threading
from collections.abc import Iterator
from pathlib import Path

import streamlit as st
from streamlit.errors import StreamlitAPIException

from dashboard import areas
from dashboard.i18n import LANG_KEY, LANGUAGES, t

ROOT = Path(__file__).resolve().parent.parent
ADMIN_PAGES = {"pages/admin.py"}  # in the menu (and reachable by link) of admins only
LANG_COOKIE = "ops_lang"  # the language of a browser that is not signed in


def available_pages() -> list[tuple[str, str, str, str]]:
    """``(script, title key, icon, section key)`` of every page, in menu order."""
    return [(page.script, page.title_key, page.icon, page.section_key) for page in areas.pages()]


def area_page(area_key: str) -> areas.Page | None:
    """The page that serves an area (its first, or that of the area it is ``served_by``):
    where the overview links its alerts."""
    for area in areas.AREAS:
        if area.key == area_key and area.pages:
            return area.pages[0]
        if area.key == area_key and area.served_by is not None:
            return area_page(area.served_by)
    return None


def build_navigation(admin: bool = True) -> dict[str, list]:
    """``st.navigation`` sections with titles in the session's language; the admin pages
    only when ``admin``."""
    sections: dict[str, list] = {}
    pages = [page for page in available_pages() if admin or page[0] not in ADMIN_PAGES]
    for index, (script, title_key, icon, section_key) in enumerate(pages):
        page = st.Page(
            ROOT / script,
            title=t(title_key),
            icon=icon,
            url_path=Path(script).stem,
            default=index == 0,
        )
        sections.setdefault(t(section_key), []).append(page)
    return sections


def cookie_language() -> str | None:
    """The language this browser last used (its cookie), if it is one of ours."""
    try:
        language = st.context.cookies.get(LANG_COOKIE)
    except Exception:  # noqa: BLE001 - no browser (AppTest, bare mode)
        return None
    return language if language in LANGUAGES else None


# Streamlit loads each element's browser code the first time a page shows one: the first
# page with a table and a chart waited ~0.3 s for ~2 MB of it (the KPI board, in menu order).
# The shell asks the browser to load it while idle (during sign-in, on the overview), biggest
# first, so no page's first open waits for it. Files of the pinned Streamlit version, found
# by name; tests/test_shell_script.py fails when an upgrade renames one.
ELEMENT_CODE = (
    "DataFrame",  # st.dataframe and st.data_editor
    "ArrowVegaLiteChart",  # Altair and Vega-Lite charts
    "Multiselect",
    "Radio",
    "Checkbox",  # also st.toggle
    "DownloadButton",
    "DateInput",
    "NumberInput",
    "TextArea",
    "FileUploader",
    "ButtonGroup",  # st.segmented_control
    "Metric",
    "Progress",
    "LinkButton",
    "Toast",
)
STREAMLIT_JS = Path(st.__file__).parent / "static" / "static" / "js"


@functools.cache
def element_code_files() -> tuple[str, ...]:
    """The files of ``ELEMENT_CODE`` in the installed Streamlit, relative to its ``js``
    folder: each element's module and style sheet (names it does not have are left out)."""
    static = STREAMLIT_JS.parent
    names = [f"js/{path.name}" for path in sorted(static.glob("js/*.js"))]
    names += [f"css/{path.name}" for path in sorted(static.glob("css/*.css"))]
    found = []
    for element in ELEMENT_CODE:
        pattern = re.compile(rf"(js|css)/{element}\.[^.]+\.(js|css)")
        found += [f"../{name}" for name in names if pattern.fullmatch(name)]
    return tuple(found)


def shell_script(language: str) -> str:
    """The app's own script: sets ``<html lang>`` and the language cookie, and, once per
    browser tab, loads the elements' code in idle time, one file after another (a style
    sheet into the browser's cache, a module into the page as Streamlit would import it);
    ``window.opsElementCodeLoaded`` once all are in (browser tests wait for it)."""
    files = json.dumps(element_code_files())
    return (
        f"<script>document.documentElement.lang = '{language}';"
        f" document.cookie = '{LANG_COOKIE}={language}; path=/; max-age=31536000;"
        " samesite=strict';"
        " if (!window.opsElementCode) {"
        f" window.opsElementCode = {files};"
        " const index = document.querySelector('script[type=module][src*=\"/js/index.\"]');"
        " const idle = window.requestIdleCallback || ((next) => setTimeout(next, 100));"
        " const load = () => { const file = window.opsElementCode.shift();"
        " if (!index || !file) { window.opsElementCodeLoaded = true; return; }"
        " const url = new URL(file, index.src);"
        " (file.endsWith('.css') ? fetch(url) : import(url)).catch(() => {})"
        ".finally(() => idle(load)); };"
        " idle(load); }</script>"
    )


def set_document_language(language: str) -> None:
    """Make ``<html lang>`` follow the UI language (screen readers, fonts, translation
    offers), remember it in this browser for the next visit before signing in, and load the
    elements' code while idle. Streamlit leaves ``lang`` alone, so a tiny script in the
    page sets it."""
    if language in LANGUAGES:  # only our own codes go into the script
        st.html(shell_script(language), unsafe_allow_javascript=True)


# Until ``st.navigation`` has run once in a server, Streamlit treats a ``pages/`` folder next
# to the main script as a v1 multipage app: a fresh server's first run runs the shell inside
# that mode, or, for a deep link (``/org_structure``), the page's script alone: no sign-in, no
# language box, no menu. Both leave that mode and rerun: the rerun goes through the shell to
# the same page. (Only a fresh server's first runs do this, and a first run carries no click
# that the rerun could lose.) Each such run reruns, not only the first to clear the flag:
# sessions whose first runs overlap all start in that mode, and a shell left in it gives its
# widgets other ids than later runs do, so the next click (a sign-in) would be dropped.
_shell = threading.local()


def _in_pages_folder_mode() -> bool:
    """Whether this run is one of the pages-folder mode's: the flag is still up, or the
    mode runs this script as one of its pages (under that page's hash, not the main one)."""
    from streamlit.runtime.pages_manager import PagesManager  # internal, pinned version
    from streamlit.runtime.scriptrunner_utils.script_run_context import (
        ThreadState,
        get_script_run_ctx,
    )

    if PagesManager.uses_pages_directory:
        return True
    ctx = get_script_run_ctx()
    return ctx is not None and (
        ThreadState.get().active_script_hash != ctx.pages_manager.main_script_hash
    )


def _leave_pages_folder_mode() -> None:
    from streamlit.runtime.pages_manager import PagesManager  # internal, pinned version

    if _in_pages_folder_mode():
        PagesManager.uses_pages_directory = False
        st.rerun()


@contextlib.contextmanager
def app_shell() -> Iterator[None]:
    """Around the body of ``streamlit_app.py``: the pages it runs have their shell."""
    _leave_pages_folder_mode()
    _shell.active = True
    try:
        yield
    finally:
        _shell.active = False


def ensure_app_shell() -> None:
    """First line of every page: a page that runs without the shell (see above) reruns
    through it."""
    if not getattr(_shell, "active", False):
        _leave_pages_folder_mode()


# Widgets that send their options to the browser as formatted labels.
_CHOICE_SERDES = (
    "SelectboxSerde",
    "RadioSerde",
    "MultiSelectSerde",
    "SelectSliderSerde",
    "ButtonGroupSerde",
)


def relabel_choices() -> None:
    """``on_change`` of the language box: keep every keyed choice widget's value and have
    Streamlit send it again, so the browser shows it in the new language.

    The browser holds a select widget's value as its formatted label ("Core group"); a
    keyed widget keeps its identity when the labels change language, so without this the
    chosen chips stay English beside Chinese options. Re-assigning the (still decoded)
    values through ``st.session_state`` makes the next run send them with the new labels.
    """
    from streamlit.runtime.state import get_session_state  # internal, pinned version

    state = get_session_state()._state
    keys = state._key_id_mapper.id_key_mapping
    for widget_id, metadata in list(state._new_widget_state.widget_metadata.items()):
        key = keys.get(widget_id)
        deserializer = metadata.deserializer
        owner = getattr(deserializer, "__self__", None)
        name = type(owner).__name__ if owner is not None else deserializer.__qualname__
        if key is None or key == LANG_KEY or not name.endswith(_CHOICE_SERDES):
            continue
        try:
            st.session_state[key] = st.session_state[key]
        except (KeyError, StreamlitAPIException):
            continue


def page_imports() -> list[str]:
    """The import statements of the pages' scripts, in menu order (each once)."""
    statements: dict[str, None] = {}
    for script, _title_key, _icon, _section_key in available_pages():
        tree = ast.parse((ROOT / script).read_text(encoding="utf-8"))
        imports = (node for node in tree.body if isinstance(node, ast.Import | ast.ImportFrom))
        statements.update(dict.fromkeys(ast.unparse(node) for node in imports))
    return list(statements)


@st.cache_resource(show_spinner=False)
def preload_pages() -> threading.Thread:
    """Once per server: run the pages' imports (altair, their panels, ...) and load Babel's
    locale data in the background while the first user signs in, so no page's first open
    pays for them (altair alone takes ~0.5-1 s); then freeze what the server holds so far
    out of the garbage collector's sight.

    Streamlit collects garbage fully after every script run; with the modules of the pages
    loaded (~140,000 objects) each collection took ~90 ms holding the GIL, which also holds
    the server's event loop: with 10 leads at once it was 74 % of the server's GIL time
    (``py-spy record --gil`` over ``python -m benchmarks concurrency``). Frozen objects are
    never scanned again (CPython's advice for servers, ``gc.freeze``): the collection after a
    run looks at that run's objects only. Objects of runs in flight at that moment are frozen
    too; were they garbage in a cycle, they stay (once, bounded)."""
    code = compile("\n".join(page_imports()), "<page imports>", "exec")

    def preload() -> None:
        exec(code, {})
        from dashboard.i18n.formats import load_locale_data  # Babel: imported by the pages

        load_locale_data()  # Babel's dates and numbers of both languages (~10 ms)
        gc.collect()
        gc.freeze()

    thread = threading.Thread(target=preload, name="preload-pages", daemon=True)
    thread.start()
    return thread
