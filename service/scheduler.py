"""Wakes the process when reminders, broadcasts or retries are due. The database is the truth.

APScheduler (AsyncIOScheduler, in-memory jobs) only rings the bell: a poll job every few seconds (work
created by another instance or the CLI) and a one-shot job at the next moment the database says something
is due. Each wake runs ``run_once``: create due reminder campaigns (unique rule keys make this idempotent
across restarts and instances), fan out due campaigns into the outbox, drain the outbox. At start the first
wake is immediate, so anything that fell due while the process was down runs at once, and once.
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
from handlers.agenda import attendance
from handlers.agenda.notices import CHANGE, START, cue_too_late, next_start_cue_at, plan_start_cues
from handlers.outreach import audiences
from handlers.outreach.reminders import (
    after_quiet_hours,
    due_reminders,
    local_send_at,
    next_reminder_at,
    zone_of,
)
from service.sender import OutboxSender, SenderConfig, Sleep
from storage.models import Campaign
from storage.outbox import PENDING, SKIPPED, NewRecipient
from storage.uow import UnitOfWork

if TYPE_CHECKING:
    from bot.core import Bot

log = logging.getLogger(__name__)
SYSTEM = "system:scheduler"
CUE_BEFORE = timedelta(minutes=15)  # the pitch cue goes out this long before the slot
# Told to everyone in the audience as written, now: organisers' broadcasts and programme change notices
# (a change is not a reminder: `remind off` does not hide it).
SENT_TO_ALL = ("broadcast", CHANGE)


class Scheduler:
    def __init__(
        self,
        uow: Callable[[], UnitOfWork],
        event: Event,
        clock: Clock,
        sender: OutboxSender,
        poll_seconds: float = 2.0,
    ) -> None:
        self._uow, self._event, self._clock, self.sender = uow, event, clock, sender
        self._poll_seconds = poll_seconds
        self._wake = asyncio.Event()
        self._aps: AsyncIOScheduler | None = None
        self._task: asyncio.Task[None] | None = None

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
        sender = OutboxSender(
            bot.uow, bot.notifier, bot.notifier.platforms, bot.event, bot.clock, config=config, sleep=sleep
        )
        bot.metrics.read_gauge_from(bot.metrics.outbox_depth, sender.depth)
        return cls(bot.uow, bot.event, bot.clock, sender, poll_seconds)

    # --- one pass (tests call this directly with an injected clock)

    async def run_once(self) -> int:
        """Plan, fan out, send; returns how many messages were sent."""
        await self.plan_reminders()
        await self.expand_due()
        return await self.sender.drain()

    async def plan_reminders(self) -> list[int]:
        """Campaigns for reminder rules that are due now; a rule key already there is left alone."""
        now, created = self._clock(), []
        async with self._uow() as uow:
            for plan in due_reminders(self._event, now):
                campaign_id = await uow.outbox.create_campaign(
                    plan.rule_key, "reminder", plan.audience, plan.send_at, now, SYSTEM, params=plan.params
                )
                if campaign_id is not None:
                    created.append(campaign_id)
            created.extend(await self._plan_cues(uow, now))
            created.extend(await plan_start_cues(uow, self._event, now, SYSTEM))
            await uow.commit()
        return created

    async def _plan_cues(self, uow: UnitOfWork, now: datetime) -> list[int]:
        """A cue for each pitch slot starting within the next 15 minutes, for whoever presents in it."""
        created = []
        for slot in await uow.pitches.slots(self._event.id):
            cue_at = slot.starts_at - CUE_BEFORE
            if cue_at <= now < slot.starts_at:
                params = {"slot": slot.number, "starts_at": slot.starts_at.isoformat()}
                key = f"cue:pitch:{slot.number}:{slot.starts_at.isoformat()}"
                audience = f"{audiences.PITCH_SLOT}{slot.number}"
                campaign_id = await uow.outbox.create_campaign(
                    key, "cue", audience, cue_at, now, SYSTEM, params=params
                )
                if campaign_id is not None:
                    created.append(campaign_id)
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
        if not attendance.known(campaign.audience):
            log.warning("campaign %s: audience %r is not available here", campaign.id, campaign.audience)
            return []
        found = await attendance.recipients(uow, campaign.audience, self._event.id, campaign.params)
        if campaign.kind in SENT_TO_ALL:
            return [NewRecipient(r.key, r.platform, campaign.send_at, r.params) for r in found]
        found = [r for r in found if r.reminders_enabled]
        prefs = await uow.reminder_prefs.of(r.key for r in found)
        rows = []
        for r in found:
            pref = prefs.get(r.key)
            at = (
                campaign.send_at
                if campaign.kind in ("cue", START)
                else local_send_at(campaign.params, r.tz, self._event)
            )
            if pref is not None:
                at = after_quiet_hours(at, pref.quiet_start, pref.quiet_end, zone_of(r.tz, self._event))
            late = campaign.kind == START and cue_too_late(campaign.send_at, at)
            rows.append(NewRecipient(r.key, r.platform, at, r.params, SKIPPED if late else PENDING))
        return rows

    async def next_wake(self) -> datetime | None:
        now = self._clock()
        async with self._uow() as uow:
            stored = await uow.outbox.next_wake(self.sender.platforms)
            cues = [s.starts_at - CUE_BEFORE for s in await uow.pitches.slots(self._event.id)]
            next_start = await next_start_cue_at(uow, self._event, now)  # "starting now" cues
        next_cue = min((c for c in cues if c > now), default=None)
        found = (stored, next_reminder_at(self._event, now), next_cue, next_start)
        moments = [m for m in found if m is not None]
        return min(moments, default=None)

    # --- running in a server

    async def start(self) -> None:
        self._aps = AsyncIOScheduler(timezone=UTC)
        self._aps.add_job(
            self._ring, "interval", seconds=self._poll_seconds, id="poll", coalesce=True, max_instances=1
        )
        self._aps.start()
        self._task = asyncio.create_task(self._loop(), name="scheduler")
        self._wake.set()  # anything due while we were down runs now

    async def stop(self) -> None:
        if self._aps is not None:
            self._aps.shutdown(wait=False)
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)

    def wake(self) -> None:
        self._wake.set()

    def use_event(self, event: Event) -> None:
        """A reloaded event file (service/reload.py): plan and render with it from the next pass."""
        self._event = event
        self.sender.use_event(event)

    async def _ring(self) -> None:
        self._wake.set()

    async def _loop(self) -> None:
        while True:
            await self._wake.wait()
            self._wake.clear()
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
