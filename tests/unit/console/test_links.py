"""Sign-in links: single use, 15 minutes, only a hash kept; `dashboard` in six languages, organisers only."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from service.bootstrap import Bot
from storage.console import LINK_LIFETIME, ConsoleRepository
from storage.models import ConsoleLink
from tests.conftest import MutableClock


async def test_a_link_signs_in_once_within_fifteen_minutes(bot: Bot, clock: MutableClock) -> None:
    async with bot.uow() as uow:
        links = ConsoleRepository(uow.session)
        token = await links.offer_link("slack:UORG", clock())
        late = await links.offer_link("slack:UORG", clock())
        await uow.commit()
        stored = list(await uow.session.scalars(select(ConsoleLink.token_hash)))
    assert token not in stored and len(stored) == 2  # only hashes are kept
    async with bot.uow() as uow:
        links = ConsoleRepository(uow.session)
        assert await links.redeem_link(token, clock()) == "slack:UORG"
        assert await links.redeem_link(token, clock()) is None  # used
        assert await links.redeem_link("not-a-token", clock()) is None
        assert await links.redeem_link(late, clock() + LINK_LIFETIME) is None  # expired
        assert await links.redeem_link(late, clock() + LINK_LIFETIME - timedelta(seconds=1)) == "slack:UORG"


async def test_the_first_stored_secret_is_kept(bot: Bot, clock: MutableClock) -> None:
    async with bot.uow() as uow:
        first = await ConsoleRepository(uow.session).setting("session_secret", "one", clock())
        second = await ConsoleRepository(uow.session).setting("session_secret", "two", clock())
        await uow.commit()
    assert first == second == "one"


@pytest.mark.parametrize(
    "words",
    ["dashboard", "tableau de bord", "panel de control", "لوحة التحكم", "панель управления", "控制台"],
)
async def test_an_organiser_gets_a_private_link_in_any_language(bot: Bot, words: str) -> None:
    from tests.conftest import message

    replies = await bot.handle(message(words, user="organiser"))
    assert len(replies) == 1 and replies[0].private
    assert "/organiser/signin/" in replies[0].text
    assert "organiser" not in replies[0].text.split("/organiser/signin/")[1]  # no user id in the link


async def test_a_delegate_asking_for_the_console_is_refused_and_it_is_on_record(bot: Bot) -> None:
    from tests.conftest import message

    replies = await bot.handle(message("dashboard", user="alice"))
    assert "/organiser/" not in replies[0].text
    async with bot.uow() as uow:
        refused = [(e.actor, e.action) for e in await uow.audit.all()]
        count = len(list(await uow.session.scalars(select(ConsoleLink))))
    assert ("console:alice", "console.link_refused") in refused
    assert count == 0
