"""PostgreSQL: several instances share the work (FOR UPDATE SKIP LOCKED claims, unique rule keys).

Runs against ROUNDTABLE_TEST_POSTGRES (postgresql+asyncpg://…); each test starts from an empty schema.
CI sets it (.ci/run), so there these tests fail rather than skip.
"""

from __future__ import annotations

import asyncio
import json
import os
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot.config import load_settings
from bot.event import Event
from bot.notify import PlatformNotifier
from service.bootstrap import create_bot
from service.scheduler import Scheduler
from storage.db import make_engine
from storage.models import DeliveryAttempt
from tests.conftest import MutableClock, empty_postgres
from tests.e2e.fake_slack import FakeSlack
from tests.e2e.serve_helpers import (
    Serve,
    deliveries,
    environment,
    free_port,
    run_cli,
    seed_recipients,
    seeded_environment,
    wait_until,
)
from tests.notifiers import RecordingNotifier

POSTGRES = os.environ.get("ROUNDTABLE_TEST_POSTGRES", "")
pytestmark = pytest.mark.skipif(
    not POSTGRES, reason="ROUNDTABLE_TEST_POSTGRES is unset (postgresql+asyncpg://…); .ci/run sets it"
)
RECIPIENTS = 2000


@pytest.fixture
async def database() -> str:
    return await empty_postgres(POSTGRES)


@pytest.mark.slow
async def test_two_serve_processes_drain_one_broadcast_without_loss_or_duplicates(
    database: str, slack_api: FakeSlack, tmp_path: Path
) -> None:
    env_a = await seeded_environment(database, slack_api, RECIPIENTS)
    env_b = environment(database, slack_api, free_port())
    first = await Serve(env_a, tmp_path / "a.log").start()
    second = await Serve(env_b, tmp_path / "b.log").start()
    try:
        queued = json.loads(run_cli(["broadcast", "--audience", "everyone", "--text", "Hello"], env_a))
        await wait_until(lambda: len(slack_api.calls_to("chat.postMessage")) >= RECIPIENTS, 120, "all sent")
        await asyncio.sleep(1)  # anything more would be a duplicate: give it the chance to show
    finally:
        first.stop()
        second.stop()
    per_channel = deliveries(slack_api)
    assert len(per_channel) == RECIPIENTS, "lost"
    assert sum(per_channel.values()) == RECIPIENTS, "duplicated"
    engine = make_engine(database)
    try:
        async with engine.connect() as connection:
            workers = await connection.scalar(select(func.count(func.distinct(DeliveryAttempt.worker))))
        status = json.loads(run_cli(["broadcast", "--status", str(queued["id"])], env_a))
    finally:
        await engine.dispose()
    assert workers == 2  # both instances took a share
    assert status["sent"] == RECIPIENTS


async def test_a_reminder_rule_fires_once_when_two_instances_plan_it_together(
    database: str, event: Event
) -> None:
    await seed_recipients(database, 50)
    clock = MutableClock(datetime.fromisoformat("2024-04-12T10:30:00-04:00"))
    recorders = [RecordingNotifier(), RecordingNotifier()]
    settings = load_settings({}, database_url=database)
    bots = [
        await create_bot(settings, event=event, notifier=PlatformNotifier({"slack": r}), clock=clock)
        for r in recorders
    ]
    try:
        schedulers = [Scheduler.for_bot(b) for b in bots]
        await asyncio.gather(*(s.run_once() for s in schedulers))
        await asyncio.gather(*(s.run_once() for s in schedulers))
        async with bots[0].uow() as uow:
            campaigns = await uow.outbox.recent_campaigns("reminder", limit=20)
            keys = {c.rule_key for c in campaigns if c.rule_key.startswith("reminder:registration:")}
    finally:
        for b in bots:
            await b.close()
    sent = [n.recipient.key for r in recorders for n in r.sent]
    assert keys == {"reminder:registration:unregistered-delegations:7d"}
    assert len(sent) == len(set(sent)) == 50
