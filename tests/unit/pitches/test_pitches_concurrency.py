"""100 providers claim the last free slot at once, each message its own units of work on its own
connection: exactly one is confirmed, 99 are waitlisted at positions 1..99 in id order, none is lost.

Runs on a temporary SQLite file (real separate connections, unlike the shared in-memory database).
``database_url`` is a fixture so a PostgreSQL URL can be added as another parameter.
"""

from __future__ import annotations

import asyncio
import os
import re
from collections.abc import AsyncIterator
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.config import load_settings
from bot.event import Event
from bot.notify import PlatformNotifier
from service.bootstrap import Bot, create_bot
from storage.models import PitchBooking, PitchProvider
from tests.conftest import MutableClock, empty_postgres, message
from tests.notifiers import RecordingNotifier

BEFORE_DEADLINE = datetime.fromisoformat("2024-04-10T10:00:00-04:00")
CLAIMANTS = 100
POSTGRES_URL = os.environ.get("ROUNDTABLE_TEST_POSTGRES", "")

DATABASES = [pytest.param("sqlite-file", id="sqlite-file")]
if POSTGRES_URL:
    DATABASES.append(pytest.param(POSTGRES_URL, id="postgres", marks=pytest.mark.postgres))


@pytest.fixture(params=DATABASES)
async def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    param = str(request.param)
    if param == "sqlite-file":
        return f"sqlite+aiosqlite:///{tmp_path / 'claims.db'}"
    return await empty_postgres(param)


@pytest.fixture
async def shared_bot(database_url: str, event: Event) -> AsyncIterator[Bot]:
    # 100 writers at once on one SQLite file queue for its lock far longer than the 2 s a platform request
    # may wait (there the platform retries); called directly, nothing retries, so the lock wait is long.
    settings = load_settings({"ROUNDTABLE_DB_LOCK_TIMEOUT_SECONDS": "30"}, database_url=database_url)
    notifier = PlatformNotifier({"console": RecordingNotifier()})
    clock = MutableClock(BEFORE_DEADLINE)
    instance = await create_bot(settings, event=event, notifier=notifier, clock=clock, migrate=True)
    yield instance
    await instance.close()


async def _all_but_the_last_slot_booked(bot: Bot) -> None:
    """Slots 1..n-1 taken by other providers; every claimant already named its organisation."""
    async with bot.uow() as uow:
        await uow.pitches.ensure_event(bot.event.id, bot.event.pitch_slot_times(), BEFORE_DEADLINE)
        slots = await uow.pitches.slots(bot.event.id)
        for slot in slots[:-1]:
            holder = await uow.pitches.name_provider(
                f"console:h{slot.number}", f"Holder {slot.number}", BEFORE_DEADLINE
            )
            await uow.pitches.add_confirmed(
                bot.event.id, holder.id, slot.id, holder.owner_key or "", "en", BEFORE_DEADLINE
            )
        for index in range(CLAIMANTS):
            user = f"c{index:03}"
            await uow.members.upsert_seen("console", user, user, BEFORE_DEADLINE)
            await uow.pitches.name_provider(f"console:{user}", f"Claimant {index:03}", BEFORE_DEADLINE)
        await uow.commit()


async def test_hundred_concurrent_claims_at_the_last_free_slot(shared_bot: Bot) -> None:
    await _all_but_the_last_slot_booked(shared_bot)
    last = shared_bot.event.matchmaking.slots.count
    users = [f"c{index:03}" for index in range(CLAIMANTS)]

    replies = await asyncio.gather(*(shared_bot.handle(message(f"pitch {last}", user)) for user in users))

    texts = {user: "\n".join(r.text for r in reply) for user, reply in zip(users, replies, strict=True)}
    async with shared_bot.uow() as uow:
        query = (
            select(PitchBooking.id, PitchBooking.status, PitchBooking.position, PitchProvider.owner_key)
            .join(PitchProvider, PitchProvider.id == PitchBooking.provider_id)
            .where(PitchProvider.owner_key.like("console:c%"))
            .order_by(PitchBooking.id)
        )
        rows = (await uow.session.execute(query)).all()
    confirmed = [row for row in rows if row.status == "confirmed"]
    waitlisted = [row for row in rows if row.status == "waitlisted"]

    assert len(rows) == CLAIMANTS  # none lost, none doubled
    assert len(confirmed) == 1 and len(waitlisted) == CLAIMANTS - 1
    assert [row.position for row in waitlisted] == list(range(1, CLAIMANTS))  # dense, in id order
    winner = confirmed[0].owner_key.removeprefix("console:")
    assert f"Slot {last} is booked for" in texts[winner]
    for row in waitlisted:
        told = re.search(r"number (\d+) on the waitlist", texts[row.owner_key.removeprefix("console:")])
        assert told is not None and int(told.group(1)) == row.position
