"""Engine, sessions and migrations: SQLite (aiosqlite) by default, PostgreSQL (asyncpg) to scale out."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, event, text
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlalchemy.ext.asyncio import AsyncSession as AsyncSession
from sqlalchemy.pool import StaticPool

MIGRATIONS = Path(__file__).parent / "migrations"
DEFAULT_URL = "sqlite+aiosqlite:///roundtable.db"


def is_sqlite(url: str) -> bool:
    return url.startswith("sqlite")


def make_engine(url: str = DEFAULT_URL) -> AsyncEngine:
    if not is_sqlite(url):
        return create_async_engine(url, pool_pre_ping=True)
    in_memory = url.rstrip("/").endswith(":memory:") or url.endswith("://")
    options: dict[str, Any] = {"connect_args": {"timeout": 30}}
    if in_memory:
        options["poolclass"] = StaticPool  # one shared connection, or every session sees an empty database
    engine = create_async_engine(url, **options)
    event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    # In WAL mode NORMAL is still crash-safe for the database (a power cut may lose the last commits,
    # never corrupt); it saves one disk sync per commit, the main cost of each handled message.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def _upgrade(connection: Connection) -> None:
    command.upgrade(alembic_config(connection), "heads")


async def upgrade(engine: AsyncEngine) -> None:
    """Apply every pending migration (all heads: feature branches are independent)."""
    async with engine.begin() as connection:
        await connection.run_sync(_upgrade)


async def ping(engine: AsyncEngine) -> bool:
    try:
        async with engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
    except Exception:  # any driver error means "not ready"; /readyz reports it
        return False
    return True
