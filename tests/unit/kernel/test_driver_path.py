"""The hot path's statements on the driver's own connection (storage/driver.py) write and read exactly what
the ORM writes and reads, roll back what is not committed, and fail as the ORM fails: on SQLite, and on
PostgreSQL when ROUNDTABLE_TEST_POSTGRES is set."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, cast

import pytest
from sqlalchemy import exc
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Dialect

from storage.claims import MARK_ANSWERED, ProcessedEventRepository
from storage.db import make_engine, session_factory, upgrade
from storage.driver import DriverSession, DriverUnitOfWork, _bound, _compiled
from storage.errors import UNAVAILABLE
from storage.models import CLAIMED
from storage.repositories import SeenIn
from storage.uow import UnitOfWork
from tests.conftest import empty_postgres

NOW = datetime(2024, 5, 10, 14, 0, 0, 123456, tzinfo=UTC)
MESSAGE = {"text": "¿qué sigue? 🙂", "user": {"user_id": "U1"}, "nested": {"list": [1, None, "ü"]}}
POSTGRES = os.environ.get("ROUNDTABLE_TEST_POSTGRES")
DATABASES = ["sqlite", pytest.param("postgresql", marks=pytest.mark.skipif(not POSTGRES, reason="no PG"))]


class Engines:
    def __init__(self, url: str) -> None:
        self.engine = make_engine(url)
        self.sessions = session_factory(self.engine)

    def uow(self) -> UnitOfWork:
        return UnitOfWork(self.sessions, "event")

    def driver(self) -> DriverUnitOfWork:
        return DriverUnitOfWork(self.engine)


@pytest.fixture(params=DATABASES)
async def engines(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Engines]:
    if request.param == "postgresql":
        assert POSTGRES is not None
        url = await empty_postgres(POSTGRES)
    else:
        url = f"sqlite+aiosqlite:///{tmp_path / 'driver.db'}"  # a file: each unit of work its own connection
    engines = Engines(url)
    await upgrade(engines.engine, "event")
    yield engines
    await engines.engine.dispose()


def claim_row(event_id: str) -> dict[str, Any]:
    return {
        "platform": "slack",
        "event_id": event_id,
        "received_at": NOW,
        "status": CLAIMED,
        "claimed_by": "worker",
        "claimed_until": NOW + timedelta(minutes=2),
        "message": MESSAGE,
    }


async def test_a_claim_written_on_the_driver_reads_back_through_the_orm(engines: Engines) -> None:
    async with engines.driver() as driver:
        assert await driver.processed.claim_many([claim_row("Ev1"), claim_row("Ev2")]) == {
            ("slack", "Ev1"),
            ("slack", "Ev2"),
        }
        await driver.conversations.remember([SeenIn("slack:U1", "slack", "D1", NOW, tenant_id="T1")])
        await driver.commit()
    async with engines.uow() as uow:
        later = NOW + timedelta(minutes=3)
        taken = await uow.processed.take_over("other", later, later + timedelta(minutes=2), 5)
        assert sorted(claim.event_id for claim in taken) == ["Ev1", "Ev2"]
        assert all(claim.message == MESSAGE for claim in taken)  # the JSON as the ORM stores it
        reference = await uow.conversations.get("slack:U1")
        assert reference is not None and (reference.conversation_id, reference.tenant_id) == ("D1", "T1")
        assert reference.updated_at == NOW  # microseconds and the UTC zone kept


async def test_a_claim_written_through_the_orm_is_not_claimed_again_on_the_driver(engines: Engines) -> None:
    async with engines.uow() as uow:
        assert await uow.processed.claim_many([claim_row("Ev3")]) == {("slack", "Ev3")}
        await uow.commit()
    async with engines.driver() as driver:
        assert await driver.processed.claim_many([claim_row("Ev3"), claim_row("Ev4")]) == {("slack", "Ev4")}
        await driver.processed.answered_many([("slack", "Ev3"), ("slack", "Ev4")])
        await driver.commit()
    async with engines.uow() as uow:
        assert await uow.processed.next_expiry() is None  # both answered: nothing is claimed any more


async def test_what_is_not_committed_is_rolled_back(engines: Engines) -> None:
    async with engines.driver() as driver:
        await driver.processed.claim_many([claim_row("Ev5")])
    async with engines.driver() as driver:
        assert await driver.processed.claim_many([claim_row("Ev5")]) == {("slack", "Ev5")}


async def test_members_read_on_the_driver_are_those_the_orm_reads(engines: Engines) -> None:
    async with engines.uow() as uow:
        member = await uow.members.upsert_seen("slack", "U1", "Ann", NOW)
        member.tz = "Asia/Tokyo"
        await uow.dialogs.save("slack:U1", "register", "hod_name", {}, "fr", NOW)
        await uow.commit()
    keys = [("slack", "U1"), ("slack", "U-unknown")]
    async with engines.uow() as uow:
        through_orm = await uow.members.seen(keys)
    async with engines.driver() as driver:
        on_driver = await driver.members.seen(keys)
    assert on_driver == through_orm
    seen = on_driver["slack", "U1"]
    assert (seen.tz, seen.flow, seen.dialog_lang, seen.last_seen_at) == ("Asia/Tokyo", "register", "fr", NOW)


async def test_a_hundred_and_one_claims_take_two_statements_and_all_count(engines: Engines) -> None:
    rows = [claim_row(f"Ev-many-{n}") for n in range(101)]
    async with engines.driver() as driver:
        assert len(await driver.processed.claim_many(rows)) == 101
        await driver.commit()


class LockedDriver:
    """An aiosqlite connection whose database stays locked by another writer."""

    async def execute_fetchall(self, sql: str, parameters: Any) -> Any:
        raise sqlite3.OperationalError("database is locked")

    async def executemany(self, sql: str, parameters: Any) -> Any:
        raise sqlite3.OperationalError("database is locked")


async def test_a_locked_database_is_unavailable_as_through_the_orm() -> None:
    session = DriverSession(LockedDriver(), sqlite.dialect())
    for parameters in ({"p": "slack", "e": "Ev6"}, [{"p": "slack", "e": "Ev6"}]):  # a fetch, an executemany
        with pytest.raises(exc.OperationalError) as raised:
            await session.execute(MARK_ANSWERED, parameters)
        assert isinstance(raised.value, UNAVAILABLE)


DIALECTS = [sqlite.dialect(), postgresql.asyncpg.dialect()]


@pytest.mark.parametrize("dialect", DIALECTS, ids=["sqlite", "asyncpg"])
def test_one_pass_binding_gives_what_sqlalchemy_binds(dialect: Dialect) -> None:
    claim = ProcessedEventRepository(cast(Any, DriverSession(None, dialect)))._claim_rows_statement(2)
    statements = [
        (claim, {f"{column}_{n}": value for n in range(2) for column, value in claim_row(f"E{n}").items()}),
        (MARK_ANSWERED, {"p": "slack", "e": "Ev1"}),  # with values the statement carries (status, …)
    ]
    for statement, values in statements:
        compiled = _compiled(statement, dialect)
        state = compiled.compiled.construct_expanded_state(values)
        processors = {**compiled.binds, **state.processors}
        expected = [_bound(processors.get(n), state.parameters[n]) for n in state.positiontup or ()]
        assert compiled.parameters(values) == expected
        assert compiled.compiled.string == state.statement
    with pytest.raises(KeyError):
        _compiled(MARK_ANSWERED, dialect).parameters({"p": "slack"})  # a value neither given nor carried
