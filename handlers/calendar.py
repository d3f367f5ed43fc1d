"""iCalendar files (RFC 5545) of the programme or of a personal agenda, with the event's time zone."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from icalendar import Calendar
from icalendar import Event as CalendarEvent

from bot.event import Event, Session

PRODUCT_ID = "-//roundtable-bot//delegation assistant//EN"


def calendar_file(
    event: Event, sessions: Iterable[Session], lang: str, stamp: datetime, name: str = ""
) -> bytes:
    """An .ics that Outlook and Google Calendar import: VTIMEZONE included, stable UIDs per session."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name or event.names["short"].get(lang))
    calendar.add("x-wr-timezone", event.timezone)
    for session in sessions:
        calendar.add_component(_entry(event, session, lang, stamp))
    calendar.add_missing_timezones()
    ical: bytes = calendar.to_ical()
    return ical


def _entry(event: Event, session: Session, lang: str, stamp: datetime) -> CalendarEvent:
    entry = CalendarEvent()
    entry.add("uid", f"{session.id}@{event.id}")
    entry.add("dtstamp", stamp)
    entry.add("dtstart", event.starts_at(session))
    end = event.ends_at(session)
    if end is not None:  # no stated end (the reception): RFC 5545 allows DTSTART alone
        entry.add("dtend", end)
    entry.add("summary", session.title.get(lang))
    location = _location(event, session, lang)
    if location:
        entry.add("location", location)
    details = [t.get(lang) for t in (session.description, session.audience) if t is not None]
    if details:
        entry.add("description", "\n\n".join(details))
    return entry


def _location(event: Event, session: Session, lang: str) -> str:
    venue = event.venue(session.venue)
    if venue is None:
        return ""
    parts = [
        venue.name.get(lang),
        venue.address or "",
        venue.directions.get(lang) if venue.directions else "",
    ]
    return ", ".join(p for p in parts if p)
