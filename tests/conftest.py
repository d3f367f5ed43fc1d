"""Shared fixtures: the bundled event, a pinned clock, and a Bot on an in-memory SQLite database."""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator, Callable
from datetime import datetime

import pytest
from sqlalchemy import text

from bot.config import load_settings
from bot.context import Context
from bot.event import Event, load_event
from bot.messages import Action, ConversationRef, InboundMessage, UserRef
from bot.notify import PlatformNotifier
from service.bootstrap import Bot, create_bot, fixed_clock
from storage.db import make_engine
from tests.notifiers import RecordingNotifier

# Friday 10 May 2024, 10:15 in New York: the opening plenary is on.
EVENT_DAY_MORNING = datetime.fromisoformat("2024-05-10T10:15:00-04:00")
_ids = itertools.count(1)


class MutableClock:
    """A clock tests move by hand: never sleeps, never reads the wall."""

    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment


@pytest.fixture(scope="session")
def event() -> Event:
    return load_event()


@pytest.fixture
def clock() -> MutableClock:
    return MutableClock(EVENT_DAY_MORNING)


@pytest.fixture
def recorder() -> RecordingNotifier:
    return RecordingNotifier()


async def recorded_bot(
    event: Event, clock: MutableClock, recorder: RecordingNotifier, database_url: str = "sqlite+aiosqlite://"
) -> Bot:
    """A Bot whose notices on every platform go to ``recorder``, with ``console:organiser`` an organiser."""
    settings = load_settings({}, database_url=database_url, organisers="console:organiser")
    notifier = PlatformNotifier({"console": recorder, "slack": recorder, "teams": recorder})
    return await create_bot(settings, event=event, notifier=notifier, clock=clock, migrate=True)


@pytest.fixture
async def bot(event: Event, clock: MutableClock, recorder: RecordingNotifier) -> AsyncIterator[Bot]:
    instance = await recorded_bot(event, clock, recorder)
    yield instance
    await instance.close()


def message(
    text: str = "", user: str = "alice", platform: str = "console", action: Action | None = None
) -> InboundMessage:
    return InboundMessage(
        text=text,
        user=UserRef(platform, user, display_name=user.title()),
        conversation=ConversationRef(platform, f"D-{user}"),
        event_id=f"evt-{next(_ids)}",
        received_at=EVENT_DAY_MORNING,
        action=action,
    )


@pytest.fixture
def say(bot: Bot) -> Callable[..., object]:
    """``await say("help", user="bob")`` → the plain text of every reply, joined."""

    async def _say(text: str = "", user: str = "alice", action: Action | None = None) -> str:
        replies = await bot.handle(message(text, user, action=action))
        return "\n".join(r.plain_text() for r in replies)

    return _say


@pytest.fixture
async def ctx(bot: Bot) -> Context:
    return await bot.context_for(message("hello"))


__all__ = ["EVENT_DAY_MORNING", "MutableClock", "fixed_clock", "message"]


async def empty_postgres(url: str) -> str:
    """The shared test database with an empty schema: a PostgreSQL test must not see the rows of an earlier
    test, or of an earlier run (CI reuses the cluster)."""
    engine = make_engine(url)
    try:
        async with engine.begin() as connection:
            await connection.execute(text("DROP SCHEMA public CASCADE"))
            await connection.execute(text("CREATE SCHEMA public"))
    finally:
        await engine.dispose()
    return url
