"""Every CLI command that opens the database ends without a traceback: the scheduler's last pass and every
pooled connection are finished before the event loop closes (a CancelledError from aiosqlite's rollback
used to appear at the end of `roundtable-bot chat`, now and then)."""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.e2e.serve_helpers import cli

pytestmark = pytest.mark.slow
CHAT_RUNS = 6
BEFORE_DEADLINE = "2024-04-10T10:00"


def environment(tmp_path: Path, database: str = "bot.db") -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("ROUNDTABLE_")}
    env.update(
        {
            "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / database}",
            "ROUNDTABLE_PID_FILE": str(tmp_path / "no-server.pid"),
            "PYTHONWARNINGS": "error",
        }
    )
    return env


def assert_clean_exit(args: list[str], env: dict[str, str], stdin: str | None = None) -> str:
    result = cli(args, env, stdin=stdin, timeout=120)
    assert result.returncode == 0, result.stderr
    for marker in ("Traceback", "CancelledError", "Exception ignored", "Event loop is closed"):
        assert marker not in result.stderr, result.stderr
    return result.stdout


def test_chat_exits_cleanly_every_time(tmp_path: Path) -> None:
    def chat(run: int) -> str:
        # From no line to several: the scheduler's first pass, started with the chat, is stopped at a
        # different point of its work each time. Each run has its own database, so they run side by side.
        lines = ["pitch 1", "Alpha Foundation", "Cyber academy", "skip", "my pitch", "agenda"][:run]
        args = ["chat", "--user", f"U{run}", "--now", BEFORE_DEADLINE]
        env = environment(tmp_path, f"chat-{run}.db")
        return assert_clean_exit(args, env, stdin="".join(f"{line}\n" for line in lines))

    with ThreadPoolExecutor(max_workers=CHAT_RUNS) as pool:
        outputs = list(pool.map(chat, range(CHAT_RUNS)))
    assert "Slot 1 is booked for Alpha Foundation" in outputs[-1]


def test_database_commands_exit_cleanly(tmp_path: Path) -> None:
    env = environment(tmp_path)
    assert "up to date" in assert_clean_exit(["db", "upgrade"], env)
    assert_clean_exit(["chat", "--user", "A", "--now", BEFORE_DEADLINE], env, stdin="agenda\n")
    assert_clean_exit(["export", "registrations", "--format", "json"], env)
    assert '"recipients"' in assert_clean_exit(["broadcast", "--audience", "everyone", "--text", "Hi"], env)
    assert "change notices queued" in assert_clean_exit(["event", "reload"], env)
