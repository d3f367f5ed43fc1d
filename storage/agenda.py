"""Sessions users follow, a user's own pitch booking (read-only over the pitch tables) and the snapshot of
the programme that a reloaded event file is compared with."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import delete, or_, select, update

from storage.models import EventSnapshot, Member, PitchBooking, PitchProvider, PitchSlot, SessionFollow
from storage.repositories import Repository

_ACTIVE = ("confirmed", "waitlisted")


class AgendaRepository(Repository):
    # --- follows

    async def follow(self, event_id: str, session_id: str, user_key: str, now: datetime) -> bool:
        """True when the session is new on the user's agenda; following twice changes nothing."""
        statement = (
            self.insert(SessionFollow)
            .values(event_id=event_id, session_id=session_id, user_key=user_key, created_at=now)
            .on_conflict_do_nothing(index_elements=["event_id", "session_id", "user_key"])
        )
        return bool(getattr(await self.session.execute(statement), "rowcount", 0))

    async def unfollow(self, event_id: str, session_id: str, user_key: str) -> bool:
        statement = delete(SessionFollow).where(
            SessionFollow.event_id == event_id,
            SessionFollow.session_id == session_id,
            SessionFollow.user_key == user_key,
        )
        return bool(getattr(await self.session.execute(statement), "rowcount", 0))

    async def followed(self, event_id: str, user_key: str) -> list[str]:
        query = (
            select(SessionFollow.session_id)
            .where(SessionFollow.event_id == event_id, SessionFollow.user_key == user_key)
            .order_by(SessionFollow.created_at, SessionFollow.session_id)
        )
        return list((await self.session.execute(query)).scalars())

    async def followers(self, event_id: str, session_id: str) -> list[Member]:
        query = (
            select(Member)
            .join(SessionFollow, SessionFollow.user_key == Member.platform + ":" + Member.user_id)
            .where(SessionFollow.event_id == event_id, SessionFollow.session_id == session_id)
            .order_by(Member.id)
        )
        return list((await self.session.execute(query)).scalars())

    async def followed_sessions(self, event_id: str, session_ids: Iterable[str]) -> set[str]:
        """Which of these sessions at least one user follows."""
        query = (
            select(SessionFollow.session_id)
            .where(SessionFollow.event_id == event_id, SessionFollow.session_id.in_(set(session_ids)))
            .distinct()
        )
        return set((await self.session.execute(query)).scalars())

    # --- the user's own pitch (read-only: bookings are the pitches feature's)

    async def pitch_of(
        self, event_id: str, delegation_id: int | None, user_key: str
    ) -> tuple[PitchBooking, PitchSlot | None] | None:
        """The active booking of the user's delegation, or of the organisation they named themselves."""
        owner = PitchProvider.owner_key == user_key
        if delegation_id is not None:
            owner = or_(owner, PitchProvider.delegation_id == delegation_id)
        query = (
            select(PitchBooking, PitchSlot)
            .join(PitchProvider, PitchProvider.id == PitchBooking.provider_id)
            .outerjoin(PitchSlot, PitchSlot.id == PitchBooking.slot_id)
            .where(PitchBooking.event_id == event_id, PitchBooking.status.in_(_ACTIVE), owner)
            .order_by(PitchBooking.id)
            .limit(1)
        )
        row = (await self.session.execute(query)).first()
        return (row[0], row[1]) if row else None

    # --- the programme as last applied

    async def snapshot(self, event_id: str) -> EventSnapshot | None:
        return await self.session.get(EventSnapshot, event_id)

    async def save_snapshot(
        self, event_id: str, sessions: dict[str, Any], revision: int, now: datetime
    ) -> bool:
        """Stores ``sessions`` as revision ``revision``. False when another instance stored that revision
        first (it then sent the same notices: their campaign keys are the same)."""
        if revision == 1:
            statement: Any = (
                self.insert(EventSnapshot)
                .values(event_id=event_id, revision=1, sessions=sessions, updated_at=now)
                .on_conflict_do_nothing(index_elements=["event_id"])
            )
        else:
            statement = (
                update(EventSnapshot)
                .where(EventSnapshot.event_id == event_id, EventSnapshot.revision == revision - 1)
                .values(revision=revision, sessions=sessions, updated_at=now)
            )
        return bool(getattr(await self.session.execute(statement), "rowcount", 0))
