"""iCalendar files (RFC 5545) of the programme or of a personal agenda, with the event's time zone."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING

from bot.event import Event, Session

if TYPE_CHECKING:  # icalendar is imported when a file is made: ~6 MB a server need not hold until then
    from icalendar import Event as CalendarEvent

PRODUCT_ID = "-//roundtable-bot//delegation assistant//EN"


def calendar_file(
    event: Event,
    sessions: Iterable[Session],
    lang: str,
    stamp: datetime,
    name: str = "",
    extra: Iterable[CalendarEvent] = (),
) -> bytes:
    """An .ics that Outlook and Google Calendar import: VTIMEZONE included, stable UIDs per session.
    ``extra`` entries (a personal pitch slot, built with ``entry``) are added after the sessions."""
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name or event.names["short"].get(lang))
    calendar.add("x-wr-timezone", event.timezone)
    for session in sessions:
        calendar.add_component(_session_entry(event, session, lang, stamp))
    for component in extra:
        calendar.add_component(component)
    calendar.add_missing_timezones()
    ical: bytes = calendar.to_ical()
    return ical


def _session_entry(event: Event, session: Session, lang: str, stamp: datetime) -> CalendarEvent:
    details = [t.get(lang) for t in (session.description, session.audience) if t is not None]
    return entry(
        f"{session.id}@{event.id}",
        stamp,
        event.starts_at(session),
        event.ends_at(session),
        session.title.get(lang),
        location(event, session, lang),
        "\n\n".join(details),
    )


def entry(
    uid: str,
    stamp: datetime,
    start: datetime,
    end: datetime | None,
    summary: str,
    where: str = "",
    description: str = "",
) -> CalendarEvent:
    """One VEVENT; aware times keep their zone (TZID), so pass event-local times."""
    from icalendar import Event as CalendarEvent

    component = CalendarEvent()
    component.add("uid", uid)
    component.add("dtstamp", stamp)
    component.add("dtstart", start)
    if end is not None:  # no stated end (the reception): RFC 5545 allows DTSTART alone
        component.add("dtend", end)
    component.add("summary", summary)
    if where:
        component.add("location", where)
    if description:
        component.add("description", description)
    return component


def location(event: Event, session: Session, lang: str) -> str:
    venue = event.venue(session.venue)
    if venue is None:
        return ""
    parts = [
        venue.name.get(lang),
        venue.address or "",
        venue.directions.get(lang) if venue.directions else "",
    ]
    return ", ".join(p for p in parts if p)
