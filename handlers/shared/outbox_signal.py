"""An in-process bell rung when new outbox work is queued (a confirmed broadcast, a notice kept for later).

The scheduler (service/scheduler.py) listens while it runs and starts a pass at once, instead of waiting for
its next poll: a broadcast to three people goes out within a second, not at the next tick. Work queued by
another process (`roundtable-bot broadcast`, a second instance) is still found by the poll.
"""

from __future__ import annotations

from collections.abc import Callable

Listener = Callable[[], None]
_listeners: list[Listener] = []


def listen(listener: Listener) -> Callable[[], None]:
    """Calls ``listener`` whenever work is queued; returns the function that stops it."""
    _listeners.append(listener)

    def stop() -> None:
        if listener in _listeners:
            _listeners.remove(listener)

    return stop


def queued() -> None:
    for listener in list(_listeners):
        listener()
