"""Questions about one's reminders ("when do reminders go out?") get their status and the next ones due;
a delegate asking to remind other people is told that is the organisers' to do; "remind me when …" is a
question about the event, answered as one."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.core import Bot
from handlers.outreach.reminders import next_reminders
from tests.conftest import MutableClock

NY = ZoneInfo("America/New_York")
BEFORE_THE_DEADLINES = datetime(2024, 4, 10, 10, 15, tzinfo=NY)  # registration and pitches: due 19 April


@pytest.mark.parametrize(
    ("question", "status", "next_line"),
    [
        (
            "when do reminders go out?",
            "Your reminders are on.",
            "Next reminder: 10:00\u202fam EDT, Friday, 12 April 2024",
        ),
        ("how do I stop the reminders?", "Your reminders are on.", "Next reminder:"),
        (
            "quand arrivent les rappels ?",
            "Vos rappels sont activés.",
            "Prochain rappel : 10:00 EDT, vendredi 12 avril",
        ),
        ("¿cuándo llegan los recordatorios?", "Sus recordatorios están activados.", "Próximo recordatorio:"),
        ("когда придут напоминания?", "Ваши напоминания включены.", "Следующее напоминание:"),
        ("متى تصل التذكيرات؟", "تذكيراتك مفعلة.", "التذكير التالي:"),
        ("什么时候发送提醒？", "您的提醒已开启。", "下一次提醒："),
    ],
)
async def test_a_question_about_reminders_gets_their_status_and_the_next_ones(
    say: Callable[..., Any], clock: MutableClock, question: str, status: str, next_line: str
) -> None:
    clock.moment = BEFORE_THE_DEADLINES
    answer = await say(question)
    assert answer.startswith(status)
    assert next_line in answer
    assert "remind off" in answer or "rappel off" in answer or "recordatorio off" in answer


async def test_after_the_deadlines_no_more_are_planned_and_off_says_off(
    say: Callable[..., Any], clock: MutableClock
) -> None:
    clock.moment = datetime(2024, 4, 20, 9, 0, tzinfo=NY)
    answer = await say("when is the next reminder?")
    assert "No more deadline reminders are planned" in answer
    await say("remind off")
    answer = await say("when is the next reminder?")
    assert answer.startswith("Your reminders are off.") and "No more" not in answer


def test_the_next_reminders_are_each_deadlines_soonest_at_the_persons_hour(bot: Bot) -> None:
    """10:00 in Fiji is the evening before in New York; a deadline's reminders end with its cut-off."""
    event = bot.event
    in_new_york = next_reminders(event, BEFORE_THE_DEADLINES, "America/New_York")
    assert [(d.id, at.astimezone(NY).isoformat()) for d, at in in_new_york] == [
        ("registration", "2024-04-12T10:00:00-04:00"),
        ("expression-of-interest", "2024-04-12T10:00:00-04:00"),
    ]
    in_fiji = next_reminders(event, BEFORE_THE_DEADLINES, "Pacific/Fiji")
    assert in_fiji[0][1].astimezone(NY).isoformat() == "2024-04-11T18:00:00-04:00"
    assert next_reminders(event, datetime(2024, 4, 17, 11, 0, tzinfo=NY), None)[0][1].day == 18
    assert next_reminders(event, datetime(2024, 4, 18, 11, 0, tzinfo=NY), None) == []  # the last was at 10
    assert next_reminders(event, datetime(2024, 4, 20, 0, 0, tzinfo=NY), None) == []


@pytest.mark.parametrize(
    "line",
    [
        "remind delegations that the reception is tonight",
        "send a reminder to delegations that havent registered yet",
    ],
)
async def test_a_delegate_asking_to_remind_others_is_told_it_is_for_organisers(
    say: Callable[..., Any], line: str
) -> None:
    answer = await say(line)
    assert answer.startswith("Sending reminders or notices to others is for the organisers.")
    assert "Your reminders are on." in answer and "did not understand" not in answer


async def test_an_organiser_asking_the_same_starts_a_broadcast(say: Callable[..., Any]) -> None:
    answer = await say("remind delegations that the reception is tonight", user="organiser")
    assert "New broadcast: who should receive it?" in answer


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("remind me when the reception starts", "Welcome Reception: 6:30\u202fpm EDT, Thursday, 9 May 2024"),
        ("remind me of the registration deadline", "by 19 April 2024"),
        ("remind us about the breakfast", "Ministerial Breakfast Meeting: 8:00"),
    ],
)
async def test_remind_me_with_a_question_is_answered_as_a_question(
    say: Callable[..., Any], line: str, expected: str
) -> None:
    answer = await say(line)
    assert expected in answer and "reminder setting" not in answer


async def test_remind_me_alone_is_the_status_and_a_real_mistake_is_still_named(
    say: Callable[..., Any],
) -> None:
    assert (await say("remind me")).startswith("Your reminders are on.")
    assert (await say("remind sideways")).startswith("Sorry, I did not understand that reminder setting.")
