"""A slot is chosen by its number or its start time, in any of the six languages, never by list position;
a time without am/pm is read in the pitch session's hours."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from handlers.pitches.slotpick import Clock, Mention, mention, pick

ZONE = ZoneInfo("America/New_York")
FIRST = datetime(2024, 5, 10, 13, 40, tzinfo=ZONE)
STARTS = {n: FIRST + timedelta(minutes=5 * (n - 1)) for n in range(1, 16)}  # the bundled event: 1:40 pm on

NUMBER_FORMS = (
    "{n}",
    "slot {n}",
    "Slot #{n}",
    "pitch {n}",
    "number {n}",
    "créneau {n}",
    "le créneau n° {n}",
    "franja {n}",
    "turno {n}",
    "слот {n}",
    "слот №{n}",
    "الفترة {n}",
    "第{n}个",
    "{n}号",
)
TIME_FORMS = (
    "{h12}:{mm}",
    "the {h12}:{mm} one",
    "{h12}.{mm} pm",
    "{h12}:{mm}pm",
    "{h24}:{mm}",
    "{h24}h{mm}",
    "à {h24} h {mm}",
    "la de las {h12}:{mm}",
    "в {h24}.{mm}",
    "الساعة {h12}:{mm} مساءً",
    "下午{h12}点{mm}分",
    "{h24}:{mm}的那个",
)
# Filler without digits (the only numbers are the ones a form puts in) nor the letters of "am"/"pm".
FILLER = st.text(alphabet="bcdefgijklnoqrstuvwxyz ,!?'éñж", max_size=30)


def render_time(form: str, number: int) -> str:
    start = STARTS[number]
    return form.format(h12=start.hour - 12, h24=start.hour, mm=f"{start.minute:02d}")


@given(st.sampled_from(NUMBER_FORMS), st.integers(1, 15), FILLER)
def test_a_slot_named_by_number_is_that_slot(form: str, number: int, before: str) -> None:
    found = mention(f"{before} {form.format(n=number)}")
    assert found == Mention(number=number)
    assert pick(found, STARTS).number == number


@given(st.sampled_from(TIME_FORMS), st.integers(1, 15), FILLER, FILLER)
def test_a_slot_named_by_its_start_time_is_that_slot(form: str, number: int, before: str, after: str) -> None:
    found = mention(f"{before} {render_time(form, number)} {after}")
    result = pick(found, STARTS)
    assert (result.kind, result.number) == ("slot", number)


@given(st.integers(1, 15), st.integers(1, 15), st.sampled_from(TIME_FORMS))
def test_number_and_time_agree_or_the_person_is_asked(number: int, timed: int, form: str) -> None:
    result = pick(mention(f"slot {number}, {render_time(form, timed)} would be perfect"), STARTS)
    if number == timed:
        assert (result.kind, result.number) == ("slot", number)
    else:
        assert (result.kind, result.number, result.by_time) == ("conflict", number, timed)


@given(st.text(max_size=300))
def test_any_text_resolves_without_error(text: str) -> None:
    result = pick(mention(text), STARTS)
    assert result.kind in ("slot", "conflict", "no_such_time", "no_such_slot", "none")
    if result.kind == "slot":
        assert result.number in STARTS


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("can we book slot 6 for a pitch? 2:05 would be perfect", ("slot", 6)),
        ("wait I typed 7, I wanted the 2:10 one", ("slot", 7)),
        ("2:05", ("slot", 6)),  # the session's 2:05, never 2:05 at night
        ("2:05 am", ("no_such_time", None)),
        ("٧", ("slot", 7)),
        ("slot 16", ("no_such_slot", 16)),
        ("2:12", ("no_such_time", None)),
        ("wait what, we lost our slot??", ("none", None)),
        ("Cyber academy for all", ("none", None)),
        ("photo7 of the room", ("none", None)),
        ("May 10 at 2:10", ("slot", 7)),  # the day's number is not a slot number once a time is given
    ],
)
def test_sentences_people_wrote(text: str, expected: tuple[str, int | None]) -> None:
    result = pick(mention(text), STARTS)
    assert (result.kind, result.number) == expected


def test_a_time_without_am_or_pm_may_mean_either_half_of_the_day() -> None:
    assert [t.hour for t in Clock(2, 10).candidates()] == [2, 14]
    assert [t.hour for t in Clock(2, 10, "pm").candidates()] == [14]
    assert [t.hour for t in Clock(12, 0, "am").candidates()] == [0]
    assert [t.hour for t in Clock(14, 10).candidates()] == [14]
