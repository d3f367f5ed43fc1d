"""Which language a reply is in: weak evidence in a short text never overrides the person's own locale."""

from __future__ import annotations

import pytest

from handlers.registration.fields import new_join_code, show_code
from service.bootstrap import Bot


@pytest.mark.parametrize(
    ("text", "locale", "expected"),
    [
        ("uploaded a file", "en-US", "en"),  # French "a" alone is no reason to answer in French
        ("ok", "fr-FR", "fr"),
        ("help", "es-ES", "es"),
        ("quand est la réception ?", "en-US", "fr"),  # a real French question still wins
        ("¿dónde es la recepción?", "en-GB", "es"),
        ("متى الاستقبال؟", "en-US", "ar"),  # a script is strong evidence
        ("uploaded a file", None, "fr"),  # with no locale, the best guess is all there is
    ],
)
def test_short_texts_do_not_override_the_platform_locale(
    bot: Bot, text: str, locale: str | None, expected: str
) -> None:
    assert bot.choose_language(text, None, locale) == (expected, False)


def test_a_chosen_language_beats_any_text(bot: Bot) -> None:
    assert bot.choose_language("when is the reception?", "ru", "en-US") == ("ru", True)


def test_a_join_code_carries_no_language(bot: Bot) -> None:
    """Letters of a code ("4F8A-J6WB": French "a") once answered 1 join in 20 in French."""
    codes = [show_code(new_join_code()) for _ in range(300)] + ["ABCD-EFGH", "4F8A-J6WB", "ES8J-NW5M"]
    assert {bot.choose_language(f"join {code}", None, None)[0] for code in codes} == {"en"}
    assert bot.choose_language("rejoindre 4F8A-J6WB", None, None)[0] == "fr"
    assert bot.choose_language("unirme ES8J-NW5M", None, None)[0] == "es"
