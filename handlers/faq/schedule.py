"""What is on now, what is next, what is on at a time or on a day: pure functions of the event and a time."""

from __future__ import annotations

from datetime import date, datetime

from bot.event import Event, Session


def ordered(event: Event) -> list[Session]:
    return sorted(event.sessions, key=lambda s: (event.starts_at(s), s.id))


def happening_at(event: Event, moment: datetime) -> list[Session]:
    """Sessions running at ``moment``; one with no stated end counts only at its start minute."""
    found = []
    for session in ordered(event):
        start, end = event.starts_at(session), event.ends_at(session)
        if start <= moment < end if end else start <= moment < start.replace(second=59):
            found.append(session)
    return found


def next_up(event: Event, moment: datetime) -> list[Session]:
    """The session(s) starting soonest after ``moment`` (concurrent ones together)."""
    upcoming = [s for s in ordered(event) if event.starts_at(s) > moment]
    if not upcoming:
        return []
    first = event.starts_at(upcoming[0])
    return [s for s in upcoming if event.starts_at(s) == first]


def on_day(event: Event, when: date) -> list[Session]:
    return [s for s in ordered(event) if event.starts_at(s).date() == when]


def event_days(event: Event) -> list[date]:
    return sorted({event.starts_at(s).date() for s in event.sessions})


def has_started(event: Event, moment: datetime) -> bool:
    return moment >= event.first_start


def is_over(event: Event, moment: datetime) -> bool:
    return moment >= event.last_end
