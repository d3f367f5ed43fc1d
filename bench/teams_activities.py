"""Teams activities per second through our /api/messages (local mode) versus a bare CloudAdapter echo.

Both are served by aiohttp on 127.0.0.1 in this process and answer each personal-chat message with one
reply to the same fake Bot Connector (tests/e2e/fake_connector.py, also in this process). A request
returns once its reply was accepted by the connector, so latency is the full round trip. Ours also claims
the activity id and upserts the conversation reference and member in SQLite (file database), routes
through the FAQ and renders. Prints one JSON line: both rates, their ratio, p50/p95/p99 latency and the
load average (a shared machine: read the ratio with it).

    .venv/bin/python bench/teams_activities.py [--activities 1000] [--concurrency 10] [--database URL]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import web

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from botbuilder.core import ActivityHandler, TurnContext
from botbuilder.integration.aiohttp import CloudAdapter, ConfigurationBotFrameworkAuthentication

from bench.databases import fresh_database
from bot.config import load_settings
from service.bootstrap import create_bot
from service.server import build_app
from tests.e2e.fake_connector import activity, running_connector, serve

QUESTIONS = ("when is the welcome reception?", "what's next?", "help", "where is the signature panel?")
USERS = 50
WARM_UP = 50


class _Config:
    APP_ID = None
    APP_PASSWORD = None


def _echo_app() -> web.Application:
    adapter = CloudAdapter(ConfigurationBotFrameworkAuthentication(_Config()))

    class Echo(ActivityHandler):  # type: ignore[misc]
        async def on_message_activity(self, turn: TurnContext) -> None:
            await turn.send_activity(turn.activity.text or "")

    echo = Echo()

    async def handle(request: web.Request) -> web.StreamResponse:
        response = await adapter.process(request, echo)
        return response or web.Response(status=201)

    app = web.Application()
    app.router.add_post("/api/messages", handle)
    return app


def _bodies(service_url: str, count: int) -> list[dict[str, Any]]:
    run = uuid.uuid4().hex[:8]  # activity ids new to the database, whatever ran before
    return [
        {
            **activity(
                service_url,
                text=QUESTIONS[n % len(QUESTIONS)],
                user=f"29:user-{n % USERS}",
                conversation=f"a:personal-{n % USERS}",
            ),
            "id": f"act-{run}-{n}",
        }
        for n in range(count)
    ]


async def _drive(url: str, bodies: list[dict[str, Any]], concurrency: int) -> tuple[float, list[float]]:
    queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
    for body in bodies:
        queue.put_nowait(body)
    latencies: list[float] = []
    connector = aiohttp.TCPConnector(limit=concurrency)
    async with aiohttp.ClientSession(connector=connector) as session:

        async def worker() -> None:
            while not queue.empty():
                body = queue.get_nowait()
                started = time.perf_counter()
                async with session.post(f"{url}/api/messages", json=body) as response:
                    await response.read()
                    assert response.status in (200, 201), response.status
                latencies.append(time.perf_counter() - started)

        began = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        return time.perf_counter() - began, latencies


async def _measure(app: web.Application, service_url: str, count: int, concurrency: int) -> dict[str, float]:
    async with serve(app) as url:
        await _drive(url, _bodies(service_url, WARM_UP), concurrency)
        elapsed, latencies = await _drive(url, _bodies(service_url, count), concurrency)
    cuts = statistics.quantiles(latencies, n=100)
    return {
        "per_second": round(count / elapsed, 1),
        "p50_ms": round(cuts[49] * 1000, 1),
        "p95_ms": round(cuts[94] * 1000, 1),
        "p99_ms": round(cuts[98] * 1000, 1),
    }


async def main(count: int, concurrency: int, database: str | None) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        async with fresh_database(database, Path(folder)) as database_url:
            settings = load_settings({}, database_url=database_url, teams_local=True, host="127.0.0.1")
            bot = await create_bot(settings, migrate=True)
            try:
                async with running_connector() as fake:
                    ours = await _measure(build_app(bot), fake.base_url, count, concurrency)
                    echo = await _measure(_echo_app(), fake.base_url, count, concurrency)
                    replies = len(fake.posted)
            finally:
                await bot.close()
    return {
        "bench": "teams_activities",
        "database": (database or "sqlite").split("+", 1)[0],
        "activities": count,
        "concurrency": concurrency,
        "ours": ours,
        "bare_cloudadapter_echo": echo,
        "ratio": round(ours["per_second"] / echo["per_second"], 3),
        "target_ratio": 0.8,
        "replies_at_fake": replies,
        "load_average_1m": round(os.getloadavg()[0], 2),
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--activities", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=10)
    parser.add_argument(
        "--database", help="postgresql+asyncpg://… : a fresh database is made on that server, then dropped"
    )
    args = parser.parse_args()
    print(json.dumps(asyncio.run(main(args.activities, args.concurrency, args.database))))
