"""All wiring in one place: settings → event, database, router, notifier, clock → a running Bot."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from bot.clock import clock_for
from bot.clock import fixed_clock as fixed_clock  # re-exported: callers pin the clock via bootstrap
from bot.config import Settings
from bot.context import Clock
from bot.core import Bot as Bot  # re-exported: the wiring hands out Bots
from bot.event import Event, load_event
from bot.metrics import Metrics
from bot.notify import PlatformNotifier
from bot.router import Router
from service.routes import build_router
from storage.db import is_sqlite, make_engine, session_factory, upgrade


async def create_bot(
    settings: Settings,
    *,
    event: Event | None = None,
    notifier: PlatformNotifier | None = None,
    clock: Clock | None = None,
    migrate: bool | None = None,
    router_factory: Callable[[], Router] = build_router,
) -> Bot:
    """Loads the event, opens the database (migrating SQLite on start) and wires the router."""
    event = event or load_event(settings.event_path)
    engine = make_engine(settings.database_url, settings.db_lock_timeout_seconds)
    try:
        if migrate if migrate is not None else is_sqlite(settings.database_url):
            await upgrade(engine, event.id)
    except BaseException:
        await engine.dispose()  # no Bot to close it: a failed migration must not leave a connection open
        raise
    metrics = Metrics()
    notifier = notifier or PlatformNotifier({})
    notifier.metrics = metrics
    return Bot(
        settings=settings,
        metrics=metrics,
        event=event,
        engine=engine,
        sessions=session_factory(engine),
        router=router_factory(),
        notifier=notifier,
        clock=clock or clock_for(settings, event),
        _role_ids=settings.organisers | frozenset(event.organisers),
    )


@asynccontextmanager
async def open_bot(
    settings: Settings, *, event: Event | None = None, notifier: PlatformNotifier | None = None
) -> AsyncIterator[Bot]:
    """``create_bot`` for one command: the database is closed when the block ends, however it ends, while
    the event loop still runs. A pooled aiosqlite connection left to the garbage collector is rolled back
    after the loop has closed, and SQLAlchemy prints that failure's traceback as the process exits."""
    bot = await create_bot(settings, event=event, notifier=notifier)
    try:
        yield bot
    finally:
        await bot.close()
