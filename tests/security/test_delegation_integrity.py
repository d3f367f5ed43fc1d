"""Delegation integrity: members are told of every join and change (who, what), the join code can be
replaced, and wrong codes are throttled and audited — so a leaked code cannot quietly take a delegation."""

from __future__ import annotations

import pytest

from service.bootstrap import Bot
from tests.conftest import MutableClock
from tests.notifiers import RecordingNotifier
from tests.unit.registration.test_registration import ON_TIME, Say, audit, records, register


@pytest.fixture(autouse=True)
def before_deadline(clock: MutableClock) -> None:
    clock.moment = ON_TIME


async def _code(bot: Bot) -> str:
    [record] = await records(bot)
    return str(record["code"])


def _told(recorder: RecordingNotifier, user: str) -> list[str]:
    return [n.reply.text for n in recorder.sent if n.recipient.key == f"console:{user}"]


async def test_the_registrant_is_told_when_someone_joins_and_changes_something(
    bot: Bot, say: Say, recorder: RecordingNotifier
) -> None:
    await register(say)
    await say(f"join {await _code(bot)}", user="bob")
    await say("change e-mail", user="bob")
    await say("attacker@evil.example", user="bob")
    told = _told(recorder, "alice")
    assert any("has joined the France delegation" in text and "new join code" in text for text in told)
    assert any("changed the registration of France" in text and "e-mail" in text for text in told)
    assert _told(recorder, "bob") == []  # not told of their own doings


async def test_a_new_join_code_retires_the_old_one(bot: Bot, say: Say, recorder: RecordingNotifier) -> None:
    await register(say)
    old = await _code(bot)
    await say(f"join {old}", user="bob")
    reply = await say("new join code")
    new = await _code(bot)
    assert new != old and f"{new[:4]}-{new[4:]}" in reply
    assert "No delegation has this code" in await say(f"join {old}", user="mallory")
    assert any("replaced the join code of France" in text for text in _told(recorder, "bob"))
    assert [e.action for e in await audit(bot)].count("delegation.code_rotated") == 1


async def test_wrong_codes_are_throttled_and_audited(bot: Bot, say: Say) -> None:
    await register(say)
    for guess in ("AAAA-AAAA", "BBBB-BBBB", "CCCC-CCCC", "DDDD-DDDD", "EEEE-EEEE"):
        await say(f"join {guess}", user="mallory")
    refused = await say(f"join {await _code(bot)}", user="mallory")  # even the right code, for now
    assert "too many wrong codes" in refused
    actions = [e.action for e in await audit(bot) if e.actor == "console:mallory"]
    assert actions.count("delegation.join_failed") == 5 and "delegation.join_throttled" in actions
    assert "delegation.join" not in actions


async def test_the_throttle_lifts_after_a_while(bot: Bot, say: Say, clock: MutableClock) -> None:
    await register(say)
    for _ in range(5):
        await say("join ZZZZ-ZZZZ", user="bob")
    clock.moment = ON_TIME.replace(hour=ON_TIME.hour + 1)
    assert "now a member of France" in await say(f"join {await _code(bot)}", user="bob")


async def test_only_organisers_replace_another_delegations_code(bot: Bot, say: Say) -> None:
    await register(say)
    old = await _code(bot)
    assert "only the event organisers" in (await say("new join code France", user="mallory")).lower()
    assert await _code(bot) == old
    assert "New join code for France" in await say("new join code France", user="organiser")
    assert await _code(bot) != old
