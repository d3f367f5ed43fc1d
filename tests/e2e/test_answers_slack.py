"""Slack: every claimed message gets exactly one answer, whatever fails — the database at receipt or while
answering, a write lock held elsewhere, chat.postMessage answering 500 three times."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from bot.event import Event, load_event
from service.sender import OutboxSender
from tests.conftest import MutableClock
from tests.e2e.conftest import SlackServer, running_slack
from tests.e2e.fake_slack import FakeSlack
from tests.e2e.faults import database_gone, write_locked

CONTACT = load_event().contact.email  # the help text names it


@pytest.fixture
async def server(
    slack_api: FakeSlack, event: Event, clock: MutableClock, tmp_path: Path
) -> AsyncIterator[SlackServer]:
    # A short lock wait, so a locked database is refused at once rather than after seconds.
    async with running_slack(slack_api, event, clock, tmp_path, db_lock_timeout_seconds="0.2") as server:
        yield server


def answers_in(server: SlackServer, channel: str) -> list[str]:
    return [
        str(call.params.get("text"))
        for call in server.api.calls_to("chat.postMessage")
        if call.params.get("channel") == channel
    ]


async def ready(server: SlackServer) -> int:
    async with server.send.session.get(f"{server.url}/readyz") as response:
        return int(response.status)


async def drain_outbox(server: SlackServer) -> int:
    bot = server.bot
    return await OutboxSender(bot.uow, bot.notifier, ["slack"], lambda: bot.event, bot.clock).drain()


async def test_database_gone_at_receipt_is_503_and_slacks_retry_is_answered_once(
    server: SlackServer, tmp_path: Path
) -> None:
    async with database_gone(server.bot.engine, tmp_path / "slack.db"):
        status, _ = await server.send.direct_message("help", event_id="EvGONE")
        assert status == 503  # not 2xx: Slack retries the event
        assert await ready(server) == 503
    assert await ready(server) == 200
    status, _ = await server.send.direct_message("help", event_id="EvGONE", retry_num=1)
    assert status == 200
    await server.settle()
    status, _ = await server.send.direct_message("help", event_id="EvGONE", retry_num=2)
    await server.settle()
    assert status == 200
    [answer] = answers_in(server, "DU100")
    assert CONTACT in answer


async def test_a_write_lock_held_elsewhere_is_503_within_the_lock_timeout_then_answered_once(
    server: SlackServer, tmp_path: Path
) -> None:
    async with write_locked(tmp_path / "slack.db"):
        status, _ = await server.send.direct_message("help", event_id="EvLOCK")
        assert status == 503
        assert await ready(server) == 503
    status, _ = await server.send.direct_message("help", event_id="EvLOCK", retry_num=1)
    assert status == 200
    await server.settle()
    assert len(answers_in(server, "DU100")) == 1


async def test_database_gone_after_the_claim_is_answered_once_when_it_is_back(
    server: SlackServer, tmp_path: Path, clock: MutableClock
) -> None:
    server.api.hold("users.info")  # the answer is under way: claimed, not yet handled
    status, _ = await server.send.direct_message("help", user="U300", event_id="EvAFTER")
    assert status == 200
    await server.api.wait_for("users.info")
    async with database_gone(server.bot.engine, tmp_path / "slack.db"):
        server.api.let_go("users.info")
        await server.settle()  # handling met the missing database: the claim was given up
        assert answers_in(server, "DU300") == []
    status, _ = await server.send.direct_message("help", user="U300", event_id="EvAFTER", retry_num=1)
    assert status == 200  # still claimed: Slack's retry is not a second answer
    clock.moment += server.bot.settings.answer_lease + timedelta(seconds=1)
    assert await server.adapter.answers.sweep() == 1  # taken over from the stored message
    assert await drain_outbox(server) == 1
    [answer] = answers_in(server, "DU300")
    assert CONTACT in answer
    assert await server.adapter.answers.sweep() == 0 and await drain_outbox(server) == 0


async def test_post_message_failing_three_times_is_kept_and_sent_once_from_the_outbox(
    server: SlackServer,
) -> None:
    server.api.fail("chat.postMessage", status=500, times=3)  # the first try and the client's 2 retries
    status, _ = await server.send.direct_message("help", event_id="Ev500")
    assert status == 200
    await server.settle()
    assert len(server.api.calls_to("chat.postMessage")) == 3
    status, _ = await server.send.direct_message("help", event_id="Ev500", retry_num=1)
    await server.settle()
    assert status == 200 and len(server.api.calls_to("chat.postMessage")) == 3  # Slack's retry: no repeat
    assert await drain_outbox(server) == 1
    delivered = server.api.calls_to("chat.postMessage")[3:]
    assert [call.params["channel"] for call in delivered] == ["DU100"]
    assert CONTACT in str(delivered[0].params["text"])
    assert await drain_outbox(server) == 0


async def test_an_answer_in_a_channel_thread_is_kept_for_that_thread(server: SlackServer) -> None:
    server.api.fail("chat.postMessage", status=500, times=3)
    mention = {
        "type": "app_mention",
        "channel": "C200",
        "user": "U100",
        "text": "<@UBOT> help",
        "ts": "77.000001",
        "event_ts": "77.000001",
    }
    assert (await server.send.event(mention, event_id="EvTHREAD"))[0] == 200
    await server.settle()
    assert await drain_outbox(server) == 1
    last = server.api.calls_to("chat.postMessage")[-1]
    assert (last.params["channel"], last.params.get("thread_ts")) == ("C200", "77.000001")


async def test_a_persons_messages_are_answered_in_the_order_they_came(server: SlackServer) -> None:
    """The second and third message wait for the first one's answer, which Slack holds, rather than
    overtake it (see test_scale_out.py for two instances)."""
    server.api.hold("chat.postMessage")
    for ts in ("81.000001", "82.000001", "83.000001"):
        mention = {"type": "app_mention", "channel": "C200", "user": "U100", "text": "<@UBOT> help", "ts": ts}
        assert (await server.send.event(mention, event_id=f"Ev{ts}"))[0] == 200
    await server.api.wait_for("chat.postMessage")
    await server.send.direct_message("help", user="U101")  # someone else is not held up meanwhile
    await server.api.wait_for("chat.postMessage", count=2)
    assert len(server.api.calls_to("chat.postMessage")) == 2
    server.api.let_go("chat.postMessage")
    await server.settle()
    threads = [call.params.get("thread_ts") for call in server.api.calls_to("chat.postMessage")]
    assert [t for t in threads if t] == ["81.000001", "82.000001", "83.000001"]
