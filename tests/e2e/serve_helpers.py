"""`roundtable-bot serve` as a real subprocess against the fake Slack Web API, and a database seeded with
recipients directly (members + conversation references), for the outbox's kill -9 and scale-out tests; and
any other CLI command as a subprocess (``cli``)."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import aiohttp
from sqlalchemy import insert

from storage.db import make_engine, upgrade
from storage.models import ConversationReference, Member
from tests.e2e.fake_slack import FakeSlack

ROOT = Path(__file__).resolve().parents[2]
SEEDED_AT = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def seed_recipients(database_url: str, count: int) -> None:
    """``count`` Slack members U00000…, each with a DM channel D00000… the notifier posts to directly."""
    engine = make_engine(database_url)
    try:
        await upgrade(engine)
        members = [
            {
                "platform": "slack",
                "user_id": f"U{i:05d}",
                "display_name": f"Delegate {i}",
                "reminders_enabled": True,
                "created_at": SEEDED_AT,
                "last_seen_at": SEEDED_AT,
            }
            for i in range(count)
        ]
        references = [
            {
                "user_key": f"slack:U{i:05d}",
                "platform": "slack",
                "conversation_id": f"D{i:05d}",
                "reference": {},
                "updated_at": SEEDED_AT,
            }
            for i in range(count)
        ]
        async with engine.begin() as connection:
            for start in range(0, count, 500):
                await connection.execute(insert(Member), members[start : start + 500])
                await connection.execute(insert(ConversationReference), references[start : start + 500])
    finally:
        await engine.dispose()


def environment(database_url: str, slack: FakeSlack, port: int, **extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("SLACK_", "ROUNDTABLE_"))}
    env.update(
        {
            "DATABASE_URL": database_url,
            "SLACK_BOT_TOKEN": "xoxb-test",
            "SLACK_SIGNING_SECRET": "test-secret",
            "SLACK_API_URL": slack.api_url,
            "HOST": "127.0.0.1",
            "PORT": str(port),
            "LOG_LEVEL": "WARNING",
            "ROUNDTABLE_OUTBOX_LEASE_SECONDS": "3",
            **extra,
        }
    )
    return env


async def seeded_environment(
    database_url: str, slack: FakeSlack, recipients: int, **extra: str
) -> dict[str, str]:
    """A serve test's common set-up: ``recipients`` seeded Slack members and a ``serve`` environment on a free
    port."""
    await seed_recipients(database_url, recipients)
    return environment(database_url, slack, free_port(), **extra)


def cli(
    args: list[str], env: dict[str, str], *, stdin: str | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """`roundtable-bot <args>` as a subprocess run from the project root, its output captured as text."""
    return subprocess.run(
        [sys.executable, "-c", "from service.cli import main; main()", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=timeout,
        check=False,
    )


def run_cli(args: list[str], env: dict[str, str]) -> str:
    result = cli(args, env)
    assert result.returncode == 0, result.stderr
    return result.stdout


class Serve:
    """One `roundtable-bot serve` process; ``kill()`` is SIGKILL, no clean-up of any kind."""

    def __init__(self, env: dict[str, str], log: Path) -> None:
        self.env, self.log = env, log
        self.process: subprocess.Popen[bytes] | None = None

    def spawn(self) -> subprocess.Popen[bytes]:
        with self.log.open("ab") as out:
            return subprocess.Popen(
                [sys.executable, "-c", "from service.cli import main; main()", "serve"],
                env=self.env,
                cwd=ROOT,
                stdout=out,
                stderr=subprocess.STDOUT,
            )

    async def start(self) -> Serve:
        self.process = self.spawn()
        url = f"http://127.0.0.1:{self.env['PORT']}/healthz"
        async with aiohttp.ClientSession() as session:
            for _ in range(300):
                assert self.process.poll() is None, self.log.read_text()
                try:
                    async with session.get(url) as response:
                        if response.status == 200:
                            return self
                except aiohttp.ClientError:
                    pass
                await asyncio.sleep(0.1)
        raise AssertionError(f"serve did not start:\n{self.log.read_text()}")

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()


def deliveries(slack: FakeSlack) -> Counter[str]:
    """Messages Slack accepted, per DM channel."""
    return Counter(str(c.params.get("channel")) for c in slack.calls_to("chat.postMessage"))


async def wait_until(predicate: object, within: float, what: str) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    while not predicate():  # type: ignore[operator]
        if loop.time() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.05)
