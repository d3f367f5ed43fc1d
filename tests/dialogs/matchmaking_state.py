"""Stored matchmaking state for the matchmaking dialogs: profiles, offers and needs, meet requests."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from storage.models import Delegation, Interest, MatchProfile, MeetRequest, Member, Registration
from tests.dialogs.conftest import Person, Talk


@dataclass(frozen=True)
class Profile:
    organisation: str
    region: str
    languages: list[str]
    contact_email: str
    asked: list[str]


async def profile_of(talk: Talk, person: Person) -> Profile | None:
    async with talk.bot.uow() as uow:
        row: MatchProfile | None = await uow.matchmaking.profile(person.key)
        if row is None:
            return None
        return Profile(row.organisation, row.region, list(row.languages), row.contact_email, list(row.asked))


async def interests_of(talk: Talk, person: Person) -> list[tuple[str, str, str]]:
    async with talk.bot.uow() as uow:
        rows = await uow.session.scalars(
            select(Interest).where(Interest.user_key == person.key).order_by(Interest.id)
        )
        return [(i.kind, i.capability, i.text) for i in rows]


async def requests(talk: Talk) -> list[tuple[str, str, str]]:
    async with talk.bot.uow() as uow:
        rows = await uow.session.scalars(select(MeetRequest).order_by(MeetRequest.id))
        return [(r.from_key, r.to_key, r.status) for r in rows]


async def flow_step(talk: Talk, person: Person) -> str | None:
    async with talk.bot.uow() as uow:
        row = await uow.dialogs.get(person.key)
        return row.step if row is not None else None


async def seat_in_delegation(talk: Talk, person: Person, name: str, contact_email: str = "") -> None:
    """Makes ``person`` (who has written to the bot once) a member of delegation ``name``, registered
    with ``contact_email`` when one is given — the registration flow's own dialogs test how that
    happens; here it is only the starting point."""
    async with talk.bot.uow() as uow:
        delegation = Delegation(
            name=name, name_key=name.casefold(), join_code="TEST-CODE", created_at=talk.clock()
        )
        uow.session.add(delegation)
        await uow.session.flush()
        member = await uow.session.scalar(
            select(Member).where(
                Member.platform == person.user.platform, Member.user_id == person.user.user_id
            )
        )
        assert member is not None
        member.delegation_id = delegation.id
        if contact_email:
            uow.session.add(
                Registration(
                    delegation_id=delegation.id,
                    status="confirmed",
                    hod_name="H.E. Head",
                    reception_hod=None,
                    breakout_group="I",
                    contact_email=contact_email,
                    registered_by=person.key,
                    confirmed_at=talk.clock(),
                    updated_at=talk.clock(),
                )
            )
        await uow.commit()
