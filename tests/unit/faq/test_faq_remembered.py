"""The FAQ remembers what a question names, with the event's index: a reloaded event is read afresh, and
the clock and the reply language are never remembered."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from datetime import timedelta
from typing import Any

from bot.event import Event, FaqEntry, Session, Terms, Text
from handlers.faq import answer as faq
from handlers.faq.index import index_for
from service.bootstrap import Bot
from tests.conftest import EVENT_DAY_MORNING, MutableClock

Say = Callable[[str], Coroutine[Any, Any, str]]
GALA = "when is the gala dinner?"
OEWG = "what is the OEWG?"


def _reception(event: Event) -> Session:
    return next(s for s in event.sessions if s.kind == "reception")


def _with_gala_and_faq(event: Event) -> Event:
    reception = _reception(event)
    gala = reception.model_copy(update={"aliases": Terms({"en": ["gala dinner"]})})
    entry = FaqEntry(id="oewg", questions=Terms({"en": [OEWG]}), answer=Text({"en": "The Working Group."}))
    sessions = [gala if s.id == reception.id else s for s in event.sessions]
    return event.model_copy(update={"sessions": sessions, "faq": [entry]})


async def test_a_reloaded_event_is_read_afresh(bot: Bot, say: Say) -> None:
    before = [await say(GALA), await say(OEWG)]
    bot.use_event(_with_gala_and_faq(bot.event))
    after = [await say(GALA), await say(OEWG)]
    assert not before[0].startswith("Welcome Reception:") and before[1] != "The Working Group."
    assert after[0].startswith("Welcome Reception:") and after[1] == "The Working Group."


def test_each_event_has_its_own_index_and_readings(event: Event) -> None:
    changed = _with_gala_and_faq(event)
    assert faq.answer(GALA, event, EVENT_DAY_MORNING).intent == "programme"
    assert faq.answer(GALA, changed, EVENT_DAY_MORNING).intent == "when"
    assert faq.answer(GALA, event, EVENT_DAY_MORNING).intent == "programme"
    assert index_for(changed).read(GALA, "en") is index_for(changed).read(GALA, "en")


async def test_the_clock_is_read_at_every_question(bot: Bot, say: Say, clock: MutableClock) -> None:
    days = []
    for moment in (EVENT_DAY_MORNING - timedelta(days=1), EVENT_DAY_MORNING):
        clock.moment = moment
        days.append([await say("what's next?"), await say("what is on tomorrow?")])
    assert days[0][0].startswith("Next:\nWelcome Reception") and days[1][0].startswith("Next:\nSignature")
    assert days[0][1].startswith("Friday, 10 May") and days[1][1].startswith("Nothing is scheduled on Sat")


def test_the_reply_language_is_chosen_at_every_question(event: Event) -> None:
    forced = [
        faq.answer("when is the reception?", event, EVENT_DAY_MORNING, lang).lang for lang in ("fr", "es")
    ]
    by_default = [
        faq.answer("2024-05-10", event, EVENT_DAY_MORNING, default_lang=lang).lang for lang in ("ru", "zh")
    ]
    assert forced == ["fr", "es"] and by_default == ["ru", "zh"]


def test_a_long_question_is_answered_without_being_kept(event: Event) -> None:
    long_question = "when is the reception? " + "please " * 100
    assert index_for(event).read(long_question, "en") is not index_for(event).read(long_question, "en")
    assert faq.answer(long_question, event, EVENT_DAY_MORNING).intent == "when"
