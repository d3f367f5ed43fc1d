"""The FAQ reads the clock to the minute, so one minute's answers are worked out once: remembering must never
change an answer (the same question a minute later, the repeated hour when clocks go back, a reloaded
event), and a session with no end is on for its whole start minute."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.event import Event
from handlers.faq import answer as faq
from handlers.faq import schedule

NEW_YORK = ZoneInfo("America/New_York")
QUESTIONS = ["what's on now?", "what's next?", "qu'est-ce qui suit ?", "ما التالي؟", "deadlines", "help"]


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(QUESTIONS),
    st.datetimes(min_value=datetime(2024, 5, 8), max_value=datetime(2024, 5, 11)),
)
def test_a_remembered_answer_is_the_one_worked_out(event: Event, question: str, moment: datetime) -> None:
    now = moment.replace(tzinfo=NEW_YORK)
    minute = now.replace(second=0, microsecond=0)
    worked_out = faq._worked_out(event, question, minute, minute.fold, None, "en")
    assert faq.answer(question, event, now) == worked_out
    assert faq.answer(question, event, now) == worked_out  # now from the memory


def test_one_minute_is_worked_out_once_and_the_next_afresh(event: Event) -> None:
    ten_fifteen = datetime(2024, 5, 10, 10, 15, 5, tzinfo=NEW_YORK)
    first = faq.answer("what's on now?", event, ten_fifteen)
    assert faq.answer("what's on now?", event, ten_fifteen + timedelta(seconds=50)) is first
    later = faq.answer("what's on now?", event, ten_fifteen + timedelta(minutes=1))
    assert later is not first and "10:16" in later.text and "10:15" in first.text


def test_the_repeated_hour_when_clocks_go_back_is_answered_in_its_own_zone(event: Event) -> None:
    night = datetime(2024, 11, 3, 0, 0)
    sessions = [
        event.sessions[0].model_copy(update={"start": night, "end": night + timedelta(hours=4)}),
        event.sessions[1].model_copy(update={"start": night + timedelta(hours=5), "end": None}),
    ]
    overnight = event.model_copy(update={"sessions": sessions})
    summer = datetime(2024, 11, 3, 1, 30, tzinfo=NEW_YORK, fold=0)
    winter = summer.replace(fold=1)
    assert summer.utcoffset() != winter.utcoffset()
    first, second = (faq.answer("what's on now?", overnight, at) for at in (summer, winter))
    assert first.text != second.text  # EDT, then EST: one hour apart, the same wall clock
    assert first == faq._worked_out(overnight, "what's on now?", summer, 0, None, "en")
    assert second == faq._worked_out(overnight, "what's on now?", winter, 1, None, "en")


def test_a_reloaded_event_is_answered_afresh(event: Event) -> None:
    now = datetime(2024, 5, 10, 10, 15, tzinfo=NEW_YORK)
    reloaded = event.model_copy(update={"sessions": event.sessions[:1]})
    assert faq.answer("what's next?", reloaded, now) is not faq.answer("what's next?", event, now)


def test_long_questions_are_not_remembered(event: Event) -> None:
    now = datetime(2024, 5, 10, 10, 15, tzinfo=NEW_YORK)
    question = "when is the reception? " * 20
    assert len(question) > faq.REMEMBERED_CHARS
    first, again = faq.answer(question, event, now), faq.answer(question, event, now)
    assert first == again and first is not again


def test_a_session_with_no_end_is_on_for_its_whole_start_minute(event: Event) -> None:
    start = datetime(2024, 5, 10, 12, 0)
    open_ended = event.sessions[0].model_copy(update={"start": start, "end": None})
    one = event.model_copy(update={"sessions": [open_ended]})
    local = start.replace(tzinfo=one.zone)
    assert schedule.happening_at(one, local + timedelta(seconds=59, microseconds=999_999)) == [open_ended]
    assert schedule.happening_at(one, local + timedelta(minutes=1)) == []
    assert schedule.happening_at(one, local - timedelta(microseconds=1)) == []
