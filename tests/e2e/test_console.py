"""The real `roundtable-bot chat` and `ask` commands as a newcomer runs them, through a pipe."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.e2e.serve_helpers import cli

HOSTILE = [
    "",
    "x" * 5000,
    "🎉🎉🎉",
    "'; DROP TABLE member; --",
    "متى يبدأ الاجتماع؟",
    "<script>alert(1)</script>",
    "\x00\x1b[31m",
]


def run_cli(args: list[str], stdin: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}",
        "PYTHONWARNINGS": "error",
    }
    env.pop("ROUNDTABLE_EVENT", None)
    return cli(args, env, stdin=stdin)


def test_chat_reads_one_message_per_line_and_answers_each(tmp_path: Path) -> None:
    result = run_cli(["chat", "--user", "A", "--now", "2024-05-10T10:15"], "help\nhelp\n", tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("cyberoewgchair@gmail.com") == 2
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("hostile", HOSTILE, ids=range(len(HOSTILE)))
def test_chat_answers_hostile_input_politely(tmp_path: Path, hostile: str) -> None:
    result = run_cli(["chat", "--user", "A"], hostile + "\nhelp\n", tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert "cyberoewgchair@gmail.com" in result.stdout
    assert (tmp_path / "bot.db").exists()


def test_chat_rejects_a_bad_now_with_one_line(tmp_path: Path) -> None:
    result = run_cli(["chat", "--now", "yesterday"], "", tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == "error: --now: not an ISO 8601 time: 'yesterday'"


def test_a_bad_setting_stops_the_bot_naming_the_variable(tmp_path: Path) -> None:
    env_db = {"DATABASE_URL": "mysql://nope"}
    result = cli(["chat"], {**os.environ, **env_db}, stdin="")
    assert result.returncode == 2
    assert result.stderr.startswith("error: DATABASE_URL: ")
    assert "Traceback" not in result.stderr


def test_event_check_prints_ok_or_each_problem(tmp_path: Path) -> None:
    bundled = Path(__file__).resolve().parents[2] / "bot/data/events/global-roundtable-2024.yaml"
    ok = run_cli(["event", "check", str(bundled)], "", tmp_path)
    broken = tmp_path / "broken.yaml"
    broken.write_text(bundled.read_text(encoding="utf-8").replace("due: 2024-04-19", "due: soon"), "utf-8")
    bad = run_cli(["event", "check", str(broken)], "", tmp_path)
    assert (ok.returncode, ok.stdout.strip()) == (0, "ok")
    assert bad.returncode == 1
    assert "deadlines.0.due" in bad.stdout
    assert "deadlines.1.due" in bad.stdout


def test_another_event_file_is_used_when_given(tmp_path: Path) -> None:
    bundled = Path(__file__).resolve().parents[2] / "bot/data/events/global-roundtable-2024.yaml"
    other = tmp_path / "other.yaml"
    other.write_text(
        bundled.read_text(encoding="utf-8").replace("cyberoewgchair@gmail.com", "desk@example.org"), "utf-8"
    )
    result = run_cli(["chat", "--event", str(other)], "help\n", tmp_path)
    assert result.returncode == 0, result.stderr
    assert "desk@example.org" in result.stdout
