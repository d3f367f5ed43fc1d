"""Work done after Slack has its acknowledgement: tracked tasks, so shutdown waits for them."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from typing import Any

log = logging.getLogger(__name__)


class BackgroundWork:
    def __init__(self) -> None:
        self._tasks: set[asyncio.Task[None]] = set()

    def spawn(self, work: Coroutine[Any, Any, None], name: str) -> asyncio.Task[None]:
        task = asyncio.create_task(self._logged(work, name), name=name)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    @staticmethod
    async def _logged(work: Coroutine[Any, Any, None], name: str) -> None:
        try:
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
