"""kill -9 in the middle of a 2,000-recipient broadcast, then restart: every recipient gets the message,
and only requests in flight at the kill can repeat (≤ the sender's concurrency). kill -9 between a
message's claim and its answer: the restarted instance answers it, once."""

from __future__ import annotations

import json
from pathlib import Path

import aiohttp
import pytest

from tests.e2e.fake_slack import FakeSlack, SlackSender
from tests.e2e.serve_helpers import Serve, deliveries, run_cli, seeded_environment, wait_until

RECIPIENTS = 2000
CONCURRENCY = 8


@pytest.mark.slow
async def test_sigkill_midway_then_restart_loses_nothing(slack_api: FakeSlack, tmp_path: Path) -> None:
    database = f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}"
    env = await seeded_environment(
        database, slack_api, RECIPIENTS, ROUNDTABLE_OUTBOX_CONCURRENCY=str(CONCURRENCY)
    )
    queued = json.loads(run_cli(["broadcast", "--audience", "everyone", "--text", "Doors open 9:30"], env))
    assert queued["recipients"] == RECIPIENTS

    first = await Serve(env, tmp_path / "serve.log").start()
    try:
        await wait_until(
            lambda: len(slack_api.calls_to("chat.postMessage")) >= RECIPIENTS // 3, 90, "a third sent"
        )
        first.kill()
    finally:
        first.kill()
    sent_before_kill = len(slack_api.calls_to("chat.postMessage"))
    assert sent_before_kill < RECIPIENTS, "the kill came too late to prove anything"

    second = await Serve(env, tmp_path / "serve.log").start()
    try:
        await wait_until(lambda: len(deliveries(slack_api)) == RECIPIENTS, 120, "every recipient")
        status = json.loads(run_cli(["broadcast", "--status", str(queued["id"])], env))
    finally:
        second.stop()
    per_channel = deliveries(slack_api)
    duplicates = sum(per_channel.values()) - RECIPIENTS
    assert set(per_channel) == {f"D{i:05d}" for i in range(RECIPIENTS)}
    print(f"killed after {sent_before_kill} sends; {duplicates} duplicate(s) after restart")
    assert 0 <= duplicates <= CONCURRENCY, f"{duplicates} duplicates"
    assert status["failed"] == 0 and status["unreachable"] == 0


async def test_sigkill_between_claim_and_answer_then_restart_answers_once(
    slack_api: FakeSlack, tmp_path: Path
) -> None:
    database = f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}"
    env = await seeded_environment(database, slack_api, 0, ROUNDTABLE_ANSWER_LEASE_SECONDS="1")
    slack_api.hold("users.info")  # the first instance claims the message, then waits here
    first = await Serve(env, tmp_path / "serve.log").start()
    url = f"http://127.0.0.1:{env['PORT']}/slack/events"
    try:
        async with aiohttp.ClientSession() as session:
            sender = SlackSender(url, env["SLACK_SIGNING_SECRET"], session)
            status, _ = await sender.direct_message("help", user="U777", event_id="EvKILL")
            assert status == 200
            await slack_api.wait_for("users.info", within=30)
            first.kill()
            slack_api.let_go("users.info")
            second = await Serve(env, tmp_path / "serve.log").start()
            try:
                await wait_until(lambda: deliveries(slack_api)["DU777"] >= 1, 60, "the answer")
                status, _ = await sender.direct_message("help", user="U777", event_id="EvKILL", retry_num=1)
                assert status == 200
            finally:
                second.stop()  # graceful: anything in flight finishes first
    finally:
        first.kill()
    assert deliveries(slack_api)["DU777"] == 1
