"""`roundtable-bot chat`: wires the console adapter (adapters/console) to a Bot and the scheduler."""

from __future__ import annotations

import sys

from adapters.console.app import PROMPT, ConsoleNotifier, run_chat
from bot.config import Settings
from bot.messages import UserRef
from bot.notify import PlatformNotifier
from service.bootstrap import create_bot
from service.scheduler import Scheduler


async def chat_main(settings: Settings, user_id: str) -> None:
    interactive = sys.stdin.isatty()
    notifier = PlatformNotifier({"console": ConsoleNotifier(sys.stdout)})
    bot = await create_bot(settings, notifier=notifier)
    user = UserRef("console", user_id, display_name=user_id)
    if interactive:
        print(f"{bot.event.names['long'].get('en')} — type 'help', or a question. Ctrl-D to leave.")
        print(PROMPT, end="", flush=True)
    scheduler = Scheduler.for_bot(bot)  # reminders and broadcasts print here, for rehearsals
    await scheduler.start()
    try:
        await run_chat(bot, user, sys.stdin, sys.stdout, interactive)
        await scheduler.run_once()  # whatever fell due while reading the last lines
    finally:
        await scheduler.stop()
        await bot.close()
