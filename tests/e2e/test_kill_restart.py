"""kill -9 in the middle of a 2,000-recipient broadcast, then restart: every recipient gets the message,
and only requests in flight at the kill can repeat (≤ the sender's concurrency)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.e2e.fake_slack import FakeSlack
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
