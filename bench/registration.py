"""Many delegations registering at once through the real Bot (router, dialog rows, audit) on a SQLite file,
then the organisers' export of every registration; prints one JSON line.

    .venv/bin/python -m bench.registration [--delegations 200] [--concurrency 20] [--database URL]

Each delegation sends the 10 messages of a full registration; per-message latency is measured around
``Bot.handle``. Afterwards it checks there is exactly one confirmed record and one audit row per delegation.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import tempfile
import time
from datetime import datetime
from pathlib import Path

from bot.config import load_settings
from bot.messages import ConversationRef, InboundMessage, UserRef
from handlers.organiser.export import export
from service.bootstrap import create_bot, fixed_clock

ON_TIME = datetime.fromisoformat("2024-04-10T10:00:00-04:00")


def answers(index: int) -> list[str]:
    return [
        "register",
        f"Delegation {index:04d}",
        f"Head Number {index}",
        "Minister for Foreign Affairs" if index % 3 == 0 else "Permanent Representative",
        "Ana Ruiz, Legal Adviser; Li Wei, CERT lead",
        "yes",
        "all",
        "I" if index % 2 else "II",
        f"contact{index}@example.org",
        "confirm",
    ]


async def run(delegations: int, concurrency: int, url: str) -> dict[str, object]:
    settings = load_settings({}, database_url=url)
    bot = await create_bot(settings, clock=fixed_clock(ON_TIME), migrate=True)
    latencies: list[float] = []
    gate = asyncio.Semaphore(concurrency)

    async def register(index: int) -> None:
        user = UserRef("slack", f"U{index:05d}", display_name=f"User {index}")
        async with gate:
            for number, text in enumerate(answers(index)):
                msg = InboundMessage(
                    text, user, ConversationRef("slack", f"D{index}"), f"e{index}-{number}", ON_TIME
                )
                begin = time.perf_counter()
                await bot.handle(msg)
                latencies.append(time.perf_counter() - begin)

    begin = time.perf_counter()
    await asyncio.gather(*(register(i) for i in range(delegations)))
    wall = time.perf_counter() - begin
    async with bot.uow() as uow:
        export_begin = time.perf_counter()
        content, rows = await export(uow, "registrations", "csv", "bench", ON_TIME)
        export_seconds = time.perf_counter() - export_begin
        confirmations = sum(e.action == "registration.confirm" for e in await uow.audit.all())
    await bot.close()
    latencies.sort()
    return {
        "bench": "registration",
        "delegations": delegations,
        "concurrency": concurrency,
        "messages": len(latencies),
        "confirmed_records": rows,
        "confirm_audit_rows": confirmations,
        "wall_s": round(wall, 3),
        "messages_per_s": round(len(latencies) / wall, 1),
        "latency_ms_p50": round(statistics.median(latencies) * 1000, 2),
        "latency_ms_p95": round(latencies[int(len(latencies) * 0.95)] * 1000, 2),
        "latency_ms_max": round(latencies[-1] * 1000, 2),
        "export_ms": round(export_seconds * 1000, 2),
        "export_bytes": len(content),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--delegations", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--database", default="")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.database or f"sqlite+aiosqlite:///{Path(folder) / 'bench.db'}"
        print(json.dumps(asyncio.run(run(args.delegations, args.concurrency, url))))


if __name__ == "__main__":
    main()
