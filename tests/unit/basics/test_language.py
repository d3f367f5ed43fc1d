"""`language fr` is stored per user and wins over the language of later questions."""

from __future__ import annotations

from bot.messages import Action
from service.bootstrap import Bot
from tests.conftest import message


async def test_language_choice_is_stored_and_used_for_later_messages(bot: Bot) -> None:
    replies = await bot.handle(message("language fr", user="ana"))
    assert "je répondrai désormais en français" in replies[0].text
    later = await bot.context_for(message("when is the reception?", user="ana"))
    assert (later.lang, later.lang_forced) == ("fr", True)


async def test_language_auto_follows_each_question_again(bot: Bot) -> None:
    await bot.handle(message("idioma es", user="ben"))
    await bot.handle(message("language auto", user="ben"))
    later = await bot.context_for(message("quand est la réception ?", user="ben"))
    assert (later.lang, later.lang_forced) == ("fr", False)


async def test_language_without_a_choice_offers_buttons(bot: Bot) -> None:
    replies = await bot.handle(message("language klingon", user="cy"))
    assert replies[0].card is not None
    assert [b.value for b in replies[0].card.buttons] == [*bot.event.languages, "auto"]
    chosen = await bot.handle(message(user="cy", action=Action("language.set", "es")))
    assert "responderé en español" in chosen[0].text
