"""The migrations build exactly the tables the models describe: nothing missing, nothing extra."""

from __future__ import annotations

from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Connection

from storage.db import make_engine, upgrade
from storage.models import Base


async def test_migrated_database_matches_the_models() -> None:
    engine = make_engine("sqlite+aiosqlite://")
    await upgrade(engine)

    def differences(connection: Connection) -> list[Any]:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(context, Base.metadata))

    async with engine.connect() as connection:
        found = await connection.run_sync(differences)
    await engine.dispose()
    assert found == []


async def test_upgrading_twice_changes_nothing() -> None:
    engine = make_engine("sqlite+aiosqlite://")
    await upgrade(engine)
    await upgrade(engine)
    await engine.dispose()
