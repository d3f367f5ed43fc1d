"""All wiring in one place: settings → event, database, router, notifier, clock → a running Bot."""

from __future__ import annotations

from collections.abc import Callable

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
    engine = make_engine(settings.database_url)
    if migrate if migrate is not None else is_sqlite(settings.database_url):
        await upgrade(engine)
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
