"""Memory of a real `roundtable-bot serve` (Slack on, Teams off, SQLite): resident set when idle, then
after a broadcast to 10,000 recipients through the fake Slack Web API.

    .venv/bin/python -m bench.memory [--recipients 10000] [--database URL]

Prints one JSON line: idle RSS and RSS after the broadcast (VmRSS of the serve process, MB), and its peak
(VmHWM). Targets: idle < 100 MB, after the broadcast < 180 MB.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

from tests.e2e.fake_slack import FakeSlack
from tests.e2e.serve_helpers import Serve, environment, free_port, run_cli, seed_recipients, wait_until

IDLE_SETTLE_S = 3.0  # the first scheduler pass and answer sweep have run by then


def rss_mb(pid: int, field: str = "VmRSS") -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


async def run(recipients: int, database: str | None) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        url = database or f"sqlite+aiosqlite:///{Path(tmp) / 'bench.db'}"
        await seed_recipients(url, recipients)
        slack = await FakeSlack().start()
        env = environment(url, slack, free_port(), ROUNDTABLE_OUTBOX_LEASE_SECONDS="60")
        serve = await Serve(env, Path(tmp) / "serve.log").start()
        assert serve.process is not None
        pid = serve.process.pid
        try:
            await asyncio.sleep(IDLE_SETTLE_S)
            idle = rss_mb(pid)
            run_cli(["broadcast", "--audience", "everyone", "--text", "Bench"], env)

            def delivered() -> int:
                return len(Counter(str(c.params.get("channel")) for c in slack.calls_to("chat.postMessage")))

            await wait_until(lambda: delivered() >= recipients, 1800, "every recipient")
            after, peak = rss_mb(pid), rss_mb(pid, "VmHWM")
        finally:
            serve.stop()
            await slack.stop()
    return {
        "bench": "memory",
        "database": url.split("+", 1)[0],
        "recipients": recipients,
        "idle_rss_mb": idle,
        "after_broadcast_rss_mb": after,
        "peak_rss_mb": peak,
        "idle_ok": idle < 100,
        "after_broadcast_ok": after < 180,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--recipients", type=int, default=10_000)
    parser.add_argument("--database", help="postgresql+asyncpg://… (default: a fresh SQLite file)")
    args = parser.parse_args()
    print(json.dumps(asyncio.run(run(args.recipients, args.database))))


if __name__ == "__main__":
    main()
