"""Signed Slack events per second through our /slack/events versus a bare bolt echo app, same set-up.

Both apps are served by aiohttp on 127.0.0.1 in this process, through bolt's aiohttp adapter, and answer
every direct message with one chat.postMessage to the same fake Slack Web API, which runs in a child
process. An event counts when its reply has reached the fake. Bodies are signed before the clock starts.
Ours also claims each event id in SQLite (file database), records the member, looks the user up
(users.info, cached), routes through the FAQ and renders. Prints one JSON line.

    .venv/bin/python bench/slack_events.py [--events 2000] [--concurrency 20]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import web

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.async_app import AsyncApp, AsyncSay
from slack_sdk.web.async_client import AsyncWebClient

from bot.config import load_settings
from service.bootstrap import create_bot
from service.server import build_app
from tests.e2e.fake_slack import FakeSlack, SlackSender, sign

SECRET = "bench-signing-secret"
TOKEN = "xoxb-bench"
QUESTIONS = ("when is the welcome reception?", "what's next?", "help", "where is the signature panel?")
USERS = 50
WARM_UP = 100


def _serve_fake(ready: Any) -> None:
    async def main() -> None:
        fake = await FakeSlack().start()
        ready.put(fake.base_url)
        await asyncio.Event().wait()

    asyncio.run(main())


def _echo_app(api_url: str) -> tuple[web.Application, AsyncWebClient]:
    client = AsyncWebClient(token=TOKEN, base_url=api_url)
    bolt = AsyncApp(client=client, signing_secret=SECRET, name="echo")

    @bolt.event("message")
    async def echo(event: dict[str, Any], say: AsyncSay) -> None:
        await say(event.get("text", ""))

    async def handle(request: web.Request) -> web.Response:
        return await to_aiohttp_response(await bolt.async_dispatch(await to_bolt_request(request)))

    async def session(app: web.Application) -> Any:
        client.session = aiohttp.ClientSession()
        yield
        await client.session.close()

    app = web.Application()
    app.router.add_post("/slack/events", handle)
    app.cleanup_ctx.append(session)
    return app, client


async def _serve(app: web.Application) -> tuple[web.AppRunner, str]:
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    return runner, f"http://127.0.0.1:{port}/slack/events"


def _bodies(count: int, prefix: str) -> list[str]:
    sender = SlackSender("", SECRET, None)
    bodies = []
    for n in range(count):
        user = f"U{n % USERS:04d}"
        event = {
            "type": "message",
            "channel_type": "im",
            "channel": f"D{user}",
            "user": user,
            "text": QUESTIONS[n % len(QUESTIONS)],
            "ts": f"{n}.0001",
        }
        bodies.append(sender.event_body(event, event_id=f"Ev{prefix}{n:07d}"))
    return bodies


async def _posted(session: aiohttp.ClientSession, fake_url: str) -> int:
    async with session.get(f"{fake_url}/_count/chat.postMessage") as response:
        return int((await response.json())["count"])


async def _drive(url: str, fake_url: str, bodies: list[str], concurrency: int) -> tuple[float, float]:
    """Seconds from the first request to the last acknowledgement, and to the last reply at the fake."""
    signed = [(body, {"Content-Type": "application/json", **sign(SECRET, body)}) for body in bodies]
    queue: asyncio.Queue[tuple[str, dict[str, str]]] = asyncio.Queue()
    for item in signed:
        queue.put_nowait(item)
    connector = aiohttp.TCPConnector(limit=concurrency)
    async with aiohttp.ClientSession(connector=connector) as session:
        before = await _posted(session, fake_url)

        async def worker() -> None:
            while not queue.empty():
                body, headers = queue.get_nowait()
                async with session.post(url, data=body.encode(), headers=headers) as response:
                    if response.status != 200:
                        raise RuntimeError(f"HTTP {response.status}: {await response.text()}")

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        acked = time.perf_counter() - started
        # The fake runs in another process: polling its counter is the only signal there is.
        while await _posted(session, fake_url) - before < len(bodies):  # noqa: ASYNC110
            await asyncio.sleep(0.005)
        return acked, time.perf_counter() - started


async def _measure(
    name: str,
    start: Callable[[], Awaitable[tuple[web.AppRunner, str, Callable[[], Awaitable[None]]]]],
    fake_url: str,
    events: int,
    concurrency: int,
) -> tuple[float, float]:
    """(acknowledged, answered) events per second."""
    runner, url, stop = await start()
    try:
        await _drive(url, fake_url, _bodies(WARM_UP, f"{name}w"), concurrency)
        acked, answered = await _drive(url, fake_url, _bodies(events, name), concurrency)
    finally:
        await runner.cleanup()
        await stop()
    return events / acked, events / answered


async def main(events: int, concurrency: int) -> dict[str, Any]:
    ready: Any = multiprocessing.get_context("spawn").Queue()
    fake_process = multiprocessing.get_context("spawn").Process(
        target=_serve_fake, args=(ready,), daemon=True
    )
    fake_process.start()
    fake_url = ready.get(timeout=30)
    api_url = f"{fake_url}/api/"
    try:
        with tempfile.TemporaryDirectory() as folder:

            async def ours() -> tuple[web.AppRunner, str, Callable[[], Awaitable[None]]]:
                settings = load_settings(
                    {},
                    database_url=f"sqlite+aiosqlite:///{Path(folder) / 'bench.db'}",
                    slack_bot_token=TOKEN,
                    slack_signing_secret=SECRET,
                    slack_api_url=api_url,
                    log_level="WARNING",
                    now="2024-05-10T10:15:00",
                )
                bot = await create_bot(settings)
                runner, url = await _serve(build_app(bot))
                return runner, url, bot.close

            async def echo() -> tuple[web.AppRunner, str, Callable[[], Awaitable[None]]]:
                app, _ = _echo_app(api_url)
                runner, url = await _serve(app)

                async def nothing() -> None:
                    return None

                return runner, url, nothing

            bare = await _measure("bare", echo, fake_url, events, concurrency)
            roundtable = await _measure("ours", ours, fake_url, events, concurrency)
    finally:
        fake_process.terminate()
        fake_process.join()
    return {
        "bench": "slack_events",
        "events": events,
        "concurrency": concurrency,
        # Acknowledged: what Slack sees (a 200 within 3 s). Answered: the reply reached the Web API.
        "ours_acked_per_s": round(roundtable[0], 1),
        "bare_bolt_echo_acked_per_s": round(bare[0], 1),
        "ack_ratio": round(roundtable[0] / bare[0], 3),
        "ours_answered_per_s": round(roundtable[1], 1),
        "bare_bolt_echo_answered_per_s": round(bare[1], 1),
        "answered_ratio": round(roundtable[1] / bare[1], 3),
        "target_ratio": 0.8,
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=20)
    arguments = parser.parse_args()
    print(json.dumps(asyncio.run(main(arguments.events, arguments.concurrency))))
