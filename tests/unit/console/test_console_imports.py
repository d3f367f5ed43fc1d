"""The console's libraries (Jinja, aiohttp-session, cryptography: ~10 MB resident) load with its first
request, not with the server: an idle `serve` stays under its memory budget (bench/memory.py)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

CONSOLE_LIBRARIES = {"jinja2", "aiohttp_session", "cryptography"}

PROBE = """
import asyncio, sys
import aiohttp
from aiohttp import web
from bot.config import load_settings
from service.bootstrap import create_bot
from service.server import build_app

def loaded():
    return sorted({m.split('.')[0] for m in sys.modules} & CONSOLE_LIBRARIES)

async def main():
    settings = load_settings(
        {}, database_url=DATABASE, slack_bot_token="xoxb-probe", slack_signing_secret="probe-secret",
        slack_api_url="http://127.0.0.1:9/api/",
    )
    bot = await create_bot(settings, migrate=True)
    runner = web.AppRunner(build_app(bot))
    await runner.setup()
    try:
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        print(loaded())
        host, port = runner.addresses[0][:2]
        async with aiohttp.ClientSession() as http:
            async with http.get(f"http://{host}:{port}/organiser/welcome") as response:
                print([response.status, loaded()])
    finally:
        await runner.cleanup()
        await bot.close()

asyncio.run(main())
"""


def test_a_serving_bot_loads_the_console_libraries_only_when_the_console_is_opened(tmp_path: Path) -> None:
    database = f"sqlite+aiosqlite:///{tmp_path / 'probe.db'}"
    setup = f"CONSOLE_LIBRARIES = {CONSOLE_LIBRARIES!r}\nDATABASE = {database!r}\n"
    done = subprocess.run(
        [sys.executable, "-c", setup + PROBE], capture_output=True, text=True, check=True, timeout=120
    )
    serving, (status, after_first_page) = map(ast.literal_eval, done.stdout.strip().splitlines()[-2:])
    assert serving == []
    assert status == 200
    assert set(after_first_page) == CONSOLE_LIBRARIES
