"""`roundtable-bot edition open`: asks every returning participant, privately, about the needs and offers
they stated at the previous edition (the event file's ``series.previous``); the server sends the questions.
Running it again asks only those not asked yet."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Annotated

import typer

from bot.config import load_settings
from bot.errors import ConfigError
from bot.event import EventFileError, load_event

edition_app = typer.Typer(no_args_is_help=True, help="Editions of a series: carry needs over.")


@edition_app.command("open")
def edition_open(
    event: Annotated[
        Path | None,
        typer.Option("--event", help="Event file (default: ROUNDTABLE_EVENT or the bundled event)."),
    ] = None,
) -> None:
    """Ask returning participants whether their previous needs and offers are still current."""
    # Imported here: `ask` and `--help` must not load the database libraries.
    from handlers.editions.opening import open_edition
    from service.bootstrap import open_bot

    try:
        settings = load_settings(event_path=event)
        loaded = load_event(settings.event_path)
    except (ConfigError, EventFileError) as error:
        raise _fail(str(error)) from None

    async def run() -> str | None:
        async with open_bot(settings, event=loaded) as bot, bot.uow() as uow:
            opened = await open_edition(uow, loaded, bot.clock(), "cli")
            await uow.commit()
        if opened is None:
            return None
        return (
            f"edition {loaded.id} opened from {opened.previous}: {opened.people} returning participants "
            f"asked about {opened.items} needs and offers (queued for the server)"
        )

    said = asyncio.run(run())
    if said is None:
        raise _fail("the event file names no previous edition (series.previous)")
    typer.echo(said)


def _fail(message: str) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code=2)
