"""SQLite batches run at once (storage/at_once.py): on the event loop's thread while the write lock is free,
in aiosqlite's thread, waiting for the lock, while another connection holds it; either way written as
the ORM reads it, with the connection's lock wait and checkpoints as they were."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import text

from storage import at_once
from storage.at_once import AtOnce
from storage.db import make_engine, session_factory, upgrade
from storage.driver import DriverUnitOfWork
from storage.errors import UNAVAILABLE
from storage.uow import UnitOfWork
from tests.unit.kernel.test_driver_path import claim_row

NOW = datetime(2024, 5, 10, 14, 0, tzinfo=UTC)
LOCK_WAIT_S = 5.0


class Rig:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.engine = make_engine(f"sqlite+aiosqlite:///{path}", LOCK_WAIT_S)
        self.at_once = AtOnce(self.engine, int(LOCK_WAIT_S * 1000))
        self.threads: list[int] = []
        self.main, self.loop = threading.get_ident(), asyncio.get_running_loop()
        self.off_loop = asyncio.Event()  # a batch started on another thread

    def uow(self) -> UnitOfWork:
        return UnitOfWork(session_factory(self.engine), "event")

    async def claim(self, event_id: str) -> set[tuple[str, str]]:
        """Claims ``event_id`` in one batch; notes the thread the batch's statements ran on."""

        async def batch(uow: DriverUnitOfWork) -> set[tuple[str, str]]:
            self.threads.append(threading.get_ident())
            if self.threads[-1] != self.main:
                self.loop.call_soon_threadsafe(self.off_loop.set)
            claimed = await uow.processed.claim_many([claim_row(event_id)])
            await uow.commit()
            return claimed

        async with DriverUnitOfWork(self.engine, self.at_once) as uow:
            return await uow.run(batch)


@pytest.fixture
async def rig(tmp_path: Path) -> AsyncIterator[Rig]:
    made = Rig(tmp_path / "at-once.db")
    await upgrade(made.engine, "event")
    yield made
    await made.at_once.close()
    await made.engine.dispose()


async def test_a_batch_with_the_lock_free_runs_on_the_event_loops_thread(rig: Rig) -> None:
    assert await rig.claim("Ev1") == {("slack", "Ev1")}
    assert rig.threads == [threading.get_ident()]
    assert await rig.claim("Ev1") == set()  # committed: the retry is recognised
    async with rig.uow() as uow:
        assert not await uow.processed.claim("slack", "Ev1", NOW)  # and the ORM sees it


async def test_with_the_lock_held_elsewhere_the_batch_waits_for_it_in_aiosqlites_thread(rig: Rig) -> None:
    holder = sqlite3.connect(rig.path, isolation_level=None, check_same_thread=False)
    try:
        holder.execute("BEGIN IMMEDIATE")
        claiming = asyncio.create_task(rig.claim("Ev2"))
        await asyncio.wait_for(rig.off_loop.wait(), timeout=LOCK_WAIT_S)  # tried here, then in the thread
        assert not claiming.done()  # waiting for the lock, while the event loop goes on
        holder.execute("COMMIT")
        assert await asyncio.wait_for(claiming, timeout=LOCK_WAIT_S) == {("slack", "Ev2")}
    finally:
        holder.close()
    assert rig.threads[0] == rig.main and rig.threads[1] != rig.main
    assert await rig.claim("Ev3") == {("slack", "Ev3")}  # the lock is free again: here again
    assert rig.threads[2] == rig.main


async def test_the_connection_keeps_its_lock_wait_and_checkpoints(rig: Rig) -> None:
    await rig.claim("Ev4")
    async with rig.engine.connect() as connection:  # the one pooled connection, used by the batch
        busy = (await connection.execute(text("PRAGMA busy_timeout"))).scalar_one()
        pages = (await connection.execute(text("PRAGMA wal_autocheckpoint"))).scalar_one()
        in_transaction = (await connection.get_raw_connection()).driver_connection._conn.in_transaction
    assert (busy, pages, in_transaction) == (int(LOCK_WAIT_S * 1000), at_once.SQLITE_AUTOCHECKPOINT, False)


async def test_a_batch_that_fails_here_leaves_no_transaction_open(rig: Rig) -> None:
    async def faulty(uow: DriverUnitOfWork) -> None:
        await uow.processed.claim_many([claim_row("Ev5")])
        raise ValueError("a bug in a batch")

    async with DriverUnitOfWork(rig.engine, rig.at_once) as uow:
        with pytest.raises(ValueError, match="a bug"):
            await uow.run(faulty)
    assert await rig.claim("Ev5") == {("slack", "Ev5")}  # rolled back, and the lock let go


async def test_the_write_ahead_log_is_checkpointed_every_so_many_batches(
    rig: Rig, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(at_once, "CHECKPOINT_EVERY", 3)
    checkpointed: list[int] = []
    passive = AtOnce._checkpoint_passively

    async def counted(self: AtOnce) -> None:
        await passive(self)
        checkpointed.append(1)

    monkeypatch.setattr(AtOnce, "_checkpoint_passively", counted)
    for number in range(5):
        await rig.claim(f"Ev-log-{number}")
        await rig.at_once.close()  # waits for a checkpoint started by this batch
        assert len(checkpointed) == (1 if number >= 2 else 0)
    assert "checkpoint left for later" not in caplog.text


class FailingConnection:
    """A sqlite3 connection whose every call fails, as on a lost disk."""

    in_transaction = False

    def execute(self, sql: str) -> None:
        raise sqlite3.OperationalError("disk I/O error")


async def test_a_connection_that_fails_at_once_leaves_the_batch_to_aiosqlites_thread(rig: Rig) -> None:
    async def untouched() -> None:
        raise AssertionError("the batch ran on a connection that could not be set")

    with pytest.raises(at_once.BusyError):
        rig.at_once.attempt(FailingConnection(), untouched)  # type: ignore[arg-type]


class FailingAfterTheBatch(FailingConnection):
    """Set for the attempt, then lost: its settings cannot be given back."""

    def __init__(self) -> None:
        self.calls = 0

    def execute(self, sql: str) -> None:
        self.calls += 1
        if self.calls > 2:
            super().execute(sql)


async def test_a_connection_lost_during_the_batch_is_unavailable_as_any_statement(rig: Rig) -> None:
    async def done() -> int:
        return 42

    with pytest.raises(UNAVAILABLE):  # a 503 at receipt, and the platform retries
        rig.at_once.attempt(FailingAfterTheBatch(), done)  # type: ignore[arg-type]
