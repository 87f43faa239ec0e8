"""All UI text, in English and 简体中文.

Strings live in one catalog file per area (``dashboard/i18n/<area>.toml``), data that
translators edit without Python: one table per key, ``["key"]`` then ``en = "..."`` and
``zh = "..."`` (a string of several lines between triple quotes). The registry of areas
(``dashboard.areas``) names each area's file; ``common.toml`` holds the shell's. Files are
read relative to this package, never the current directory. ``t(key, **params)`` formats
the string of the session's language; a missing key raises ``KeyError`` (tests check every
key used in the code exists in both languages). ``CATALOG`` is every string in one dict,
assembled on first use (the registry imports modules that import this package, so this
package reads the registry only then). A catalog file that is missing or not TOML, a key
without both languages, or a key in two files fails with a ``CatalogError`` naming the
file(s) and the key.
"""

import functools
import tomllib
from pathlib import Path

LANGUAGES = {"en": "English", "zh": "简体中文"}
DEFAULT_LANGUAGE = "en"
LANG_KEY = "ui_lang"

CATALOG_DIR = Path(__file__).parent
COMMON_CATALOG = "common.toml"


class CatalogError(ValueError):
    """A catalog file that cannot be read, or whose strings do not fit the app."""


def read_catalog(path: Path) -> dict[str, dict[str, str]]:
    """The strings of one catalog file, in its order; each key must give every language."""
    try:
        with path.open("rb") as handle:
            strings = tomllib.load(handle)
    except OSError as error:
        raise CatalogError(
            f"{path}: cannot read this i18n catalog ({error.strerror or error})"
        ) from error
    except tomllib.TOMLDecodeError as error:
        raise CatalogError(f"{path}: not valid TOML ({error})") from error
    for key, texts in strings.items():
        if not isinstance(texts, dict):
            raise CatalogError(f'{path}: {key!r} must be a table: ["{key}"], en = ..., zh = ...')
        others = [name for name in texts if name not in LANGUAGES]
        if others:
            raise CatalogError(
                f"{path}: {key!r} has {others}, not languages ({', '.join(LANGUAGES)})"
            )
        if not all(isinstance(text, str) for text in texts.values()):
            raise CatalogError(f"{path}: {key!r} must give strings")
        missing = [lang for lang in LANGUAGES if not texts.get(lang, "").strip()]
        if missing:
            raise CatalogError(f"{path}: {key!r} lacks its {' and '.join(missing)} text")
    return strings


def load_catalog() -> dict[str, dict[str, str]]:
    """The common strings and every area's in one dict; a key in two files is an error."""
    from dashboard.areas import catalogs

    catalog: dict[str, dict[str, str]] = {}
    origin: dict[str, Path] = {}
    for name in [COMMON_CATALOG, *(file for _, file in catalogs())]:
        path = CATALOG_DIR / name  # an absolute path stays itself
        strings = read_catalog(path)
        clash = [key for key in strings if key in origin]
        if clash:
            twice = "; ".join(f"{key!r} in {origin[key]} and {path}" for key in clash[:5])
            raise CatalogError(f"i18n keys defined twice: {twice}")
        origin.update(dict.fromkeys(strings, path))
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
