"""`chat --now …` is a rehearsal: pointed at a database shared with Slack or Teams people, it creates no
campaign and no outbox row for them (their reminders stay the real server's to send, at the real time)."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import func, select

from storage.db import make_engine
from storage.models import Campaign, OutboxItem
from tests.e2e.serve_helpers import cli, seed_recipients

BEFORE_THE_DEADLINE = "2024-04-10T10:00"  # the registration reminders are due then


async def _count(url: str, table: type[Campaign] | type[OutboxItem]) -> int:
    engine = make_engine(url)
    try:
        async with engine.connect() as connection:
            return int((await connection.execute(select(func.count()).select_from(table))).scalar_one())
    finally:
        await engine.dispose()


def _env(url: str) -> dict[str, str]:
    env = {**os.environ, "DATABASE_URL": url}
    env.pop("ROUNDTABLE_EVENT", None)
    return env


async def test_a_rehearsal_clock_never_fans_out_to_slack_people(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'server.db'}"
    await seed_recipients(url, 25)
    result = cli(["chat", "--user", "A", "--now", BEFORE_THE_DEADLINE], _env(url), stdin="help\n")
    assert result.returncode == 0, result.stderr
    assert "not rehearsed here" in result.stderr
    assert (await _count(url, Campaign), await _count(url, OutboxItem)) == (0, 0)


async def test_on_its_own_database_the_rehearsal_still_prints_reminders(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'rehearsal.db'}"
    result = cli(["chat", "--user", "A", "--now", BEFORE_THE_DEADLINE], _env(url), stdin="help\n")
    assert result.returncode == 0 and "not rehearsed" not in result.stderr
    assert await _count(url, Campaign) > 0
