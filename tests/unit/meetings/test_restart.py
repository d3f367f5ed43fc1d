"""After a restart — a fresh Bot and scheduler on the same database file — the meeting reminders and the
"did it happen?" questions of the published plan are planned again from the database, each sent once."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from bot.config import load_settings
from bot.event import Event
from bot.notify import PlatformNotifier
from service.bootstrap import Bot, create_bot
from service.scheduler import Scheduler
from storage.meetings import PUBLISHED
from tests.conftest import EVENT_DAY_MORNING, MutableClock, message
from tests.notifiers import RecordingNotifier


async def _start(path: Path, event: Event, clock: MutableClock, recorder: RecordingNotifier) -> Bot:
    settings = load_settings({}, database_url=f"sqlite+aiosqlite:///{path}", organisers="console:organiser")
    notifier = PlatformNotifier({"console": recorder})
    return await create_bot(settings, event=event, notifier=notifier, clock=clock, migrate=True)


async def _say(bot: Bot, text: str, user: str) -> str:
    replies = await bot.handle(message(text, user))
    return "\n".join(r.plain_text() for r in replies)


async def test_a_fresh_bot_on_the_same_database_rebuilds_the_meeting_jobs(
    tmp_path: Path, event: Event
) -> None:
    clock, recorder = MutableClock(EVENT_DAY_MORNING - timedelta(days=2)), RecordingNotifier()
    first = await _start(tmp_path / "bot.db", event, clock, recorder)
    for user, text in (("alice", "need Technical: incident response"), ("bob", "offer Technical: drills")):
        await _say(first, text, user)
        for _ in range(4):  # the profile questions: languages, region, organisation, contact
            await _say(first, "skip", user)
    await _say(first, "must meet Bob", "alice")
    await _say(first, "meetings plan", "organiser")
    await _say(first, "meetings publish", "organiser")
    await Scheduler.for_bot(first).run_once()
    assert {n.recipient.user_id for n in recorder.sent} == {"alice", "bob"}
    async with first.uow() as uow:
        (meeting,) = await uow.meetings.meetings(event.id, PUBLISHED)
        starts, ends = meeting.starts_at, meeting.ends_at
    await first.close()

    recorder.sent.clear()
    second = await _start(tmp_path / "bot.db", event, clock, recorder)
    try:
        scheduler = Scheduler.for_bot(second)
        assert await scheduler.next_wake() == starts - timedelta(minutes=5)  # the reminder's job, rebuilt
        clock.moment = starts - timedelta(minutes=5)
        await scheduler.run_once()
        assert sorted(n.recipient.user_id for n in recorder.sent) == ["alice", "bob"]
        assert "table" in recorder.sent[0].reply.text
        assert await scheduler.next_wake() == ends  # then the question's
        clock.moment = ends
        await scheduler.run_once()
        await Scheduler.for_bot(second).run_once()  # a second instance plans nothing twice
        questions = [n for n in recorder.sent if n.reply.card and n.reply.card.buttons]
        assert sorted(n.recipient.user_id for n in questions) == ["alice", "bob"]
    finally:
        await second.close()
