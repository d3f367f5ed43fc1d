"""Unit of work: one transaction per use; rolls back on exit unless ``commit()`` was called."""

from __future__ import annotations

from types import TracebackType

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.agenda import AgendaRepository
from storage.downloads import DownloadRepository
from storage.matchmaking import MatchmakingRepository
from storage.outbox import OutboxRepository, ReminderPreferenceRepository
from storage.pitches import PitchRepository
from storage.registration import RegistrationRepository
from storage.repositories import (
    AuditRepository,
    ConversationRepository,
    DialogRepository,
    MemberRepository,
    ProcessedEventRepository,
)


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

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def __aenter__(self) -> UnitOfWork:
        self.session = self._sessions()
        self.members = MemberRepository(self.session)
        self.dialogs = DialogRepository(self.session)
        self.processed = ProcessedEventRepository(self.session)
        self.conversations = ConversationRepository(self.session)
        self.audit = AuditRepository(self.session)
        self.registrations = RegistrationRepository(self.session)
        self.outbox = OutboxRepository(self.session)
        self.reminder_prefs = ReminderPreferenceRepository(self.session)
        self.pitches = PitchRepository(self.session)
        self.matchmaking = MatchmakingRepository(self.session)
        self.agenda = AgendaRepository(self.session)
        self.downloads = DownloadRepository(self.session)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.session.rollback()
        await self.session.close()

    async def commit(self) -> None:
        await self.session.commit()
