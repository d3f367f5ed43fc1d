"""Scale-out: two `serve` processes on one PostgreSQL answer one Slack stream, each event exactly once and
each person's answers in the order of their messages, though consecutive messages of one person land on
different instances and Slack retries every event to the other one.

Runs against ROUNDTABLE_TEST_POSTGRES like tests/e2e/test_postgres.py (.ci/run sets it).
"""

from __future__ import annotations

import asyncio
import os
from collections import Counter, defaultdict
from pathlib import Path

import aiohttp
import pytest

from tests.conftest import empty_postgres
from tests.e2e.fake_slack import FakeSlack, SlackSender
from tests.e2e.serve_helpers import Serve, environment, free_port, seeded_environment, wait_until

POSTGRES = os.environ.get("ROUNDTABLE_TEST_POSTGRES", "")
pytestmark = pytest.mark.skipif(
    not POSTGRES, reason="ROUNDTABLE_TEST_POSTGRES is unset (postgresql+asyncpg://…); .ci/run sets it"
)
PEOPLE, MESSAGES_EACH = 6, 8
CHANNEL = "C300"


def mention(user: str, ts: str) -> dict[str, str]:
    """A question in a channel: its answer goes to the message's thread, so ``thread_ts`` names it."""
    return {"type": "app_mention", "channel": CHANNEL, "user": user, "text": "<@UBOT> help", "ts": ts}


def answered(slack: FakeSlack) -> list[str]:
    """The messages answered in the channel, by their ``ts``, in the order Slack received the answers."""
    posts = slack.calls_to("chat.postMessage")
    return [str(call.params["thread_ts"]) for call in posts if call.params["channel"] == CHANNEL]


async def one_person(user: str, number: int, senders: list[SlackSender]) -> list[str]:
    """Like Slack: a person's next event is sent once the last one was acknowledged; each goes to the
    instance the last one did not, and its retry (same event id) to the other, at the same moment."""
    sent = []
    for k in range(MESSAGES_EACH):
        ts = f"{1000 + number * 100 + k}.000100"
        event, event_id = mention(user, ts), f"Ev{user}{k:02d}"
        first, other = senders[(number + k) % 2], senders[(number + k + 1) % 2]
        statuses = await asyncio.gather(
            first.event(event, event_id=event_id), other.event(event, event_id=event_id, retry_num=1)
        )
        assert [status for status, _ in statuses] == [200, 200]
        sent.append(ts)
    return sent


@pytest.mark.slow
async def test_two_instances_answer_each_event_once_and_each_person_in_order(
    slack_api: FakeSlack, tmp_path: Path
) -> None:
    database = await empty_postgres(POSTGRES)
    envs = [await seeded_environment(database, slack_api, 0), environment(database, slack_api, free_port())]
    instances = [await Serve(env, tmp_path / f"serve{i}.log").start() for i, env in enumerate(envs)]
    people = [f"U{300 + n}" for n in range(PEOPLE)]
    try:
        async with aiohttp.ClientSession() as session:
            senders = [
                SlackSender(
                    f"http://127.0.0.1:{env['PORT']}/slack/events", env["SLACK_SIGNING_SECRET"], session
                )
                for env in envs
            ]
            sent = await asyncio.gather(*(one_person(u, n, senders) for n, u in enumerate(people)))
        total = PEOPLE * MESSAGES_EACH
        await wait_until(lambda: len(set(answered(slack_api))) >= total, 120, "every answer")
        await asyncio.sleep(1.5)  # a duplicate would show by now
    finally:
        for instance in instances:
            instance.stop()
    per_thread = Counter(answered(slack_api))
    assert set(per_thread) == {ts for person in sent for ts in person}
    assert set(per_thread.values()) == {1}, "an event answered twice"
    answered_order: dict[str, list[str]] = defaultdict(list)
    asker = {ts: user for user, person in zip(people, sent, strict=True) for ts in person}
    for ts in answered(slack_api):
        answered_order[asker[ts]].append(ts)
    assert dict(answered_order) == {user: person for user, person in zip(people, sent, strict=True)}
