"""`roundtable-bot organiser-link USER_KEY`: prints a single-use sign-in link to the web console for an
operator to pass on (audited as "cli"); anyone who is not an organiser is refused with exit code 1."""

from __future__ import annotations

import asyncio
from typing import Annotated

import typer

from bot.config import load_settings
from bot.context import Role
from bot.errors import ConfigError
from bot.event import EventFileError, load_event

REFUSED = 1


def organiser_link(
    user_key: Annotated[str, typer.Argument(help="The organiser's platform id, e.g. slack:U0123.")],
) -> None:
    """Print a sign-in link to the organiser console (single use, valid 15 minutes)."""
    # Imported here: every CLI command registers this one, and `ask` must not load the database libraries.
    from handlers.organiser.console_link import issue_link, signin_url
    from service.bootstrap import open_bot

    try:
        settings = load_settings()
        loaded = load_event(settings.event_path)
    except (ConfigError, EventFileError) as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(code=2) from None

    async def run() -> str | None:
        async with open_bot(settings, event=loaded) as bot, bot.uow() as uow:
            now = bot.clock()
            if bot.role_of(user_key) is not Role.ORGANISER:
                uow.audit.record(now, "cli", "console.link_refused", user_key[:220], note="not an organiser")
                await uow.commit()
                return None
            token = await issue_link(uow, user_key, now)
            uow.audit.record(now, "cli", "console.link_printed", user_key[:220])
            await uow.commit()
            return signin_url(bot.base_url, token)

    url = asyncio.run(run())
    if url is None:
        typer.echo(f"error: {user_key[:80]!r} is not an organiser (ROUNDTABLE_ORGANISERS)", err=True)
        raise typer.Exit(code=REFUSED)
    typer.echo(url)
