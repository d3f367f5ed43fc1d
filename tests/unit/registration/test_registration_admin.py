"""Organisers decide join requests; the requester is told; nobody else may decide."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest

from bot.messages import Action
from service.bootstrap import Bot
from tests.conftest import MutableClock, message
from tests.notifiers import RecordingNotifier
from tests.unit.registration.test_registration import ON_TIME, audit, register

Say = Callable[..., Awaitable[str]]


@pytest.fixture(autouse=True)
def before_deadline(clock: MutableClock) -> None:
    clock.moment = ON_TIME


async def claim(bot: Bot, say: Say) -> None:
    await register(say)
    await bot.handle(message("register", user="U9", platform="slack"))
    await bot.handle(message("France", user="U9", platform="slack"))


async def delegation_of(bot: Bot, platform: str, user: str) -> int | None:
    async with bot.uow() as uow:
        member = await uow.members.get(platform, user)
        return member.delegation_id if member else None


async def test_organiser_approves_and_the_requester_becomes_a_member(
    bot: Bot, say: Say, recorder: RecordingNotifier
) -> None:
    await claim(bot, say)
    listing = await say("join requests", user="organiser")
    assert '#1: U9 (slack:U9) named "France"' in listing
    [decided] = await bot.handle(message(user="organiser", action=Action("registration.approve", "1")))
    assert "approved" in decided.text
    assert await delegation_of(bot, "slack", "U9") == await delegation_of(bot, "console", "alice")
    [notice] = [n for n in recorder.sent if n.recipient.key == "slack:U9"]
    assert "now a member of France" in notice.reply.text
    told = [n.reply.text for n in recorder.sent if n.recipient.key == "console:alice"]
    assert told == [
        "U9 asked to join France (as “France”). The organisers decide; if U9 is your colleague, you can give"
        " them the join code (type my registration to see it).",
        "U9 joined France: the organisers approved the request.",
    ]
    last = (await audit(bot))[-1]
    assert (last.actor, last.action, last.after) == (
        "console:organiser",
        "delegation.join_approved",
        {"status": "approved", "user": "slack:U9", "name": "U9"},
    )
    assert "no pending join request #1" in await say("approve join 1", user="organiser")


async def test_organiser_rejects_and_nothing_changes(bot: Bot, say: Say, recorder: RecordingNotifier) -> None:
    await claim(bot, say)
    assert "rejected" in await say("reject join 1", user="organiser")
    assert await delegation_of(bot, "slack", "U9") is None
    [notice] = [n for n in recorder.sent if n.recipient.key == "slack:U9"]
    assert "did not approve" in notice.reply.text
    assert "no pending join requests" in await say("join requests", user="organiser")


@pytest.mark.parametrize("text", ["join requests", "approve join 1", "reject join 1"])
async def test_only_organisers_decide(bot: Bot, say: Say, text: str) -> None:
    await claim(bot, say)
    assert "only the event organisers" in await say(text, user="bob")
    assert await delegation_of(bot, "slack", "U9") is None
    assert (await audit(bot))[-1].action == "delegation.join_refused"


async def test_a_bad_request_number_is_explained(say: Say) -> None:
    assert "approve join N" in await say("approve join", user="organiser")
    assert "no pending join request #99" in await say("approve join 99", user="organiser")
