"""The statements every inbound message runs, on the database driver's own connection.

Each message claims its event id, reads its sender's member row and marks its answer: a few Core
statements per batch of concurrent messages (storage/group_commit.py). Through an AsyncSession each
statement costs several aiosqlite thread hops (cursor, execute, fetch, close) and the session's own
bookkeeping; bench/slack_events.py measured that as a third of the CPU of an answered message.

Here a statement is still built and compiled by SQLAlchemy, for the engine's dialect; its parameters go
through the bound columns' own bind processors and its rows through their result processors, so what is
written and read is exactly what the ORM writes and reads. It then runs as one driver call: asyncpg's
``fetch`` / ``executemany`` (one round trip); on SQLite a direct call on the pooled sqlite3 connection, the
whole batch at once, on the event loop's thread or in aiosqlite's (``DriverUnitOfWork.run``,
storage/at_once.py). Only the repositories these statements need are offered (``DriverUnitOfWork``).
"""

from __future__ import annotations

import contextlib
import sqlite3
import sys
from collections.abc import Callable, Coroutine, Mapping, Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import Any, NamedTuple, TypeVar, cast

from sqlalchemy import exc
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.sql.compiler import SQLCompiler

from storage.at_once import AtOnce, BusyError, OwnThread, to_completion
from storage.claims import ProcessedEventRepository
from storage.claims_postgres import ClaimBatchRepository
from storage.repositories import ConversationRepository, MemberRepository
from storage.uow import finish_even_if_cancelled

Processor = Callable[[Any], Any] | None
T = TypeVar("T")


class _Row(tuple[Any, ...]):
    """A result row: a tuple (``for a, b in rows``) that also gives its columns by name (``_asdict``)."""

    keys: tuple[str, ...] = ()

    def _asdict(self) -> dict[str, Any]:
        return dict(zip(self.keys, self, strict=True))


@dataclass(frozen=True, slots=True)
class _Compiled:
    """One statement compiled for one dialect, with what turns values into parameters and rows back."""

    compiled: SQLCompiler
    binds: Mapping[str, Processor]
    row: type[_Row]
    results: tuple[Processor, ...]
    writes: bool
    # A statement with no expanding parameter (every one but the IN lists): its parameters in order with
    # their processors, and the values it carries itself (``.values(status=...)``), so that binding them
    # is one pass instead of SQLAlchemy's three over every parameter of a hundred-row claim.
    positional: tuple[tuple[str, Processor], ...] | None
    carried: Mapping[str, Any]

    def parameters(self, values: Mapping[str, Any]) -> list[Any]:
        """The driver's positional parameters for ``values``; KeyError for one neither given nor carried."""
        assert self.positional is not None
        carried = self.carried
        return [
            _bound(processor, values[name] if name in values else carried[name])
            for name, processor in self.positional
        ]


class _Bind(NamedTuple):
    dialect: Dialect


class DriverSession:
    """Runs Core statements as ``AsyncSession.execute`` would (a dict of parameters: rows back; a list:
    executemany), on the driver connection of one pooled connection."""

    def __init__(self, driver: Any, dialect: Dialect, *, one_statement: bool = False) -> None:
        """``one_statement``: the transaction is a single statement, which asyncpg runs as one on its own
        (PostgreSQL): no BEGIN and COMMIT round trips around it. A second statement is refused."""
        self._driver, self._dialect = driver, dialect
        self.postgres = dialect.name == "postgresql"
        self.transaction: Any = None
        self._one_statement, self._statements = one_statement and self.postgres, 0

    def get_bind(self) -> _Bind:
        return _Bind(self._dialect)

    async def execute(
        self, statement: Any, parameters: Mapping[str, Any] | Sequence[Mapping[str, Any]]
    ) -> Any:
        compiled = _compiled(statement, self._dialect)
        self._statements += 1
        if self._one_statement and self._statements > 1:
            raise RuntimeError("a second statement in a one-statement transaction")
        try:
            if isinstance(parameters, Mapping):
                return await self._fetch(compiled, parameters)
            await self._execute_many(compiled, parameters)
        except _driver_errors() as error:
            raise _translated(error) from error
        return None

    async def _fetch(self, compiled: _Compiled, values: Mapping[str, Any]) -> list[_Row]:
        if compiled.positional is not None:
            sql, parameters = compiled.compiled.string, compiled.parameters(values)
        else:
            state = compiled.compiled.construct_expanded_state(dict(values))
            processors = {**compiled.binds, **state.processors}
            names = state.positiontup or ()
            sql = state.statement
            parameters = [_bound(processors.get(name), state.parameters[name]) for name in names]
        if self.postgres:
            if compiled.writes:
                await self._begin()
            records = await self._driver.fetch(sql, *parameters)
        else:
            records = await self._driver.execute_fetchall(sql, parameters)
        return [compiled.row(_bound(p, v) for p, v in zip(compiled.results, r, strict=True)) for r in records]

    async def _execute_many(self, compiled: _Compiled, rows: Sequence[Mapping[str, Any]]) -> None:
        if not rows:
            return
        if compiled.positional is None:
            raise NotImplementedError("executemany of a statement with expanding parameters")
        parameters = [compiled.parameters(row) for row in rows]
        if self.postgres:
            await self._begin()
        await self._driver.executemany(compiled.compiled.string, parameters)

    async def _begin(self) -> None:
        if self.transaction is None and not self._one_statement:  # asyncpg runs each statement on its own
            self.transaction = self._driver.transaction()
            await self.transaction.start()

    async def commit(self) -> None:
        try:
            if self.postgres:
                if self.transaction is not None:
                    await self.transaction.commit()
                    self.transaction = None
            else:
                await self._driver.commit()
        except _driver_errors() as error:
            raise _translated(error) from error

    async def rollback(self) -> None:
        """Undoes an uncommitted asyncpg transaction. SQLite's is undone by the pool, which rolls back
        every connection it takes back (a hop saved after each commit)."""
        if self.transaction is not None:
            transaction, self.transaction = self.transaction, None
            await transaction.rollback()


class DriverUnitOfWork:
    """The claims, conversation references and member reads of the hot path, in one transaction on one
    pooled connection; rolled back on exit unless ``commit()`` was called (like UnitOfWork)."""

    processed: ProcessedEventRepository
    conversations: ConversationRepository
    members: MemberRepository
    claim_batches: ClaimBatchRepository

    def __init__(
        self, engine: AsyncEngine, at_once: AtOnce | None = None, *, one_statement: bool = False
    ) -> None:
        """``one_statement``: see DriverSession."""
        self._engine, self._at_once, self._one_statement = engine, at_once, one_statement

    async def __aenter__(self) -> DriverUnitOfWork:
        # Connected and closed where a cancel cannot cut it short (see UnitOfWork.__aenter__).
        await finish_even_if_cancelled(self._connect())
        try:
            pooled = await self._connection.get_raw_connection()
        except BaseException:
            await finish_even_if_cancelled(self._connection.close())
            raise
        self._driver: Any = pooled.driver_connection
        self._bind(DriverSession(self._driver, self._engine.dialect, one_statement=self._one_statement))
        return self

    def _bind(self, session: DriverSession) -> None:
        self.session = session
        self.processed = ProcessedEventRepository(cast(Any, session))
        self.conversations = ConversationRepository(cast(Any, session))
        self.members = MemberRepository(cast(Any, session))
        self.claim_batches = ClaimBatchRepository(cast(Any, session))

    async def run(self, body: Callable[[DriverUnitOfWork], Coroutine[Any, Any, T]]) -> T:
        """``body(self)``. On SQLite its statements are calls on the pooled sqlite3 connection that complete
        at once (storage/at_once.py): on this thread when the write lock is free, else in aiosqlite's
        thread as one call; either way the batch never waits for the busy event loop between statements
        (it did, once per statement: five turns of the loop per claim batch)."""
        if self.session.postgres:
            return await body(self)
        sqlite_connection: sqlite3.Connection = self._driver._conn
        if self._at_once is not None:
            with contextlib.suppress(BusyError):
                return self._at_once.attempt(sqlite_connection, lambda: body(self._on(sqlite_connection)))
        result: T = await self._driver._execute(to_completion, body(self._on(sqlite_connection)))
        return result

    def _on(self, sqlite_connection: sqlite3.Connection) -> DriverUnitOfWork:
        """This transaction's repositories, their statements made at once on ``sqlite_connection``."""
        direct = DriverUnitOfWork(self._engine)
        direct._bind(DriverSession(OwnThread(sqlite_connection), self._engine.dialect))
        return direct

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        try:
            await self.session.rollback()
        except _driver_errors():
            pass  # the connection is gone: the pool discards it
        finally:
            await finish_even_if_cancelled(self._connection.close())

    async def _connect(self) -> None:
        self._connection = await self._engine.connect()

    async def commit(self) -> None:
        await self.session.commit()


_compiled_statements: dict[tuple[int, str], tuple[Any, _Compiled]] = {}
MAX_COMPILED = 512  # the hot path has a few statements and ≤ 100 claim shapes per dialect


def _compiled(statement: Any, dialect: Dialect) -> _Compiled:
    """Compiled once per statement object and dialect (hot-path statements are module constants, or
    cached by their builders)."""
    key = (id(statement), dialect.name)
    known = _compiled_statements.get(key)
    if known is not None and known[0] is statement:
        return known[1]
    compiled = cast(SQLCompiler, statement.compile(dialect=dialect))
    binds = {
        name: bind.type.dialect_impl(dialect).bind_processor(dialect) for name, bind in compiled.binds.items()
    }
    columns = list(statement.exported_columns) if hasattr(statement, "exported_columns") else []
    made = _Compiled(
        compiled,
        binds,
        type("Row", (_Row,), {"keys": tuple(column.key for column in columns)}),
        tuple(column.type.dialect_impl(dialect).result_processor(dialect, None) for column in columns),
        bool(compiled.isinsert or compiled.isupdate or compiled.isdelete),
        *_positional(compiled, binds),
    )
    if len(_compiled_statements) >= MAX_COMPILED:  # a statement built per call would otherwise pile up
        _compiled_statements.clear()
    _compiled_statements[key] = (statement, made)  # the statement is kept, so its id stays its own
    return made


def _positional(
    compiled: SQLCompiler, binds: Mapping[str, Processor]
) -> tuple[tuple[tuple[str, Processor], ...] | None, Mapping[str, Any]]:
    expands = compiled.post_compile_params or compiled.literal_execute_params or compiled.escaped_bind_names
    if expands or compiled.positiontup is None:
        return None, {}
    carried = compiled.construct_params({}, _check=False)
    given_by_statement = {name: value for name, value in carried.items() if not compiled.binds[name].required}
    return tuple((name, binds.get(name)) for name in compiled.positiontup), given_by_statement


def _bound(processor: Processor, value: Any) -> Any:
    return value if processor is None else processor(value)


def _driver_errors() -> tuple[type[BaseException], ...]:
    """What the drivers raise. asyncpg's are looked up only once it is loaded (it is imported with the
    first PostgreSQL connection; a SQLite deployment never pays its memory)."""
    errors: tuple[type[BaseException], ...] = (sqlite3.Error, OSError, TimeoutError)
    asyncpg = sys.modules.get("asyncpg")
    if asyncpg is not None:
        errors += (asyncpg.PostgresError, asyncpg.InterfaceError)
    return errors


def _translated(error: BaseException) -> BaseException:
    """The driver's own error as SQLAlchemy's, so callers see one family whichever way a statement ran:
    a lost connection or a locked database is OperationalError (storage/errors.py UNAVAILABLE)."""
    if isinstance(error, sqlite3.IntegrityError) or type(error).__name__.endswith("ViolationError"):
        return exc.IntegrityError(None, None, cast(Exception, error))
    if isinstance(error, sqlite3.OperationalError | OSError | TimeoutError) or _lost_connection(error):
        return exc.OperationalError(None, None, cast(Exception, error))
    return exc.DBAPIError(None, None, cast(Exception, error))


def _lost_connection(error: BaseException) -> bool:
    name = type(error).__name__
    return name in {"ConnectionDoesNotExistError", "InterfaceError", "CannotConnectNowError"} or (
        "Connection" in name and "Error" in name
    )
