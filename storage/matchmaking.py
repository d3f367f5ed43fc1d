"""Matchmaking: participants' profiles (region, working languages), offers and needs, meet requests."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import exists, or_, select

from storage.models import (
    Delegation,
    Interest,
    MatchProfile,
    MeetRequest,
    Member,
    PitchBooking,
    PitchProvider,
    Registration,
)
from storage.repositories import Repository

OFFER, NEED = "offer", "need"
PENDING, ACCEPTED, DECLINED = "pending", "accepted", "declined"


class MatchmakingRepository(Repository):
    # --- profiles ---

    async def profile(self, user_key: str) -> MatchProfile | None:
        return await self.session.get(MatchProfile, user_key)

    async def touch_profile(self, user_key: str, lang: str, now: datetime) -> MatchProfile:
        """The participant's profile, created empty on first use; remembers the language they speak."""
        profile = await self.profile(user_key)
        if profile is None:
            profile = MatchProfile(
                user_key=user_key,
                region="",
                languages=[],
                lang=lang,
                organisation="",
                contact_email="",
                asked=[],
                updated_at=now,
            )
            self.session.add(profile)
        profile.lang, profile.updated_at = lang, now
        return profile

    async def profiles(self, user_keys: list[str]) -> dict[str, MatchProfile]:
        if not user_keys:
            return {}
        query = select(MatchProfile).where(MatchProfile.user_key.in_(user_keys))
        return {p.user_key: p for p in (await self.session.execute(query)).scalars()}

    async def names(self, user_keys: list[str]) -> dict[str, str]:
        """How each participant is shown to others: their organisation (see ``organisations``), else
        their display name, else their user id."""
        if not user_keys:
            return {}
        organisations = await self.organisations(user_keys)
        query = select(Member).where((Member.platform + ":" + Member.user_id).in_(user_keys))
        shown = {m.key: m.display_name or m.user_id for m in (await self.session.execute(query)).scalars()}
        return {key: organisations.get(key) or shown.get(key) or key.partition(":")[2] for key in user_keys}

    async def organisations(self, user_keys: list[str]) -> dict[str, str]:
        """The organisation each participant speaks for, when known: their delegation, else the
        organisation they named for a pitch, else the one they gave their matchmaking profile."""
        if not user_keys:
            return {}
        key = Member.platform + ":" + Member.user_id
        query = (
            select(key, Delegation.name, PitchProvider.name)
            .outerjoin(Delegation, Delegation.id == Member.delegation_id)
            .outerjoin(PitchProvider, PitchProvider.owner_key == key)
            .where(key.in_(user_keys))
        )
        found = {
            k: delegation or provider or "" for k, delegation, provider in await self.session.execute(query)
        }
        profiles = await self.profiles(user_keys)
        for user_key, profile in profiles.items():
            if not found.get(user_key) and profile.organisation:
                found[user_key] = profile.organisation
        return {k: v for k, v in found.items() if v}

    async def registered_email(self, user_key: str) -> str:
        """The contact e-mail of the participant's delegation's latest registration, "" when none."""
        query = (
            select(Registration.contact_email)
            .join(Member, Member.delegation_id == Registration.delegation_id)
            .where(Member.platform + ":" + Member.user_id == user_key)
            .order_by(Registration.confirmed_at.desc())
            .limit(1)
        )
        return (await self.session.execute(query)).scalar_one_or_none() or ""

    # --- offers and needs ---

    async def record_interest(
        self, event_id: str, user_key: str, kind: str, capability: str, text: str, now: datetime
    ) -> tuple[Interest, str | None]:
        """Adds the offer/need, or replaces the text of the same kind and capability. Returns it and
        the text it replaced (None when new)."""
        query = select(Interest).where(
            Interest.event_id == event_id,
            Interest.user_key == user_key,
            Interest.kind == kind,
            Interest.capability == capability,
        )
        interest = (await self.session.execute(query)).scalar_one_or_none()
        previous = interest.text if interest is not None else None
        if interest is None:
            interest = Interest(event_id=event_id, user_key=user_key, kind=kind, capability=capability)
            self.session.add(interest)
        interest.text, interest.updated_at = text, now
        await self.session.flush()
        return interest, previous

    async def is_provider(self, event_id: str, user_key: str) -> bool:
        """Whether the participant offers something at this edition, or booked a pitch at it: the
        readers of needs kept for providers (issue 15)."""
        offers = select(Interest.id).where(
            Interest.event_id == event_id, Interest.user_key == user_key, Interest.kind == OFFER
        )
        pitches = select(PitchBooking.id).where(
            PitchBooking.event_id == event_id, PitchBooking.booked_by == user_key
        )
        query = select(exists(offers) | exists(pitches))
        return bool((await self.session.execute(query)).scalar_one())

    async def set_visibility(
        self, event_id: str, user_key: str, capabilities: list[str], visibility: str, now: datetime
    ) -> list[tuple[Interest, str]]:
        """Gives these needs of the participant a new visibility; returns each changed one with the
        visibility it had."""
        changed = []
        for interest in await self.interests_of(event_id, user_key):
            if (
                interest.kind == NEED
                and interest.capability in capabilities
                and interest.visibility != visibility
            ):
                changed.append((interest, interest.visibility))
                interest.visibility, interest.updated_at = visibility, now
        return changed

    async def interests_of(self, event_id: str, user_key: str) -> list[Interest]:
        query = (
            select(Interest)
            .where(Interest.event_id == event_id, Interest.user_key == user_key)
            .order_by(Interest.kind, Interest.capability)
        )
        return list((await self.session.execute(query)).scalars())

    async def all_interests(self, event_id: str | None) -> list[Interest]:
        """One event's offers and needs (every event's with None), oldest first."""
        query = select(Interest).order_by(Interest.id)
        if event_id is not None:
            query = query.where(Interest.event_id == event_id)
        return list((await self.session.execute(query)).scalars())

    # --- meet requests ---

    async def request(self, request_id: int) -> MeetRequest | None:
        return await self.session.get(MeetRequest, request_id)

    async def pending_between(self, event_id: str, from_key: str, to_key: str) -> MeetRequest | None:
        query = select(MeetRequest).where(
            MeetRequest.event_id == event_id,
            MeetRequest.from_key == from_key,
            MeetRequest.to_key == to_key,
            MeetRequest.status == PENDING,
        )
        return (await self.session.execute(query)).scalar_one_or_none()

    async def add_request(self, event_id: str, from_key: str, to_key: str, now: datetime) -> MeetRequest:
        """Flushes at once: a second pending request for the same pair raises ``IntegrityError``."""
        request = MeetRequest(
            event_id=event_id, from_key=from_key, to_key=to_key, status=PENDING, created_at=now
        )
        self.session.add(request)
        await self.session.flush()
        return request

    async def requests_of(self, event_id: str, user_key: str) -> list[MeetRequest]:
        """Requests sent or received, newest first."""
        query = (
            select(MeetRequest)
            .where(
                MeetRequest.event_id == event_id,
                or_(MeetRequest.from_key == user_key, MeetRequest.to_key == user_key),
            )
            .order_by(MeetRequest.id.desc())
        )
        return list((await self.session.execute(query)).scalars())

    async def accepted_between(self, event_id: str, one: str, other: str) -> bool:
        """Whether either asked the other and it was accepted: their shared contacts may be shown."""
        query = select(MeetRequest.id).where(
            MeetRequest.event_id == event_id,
            MeetRequest.status == ACCEPTED,
            or_(
                (MeetRequest.from_key == one) & (MeetRequest.to_key == other),
                (MeetRequest.from_key == other) & (MeetRequest.to_key == one),
            ),
        )
        return (await self.session.execute(query.limit(1))).first() is not None

    async def all_requests(self, event_id: str | None) -> list[MeetRequest]:
        query = select(MeetRequest).order_by(MeetRequest.id)
        if event_id is not None:
            query = query.where(MeetRequest.event_id == event_id)
        return list((await self.session.execute(query)).scalars())
