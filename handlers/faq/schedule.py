"""What is on now, what is next, what is on at a time or on a day: pure functions of the event and a time."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from bot.event import Event, Session
from handlers.faq.per_event import PerEvent


@dataclass(frozen=True, slots=True)
class _Timeline:
    """An event's sessions in start order with their aware starts, worked out once per event: when a
    session ends the whole room asks what is next, and each answer would sort the programme again."""

    ordered: list[Session]
    starts: list[datetime]


def _in_order(event: Event) -> _Timeline:
    ordered = sorted(event.sessions, key=lambda s: (event.starts_at(s), s.id))
    return _Timeline(ordered, [event.starts_at(s) for s in ordered])


_timeline = PerEvent(_in_order)
ONE_MINUTE = timedelta(minutes=1)


def ordered(event: Event) -> list[Session]:
    return list(_timeline(event).ordered)


def happening_at(event: Event, moment: datetime) -> list[Session]:
    """Sessions running at ``moment``; one with no stated end counts only at its start minute."""
    found = []
    for session in ordered(event):
        start, end = event.starts_at(session), event.ends_at(session)
        if start <= moment < (end or start + ONE_MINUTE):  # with no end: on during its start minute
            found.append(session)
    return found


def next_up(event: Event, moment: datetime) -> list[Session]:
    """The session(s) starting soonest after ``moment`` (concurrent ones together)."""
    timeline = _timeline(event)
    first = bisect_right(timeline.starts, moment)
    if first == len(timeline.starts):
        return []
    last = bisect_right(timeline.starts, timeline.starts[first])
    return timeline.ordered[first:last]


def on_day(event: Event, when: date) -> list[Session]:
    return [s for s in ordered(event) if event.starts_at(s).date() == when]


def event_days(event: Event) -> list[date]:
    return sorted({event.starts_at(s).date() for s in event.sessions})


def has_started(event: Event, moment: datetime) -> bool:
    return moment >= event.first_start


def is_over(event: Event, moment: datetime) -> bool:
    return moment >= event.last_end
