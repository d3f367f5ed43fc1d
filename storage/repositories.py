"""Repositories for the core aggregates; feature repositories live beside them in their own modules."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import AuditEntry, ConversationReference, DialogState, Member, ProcessedEvent


class Repository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    @property
    def dialect(self) -> str:
        return self.session.get_bind().dialect.name

    def insert(self, table: Any) -> Any:
        """A dialect-aware INSERT that supports ``on_conflict_do_nothing`` (SQLite and PostgreSQL)."""
        return pg_insert(table) if self.dialect == "postgresql" else sqlite_insert(table)


DIALOG_LANG_KEY = "lang"  # dialog data key: the language a multi-step conversation started in


class MemberRepository(Repository):
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
        query = (
            select(Member, DialogState.flow, DialogState.data)
            .outerjoin(DialogState, DialogState.user_key == platform + ":" + Member.user_id)
            .where(Member.platform == platform, Member.user_id == user_id)
        )
        row = (await self.session.execute(query)).one_or_none()
        if row is None:
            return None, None, None
        pinned = (row[2] or {}).get(DIALOG_LANG_KEY)
        return row[0], row[1], pinned if isinstance(pinned, str) else None

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

    async def start(
        self, user_key: str, flow: str, step: str, data: dict[str, Any], now: datetime
    ) -> DialogState:
        state = await self.get(user_key)
        if state is None:
            state = DialogState(user_key=user_key, flow=flow, step=step, data=data, updated_at=now)
            self.session.add(state)
        else:
            state.flow, state.step, state.data, state.updated_at = flow, step, data, now
        return state

    async def advance(self, state: DialogState, step: str, data: dict[str, Any], now: datetime) -> None:
        state.step, state.data, state.updated_at = step, dict(data), now

    async def end(self, user_key: str) -> None:
        state = await self.get(user_key)
        if state is not None:
            await self.session.delete(state)


class ProcessedEventRepository(Repository):
    async def claim(self, platform: str, event_id: str, now: datetime) -> bool:
        """True the first time an event id is seen; False for every retry or duplicate delivery."""
        statement = (
            self.insert(ProcessedEvent)
            .values(platform=platform, event_id=event_id, received_at=now)
            .on_conflict_do_nothing(index_elements=["platform", "event_id"])
        )
        result = await self.session.execute(statement)
        return bool(getattr(result, "rowcount", 0))


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


class AuditRepository(Repository):
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
        return entry

    async def all(self) -> list[AuditEntry]:
        return list((await self.session.execute(select(AuditEntry).order_by(AuditEntry.id))).scalars())
