"""Zone names: one source (the time zone database's abbreviation), the same in all six UN languages,
whatever was formatted before. Replies, change notices, pitch cues and broadcast previews all call
timefmt.zone_name."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from handlers.shared import timefmt

UN_LANGUAGES = ("ar", "en", "es", "fr", "ru", "zh")
MAY_EVENING = datetime(2024, 5, 9, 19, 0)


@pytest.mark.parametrize(
    ("zone", "expected"),
    [
        ("America/New_York", "EDT"),  # CLDR: EDT in en only; "-0400" in fr, es; "HAE" in fr_CA
        ("Europe/Paris", "CEST"),
        ("Europe/Moscow", "MSK"),
        ("Asia/Shanghai", "CST"),
        ("UTC", "UTC"),  # CLDR fr would say "TU"
        ("Asia/Dubai", "UTC+04"),  # the database has no letters for it, only "+04"
        ("America/Sao_Paulo", "UTC-03"),
    ],
)
def test_a_zone_has_one_name_in_every_language(zone: str, expected: str) -> None:
    moment = MAY_EVENING.replace(tzinfo=ZoneInfo(zone))
    assert {lang: timefmt.zone_name(moment, lang) for lang in UN_LANGUAGES} == dict.fromkeys(
        UN_LANGUAGES, expected
    )


def test_standard_time_has_its_own_abbreviation() -> None:
    assert timefmt.zone_name(datetime(2024, 1, 9, 19, 0, tzinfo=ZoneInfo("America/New_York")), "fr") == "EST"


def test_fixed_offsets_and_naive_moments_name_their_offset() -> None:
    assert timefmt.zone_name(MAY_EVENING.replace(tzinfo=timezone(timedelta(hours=-4))), "fr") == "UTC-04:00"
    assert timefmt.zone_name(MAY_EVENING.replace(tzinfo=UTC), "ar") == "UTC"
    assert timefmt.zone_name(MAY_EVENING, "zh") == "UTC"  # naive: read as UTC, as Babel reads it


def test_the_name_does_not_depend_on_what_was_formatted_before() -> None:
    zones = ("America/New_York", "Europe/Paris", "UTC")
    calls = [(z, lang) for z in zones for lang in (*UN_LANGUAGES, "fr-CA")]

    def names(order: list[tuple[str, str]]) -> dict[tuple[str, str], str]:
        return {
            (z, lang): timefmt.zone_name(MAY_EVENING.replace(tzinfo=ZoneInfo(z)), lang) for z, lang in order
        }

    shuffled = calls.copy()
    random.Random(7).shuffle(shuffled)
    assert names(calls) == names(shuffled) == names(calls[::-1])
    assert set(names(calls).values()) == {"EDT", "CEST", "UTC"}


def test_a_time_range_carries_the_same_name() -> None:
    moment = MAY_EVENING.replace(tzinfo=ZoneInfo("America/New_York"))
    for lang in UN_LANGUAGES:
        assert " EDT" in timefmt.time_range(moment, None, lang)
