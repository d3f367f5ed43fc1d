"""The migrations build exactly the tables the models describe: nothing missing, nothing extra."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, insert, select, text

from storage.db import MIGRATION_HEADS, alembic_config, make_engine, upgrade
from storage.models import Base, Member

SEEN = {
    "created_at": datetime(2024, 5, 1, 12, 0, tzinfo=UTC),
    "last_seen_at": datetime(2024, 5, 1, 12, 0, tzinfo=UTC),
}


def differences(connection: Connection) -> list[Any]:
    """What alembic's autogenerate would change to make the database match the models (column types too)."""
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return list(compare_metadata(context, Base.metadata))


async def test_migrated_database_matches_the_models() -> None:
    engine = make_engine("sqlite+aiosqlite://")
    await upgrade(engine)

    async with engine.connect() as connection:
        found = await connection.run_sync(differences)
    await engine.dispose()
    assert found == []


async def test_upgrading_twice_changes_nothing() -> None:
    """A second upgrade (every start of the bot on SQLite runs one) finds nothing to do: the same schema,
    the same revisions, the rows untouched, and still no difference from the models."""
    engine = make_engine("sqlite+aiosqlite://")
    try:
        await upgrade(engine)
        async with engine.begin() as connection:
            await connection.execute(insert(Member).values(platform="console", user_id="alice", **SEEN))
            first = await connection.run_sync(schema)
        await upgrade(engine)
        async with engine.connect() as connection:
            second = await connection.run_sync(schema)
            members = (await connection.execute(select(Member.user_id))).scalars().all()
            found = await connection.run_sync(differences)
    finally:
        await engine.dispose()
    assert second == first
    assert first["revisions"] == sorted(ScriptDirectory.from_config(alembic_config()).get_heads())
    assert {"member", "alembic_version"} <= {name for kind, name, _ in first["objects"] if kind == "table"}
    assert members == ["alice"]
    assert found == []


def schema(connection: Connection) -> dict[str, list[Any]]:
    """Every table, index and trigger as SQLite stores its definition, and the applied revisions."""
    objects = connection.execute(
        text("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")
    )
    revisions = connection.execute(text("SELECT version_num FROM alembic_version ORDER BY version_num"))
    return {"objects": [tuple(row) for row in objects], "revisions": list(revisions.scalars())}


def test_the_known_heads_are_the_scripts_heads() -> None:
    """``serve`` skips alembic when the database is at MIGRATION_HEADS: they must be the real heads."""
    assert frozenset(ScriptDirectory.from_config(alembic_config()).get_heads()) == MIGRATION_HEADS


async def test_a_database_behind_the_heads_is_still_migrated() -> None:
    engine = make_engine("sqlite+aiosqlite://")
    try:
        await upgrade(engine)
        async with engine.begin() as connection:
            await connection.execute(text("DELETE FROM alembic_version WHERE version_num = '0006'"))
            await connection.execute(text("DROP TABLE download"))
        await upgrade(engine)
        async with engine.connect() as connection:
            assert await connection.run_sync(differences) == []
    finally:
        await engine.dispose()
