"""Group commit: small writes that arrive while one transaction is in flight share the next one.

Each caller still waits for its own write to be committed (nothing is weakened), but twenty messages
claimed at once cost one transaction, one connection and one commit instead of twenty competing for
SQLite's single write lock (where each waiter sleeps in the busy handler and the slowest time out).
Rows of one kind (``add`` with the same ``Batch``) are written by one statement for the whole batch:
through SQLAlchemy each statement costs about half a millisecond of CPU, however many rows it carries.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass
from functools import partial
from types import TracebackType
from typing import Any, Protocol, TypeVar

from storage.errors import UNAVAILABLE
from storage.uow import UnitOfWork

T = TypeVar("T")
Write = Callable[[UnitOfWork], Awaitable[Any]]
# Writes the queued items of one kind and gives each item its result, in the items' order. Its first
# argument is the transaction GroupCommit opened: a UnitOfWork, or the hot path's DriverUnitOfWork.
Batch = Callable[[Any, list[Any]], Awaitable[list[Any]]]


class Transaction(Protocol):
    async def __aenter__(self) -> Any: ...

    async def __aexit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None: ...

    async def commit(self) -> None: ...

    async def run(self, body: Callable[[Any], Coroutine[Any, Any, T]]) -> T: ...


@dataclass(frozen=True, slots=True)
class _Queued:
    batch: Batch
    item: Any
    done: asyncio.Future[Any]


class GroupCommit:
    def __init__(self, uow: Callable[[], Transaction], *, commit: bool = True) -> None:
        """``commit=False``: queued reads share one session the same way (which is rolled back)."""
        self._uow, self._commits = uow, commit
        self._queued: list[_Queued] = []
        self._writing = False  # a transaction has started and not yet committed (or failed)
        self._flushers: set[asyncio.Task[None]] = set()  # and those whose connection is going back

    async def write(self, write: Callable[[UnitOfWork], Awaitable[T]]) -> T:
        """``write``'s result once its transaction is committed; what the database raised otherwise."""
        result: T = await self.add(alone, write)
        return result

    async def add(self, batch: Batch, item: Any) -> Any:
        """``item``'s result from ``batch`` (run once for every item of that batch queued meanwhile),
        once the transaction is committed; what the database raised otherwise."""
        done: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self._queued.append(_Queued(batch, item, done))
        if not self._writing:
            self._start()
        # The transaction runs in the flusher task: a caller cancelled meanwhile cancels only its own
        # future (which the flusher then leaves alone), never the transaction its neighbours share.
        return await done

    async def idle(self) -> None:
        """Returns once no transaction is in flight and every connection is back in the pool (callers are
        told their results before that): what must come before the engine is disposed."""
        while self._flushers:
            await asyncio.wait(set(self._flushers))

    def _start(self) -> None:
        self._writing = True
        flusher = asyncio.create_task(self._flush(), name="group-commit")
        self._flushers.add(flusher)
        flusher.add_done_callback(self._flushers.discard)

    async def _flush(self) -> None:
        queued, self._queued = self._queued, []  # what was queued by the time the task runs
        handed_over = False

        def hand_over() -> None:
            """What was queued meanwhile starts its transaction: called as soon as this one has committed,
            while its connection is still going back to the pool (on SQLite the next transaction used to
            wait for that return, two turns of the busy event loop: half a claim's time at the busiest
            minute)."""
            nonlocal handed_over
            if not handed_over:
                handed_over = True
                self._writing = False
                if self._queued:
                    self._start()

        try:
            await self._commit(queued, hand_over)
        finally:
            hand_over()

    async def _transaction(self, queued: list[_Queued], uow: Any) -> list[Any]:
        results = await _run(uow, queued)
        if self._commits:
            await uow.commit()
        return results

    async def _commit(self, queued: list[_Queued], committed: Callable[[], None]) -> None:
        try:
            async with self._uow() as uow:
                results = await uow.run(partial(self._transaction, queued))
                # Told now, not once the connection is back in the pool: that return is one more turn of the
                # busy event loop (a round trip on PostgreSQL), which every waiting acknowledgement would
                # wait for too.
                for one, result in zip(queued, results, strict=True):
                    if not one.done.done():
                        one.done.set_result(result)
                committed()
        except UNAVAILABLE as error:  # the database is down or locked: every write in it fails alike
            _fail(queued, error)
        except Exception as error:
            if len(queued) == 1:
                _fail(queued, error)
            else:  # one write's own fault: the others are not refused for it (one at a time, in order)
                for one in queued:
                    if not one.done.done():  # committed, then returning the connection failed
                        await self._commit([one], _not_yet)


def _not_yet() -> None:
    """A write retried alone: the next transaction waits until the whole batch has been retried."""


async def _run(uow: UnitOfWork, queued: list[_Queued]) -> list[Any]:
    """Each batch once, in the order its first item was queued; the results in the queue's order."""
    positions: dict[Batch, list[int]] = {}
    for position, one in enumerate(queued):
        positions.setdefault(one.batch, []).append(position)
    results: list[Any] = [None] * len(queued)
    for batch, indexes in positions.items():
        outcome = await batch(uow, [queued[index].item for index in indexes])
        for index, result in zip(indexes, outcome, strict=True):
            results[index] = result
    return results


async def alone(uow: UnitOfWork, writes: list[Write]) -> list[Any]:
    """Writes with no batch statement of their own: one after the other, in one transaction."""
    return [await write(uow) for write in writes]


def _fail(queued: list[_Queued], error: BaseException) -> None:
    for one in queued:
        if not one.done.done():
            one.done.set_exception(error)
