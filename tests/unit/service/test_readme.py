"""README's two commands stay true: CI runs exactly the test command the README shows."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def _commands() -> list[str]:
    return re.findall(r"```bash\n(.+?)\n```", (ROOT / "README.md").read_text(encoding="utf-8"))


def test_readme_opens_with_a_run_command_and_a_test_command() -> None:
    run, test = _commands()[:2]
    assert run.endswith("roundtable-bot chat")
    assert "pytest" in test


def test_ci_runs_the_readme_test_command_word_for_word() -> None:
    test_command = _commands()[1]
    ci_lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert test_command in ci_lines
