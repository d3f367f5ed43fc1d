"""Work done after Slack has its acknowledgement: tracked tasks, so shutdown waits for them."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from typing import Any

log = logging.getLogger(__name__)


class BackgroundWork:
    """``limit`` pieces of work run at once; the rest wait their turn (acknowledged already).

    Bounded, so that a burst does not take more pooled connections and Web API calls at once than the
    pool and Slack's rate limits give. The reads and writes of concurrent pieces share sessions
    (storage/group_commit.py), so more at once means bigger batches, not more lock waits:
    bench/slack_events.py answered 121/s with 4, 194/s with 16, 234/s with 64 and 246/s with 200.
    """

    def __init__(self, limit: int = 64) -> None:
        self._tasks: set[asyncio.Task[None]] = set()
        self._slots = asyncio.Semaphore(limit)

    def spawn(self, work: Coroutine[Any, Any, None], name: str) -> asyncio.Task[None]:
        task = asyncio.create_task(self._logged(work, name), name=name)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    async def _logged(self, work: Coroutine[Any, Any, None], name: str) -> None:
        try:
            async with self._slots:
                await work
        except Exception:
            # The catch-all: the request was already acknowledged, so the log is where this must show.
            log.exception("slack work failed: %s", name)

    @property
    def pending(self) -> int:
        return len(self._tasks)

    async def drain(self, grace: float = 30.0) -> None:
        """Wait for in-flight work (answers being sent) before the process stops."""
        if self._tasks:
            _, still_running = await asyncio.wait(set(self._tasks), timeout=grace)
            for task in still_running:
                log.warning("slack work still running at shutdown, cancelled: %s", task.get_name())
                task.cancel()
