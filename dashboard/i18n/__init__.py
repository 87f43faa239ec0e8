"""All UI text, in English and 简体中文.

Strings live in one catalog module per area (``dashboard/i18n/<area>.py``), each a dict
``STRINGS = {key: {"en": ..., "zh": ...}}``, declared in the registry of areas
(``dashboard.areas``); ``common`` holds the shell's. ``t(key, **params)`` formats the string
of the session's language; a missing key raises ``KeyError`` (tests check every key used in
the code exists in both languages). ``CATALOG`` is every string in one dict, assembled on
first use: the registry imports this package's catalog modules, so this package cannot
import the registry while it loads.
"""

import functools

from dashboard.i18n import common

LANGUAGES = {"en": "English", "zh": "简体中文"}
DEFAULT_LANGUAGE = "en"
LANG_KEY = "ui_lang"


def load_catalog() -> dict[str, dict[str, str]]:
    """The common strings and every area's in one dict; a key defined twice is an error."""
    from dashboard.areas import catalogs

    catalog: dict[str, dict[str, str]] = dict(common.STRINGS)
    for area, strings in catalogs():
        clash = set(catalog) & set(strings)
        if clash:
            raise ValueError(f"i18n keys defined twice ({area}): {sorted(clash)[:5]}")
        catalog.update(strings)
    return catalog


@functools.cache
def _catalog() -> dict[str, dict[str, str]]:
    return load_catalog()


def __getattr__(name: str) -> object:
    if name == "CATALOG":
        return _catalog()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def current_language() -> str:
    """The session's language (``st.session_state[LANG_KEY]``), English outside Streamlit."""
    from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

    if get_script_run_ctx(suppress_warning=True) is None:  # plain scripts, unit tests
        return DEFAULT_LANGUAGE
    import streamlit as st

    return st.session_state.get(LANG_KEY, DEFAULT_LANGUAGE)


def t(key: str, lang: str | None = None, **params: object) -> str:
    """The text for ``key`` in ``lang`` (default: the session's), formatted with ``params``."""
    text = _catalog()[key][lang or current_language()]
    return text.format(**params) if params else text


def error_text(error: Exception, lang: str | None = None) -> str:
    """An ``OpsError`` said in the user's language (other exceptions: their message)."""
    key = getattr(error, "key", None)
    if key is None or key not in _catalog():
        return str(error)
    return t(key, lang, **{k: "" if v is None else v for k, v in error.params.items()})


def label(kind: str, code: str | None, lang: str | None = None) -> str:
    """The display name of an enumerated code, e.g. ``label("tier", "core")`` → 核心群."""
    if code is None:
        return ""
    key = f"{kind}.{code}"
    return t(key, lang) if key in _catalog() else code
