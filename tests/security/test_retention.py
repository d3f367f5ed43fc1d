"""processed_event (Slack and Teams event ids, kept to recognise retries) is pruned after its retention."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from service.bootstrap import Bot
from service.scheduler import PROCESSED_RETENTION, Scheduler
from storage.models import ProcessedEvent
from tests.conftest import MutableClock


async def _ids(bot: Bot) -> list[str]:
    async with bot.uow() as uow:
        return list((await uow.session.execute(select(ProcessedEvent.event_id))).scalars())


async def test_old_event_ids_are_forgotten_and_recent_ones_kept(bot: Bot, clock: MutableClock) -> None:
    start = clock.moment
    async with bot.uow() as uow:
        await uow.processed.claim("slack", "Ev-old", start - PROCESSED_RETENTION - timedelta(minutes=1))
        await uow.processed.claim("slack", "Ev-recent", start - timedelta(minutes=5))
        await uow.commit()
    scheduler = Scheduler.for_bot(bot)
    await scheduler.run_once()
    assert await _ids(bot) == ["Ev-recent"]
    async with bot.uow() as uow:  # a retry of the recent one is still recognised
        assert not await uow.processed.claim("slack", "Ev-recent", start)
        await uow.commit()


async def test_pruning_runs_at_most_hourly(bot: Bot, clock: MutableClock) -> None:
    scheduler = Scheduler.for_bot(bot)
    await scheduler.run_once()
    async with bot.uow() as uow:
        await uow.processed.claim("teams", "old", clock.moment - PROCESSED_RETENTION * 2)
        await uow.commit()
    clock.moment += timedelta(minutes=10)
    await scheduler.run_once()
    assert await _ids(bot) == ["old"]  # not yet: pruned less than an hour ago
    clock.moment += timedelta(hours=1)
    await scheduler.run_once()
    async with bot.uow() as uow:
        assert (await uow.session.execute(select(func.count()).select_from(ProcessedEvent))).scalar_one() == 0
