"""Engine, sessions and migrations: SQLite (aiosqlite) by default, PostgreSQL (asyncpg) to scale out."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, event, exc, inspect, text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, async_sessionmaker, create_async_engine
from sqlalchemy.ext.asyncio import AsyncSession as AsyncSession
from sqlalchemy.pool import PoolResetState, StaticPool

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).parent / "migrations"
DEFAULT_URL = "sqlite+aiosqlite:///roundtable.db"


SQLITE_TIMEOUT_S = 30.0  # how long a write waits for SQLite's lock before "database is locked"
READY_WAIT_MS = 1000
_READY_WRITE = text(
    "INSERT INTO processed_event (platform, event_id, received_at)"
    " VALUES ('readyz', :event_id, CURRENT_TIMESTAMP)"
)


def is_sqlite(url: str) -> bool:
    return url.startswith("sqlite")


def make_engine(url: str = DEFAULT_URL, lock_timeout: float = SQLITE_TIMEOUT_S) -> AsyncEngine:
    """``lock_timeout``: how long a SQLite write waits for another writer's lock (seconds)."""
    if not is_sqlite(url):
        engine = create_async_engine(url)
        event.listen(engine.sync_engine, "checkout", _discard_if_closed)
        return engine
    in_memory = url.rstrip("/").endswith(":memory:") or url.endswith("://")
    # The pool's rollback of every returned connection is a thread hop on aiosqlite; done by
    # _rollback_if_open only when a transaction is open.
    # check_same_thread=False: a pooled connection's short batches may also run on the event loop's
    # thread, while it is checked out and aiosqlite's thread has nothing of it to do (storage/at_once.py).
    connect_args = {"timeout": lock_timeout, "check_same_thread": False}
    options: dict[str, Any] = {"connect_args": connect_args, "pool_reset_on_return": None}
    if in_memory:
        options["poolclass"] = StaticPool  # one shared connection, or every session sees an empty database
    engine = create_async_engine(url, **options)
    busy_ms = int(lock_timeout * 1000)

    def pragmas(dbapi_connection: Any, _record: Any) -> None:
        _sqlite_pragmas(dbapi_connection, busy_ms)

    event.listen(engine.sync_engine, "connect", pragmas)
    event.listen(engine.sync_engine, "reset", _rollback_if_open)
    return engine


def _rollback_if_open(dbapi_connection: Any, _record: Any, state: PoolResetState) -> None:
    """A SQLite connection goes back to the pool rolled back, as SQLAlchemy's default reset does, unless
    no transaction is open (sqlite3 knows without a call on aiosqlite's thread): after a commit, after
    reads."""
    if state.terminate_only or not state.asyncio_safe or state.transaction_was_reset:
        return
    if dbapi_connection.driver_connection._conn.in_transaction:
        dbapi_connection.rollback()


def _discard_if_closed(dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
    """A pooled connection the server closed (PostgreSQL restarted, the backend was terminated) is replaced
    at checkout, before any statement fails on it. asyncpg knows this without asking the server:
    ``pool_pre_ping`` asked it with three round trips (BEGIN, an empty query, ROLLBACK) at every checkout,
    a third of those of the claim's transaction."""
    if dbapi_connection.driver_connection.is_closed():
        raise exc.DisconnectionError("the server closed this connection")


def _sqlite_pragmas(dbapi_connection: Any, busy_ms: int) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    # In WAL mode NORMAL is still crash-safe for the database (a power cut may lose the last commits,
    # never corrupt); it saves one disk sync per commit, the main cost of each handled message.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA busy_timeout={busy_ms}")
    cursor.close()


def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config  # only to migrate: not kept in a serving process's memory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


# The migration heads, so that a start on an up-to-date database need not load alembic to find out
# (~8 MB resident). tests/unit/service/test_migrations.py checks it against the scripts: a new migration
# adds its revision id here (and removes the one it follows, if that was a head).
MIGRATION_HEADS = frozenset(
    {
        *("0004", "0005", "0006", "0007_answer_claims", "0007_console", "0007_last_language"),
        *("0007_meetings", "0008_editions"),
    }
)


def _at_heads(connection: Connection) -> bool:
    if not inspect(connection).has_table("alembic_version"):
        return False
    stored = connection.execute(text("SELECT version_num FROM alembic_version")).scalars()
    return frozenset(stored) == MIGRATION_HEADS


def _upgrade(connection: Connection) -> None:
    if _at_heads(connection):
        return
    from alembic import command

    command.upgrade(alembic_config(connection), "heads")


_ADOPT_REGISTRATIONS = text("UPDATE registration SET event_id = :edition WHERE event_id = ''")


async def upgrade(engine: AsyncEngine, edition: str | None = None) -> None:
    """Apply every pending migration (all heads: feature branches are independent). Registrations
    written before editions were recorded (migration 0008) are adopted by ``edition``, the event the bot
    runs: upgrade before switching the event file to a series' next edition (README)."""
    async with engine.begin() as connection:
        await connection.run_sync(_upgrade)
        if edition is not None:
            await connection.execute(_ADOPT_REGISTRATIONS, {"edition": edition})


async def ping(engine: AsyncEngine) -> bool:
    """Whether the database takes a write now: a row is inserted and rolled back, so a database that
    reads but is write-locked (SQLite during a long write, a PostgreSQL replica) is reported not ready."""
    sqlite = engine.dialect.name == "sqlite"
    try:
        async with engine.connect() as connection:
            if sqlite:  # wait at most a second for the write lock, not as long as a message would wait
                configured = (await connection.execute(text("PRAGMA busy_timeout"))).scalar_one()
                await _busy_timeout(connection, min(READY_WAIT_MS, int(configured)))
            try:
                async with connection.begin() as transaction:
                    if not sqlite:
                        await connection.execute(text(f"SET LOCAL statement_timeout = {READY_WAIT_MS}"))
                    await connection.execute(_READY_WRITE, {"event_id": uuid.uuid4().hex})
                    await transaction.rollback()
            finally:
                if sqlite:
                    await _busy_timeout(connection, int(configured))
    except Exception:  # any driver error means "not ready"; /readyz reports it
        return False
    return True


async def _busy_timeout(connection: AsyncConnection, milliseconds: int) -> None:
    await connection.execute(text(f"PRAGMA busy_timeout = {milliseconds}"))
    await connection.commit()  # ends the transaction the statement began, so begin() can follow
