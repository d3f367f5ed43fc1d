"""The organiser console's overview page with 200 delegations, 1,000 members, 60 pitches (15 slots filled,
45 on the waitlist), 1,000 interests and 5,000 outbox rows: the page served over HTTP by the real app on
127.0.0.1 to a signed-in organiser, charts (Altair → vl-convert SVG) included.

    .venv/bin/python -m bench.console [--requests 20]

Prints one JSON line: the first render (vl-convert warms up) and the median / p95 / max of the rest, in ms;
the median with every chart converted again (the SVG cache emptied before each request: what a page costs
right after its numbers changed); the time to compute the overview's numbers alone; the load average.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import tempfile
import time
from pathlib import Path

import aiohttp

from adapters.web import charts
from bot.config import load_settings
from bot.event import load_event
from handlers.organiser.console_link import issue_link
from handlers.organiser.overview import overview
from service.bootstrap import create_bot
from service.server import build_app
from tests.conftest import EVENT_DAY_MORNING, fixed_clock
from tests.e2e.console.seed import interests, seed, seed_outbox, seed_pitches
from tests.e2e.fake_connector import serve

ORGANISER = "slack:UBENCH"


async def bench(requests: int, directory: Path) -> dict[str, object]:
    event = load_event()
    settings = load_settings(
        {}, database_url=f"sqlite+aiosqlite:///{directory / 'console.db'}", organisers=ORGANISER
    )
    bot = await create_bot(settings, event=event, clock=fixed_clock(EVENT_DAY_MORNING), migrate=True)
    now = bot.clock()
    try:
        async with bot.uow() as uow:
            ids = await seed(uow, now, delegations=200, members_each=5)
            await seed_pitches(uow, event, ids[:60], now)
            uow.session.add_all(
                interests(event.id, [f"slack:U{n:03d}{m:02d}" for n in range(200) for m in range(5)], now)
            )
            await seed_outbox(uow, campaigns=5, each=1000, now=now)
            token = await issue_link(uow, ORGANISER, now)
            await uow.commit()
        started = time.perf_counter()
        async with bot.uow() as uow:
            await overview(uow, event)
        numbers_ms = (time.perf_counter() - started) * 1000
        jar = aiohttp.CookieJar(unsafe=True)
        async with serve(build_app(bot)) as base, aiohttp.ClientSession(cookie_jar=jar) as http:
            async with http.post(f"{base}/organiser/signin", data={"token": token}) as response:
                assert response.status == 200, response.status
            timings = [await _get(http, f"{base}/organiser/") for _ in range(requests)]
            cold = []
            for _ in range(max(3, requests // 4)):
                charts.forget_rendered()
                cold.append(await _get(http, f"{base}/organiser/"))
    finally:
        await bot.close()
    rest = sorted(timings[1:])
    return {
        "bench": "console_overview",
        "delegations": 200,
        "members": 1000,
        "pitches": 60,
        "outbox_rows": 5000,
        "requests": requests,
        "first_ms": round(timings[0], 1),
        "median_ms": round(statistics.median(rest), 1),
        "p95_ms": round(rest[int(0.95 * (len(rest) - 1))], 1),
        "max_ms": round(rest[-1], 1),
        "cold_charts_median_ms": round(statistics.median(cold), 1),
        "numbers_only_ms": round(numbers_ms, 1),
        "load_average_1m": round(os.getloadavg()[0], 2),
        "cpus": os.cpu_count(),
    }


async def _get(http: aiohttp.ClientSession, url: str) -> float:
    """Milliseconds to fetch ``url`` whole."""
    started = time.perf_counter()
    async with http.get(url) as response:
        assert response.status == 200
        await response.read()
    return (time.perf_counter() - started) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        print(json.dumps(asyncio.run(bench(args.requests, Path(directory)))))


if __name__ == "__main__":
    main()
