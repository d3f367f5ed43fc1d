"""Proactive sends routed by the recipient's platform to that platform's notifier."""

from __future__ import annotations

from collections.abc import Mapping

from bot.context import SENT, DeliveryResult, DeliveryStatus, Notifier
from bot.messages import Notice


class PlatformNotifier:
    def __init__(self, by_platform: Mapping[str, Notifier]) -> None:
        self._by_platform = dict(by_platform)

    def register(self, platform: str, notifier: Notifier) -> None:
        self._by_platform[platform] = notifier

    async def send(self, notice: Notice) -> DeliveryResult:
        notifier = self._by_platform.get(notice.recipient.platform)
        if notifier is None:
            # No adapter for that platform runs in this process; the outbox keeps the row for one that does.
            return DeliveryResult(DeliveryStatus.RETRY, detail=f"no {notice.recipient.platform} adapter here")
        return await notifier.send(notice)


class RecordingNotifier:
    """Keeps every notice in memory: tests read them."""

    def __init__(self) -> None:
        self.sent: list[Notice] = []

    async def send(self, notice: Notice) -> DeliveryResult:
        self.sent.append(notice)
        return SENT
