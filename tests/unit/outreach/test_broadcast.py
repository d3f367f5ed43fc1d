"""`broadcast` for organisers: audience → text → preview → confirm → sent once to each; status counts;
scheduling; refusals with an audit row."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest

from bot.i18n import translate
from bot.messages import Action
from bot.text import normalise_command
from handlers.outreach.broadcast import parse_campaign_id
from service.bootstrap import Bot
from service.scheduler import Scheduler
from tests.conftest import MutableClock
from tests.notifiers import RecordingNotifier

Say = Callable[..., object]
ORGANISER = "organiser"


async def ask(say: Say, text: str = "", user: str = ORGANISER, action: Action | None = None) -> str:
    return str(await say(text, user=user, action=action))  # type: ignore[misc]


async def members(say: Say, *users: str) -> None:
    for user in users:
        await ask(say, "help", user=user)


async def test_non_organiser_is_refused_politely_with_an_audit_row(bot: Bot, say: Say) -> None:
    reply = await ask(say, "broadcast everyone: hello", user="mallory")
    assert "only the event organisers" in reply.lower() or "organisers" in reply
    async with bot.uow() as uow:
        actions = [(e.actor, e.action) for e in await uow.audit.all()]
        campaigns = await uow.outbox.recent_campaigns("broadcast")
    assert ("console:mallory", "broadcast.refused") in actions
    assert campaigns == []


async def test_button_flow_previews_then_sends_once_to_everyone(
    bot: Bot, say: Say, recorder: RecordingNotifier
) -> None:
    await members(say, "alice", "bob")
    assert "Everyone" in await ask(say, "broadcast")
    assert "Type the message" in await ask(say, action=Action("broadcast.audience", "everyone"))
    preview = await ask(say, "The reception starts at 18:30.")
    assert "Recipients now: 2" in preview and "Nothing is sent" in preview  # the organiser is left out
    assert recorder.sent == []  # nothing before the confirm step
    queued = await ask(say, action=Action("broadcast.send"))
    assert "#1" in queued
    await Scheduler.for_bot(bot).run_once()
    await Scheduler.for_bot(bot).run_once()
    assert sorted(n.recipient.key for n in recorder.sent) == ["console:alice", "console:bob"]
    assert all("The reception starts at 18:30." in n.reply.text for n in recorder.sent)
    status = await ask(say, "broadcast status 1")
    assert "done: 2 sent, 0 pending, 0 failed, 0 unreachable" in status


async def test_one_line_broadcast_scheduled_for_later(
    bot: Bot, say: Say, clock: MutableClock, recorder: RecordingNotifier
) -> None:
    await members(say, "alice")
    # the organiser is left out of their own audience
    assert "Recipients now: 1" in await ask(say, "broadcast everyone: Doors open at 9:30")
    assert "When should it go out" in await ask(say, action=Action("broadcast.schedule"))
    assert "future time" in await ask(say, "yesterday")
    preview = await ask(say, "11:00")
    assert "11:00" in preview
    await ask(say, "send")
    await Scheduler.for_bot(bot).run_once()
    assert recorder.sent == []
    assert "scheduled" in await ask(say, "broadcast status")
    clock.moment += timedelta(hours=1)
    await Scheduler.for_bot(bot).run_once()
    assert [n.recipient.key for n in recorder.sent] == ["console:alice"]


async def test_bad_input_gets_clear_answers(bot: Bot, say: Say) -> None:
    assert "do not know the audience" in await ask(say, "broadcast martians: hi")
    await ask(say, "broadcast registered")
    assert "limit is 3000" in await ask(say, "x" * 3500)
    assert "Recipients now: 0" in await ask(say, "'; DROP TABLE member; -- 🎉")
    assert "discarded" in await ask(say, "cancel")
    assert "no broadcast #99" in await ask(say, "broadcast status 99")
    assert "cannot be cancelled" in await ask(say, "broadcast cancel 99")


async def test_a_scheduled_broadcast_can_be_cancelled(
    bot: Bot, say: Say, recorder: RecordingNotifier, clock: MutableClock
) -> None:
    await ask(say, "broadcast everyone: later")
    await ask(say, action=Action("broadcast.schedule"))
    await ask(say, "2024-05-10 12:00")
    await ask(say, action=Action("broadcast.send"))
    assert "is cancelled" in await ask(say, "broadcast cancel 1")
    clock.moment += timedelta(hours=3)
    await Scheduler.for_bot(bot).run_once()
    assert recorder.sent == []


async def test_replies_follow_the_organisers_language(bot: Bot, say: Say) -> None:
    await ask(say, "language fr")
    assert "Nouvelle diffusion" in await ask(say, "broadcast")


# The broadcast number as the bot itself writes it in each language's status line.
SHOWN = [("en", "#12"), ("fr", "n° 12"), ("es", "n.º 12"), ("ru", "№ 12"), ("ar", "رقم 12"), ("zh", "第12号")]


@pytest.mark.parametrize(("lang", "shown"), SHOWN)
def test_every_number_the_bot_shows_parses_back(lang: str, shown: str) -> None:
    counts = dict.fromkeys(("sent", "pending", "failed", "unreachable", "skipped"), 0)
    assert shown in translate(lang, "broadcast.status", id=12, audience="", state="", **counts)
    assert parse_campaign_id(normalise_command(shown)) == parse_campaign_id(shown) == 12


@pytest.mark.parametrize("text", ["", "#", "abc", "12 13", "-1", "0", "1e3", "9" * 30, str(2**31)])
def test_anything_else_is_no_number(text: str) -> None:
    assert parse_campaign_id(text) is None


async def test_status_and_cancel_take_the_number_as_shown(bot: Bot, say: Say) -> None:
    await ask(say, "broadcast everyone: later")
    await ask(say, action=Action("broadcast.schedule"))
    await ask(say, "2024-05-10 12:00")
    assert "Broadcast #1 is queued" in await ask(say, action=Action("broadcast.send"))
    assert "Broadcast #1 to Everyone, scheduled" in await ask(say, "broadcast status #1")
    assert "Broadcast #1 is cancelled" in await ask(say, "broadcast cancel #1")
    await ask(say, "language fr")
    assert "Diffusion n° 1" in await ask(say, "broadcast statut n° 1")


@pytest.mark.parametrize("number", ["#12345678901234567890", "99999999999", "#abc", "²"])
async def test_a_bad_or_huge_number_gets_a_polite_answer(say: Say, number: str) -> None:
    status = await ask(say, f"broadcast status {number}")
    assert "There is no broadcast" in status and "Sorry" not in status
    cancel = await ask(say, f"broadcast cancel {number}")
    assert "broadcast cancel ID" in cancel or "cannot be cancelled" in cancel
