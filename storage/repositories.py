"""Repositories for the core aggregates; feature repositories live beside them in their own modules."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import String, Table, bindparam, delete, func, select, tuple_, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import (
    ANSWERED,
    CLAIMED,
    AuditEntry,
    ConversationReference,
    DialogState,
    Member,
    ProcessedEvent,
)

_PLATFORM = bindparam("platform", type_=String())
# Read for every message, so built once (see MARK_ANSWERED below): ~0.2 ms of CPU less each time.
MEMBER_WITH_FLOW = (
    select(Member, DialogState.flow, DialogState.data)
    .outerjoin(DialogState, DialogState.user_key == _PLATFORM + ":" + Member.user_id)
    .where(Member.platform == _PLATFORM, Member.user_id == bindparam("user_id"))
)


class Repository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    @property
    def dialect(self) -> str:
        return self.session.get_bind().dialect.name

    def insert(self, table: Any) -> Any:
        """A dialect-aware INSERT that supports ``on_conflict_do_nothing`` (SQLite and PostgreSQL)."""
        if self.dialect == "postgresql":
            from sqlalchemy.dialects.postgresql import insert as pg_insert  # ~2 MB a SQLite bot never needs

            return pg_insert(table)
        return sqlite_insert(table)


DIALOG_LANG_KEY = "lang"  # dialog data key: the language a multi-step conversation started in


def pinned_lang(data: dict[str, Any] | None) -> str | None:
    """The language a dialog row's data was pinned to when its flow started (None if it holds none)."""
    pinned = (data or {}).get(DIALOG_LANG_KEY)
    return pinned if isinstance(pinned, str) else None


class MemberRepository(Repository):
    async def platforms(self) -> set[str]:
        """The platforms people have written from (a rehearsal clock must not reach the others)."""
        return set((await self.session.execute(select(Member.platform).distinct())).scalars())

    async def get(self, platform: str, user_id: str) -> Member | None:
        query = select(Member).where(Member.platform == platform, Member.user_id == user_id)
        return (await self.session.execute(query)).scalar_one_or_none()

    async def get_by_key(self, user_key: str) -> Member | None:
        platform, _, user_id = user_key.partition(":")
        return await self.get(platform, user_id)

    async def get_with_flow(
        self, platform: str, user_id: str
    ) -> tuple[Member | None, str | None, str | None]:
        """The member, the flow of their open dialog and the language that dialog started in, in one
        query (the per-message read)."""
        parameters = {"platform": platform, "user_id": user_id}
        row = (await self.session.execute(MEMBER_WITH_FLOW, parameters)).one_or_none()
        if row is None:
            return None, None, None
        return row[0], row[1], pinned_lang(row[2])

    async def upsert_seen(self, platform: str, user_id: str, display_name: str, now: datetime) -> Member:
        """The member row for this identity, created on first contact; concurrent first contacts are safe."""
        statement = (
            self.insert(Member)
            .values(
                platform=platform,
                user_id=user_id,
                display_name=display_name,
                created_at=now,
                last_seen_at=now,
                reminders_enabled=True,
            )
            .on_conflict_do_nothing(index_elements=["platform", "user_id"])
        )
        await self.session.execute(statement)
        member = await self.get(platform, user_id)
        assert member is not None  # inserted above or already there
        member.last_seen_at = now
        if display_name:
            member.display_name = display_name
        return member

    async def all(self) -> list[Member]:
        return list((await self.session.execute(select(Member).order_by(Member.id))).scalars())


class DialogRepository(Repository):
    async def get(self, user_key: str) -> DialogState | None:
        return await self.session.get(DialogState, user_key)

    async def save(
        self, user_key: str, flow: str, step: str, data: dict[str, Any], lang: str, now: datetime
    ) -> DialogState:
        """Opens or replaces the user's one dialog row; ``lang`` is kept in its data under DIALOG_LANG_KEY,
        where MemberRepository.get_with_flow reads it back for every message of the flow."""
        pinned = {**data, DIALOG_LANG_KEY: lang}
        state = await self.get(user_key)
        if state is None:
            state = DialogState(user_key=user_key, flow=flow, step=step, data=pinned, updated_at=now)
            self.session.add(state)
        else:
            state.flow, state.step, state.data, state.updated_at = flow, step, pinned, now
        return state

    async def busy(self, user_keys: Iterable[str], since: datetime) -> dict[str, datetime]:
        """Of these users, those whose open dialog moved on after ``since``: key → when it last did."""
        query = select(DialogState.user_key, DialogState.updated_at).where(
            DialogState.user_key.in_(set(user_keys)), DialogState.updated_at > since
        )
        return {key: at for key, at in await self.session.execute(query)}

    async def end(self, user_key: str) -> None:
        state = await self.get(user_key)
        if state is not None:
            await self.session.delete(state)


@dataclass(frozen=True, slots=True)
class Claim:
    """An inbound event one process is answering; ``message`` is what it needs to answer it again."""

    platform: str
    event_id: str
    message: dict[str, Any]


CLAIM_KEYS_CHUNK = 400  # (platform, event_id) pairs per statement: far below SQLite's parameter limit
# Every message's two writes, as Core statements built once: an ORM statement built per call costs
# about 1.3 ms of CPU more each (1.8 ms against 0.5 ms for the answered mark, on SQLite).
PROCESSED = cast(Table, ProcessedEvent.__table__)
CLAIM_COLUMNS = ("platform", "event_id", "received_at", "status", "claimed_by", "claimed_until", "message")
MARK_ANSWERED = (
    update(PROCESSED)
    .where(PROCESSED.c.platform == bindparam("p"), PROCESSED.c.event_id == bindparam("e"))
    .values(status=ANSWERED, claimed_by=None, claimed_until=None, message=None)
)
_claim_statements: dict[str, Any] = {}  # per dialect


class ProcessedEventRepository(Repository):
    async def claim(
        self,
        platform: str,
        event_id: str,
        now: datetime,
        *,
        worker: str | None = None,
        lease_until: datetime | None = None,
        message: dict[str, Any] | None = None,
    ) -> bool:
        """True the first time an event id is seen; False for every retry or duplicate delivery. With a
        ``message`` the row stays claimed by ``worker`` until ``answered``; without one it is final now."""
        values = {
            "platform": platform,
            "event_id": event_id,
            "received_at": now,
            "status": ANSWERED if message is None else CLAIMED,
            "claimed_by": None if message is None else worker,
            "claimed_until": None if message is None else lease_until,
            "message": message,
        }
        result = await self.session.execute(self._claim_statement(), values)
        return bool(getattr(result, "rowcount", 0))

    def _claim_statement(self) -> Any:
        statement = _claim_statements.get(self.dialect)
        if statement is None:
            statement = (
                self.insert(PROCESSED)
                .values({column: bindparam(column) for column in CLAIM_COLUMNS})
                .on_conflict_do_nothing(index_elements=["platform", "event_id"])
            )
            _claim_statements[self.dialect] = statement
        return statement

    async def answered(self, platform: str, event_id: str) -> None:
        """The answer was posted or is kept in the outbox: only the id stays, to recognise retries."""
        await self.session.execute(MARK_ANSWERED, {"p": platform, "e": event_id})

    async def earlier_unanswered(self, platform: str, event_id: str, user_id: str) -> bool:
        """Whether ``user_id`` has a message claimed before this one (on any instance) that is still
        unanswered. Only claimed rows are looked at (the in-flight few, by the status index)."""
        mine = (
            select(ProcessedEvent.received_at)
            .where(ProcessedEvent.platform == platform, ProcessedEvent.event_id == event_id)
            .scalar_subquery()
        )
        earlier = (
            select(ProcessedEvent.event_id)
            .where(
                ProcessedEvent.status == CLAIMED,
                ProcessedEvent.platform == platform,
                ProcessedEvent.message[("user", "user_id")].as_string() == user_id,
                ProcessedEvent.received_at < mine,
            )
            .limit(1)
        )
        return (await self.session.execute(earlier)).first() is not None

    async def release(self, platform: str, event_id: str) -> None:
        """Forget a claim not yet answered, so that the platform's own retry of the event is processed."""
        await self.session.execute(
            delete(ProcessedEvent).where(
                ProcessedEvent.platform == platform,
                ProcessedEvent.event_id == event_id,
                ProcessedEvent.status == CLAIMED,
            )
        )

    async def hand_over(self, platform: str, event_id: str, now: datetime) -> None:
        """End the lease now: whichever instance sweeps next answers it from the stored message."""
        await self.session.execute(
            update(ProcessedEvent)
            .where(
                ProcessedEvent.platform == platform,
                ProcessedEvent.event_id == event_id,
                ProcessedEvent.status == CLAIMED,
            )
            .values(claimed_until=now)
        )

    async def renew(self, worker: str, keys: list[tuple[str, str]], lease_until: datetime) -> None:
        """Extend the leases of the claims ``worker`` is still answering (its heartbeat)."""
        for start in range(0, len(keys), CLAIM_KEYS_CHUNK):
            chunk = keys[start : start + CLAIM_KEYS_CHUNK]
            await self.session.execute(
                update(ProcessedEvent)
                .where(
                    ProcessedEvent.claimed_by == worker,
                    ProcessedEvent.status == CLAIMED,
                    tuple_(ProcessedEvent.platform, ProcessedEvent.event_id).in_(chunk),
                )
                .values(claimed_until=lease_until)
                .execution_options(synchronize_session=False)
            )

    async def take_over(self, worker: str, now: datetime, lease_until: datetime, limit: int) -> list[Claim]:
        """Claims whose lease ran out (their process died or gave them up), now ``worker``'s."""
        expired = (
            select(ProcessedEvent.platform, ProcessedEvent.event_id)
            .where(ProcessedEvent.status == CLAIMED, ProcessedEvent.claimed_until < now)
            .order_by(ProcessedEvent.received_at)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        statement = (
            update(ProcessedEvent)
            .where(tuple_(ProcessedEvent.platform, ProcessedEvent.event_id).in_(expired))
            .values(claimed_by=worker, claimed_until=lease_until)
            .returning(ProcessedEvent.platform, ProcessedEvent.event_id, ProcessedEvent.message)
            .execution_options(synchronize_session=False)
        )
        rows = (await self.session.execute(statement)).all()
        return [Claim(platform, event_id, message or {}) for platform, event_id, message in rows]

    async def next_expiry(self) -> datetime | None:
        query = select(func.min(ProcessedEvent.claimed_until)).where(ProcessedEvent.status == CLAIMED)
        return (await self.session.execute(query)).scalar_one_or_none()

    async def prune(self, before: datetime) -> int:
        """Forget answered event ids received before ``before``: platforms stop retrying long before that."""
        result = await self.session.execute(
            delete(ProcessedEvent).where(
                ProcessedEvent.received_at < before, ProcessedEvent.status == ANSWERED
            )
        )
        return int(getattr(result, "rowcount", 0) or 0)


class ConversationRepository(Repository):
    async def get(self, user_key: str) -> ConversationReference | None:
        return await self.session.get(ConversationReference, user_key)

    async def upsert(
        self,
        user_key: str,
        platform: str,
        conversation_id: str,
        now: datetime,
        *,
        service_url: str | None = None,
        tenant_id: str | None = None,
        reference: dict[str, Any] | None = None,
    ) -> ConversationReference:
        row = await self.get(user_key)
        unchanged = (
            row is not None
            and row.unreachable_at is None
            and (
                (row.conversation_id, row.service_url, row.tenant_id, row.reference)
                == (conversation_id, service_url, tenant_id, reference or {})
            )
        )
        if row is not None and unchanged:
            return row  # the common case: no write for a reference we already hold
        if row is None:
            row = ConversationReference(user_key=user_key, platform=platform, updated_at=now)
            self.session.add(row)
        row.conversation_id, row.service_url, row.tenant_id = conversation_id, service_url, tenant_id
        row.reference, row.updated_at, row.unreachable_at = reference or {}, now, None
        return row

    async def mark_unreachable(self, user_key: str, now: datetime) -> None:
        row = await self.get(user_key)
        if row is not None:
            row.unreachable_at = now


@dataclass(frozen=True, slots=True)
class Audited:
    actor: str
    action: str
    subject: str
    after: dict[str, Any]


class AuditRepository(Repository):
    def __init__(self, session: AsyncSession) -> None:
        super().__init__(session)
        # This unit of work's entries as plain values, for what follows its commit (ORM rows expire then).
        self.recorded: list[Audited] = []

    async def count(self, actor: str, action: str, since: datetime) -> int:
        query = select(func.count()).where(
            AuditEntry.actor == actor, AuditEntry.action == action, AuditEntry.at >= since
        )
        return int((await self.session.execute(query)).scalar_one())

    def record(
        self,
        at: datetime,
        actor: str,
        action: str,
        subject: str = "",
        *,
        before: dict[str, Any] | None = None,
        after: dict[str, Any] | None = None,
        note: str = "",
    ) -> AuditEntry:
        entry = AuditEntry(
            at=at, actor=actor, action=action, subject=subject, before=before, after=after, note=note
        )
        self.session.add(entry)
        self.recorded.append(Audited(actor, action, subject, dict(after or {})))
        return entry

    async def all(self) -> list[AuditEntry]:
        return list((await self.session.execute(select(AuditEntry).order_by(AuditEntry.id))).scalars())
