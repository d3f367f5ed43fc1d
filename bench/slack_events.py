"""Signed Slack events per second through our /slack/events versus a bare bolt echo app, same set-up.

Both apps are served by aiohttp on 127.0.0.1 in this process, through bolt's aiohttp adapter, and answer
every direct message with one chat.postMessage to the same fake Slack Web API, which runs in a child
process. An event counts when its reply has reached the fake. Bodies are signed before the clock starts.
Ours also claims each event id in SQLite (file database), records the member, looks the user up
(users.info, cached), routes through the FAQ and renders, with the garbage collector set as `serve` sets
it (service/collector.py). Prints one JSON line.

    .venv/bin/python bench/slack_events.py [--events 2000] [--concurrency 20] [--database URL]

Also each event's answer latency (request sent → reply at the fake), p50 and p99, and the load average.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
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
from service.collector import tune_for_serving
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


async def _posted(session: aiohttp.ClientSession, fake_url: str, at_least: int = 0) -> int:
    """How many replies the fake has received; with ``at_least``, once it has that many (the fake
    answers then: no polling, which would take CPU from the server measured in this same process)."""
    async with session.get(f"{fake_url}/_count/chat.postMessage?at_least={at_least}") as response:
        return int((await response.json())["count"])


async def _latencies(
    session: aiohttp.ClientSession, fake_url: str, skip: int, sent: list[tuple[str, float]]
) -> list[float]:
    """Seconds from each event's request to its reply at the fake. A person's replies come in the order
    of their messages, so the k-th reply in a DM channel answers the k-th event sent to it."""
    async with session.get(f"{fake_url}/_received/chat.postMessage") as response:
        received = (await response.json())[skip:]
    replies: dict[str, list[float]] = defaultdict(list)
    for channel, at in received:
        replies[channel].append(at)
    answered = {channel: iter(moments) for channel, moments in replies.items()}
    return [next(answered[channel]) - at for channel, at in sent]


async def _drive(url: str, fake_url: str, bodies: list[str], concurrency: int) -> Run:
    """Seconds from the first request to the last acknowledgement and to the last reply at the fake, and
    each event's answer latency."""
    signed = [(body, {"Content-Type": "application/json", **sign(SECRET, body)}) for body in bodies]
    queue: asyncio.Queue[tuple[str, dict[str, str]]] = asyncio.Queue()
    for item in signed:
        queue.put_nowait(item)
    sent: list[tuple[str, float]] = []
    connector = aiohttp.TCPConnector(limit=concurrency)
    async with aiohttp.ClientSession(connector=connector) as session:
        before = await _posted(session, fake_url)

        async def worker() -> None:
            while not queue.empty():
                body, headers = queue.get_nowait()
                sent.append((json.loads(body)["event"]["channel"], time.time()))
                async with session.post(url, data=body.encode(), headers=headers) as response:
                    if response.status != 200:
                        raise RuntimeError(f"HTTP {response.status}: {await response.text()}")

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        acked = time.perf_counter() - started
        await _posted(session, fake_url, at_least=before + len(bodies))
        answered = time.perf_counter() - started
        return Run(acked, answered, await _latencies(session, fake_url, before, sent))


@dataclass(frozen=True)
class Run:
    acked_s: float
    answered_s: float
    latencies: list[float]

    def percentile_ms(self, share: float) -> float:
        ordered = sorted(self.latencies)
        return round(1000 * ordered[min(len(ordered) - 1, int(share * len(ordered)))], 1)


async def _measure(
    name: str,
    start: Callable[[], Awaitable[tuple[web.AppRunner, str, Callable[[], Awaitable[None]]]]],
    fake_url: str,
    events: int,
    concurrency: int,
) -> Run:
    runner, url, stop = await start()
    run = uuid.uuid4().hex[:8]  # event ids new to a database kept from an earlier run (--database)
    try:
        await _drive(url, fake_url, _bodies(WARM_UP, f"{name}w{run}"), concurrency)
        return await _drive(url, fake_url, _bodies(events, f"{name}{run}"), concurrency)
    finally:
        await runner.cleanup()
        await stop()


async def main(events: int, concurrency: int, database: str | None) -> dict[str, Any]:
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
                    database_url=database or f"sqlite+aiosqlite:///{Path(folder) / 'bench.db'}",
                    slack_bot_token=TOKEN,
                    slack_signing_secret=SECRET,
                    slack_api_url=api_url,
                    log_level="WARNING",
                    now="2024-05-10T10:15:00",
                )
                bot = await create_bot(settings, migrate=True)
                runner, url = await _serve(build_app(bot))
                tune_for_serving()  # as `serve` does once started
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
        "database": (database or "sqlite").split("+", 1)[0],
        "events": events,
        "concurrency": concurrency,
        # Acknowledged: what Slack sees (a 200 within 3 s). Answered: the reply reached the Web API.
        "ours_acked_per_s": round(events / roundtable.acked_s, 1),
        "bare_bolt_echo_acked_per_s": round(events / bare.acked_s, 1),
        "ack_ratio": round(bare.acked_s / roundtable.acked_s, 3),
        "ours_answered_per_s": round(events / roundtable.answered_s, 1),
        "bare_bolt_echo_answered_per_s": round(events / bare.answered_s, 1),
        "answered_ratio": round(bare.answered_s / roundtable.answered_s, 3),
        "target_ratio": 0.8,
        # From an event's request to its reply at the Web API, milliseconds.
        "ours_p50_ms": roundtable.percentile_ms(0.5),
        "ours_p99_ms": roundtable.percentile_ms(0.99),
        "bare_p50_ms": bare.percentile_ms(0.5),
        "bare_p99_ms": bare.percentile_ms(0.99),
        "load_average_1m": round(os.getloadavg()[0], 2),  # a shared machine: read the ratio with this
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--database", help="postgresql+asyncpg://… (default: a fresh SQLite file)")
    arguments = parser.parse_args()
    print(json.dumps(asyncio.run(main(arguments.events, arguments.concurrency, arguments.database))))
