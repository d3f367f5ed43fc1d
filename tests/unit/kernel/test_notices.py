"""A one-off notice the platform cannot take now is kept in the outbox, then sent by the sender."""

from __future__ import annotations

from datetime import timedelta

from bot.context import DeliveryResult, DeliveryStatus
from bot.messages import Button, Card, Notice, Reply, UserRef, reply_from_data, reply_to_data
from handlers.shared import notices
from service.bootstrap import Bot
from service.sender import OutboxSender
from storage.repositories import SeenIn
from tests.conftest import MutableClock, message


class FlakyNotifier:
    """Refuses the first send with a 429, then accepts."""

    def __init__(self) -> None:
        self.sent: list[Notice] = []
        self.refused = 0

    async def send(self, notice: Notice) -> DeliveryResult:
        if self.refused == 0:
            self.refused += 1
            return DeliveryResult(DeliveryStatus.RETRY, retry_after=30)
        self.sent.append(notice)
        return DeliveryResult(DeliveryStatus.SENT)


def test_reply_survives_the_round_trip_through_json() -> None:
    card = Card("Meet?", sections=("Alpha wants to meet",), buttons=(Button("Accept", "meet.accept", "7"),))
    reply = Reply("Request", card=card, lang="fr")
    assert reply_from_data(reply_to_data(reply)) == reply


async def test_a_refused_notice_waits_in_the_outbox_and_is_sent_later(bot: Bot, clock: MutableClock) -> None:
    flaky = FlakyNotifier()
    bot.notifier.register("slack", flaky)
    await bot.handle(message("hello", user="U9", platform="slack"))
    ctx = await bot.context_for(message("hello", user="organiser"))
    reply = Reply("You have been promoted", card=Card("Pitch", buttons=(Button("My pitch", "pitch.mine"),)))
    await notices.deliver(ctx, Notice(UserRef("slack", "U9"), reply, reason="pitch.promoted"))
    assert flaky.sent == []

    sender = OutboxSender(bot.uow, bot.notifier, ["slack"], lambda: bot.event, bot.clock)
    await sender.drain()
    assert flaky.sent == []  # not due yet: Retry-After 30 s
    clock.moment += timedelta(seconds=31)
    await sender.drain()
    assert [n.reply for n in flaky.sent] == [reply]
    assert flaky.sent[0].recipient.key == "slack:U9"


class GoneNotifier:
    """The user blocked the bot: every send is unreachable (reported only, as every notifier does)."""

    async def send(self, notice: Notice) -> DeliveryResult:
        return DeliveryResult(DeliveryStatus.UNREACHABLE, detail="user_not_found")


async def test_an_unreachable_notice_is_recorded_by_the_caller_not_the_notifier(bot: Bot) -> None:
    bot.notifier.register("slack", GoneNotifier())
    async with bot.uow() as uow:
        await uow.conversations.remember([SeenIn("slack:U9", "slack", "D9", bot.clock())])
        await uow.commit()
    ctx = await bot.context_for(message("hello", user="organiser"))
    await notices.deliver(ctx, Notice(UserRef("slack", "U9"), Reply("Your request was approved")))
    async with bot.uow() as uow:
        reference = await uow.conversations.get("slack:U9")
        [campaign] = await uow.outbox.recent_campaigns("notice")
        rows = await uow.outbox.items(campaign.id)
        assert reference is not None and reference.unreachable_at == bot.clock()
        assert [row.status for row in rows] == ["unreachable"]  # kept, never retried
