"""The hot path's SQLite transactions, run at once: on the event loop's thread while the write lock is free.

A claim batch (storage/group_commit.py) is a few statements on one pooled connection: a few hundred
microseconds of SQLite's own work. Through aiosqlite each call is a hop to the connection's thread and
back, and each way back waits for the busy event loop to come round; at the busiest minute every
acknowledgement waited for those turns, not for SQLite. So the batch first runs right here, on the same
sqlite3 connection (taken from the pool, so nothing else uses it meanwhile), without ever waiting:

- no lock wait: its busy timeout is 0 for the attempt. If another connection holds the write lock, the
  attempt is rolled back and the batch runs in aiosqlite's thread instead, which waits for the lock
  like any writer (``BusyError``);
- no disk sync: automatic checkpoints are off for the attempt (a checkpoint syncs the database file).
  Every CHECKPOINT_EVERY batches a passive checkpoint runs in aiosqlite's thread instead; the pool's other
  connections still checkpoint on their own commits.

Measured (bench/slack_events.py, SQLite, this project's 2-core machine): the Slack answered ratio to a bare
bolt echo went from 0.64–0.87 (eight runs before) to 0.84–0.98 (seven runs), and the event loop no longer
sits idle while acknowledgements wait (busy 0.54–0.95 of the time before, by the machine's hour; all of
it after).
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import Callable, Coroutine, Sequence
from typing import Any, TypeVar

from sqlalchemy import exc, text
from sqlalchemy.ext.asyncio import AsyncEngine

from storage.errors import UNAVAILABLE

log = logging.getLogger(__name__)
T = TypeVar("T")
CHECKPOINT_EVERY = 200  # batches: a few thousand messages, a few megabytes of write-ahead log
SQLITE_AUTOCHECKPOINT = 1000  # pages: SQLite's default, which the pool's connections keep


class BusyError(Exception):
    """Another connection holds the write lock: the batch was rolled back, and is to be run where it may
    wait."""


class OwnThread:
    """A sqlite3 connection as aiosqlite's (``execute_fetchall``, ``executemany``, ``commit``), for code
    on a thread that may use it now: each call is made at once, so a coroutine using it never suspends."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection

    async def execute_fetchall(self, sql: str, parameters: Sequence[Any]) -> list[Any]:
        return self._connection.execute(sql, parameters).fetchall()

    async def executemany(self, sql: str, parameters: Sequence[Sequence[Any]]) -> None:
        self._connection.executemany(sql, parameters)

    async def commit(self) -> None:
        self._connection.commit()


def to_completion(coroutine: Coroutine[Any, Any, T]) -> T:
    """Runs a coroutine that never suspends (its awaits are OwnThread's) to its result, synchronously."""
    try:
        coroutine.send(None)
    except StopIteration as finished:
        result: T = finished.value
        return result
    coroutine.close()
    raise RuntimeError("a statement batch waited on something other than its sqlite3 connection")


class AtOnce:
    """Runs SQLite batches on the event loop's thread when they need not wait; one per engine."""

    def __init__(self, engine: AsyncEngine, busy_timeout_ms: int) -> None:
        self._engine, self._busy_timeout_ms = engine, busy_timeout_ms
        self._batches = 0
        self._checkpoint: asyncio.Task[None] | None = None

    def attempt(self, connection: sqlite3.Connection, batch: Callable[[], Coroutine[Any, Any, T]]) -> T:
        """``batch()`` run to its end now. BusyError (rolled back) when the write lock is held elsewhere,
        or when the connection cannot even be set for the attempt: aiosqlite's thread then meets the same
        fault and reports it as every statement's (storage/driver.py)."""
        try:
            _set(connection, busy_timeout=0, wal_autocheckpoint=0)
        except sqlite3.Error as error:
            raise BusyError from error
        try:
            result = to_completion(batch())
        except UNAVAILABLE as error:
            if _lock_held_elsewhere(error):
                raise BusyError from error
            raise
        finally:
            self._restore(connection)
        self._batches += 1
        if self._batches % CHECKPOINT_EVERY == 0 and (self._checkpoint is None or self._checkpoint.done()):
            self._checkpoint = asyncio.create_task(self._checkpoint_passively(), name="sqlite-checkpoint")
        return result

    def _restore(self, connection: sqlite3.Connection) -> None:
        """What was not committed is rolled back, and the lock wait and checkpoints are the pool's again."""
        try:
            if connection.in_transaction:
                connection.rollback()
            _set(connection, busy_timeout=self._busy_timeout_ms, wal_autocheckpoint=SQLITE_AUTOCHECKPOINT)
        except sqlite3.Error as error:  # the connection failed: as any statement's failure (a 503 at receipt)
            raise exc.OperationalError(None, None, error) from error

    async def close(self) -> None:
        """Waits for a checkpoint in flight (before the engine is disposed)."""
        if self._checkpoint is not None:
            await asyncio.wait({self._checkpoint})

    async def _checkpoint_passively(self) -> None:
        """Copies the write-ahead log into the database file as far as no reader needs it, in aiosqlite's
        thread; writers and readers go on meanwhile."""
        try:
            async with self._engine.connect() as connection:
                await connection.execute(text("PRAGMA wal_checkpoint(PASSIVE)"))
        except UNAVAILABLE as error:
            log.info("write-ahead log checkpoint left for later: %s", type(error).__name__)


def _set(connection: sqlite3.Connection, **pragmas: int) -> None:
    for name, value in pragmas.items():
        connection.execute(f"PRAGMA {name} = {value}")


def _lock_held_elsewhere(error: BaseException) -> bool:
    """SQLITE_BUSY (and its extended codes): another connection's lock, not a fault of the database."""
    cause = error.orig if isinstance(error, exc.DBAPIError) else error
    code = getattr(cause, "sqlite_errorcode", None)
    return code is not None and code & 0xFF == sqlite3.SQLITE_BUSY
