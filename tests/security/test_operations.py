"""The operator's surfaces: /metrics behind a token and never a 500, /readyz that tests a write, JSON logs
with readable tracebacks and no secret in them."""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
import structlog
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import text

from bot.config import load_settings
from bot.event import Event
from service.bootstrap import Bot, create_bot
from service.logs import configure_logging
from service.server import build_app
from tests.conftest import MutableClock

TOKEN = "metrics-token-for-tests"


@pytest.fixture
async def file_bot(event: Event, clock: MutableClock, tmp_path: Path) -> AsyncIterator[Bot]:
    settings = load_settings(
        {}, database_url=f"sqlite+aiosqlite:///{tmp_path / 'ops.db'}", metrics_token=TOKEN
    )
    bot = await create_bot(settings, event=event, clock=clock, migrate=True)
    yield bot
    await bot.close()


async def test_metrics_want_the_bearer_token_when_one_is_set(file_bot: Bot) -> None:
    async with TestClient(TestServer(build_app(file_bot))) as client:
        anonymous = await client.get("/metrics")
        wrong = await client.get("/metrics", headers={"Authorization": "Bearer nope"})
        right = await client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
        assert (anonymous.status, wrong.status, right.status) == (401, 401, 200)
        assert "roundtable_outbox_depth" in await right.text()


async def test_metrics_still_answer_when_the_database_is_gone(file_bot: Bot) -> None:
    async with TestClient(TestServer(build_app(file_bot))) as client:
        await client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
        await file_bot.engine.dispose()
        file_bot.engine.url = file_bot.engine.url.set(database="/nonexistent/dir/gone.db")
        response = await client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
        assert response.status == 200
        assert "roundtable_requests" in await response.text()


async def test_readyz_says_not_ready_while_another_process_holds_the_write_lock(
    file_bot: Bot, tmp_path: Path
) -> None:
    async with TestClient(TestServer(build_app(file_bot))) as client:
        assert (await client.get("/readyz")).status == 200
        locker = sqlite3.connect(tmp_path / "ops.db", timeout=1)
        try:
            locker.execute("BEGIN IMMEDIATE")  # what a long write by another process looks like
            locked = await client.get("/readyz")
        finally:
            locker.rollback()
            locker.close()
        assert locked.status == 503
        assert (await client.get("/readyz")).status == 200
    async with file_bot.engine.connect() as connection:  # the probe leaves nothing behind
        left = await connection.scalar(text("SELECT count(*) FROM processed_event WHERE platform = 'readyz'"))
    assert left == 0


@pytest.fixture
def json_logs(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-9999-secret-token")
    root = logging.getLogger()
    level = root.level
    configure_logging("INFO", json=True)
    ours = root.handlers[:]
    yield
    # The root logger is the process's: later tests must not inherit INFO and a JSON handler.
    for handler in ours:
        root.removeHandler(handler)
    root.setLevel(level)
    structlog.reset_defaults()


def test_json_logs_carry_the_formatted_traceback_without_secrets(
    json_logs: None, capsys: pytest.CaptureFixture[str]
) -> None:
    try:
        raise RuntimeError("failed with xoxb-9999-secret-token")
    except RuntimeError:
        logging.getLogger("roundtable.test").exception("handler failed")
    line = json.loads(capsys.readouterr().err.strip().splitlines()[-1])
    assert "Traceback (most recent call last)" in line["exception"]
    assert "RuntimeError" in line["exception"] and "traceback object" not in json.dumps(line)
    assert "xoxb-9999-secret-token" not in json.dumps(line)
