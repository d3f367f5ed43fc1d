"""The dialog stage itself: a person talks, the clock moves, stored state is readable."""

from __future__ import annotations

from tests.dialogs.conftest import Talk


async def test_a_delegate_asks_what_is_on_and_the_clock_is_the_message_time(talk: Talk) -> None:
    talk.at("2024-05-10 10:15")
    delegate = talk.person("amina", platform="slack", locale="en-US")
    assert "Opening" in await delegate.says("what's on now?")
    assert await talk.delegations() == []
