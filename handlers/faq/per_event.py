"""What is worked out from an event once and kept for that event object (the FAQ's index, the programme
in start order): a reloaded or copied event is another object and gets its own. A few events at most."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from bot.event import Event

Derived = TypeVar("Derived")


class PerEvent(Generic[Derived]):
    def __init__(self, build: Callable[[Event], Derived], limit: int = 8) -> None:
        self._build, self._limit = build, limit
        self._known: dict[int, tuple[Event, Derived]] = {}  # the event is kept: its id stays its own

    def __call__(self, event: Event) -> Derived:
        known = self._known.get(id(event))
        if known is not None and known[0] is event:
            return known[1]
        if len(self._known) >= self._limit:  # the current event, a reloaded one, a few in tests
            self._known.clear()
        derived = self._build(event)
        self._known[id(event)] = (event, derived)
        return derived
