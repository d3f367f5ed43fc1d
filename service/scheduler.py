"""Wakes the process when reminders, broadcasts or retries are due. The database is the truth.

APScheduler (AsyncIOScheduler, in-memory jobs) only rings the bell: a poll job every few seconds (work
created by another instance or the CLI) and a one-shot job at the next moment the database says something
is due. Each wake runs ``run_once``: create the campaigns the event's rules make due (unique rule keys make
this idempotent across restarts and instances), fan out due campaigns into the outbox, drain the outbox.
What each kind of campaign is — its audience, whether `remind off` and quiet hours apply, when a row is
due — is read from the registry (handlers/campaigns/registry.py); nothing here depends on the kind. At
start the first wake is immediate, so anything that fell due while the process was down runs at once, and
once.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.context import Clock
from bot.event import Event
from handlers.campaigns.registry import KINDS, spec_of
from handlers.shared import outbox_signal
from service.sender import CurrentEvent, OutboxSender, SenderConfig, Sleep
from storage.models import Campaign
from storage.outbox import PENDING, SKIPPED, NewRecipient
from storage.uow import UnitOfWork

if TYPE_CHECKING:
    from bot.core import Bot

log = logging.getLogger(__name__)
SYSTEM = "system:scheduler"
# Inbound event ids are kept this long to recognise a platform's retries, then forgotten.
PROCESSED_RETENTION = timedelta(days=7)
PRUNE_EVERY = timedelta(hours=1)


class Scheduler:
    def __init__(
        self,
        uow: Callable[[], UnitOfWork],
        event: CurrentEvent,
        clock: Clock,
        sender: OutboxSender,
        poll_seconds: float = 2.0,
    ) -> None:
        # ``event`` is read at each pass: a reload (Bot.use_event) reaches the scheduler with no other step.
        self._uow, self._event, self._clock, self.sender = uow, event, clock, sender
        self._poll_seconds = poll_seconds
        self._wake = asyncio.Event()
        self._aps: AsyncIOScheduler | None = None
        self._task: asyncio.Task[None] | None = None
        self._pruned_at: datetime | None = None
        self._stop_listening: Callable[[], None] | None = None
        self._pass = asyncio.Lock()  # held by the loop for each pass: finish() waits for it, never cuts it

    @classmethod
    def for_bot(
        cls,
        bot: Bot,
        *,
        config: SenderConfig | None = None,
        sleep: Sleep = asyncio.sleep,
        poll_seconds: float = 2.0,
    ) -> Scheduler:
        config = config or SenderConfig(
            concurrency=bot.settings.outbox_concurrency,
            lease=bot.settings.outbox_lease,
        )

        def current_event() -> Event:
            return bot.event  # Bot holds the one current event

        platforms = bot.notifier.platforms
        sender = OutboxSender(
            bot.uow, bot.notifier, platforms, current_event, bot.clock, config=config, sleep=sleep
        )
        bot.metrics.read_gauge_from(bot.metrics.outbox_depth, sender.depth)
        return cls(bot.uow, current_event, bot.clock, sender, poll_seconds)

    # --- one pass (tests call this directly with an injected clock)

    async def run_once(self) -> int:
        """Plan, fan out, send; returns how many messages were sent."""
        await self.plan_due()
        await self.expand_due()
        sent = await self.sender.drain()
        await self.prune_processed()
        return sent

    async def prune_processed(self) -> None:
        """At most hourly: drop inbound event ids older than the retention (Slack retries for an hour at
        most, Teams for minutes), so the table does not grow with every message ever received."""
        now = self._clock()
        if self._pruned_at is not None and now - self._pruned_at < PRUNE_EVERY:
            return
        async with self._uow() as uow:
            forgotten = await uow.processed.prune(now - PROCESSED_RETENTION)
            await uow.commit()
        self._pruned_at = now
        if forgotten:
            log.info("forgot %d processed event ids older than %s", forgotten, PROCESSED_RETENTION)

    async def plan_due(self) -> list[int]:
        """Campaigns the event's rules make due now (reminders, cues); a rule key already there is left
        alone, so a restart or a second instance plans nothing twice."""
        now, event, created = self._clock(), self._event(), []
        async with self._uow() as uow:
            for spec in KINDS.values():
                if spec.plan is not None:
                    created.extend(await spec.plan(uow, event, now, SYSTEM))
            await uow.commit()
        return created

    async def expand_due(self) -> int:
        """Turns each due campaign into one outbox row per recipient, one campaign per transaction."""
        expanded = 0
        while True:
            now = self._clock()
            async with self._uow() as uow:
                campaign = await uow.outbox.claim_due_campaign(now)
                if campaign is None:
                    return expanded
                rows = await self._recipients(uow, campaign)
                await uow.outbox.add_recipients(campaign.id, rows)
                await uow.commit()
            log.info(
                "campaign %s (%s) fanned out to %d recipients", campaign.id, campaign.audience, len(rows)
            )
            expanded += 1

    async def _recipients(self, uow: UnitOfWork, campaign: Campaign) -> list[NewRecipient]:
        event, spec = self._event(), spec_of(campaign.kind)
        found = await spec.audience(uow, campaign, event.id) if spec is not None else None
        if spec is None or found is None:
            log.warning(
                "campaign %s: %s to %r is not known here", campaign.id, campaign.kind, campaign.audience
            )
            return []
        found = [r for r in found if spec.wants(r)]
        prefs = await uow.reminder_prefs.of(r.key for r in found) if spec.quiet_hours else {}
        rows = []
        for r in found:
            at = spec.moment(campaign, r.tz, prefs.get(r.key), event)
            status = SKIPPED if spec.expired(campaign, at) else PENDING
            rows.append(NewRecipient(r.key, r.platform, at, r.params, status))
        return rows

    async def next_wake(self) -> datetime | None:
        now, event = self._clock(), self._event()
        async with self._uow() as uow:
            moments = [await uow.outbox.next_wake(self.sender.platforms)]
            for spec in KINDS.values():
                if spec.next_due is not None:
                    moments.append(await spec.next_due(uow, event, now))
        return min((m for m in moments if m is not None), default=None)

    # --- running in a server

    async def start(self) -> None:
        self._aps = AsyncIOScheduler(timezone=UTC)
        self._aps.add_job(
            self._ring, "interval", seconds=self._poll_seconds, id="poll", coalesce=True, max_instances=1
        )
        self._aps.start()
        self._task = asyncio.create_task(self._loop(), name="scheduler")
        self._stop_listening = outbox_signal.listen(self.wake)  # a confirmed broadcast goes out at once
        self._wake.set()  # anything due while we were down runs now

    async def finish(self) -> int:
        """Stop waking, let a pass in progress end (a row it claimed is sent, not left leased), then run
        one last pass for whatever fell due meanwhile; returns how many that last pass sent."""
        if self._aps is not None:
            self._aps.shutdown(wait=False)
            self._aps = None
        async with self._pass:
            if self._task is not None:
                self._task.cancel()  # waiting for its next bell, outside any pass
                await asyncio.gather(self._task, return_exceptions=True)
                self._task = None
            return await self.run_once()

    async def stop(self) -> None:
        if self._stop_listening is not None:
            self._stop_listening()
        if self._aps is not None:
            self._aps.shutdown(wait=False)
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)

    def wake(self) -> None:
        self._wake.set()

    async def _ring(self) -> None:
        self._wake.set()

    async def _loop(self) -> None:
        while True:
            await self._wake.wait()
            self._wake.clear()
            async with self._pass:
                try:
                    await self.run_once()
                    await self._schedule_next()
                except Exception:  # a database hiccup must not stop the scheduler; the poll job retries
                    log.exception("scheduler pass failed")

    async def _schedule_next(self) -> None:
        due = await self.next_wake()
        if due is None or self._aps is None:
            return
        delay = max(0.0, (due - self._clock()).total_seconds())
        run_at = datetime.fromtimestamp(time.time() + delay, UTC)
        self._aps.add_job(
            self._ring, "date", run_date=run_at, id="next", replace_existing=True, misfire_grace_time=None
        )
