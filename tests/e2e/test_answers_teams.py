"""Teams: every claimed activity gets exactly one answer — the connector down when it is answered, the
database gone when it arrives."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.event import Event, load_event
from service.sender import OutboxSender
from tests.conftest import MutableClock
from tests.e2e.fake_connector import TeamsRig, teams_server
from tests.e2e.faults import database_gone

CONTACT = load_event().contact.email  # the help text names it


@pytest.fixture
async def teams(event: Event, clock: MutableClock, tmp_path: Path) -> AsyncIterator[TeamsRig]:
    url = f"sqlite+aiosqlite:///{tmp_path / 'teams.db'}"
    async with teams_server(event, clock, database_url=url, db_lock_timeout_seconds="0.2") as rig:
        yield rig


async def drain_outbox(teams: TeamsRig) -> int:
    bot = teams.bot
    return await OutboxSender(bot.uow, bot.notifier, ["teams"], lambda: bot.event, bot.clock).drain()


async def test_connector_down_then_up_the_answer_is_kept_and_posted_once(teams: TeamsRig) -> None:
    teams.connector.down = True
    activity = teams.activity(text="help")
    response = await teams.post(activity)
    assert response.status == 200  # the answer is kept: no need for the connector to retry
    assert teams.connector.posted == []
    assert (await teams.post(activity)).status == 200  # a retry all the same: not a second answer
    teams.connector.down = False
    assert await drain_outbox(teams) == 1
    [answer] = teams.connector.posted
    assert answer.conversation_id == "a:personal-alice" and CONTACT in answer.text
    assert await drain_outbox(teams) == 0


async def test_database_gone_at_receipt_is_503_and_the_retry_is_answered_once(
    teams: TeamsRig, tmp_path: Path
) -> None:
    activity = teams.activity(text="help")
    async with database_gone(teams.bot.engine, tmp_path / "teams.db"):
        assert (await teams.post(activity)).status == 503  # the Bot Connector retries a 5xx
    assert teams.connector.posted == []
    assert (await teams.post(activity)).status == 200
    assert (await teams.post(activity)).status == 200
    [answer] = teams.connector.posted
    assert CONTACT in answer.text
