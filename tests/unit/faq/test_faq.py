"""The Q&A engine: typos, times and days, languages, now/next, the router fallback, and no invented facts."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date, datetime, time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.event import Event, FaqEntry, Terms, Text
from bot.i18n.detect import detect_language
from handlers.faq import answer as faq
from handlers.faq.index import index_for
from handlers.faq.text import DayRef, parse_day, parse_time
from service.bootstrap import Bot
from tests.conftest import EVENT_DAY_MORNING, message
from tests.faq_eval import plain_spaces

CONTACT = "cyberoewgchair@gmail.com"


def ask(
    event: Event, question: str, now: datetime = EVENT_DAY_MORNING, lang: str | None = None
) -> faq.Answer:
    result = faq.answer(question, event, now, lang)
    return dataclasses.replace(result, text=plain_spaces(result.text))


def at(iso: str) -> datetime:
    return datetime.fromisoformat(iso + "-04:00")


@pytest.mark.parametrize(
    ("question", "session_title"),
    [
        ("when is the matchmakng sesion", "Lunchtime: Matchmaking Session"),
        ("singature panel", "Signature Panel: Building Cyber Resilience"),
        ("wehre is the recpetion", "Welcome Reception"),
        ("shedule of the closng plenary", "Closing Plenary"),
    ],
)
def test_typos_still_find_the_session(event: Event, question: str, session_title: str) -> None:
    result = ask(event, question)
    assert session_title in result.text
    assert result.confidence < 0.95  # a corrected word lowers the confidence


def test_an_ambiguous_kind_lists_every_session_of_that_kind(event: Event) -> None:
    text = ask(event, "plenery").text
    assert "Opening Plenary" in text and "Closing Plenary" in text


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("is there something at 10 am?", time(10)),
        ("anything at 10a.m.", time(10)),
        ("à 10h ?", time(10)),
        ("à 10h30", time(10, 30)),
        ("what's on at 15:30", time(15, 30)),
        ("a las 3", time(15)),
        ("a las 10 de la mañana", time(10)),
        ("a las 3 de la tarde", time(15)),
        ("at 6:30 pm", time(18, 30)),
        ("at noon", time(12)),
        ("12 pm", time(12)),
        ("the deadline is 19 April", None),
        ("a 3 minute pitch", None),
        ("breakout group 2", None),
        ("cet après-midi", None),
        ("at 99:99", None),
    ],
)
def test_parse_time(question: str, expected: time | None) -> None:
    assert parse_time(question) == expected


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("what's on Friday?", DayRef(weekday=4, label="friday")),
        ("et vendredi ?", DayRef(weekday=4, label="vendredi")),
        ("¿y el viernes?", DayRef(weekday=4, label="viernes")),
        ("programme for 9 May", DayRef(exact=date(2024, 5, 9))),
        ("May 10th", DayRef(exact=date(2024, 5, 10))),
        ("le 9 mai", DayRef(exact=date(2024, 5, 9))),
        ("el 9 de mayo", DayRef(exact=date(2024, 5, 9))),
        ("2024-05-10", DayRef(exact=date(2024, 5, 10))),
        ("what's on tomorrow", DayRef(exact=date(2024, 5, 11))),
        ("a las 10 de la mañana", None),
        ("how may I register", None),
        ("45 May", None),
    ],
)
def test_parse_day(question: str, expected: DayRef | None) -> None:
    assert parse_day(question, date(2024, 5, 10), [2024]) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("when is the reception?", "en"),
        ("quand est la réception ?", "fr"),
        ("où a lieu le panel", "fr"),
        ("¿dónde es la recepción?", "es"),
        ("cuando es la sesion de emparejamiento", "es"),
        ("متى تبدأ الجلسة؟", None),
        ("12345", None),
    ],
)
def test_detect_language(text: str, expected: str | None) -> None:
    assert detect_language(text, ("en", "fr", "es")) == expected


def test_dates_and_times_follow_the_language(event: Event) -> None:
    assert "18:30" in ask(event, "quand est la réception ?").text
    assert "jeudi 9 mai 2024" in ask(event, "quand est la réception ?").text
    assert "19 de abril de 2024" in ask(event, "¿cuál es el plazo de inscripción?").text
    assert "19 avril 2024" in ask(event, "date limite d'inscription ?").text
    forced = ask(event, "when is the reception?", lang="es")
    assert forced.lang == "es" and "jueves, 9 de mayo de 2024" in forced.text


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        ("2024-05-01T09:00", "has not started yet"),
        ("2024-05-10T10:15", "Opening Plenary"),
        ("2024-05-10T13:10", "Nothing is on right now"),
        ("2024-05-10T15:30", "Breakout Group II"),
        ("2024-05-11T09:00", "is over"),
    ],
)
def test_now_uses_the_clock_in_the_event_zone(event: Event, moment: str, expected: str) -> None:
    assert expected in ask(event, "what's happening now?", now=at(moment)).text


def test_now_given_in_another_zone_is_read_in_the_event_zone(event: Event) -> None:
    utc = datetime.fromisoformat("2024-05-10T14:15:00+00:00")  # 10:15 in New York
    text = ask(event, "what's on now", now=utc).text
    assert "10:15 am EDT" in text and "Opening Plenary" in text


def test_next_after_the_last_session_says_the_event_is_over(event: Event) -> None:
    assert "is over" in ask(event, "what's next?", now=at("2024-05-10T18:30")).text


def test_a_session_without_a_venue_or_audience_is_not_guessed(event: Event) -> None:
    where = ask(event, "where is the ministerial breakfast?")
    who = ask(event, "who is the ministerial breakfast for?")
    for result in (where, who):
        assert "does not say" in result.text and CONTACT in result.text


def test_unsure_answers_say_so_and_give_the_contact(event: Event) -> None:
    result = ask(event, "is there wifi in the building?")
    assert result.intent == "unsure" and result.confidence < 0.5
    assert "not sure" in result.text and CONTACT in result.text


def test_long_input_gets_a_polite_answer(event: Event) -> None:
    result = ask(event, "where " * 1000)
    assert result.intent == "too_long" and CONTACT in result.text


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_any_text_gets_an_answer_never_an_exception(event: Event, text: str) -> None:
    result = faq.answer(text, event, EVENT_DAY_MORNING)
    assert result.text and result.lang in event.languages and 0 <= result.confidence <= 1


def test_organiser_faq_entries_answer_close_questions(event: Event) -> None:
    entry = FaqEntry(
        id="oewg",
        questions=Terms({"en": ["what is the OEWG?"]}),
        answer=Text({"en": "The Open-Ended Working Group.", "fr": "Le Groupe de travail."}),
    )
    with_faq = event.model_copy(update={"faq": [entry]})
    assert ask(with_faq, "What is the OEWG").text == "The Open-Ended Working Group."
    assert ask(with_faq, "When is the reception?").intent == "when"


def test_answers_come_from_the_event_not_the_code(event: Event) -> None:
    renamed = event.model_copy(update={"names": {**event.names, "short": Text({"en": "Test Summit"})}})
    assert "Programme of the Test Summit" in ask(renamed, "full programme").text
    assert index_for(renamed) is not index_for(event)
    assert index_for(event) is index_for(event)


async def test_router_fallback_answers_questions(say: Callable[..., object]) -> None:
    text = plain_spaces(await say("where is the reception?"))  # type: ignore[misc]
    assert "318 East 48th Street" in text


async def test_handle_follows_the_question_else_the_platform_language(bot: Bot) -> None:
    ctx = await bot.context_for(message("hello"))
    french = dataclasses.replace(ctx, lang="fr", lang_forced=False)
    by_question = await faq.handle(message("¿dónde es la recepción?"), french)
    no_evidence = await faq.handle(message("12345"), french)
    forced = await faq.handle(
        message("¿dónde es la recepción?"), dataclasses.replace(french, lang_forced=True)
    )
    assert (by_question.lang, no_evidence.lang, forced.lang) == ("es", "fr", "fr")
    assert "Mission permanente de Singapour" in forced.text
