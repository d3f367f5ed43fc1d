"""The clocks: the one real clock, and a pinned one for rehearsals (--now / ROUNDTABLE_NOW).

Kept apart from bot.core so `roundtable-bot ask` can read the time without importing the database
and platform wiring (fast cold start)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.config import Settings
    from bot.context import Clock
    from bot.event import Event


def system_clock() -> datetime:
    return datetime.now(UTC)  # noqa: TID251 - the one real clock; everything else asks ctx.clock()


def fixed_clock(moment: datetime) -> Clock:
    return lambda: moment


def clock_for(settings: Settings, event: Event) -> Clock:
    """ROUNDTABLE_NOW / --now pins the clock for rehearsals; a naive value is event-local time."""
    return fixed_clock(event.local(settings.now)) if settings.now else system_clock
