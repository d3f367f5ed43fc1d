"""A notifier for tests (and benchmarks): keeps every notice in memory instead of sending it."""

from __future__ import annotations

from bot.context import SENT, DeliveryResult
from bot.messages import Notice


class RecordingNotifier:
    """Keeps every notice in memory: tests read them."""

    def __init__(self) -> None:
        self.sent: list[Notice] = []

    async def send(self, notice: Notice) -> DeliveryResult:
        self.sent.append(notice)
        return SENT
