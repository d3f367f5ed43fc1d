"""Help exists in each of the six languages: the word a person types for help picks the language of the
help and of what follows; the help lists what they can do. Nothing is stored about the person but their
first contact (no language is fixed for them by a help word)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from storage.models import Member
from tests.dialogs.conftest import Talk

HELP_THEN_QUESTION = [
    ("en", "help", "I am the assistant", "where is the reception?", "Permanent Mission of Singapore"),
    ("fr", "aide", "Je suis l'assistant", "où a lieu la réception ?", "Mission permanente de Singapour"),
    ("es", "ayuda", "Soy el asistente", "¿dónde es la recepción?", "Misión Permanente de Singapur"),
    ("ru", "помощь", "Я помощник", "где проходит прием?", "Постоянное представительство Сингапура"),
    ("ar", "مساعدة", "أنا مساعد", "أين حفل الاستقبال؟", "البعثة الدائمة لسنغافورة"),
    ("zh", "帮助", "我是", "招待会在哪里？", "新加坡常驻联合国代表团"),
]


@pytest.mark.parametrize(("lang", "word", "help_opening", "question", "answer"), HELP_THEN_QUESTION)
async def test_help_word_gives_help_in_its_language_then_questions_are_answered_in_it(
    talk: Talk, lang: str, word: str, help_opening: str, question: str, answer: str
) -> None:
    talk.at("2024-04-10 09:00")
    delegate = talk.person(f"help-{lang}", platform="slack")
    helped = await delegate.says(word)
    assert helped.startswith(help_opening)
    assert "register" in helped or "`" in helped  # it lists commands to type
    assert answer in await delegate.says(question)
    async with talk.bot.uow() as uow:
        stored = select(Member.language).where(Member.user_id == f"help-{lang}")
        assert (await uow.session.scalars(stored)).one() is None  # help answers in a language, fixes none
