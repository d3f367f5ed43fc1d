"""Logs never carry a secret from the environment or a user's words; /metrics counts what happened."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator

import pytest
import structlog
from aiohttp.test_utils import TestClient, TestServer

from service.bootstrap import Bot
from service.logs import configure_logging
from service.server import build_app
from tests.conftest import message

SECRETS = {
    "SLACK_BOT_TOKEN": "xoxb-1111-2222-abcdefsecret",
    "SLACK_SIGNING_SECRET": "8f742231b10e8888abcd99yyyzzz85a5",
    "MICROSOFT_APP_PASSWORD": "tEaMs~PassW0rd.value",
    "DATABASE_URL": "postgresql+asyncpg://bot:s3cr3t-pw@db.internal/roundtable",
}


@pytest.fixture
def json_logs(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Iterator[pytest.CaptureFixture[str]]:
    for name, value in SECRETS.items():
        monkeypatch.setenv(name, value)
    root = logging.getLogger()
    level = root.level
    configure_logging("INFO", json=True)
    ours = root.handlers[:]
    yield capsys
    # The root logger is the process's: later tests must not inherit INFO and a JSON handler.
    for handler in ours:
        root.removeHandler(handler)
    root.setLevel(level)
    structlog.reset_defaults()


def test_no_secret_from_the_environment_reaches_the_logs(json_logs: pytest.CaptureFixture[str]) -> None:
    log = logging.getLogger("roundtable.test")
    log.info("starting with token %s", SECRETS["SLACK_BOT_TOKEN"])
    log.warning("database %s", SECRETS["DATABASE_URL"])
    log.error("auth failed: %s", {"password": SECRETS["MICROSOFT_APP_PASSWORD"]})
    structlog.get_logger().info("signing", secret=SECRETS["SLACK_SIGNING_SECRET"])
    output = json_logs.readouterr().err
    lines = [json.loads(line) for line in output.splitlines()]
    assert len(lines) == 4
    for value in SECRETS.values():
        assert value not in output
    assert "s3cr3t-pw" not in output
    assert "db.internal/roundtable" in output  # the rest of the URL stays readable


def test_user_text_is_not_logged_at_info(json_logs: pytest.CaptureFixture[str]) -> None:
    structlog.get_logger().info("handled", text="My delegation's private question", user="slack:U1")
    structlog.get_logger().debug("handled", text="visible only when debugging")
    output = json_logs.readouterr().err
    assert "private question" not in output
    assert '"text": "<32 chars>"' in output


async def test_metrics_count_requests_and_replies(bot: Bot) -> None:
    await bot.handle(message("help"))
    await bot.handle(message("help", platform="slack"))
    async with TestClient(TestServer(build_app(bot))) as client:
        response = await client.get("/metrics")
        body = await response.text()
        health = await client.get("/healthz")
        ready = await client.get("/readyz")
    assert response.status == 200
    assert 'roundtable_requests_total{platform="console"} 1.0' in body
    assert 'roundtable_replies_total{platform="slack"} 1.0' in body
    assert "roundtable_outbox_depth" in body
    assert (health.status, ready.status) == (200, 200)
