"""The claim's transaction also reads the sender's member row, and that read answers the message only
while it is current: not when an earlier message of the same person was still unanswered at the claim
(here or, on PostgreSQL, on another instance), since answering it may start a dialog or pin a language."""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from adapters import answers as answers_module
from adapters.answer_batches import mark_answered
from adapters.answers import Answers
from bot.core import Bot
from bot.event import Event
from storage.repositories import SenderAtClaim
from tests.conftest import MutableClock, empty_postgres, message, recorded_bot
from tests.notifiers import RecordingNotifier

POSTGRES = os.environ.get("ROUNDTABLE_TEST_POSTGRES")
DATABASES = ["sqlite", pytest.param("postgresql", marks=pytest.mark.skipif(not POSTGRES, reason="no PG"))]


@pytest.fixture(params=DATABASES)
async def file_bot(
    request: pytest.FixtureRequest, tmp_path: Path, event: Event, clock: MutableClock
) -> AsyncIterator[Bot]:
    if request.param == "postgresql":
        assert POSTGRES is not None
        url = await empty_postgres(POSTGRES)
    else:
        url = f"sqlite+aiosqlite:///{tmp_path / 'claims.db'}"
    bot = await recorded_bot(event, clock, RecordingNotifier(), database_url=url)
    yield bot
    await bot.close()


async def test_a_first_contact_is_read_as_no_member_and_answered(file_bot: Bot) -> None:
    answers = Answers(file_bot, "worker-1")
    msg = message("what's next?", user="ana", platform="slack")
    assert await answers.claim(msg)
    sender = await answers.wait_turn(msg)
    assert sender == SenderAtClaim(None)
    replies = await file_bot.handle(msg, sender)
    assert replies and replies[0].lang == "en"
    async with file_bot.uow() as uow:
        assert await uow.members.get("slack", "ana") is not None  # recorded on first contact, as before


async def test_the_claim_reads_the_pinned_language_it_answers_in(file_bot: Bot) -> None:
    await file_bot.handle(message("language fr", user="ana", platform="slack"))
    answers = Answers(file_bot, "worker-1")
    msg = message("what's next?", user="ana", platform="slack")
    assert await answers.claim(msg)
    sender = await answers.wait_turn(msg)
    assert sender is not None and sender.member is not None and sender.member.language == "fr"
    replies = await file_bot.handle(msg, sender)
    assert replies[0].lang == "fr"


async def test_a_message_behind_an_earlier_one_reads_its_sender_again(file_bot: Bot) -> None:
    answers = Answers(file_bot, "worker-1")
    first = message("register", user="ana", platform="slack")
    second = message("Fiji", user="ana", platform="slack")
    assert await asyncio.gather(answers.claim(first), answers.claim(second)) == [True, True]
    waiting = asyncio.create_task(answers.wait_turn(second))
    await file_bot.handle(first, await answers.wait_turn(first))  # starts the registration dialog
    await answers.answered(first)
    assert await waiting is None  # read when the dialog did not exist yet: read again
    ctx = await file_bot.context_for(second)
    assert ctx.flow is not None


@pytest.mark.skipif(not POSTGRES, reason="other instances claim only on a shared (PostgreSQL) database")
async def test_an_earlier_claim_on_another_instance_makes_the_read_stale(
    event: Event, clock: MutableClock
) -> None:
    assert POSTGRES is not None
    bot = await recorded_bot(event, clock, RecordingNotifier(), await empty_postgres(POSTGRES))
    try:
        here, elsewhere = Answers(bot, "worker-here"), Answers(bot, "worker-elsewhere")
        first = message("register", user="ana", platform="slack")
        assert await elsewhere.claim(first)
        clock.moment += timedelta(seconds=1)
        second = message("Fiji", user="ana", platform="slack")
        assert await here.claim(second)
        waiting = asyncio.create_task(here.wait_turn(second))
        await asyncio.sleep(0)
        assert not waiting.done()  # the earlier message elsewhere is answered first
        await bot.handle(first, await elsewhere.wait_turn(first))
        await elsewhere.answered(first)
        assert await asyncio.wait_for(waiting, timeout=30) is None
    finally:
        await bot.close()


async def test_a_claim_waits_behind_answered_marks_only_on_sqlite(
    file_bot: Bot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PostgreSQL commits the marks on their own connection: the acknowledgement's claim goes ahead while
    a transaction of marks is in flight. SQLite has one write lock, so they share the queue there (and a
    batch there runs to its commit without waiting: storage/at_once.py)."""
    answers = Answers(file_bot, "worker-1")
    if file_bot.settings.database_url.startswith("sqlite"):
        assert answers._marks is answers._writes
        return
    marking, gate = asyncio.Event(), asyncio.Event()

    async def held_mark(uow: object, keys: list[tuple[str, str]]) -> list[None]:
        marking.set()
        await gate.wait()
        return await mark_answered(uow, keys)  # type: ignore[arg-type]

    monkeypatch.setattr(answers_module, "mark_answered", held_mark)
    first = message("what's next?", user="ana", platform="slack")
    assert await answers.claim(first)
    marked = asyncio.create_task(answers.answered(first))
    await marking.wait()  # the marks' transaction is open, and held
    claim = asyncio.create_task(answers.claim(message("help", user="ben", platform="slack")))
    assert await asyncio.wait_for(claim, timeout=30)
    assert not marked.done()  # the claim was committed while the marks' transaction was held
    gate.set()
    await marked
    assert answers.live == 1  # ben's, answered next
