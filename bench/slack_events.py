"""Signed Slack events per second through our /slack/events versus a bare bolt echo app, same set-up.

Both apps are served by aiohttp on 127.0.0.1 in this process and answer every direct message with one
chat.postMessage to the same fake Slack Web API, which runs in a child process. An event counts when its
reply has reached the fake. Bodies are signed before the clock starts. The echo app is bolt's AsyncApp
behind its aiohttp adapter. Ours claims each event id in SQLite (file database) before acknowledging it,
records the member, looks the user up (users.info, cached), routes through the FAQ and renders; it takes
Events API callbacks without bolt's dispatch (adapters/slack/app.py). Each runs with its own garbage
collector settings: ours as `serve` sets it (service/collector.py), the echo app with CPython's defaults, as
bolt ships. Prints one JSON line.

The two apps take turns, ``--rounds`` times each, at an equal share of the events (and at going first):
this machine's speed drifts by a quarter within a minute, and one app's run after the other's compared
the drift as much as the apps.

    .venv/bin/python bench/slack_events.py [--events 2000] [--concurrency 20] [--database URL] [--rounds 4]

Also each event's answer latency (request sent → reply at the fake), p50 and p99, and the load average.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
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

from bench.databases import fresh_database
from bot.config import load_settings
from service.bootstrap import create_bot
from service.collector import tune_for_serving
from service.server import build_app
from tests.e2e.fake_slack import FakeSlack, SlackSender, sign

SECRET = "bench-signing-secret"
TOKEN = "xoxb-bench"
QUESTIONS = ("when is the welcome reception?", "what's next?", "help", "where is the signature panel?")
USERS = 50
WARM_UP = 500  # per app: ours prepares a statement per claim batch size on each pooled connection
DEFAULT_COLLECTOR = gc.get_threshold()  # CPython's, before anything tunes it


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

    def __add__(self, other: Run) -> Run:
        return Run(
            self.acked_s + other.acked_s, self.answered_s + other.answered_s, self.latencies + other.latencies
        )

    def percentile_ms(self, share: float) -> float:
        ordered = sorted(self.latencies)
        return round(1000 * ordered[min(len(ordered) - 1, int(share * len(ordered)))], 1)


Started = tuple[web.AppRunner, str, Callable[[], Awaitable[None]]]


async def _rounds(
    apps: dict[str, str], fake_url: str, events: int, rounds: int, concurrency: int
) -> dict[str, Run]:
    """Each app's share of the events in ``rounds`` rounds, the apps taking turns (and turns at going
    first): a machine whose speed drifts during the run slows both alike, not whichever ran second."""
    run = uuid.uuid4().hex[:8]
    for name, url in apps.items():
        _collector_for(name)
        await _drive(url, fake_url, _bodies(WARM_UP, f"{name}w{run}"), concurrency)
    totals = {name: Run(0.0, 0.0, []) for name in apps}
    order = list(apps)
    for number in range(rounds):
        for name in order if number % 2 == 0 else order[::-1]:
            bodies = _bodies(events // rounds, f"{name}{run}r{number}-")
            _collector_for(name)
            totals[name] += await _drive(apps[name], fake_url, bodies, concurrency)
    return totals


def _collector_for(name: str) -> None:
    """Each app's turn with the garbage collector it runs with: `serve`'s (service/collector.py) for
    ours, CPython's defaults, as bolt ships, for the echo app (the collector is process-wide)."""
    if name == "ours":
        tune_for_serving()
    else:
        gc.unfreeze()
        gc.set_threshold(*DEFAULT_COLLECTOR)


async def _ours(api_url: str, database_url: str) -> Started:
    settings = load_settings(
        {},
        database_url=database_url,
        slack_bot_token=TOKEN,
        slack_signing_secret=SECRET,
        slack_api_url=api_url,
        log_level="WARNING",
        now="2024-05-10T10:15:00",
    )
    bot = await create_bot(settings, migrate=True)
    runner, url = await _serve(build_app(bot))
    return runner, url, bot.close


async def _echo(api_url: str) -> Started:
    app, _ = _echo_app(api_url)
    runner, url = await _serve(app)

    async def nothing() -> None:
        return None

    return runner, url, nothing


async def _both(
    api_url: str, fake_url: str, database_url: str, events: int, rounds: int, concurrency: int
) -> dict[str, Run]:
    started = [await _echo(api_url)]
    try:
        started.append(await _ours(api_url, database_url))
        apps = {"bare": started[0][1], "ours": started[1][1]}
        return await _rounds(apps, fake_url, events, rounds, concurrency)
    finally:
        for runner, _, stop in started:
            await runner.cleanup()
            await stop()


async def main(events: int, concurrency: int, database: str | None, rounds: int) -> dict[str, Any]:
    ready: Any = multiprocessing.get_context("spawn").Queue()
    fake_process = multiprocessing.get_context("spawn").Process(
        target=_serve_fake, args=(ready,), daemon=True
    )
    fake_process.start()
    fake_url = ready.get(timeout=30)
    try:
        with tempfile.TemporaryDirectory() as folder:
            async with fresh_database(database, Path(folder)) as database_url:
                measured = await _both(
                    f"{fake_url}/api/", fake_url, database_url, events, rounds, concurrency
                )
    finally:
        fake_process.terminate()
        fake_process.join()
    bare, roundtable = measured["bare"], measured["ours"]
    events = rounds * (events // rounds)
    return {
        "bench": "slack_events",
        "database": (database or "sqlite").split("+", 1)[0],
        "events": events,
        "rounds": rounds,
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
    parser.add_argument(
        "--database", help="postgresql+asyncpg://… : a fresh database is made on that server, then dropped"
    )
    parser.add_argument("--rounds", type=int, default=4, help="turns each app takes at its share of events")
    arguments = parser.parse_args()
    figures = main(arguments.events, arguments.concurrency, arguments.database, arguments.rounds)
    print(json.dumps(asyncio.run(figures)))
