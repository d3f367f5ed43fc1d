"""Bad input to the new matchmaking commands: a polite answer, never a traceback, nothing odd stored."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest

from handlers.matchmaking.sense import not_a_need
from service.bootstrap import Bot

Say = Callable[..., Awaitable[str]]
HOSTILE = ["x" * 5000, "🎉🎉🎉", "'; DROP TABLE match_profile; --", "\x00\x1b[31m", ""]


@pytest.mark.parametrize("command", ["who is", "my contact", "my organisation", "region", "my meetings"])
@pytest.mark.parametrize("hostile", HOSTILE, ids=range(len(HOSTILE)))
async def test_hostile_profile_input_is_answered_politely(
    say: Say, bot: Bot, command: str, hostile: str
) -> None:
    reply = await say(f"{command} {hostile}", user="h")
    assert reply.strip() and "went wrong" not in reply and "Traceback" not in reply
    async with bot.uow() as uow:
        profile = await uow.matchmaking.profile("console:h")
        stored = (profile.organisation, profile.region, profile.contact_email) if profile else ("", "", "")
    assert len(stored[0]) <= 200 and len(stored[1]) <= 100 and stored[2] == ""


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("to fix a name - Jone Vatu", "match.not_a_need.change"),
        ("name correction", "match.not_a_need.change"),
        ("исправить имя эксперта", "match.not_a_need.change"),
        ("تصحيح اسم الخبير", "match.not_a_need.change"),
        ("修改名字", "match.not_a_need.change"),
        ("corriger le nom de la délégation", "match.not_a_need.change"),
        ("to register our delegation", "match.not_a_need.register"),
        ("someone to mentor our analysts", None),
        ("help with climate change adaptation of networks", None),
        ("a national cyber strategy", None),
    ],
)
def test_only_clear_corrections_are_refused_as_needs(text: str, hint: str | None) -> None:
    assert not_a_need(text) == hint
