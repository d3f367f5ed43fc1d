"""Group commit: concurrent writes share one transaction, and one write's fault refuses only itself."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

import pytest
from sqlalchemy import event
from sqlalchemy.exc import OperationalError

from bot.core import Bot
from storage.driver import DriverUnitOfWork
from storage.group_commit import GroupCommit
from storage.uow import UnitOfWork

NOW = datetime(2024, 5, 10, 10, 0, tzinfo=UTC)


def claim(event_id: str) -> Callable[[UnitOfWork], Awaitable[bool]]:
    async def write(uow: UnitOfWork) -> bool:
        return await uow.processed.claim("slack", event_id, NOW)

    return write


def commits(bot: Bot) -> list[int]:
    counted: list[int] = []
    event.listen(bot.engine.sync_engine, "commit", lambda _connection: counted.append(1))
    return counted


async def test_concurrent_writes_share_one_transaction(bot: Bot) -> None:
    writes = GroupCommit(bot.uow)
    counted = commits(bot)
    first = await writes.write(claim("Ev0"))  # alone: its own transaction
    together = await asyncio.gather(*(writes.write(claim(f"Ev{n}")) for n in range(1, 11)))
    again = await writes.write(claim("Ev3"))
    assert first and all(together) and not again
    assert len(counted) <= 4  # 12 writes: the first, then at most two batches, then the retry


async def test_one_faulty_write_refuses_only_itself(bot: Bot) -> None:
    writes = GroupCommit(bot.uow)

    async def faulty(_uow: UnitOfWork) -> bool:
        raise ValueError("bad row")

    results = await asyncio.gather(
        writes.write(claim("EvA")), writes.write(faulty), writes.write(claim("EvB")), return_exceptions=True
    )
    assert results[0] is True and results[2] is True
    assert isinstance(results[1], ValueError)
    async with bot.uow() as uow:
        assert not await uow.processed.claim("slack", "EvA", NOW)


async def test_database_unavailable_refuses_the_whole_batch(bot: Bot) -> None:
    writes = GroupCommit(bot.uow)

    async def locked(_uow: UnitOfWork) -> bool:
        raise OperationalError("INSERT", {}, Exception("database is locked"))

    results = await asyncio.gather(writes.write(claim("EvC")), writes.write(locked), return_exceptions=True)
    assert all(isinstance(result, OperationalError) for result in results)
    async with bot.uow() as uow:
        assert await uow.processed.claim("slack", "EvC", NOW)  # rolled back with its batch


@pytest.mark.parametrize("cancelled_first", [True, False])
async def test_a_cancelled_caller_does_not_cancel_its_neighbours(bot: Bot, cancelled_first: bool) -> None:
    writes = GroupCommit(bot.uow)
    first = asyncio.create_task(writes.write(claim("EvD")))
    second = asyncio.create_task(writes.write(claim("EvE")))
    await asyncio.sleep(0)
    (first if cancelled_first else second).cancel()
    survivor = second if cancelled_first else first
    assert await survivor
    async with bot.uow() as uow:  # the cancelled caller's write was committed all the same
        assert not await uow.processed.claim("slack", "EvD", NOW)
        assert not await uow.processed.claim("slack", "EvE", NOW)


def statements(bot: Bot) -> list[str]:
    seen: list[str] = []
    event.listen(
        bot.engine.sync_engine,
        "before_cursor_execute",
        lambda _conn, _cursor, statement, *_rest: seen.append(statement.split()[0]),
    )
    return seen


async def claimed_rows(uow: UnitOfWork, event_ids: list[str]) -> list[bool]:
    rows = [
        {
            "platform": "slack",
            "event_id": event_id,
            "received_at": NOW,
            "status": "claimed",
            "claimed_by": "worker",
            "claimed_until": NOW,
            "message": {},
        }
        for event_id in event_ids
    ]
    new = await uow.processed.claim_many(rows)
    return [("slack", event_id) in new for event_id in event_ids]


async def test_items_of_one_batch_are_written_by_one_statement(bot: Bot) -> None:
    writes = GroupCommit(bot.uow)
    await writes.add(claimed_rows, "Ev0")  # the connection is opened and warm
    executed = statements(bot)
    results = await asyncio.gather(*(writes.add(claimed_rows, f"Ev{n}") for n in range(1, 11)))
    assert all(results)
    assert executed.count("INSERT") <= 2  # ten claims: one statement per transaction, at most two
    assert await writes.add(claimed_rows, "Ev4") is False  # a retry finds its event claimed


async def test_a_batch_and_lone_writes_share_the_transaction_in_order(bot: Bot) -> None:
    writes = GroupCommit(bot.uow)
    counted = commits(bot)
    lone, batched = await asyncio.gather(writes.write(claim("EvL")), writes.add(claimed_rows, "EvB"))
    assert lone is True and batched is True
    assert len(counted) == 1


async def test_reads_share_a_session_and_commit_nothing(bot: Bot) -> None:
    reads = GroupCommit(bot.uow, commit=False)
    counted = commits(bot)

    async def write_then_read(uow: UnitOfWork, event_ids: list[str]) -> list[bool]:
        return await claimed_rows(uow, event_ids)  # written in the read's session, then rolled back

    assert await reads.add(write_then_read, "EvR") == True  # noqa: E712 - the result itself
    assert counted == []
    async with bot.uow() as uow:
        assert await uow.processed.claim("slack", "EvR", NOW)  # never committed: still new


async def test_writers_are_told_at_commit_and_close_waits_for_the_connection_to_return(bot: Bot) -> None:
    """The hot path's result is given once its transaction commits, not after the connection's trip back
    to the pool (a thread hop on SQLite); Bot.close waits for that trip before it disposes of the engine."""
    writes = bot.group_commit(bot.driver_uow)
    returned = asyncio.Event()
    event.listen(bot.engine.sync_engine.pool, "checkin", lambda *_: returned.set())

    async def mark(uow: DriverUnitOfWork, keys: list[tuple[str, str]]) -> list[None]:
        await uow.processed.answered_many(keys)
        return [None] * len(keys)

    await writes.add(mark, ("slack", "EvTold"))
    assert not returned.is_set()  # told before the connection went back
    await writes.idle()
    assert returned.is_set()
