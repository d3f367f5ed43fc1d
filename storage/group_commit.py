"""Group commit: small writes that arrive while one transaction is in flight share the next one.

Each caller still waits for its own write to be committed (nothing is weakened), but twenty messages
claimed at once cost one transaction, one connection and one commit instead of twenty competing for
SQLite's single write lock (where each waiter sleeps in the busy handler and the slowest time out).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from storage.errors import UNAVAILABLE
from storage.uow import UnitOfWork

T = TypeVar("T")
Write = Callable[[UnitOfWork], Awaitable[Any]]


class GroupCommit:
    def __init__(self, uow: Callable[[], UnitOfWork]) -> None:
        self._uow = uow
        self._queued: list[tuple[Write, asyncio.Future[Any]]] = []
        self._flusher: asyncio.Task[None] | None = None

    async def write(self, write: Callable[[UnitOfWork], Awaitable[T]]) -> T:
        """``write``'s result once its transaction is committed; what the database raised otherwise."""
        done: asyncio.Future[T] = asyncio.get_running_loop().create_future()
        self._queued.append((write, done))
        if self._flusher is None or self._flusher.done():
            self._flusher = asyncio.create_task(self._flush(), name="group-commit")
        # Shielded: a caller cancelled meanwhile does not cancel the transaction its neighbours share.
        return await asyncio.shield(done)

    async def _flush(self) -> None:
        while self._queued:
            batch, self._queued = self._queued, []
            await self._commit(batch)

    async def _commit(self, batch: list[tuple[Write, asyncio.Future[Any]]]) -> None:
        try:
            async with self._uow() as uow:
                results = [await write(uow) for write, _ in batch]
                await uow.commit()
        except UNAVAILABLE as error:  # the database is down or locked: every write in it fails alike
            _fail(batch, error)
        except Exception as error:
            if len(batch) == 1:
                _fail(batch, error)
            else:  # one write's own fault: the others are not refused for it
                for item in batch:
                    await self._commit([item])
        else:
            for (_, done), result in zip(batch, results, strict=True):
                if not done.done():
                    done.set_result(result)


def _fail(batch: list[tuple[Write, asyncio.Future[Any]]], error: BaseException) -> None:
    for _, done in batch:
        if not done.done():
            done.set_exception(error)
