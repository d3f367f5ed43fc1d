"""A pooled PostgreSQL connection the server closed (a restart, a terminated backend) is replaced when it is
next checked out, without a round trip to ask and without a statement failing on it first."""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from storage.db import make_engine, upgrade
from storage.driver import DriverUnitOfWork
from tests.conftest import empty_postgres

POSTGRES = os.environ.get("ROUNDTABLE_TEST_POSTGRES")
pytestmark = pytest.mark.skipif(not POSTGRES, reason="ROUNDTABLE_TEST_POSTGRES not set")
NOTICED_WITHIN_S = 10.0  # the server's goodbye reaches the client over loopback in milliseconds


@pytest.fixture
async def engine() -> AsyncIterator[AsyncEngine]:
    assert POSTGRES is not None
    made = make_engine(await empty_postgres(POSTGRES))
    await upgrade(made, "event")
    yield made
    await made.dispose()


async def _pooled_driver_connection(engine: AsyncEngine) -> Any:
    async with engine.connect() as connection:
        await connection.execute(text("SELECT 1"))
        return (await connection.get_raw_connection()).driver_connection


async def _terminate_the_others(engine: AsyncEngine, pooled: Any) -> None:
    """Ends every other backend of this database, as a restart does, and waits until the client of the
    pooled connection has seen it go."""
    gone = asyncio.Event()
    pooled.add_termination_listener(lambda _connection: gone.set())
    killer = make_engine(engine.url.render_as_string(hide_password=False))
    try:
        async with killer.connect() as connection:
            await connection.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
            )
    finally:
        await killer.dispose()
    await asyncio.wait_for(gone.wait(), NOTICED_WITHIN_S)
    assert pooled.is_closed()


async def test_a_session_after_the_server_closed_its_connection_gets_a_new_one(engine: AsyncEngine) -> None:
    old = await _pooled_driver_connection(engine)
    await _terminate_the_others(engine, old)
    async with engine.connect() as connection:
        assert (await connection.execute(text("SELECT 1"))).scalar_one() == 1
        assert (await connection.get_raw_connection()).driver_connection is not old


async def test_the_hot_path_after_the_server_closed_its_connection_gets_one_too(engine: AsyncEngine) -> None:
    old = await _pooled_driver_connection(engine)
    await _terminate_the_others(engine, old)
    async with DriverUnitOfWork(engine) as driver:
        assert await driver.members.seen([("slack", "U1")]) == {}
