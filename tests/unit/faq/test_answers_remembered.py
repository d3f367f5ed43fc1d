"""What the busiest minute's answers remember: the language of a short text, Babel's dates and times, and
the programme in start order. Each is a pure function of its arguments, so remembering must never change
an answer: other zones, either side of a clock change, a copy of the event with other sessions."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from bot.event import Event
from bot.i18n import detect
from bot.i18n.detect import detect_language
from handlers.faq import schedule
from handlers.shared import timefmt

NEW_YORK = ZoneInfo("America/New_York")
UN_LANGUAGES = ("en", "fr", "es", "ar", "ru", "zh")
WORDS = ["what's", "next", "où", "est", "la", "réception", "¿cuándo", "es", "что", "дальше", "下一个", "ما"]


@given(st.lists(st.sampled_from(WORDS), max_size=6), st.sampled_from([0.0, 1.5]))
def test_a_remembered_language_is_the_one_detected(words: list[str], lead: float) -> None:
    text = " ".join(words)
    assert detect_language(text, UN_LANGUAGES, min_lead=lead) == detect._detect(
        text, UN_LANGUAGES, None, lead
    )
    assert detect_language(text, UN_LANGUAGES, min_lead=lead) == detect._detect(
        text, UN_LANGUAGES, None, lead
    )


def test_long_texts_and_extra_words_are_not_remembered() -> None:
    detect._remembered.cache_clear()
    detect_language("la " * 200, UN_LANGUAGES)
    detect_language("zorglub", UN_LANGUAGES, {"fr": frozenset({"zorglub"})})
    assert detect._remembered.cache_info().currsize == 0
    assert detect_language("zorglub", UN_LANGUAGES, {"fr": frozenset({"zorglub"})}) == "fr"


def test_the_same_instant_in_another_zone_is_written_in_that_zone() -> None:
    in_new_york = datetime(2024, 5, 10, 11, 0, tzinfo=NEW_YORK)
    in_utc = in_new_york.astimezone(UTC)
    assert in_new_york == in_utc  # equal instants: a cache keyed by value alone would mix them up
    assert timefmt.clock(in_new_york, "en") != timefmt.clock(in_utc, "en")
    assert timefmt.time_range(in_utc, None, "en").startswith("3:00\u202fpm UTC")
    assert timefmt.time_range(in_new_york, None, "en").startswith("11:00\u202fam EDT")


def test_either_side_of_the_clock_change_keeps_its_own_zone_name() -> None:
    first = datetime(2024, 11, 3, 1, 30, tzinfo=NEW_YORK)  # 1:30 EDT, then 1:30 again in EST
    second = first.replace(fold=1)
    assert first == second  # same zone: Python compares the wall time and ignores the fold
    hour = timedelta(hours=1)
    assert timefmt.time_range(first, first + hour, "en") != timefmt.time_range(second, second + hour, "en")
    assert "EDT" in timefmt.time_range(first, None, "en")
    assert "EST" in timefmt.time_range(second, None, "en")


def test_a_copy_of_the_event_with_other_sessions_has_its_own_programme(event: Event) -> None:
    ordered = schedule.ordered(event)
    before_first = event.starts_at(ordered[0]) - timedelta(minutes=1)
    assert schedule.next_up(event, before_first) == [ordered[0]]
    later = event.model_copy(update={"sessions": ordered[1:]})
    assert schedule.next_up(later, before_first) == [ordered[1]]
    assert schedule.next_up(event, before_first) == [ordered[0]]


def test_next_up_gives_sessions_starting_together_and_nothing_after_the_last(event: Event) -> None:
    ordered = schedule.ordered(event)
    for session in ordered:
        moment = event.starts_at(session) - timedelta(seconds=1)
        expected = [s for s in ordered if event.starts_at(s) == event.starts_at(session)]
        assert schedule.next_up(event, moment) == expected
        assert schedule.next_up(event, event.starts_at(session)) != [session]
    assert schedule.next_up(event, event.starts_at(ordered[-1])) == []
