"""Shared e2e fixtures. Slack: the real server on 127.0.0.1 with Slack on, against the fake Slack Web API."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import aiohttp
import pytest

from adapters.slack.app import SLACK_KEY, SlackAdapter
from bot.config import load_settings
from bot.event import Event
from service.bootstrap import Bot, create_bot
from service.server import build_app
from tests.conftest import MutableClock
from tests.e2e.fake_connector import serve
from tests.e2e.fake_slack import FakeSlack, SlackSender

SLACK_SIGNING_SECRET = "e2e-signing-secret"


@dataclass
class SlackServer:
    bot: Bot
    adapter: SlackAdapter
    api: FakeSlack
    send: SlackSender
    url: str

    async def settle(self) -> None:
        """Wait until every acknowledged request has finished its work (replies sent or dropped)."""
        await self.adapter.work.drain(grace=10)


@pytest.fixture
async def slack_api() -> AsyncIterator[FakeSlack]:
    fake = await FakeSlack().start()
    yield fake
    await fake.stop()


@asynccontextmanager
async def running_slack(
    slack_api: FakeSlack, event: Event, clock: MutableClock, tmp_path: Path, **settings: str
) -> AsyncIterator[SlackServer]:
    """The real server with Slack on, talking to the fake Web API; ``settings`` add to the defaults."""
    loaded = load_settings(
        {},
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'slack.db'}",
        slack_bot_token="xoxb-e2e",
        slack_signing_secret=SLACK_SIGNING_SECRET,
        slack_api_url=slack_api.api_url,
        **settings,
    )
    bot = await create_bot(loaded, event=event, clock=clock, migrate=True)
    app = build_app(bot)
    try:
        async with serve(app) as base, aiohttp.ClientSession() as session:
            sender = SlackSender(f"{base}/slack/events", SLACK_SIGNING_SECRET, session)
            yield SlackServer(bot, app[SLACK_KEY], slack_api, sender, base)
    finally:
        await bot.close()


@pytest.fixture
async def slack_server(
    slack_api: FakeSlack, event: Event, clock: MutableClock, tmp_path: Path
) -> AsyncIterator[SlackServer]:
    async with running_slack(slack_api, event, clock, tmp_path) as server:
        yield server
