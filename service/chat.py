"""`roundtable-bot chat`: wires the console adapter (adapters/console) to a Bot and the scheduler."""

from __future__ import annotations

import sys

from adapters.console.app import PROMPT, ConsoleNotifier, run_chat
from bot.config import Settings
from bot.messages import UserRef
from bot.notify import PlatformNotifier
from service.bootstrap import Bot, open_bot
from service.scheduler import Scheduler


async def chat_main(settings: Settings, user_id: str) -> None:
    interactive = sys.stdin.isatty()
    notifier = PlatformNotifier({"console": ConsoleNotifier(sys.stdout)})
    async with open_bot(settings, notifier=notifier) as bot:
        user = UserRef("console", user_id, display_name=user_id)
        if interactive:
            print(f"{bot.event.names['long'].get('en')} — type 'help', or a question. Ctrl-D to leave.")
            print(PROMPT, end="", flush=True)
        if not await _rehearsal_is_contained(bot, settings):
            await run_chat(bot, user, sys.stdin, sys.stdout, interactive)
            return
        scheduler = Scheduler.for_bot(bot)  # reminders and broadcasts print here, for rehearsals
        await scheduler.start()
        try:
            await run_chat(bot, user, sys.stdin, sys.stdout, interactive)
            # A pass under way ends first (a reminder it claimed is printed, not left leased), then one
            # more for whatever fell due while reading the last lines.
            await scheduler.finish()
        finally:
            await scheduler.stop()  # before the database closes: its last pass may still be in it


async def _rehearsal_is_contained(bot: Bot, settings: Settings) -> bool:
    """A pinned clock (`--now`) is a rehearsal: its reminders must not reach people on Slack or Teams, nor
    use up the campaigns the real server will send. On a database that has such people, the terminal
    answers but runs no scheduler, and says why."""
    if settings.now is None:
        return True  # the real clock: the same work a server instance would do
    async with bot.uow() as uow:
        others = sorted(await uow.members.platforms() - {"console"})
    if others:
        print(
            f"note: --now with a database shared with {', '.join(others)}: reminders and broadcasts are not "
            "rehearsed here (use a separate DATABASE_URL to rehearse them).",
            file=sys.stderr,
        )
    return not others
