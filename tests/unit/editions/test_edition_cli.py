"""`roundtable-bot edition open` on a database holding the first edition: returning participants are asked
once, by the server (the CLI queues the questions); an event file without a previous edition is refused.
The second edition is TEST DATA ONLY (tests/editions_data.py)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
import yaml
from sqlalchemy import select
from typer.testing import CliRunner

from bot.config import load_settings
from bot.event import load_event
from bot.messages import ConversationRef, InboundMessage, UserRef
from service.bootstrap import create_bot
from service.cli import app
from storage.models import OutboxItem
from tests.conftest import EVENT_DAY_MORNING
from tests.editions_data import second_edition


def _first_edition(env: dict[str, str]) -> None:
    async def run() -> None:
        bot = await create_bot(load_settings(env), event=load_event())
        try:
            user = UserRef("slack", "aide")
            said = InboundMessage(
                "need Technology: a malware analysis lab",
                user,
                ConversationRef("slack", "D-aide"),
                "evt-1",
                EVENT_DAY_MORNING,
            )
            await bot.handle(said)
        finally:
            await bot.close()

    asyncio.run(run())


def _outbox(env: dict[str, str]) -> list[str]:
    async def run() -> list[str]:
        bot = await create_bot(load_settings(env), event=second_edition())
        try:
            async with bot.uow() as uow:
                return list(await uow.session.scalars(select(OutboxItem.recipient_key)))
        finally:
            await bot.close()

    return asyncio.run(run())


def test_cli_opens_the_edition_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("ROUNDTABLE_NOW", "ROUNDTABLE_LANG", "ROUNDTABLE_EVENT"):
        monkeypatch.delenv(name, raising=False)
    env = {"DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'forum.db'}"}
    _first_edition(env)
    second = tmp_path / "second.yaml"
    second.write_text(yaml.safe_dump(second_edition().model_dump(mode="json", exclude_none=True)))
    runner = CliRunner()
    opened = runner.invoke(app, ["edition", "open", "--event", str(second)], env=env)
    assert opened.exit_code == 0, opened.output
    assert "1 returning participants asked about 1 needs and offers" in opened.output
    again = runner.invoke(app, ["edition", "open", "--event", str(second)], env=env)
    assert "0 returning participants" in again.output
    assert _outbox(env) == ["slack:aide"]
    refused = runner.invoke(app, ["edition", "open"], env=env)
    assert refused.exit_code == 2 and "no previous edition" in refused.output
