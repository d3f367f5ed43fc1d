"""What the CLI writes — the SQLite database, exports — is readable by its owner only."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from tests.e2e.serve_helpers import cli


def _env(tmp_path: Path) -> dict[str, str]:
    env = {**os.environ, "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}"}
    env.pop("ROUNDTABLE_EVENT", None)
    return env


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_database_and_exports_are_created_0600(tmp_path: Path) -> None:
    env = _env(tmp_path)
    chat = cli(["chat", "--user", "A"], env, stdin="help\n")
    exported = cli(["export", "registrations", "--out", str(tmp_path / "regs.csv")], env)
    assert (chat.returncode, exported.returncode) == (0, 0), chat.stderr + exported.stderr
    assert _mode(tmp_path / "bot.db") == 0o600
    assert _mode(tmp_path / "regs.csv") == 0o600
    for journal in tmp_path.glob("bot.db-*"):
        assert _mode(journal) == 0o600
