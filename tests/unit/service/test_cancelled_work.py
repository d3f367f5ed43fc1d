"""Database work cancelled part-way (a scheduler stopping, a server shutting down) still ends its transaction:
the connection goes back to the pool reset, and SQLAlchemy's pool logs no CancelledError traceback.

Where the cancellation lands depends on aiosqlite's worker thread, so each test cancels after every number
of loop turns in a range: some land inside the rollback that returns a connection, which is what printed the
traceback at the end of `roundtable-bot chat`."""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest

from bot.config import load_settings
from service.bootstrap import Bot, create_bot
from service.scheduler import Scheduler
from storage.models import Member
from tests.conftest import EVENT_DAY_MORNING

LOOP_TURNS = range(0, 60, 3)


async def cancel_after(turns: int, work: Callable[[], Awaitable[object]]) -> None:
    task = asyncio.ensure_future(work())
    for _ in range(turns):
        await asyncio.sleep(0)  # a loop turn, not wall time: lets the work reach its next await
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)


async def file_bot(path: Path) -> Bot:
    """A database file, so the real connection pool (not the in-memory StaticPool) checks connections in."""
    return await create_bot(load_settings({}, database_url=f"sqlite+aiosqlite:///{path}"), migrate=True)


def pool_errors(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name.startswith("sqlalchemy") and r.levelno >= 40]


def test_cancelled_scheduler_passes_leave_nothing_behind(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """In its own event loop, closed at the end as `roundtable-bot chat` closes its own: a database thread
    still working then would report back to a closed loop (pytest fails the test on that thread's error)."""
    caplog.set_level(logging.ERROR, logger="sqlalchemy")
    before = set(threading.enumerate())

    async def cancelled_passes() -> None:
        bot = await file_bot(tmp_path / "bot.db")
        try:
            for turns in LOOP_TURNS:
                await cancel_after(turns, Scheduler.for_bot(bot).run_once)
                assert bot.engine.pool.checkedout() == 0, turns  # type: ignore[attr-defined]
        finally:
            await bot.close()

    asyncio.run(cancelled_passes())
    for thread in set(threading.enumerate()) - before:
        thread.join(timeout=30)  # returns as soon as the thread ends; the timeout only bounds a hang
        assert not thread.is_alive(), thread.name
    assert pool_errors(caplog) == []


async def test_a_commit_cancelled_once_begun_is_seen_through(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.ERROR, logger="sqlalchemy")
    bot = await file_bot(tmp_path / "bot.db")
    try:
        async with bot.uow() as uow:
            uow.session.add(
                Member(
                    platform="console",
                    user_id="alice",
                    created_at=EVENT_DAY_MORNING,
                    last_seen_at=EVENT_DAY_MORNING,
                )
            )
            commit = asyncio.ensure_future(uow.commit())
            await asyncio.sleep(0)  # one loop turn: the commit has begun and waits on the database
            commit.cancel()
            with pytest.raises(asyncio.CancelledError):
                await commit  # the cancellation is passed on, after the commit
        assert bot.engine.pool.checkedout() == 0  # type: ignore[attr-defined]
        async with bot.uow() as uow:
            assert await uow.members.get("console", "alice") is not None
    finally:
        await bot.close()
    assert pool_errors(caplog) == []
