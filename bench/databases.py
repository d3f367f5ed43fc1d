"""Where a bench keeps its database: a fresh SQLite file, or a fresh PostgreSQL database on the server that
``--database`` names, dropped afterwards. Runs on a database kept from earlier runs measured its growing
claim table and the autovacuum that came with it, more than the code."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from sqlalchemy import make_url, text
from sqlalchemy.ext.asyncio import create_async_engine


@asynccontextmanager
async def fresh_database(server: str | None, folder: Path) -> AsyncIterator[str]:
    """The URL of an empty database: a file in ``folder``, or, with ``server`` (a PostgreSQL URL), a new
    database beside the one it names (its user needs CREATEDB)."""
    if server is None:
        yield f"sqlite+aiosqlite:///{folder / 'bench.db'}"
        return
    name = f"roundtable_bench_{uuid.uuid4().hex[:8]}"
    admin = create_async_engine(server, isolation_level="AUTOCOMMIT")
    try:
        async with admin.connect() as connection:
            await connection.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            yield make_url(server).set(database=name).render_as_string(hide_password=False)
        finally:
            async with admin.connect() as connection:
                await connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    finally:
        await admin.dispose()
