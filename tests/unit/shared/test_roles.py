"""The one organiser gate: organisers pass, anyone else gets the polite refusal, and the audit log says so."""

from __future__ import annotations

import pytest

from bot.errors import DomainError
from handlers.shared.roles import NOT_ORGANISER, require_organiser
from service.bootstrap import Bot
from tests.conftest import message


async def audit(bot: Bot) -> list[tuple[str, str, str, str]]:
    async with bot.uow() as uow:
        return [(e.actor, e.action, e.subject, e.note) for e in await uow.audit.all()]


async def test_anyone_else_is_refused_politely_and_the_refusal_is_audited(bot: Bot) -> None:
    ctx = await bot.context_for(message("export audit", user="mallory"))
    with pytest.raises(DomainError) as refused:
        await require_organiser(ctx, "export.refused", "audit", allowed="export.allowed")
    assert refused.value.message_id == "error.not_organiser"
    assert refused.value.params == {"contact": bot.event.contact.email}
    assert await audit(bot) == [("console:mallory", "export.refused", "audit", NOT_ORGANISER)]


async def test_an_organiser_passes_audited_only_when_the_action_asks(bot: Bot) -> None:
    ctx = await bot.context_for(message("broadcast", user="organiser"))
    await require_organiser(ctx, "export.refused", "audit")
    assert await audit(bot) == []
    await require_organiser(ctx, "broadcast.refused", "everyone", allowed="broadcast.allowed")
    assert await audit(bot) == [("console:organiser", "broadcast.allowed", "everyone", "")]


async def test_every_organiser_only_word_goes_through_the_gate(bot: Bot) -> None:
    words = [
        "broadcast",
        "export registrations",
        "pitch open",
        "run of show",
        "join requests",
        "approve join 1",
    ]
    for text in words:
        [reply] = await bot.handle(message(text, user="mallory"))
        assert "only the event organisers" in reply.text, text
    refusals = [(action, note) for _, action, _, note in await audit(bot)]
    assert [action for action, _ in refusals] == [
        "broadcast.refused",
        "export.refused",
        "pitch.open",
        "pitch.show",
        "delegation.join_refused",
        "delegation.join_refused",
    ]
    assert {note for _, note in refusals} == {NOT_ORGANISER}
