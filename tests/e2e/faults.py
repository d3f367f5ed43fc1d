"""Database faults for end-to-end tests, with no PostgreSQL: a SQLite file that cannot be opened, or one
another connection holds the write lock on."""

from __future__ import annotations

import asyncio
import shutil
import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncEngine

SIDE_FILES = ("", "-wal", "-shm")


@asynccontextmanager
async def database_gone(engine: AsyncEngine, path: Path) -> AsyncIterator[None]:
    """The database file is moved away and a directory stands in its place: every new connection fails
    with SQLite's own "unable to open database file" (pooled ones are closed first), as with a lost disk."""
    await _dispose_when_idle(engine)
    await asyncio.to_thread(_move_aside, path)
    try:
        yield
    finally:
        await _dispose_when_idle(engine)
        await asyncio.to_thread(_move_back, path)


def _move_aside(path: Path) -> None:
    aside = path.parent / "aside"
    aside.mkdir()
    for suffix in SIDE_FILES:
        if Path(f"{path}{suffix}").exists():
            shutil.move(f"{path}{suffix}", aside / f"db{suffix}")
    path.mkdir()


def _move_back(path: Path) -> None:
    aside = path.parent / "aside"
    path.rmdir()
    for suffix in SIDE_FILES:
        if (aside / f"db{suffix}").exists():
            shutil.move(aside / f"db{suffix}", f"{path}{suffix}")
    aside.rmdir()


async def _dispose_when_idle(engine: AsyncEngine) -> None:
    """Close the pooled connections once none is in use (the server's sweep may hold one for a moment): a
    connection disposed of while in use would never be closed."""
    async with asyncio.timeout(10):
        # The pool offers no event to wait on; this polls only while a sweep or request finishes.
        while engine.sync_engine.pool.checkedout():  # type: ignore[attr-defined]  # noqa: ASYNC110
            await asyncio.sleep(0.01)
    await engine.dispose()


@asynccontextmanager
async def write_locked(path: Path) -> AsyncIterator[None]:
    """A second connection holds SQLite's write lock (BEGIN IMMEDIATE) until the block ends. It waits for
    the lock in a thread: the server's own transactions need this event loop to finish and let go."""
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=10)
    try:
        await asyncio.to_thread(holder.execute, "BEGIN IMMEDIATE")
        yield
        holder.execute("COMMIT")
    finally:
        holder.close()
