"""Two editions of the forum in one database: the bundled 2024 edition, then a fictional second edition
(tests/editions_data.py, test data only). ``Forum.first()`` and ``Forum.second()`` give a Talk on a bot
running that edition; both read and write the same SQLite file, as two deployments of one database would."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.event import Event, load_event
from service.bootstrap import Bot
from service.scheduler import Scheduler
from tests.conftest import EVENT_DAY_MORNING, MutableClock, recorded_bot
from tests.dialogs.conftest import Person, Talk, plain
from tests.editions_data import SECOND_EDITION_PREPARATION, second_edition
from tests.notifiers import RecordingNotifier


class Forum:
    def __init__(self, database: Path) -> None:
        self.url = f"sqlite+aiosqlite:///{database}"
        self.bots: list[Bot] = []

    async def first(self) -> Talk:
        return await self._talk(load_event(), MutableClock(EVENT_DAY_MORNING.replace(month=4, day=10)))

    async def second(self) -> Talk:
        return await self._talk(second_edition(), MutableClock(SECOND_EDITION_PREPARATION))

    async def _talk(self, event: Event, clock: MutableClock) -> Talk:
        recorder = RecordingNotifier()
        bot = await recorded_bot(event, clock, recorder, self.url)
        self.bots.append(bot)
        return Talk(bot, clock, recorder)

    async def close(self) -> None:
        for bot in self.bots:
            await bot.close()


@pytest.fixture
async def forum(tmp_path: Path) -> AsyncIterator[Forum]:
    opened = Forum(tmp_path / "forum.db")
    yield opened
    await opened.close()


async def send_due(talk: Talk) -> None:
    await Scheduler.for_bot(talk.bot).run_once()


def open_notice(person: Person) -> str:
    """The carry-over question this person got, made clickable as if it were their last reply."""
    sent = [n for n in person.talk.recorder.sent if n.recipient.key == person.key]
    [asked] = [n for n in sent if n.reply.card and n.reply.card.buttons[0].action_id.startswith("carry.")]
    person.last = [asked.reply]
    return plain(asked.reply.plain_text())
