"""The organiser console's storage: single-use sign-in links (only token hashes kept, as for downloads) and
its settings (the session secret made on first start), plus read-only aggregates for its pages."""

from __future__ import annotations

import secrets
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, ScalarSelect, case, delete, func, select, update

from storage.downloads import token_hash
from storage.models import (
    AuditEntry,
    Campaign,
    ConsoleLink,
    ConsoleSession,
    ConsoleSetting,
    Delegation,
    Interest,
    MatchProfile,
    MeetRequest,
    Member,
    OutboxItem,
    PitchBooking,
    PitchSlot,
    Registration,
)
from storage.pitches import CONFIRMED as BOOKED
from storage.pitches import WAITLISTED
from storage.registration import CONFIRMED
from storage.repositories import Repository

LINK_LIFETIME = timedelta(minutes=15)


@dataclass(frozen=True, slots=True)
class Totals:
    delegations: int
    pitch_slots: int
    pitch_slots_filled: int
    waitlist: int


@dataclass(frozen=True, slots=True)
class RegistrationGroup:
    """Registrations sharing a status, lateness and breakout group, with their reception numbers."""

    status: str
    late: bool
    breakout_group: str
    count: int
    reception_hods: int
    reception_experts: int


class ConsoleRepository(Repository):
    # --- sign-in links

    async def offer_link(self, user_key: str, now: datetime) -> str:
        """The token of a new single-use link (the caller commits); expired links are swept on the way."""
        await self.session.execute(delete(ConsoleLink).where(ConsoleLink.expires_at <= now))
        token = secrets.token_urlsafe(32)
        self.session.add(
            ConsoleLink(
                token_hash=token_hash(token),
                user_key=user_key,
                created_at=now,
                expires_at=now + LINK_LIFETIME,
            )
        )
        return token

    async def redeem_link(self, token: str, now: datetime) -> str | None:
        """The user key behind ``token``, once: used, expired or unknown tokens give None. One UPDATE
        decides, so two simultaneous redemptions cannot both succeed."""
        statement = (
            update(ConsoleLink)
            .where(ConsoleLink.token_hash == token_hash(token))
            .where(ConsoleLink.used_at.is_(None), ConsoleLink.expires_at > now)
            .values(used_at=now)
            .returning(ConsoleLink.user_key)
        )
        return (await self.session.execute(statement)).scalar_one_or_none()

    # --- sessions (the cookie carries a random id; only its hash is stored, as for links)

    async def open_session(self, user_key: str, now: datetime) -> str:
        """The id of a new session for ``user_key`` (the caller commits)."""
        session_id = secrets.token_urlsafe(32)
        self.session.add(ConsoleSession(id_hash=token_hash(session_id), user_key=user_key, created_at=now))
        return session_id

    async def session_user(self, session_id: str, opened_after: datetime) -> str | None:
        """Whose session this is, while it is neither revoked nor opened before ``opened_after``."""
        query = select(ConsoleSession.user_key).where(
            ConsoleSession.id_hash == token_hash(session_id),
            ConsoleSession.revoked_at.is_(None),
            ConsoleSession.created_at > opened_after,
        )
        return (await self.session.execute(query)).scalar_one_or_none()

    async def revoke_session(self, session_id: str, now: datetime) -> None:
        await self._revoke(ConsoleSession.id_hash == token_hash(session_id), now)

    async def revoke_sessions_of(self, user_key: str, now: datetime) -> int:
        """Ends every open session of ``user_key``; how many were open."""
        return await self._revoke(ConsoleSession.user_key == user_key, now)

    async def _revoke(self, which: ColumnElement[bool], now: datetime) -> int:
        statement = (
            update(ConsoleSession).where(which, ConsoleSession.revoked_at.is_(None)).values(revoked_at=now)
        )
        result = await self.session.execute(statement)
        return int(getattr(result, "rowcount", 0) or 0)

    # --- settings

    async def setting(self, name: str, make: str, now: datetime) -> str:
        """The stored value of ``name``; ``make`` is stored first when there is none (a second instance
        starting at the same moment keeps whichever value was written first)."""
        statement = self.insert(ConsoleSetting).values(name=name, value=make, created_at=now)
        await self.session.execute(statement.on_conflict_do_nothing(index_elements=["name"]))
        stored = await self.session.get(ConsoleSetting, name)
        assert stored is not None  # just inserted, or already there
        return stored.value

    # --- aggregates for the pages (read-only): one round trip per family of figures, counted by the database

    async def totals(self, event_id: str) -> Totals:
        """Delegations, pitch slots, slots booked and the waitlist's length, in one statement."""

        def count(*where: ColumnElement[bool]) -> ScalarSelect[int]:
            return select(func.count()).where(*where).scalar_subquery()

        bookings = (PitchBooking.event_id == event_id,)
        row = (
            await self.session.execute(
                select(
                    select(func.count()).select_from(Delegation).scalar_subquery(),
                    count(PitchSlot.event_id == event_id),
                    count(*bookings, PitchBooking.status == BOOKED, PitchBooking.slot_id.is_not(None)),
                    count(*bookings, PitchBooking.status == WAITLISTED),
                )
            )
        ).one()
        return Totals(*(int(n) for n in row))

    async def registration_groups(self, edition: str) -> list[RegistrationGroup]:
        columns = (Registration.status, Registration.late, Registration.breakout_group)
        query = (
            select(
                *columns,
                func.count(),
                func.sum(case((Registration.reception_hod.is_(True), 1), else_=0)),
                func.sum(func.json_array_length(Registration.reception_experts)),
            )
            .where(Registration.event_id == edition)
            .group_by(*columns)
        )
        return [
            RegistrationGroup(status, bool(late), group, int(n), int(hods or 0), int(experts or 0))
            for status, late, group, n, hods, experts in await self.session.execute(query)
        ]

    async def confirmation_moments(self, edition: str) -> list[datetime]:
        """When each confirmed registration was confirmed (days are counted in the event's zone)."""
        query = select(Registration.confirmed_at).where(
            Registration.status == CONFIRMED, Registration.event_id == edition
        )
        return list((await self.session.scalars(query)).all())

    async def confirmed_by_region(self, edition: str) -> dict[str, int]:
        """Confirmed delegations by region, as the first of their members to give one gave it for
        matchmaking; those without are left out."""
        profile_of_member = MatchProfile.user_key == Member.platform + ":" + Member.user_id
        first = (
            select(Member.delegation_id, func.min(Member.id).label("member_id"))
            .join(MatchProfile, profile_of_member)
            .where(Member.delegation_id.is_not(None), MatchProfile.region != "")
            .group_by(Member.delegation_id)
            .subquery()
        )
        query = (
            select(MatchProfile.region, func.count())
            .select_from(first)
            .join(Member, Member.id == first.c.member_id)
            .join(MatchProfile, profile_of_member)
            .join(Registration, Registration.delegation_id == first.c.delegation_id)
            .where(Registration.status == CONFIRMED, Registration.event_id == edition)
            .group_by(MatchProfile.region)
        )
        return {region: int(n) for region, n in await self.session.execute(query)}

    async def campaigns(self, kind: str, limit: int = 50) -> list[Campaign]:
        query = select(Campaign).where(Campaign.kind == kind).order_by(Campaign.id.desc()).limit(limit)
        return list((await self.session.execute(query)).scalars())

    async def outbox_counts(self, campaign_ids: list[int]) -> dict[int, Counter[str]]:
        """Outbox rows by status for each campaign, in one query."""
        counts: dict[int, Counter[str]] = {campaign_id: Counter() for campaign_id in campaign_ids}
        if not campaign_ids:
            return counts
        query = (
            select(OutboxItem.campaign_id, OutboxItem.status, OutboxItem.attempts, func.count())
            .where(OutboxItem.campaign_id.in_(campaign_ids))
            .group_by(OutboxItem.campaign_id, OutboxItem.status, OutboxItem.attempts)
        )
        for campaign_id, status, attempts, count in await self.session.execute(query):
            retrying = status == "pending" and attempts > 0
            counts[campaign_id]["retrying" if retrying else status] += count
        return counts

    async def delegations(self, edition: str) -> list[tuple[Delegation, Registration | None, int]]:
        """Every delegation with its registration for ``edition`` (if any) and member count, by name."""
        members = (
            select(Member.delegation_id, func.count().label("n")).group_by(Member.delegation_id).subquery()
        )
        query = (
            select(Delegation, Registration, func.coalesce(members.c.n, 0))
            .outerjoin(
                Registration,
                (Registration.delegation_id == Delegation.id) & (Registration.event_id == edition),
            )
            .outerjoin(members, members.c.delegation_id == Delegation.id)
            .order_by(Delegation.name_key)
        )
        return [(row[0], row[1], int(row[2])) for row in await self.session.execute(query)]

    async def interests(self, event_id: str) -> list[tuple[str, str, int]]:
        """(capability, kind, count) over every interest recorded for the event."""
        query = (
            select(Interest.capability, Interest.kind, func.count())
            .where(Interest.event_id == event_id)
            .group_by(Interest.capability, Interest.kind)
        )
        return [(c, k, int(n)) for c, k, n in await self.session.execute(query)]

    async def meet_requests_by_status(self, event_id: str) -> dict[str, int]:
        query = (
            select(MeetRequest.status, func.count())
            .where(MeetRequest.event_id == event_id)
            .group_by(MeetRequest.status)
        )
        return {status: int(n) for status, n in await self.session.execute(query)}

    async def history(self, subject_prefix: str, limit: int = 50) -> list[AuditEntry]:
        """Audit entries whose subject starts with ``subject_prefix`` ("delegation:3 "), newest first."""
        query = (
            select(AuditEntry)
            .where(AuditEntry.subject.startswith(subject_prefix, autoescape=True))
            .order_by(AuditEntry.id.desc())
            .limit(limit)
        )
        return list((await self.session.execute(query)).scalars())
