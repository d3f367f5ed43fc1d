"""Drains the outbox: claims due rows under a lease, sends with bounded concurrency per platform, records
every attempt.

Why duplicates stay bounded after a kill -9: a send slot is held until the outcome of its request is
committed, so at any moment at most ``concurrency`` requests per platform have gone out without their
result being on disk. Claimed rows not yet sent are simply reclaimed after the lease, never re-sent twice.

How each kind of campaign reads, and whether its audience is checked again at send time, comes from the
registry (handlers/campaigns/registry.py). Notifiers only report what happened; the sender records it,
including a recipient the platform says cannot be reached.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from bot.context import Clock, DeliveryResult, DeliveryStatus, Notifier
from bot.event import Event
from bot.messages import ConversationRef, Notice, UserRef
from handlers.campaigns.registry import conversation_of, spec_of
from handlers.shared.notices import FLOW_GRACE
from storage.models import Campaign, ConversationReference, Member, OutboxItem
from storage.outbox import FAILED, PENDING, SENT, SKIPPED, UNREACHABLE, Outcome
from storage.uow import UnitOfWork

log = logging.getLogger(__name__)
Sleep = Callable[[float], Awaitable[None]]
CurrentEvent = Callable[[], Event]  # read at each use: the Bot holds the one current event (Bot.use_event)
IN_FLOW = "waiting for the recipient's open dialog to end"
_FINAL_BY_RESULT = {
    DeliveryStatus.SENT: SENT,
    DeliveryStatus.UNREACHABLE: UNREACHABLE,
    DeliveryStatus.FAILED: FAILED,
}


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


@dataclass(frozen=True, slots=True)
class SenderConfig:
    concurrency: int = 8  # requests in flight per platform
    lease: timedelta = timedelta(seconds=120)  # longer than any one request can take
    max_attempts: int = 8
    max_backoff: float = 300.0
    max_inline_pause: float = 30.0  # wait out a Retry-After this short; longer ones end the drain
    # A message to someone in the middle of a flow waits until the flow ends (looked at again every
    # ``flow_recheck``); a flow untouched for ``flow_grace`` counts as abandoned and no longer holds it.
    flow_grace: timedelta = FLOW_GRACE
    flow_recheck: timedelta = timedelta(seconds=30)


@dataclass
class _Batch:
    """What a claimed batch needs to become notices, loaded in one go."""

    campaigns: dict[int, Campaign]
    members: dict[str, Member]
    references: dict[str, ConversationReference]
    still_wanted: dict[int, set[str]] = field(default_factory=dict)
    in_flow: dict[str, datetime] = field(default_factory=dict)  # recipient → their open dialog's last move


class OutboxSender:
    def __init__(
        self,
        uow: Callable[[], UnitOfWork],
        notifier: Notifier,
        platforms: Sequence[str],
        event: CurrentEvent,
        clock: Clock,
        *,
        config: SenderConfig | None = None,
        sleep: Sleep = asyncio.sleep,
        worker: str | None = None,
    ) -> None:
        self._uow, self._notifier, self._event, self._clock = uow, notifier, event, clock
        self.platforms = list(platforms)
        self.config = config or SenderConfig()
        self._sleep = sleep
        self.worker = worker or worker_name()
        self._paused_until: dict[str, datetime] = {}
        self._db = asyncio.Lock()  # one outbox transaction at a time per process (SQLite has one writer)
        self._flush = asyncio.Lock()
        self._unsaved: list[tuple[Outcome, asyncio.Future[None]]] = []

    async def depth(self) -> float:
        """Outbox rows not yet in a final state (the /metrics gauge)."""
        async with self._uow() as uow:
            return float(await uow.outbox.depth())

    async def drain(self) -> int:
        """Send everything due now, on every platform this process serves; returns how many were sent."""
        counts = await asyncio.gather(*(self._drain_platform(p) for p in self.platforms))
        return sum(counts)

    async def _drain_platform(self, platform: str) -> int:
        """A sliding window: a slot that frees up is refilled at once, so one slow request (a 429 being
        waited out) never holds back the others. At most 2 × concurrency rows are claimed at a time."""
        sent, slots, window = 0, asyncio.Semaphore(self.config.concurrency), self.config.concurrency * 2
        wanted: dict[int, set[str]] = {}
        running: set[asyncio.Task[bool]] = set()
        try:
            while await self._wait_out_pause(platform):
                rows = await self._claim(platform, window - len(running)) if len(running) < window else []
                if rows:
                    batch = await self._load(rows, wanted)
                    running.update(asyncio.create_task(self._deliver(r, batch, slots)) for r in rows)
                elif not running:
                    break
                if running:
                    done, running = await asyncio.wait(running, return_when=asyncio.FIRST_COMPLETED)
                    sent += sum(task.result() for task in done)
        finally:
            if running:
                sent += sum(await asyncio.gather(*running))
        return sent

    async def _wait_out_pause(self, platform: str) -> bool:
        """False when the platform asked us to wait longer than is worth waiting here."""
        pause = (self._paused_until.get(platform, self._clock()) - self._clock()).total_seconds()
        if pause > self.config.max_inline_pause:
            return False
        if pause > 0:
            await self._sleep(pause)
        return True

    async def _claim(self, platform: str, limit: int) -> list[OutboxItem]:
        now = self._clock()
        async with self._db, self._uow() as uow:
            rows = await uow.outbox.claim(platform, self.worker, now, now + self.config.lease, limit)
            await uow.commit()
        return rows

    async def _load(self, rows: list[OutboxItem], wanted: dict[int, set[str]]) -> _Batch:
        keys = {row.recipient_key for row in rows}
        async with self._db, self._uow() as uow:
            campaigns = await uow.outbox.campaigns({row.campaign_id for row in rows})
            members, references = await uow.outbox.recipients(keys)
            in_flow = await uow.dialogs.busy(keys, self._clock() - self.config.flow_grace)
            for campaign in campaigns.values():
                spec = spec_of(campaign.kind)
                if spec is not None and spec.recheck_at_send and campaign.id not in wanted:
                    # A reminder goes only to whoever still has not acted when it is sent.
                    found = await spec.audience(uow, campaign, self._event().id) or []
                    wanted[campaign.id] = {r.key for r in found if spec.wants(r)}
            uow.session.expunge_all()  # keep the loaded rows readable after the read-only session ends
        return _Batch(campaigns, members, references, wanted, in_flow)

    async def _deliver(self, row: OutboxItem, batch: _Batch, slots: asyncio.Semaphore) -> bool:
        async with slots:
            now = self._clock()
            if row.claimed_until is not None and now >= row.claimed_until:
                return False  # our lease ran out while this row waited: it is someone else's now
            paused = self._paused_until.get(row.platform)
            if paused is not None and paused > now:
                await self._save(self._outcome(row, PENDING, now, next_at=paused, attempted=False))
                return False
            moved = batch.in_flow.get(row.recipient_key)
            if moved is not None:  # mid-flow: a reminder now would interrupt it; deferred, not dropped
                later = min(moved + self.config.flow_grace, now + self.config.flow_recheck)
                waiting = self._outcome(row, PENDING, now, next_at=later, detail=IN_FLOW, attempted=False)
                await self._save(waiting)
                return False
            wanted = batch.still_wanted.get(row.campaign_id)
            notice = self._notice(row, batch)
            if notice is None or (wanted is not None and row.recipient_key not in wanted):
                await self._save(self._outcome(row, SKIPPED, now, detail="no longer needed"))
                return False
            result = await self._send(notice)
            if result.status is DeliveryStatus.UNREACHABLE:
                await self._mark_unreachable(row.recipient_key)
            await self._save(self._after(row, result))
            return result.delivered

    async def _send(self, notice: Notice) -> DeliveryResult:
        try:
            return await self._notifier.send(notice)
        except Exception as error:  # a notifier bug or network error: recorded and retried, never lost
            log.exception("send to %s raised", notice.recipient.key)
            return DeliveryResult(DeliveryStatus.RETRY, detail=f"raised {error!r}")

    def _after(self, row: OutboxItem, result: DeliveryResult) -> Outcome:
        now = self._clock()
        final = _FINAL_BY_RESULT.get(result.status)
        if final is not None:
            return self._outcome(row, final, now, detail=result.detail)
        if result.retry_after is not None:
            self._paused_until[row.platform] = now + timedelta(seconds=result.retry_after)
        if row.attempts + 1 >= self.config.max_attempts:
            return self._outcome(row, FAILED, now, detail=f"gave up: {result.detail}")
        backoff = result.retry_after
        if backoff is None:
            backoff = min(2.0**row.attempts, self.config.max_backoff)
        next_at = now + timedelta(seconds=backoff)
        return replace(
            self._outcome(row, PENDING, now, next_at=next_at, detail=result.detail),
            retry_after=result.retry_after,
        )

    def _outcome(
        self,
        row: OutboxItem,
        status: str,
        now: datetime,
        *,
        next_at: datetime | None = None,
        detail: str = "",
        attempted: bool = True,
    ) -> Outcome:
        attempts = row.attempts + 1 if attempted and status != SKIPPED else row.attempts
        return Outcome(
            row.id, attempts, status, next_at or now, now, self.worker, detail, attempted=attempted
        )

    async def _save(self, outcome: Outcome) -> None:
        """Group commit: whoever holds the flush lock writes every outcome queued so far."""
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._unsaved.append((outcome, future))
        async with self._flush:
            if future.done():
                return
            batch, self._unsaved = self._unsaved, []
            try:
                async with self._db, self._uow() as uow:
                    await uow.outbox.record([o for o, _ in batch])
                    await uow.commit()
            except Exception as error:
                for _, waiting in batch:
                    waiting.set_exception(error)
                raise
            for _, waiting in batch:
                if not waiting.done():
                    waiting.set_result(None)

    async def _mark_unreachable(self, user_key: str) -> None:
        """Notifiers only report an unreachable recipient; the sender records it (Teams then stops trying
        until they write again). Before the outcome, so a crash in between cannot leave it unrecorded."""
        async with self._db, self._uow() as uow:
            await uow.conversations.mark_unreachable(user_key, self._clock())
            await uow.commit()

    def _notice(self, row: OutboxItem, batch: _Batch) -> Notice | None:
        campaign, member = batch.campaigns.get(row.campaign_id), batch.members.get(row.recipient_key)
        spec = spec_of(campaign.kind) if campaign is not None else None
        if campaign is None or member is None or spec is None:
            return None
        event = self._event()
        lang = member.language_among(event.languages)
        reference = batch.references.get(row.recipient_key)
        conversation = conversation_of(campaign)  # an answer kept for the thread it was asked in
        if conversation is None and reference is not None:
            conversation = ConversationRef(
                reference.platform, reference.conversation_id, reference.service_url, reference.tenant_id
            )
        recipient = UserRef(member.platform, member.user_id, member.display_name, member.language, member.tz)
        reply = spec.render(event, campaign, row.params, lang, self._clock())
        return Notice(recipient, reply, conversation, reason=f"{campaign.kind}:{campaign.id}")
