"""The .ics files parse back with the same times, zone and places."""

from __future__ import annotations

from datetime import UTC, datetime

from icalendar import Calendar

from bot.event import Event
from handlers.agenda.calendar import calendar_file

STAMP = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)


def _parsed(event: Event, lang: str = "en") -> Calendar:
    return Calendar.from_ical(calendar_file(event, event.sessions, lang, STAMP))


def test_programme_round_trips_with_zone_and_times(event: Event) -> None:
    calendar = _parsed(event)
    entries = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    assert len(entries) == len(event.sessions)
    panel = entries["signature-panel@global-roundtable-2024"]
    assert panel.decoded("dtstart").isoformat() == "2024-05-10T11:00:00-04:00"
    assert panel.decoded("dtend").isoformat() == "2024-05-10T13:00:00-04:00"
    assert str(panel["dtstart"].params["TZID"]) == "America/New_York"
    assert [str(z["tzid"]) for z in calendar.walk("VTIMEZONE")] == ["America/New_York"]


def test_reception_has_its_address_and_no_invented_end(event: Event) -> None:
    entries = {str(e["uid"]): e for e in _parsed(event).walk("VEVENT")}
    reception = entries["welcome-reception@global-roundtable-2024"]
    assert "318 East 48th Street, New York, NY 10017" in str(reception["location"])
    assert "dtend" not in reception
    assert "Heads of Delegation" in str(reception["description"])


def test_titles_follow_the_language(event: Event) -> None:
    summaries = {str(e["summary"]) for e in _parsed(event, "fr").walk("VEVENT")}
    assert "Réception de bienvenue" in summaries
