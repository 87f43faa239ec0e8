"""Every UI string exists in English and 简体中文, and every key the code uses exists."""

import ast
from pathlib import Path

import pytest

from dashboard import areas
from dashboard.i18n import (
    CATALOG,
    CATALOG_DIR,
    LANGUAGES,
    CatalogError,
    error_text,
    label,
    load_catalog,
    t,
)
from db.errors import ValidationError

ROOT = Path(__file__).resolve().parent.parent
CODE_DIRS = ("dashboard", "pages", "db", "seed")
KEYED_CALLS = {"t", "ValidationError", "ConflictError", "AccessDenied", "OpsError"}


def used_keys() -> set[tuple[str, str]]:
    """(file, key) for every literal first argument of t(...) and of the error classes,
    and every literal ``key=`` keyword of an Alert."""
    found = set()
    files = [ROOT / "streamlit_app.py"] + [
        path for folder in CODE_DIRS for path in (ROOT / folder).rglob("*.py")
    ]
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            first = node.args[0] if node.args else None
            if (
                name in KEYED_CALLS
                and isinstance(first, ast.Constant)
                and isinstance(first.value, str)
            ):
                found.add((str(path.relative_to(ROOT)), first.value))
            if name == "Alert":
                for keyword in node.keywords:
                    if keyword.arg == "key" and isinstance(keyword.value, ast.Constant):
                        found.add((str(path.relative_to(ROOT)), keyword.value.value))
    return found


def test_every_string_has_both_languages() -> None:
    incomplete = [
        key
        for key, texts in CATALOG.items()
        if set(texts) != set(LANGUAGES) or not all(str(texts[lang]).strip() for lang in LANGUAGES)
    ]
    assert incomplete == []


def test_every_key_used_in_code_is_in_the_catalog() -> None:
    keys = used_keys()
    assert len(keys) > 30  # the scan does find the app's keys
    missing = sorted((file, key) for file, key in keys if key not in CATALOG)
    assert missing == []


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
def test_placeholders_agree_between_languages(lang: str) -> None:
    import string

    def fields(text: str) -> set[str]:
        # a language may take a parameter's Chinese variant: {kpis} in English, {kpis_zh}
        return {
            name.removesuffix("_zh") for _, name, _, _ in string.Formatter().parse(text) if name
        }

    mismatched = [
        key for key, texts in CATALOG.items() if fields(texts[lang]) != fields(texts["en"])
    ]
    assert mismatched == []


def test_translation_and_error_rendering() -> None:
    assert t("tier.core", "zh") == "核心群"
    assert t("tier.core", "en") == "Core group"
    assert label("exit", "discord", "zh") == "团队不和"
    error = ValidationError("org.err.name_taken", name="拆书小组")
    assert error_text(error, "en") == "Another live group is already called “拆书小组”."
    assert error_text(error, "zh") == "已有其他群组叫“拆书小组”。"


def test_unknown_key_is_an_error() -> None:
    with pytest.raises(KeyError):
        t("no.such.key", "en")


def test_the_catalog_files_are_read_from_the_package_whatever_the_current_directory(
    monkeypatch, tmp_path
) -> None:
    monkeypatch.chdir(tmp_path)
    assert load_catalog() == CATALOG


# a catalog file's text, and what the error says after the file's path
BAD_CATALOGS = {
    "no zh": ('["toy.hello"]\nen = "Hello"\n', "'toy.hello' lacks its zh text"),
    "blank en": ('["toy.hello"]\nen = " "\nzh = "你好"\n', "'toy.hello' lacks its en text"),
    "a third language": (
        '["toy.hello"]\nen = "Hello"\nzh = "你好"\nfr = "Salut"\n',
        "'toy.hello' has ['fr'], not languages (en, zh)",
    ),
    "a number": ('["toy.hello"]\nen = "Hello"\nzh = 1\n', "'toy.hello' must give strings"),
    "not a table": ('"toy.hello" = "Hello"\n', "'toy.hello' must be a table"),
    "not TOML": ('["toy.hello"]\nen = "Hello\nzh = "你好"\n', "not valid TOML"),
}


@pytest.mark.parametrize(("text", "problem"), BAD_CATALOGS.values(), ids=list(BAD_CATALOGS))
def test_a_bad_catalog_file_fails_naming_the_file_and_the_key(
    monkeypatch, tmp_path, text: str, problem: str
) -> None:
    bad = tmp_path / "toy.toml"
    bad.write_text(text + '\n["toy.fine"]\nen = "Fine"\nzh = "好"\n', encoding="utf-8")
    monkeypatch.setattr(areas, "AREAS", (*areas.AREAS, areas.Area("toy", bad)))
    with pytest.raises(CatalogError) as failed:
        load_catalog()
    assert str(failed.value).startswith(f"{bad}: {problem}")


def test_a_misspelt_catalog_file_fails_naming_it(monkeypatch) -> None:
    monkeypatch.setattr(areas, "AREAS", (*areas.AREAS, areas.Area("toy", "toys.toml")))
    with pytest.raises(CatalogError) as failed:
        load_catalog()
    assert str(failed.value).startswith(f"{CATALOG_DIR / 'toys.toml'}: cannot read")
