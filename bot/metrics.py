"""Prometheus metrics: requests, replies, proactive send results, and gauges read from the database."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from prometheus_client import CONTENT_TYPE_LATEST as CONTENT_TYPE_LATEST
from prometheus_client import CollectorRegistry, Counter, Gauge, generate_latest

log = logging.getLogger(__name__)
GaugeReader = Callable[[], Awaitable[float]]


class Metrics:
    """One registry per Bot, so tests and several bots in one process never share counters."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "roundtable_requests", "Inbound messages handled", ["platform"], registry=self.registry
        )
        self.replies = Counter("roundtable_replies", "Replies produced", ["platform"], registry=self.registry)
        self.sends = Counter(
            "roundtable_proactive_sends",
            "Proactive sends by result",
            ["platform", "status"],
            registry=self.registry,
        )
        self.send_failures = Counter(
            "roundtable_send_failures",
            "Proactive sends not delivered",
            ["platform", "status"],
            registry=self.registry,
        )
        self.outbox_depth = Gauge(
            "roundtable_outbox_depth", "Outbox rows not yet sent", registry=self.registry
        )
        self._readers: dict[Gauge, GaugeReader] = {}

    def read_gauge_from(self, gauge: Gauge, reader: GaugeReader) -> None:
        """Refresh ``gauge`` from ``reader`` (e.g. a database count) at each scrape."""
        self._readers[gauge] = reader

    async def exposition(self) -> bytes:
        for gauge, reader in self._readers.items():
            try:
                gauge.set(await reader())
            except Exception as error:  # database down: keep the last value, still answer the scrape
                log.warning("metrics: %s not refreshed (%s)", gauge._name, type(error).__name__)
        return generate_latest(self.registry)
