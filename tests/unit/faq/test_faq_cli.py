"""`roundtable-bot ask`: one answer per question, --json fields, --lang, --now, stdin, empty question."""

from __future__ import annotations

import ast
import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from service.cli import app
from tests.faq_eval import plain_spaces


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    for name in ("ROUNDTABLE_NOW", "ROUNDTABLE_LANG", "ROUNDTABLE_EVENT"):
        monkeypatch.delenv(name, raising=False)
    return CliRunner()


def ask(runner: CliRunner, *args: str, stdin: str | None = None) -> str:
    result = runner.invoke(app, ["ask", *args], input=stdin)
    assert result.exit_code == 0, result.output
    return plain_spaces(result.output)


def test_json_has_question_answer_intent_confidence_and_language(runner: CliRunner) -> None:
    line = ask(runner, "--json", "when is the signature panel?")
    record = json.loads(line)
    assert set(record) == {"question", "answer", "intent", "confidence", "lang"}
    assert record["intent"] == "when" and record["lang"] == "en"
    assert "11:00 am – 1:00 pm EDT" in record["answer"]
    assert 0.5 < record["confidence"] <= 1


def test_lang_forces_the_reply_language(runner: CliRunner) -> None:
    output = ask(runner, "--lang", "fr", "where is the reception?")
    assert "Mission permanente de Singapour" in output


def test_now_pins_the_clock_in_event_local_time(runner: CliRunner) -> None:
    assert "Matchmaking Session" in ask(runner, "--now", "2024-05-10T14:00", "what's on now?")
    assert "is over" in ask(runner, "--now", "2024-05-11T09:00", "what's next?")


def test_each_argument_is_one_question(runner: CliRunner) -> None:
    lines = ask(runner, "--json", "contact", "¿dónde es la recepción?").splitlines()
    assert [json.loads(line)["lang"] for line in lines] == ["en", "es"]


def test_questions_are_read_from_stdin_one_per_line(runner: CliRunner) -> None:
    output = ask(runner, "--json", stdin="when is the reception?\nquand est la réception ?\n")
    records = [json.loads(line) for line in output.splitlines()]
    assert [r["lang"] for r in records] == ["en", "fr"]
    assert all(r["intent"] == "when" for r in records)


def test_an_empty_question_gets_a_short_help_text(runner: CliRunner) -> None:
    output = ask(runner, "")
    assert "Ask me about the Global Roundtable" in output
    assert "cyberoewgchair@gmail.com" in output
    assert len(output.splitlines()) <= 3


def test_ask_never_imports_platform_or_database_libraries() -> None:
    """`ask` must start fast: no Slack, Teams, aiohttp or SQLAlchemy import (see bench/ask_cold_start.py)."""
    probe = (
        "import sys\n"
        "from service.cli import main\n"
        "sys.argv = ['roundtable-bot', 'ask', 'when is the reception?']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted({m.split('.')[0] for m in sys.modules}))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    loaded = set(ast.literal_eval(done.stdout.strip().splitlines()[-1]))
    assert loaded.isdisjoint({"slack_bolt", "slack_sdk", "botbuilder", "aiohttp", "sqlalchemy", "alembic"})
    assert "Welcome Reception" in done.stdout
