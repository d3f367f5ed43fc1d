"""Broadcast to 10,000 recipients through a real `roundtable-bot serve` and the fake Slack Web API, which
answers 1 % of chat.postMessage calls with 429 (Retry-After: 1) and 1 % with 500.

    .venv/bin/python -m bench.broadcast [--recipients 10000] [--concurrency 8] [--database URL]

Prints one JSON line: sent, lost, duplicated, wall time, messages/s, the serve process's peak RSS.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from aiohttp import web

from tests.e2e.fake_slack import FakeSlack
from tests.e2e.serve_helpers import Serve, environment, free_port, run_cli, seed_recipients, wait_until


class FlakySlack(FakeSlack):
    """The fake Slack, failing a random share of chat.postMessage calls; counts accepted messages."""

    def __init__(self, rate_429: float, rate_500: float, seed: int = 7) -> None:
        super().__init__()
        self.rate_429, self.rate_500 = rate_429, rate_500
        self.random = random.Random(seed)  # fault injection, not cryptography
        self.accepted: Counter[str] = Counter()
        self.faults: Counter[int] = Counter()

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        if method == "chat.postMessage":
            draw = self.random.random()
            if draw < self.rate_429:
                self.fail(method, status=429, retry_after=1)
                self.faults[429] += 1
            elif draw < self.rate_429 + self.rate_500:
                self.fail(method, status=500)
                self.faults[500] += 1
        response = await super()._api(request)
        if method == "chat.postMessage" and response.status == 200:
            self.accepted[str(self.calls[-1].params.get("channel"))] += 1  # no await since it was recorded
        return response


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


async def run(recipients: int, concurrency: int, database: str | None) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        url = database or f"sqlite+aiosqlite:///{Path(tmp) / 'bench.db'}"
        await seed_recipients(url, recipients)
        slack = await FlakySlack(0.01, 0.01).start()
        env = environment(
            url,
            slack,
            free_port(),
            ROUNDTABLE_OUTBOX_CONCURRENCY=str(concurrency),
            ROUNDTABLE_OUTBOX_LEASE_SECONDS="60",
        )
        serve = await Serve(env, Path(tmp) / "serve.log").start()
        try:
            started = time.perf_counter()
            queued = json.loads(run_cli(["broadcast", "--audience", "everyone", "--text", "Bench"], env))
            await wait_until(lambda: len(slack.accepted) >= recipients, 1800, "every recipient")
            wall = time.perf_counter() - started
            await asyncio.sleep(2)  # late duplicates, if any, would arrive now
            assert serve.process is not None
            rss = peak_rss_mb(serve.process.pid)
            status = json.loads(run_cli(["broadcast", "--status", str(queued["id"])], env))
        finally:
            serve.stop()
            await slack.stop()
    delivered = sum(slack.accepted.values())
    return {
        "bench": "broadcast",
        "database": url.split("+", 1)[0],
        "recipients": recipients,
        "concurrency": concurrency,
        "sent": len(slack.accepted),
        "lost": recipients - len(slack.accepted),
        "duplicated": delivered - len(slack.accepted),
        "injected_429": slack.faults[429],
        "injected_500": slack.faults[500],
        "outbox_failed": status["failed"],
        "wall_s": round(wall, 2),
        "messages_per_s": round(recipients / wall, 1),
        "serve_peak_rss_mb": rss,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--recipients", type=int, default=10_000)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--database", help="postgresql+asyncpg://… (default: a fresh SQLite file)")
    args = parser.parse_args()
    print(json.dumps(asyncio.run(run(args.recipients, args.concurrency, args.database))))


if __name__ == "__main__":
    main()
