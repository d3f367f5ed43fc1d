"""A burst of concurrent claims at the last free pitch slot on a SQLite file; prints one JSON line.

    .venv/bin/python bench/pitch_claims.py [--claimants N] [--rounds R] [--database-url URL]

Each round: a fresh database with every slot but the last one booked, then N providers send
`pitch <last>` at once through the full bot (router, dialogs, units of work). Reports the wall time
of the burst (median and max over rounds), claims per second, and checks the outcome (one confirmed,
N-1 waitlisted at dense positions).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.config import load_settings
from bot.event import load_event
from bot.notify import PlatformNotifier
from service.bootstrap import Bot, create_bot, fixed_clock
from tests.conftest import message
from tests.notifiers import RecordingNotifier

BEFORE_DEADLINE = datetime.fromisoformat("2024-04-10T10:00:00-04:00")


async def _prepare(bot: Bot, claimants: int) -> None:
    async with bot.uow() as uow:
        await uow.pitches.ensure_event(bot.event.id, bot.event.pitch_slot_times(), BEFORE_DEADLINE)
        for slot in (await uow.pitches.slots(bot.event.id))[:-1]:
            holder = await uow.pitches.name_provider(
                f"console:h{slot.number}", f"H{slot.number}", BEFORE_DEADLINE
            )
            await uow.pitches.add_confirmed(
                bot.event.id, holder.id, slot.id, f"console:h{slot.number}", "en", BEFORE_DEADLINE
            )
        for index in range(claimants):
            await uow.members.upsert_seen("console", f"c{index}", f"c{index}", BEFORE_DEADLINE)
            await uow.pitches.name_provider(f"console:c{index}", f"Claimant {index}", BEFORE_DEADLINE)
        await uow.commit()


async def one_round(url: str, claimants: int) -> tuple[float, bool]:
    settings = load_settings({}, database_url=url)
    notifier = PlatformNotifier({"console": RecordingNotifier()})
    bot = await create_bot(
        settings, event=load_event(), notifier=notifier, clock=fixed_clock(BEFORE_DEADLINE), migrate=True
    )
    try:
        await _prepare(bot, claimants)
        last = bot.event.matchmaking.slots.count
        started = time.perf_counter()
        await asyncio.gather(*(bot.handle(message(f"pitch {last}", f"c{i}")) for i in range(claimants)))
        elapsed = time.perf_counter() - started
        async with bot.uow() as uow:
            line = [b.position for b in await uow.pitches.waitlist(bot.event.id)]
            slot = await uow.pitches.slot(bot.event.id, last)
            confirmed = slot is not None and await uow.pitches.confirmed_in(slot.id) is not None
        return elapsed, confirmed and line == list(range(1, claimants))
    finally:
        await bot.close()


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--claimants", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    times, correct = [], True
    for _ in range(args.rounds):
        with tempfile.TemporaryDirectory() as directory:
            url = args.database_url or f"sqlite+aiosqlite:///{Path(directory) / 'bench.db'}"
            elapsed, ok = await one_round(url, args.claimants)
        times.append(elapsed)
        correct = correct and ok
    print(
        json.dumps(
            {
                "bench": "pitch_claims",
                "database": "sqlite-file" if not args.database_url else args.database_url.split(":", 1)[0],
                "claimants": args.claimants,
                "rounds": args.rounds,
                "burst_seconds_median": round(statistics.median(times), 3),
                "burst_seconds_max": round(max(times), 3),
                "claims_per_second": round(args.claimants / statistics.median(times), 1),
                "outcome_correct": correct,
            }
        )
    )


if __name__ == "__main__":
    asyncio.run(main())
