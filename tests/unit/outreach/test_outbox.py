"""The outbox sender: Retry-After on 429, back-off on 5xx and errors, 403/404 unreachable, bounded
concurrency, leases that bring a killed sender's rows back, one row per (campaign, recipient)."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from bot.context import SENT, DeliveryResult, DeliveryStatus
from bot.messages import Notice
from service.bootstrap import Bot
from service.scheduler import Scheduler
from service.sender import OutboxSender, SenderConfig
from storage.outbox import NewRecipient
from storage.repositories import SeenIn
from tests.conftest import MutableClock


class ScriptedNotifier:
    """Answers each recipient from a script of results (then SENT); tracks the peak of requests in flight."""

    def __init__(
        self, script: dict[str, list[DeliveryResult]] | None = None, error: Exception | None = None
    ) -> None:
        self.script = script or {}
        self.error = error
        self.calls: list[str] = []
        self.in_flight = self.peak = 0

    async def send(self, notice: Notice) -> DeliveryResult:
        self.calls.append(notice.recipient.key)
        self.in_flight += 1
        self.peak = max(self.peak, self.in_flight)
        await asyncio.sleep(0)
        self.in_flight -= 1
        if self.error is not None:
            error, self.error = self.error, None
            raise error
        queue = self.script.get(notice.recipient.key, [])
        return queue.pop(0) if queue else SENT


async def campaign_to(bot: Bot, users: list[str]) -> int:
    now = bot.clock()
    async with bot.uow() as uow:
        for user in users:
            await uow.members.upsert_seen("slack", user, user, now)
        campaign_id = await uow.outbox.create_campaign(
            "broadcast:t", "broadcast", "everyone", now, now, "test", text="Hi"
        )
        assert campaign_id is not None
        rows = [NewRecipient(f"slack:{u}", "slack", now, {}) for u in users]
        await uow.outbox.add_recipients(campaign_id, rows)
        await uow.outbox.add_recipients(campaign_id, rows)  # a retried fan-out adds nothing
        await uow.commit()
    return campaign_id


def sender(bot: Bot, notifier: ScriptedNotifier, clock: MutableClock, **config: object) -> OutboxSender:
    async def sleep(seconds: float) -> None:
        clock.moment += timedelta(seconds=seconds)

    settings = SenderConfig(**config)  # type: ignore[arg-type]
    return OutboxSender(bot.uow, notifier, ["slack"], lambda: bot.event, clock, config=settings, sleep=sleep)


async def statuses(bot: Bot, campaign_id: int) -> dict[str, int]:
    async with bot.uow() as uow:
        return await uow.outbox.counts(campaign_id)


async def test_one_row_per_recipient_and_every_attempt_recorded(bot: Bot, clock: MutableClock) -> None:
    campaign_id = await campaign_to(bot, ["a", "b"])
    notifier = ScriptedNotifier({"slack:a": [DeliveryResult(DeliveryStatus.RETRY, detail="HTTP 500")]})
    assert await sender(bot, notifier, clock).drain() == 1
    assert await statuses(bot, campaign_id) == {"sent": 1, "pending": 1}
    clock.moment += timedelta(seconds=1)  # back-off after the first 5xx: 1 s
    assert await sender(bot, notifier, clock).drain() == 1
    async with bot.uow() as uow:
        [a, _] = await uow.outbox.items(campaign_id)
        attempts = [x.status for x in await uow.outbox.attempts(a.id)]
        assert attempts == ["pending", "sent"] and a.attempts == 2
    assert sorted(notifier.calls) == ["slack:a", "slack:a", "slack:b"]


async def test_retry_after_pauses_the_platform_then_sends(bot: Bot, clock: MutableClock) -> None:
    campaign_id = await campaign_to(bot, ["a", "b", "c"])
    limited = DeliveryResult(DeliveryStatus.RETRY, retry_after=5, detail="ratelimited")
    notifier = ScriptedNotifier({"slack:a": [limited]})
    start = clock.moment
    assert await sender(bot, notifier, clock, concurrency=1).drain() == 3
    assert await statuses(bot, campaign_id) == {"sent": 3}
    assert clock.moment - start >= timedelta(seconds=5)  # the injected sleep waited the Retry-After out


async def test_long_retry_after_ends_the_drain_and_keeps_the_rows(bot: Bot, clock: MutableClock) -> None:
    campaign_id = await campaign_to(bot, ["a", "b"])
    notifier = ScriptedNotifier({"slack:a": [DeliveryResult(DeliveryStatus.RETRY, retry_after=600)]})
    await sender(bot, notifier, clock, concurrency=1).drain()
    assert await statuses(bot, campaign_id) == {"pending": 2}  # b was handed back unsent, not attempted
    assert notifier.calls == ["slack:a"]


async def test_unreachable_and_failed_are_final(bot: Bot, clock: MutableClock) -> None:
    campaign_id = await campaign_to(bot, ["gone", "bad", "ok"])
    notifier = ScriptedNotifier(
        {
            "slack:gone": [DeliveryResult(DeliveryStatus.UNREACHABLE, detail="user_not_found")],
            "slack:bad": [DeliveryResult(DeliveryStatus.RETRY)] * 3,
        }
    )
    one = sender(bot, notifier, clock, max_attempts=3)
    for _ in range(4):
        await one.drain()
        clock.moment += timedelta(minutes=5)
    assert await statuses(bot, campaign_id) == {"unreachable": 1, "failed": 1, "sent": 1}
    assert notifier.calls.count("slack:gone") == 1 and notifier.calls.count("slack:bad") == 3


async def test_the_sender_records_an_unreachable_recipient(bot: Bot, clock: MutableClock) -> None:
    """Notifiers only report UNREACHABLE; the sender writes it on the conversation (the only writer)."""
    campaign_id = await campaign_to(bot, ["gone", "ok"])
    async with bot.uow() as uow:
        for user in ("gone", "ok"):
            await uow.conversations.remember([SeenIn(f"slack:{user}", "slack", f"D-{user}", clock())])
        await uow.commit()
    notifier = ScriptedNotifier({"slack:gone": [DeliveryResult(DeliveryStatus.UNREACHABLE, detail="gone")]})
    await sender(bot, notifier, clock).drain()
    async with bot.uow() as uow:
        gone, ok = await uow.conversations.get("slack:gone"), await uow.conversations.get("slack:ok")
        assert gone is not None and gone.unreachable_at == clock()
        assert ok is not None and ok.unreachable_at is None
    assert await statuses(bot, campaign_id) == {"unreachable": 1, "sent": 1}


async def test_a_notifier_that_raises_is_retried_not_lost(bot: Bot, clock: MutableClock) -> None:
    campaign_id = await campaign_to(bot, ["a"])
    notifier = ScriptedNotifier(error=ConnectionResetError("peer"))
    await sender(bot, notifier, clock).drain()
    clock.moment += timedelta(seconds=2)
    await sender(bot, notifier, clock).drain()
    assert await statuses(bot, campaign_id) == {"sent": 1}


async def test_concurrency_is_bounded(bot: Bot, clock: MutableClock) -> None:
    campaign_id = await campaign_to(bot, [f"u{i}" for i in range(40)])
    notifier = ScriptedNotifier()
    assert await sender(bot, notifier, clock, concurrency=3).drain() == 40
    assert 1 <= notifier.peak <= 3
    assert await statuses(bot, campaign_id) == {"sent": 40}


async def test_a_killed_senders_rows_come_back_after_the_lease(bot: Bot, clock: MutableClock) -> None:
    campaign_id = await campaign_to(bot, ["a", "b"])
    async with bot.uow() as uow:  # a sender claims both rows, then dies before sending
        claimed = await uow.outbox.claim("slack", "dead", clock(), clock() + timedelta(seconds=60), 10)
        await uow.commit()
    assert len(claimed) == 2
    notifier = ScriptedNotifier()
    assert await sender(bot, notifier, clock).drain() == 0  # still leased
    clock.moment += timedelta(seconds=61)
    assert await sender(bot, notifier, clock).drain() == 2
    assert sorted(notifier.calls) == ["slack:a", "slack:b"]
    assert await statuses(bot, campaign_id) == {"sent": 2}


async def test_next_wake_is_the_earliest_retry(bot: Bot, clock: MutableClock) -> None:
    await campaign_to(bot, ["a"])
    notifier = ScriptedNotifier({"slack:a": [DeliveryResult(DeliveryStatus.RETRY)]})
    scheduler = Scheduler(bot.uow, lambda: bot.event, clock, sender(bot, notifier, clock))
    await scheduler.run_once()
    assert await scheduler.next_wake() == clock.moment + timedelta(seconds=1)
