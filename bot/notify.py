"""Proactive sends routed by the recipient's platform to that platform's notifier."""

from __future__ import annotations

from collections.abc import Mapping

from bot.context import DeliveryResult, DeliveryStatus, Notifier
from bot.messages import Notice
from bot.metrics import Metrics


class PlatformNotifier:
    def __init__(self, by_platform: Mapping[str, Notifier], metrics: Metrics | None = None) -> None:
        self._by_platform = dict(by_platform)
        self.metrics = metrics or Metrics()

    @property
    def platforms(self) -> list[str]:
        """Platforms this process can send on: the outbox sender claims only their rows."""
        return sorted(self._by_platform)

    def register(self, platform: str, notifier: Notifier) -> None:
        self._by_platform[platform] = notifier

    async def send(self, notice: Notice) -> DeliveryResult:
        platform = notice.recipient.platform
        notifier = self._by_platform.get(platform)
        if notifier is None:
            # No adapter for that platform runs in this process; the outbox keeps the row for one that does.
            result = DeliveryResult(DeliveryStatus.RETRY, detail=f"no {platform} adapter here")
        else:
            result = await notifier.send(notice)
        self.metrics.sends.labels(platform, result.status.value).inc()
        if not result.delivered:
            self.metrics.send_failures.labels(platform, result.status.value).inc()
        return result
