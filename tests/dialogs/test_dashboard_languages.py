"""The console's sign-in word in each language picks the reply's language for an organiser who never set
one, even when the word has several words ("tableau de bord", whose "de" is French and Spanish alike)."""

from __future__ import annotations

import pytest

from tests.dialogs.conftest import Talk

DASHBOARD_WORDS = [
    ("tableau de bord", "Votre lien de connexion"),
    ("Tableau de bord", "Votre lien de connexion"),
    ("panel de control", "Su enlace de acceso"),
    ("tablero", "Su enlace de acceso"),
    ("dashboard", "Your sign-in link"),
    ("панель управления", "Ваша ссылка"),
    ("لوحة التحكم", "رابط"),
    ("控制台", "登录"),
]


@pytest.mark.parametrize(("word", "opening"), DASHBOARD_WORDS)
async def test_the_dashboard_word_answers_in_its_own_language(talk: Talk, word: str, opening: str) -> None:
    talk.at("2024-04-10 09:00")
    reply = await talk.organiser().says(word)
    assert opening in reply
    assert "/organiser/signin/" in reply


async def test_a_delegate_typing_it_is_refused_in_that_language(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    reply = await talk.person("delegate").says("tableau de bord")
    assert "organisateurs" in reply
    assert "/organiser/signin/" not in reply
