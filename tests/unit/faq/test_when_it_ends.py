""" "When does the day end?" and "when does the roundtable end?" name the last session and its time, in
the six languages (they got the whole programme); a named session still gets its own end."""

from __future__ import annotations

from datetime import datetime

import pytest

from bot.event import Event
from handlers.faq import answer as faq
from tests.faq_eval import plain_spaces

FRIDAY_AFTERNOON = datetime.fromisoformat("2024-05-10T15:10:00-04:00")
THURSDAY = datetime.fromisoformat("2024-05-09T12:00:00-04:00")


def ask(event: Event, question: str, now: datetime = FRIDAY_AFTERNOON) -> faq.Answer:
    result = faq.answer(question, event, now)
    return faq.Answer(
        plain_spaces(result.text), result.intent, result.confidence, result.lang, result.question
    )


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        (
            "what time does the day end?",
            "The day ends with Closing Plenary of the Global Roundtable: 5:00 – 6:00 pm",
        ),
        ("when do we finish today?", "The day ends with Closing Plenary of the Global Roundtable"),
        ("when does the roundtable end?", "The Global Roundtable ends with Closing Plenary"),
        ("à quelle heure se termine la journée ?", "La journée se termine par Séance plénière de clôture"),
        ("¿a qué hora termina la jornada?", "La jornada termina con Sesión plenaria de clausura"),
        ("когда заканчивается круглый стол?", "завершается мероприятием «Заключительное пленарное заседание"),
        ("今天几点结束？", "当天以全球圆桌会议闭幕全体会议结束：17:00–18:00 EDT"),
    ],
)
def test_the_day_or_the_event_ends_with_its_last_session(event: Event, question: str, expected: str) -> None:
    result = ask(event, question)
    assert result.intent == "end" and expected in result.text
    assert "Opening Plenary" not in result.text  # not the programme


def test_on_the_eve_the_day_is_the_eve_and_the_event_still_ends_on_friday(event: Event) -> None:
    assert (
        "The day ends with Welcome Reception: 6:30 pm EDT, Thursday, 9 May 2024"
        in ask(event, "when does it end today?", THURSDAY).text
    )
    assert "Friday, 10 May 2024" in ask(event, "when does the roundtable end?", THURSDAY).text


def test_a_named_session_still_gets_its_own_end(event: Event) -> None:
    result = ask(event, "when does the signature panel end?")
    assert "lasts 2 hours (11:00 am – 1:00 pm EDT" in result.text
