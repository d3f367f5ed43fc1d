"""Reloading the event file while serving: `roundtable-bot event reload` or SIGHUP.

A file that does not validate is refused: the event in force stays, and the problems are logged (line and
field). A valid file is compared with the programme stored in the database (handlers/agenda/notices.py):
change notices are queued for the people each change concerns, then the new event replaces the old one.
The server writes its pid to a file so the CLI can signal it; with no server running, the CLI applies the
file to the database itself and whichever server runs next sends the notices.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from bot.context import Clock
from bot.event import Event, EventFileError, load_event
from handlers.agenda.notices import Applied, apply_event
from storage.uow import UnitOfWork

if TYPE_CHECKING:
    from bot.core import Bot
    from service.scheduler import Scheduler

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ReloadResult:
    event: Event | None  # the new event; None when the file was refused
    problems: list[str] = field(default_factory=list)
    applied: Applied | None = None

    @property
    def ok(self) -> bool:
        return self.event is not None


def read_event(path: Path | None, current: Event) -> ReloadResult:
    """The file's event, or the problems that keep the current one in force."""
    try:
        event = load_event(path)
    except EventFileError as error:
        return ReloadResult(None, [f"{error.path}: {problem}" for problem in error.problems])
    if event.id != current.id:
        return ReloadResult(
            None, [f"the event id changed ({current.id} → {event.id}): restart to switch events"]
        )
    return ReloadResult(event)


async def apply(uow_factory: Callable[[], UnitOfWork], current: Event, event: Event, clock: Clock) -> Applied:
    async with uow_factory() as uow:
        applied = await apply_event(uow, current, event, clock())
        await uow.commit()
    for change in applied.changes:
        log.info("event reload: session %s %s", change.session_id, change.what)
    if applied.moved_slots:
        log.info("event reload: pitch slots moved: %s", applied.moved_slots)
    return applied


async def reload_event(
    uow_factory: Callable[[], UnitOfWork], current: Event, path: Path | None, clock: Clock
) -> ReloadResult:
    read = read_event(path, current)
    if read.event is None:
        for problem in read.problems:
            log.error("event reload refused, the event in force stays: %s", problem)
        return read
    return ReloadResult(read.event, applied=await apply(uow_factory, current, read.event, clock))


async def reload_into(bot: Bot) -> ReloadResult:
    """Re-reads the bot's event file: a valid one replaces the event (Bot.use_event) and queues change
    notices for the people each change concerns; a broken one is refused, logged, and the event stays."""
    result = await reload_event(bot.uow, bot.event, bot.settings.event_path, bot.clock)
    if result.event is not None:
        bot.use_event(result.event)
    return result


# --- the server side: pid file and SIGHUP


def write_pid_file(path: Path) -> None:
    try:
        path.write_text(f"{os.getpid()}\n", encoding="utf-8")
    except OSError as error:  # serving matters more than the CLI finding us; `kill -HUP` still works
        log.warning(
            "cannot write the pid file %s (%s): `event reload` will not find this server", path, error
        )


def remove_pid_file(path: Path) -> None:
    """Only our own: a second server may have written its pid since."""
    if running_pid(path) == os.getpid():
        path.unlink(missing_ok=True)


def running_pid(path: Path) -> int | None:
    """The pid in the file if that process is alive, else None (no file, or a stale one after a kill -9)."""
    try:
        pid = int(path.read_text(encoding="utf-8").strip())
    except (OSError, ValueError):
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        return pid  # alive, run by another user
    return pid


def signal_server(pid: int) -> None:
    os.kill(pid, signal.SIGHUP)


class HangupReloader:
    """SIGHUP → reload the event into the running bot (and so its scheduler), one reload at a time."""

    def __init__(self, bot: Bot, scheduler: Scheduler) -> None:
        self._bot, self._scheduler = bot, scheduler
        self._lock = asyncio.Lock()
        self._tasks: set[asyncio.Task[None]] = set()

    def install(self) -> None:
        asyncio.get_running_loop().add_signal_handler(signal.SIGHUP, self.trigger)

    def trigger(self) -> None:
        task = asyncio.create_task(self.run(), name="event-reload")
        self._tasks.add(task)  # keep a reference until it ends
        task.add_done_callback(self._tasks.discard)

    async def run(self) -> None:
        async with self._lock:
            try:
                await reload_into(self._bot)
            except Exception:  # a database hiccup must not take the server down; the old event stays
                log.exception("event reload failed")
                return
            # The scheduler reads bot.event at each pass: waking it is all it needs to plan with the new one.
            self._scheduler.wake()

    async def stop(self) -> None:
        await asyncio.gather(*self._tasks, return_exceptions=True)
