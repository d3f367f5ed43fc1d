"""Recorded Slack payloads → neutral messages: one parametrized test over tests/contract/fixtures/slack/."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from adapters.slack import parse
from bot.messages import InboundMessage

FIXTURES = sorted((Path(__file__).parent / "fixtures" / "slack").glob("payload_*.json"))
RECEIVED = datetime.fromisoformat("2024-05-10T10:15:00-04:00")


def _summary(msg: InboundMessage | None) -> dict[str, Any] | None:
    if msg is None:
        return None
    return {
        "text": msg.text,
        "user_id": msg.user.user_id,
        "conversation_id": msg.conversation.conversation_id,
        "thread_id": msg.conversation.thread_id,
        "tenant_id": msg.conversation.tenant_id,
        "event_id": msg.event_id,
        "action": None if msg.action is None else {**asdict(msg.action), "inputs": dict(msg.action.inputs)},
    }


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem.removeprefix("payload_"))
def test_recorded_payload_parses_to_the_expected_message(path: Path) -> None:
    recorded = json.loads(path.read_text(encoding="utf-8"))
    payload, expected = recorded["payload"], recorded["expected"]
    home = parse.home_opened(payload)
    msg = parse.inbound(payload, RECEIVED)
    if expected is not None and "home" in expected:
        assert home == parse.HomeOpened(**expected["home"])
        assert msg is None
        return
    assert home is None
    assert _summary(msg) == expected
    if msg is not None:
        assert msg.user.platform == "slack"
        assert msg.received_at == RECEIVED


def test_there_is_a_fixture_for_every_payload_kind_we_answer() -> None:
    names = {p.stem.removeprefix("payload_") for p in FIXTURES}
    assert {"message_im", "app_mention", "slash_command", "block_actions", "view_submission"} <= names
    assert {"app_home_opened", "message_from_bot", "message_own_bot_id"} <= names


@pytest.mark.parametrize(
    ("wire", "typed"),
    [
        ("<@UBOT> hello", "hello"),
        ("<@UBOT>   <@UBOT> hi", "hi"),
        ("ask <@U123|maria> about it", "ask @maria about it"),
        ("see <#C123|general>", "see #general"),
        ("<!here> reception?", "@here reception?"),
        ("<mailto:a@b.org|a@b.org>", "a@b.org"),
        ("<https://un.org>", "https://un.org"),
        ("1 &lt; 2 &amp;&amp; 3 &gt; 2", "1 < 2 && 3 > 2"),
        ("&amp;lt;", "&lt;"),
    ],
)
def test_plain_text_undoes_slack_formatting(wire: str, typed: str) -> None:
    assert parse.plain_text(wire) == typed


@pytest.mark.parametrize(
    "payload", [{}, {"type": "event_callback"}, {"type": "block_actions", "actions": []}, {"x": 1}]
)
def test_unknown_or_truncated_payloads_parse_to_none(payload: dict[str, Any]) -> None:
    assert parse.inbound(payload, RECEIVED) is None
    assert parse.home_opened(payload) is None
