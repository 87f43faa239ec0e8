"""All UI text, in English and 简体中文.

Strings live in one catalog module per area (``dashboard/i18n/<area>.py``), each a dict
``STRINGS = {key: {"en": ..., "zh": ...}}``. ``t(key, **params)`` formats the string of the
session's language; a missing key raises ``KeyError`` (tests check every key used in the
code exists in both languages).
"""

import importlib
import importlib.util

LANGUAGES = {"en": "English", "zh": "简体中文"}
DEFAULT_LANGUAGE = "en"
LANG_KEY = "ui_lang"

CATALOG_MODULES = (
    "common",
    "org",
    "accounts",
    "kpis",
    "pipeline",
    "coaching",
    "manuals",
    "overview",
    "retention",
    "activity",
)


def load_catalog() -> dict[str, dict[str, str]]:
    """Every area's strings in one dict; a key defined twice is an error."""
    catalog: dict[str, dict[str, str]] = {}
    for area in CATALOG_MODULES:
        name = f"{__name__}.{area}"
        if importlib.util.find_spec(name) is None:
            continue
        strings = importlib.import_module(name).STRINGS
        clash = set(catalog) & set(strings)
        if clash:
            raise ValueError(f"i18n keys defined twice ({area}): {sorted(clash)[:5]}")
        catalog.update(strings)
    return catalog


CATALOG = load_catalog()


def current_language() -> str:
    """The session's language (``st.session_state[LANG_KEY]``), English outside Streamlit."""
    from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

    if get_script_run_ctx(suppress_warning=True) is None:  # plain scripts, unit tests
        return DEFAULT_LANGUAGE
    import streamlit as st

    return st.session_state.get(LANG_KEY, DEFAULT_LANGUAGE)


def t(key: str, lang: str | None = None, **params: object) -> str:
    """The text for ``key`` in ``lang`` (default: the session's), formatted with ``params``."""
    text = CATALOG[key][lang or current_language()]
    return text.format(**params) if params else text


def error_text(error: Exception, lang: str | None = None) -> str:
    """An ``OpsError`` said in the user's language (other exceptions: their message)."""
    key = getattr(error, "key", None)
    if key is None or key not in CATALOG:
        return str(error)
    return t(key, lang, **{k: "" if v is None else v for k, v in error.params.items()})


def label(kind: str, code: str | None, lang: str | None = None) -> str:
    """The display name of an enumerated code, e.g. ``label("tier", "core")`` → 核心群."""
    if code is None:
        return ""
    key = f"{kind}.{code}"
    return t(key, lang) if key in CATALOG else code
