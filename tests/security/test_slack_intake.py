"""POST /slack/events: nothing unsigned is parsed, logged or answered with a 500; only our workspace."""

from __future__ import annotations

import json
import logging
import time

import pytest

from tests.e2e.conftest import SLACK_SIGNING_SECRET, SlackServer
from tests.e2e.fake_slack import sign

PASSPORT = "passport number X1234567"


async def _post(slack_server: SlackServer, body: bytes, headers: dict[str, str]) -> int:
    session = slack_server.send.session
    async with session.post(f"{slack_server.url}/slack/events", data=body, headers=headers) as response:
        await response.read()
        return response.status


def _unsigned(timestamp: str | None = None) -> dict[str, str]:
    return {
        "Content-Type": "application/json",
        "X-Slack-Request-Timestamp": timestamp or str(int(time.time())),
        "X-Slack-Signature": "v0=" + "0" * 64,
    }


@pytest.mark.parametrize(
    "body",
    [
        b"[1, 2, 3]",
        b'"just a string"',
        b"[" * 50_000 + b"]" * 50_000,
        b"\xff\xfe not utf-8 \xc3\x28",
        json.dumps({"type": "event_callback", "event": {"type": "message", "text": PASSPORT}}).encode(),
    ],
    ids=["array", "string", "deep", "bad-utf8", "plausible"],
)
async def test_unsigned_bodies_are_401_and_never_logged(
    slack_server: SlackServer, body: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG):
        assert await _post(slack_server, body, _unsigned()) == 401
    assert PASSPORT not in caplog.text
    assert slack_server.api.calls_to("chat.postMessage") == []


async def test_a_400_digit_timestamp_is_401_not_500(slack_server: SlackServer) -> None:
    assert await _post(slack_server, b"{}", _unsigned("9" * 400)) == 401


async def test_a_signed_body_that_is_not_slack_is_400(slack_server: SlackServer) -> None:
    body = "payload=%7Bnot json"
    headers = {"Content-Type": "application/x-www-form-urlencoded", **sign(SLACK_SIGNING_SECRET, body)}
    assert await _post(slack_server, body.encode(), headers) == 400


async def test_a_dm_from_another_workspace_is_not_answered(slack_server: SlackServer) -> None:
    await slack_server.send.direct_message("help", team_id="T0FOREIGN")
    await slack_server.send.direct_message("help")
    await slack_server.api.wait_for("chat.postMessage")
    await slack_server.settle()
    assert len(slack_server.api.calls_to("chat.postMessage")) == 1
