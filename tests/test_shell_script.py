"""The shell's own script: the element code it has the browser load while idle is the very
code Streamlit's bundle imports (same files, so the same modules), found in the installed
Streamlit."""

import json
import re

from dashboard.navigation import (
    ELEMENT_CODE,
    STREAMLIT_JS,
    element_code_files,
    shell_script,
)


def test_every_listed_element_has_its_code_in_the_installed_streamlit() -> None:
    files = element_code_files()
    scripts = [name for name in files if name.endswith(".js")]
    # one module per element: a Streamlit upgrade that renames one fails here, not silently
    assert [re.match(r"\.\./js/([A-Za-z]+)\.", name)[1] for name in scripts] == list(ELEMENT_CODE)
    for name in files:
        assert (STREAMLIT_JS / name).resolve().is_file(), name


def test_the_modules_are_the_ones_streamlits_bundle_imports() -> None:
    page = (STREAMLIT_JS.parent.parent / "index.html").read_text(encoding="utf-8")
    bundle = re.search(r'<script type="module" crossorigin src="\./static/js/([^"]+)"', page)[1]
    text = (STREAMLIT_JS / bundle).read_text(encoding="utf-8")
    for name in element_code_files():
        # named relative to the bundle as it names them: the same URL, so the same module
        as_named = name.replace("../js/", "./") if name.endswith(".js") else name
        assert f'"{as_named}"' in text or f"`{as_named}`" in text, name


def test_the_script_carries_only_file_names() -> None:
    script = shell_script("zh")
    listed = json.loads(re.search(r"window\.opsElementCode = (\[.*?\]);", script)[1])
    assert listed == list(element_code_files())
    assert all(re.fullmatch(r"\.\./(js|css)/[\w.-]+\.(js|css)", name) for name in listed)
    assert "document.documentElement.lang = 'zh'" in script
