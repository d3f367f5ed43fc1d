"""The State matcher: every UN Member and observer State by every one of its names, typos offered, never
assumed; organisations and sentences are not States."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from handlers.registration.states import (
    LANGUAGES,
    MEMBER_STATES,
    OBSERVER_STATES,
    STATE_CODES,
    find_state,
    official_name,
    state_name,
)


def test_the_193_member_states_and_the_two_observers() -> None:
    assert len(MEMBER_STATES) == len(set(MEMBER_STATES)) == 193
    assert set(OBSERVER_STATES) == {"VA", "PS"}
    assert not set(MEMBER_STATES) & set(OBSERVER_STATES)


@pytest.mark.parametrize("code", STATE_CODES)
def test_every_state_is_found_exactly_by_its_name_in_each_language(code: str) -> None:
    for lang in LANGUAGES:
        guess = find_state(state_name(code, lang))
        assert (guess.codes, guess.exact) == ((code,), True), (code, lang)


@pytest.mark.parametrize(
    "typed",
    ["Fiji", "Republic of Fiji", "Fidji", "Fiyi", "Фиджи", "斐济", "فيجي", "République des Fidji", "FIJI"],
)
def test_the_many_names_of_fiji(typed: str) -> None:
    assert find_state(typed).codes == ("FJ",) and find_state(typed).exact


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("the Republic of Fiji delegation", "FJ"),
        ("Делегация Фиджи", "FJ"),
        ("斐济代表团", "FJ"),
        ("وفد فيجي", "FJ"),
        ("Holy See", "VA"),
        ("Saint-Siège", "VA"),
        ("Palestine", "PS"),
        ("Estado de Palestina", "PS"),
        ("Russian Federation", "RU"),
        ("Российская Федерация", "RU"),
        ("United States of America", "US"),
        ("USA", "US"),
        ("Côte d’Ivoire", "CI"),
        ("Türkiye", "TR"),
        ("Turkey", "TR"),
        ("中华人民共和国", "CN"),
        ("Niger", "NE"),
        ("Nigeria", "NG"),
        ("South Sudan", "SS"),
        ("Sudan", "SD"),
    ],
)
def test_long_forms_everyday_names_and_look_alikes_are_exact(typed: str, code: str) -> None:
    assert find_state(typed).codes == (code,) and find_state(typed).exact


@pytest.mark.parametrize(
    ("typed", "codes"),
    [
        ("Frnace", ("FR",)),
        ("Fjii", ("FJ",)),
        ("Germnay", ("DE",)),
        ("Permanent Mission of Fiji to the United Nations", ("FJ",)),
        ("CERT Fiji", ("FJ",)),
        ("Malti", ("ML", "MT")),  # equally close to Mali and Malta: both offered
        ("я хочу зарегестрировать делегацию казахстана", ("KZ",)),  # Russian cases: the genitive
        ("делегация России", ("RU",)),
        ("зарегистрировать Францию", ("FR",)),
        ("делегацию Китая", ("CN",)),
        ("Южного Судана", ("SS",)),  # the longest name, not Sudan
        ("Соединенных Штатов", ("US",)),
        ("Индонезии", ("ID",)),  # not India
    ],
)
def test_typos_and_longer_texts_are_offered_not_exact(typed: str, codes: tuple[str, ...]) -> None:
    guess = find_state(typed)
    assert (guess.codes, guess.exact) == (codes, False)


@pytest.mark.parametrize(
    "typed",
    [
        "ITU",
        "African Union",
        "European Union",
        "Organization of American States",
        "Global Forum on Cyber Expertise",
        "World Bank",
        "United Nations",
        "quiero registrar mi delegación",
        "хочу зарегистрировать делегацию",
        "китайской делегации",  # an adjective is no name in another case
        "no",
        "yes",
        "it",
        "and",
        "",
        "🎉",
    ],
)
def test_organisations_sentences_and_short_words_are_not_states(typed: str) -> None:
    assert find_state(typed).codes == ()


def test_official_names_come_in_the_reader_s_language() -> None:
    assert official_name("FJ", "fr") == "République des Fidji"
    assert official_name("FJ", "zh") == "斐济共和国"
    assert state_name("PS", "ar") == "دولة فلسطين"
    assert state_name("FJ", "xx") == "Fiji"  # an unknown language reads English


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_text_gives_an_answer_and_never_an_unknown_code(text: str) -> None:
    guess = find_state(text)
    assert set(guess.codes) <= set(STATE_CODES)
    assert not guess.exact or len(guess.codes) == 1
