"""The console's browser tests: the real server (Slack on, against the fake Slack Web API), seeded data, a
sign-in link printed by the real CLI, and Debian's chromium driven by Playwright (never `playwright
install`: CI installs the `chromium` package, see .ci/run)."""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.async_api import Browser, Page, async_playwright

from bot.event import Event
from service.scheduler import Scheduler
from tests.conftest import MutableClock
from tests.e2e.conftest import SlackServer, running_slack
from tests.e2e.console.seed import interests, seed, seed_join_request, seed_pitches
from tests.e2e.fake_slack import FakeSlack

CHROMIUM = Path("/usr/bin/chromium")
ORGANISER = "slack:UORG"
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"  # tests/artifacts/, git-ignored

if not CHROMIUM.exists() and not os.environ.get("ROUNDTABLE_TEST_CHROMIUM"):
    pytest.skip("Debian's chromium is not installed (.ci/run installs it)", allow_module_level=True)


@dataclass
class Console:
    server: SlackServer
    database: str
    join_request: int
    browser: Browser
    page: Page

    @property
    def base(self) -> str:
        return self.server.url

    async def link(self, user_key: str = ORGANISER) -> tuple[int, str]:
        """`roundtable-bot organiser-link USER_KEY` in a real process, on the server's database."""
        env = {
            **os.environ,
            "DATABASE_URL": self.database,
            "ROUNDTABLE_ORGANISERS": ORGANISER,
            "ROUNDTABLE_PUBLIC_URL": self.base,
            "ROUNDTABLE_NOW": self.server.bot.clock().isoformat(),
        }
        command = Path(sys.executable).with_name("roundtable-bot")
        process = await asyncio.create_subprocess_exec(
            str(command), "organiser-link", user_key, env=env, stdout=asyncio.subprocess.PIPE
        )
        out, _ = await process.communicate()
        return process.returncode or 0, out.decode().strip()

    async def sign_in(self) -> None:
        code, url = await self.link()
        assert code == 0, url
        await self.page.goto(url)
        await self.page.click("#signin")
        await self.page.wait_for_url(f"{self.base}/organiser/")

    async def send_queued(self) -> int:
        """One pass of the scheduler the server would run: fan out due campaigns, drain the outbox."""
        return await Scheduler.for_bot(self.server.bot).run_once()

    async def screenshot(self, name: str) -> None:
        ARTIFACTS.mkdir(exist_ok=True)
        await self.page.screenshot(path=str(ARTIFACTS / f"console-{name}.png"), full_page=True)


@pytest.fixture
async def console(
    slack_api: FakeSlack, event: Event, clock: MutableClock, tmp_path: Path
) -> AsyncIterator[Console]:
    database = f"sqlite+aiosqlite:///{tmp_path / 'slack.db'}"
    async with running_slack(slack_api, event, clock, tmp_path, organisers=ORGANISER) as server:
        async with server.bot.uow() as uow:
            ids = await seed(uow, clock())
            request_id = await seed_join_request(uow, ids[0], clock())
            await seed_pitches(uow, event, ids[:4], clock())
            members = [f"slack:U{n:03d}{m:02d}" for n in range(len(ids)) for m in range(2)]
            uow.session.add_all(interests(event.id, members, clock()))
            await uow.commit()
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
            page = await browser.new_page(viewport={"width": 1280, "height": 900})
            page.set_default_timeout(15_000)
            try:
                yield Console(server, database, request_id, browser, page)
            finally:
                await browser.close()
