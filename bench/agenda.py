"""Personal agendas and a change notice at scale on a SQLite file; prints one JSON line.

    .venv/bin/python -m bench.agenda [--delegations 500] [--members 2] [--requests 300] [--database URL]

Seeds registered delegations (half at the reception, groups I and II alternating, some presenting) with
members who follow a session each, then measures: `agenda` and `agenda ics` latency through ``Bot.handle``,
and a reload that moves the reception — diff, campaign, fan-out to every attending member and the sends to a
recording notifier — checking each concerned member got exactly one notice and nobody else any.
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
from bot.event import BUNDLED_EVENT
from bot.messages import ConversationRef, InboundMessage, UserRef
from bot.notify import PlatformNotifier
from service.bootstrap import Bot, create_bot, fixed_clock
from service.reload import apply, reload_into
from service.scheduler import Scheduler
from storage.models import Delegation, Registration
from tests.notifiers import RecordingNotifier

EVENT_DAY = datetime.fromisoformat("2024-05-09T12:00:00-04:00")


async def seed(bot: Bot, delegations: int, members: int) -> set[str]:
    """Returns the keys of the members whose delegation attends the reception."""
    now, at_reception = bot.clock(), set()
    async with bot.uow() as uow:
        for index in range(delegations):
            delegation = Delegation(
                name=f"D{index}", name_key=f"d{index}", join_code=f"C{index}", created_at=now
            )
            uow.session.add(delegation)
            await uow.session.flush()
            uow.registrations.add(_registration(delegation.id, index, now))
            for number in range(members):
                row = await uow.members.upsert_seen("slack", f"U{index}-{number}", "", now)
                row.delegation_id = delegation.id
                await uow.agenda.follow(bot.event.id, "signature-panel", row.key, now)
                if index % 2 == 0:
                    at_reception.add(row.key)
        await uow.commit()
    return at_reception


def _registration(delegation_id: int, index: int, now: datetime) -> Registration:
    return Registration(
        delegation_id=delegation_id,
        status="confirmed",
        hod_name="H.E.",
        hod_designation="Minister",
        hod_is_minister=True,
        experts=[],
        reception_hod=index % 2 == 0,
        reception_experts=[],
        breakout_group="I" if index % 2 else "II",
        contact_email="x@example.org",
        late=False,
        registered_by="slack:x",
        confirmed_at=now,
        updated_at=now,
    )


async def latencies(bot: Bot, text: str, requests: int, delegations: int) -> list[float]:
    found = []
    for index in range(requests):
        user = UserRef("slack", f"U{index % delegations}-0")
        msg = InboundMessage(text, user, ConversationRef("slack", "D"), f"{text}-{index}", EVENT_DAY)
        begin = time.perf_counter()
        await bot.handle(msg)
        found.append(time.perf_counter() - begin)
    return found


def summary(values: list[float]) -> dict[str, float]:
    cuts = statistics.quantiles(values, n=100)
    return {"p50_ms": round(cuts[49] * 1000, 2), "p95_ms": round(cuts[94] * 1000, 2)}


async def run(delegations: int, members: int, requests: int, url: str, folder: Path) -> dict[str, object]:
    recorder = RecordingNotifier()
    notifier = PlatformNotifier({"slack": recorder})
    settings = load_settings({}, database_url=url)
    bot = await create_bot(settings, notifier=notifier, clock=fixed_clock(EVENT_DAY), migrate=True)
    try:
        at_reception = await seed(bot, delegations, members)
        await apply(bot.uow, bot.event, bot.event, bot.clock)  # the programme as first served
        agenda = await latencies(bot, "agenda", requests, delegations)
        ics = await latencies(bot, "agenda ics", requests, delegations)
        moved = folder / "event.yaml"
        text = BUNDLED_EVENT.read_text(encoding="utf-8")
        moved.write_text(text.replace("start: 2024-05-09T18:30:00", "start: 2024-05-09T19:00:00"), "utf-8")
        bot.settings = bot.settings.model_copy(update={"event_path": moved})
        begin = time.perf_counter()
        await reload_into(bot)
        await Scheduler.for_bot(bot).run_once()
        notice_seconds = time.perf_counter() - begin
        told = [n.recipient.key for n in recorder.sent]
    finally:
        await bot.close()
    return {
        "bench": "agenda",
        "delegations": delegations,
        "members": delegations * members,
        "agenda": summary(agenda),
        "agenda_ics": summary(ics),
        "change_notice_recipients": len(told),
        "change_notice_seconds": round(notice_seconds, 3),
        "notices_per_second": round(len(told) / notice_seconds, 1),
        "exactly_the_attendees_once": sorted(told) == sorted(at_reception),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--delegations", type=int, default=500)
    parser.add_argument("--members", type=int, default=2)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--database", default="")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.database or f"sqlite+aiosqlite:///{Path(folder) / 'bench.db'}"
        result = asyncio.run(run(args.delegations, args.members, args.requests, url, Path(folder)))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
