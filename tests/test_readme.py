"""The README's first commands stay true: CI runs exactly the README's test command."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def readme_commands() -> list[str]:
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()[:12]
    start = lines.index("```bash") + 1
    end = lines.index("```", start)
    return lines[start:end]


def test_readme_starts_with_the_run_and_the_test_command() -> None:
    run, test = readme_commands()
    assert "streamlit run streamlit_app.py" in run
    assert "pip install -r requirements.txt" in run
    assert "pytest" in test and "chromium" in test and "fonts-noto-cjk" in test


def test_ci_runs_exactly_the_readme_test_command() -> None:
    _, test = readme_commands()
    ci_lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert ci_lines[-1] == test
