"""Unit of work: one transaction per use; rolls back on exit unless ``commit()`` was called."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Coroutine
from types import TracebackType
from typing import Any, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.agenda import AgendaRepository
from storage.claims import ProcessedEventRepository
from storage.downloads import DownloadRepository
from storage.editions import EditionRepository
from storage.matchmaking import MatchmakingRepository
from storage.meetings import MeetingRepository
from storage.outbox import OutboxRepository, ReminderPreferenceRepository
from storage.pitches import PitchRepository
from storage.registration import RegistrationRepository
from storage.repositories import (
    AuditRepository,
    ConversationRepository,
    DialogRepository,
    MemberRepository,
)
from storage.summaries import SummaryRepository

T = TypeVar("T")


class UnitOfWork:
    members: MemberRepository
    dialogs: DialogRepository
    processed: ProcessedEventRepository
    conversations: ConversationRepository
    audit: AuditRepository
    registrations: RegistrationRepository
    outbox: OutboxRepository
    reminder_prefs: ReminderPreferenceRepository
    pitches: PitchRepository
    matchmaking: MatchmakingRepository
    agenda: AgendaRepository
    downloads: DownloadRepository
    meetings: MeetingRepository
    editions: EditionRepository
    summaries: SummaryRepository

    def __init__(self, sessions: async_sessionmaker[AsyncSession], edition: str) -> None:
        self._sessions = sessions
        self.edition = edition  # the event id registrations are read and written for

    async def __aenter__(self) -> UnitOfWork:
        self.session = self._sessions()
        self.members = MemberRepository(self.session)
        self.dialogs = DialogRepository(self.session)
        self.processed = ProcessedEventRepository(self.session)
        self.conversations = ConversationRepository(self.session)
        self.audit = AuditRepository(self.session)
        self.registrations = RegistrationRepository(self.session, self.edition)
        self.outbox = OutboxRepository(self.session)
        self.reminder_prefs = ReminderPreferenceRepository(self.session)
        self.pitches = PitchRepository(self.session)
        self.matchmaking = MatchmakingRepository(self.session)
        self.agenda = AgendaRepository(self.session)
        self.downloads = DownloadRepository(self.session)
        self.meetings = MeetingRepository(self.session)
        self.editions = EditionRepository(self.session)
        self.summaries = SummaryRepository(self.session)
        try:
            # The connection is taken now, where a cancel cannot cut it short: aiosqlite, cancelled while
            # connecting, leaves its thread to report back to an event loop that may have closed by then.
            await finish_even_if_cancelled(self._begin())
        except BaseException:
            await finish_even_if_cancelled(self._end())
            raise
        return self

    async def _begin(self) -> None:
        await self.session.connection()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        # Ended even when the task is cancelled (a scheduler stopping, a server shutting down): a cancel
        # landing inside the driver's rollback leaves the pooled connection half reset, and SQLAlchemy's
        # pool prints a CancelledError traceback for it.
        await finish_even_if_cancelled(self._end())

    async def _end(self) -> None:
        await self.session.rollback()
        await self.session.close()

    async def commit(self) -> None:
        await finish_even_if_cancelled(self.session.commit())  # its connection is reset on release too

    async def run(self, body: Callable[[UnitOfWork], Coroutine[Any, Any, T]]) -> T:
        """``body(self)`` (GroupCommit runs its transactions so; DriverUnitOfWork runs them in one call)."""
        return await body(self)


async def finish_even_if_cancelled(work: Coroutine[Any, Any, None]) -> None:
    """Runs ``work`` to its end; a cancellation that arrives meanwhile is passed on once it has ended."""
    task = asyncio.ensure_future(work)
    try:
        await asyncio.shield(task)
    except asyncio.CancelledError:
        while not task.done():
            with contextlib.suppress(asyncio.CancelledError):  # asked again: the work still comes first
                await asyncio.wait({task})
        if not task.cancelled():
            task.exception()  # marked as seen: the caller hears of the cancellation, which came first
        raise
