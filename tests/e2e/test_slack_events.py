"""Slack end to end: signed requests into the real server on 127.0.0.1, answers read off the fake Web API."""

from __future__ import annotations

import asyncio
import json
import logging
import time

import aiohttp
import pytest
from slack_bolt.request.async_request import AsyncBoltRequest
from sqlalchemy import func, select

from bot.config import load_settings
from bot.event import Event, load_event
from service.bootstrap import create_bot
from service.server import build_app
from storage.models import ProcessedEvent
from tests.e2e.conftest import SlackServer
from tests.e2e.fake_connector import serve
from tests.e2e.fake_slack import BOT_USER_ID, form, sign

CONTACT = load_event().contact.email  # help text names it; stable whatever the FAQ says


async def _count(server: SlackServer, table: type) -> int:
    async with server.bot.uow() as uow:
        return int((await uow.session.execute(select(func.count()).select_from(table))).scalar_one())


async def test_direct_message_gets_one_reply_in_the_dm(slack_server: SlackServer) -> None:
    status, _ = await slack_server.send.direct_message("help", user="U100")
    assert status == 200
    [post] = await slack_server.api.wait_for("chat.postMessage")
    assert post.params["channel"] == "DU100"
    assert CONTACT in post.params["text"]
    assert post.headers["Authorization"] == "Bearer xoxb-e2e"
    async with slack_server.bot.uow() as uow:
        reference = await uow.conversations.get("slack:U100")
        assert reference is not None
        assert reference.conversation_id == "DU100"


async def test_the_faq_answers_the_question_asked(slack_server: SlackServer) -> None:
    await slack_server.send.direct_message("when is the welcome reception?")
    [post] = await slack_server.api.wait_for("chat.postMessage")
    assert "6:30" in post.params["text"]


async def test_users_info_gives_time_zone_and_is_cached(slack_server: SlackServer) -> None:
    slack_server.api.users["U200"] = {"tz": "Europe/Paris", "locale": "fr-FR"}
    await slack_server.send.direct_message("what's next?", user="U200")
    await slack_server.send.direct_message("help", user="U200")
    await slack_server.api.wait_for("chat.postMessage", count=2)
    assert len(slack_server.api.calls_to("users.info")) == 1
    async with slack_server.bot.uow() as uow:
        member = await uow.members.get("slack", "U200")
        assert member is not None
        assert member.display_name == "Delegate U200"


@pytest.mark.parametrize(
    "headers",
    [
        pytest.param({"X-Slack-Signature": "v0=" + "0" * 64}, id="forged"),
        pytest.param(sign("wrong-secret", "{}"), id="other-secret"),
        pytest.param({"X-Slack-Request-Timestamp": "", "X-Slack-Signature": ""}, id="empty"),
        pytest.param({"X-Slack-Request-Timestamp": "soon", "X-Slack-Signature": "v0=1"}, id="garbage"),
    ],
)
async def test_bad_signature_is_refused_with_401_and_changes_nothing(
    slack_server: SlackServer, headers: dict[str, str]
) -> None:
    body = slack_server.send.event_body(
        {"type": "message", "channel_type": "im", "channel": "D1", "user": "U1"}
    )
    status, _ = await slack_server.send.post(body, "application/json", headers)
    assert status == 401
    await slack_server.settle()
    assert slack_server.api.calls_to("chat.postMessage") == []
    assert await _count(slack_server, ProcessedEvent) == 0


async def test_unsigned_requests_are_refused_with_401(slack_server: SlackServer) -> None:
    body = slack_server.send.event_body(
        {"type": "message", "channel_type": "im", "channel": "D1", "user": "U1"}
    )
    assert (await slack_server.send.post(body, "application/json", signed=False))[0] == 401
    assert (await slack_server.send.post("{not json", "application/json", signed=False))[0] == 401
    await slack_server.settle()
    assert [c.method for c in slack_server.api.calls] == ["auth.test"]  # at start only


async def test_stale_timestamp_is_refused_with_401(slack_server: SlackServer) -> None:
    body = slack_server.send.event_body(
        {"type": "message", "channel_type": "im", "channel": "D1", "user": "U1"}
    )
    six_minutes_ago = int(time.time()) - 6 * 60
    status, _ = await slack_server.send.post(
        body, "application/json", sign(slack_server.send.secret, body, six_minutes_ago), signed=False
    )
    assert status == 401
    await slack_server.settle()
    assert [c.method for c in slack_server.api.calls] == ["auth.test"]  # at start only
    assert await _count(slack_server, ProcessedEvent) == 0


async def test_the_same_event_delivered_three_times_is_answered_once(slack_server: SlackServer) -> None:
    statuses = await asyncio.gather(
        slack_server.send.direct_message("help", event_id="EvSAME"),
        slack_server.send.direct_message("help", event_id="EvSAME", retry_num=1),
        slack_server.send.direct_message("help", event_id="EvSAME", retry_num=2),
    )
    assert [status for status, _ in statuses] == [200, 200, 200]
    await slack_server.api.wait_for("chat.postMessage")
    await slack_server.settle()
    assert len(slack_server.api.calls_to("chat.postMessage")) == 1
    assert await _count(slack_server, ProcessedEvent) == 1


async def test_mention_in_a_channel_is_answered_in_its_thread(slack_server: SlackServer) -> None:
    event = {
        "type": "app_mention",
        "user": "U100",
        "channel": "C100",
        "text": f"<@{BOT_USER_ID}> help",
        "ts": "1715350700.000400",
    }
    await slack_server.send.event(event)
    [post] = await slack_server.api.wait_for("chat.postMessage")
    assert (post.params["channel"], post.params["thread_ts"]) == ("C100", "1715350700.000400")


async def test_own_and_other_bots_messages_are_ignored(slack_server: SlackServer) -> None:
    own = {"type": "message", "channel_type": "im", "channel": "DU1", "user": BOT_USER_ID, "text": "hi"}
    other = {**own, "user": "U9", "bot_id": "B9", "subtype": "bot_message"}
    for event in (own, other):
        status, _ = await slack_server.send.event(event)
        assert status == 200
    await slack_server.settle()
    assert slack_server.api.calls_to("chat.postMessage") == []


async def test_slash_command_is_acked_at_once_and_answered_on_its_response_url(
    slack_server: SlackServer,
) -> None:
    status, body = await slack_server.send.command("help", slack_server.api.response_url("cmd1"))
    assert (status, body) == (200, "")
    [answer] = await slack_server.api.wait_for("response_url")
    assert answer.params["response_type"] == "ephemeral"
    assert CONTACT in answer.params["text"]


async def test_button_click_on_the_home_tab_answers_in_the_dm(slack_server: SlackServer) -> None:
    payload = {
        "type": "block_actions",
        "user": {"id": "U100"},
        "container": {"type": "view", "view_id": "V1"},
        "actions": [{"action_id": "help.show#0", "type": "button", "action_ts": "1.2"}],
    }
    status, _ = await slack_server.send.interaction(payload)
    assert status == 200
    [post] = await slack_server.api.wait_for("chat.postMessage")
    assert post.params["channel"] == "U100"
    assert CONTACT in post.params["text"]


async def test_modal_submission_is_routed_as_its_action(slack_server: SlackServer) -> None:
    payload = {
        "type": "view_submission",
        "user": {"id": "U100"},
        "view": {
            "id": "V9",
            "type": "modal",
            "team_id": "T0001",
            "hash": "1.2",
            "callback_id": "help.show",
            "private_metadata": '{"channel": "DU100"}',
            "state": {"values": {}},
        },
    }
    status, body = await slack_server.send.interaction(payload)
    assert (status, body) == (200, "")
    [post] = await slack_server.api.wait_for("chat.postMessage")
    assert post.params["channel"] == "DU100"
    assert CONTACT in post.params["text"]


async def test_app_home_opened_publishes_now_next_and_help(slack_server: SlackServer) -> None:
    event = {"type": "app_home_opened", "user": "U100", "channel": "DU100", "tab": "home"}
    await slack_server.send.event(event)
    [publish] = await slack_server.api.wait_for("views.publish")
    view = publish.params["view"]
    assert publish.params["user_id"] == "U100"
    assert view["type"] == "home"
    texts = [b["text"]["text"] for b in view["blocks"] if "text" in b]
    assert texts[0].startswith("Global Roundtable on ICT Security")
    assert any(t.startswith("On now:") for t in texts)
    assert any(t.startswith("Next:") for t in texts)
    buttons = [e["action_id"] for b in view["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert buttons == ["help.show#0"]


async def test_rate_limited_first_post_is_retried_and_delivered_once(slack_server: SlackServer) -> None:
    slack_server.api.fail("chat.postMessage", status=429, retry_after=0)
    await slack_server.send.direct_message("help")
    await slack_server.api.wait_for("chat.postMessage", count=2)
    await slack_server.settle()
    first, second = slack_server.api.calls_to("chat.postMessage")
    assert first.params == second.params  # the same message, sent again after Retry-After


async def test_server_error_on_post_is_retried(slack_server: SlackServer) -> None:
    slack_server.api.fail("chat.postMessage", status=503)
    await slack_server.send.direct_message("help")
    await slack_server.api.wait_for("chat.postMessage", count=2)
    await slack_server.settle()
    assert len(slack_server.api.calls_to("chat.postMessage")) == 2


async def test_a_5000_character_message_gets_a_polite_answer(slack_server: SlackServer) -> None:
    await slack_server.send.direct_message("x" * 5000)
    [post] = await slack_server.api.wait_for("chat.postMessage")
    assert "too long" in post.params["text"]
    assert "5000" in post.params["text"]


async def test_url_verification_challenge_is_answered(slack_server: SlackServer) -> None:
    body = '{"type": "url_verification", "challenge": "abc123", "token": "x"}'
    status, text = await slack_server.send.post(body, "application/json")
    assert status == 200
    assert "abc123" in text


async def test_malformed_body_is_refused_politely(slack_server: SlackServer) -> None:
    status, _ = await slack_server.send.post(form(payload="{not json"), "application/x-www-form-urlencoded")
    assert status == 400
    await slack_server.settle()
    assert slack_server.api.calls_to("chat.postMessage") == []


async def test_without_credentials_slack_is_off_404_and_one_log_line(
    event: Event, caplog: pytest.LogCaptureFixture
) -> None:
    bot = await create_bot(load_settings({}, database_url="sqlite+aiosqlite://"), event=event, migrate=True)
    with caplog.at_level(logging.INFO, logger="adapters.platforms"):
        app = build_app(bot)
    try:
        async with (
            serve(app) as base,
            aiohttp.ClientSession() as session,
            session.post(f"{base}/slack/events", data="{}") as response,
        ):
            assert response.status == 404
    finally:
        await bot.close()
    lines = [r.getMessage() for r in caplog.records if r.name.startswith("adapters.")]
    assert lines.count("Slack is off: SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET not set") == 1


async def test_slack_messages_reach_the_metrics(slack_server: SlackServer) -> None:
    """Slack goes through the one core entry (Bot.handle), so its traffic is counted like any other."""
    for text in ("help", "when is the reception?", "x" * 5000):
        await slack_server.send.direct_message(text)
    await slack_server.api.wait_for("chat.postMessage", count=3)
    await slack_server.settle()
    async with aiohttp.ClientSession() as session, session.get(f"{slack_server.url}/metrics") as response:
        body = await response.text()
    assert 'roundtable_requests_total{platform="slack"} 3.0' in body
    assert 'roundtable_replies_total{platform="slack"} 3.0' in body


async def test_a_socket_mode_message_goes_through_bolt_and_is_answered_once(
    slack_server: SlackServer,
) -> None:
    """Socket Mode hands bolt the same callbacks that HTTP claims without it: one listener for both."""
    body = json.loads(
        slack_server.send.event_body(
            {"type": "message", "channel_type": "im", "channel": "DU7", "user": "U7", "text": "help"},
            event_id="EvSOCKET",
        )
    )
    own = {**body, "event_id": "EvOWN", "event": {**body["event"], "user": BOT_USER_ID}}
    for payload in (body, body, own):  # a redelivery, and the bot's own message
        response = await slack_server.adapter.bolt.async_dispatch(
            AsyncBoltRequest(body=payload, mode="socket_mode")
        )
        assert response.status == 200
    [post] = await slack_server.api.wait_for("chat.postMessage")
    await slack_server.settle()
    assert post.params["channel"] == "DU7"
    assert len(slack_server.api.calls_to("chat.postMessage")) == 1


async def test_a_callback_that_fails_at_receipt_is_a_bare_500_and_logged(
    slack_server: SlackServer, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    async def broken(*_: object) -> bool:
        raise RuntimeError("a bug, not the database")

    monkeypatch.setattr(slack_server.adapter.answers, "claim", broken)
    with caplog.at_level(logging.ERROR, logger="adapters.slack.app"):
        status, text = await slack_server.send.direct_message("help")
    assert (status, text) == (500, "")
    assert "a bug, not the database" in caplog.text
