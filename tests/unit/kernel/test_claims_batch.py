"""The batched statements behind every message: claims, 'answered' marks and remembered DM channels."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from adapters.answers import Answers
from bot.core import Bot
from bot.messages import ConversationRef, InboundMessage, UserRef
from storage.repositories import SeenIn

NOW = datetime(2024, 5, 10, 10, 0, tzinfo=UTC)


def message(event_id: str, user: str = "U1") -> InboundMessage:
    return InboundMessage(
        text="what's next?",
        user=UserRef("slack", user),
        conversation=ConversationRef("slack", f"D{user}"),
        event_id=event_id,
        received_at=NOW,
    )


async def test_an_event_twice_in_one_batch_is_claimed_by_the_first_only(bot: Bot) -> None:
    answers = Answers(bot, "worker-1")
    first, retry, other = await asyncio.gather(
        answers.claim(message("Ev1")), answers.claim(message("Ev1")), answers.claim(message("Ev2"))
    )
    assert (first, retry, other) == (True, False, True)
    assert answers.live == 2


async def test_answered_marks_clear_the_stored_message(bot: Bot) -> None:
    answers = Answers(bot, "worker-1")
    msg = message("Ev3")
    assert await answers.claim(msg)
    await answers.answered(msg)
    async with bot.uow() as uow:
        assert await uow.processed.next_expiry() is None  # nothing claimed is left
    assert answers.live == 0


async def test_remember_writes_a_new_channel_and_only_changes_after(bot: Bot) -> None:
    seen = SeenIn("slack:U1", "slack", "D1", NOW, tenant_id="T1")
    async with bot.uow() as uow:
        await uow.conversations.remember([seen])
        await uow.commit()
    later = SeenIn("slack:U1", "slack", "D1", NOW + timedelta(hours=1), tenant_id="T1")
    async with bot.uow() as uow:
        await uow.conversations.remember([later])  # the same channel: nothing to write
        await uow.commit()
    async with bot.uow() as uow:
        row = await uow.conversations.get("slack:U1")
        assert row is not None and row.conversation_id == "D1" and row.updated_at == NOW


async def test_remember_makes_an_unreachable_person_reachable_and_takes_the_last_row(bot: Bot) -> None:
    async with bot.uow() as uow:
        await uow.conversations.remember([SeenIn("slack:U2", "slack", "D2", NOW)])
        await uow.commit()
    async with bot.uow() as uow:
        await uow.conversations.mark_unreachable("slack:U2", NOW)
        await uow.commit()
    later = NOW + timedelta(minutes=5)
    rows = [SeenIn("slack:U2", "slack", "D2", later), SeenIn("slack:U2", "slack", "D9", later)]
    async with bot.uow() as uow:
        await uow.conversations.remember(rows)
        await uow.commit()
    async with bot.uow() as uow:
        row = await uow.conversations.get("slack:U2")
        assert row is not None
        assert (row.conversation_id, row.unreachable_at, row.updated_at) == ("D9", None, later)


async def test_teams_reference_changes_are_written(bot: Bot) -> None:
    first = SeenIn(
        "teams:A", "teams", "a:1", NOW, "https://smba.one/", "T", {"serviceUrl": "https://smba.one/"}
    )
    moved = SeenIn(
        "teams:A", "teams", "a:1", NOW, "https://smba.two/", "T", {"serviceUrl": "https://smba.two/"}
    )
    for seen in (first, moved):
        async with bot.uow() as uow:
            await uow.conversations.remember([seen])
            await uow.commit()
    async with bot.uow() as uow:
        row = await uow.conversations.get("teams:A")
        assert row is not None and row.service_url == "https://smba.two/" and row.reference == moved.reference
