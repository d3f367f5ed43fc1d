"""Plan, publish, re-plan (only those whose meetings moved are told), the reminder and "did it happen?"
question from the published plan (rebuilt after a restart: a new scheduler plans them from the database),
and the answers in six languages."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from bot.i18n import translate
from bot.messages import Action
from service.bootstrap import Bot
from service.scheduler import Scheduler
from storage.meetings import PUBLISHED
from tests.conftest import MutableClock
from tests.notifiers import RecordingNotifier

PEOPLE = {
    "alice": "need Technical: incident response team",
    "bob": "offer Technical: incident response drills",
    "carol": "need Technical: forensics lab",
    "dave": "offer Technical: forensics training",
}


async def _setup(say: object) -> None:
    for user, text in PEOPLE.items():
        await say(text, user=user)  # type: ignore[operator]
        for _ in range(4):  # the profile questions: languages, region, organisation, contact
            await say("skip", user=user)  # type: ignore[operator]
    assert "must meet" in translate("en", "meetings.button.must", name="").lower()
    await say("must meet Bob", user="alice")  # type: ignore[operator]
    await say("would like to meet Dave", user="carol")  # type: ignore[operator]


async def _publish(bot: Bot, say: object, recorder: RecordingNotifier, clock: MutableClock) -> set[str]:
    summary = await say("meetings plan", user="organiser")  # type: ignore[operator]
    assert "2 meetings" in summary
    recorder.sent.clear()
    await say("meetings publish", user="organiser")  # type: ignore[operator]
    await Scheduler.for_bot(bot).run_once()
    return {n.recipient.user_id for n in recorder.sent}


async def test_publish_tells_everyone_then_a_replan_tells_only_those_whose_meetings_moved(
    bot: Bot, say: object, recorder: RecordingNotifier, clock: MutableClock
) -> None:
    await _setup(say)
    assert await _publish(bot, say, recorder, clock) == set(PEOPLE)
    mine = await say("my meetings", user="alice")  # type: ignore[operator]
    assert "Bob" in mine and "table" in mine
    await say("no thanks Dave", user="carol")  # type: ignore[operator]
    await say("meetings plan", user="organiser")  # type: ignore[operator]
    recorder.sent.clear()
    await say("meetings publish", user="organiser")  # type: ignore[operator]
    await Scheduler.for_bot(bot).run_once()
    assert {n.recipient.user_id for n in recorder.sent} == {"carol", "dave"}


async def test_someone_else_cannot_plan(say: object) -> None:
    assert "organisers" in await say("meetings plan", user="mallory")  # type: ignore[operator]


@pytest.mark.parametrize("lang", ["ar", "en", "es", "fr", "ru", "zh"])
async def test_reminder_then_did_it_happen_in_each_language(
    bot: Bot, say: object, recorder: RecordingNotifier, clock: MutableClock, lang: str
) -> None:
    await _setup(say)
    await say(f"language {lang}", user="alice")  # type: ignore[operator]
    await _publish(bot, say, recorder, clock)
    async with bot.uow() as uow:
        (meeting,) = [
            m for m in await uow.meetings.meetings(bot.event.id, PUBLISHED) if "alice" in m.requester_key
        ]
        meeting_id, starts, ends = meeting.id, meeting.starts_at, meeting.ends_at
    recorder.sent.clear()
    clock.moment = starts - timedelta(minutes=4)
    await Scheduler.for_bot(bot).run_once()  # a fresh scheduler: everything is rebuilt from the database
    reminder = next(n for n in recorder.sent if n.recipient.user_id == "alice")
    assert reminder.reply.text.startswith(
        translate(lang, "meetings.reminder", who="Bob", table="", time="")[:5]
    )
    recorder.sent.clear()
    clock.moment = ends + timedelta(minutes=1)
    await Scheduler.for_bot(bot).run_once()
    question = next(n for n in recorder.sent if n.recipient.user_id == "alice")
    assert question.reply.card is not None and len(question.reply.card.buttons) == 3
    answer = await say(action=Action("meeting.happened", f"{meeting_id}:met"), user="alice")  # type: ignore[operator]
    assert answer == translate(lang, "meetings.answer.met")
    follow = await say(action=Action("meeting.follow", f"{meeting_id}:proposal"), user="alice")  # type: ignore[operator]
    assert follow == translate(lang, "meetings.answer.proposal")
    recorder.sent.clear()
    await Scheduler.for_bot(bot).run_once()
    assert all(n.recipient.user_id != "alice" for n in recorder.sent)  # answered: not asked again


async def test_follow_up_check_in_goes_only_to_those_who_have_not_updated(
    bot: Bot, say: object, recorder: RecordingNotifier, clock: MutableClock
) -> None:
    await _setup(say)
    await _publish(bot, say, recorder, clock)
    async with bot.uow() as uow:
        meetings = await uow.meetings.meetings(bot.event.id, PUBLISHED)
        alice_meeting = next(m.id for m in meetings if "alice" in m.requester_key)
    clock.moment = bot.event.last_end + timedelta(days=1)
    await say(action=Action("meeting.follow", f"{alice_meeting}:agreed"), user="alice")  # type: ignore[operator]
    recorder.sent.clear()
    clock.moment = bot.event.last_end + timedelta(days=31)
    await Scheduler.for_bot(bot).run_once()
    told = {n.recipient.user_id for n in recorder.sent if "meeting.follow" in str(n.reply.card)}
    assert "alice" not in told and {"bob", "carol", "dave"} <= told
    assert isinstance(clock.moment, datetime)
