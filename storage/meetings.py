"""Matchmaking meetings: preferences, provisional and published plans, outcomes and follow-ups."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import delete, or_, select

from storage.models import MeetingOutcome, MeetingPreference, PlannedMeeting
from storage.repositories import Repository

MUST, LIKE, NO = "must", "like", "no"
LEVELS = (MUST, LIKE, NO)
PROVISIONAL, PUBLISHED = "provisional", "published"
MET, MISSED, RESCHEDULED = "met", "missed", "rescheduled"
HAPPENED = (MET, MISSED, RESCHEDULED)
AGREED, PROPOSAL, PROJECT, NONE = "agreed", "proposal", "project", "none"
FOLLOW_UPS = (AGREED, PROPOSAL, PROJECT, NONE)


class MeetingRepository(Repository):
    # --- preferences

    async def set_preference(
        self, event_id: str, user_key: str, counterpart_key: str, level: str, now: datetime
    ) -> str | None:
        """Records the level; returns the one it replaced (None when new)."""
        query = select(MeetingPreference).where(
            MeetingPreference.event_id == event_id,
            MeetingPreference.user_key == user_key,
            MeetingPreference.counterpart_key == counterpart_key,
        )
        found = (await self.session.execute(query)).scalar_one_or_none()
        previous = found.level if found is not None else None
        if found is None:
            found = MeetingPreference(event_id=event_id, user_key=user_key, counterpart_key=counterpart_key)
            self.session.add(found)
        found.level, found.updated_at = level, now
        await self.session.flush()
        return previous

    async def preferences(self, event_id: str) -> list[MeetingPreference]:
        query = select(MeetingPreference).where(MeetingPreference.event_id == event_id)
        return list((await self.session.execute(query.order_by(MeetingPreference.id))).scalars())

    # --- plans

    async def meetings(self, event_id: str, stage: str) -> list[PlannedMeeting]:
        query = select(PlannedMeeting).where(
            PlannedMeeting.event_id == event_id, PlannedMeeting.stage == stage
        )
        order = (PlannedMeeting.starts_at, PlannedMeeting.table_name)
        return list((await self.session.execute(query.order_by(*order))).scalars())

    async def meeting(self, meeting_id: int) -> PlannedMeeting | None:
        return await self.session.get(PlannedMeeting, meeting_id)

    async def meetings_of(self, event_id: str, user_key: str, stage: str = PUBLISHED) -> list[PlannedMeeting]:
        query = select(PlannedMeeting).where(
            PlannedMeeting.event_id == event_id,
            PlannedMeeting.stage == stage,
            or_(PlannedMeeting.requester_key == user_key, PlannedMeeting.provider_key == user_key),
        )
        return list((await self.session.execute(query.order_by(PlannedMeeting.starts_at))).scalars())

    async def replace(self, event_id: str, stage: str, meetings: Iterable[PlannedMeeting]) -> None:
        await self.session.execute(
            delete(PlannedMeeting).where(PlannedMeeting.event_id == event_id, PlannedMeeting.stage == stage)
        )
        await self.session.flush()
        self.session.add_all(meetings)
        await self.session.flush()

    async def all_meetings(self, event_id: str | None) -> list[PlannedMeeting]:
        query = select(PlannedMeeting).order_by(PlannedMeeting.stage, PlannedMeeting.starts_at)
        if event_id is not None:
            query = query.where(PlannedMeeting.event_id == event_id)
        return list((await self.session.execute(query)).scalars())

    # --- outcomes

    async def outcome(self, meeting: PlannedMeeting, user_key: str) -> MeetingOutcome | None:
        query = select(MeetingOutcome).where(
            MeetingOutcome.event_id == meeting.event_id,
            MeetingOutcome.requester_key == meeting.requester_key,
            MeetingOutcome.provider_key == meeting.provider_key,
            MeetingOutcome.user_key == user_key,
        )
        return (await self.session.execute(query)).scalar_one_or_none()

    async def touch_outcome(self, meeting: PlannedMeeting, user_key: str) -> MeetingOutcome:
        found = await self.outcome(meeting, user_key)
        if found is None:
            found = MeetingOutcome(
                event_id=meeting.event_id,
                requester_key=meeting.requester_key,
                provider_key=meeting.provider_key,
                user_key=user_key,
            )
            self.session.add(found)
        return found

    async def outcomes(self, event_id: str | None) -> list[MeetingOutcome]:
        query = select(MeetingOutcome).order_by(MeetingOutcome.id)
        if event_id is not None:
            query = query.where(MeetingOutcome.event_id == event_id)
        return list((await self.session.execute(query)).scalars())
