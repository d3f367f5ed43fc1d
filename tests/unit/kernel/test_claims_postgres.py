"""The PostgreSQL claim batch as one statement (storage/claims_postgres.py) claims, remembers, looks behind
and reads what the statements it replaced did, all or nothing; the answered marks need no transaction
around them. Runs when ROUNDTABLE_TEST_POSTGRES is set (as in CI)."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import exc, select

from storage.claims import MARK_ANSWERED
from storage.claims_postgres import ClaimRead
from storage.db import upgrade
from storage.driver import DriverUnitOfWork
from storage.models import ANSWERED, CLAIMED, ProcessedEvent
from storage.repositories import SeenIn
from tests.conftest import empty_postgres
from tests.unit.kernel.test_driver_path import Engines

POSTGRES = os.environ.get("ROUNDTABLE_TEST_POSTGRES")
pytestmark = pytest.mark.skipif(not POSTGRES, reason="ROUNDTABLE_TEST_POSTGRES not set")
NOW = datetime(2024, 5, 9, 13, 0, tzinfo=UTC)


class Database(Engines):
    async def claim(
        self, *claims: tuple[str, str], seen: list[SeenIn | None] | None = None, at: datetime = NOW
    ) -> dict[tuple[str, str], ClaimRead]:
        """Claims (event id, user id) pairs as one batch, in a one-statement transaction."""
        rows = [row(event_id, user, at) for event_id, user in claims]
        async with DriverUnitOfWork(self.engine, one_statement=True) as uow:
            read = await uow.claim_batches.claim_and_read(
                rows, [user for _, user in claims], seen or [None] * len(rows)
            )
            await uow.commit()
        return read


def row(event_id: str, user: str, at: datetime = NOW) -> dict[str, Any]:
    return {
        "platform": "slack",
        "event_id": event_id,
        "received_at": at,
        "status": CLAIMED,
        "claimed_by": "worker-1",
        "claimed_until": at + timedelta(minutes=2),
        "message": {"user": {"platform": "slack", "user_id": user}, "text": "¿qué sigue? 🙂 مرحبا"},
    }


def seen_in(user: str, channel: str, at: datetime = NOW) -> SeenIn:
    return SeenIn(f"slack:{user}", "slack", channel, at, reference={"channel": channel, "ü": [1, None]})


@pytest.fixture
async def database() -> AsyncIterator[Database]:
    assert POSTGRES is not None
    database = Database(await empty_postgres(POSTGRES))
    await upgrade(database.engine, "event")
    yield database
    await database.engine.dispose()


async def test_new_claims_are_written_with_their_message_and_retries_are_not_claimed(
    database: Database,
) -> None:
    first = await database.claim(("Ev1", "U1"), ("Ev2", "U2"))
    assert set(first) == {("slack", "Ev1"), ("slack", "Ev2")}
    again = await database.claim(("Ev2", "U2"), ("Ev3", "U3"))
    assert set(again) == {("slack", "Ev3")}
    async with database.uow() as uow:
        stored = await uow.session.get(ProcessedEvent, ("slack", "Ev1"))
        assert stored is not None and stored.status == CLAIMED and stored.claimed_by == "worker-1"
        assert stored.message == row("Ev1", "U1")["message"] and stored.received_at == NOW


async def test_a_first_contact_reads_no_member_and_a_known_one_its_language_and_dialog(
    database: Database,
) -> None:
    async with database.uow() as uow:
        member = await uow.members.upsert_seen("slack", "U1", "Ana", NOW)
        member.language = "fr"
        await uow.dialogs.save("slack:U1", "register", "hod", {}, "ar", NOW)
        await uow.commit()
    read = await database.claim(("Ev1", "U1"), ("Ev2", "U2"))
    known, first_contact = read["slack", "Ev1"].member, read["slack", "Ev2"].member
    assert first_contact is None
    assert known is not None
    assert (known.user_id, known.display_name, known.language) == ("U1", "Ana", "fr")
    assert (known.flow, known.dialog_lang, known.last_seen_at) == ("register", "ar", NOW)


async def test_an_earlier_unanswered_claim_is_seen_until_answered(database: Database) -> None:
    await database.claim(("Ev1", "U1"))  # another instance's, still being answered
    later = NOW + timedelta(seconds=1)
    read = await database.claim(("Ev2", "U1"), ("Ev3", "U2"), at=later)
    assert (read["slack", "Ev2"].behind, read["slack", "Ev3"].behind) == (True, False)
    async with DriverUnitOfWork(database.engine, one_statement=True) as uow:
        await uow.processed.answered_many([("slack", "Ev1"), ("slack", "Ev2")])
        await uow.commit()
    read = await database.claim(("Ev4", "U1"), at=later + timedelta(seconds=1))
    assert read["slack", "Ev4"].behind is False


async def test_where_people_wrote_from_is_written_only_when_it_changed(database: Database) -> None:
    await database.claim(("Ev1", "U1"), seen=[seen_in("U1", "D1")])
    later = NOW + timedelta(hours=1)
    await database.claim(("Ev2", "U1"), seen=[seen_in("U1", "D1", later)], at=later)  # the same: not written
    async with database.uow() as uow:
        stored = await uow.conversations.get("slack:U1")
        assert stored is not None and (stored.conversation_id, stored.updated_at) == ("D1", NOW)
        assert stored.reference == {"channel": "D1", "ü": [1, None]}
        await uow.conversations.mark_unreachable("slack:U1", later)
        await uow.commit()
    moved = [seen_in("U1", "D1", later), seen_in("U1", "D9", later)]  # the last of one person's rows wins
    await database.claim(("Ev3", "U1"), ("Ev4", "U1"), seen=moved, at=later)
    async with database.uow() as uow:
        stored = await uow.conversations.get("slack:U1")
        assert stored is not None
        assert (stored.conversation_id, stored.unreachable_at, stored.updated_at) == ("D9", None, later)


async def test_a_retry_does_not_write_where_it_came_from(database: Database) -> None:
    await database.claim(("Ev1", "U1"), seen=[seen_in("U1", "D1")])
    await database.claim(
        ("Ev1", "U1"), seen=[seen_in("U1", "D7")]
    )  # claimed before: nothing of it is written
    async with database.uow() as uow:
        stored = await uow.conversations.get("slack:U1")
        assert stored is not None and stored.conversation_id == "D1"


async def test_a_batch_the_database_refuses_writes_nothing(database: Database) -> None:
    too_long = "x" * 201  # event_id is VARCHAR(200)
    with pytest.raises(exc.DBAPIError):
        await database.claim(("Ev1", "U1"), (too_long, "U2"), seen=[seen_in("U1", "D1"), None])
    async with database.uow() as uow:
        assert (await uow.session.execute(select(ProcessedEvent))).first() is None
        assert await uow.conversations.get("slack:U1") is None


async def test_a_one_statement_transaction_refuses_a_second_statement(database: Database) -> None:
    await database.claim(("Ev1", "U1"), ("Ev2", "U1"))
    async with DriverUnitOfWork(database.engine, one_statement=True) as uow:
        await uow.processed.answered_many([("slack", "Ev1"), ("slack", "Ev2")])
        with pytest.raises(RuntimeError, match="second statement"):
            await uow.session.execute(MARK_ANSWERED, [{"p": "slack", "e": "Ev1"}])
    async with database.uow() as uow:  # the marks took effect on their own, with no COMMIT
        statuses = (await uow.session.execute(select(ProcessedEvent.status))).scalars().all()
        assert statuses == [ANSWERED, ANSWERED]
