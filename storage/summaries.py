"""Read-only queries behind the summaries of a series (issue 15): a delegation's own summary in chat and
the Chair's summary export. Every query names the editions it reads; nothing here writes."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import func, or_, select

from storage.models import CarryOver, Interest, MeetingOutcome, MeetRequest, Registration
from storage.repositories import Repository


class SummaryRepository(Repository):
    async def editions(self, current: str) -> list[str]:
        """``current`` first, then every other edition the database holds, latest activity first. One
        database serves one series (README "Recurring editions"), so these are its earlier editions."""
        latest: dict[str, datetime] = {}
        sources: tuple[tuple[Any, Any], ...] = (
            (Registration.event_id, Registration.updated_at),
            (Interest.event_id, Interest.updated_at),
            (MeetRequest.event_id, MeetRequest.created_at),
            (CarryOver.from_event_id, CarryOver.asked_at),
        )
        for event_id, moment in sources:
            query = select(event_id, func.max(moment)).group_by(event_id)
            for edition, last in await self.session.execute(query):
                if edition and edition != current and (edition not in latest or last > latest[edition]):
                    latest[edition] = last
        return [current, *sorted(latest, key=lambda edition: latest[edition], reverse=True)]

    async def interests(self, editions: Iterable[str], user_keys: list[str] | None = None) -> list[Interest]:
        """Offers and needs of ``editions`` (of ``user_keys`` only, when given), oldest first."""
        query = select(Interest).where(Interest.event_id.in_(list(editions))).order_by(Interest.id)
        if user_keys is not None:
            query = query.where(Interest.user_key.in_(user_keys))
        return list((await self.session.scalars(query)).all())

    async def carry_overs(
        self, editions: Iterable[str], user_keys: list[str] | None = None
    ) -> list[CarryOver]:
        """What became of each need and offer asked about at ``editions`` (the asking editions)."""
        query = select(CarryOver).where(CarryOver.event_id.in_(list(editions))).order_by(CarryOver.id)
        if user_keys is not None:
            query = query.where(CarryOver.user_key.in_(user_keys))
        return list((await self.session.scalars(query)).all())

    async def requests(
        self, editions: Iterable[str], user_keys: list[str] | None = None
    ) -> list[MeetRequest]:
        """Meet requests of ``editions`` (sent or received by ``user_keys``, when given), oldest first."""
        query = select(MeetRequest).where(MeetRequest.event_id.in_(list(editions))).order_by(MeetRequest.id)
        if user_keys is not None:
            query = query.where(or_(MeetRequest.from_key.in_(user_keys), MeetRequest.to_key.in_(user_keys)))
        return list((await self.session.scalars(query)).all())

    async def outcomes(
        self, editions: Iterable[str], user_keys: list[str] | None = None
    ) -> list[MeetingOutcome]:
        """Both sides' words on meetings of ``editions`` (meetings ``user_keys`` took part in, when given)."""
        query = (
            select(MeetingOutcome)
            .where(MeetingOutcome.event_id.in_(list(editions)))
            .order_by(MeetingOutcome.id)
        )
        if user_keys is not None:
            query = query.where(
                or_(MeetingOutcome.requester_key.in_(user_keys), MeetingOutcome.provider_key.in_(user_keys))
            )
        return list((await self.session.scalars(query)).all())
