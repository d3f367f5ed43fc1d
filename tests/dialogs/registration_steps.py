"""What registration dialogs share: the stored registrations, members and join requests to assert on, and
the answers that take a person from the Head of Delegation's name to a confirmed registration."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from storage.models import Delegation, JoinRequest, Member, Registration
from tests.dialogs.conftest import Person, Talk


@dataclass(frozen=True)
class Stored:
    delegation: str
    state: str | None
    status: str
    hod: str
    experts: list[dict[str, str]]
    reception_experts: list[str]


async def registrations(talk: Talk) -> list[Stored]:
    async with talk.bot.uow() as uow:
        rows = await uow.session.execute(
            select(Registration, Delegation).join(Delegation).order_by(Registration.id)
        )
        return [
            Stored(d.name, d.state_code, r.status, r.hod_name, list(r.experts), list(r.reception_experts))
            for r, d in rows
        ]


async def delegations(talk: Talk) -> list[tuple[str, str | None]]:
    """(name, State code) of every delegation, oldest first (read inside the unit of work: its rows expire
    when it closes)."""
    async with talk.bot.uow() as uow:
        rows = (await uow.session.scalars(select(Delegation).order_by(Delegation.id))).all()
        return [(d.name, d.state_code) for d in rows]


async def members(talk: Talk) -> dict[str, str | None]:
    """Member key → the name of their delegation (None: in none)."""
    async with talk.bot.uow() as uow:
        names = {d.id: d.name for d in (await uow.session.scalars(select(Delegation))).all()}
        rows = (await uow.session.scalars(select(Member).order_by(Member.id))).all()
        return {m.key: names.get(m.delegation_id) if m.delegation_id else None for m in rows}


async def join_requests(talk: Talk) -> list[tuple[str, str, str]]:
    """(requester, delegation, the name they typed) of every join request."""
    async with talk.bot.uow() as uow:
        rows = await uow.session.execute(select(JoinRequest, Delegation).join(Delegation))
        return [(r.user_key, d.name, r.claimed_name) for r, d in rows]


async def join_code(talk: Talk, delegation: str) -> str:
    async with talk.bot.uow() as uow:
        found = await uow.session.scalar(select(Delegation).where(Delegation.name == delegation))
        assert found is not None
        return found.join_code


async def answer_the_rest(person: Person, *, hod: str = "Jone Usamate", experts: str = "none") -> str:
    """From the Head of Delegation's name to the confirmation, the same answers in every language (the
    bot reads `yes`, group numbers and e-mails whatever the language)."""
    await person.says(hod)
    await person.says("Minister for Communications")
    await person.says(experts)
    await person.says("yes")
    if experts != "none":
        await person.says("all")
    await person.says("2")
    await person.says("hod@example.org")
    return await person.clicks("registration.answer", "confirm")


async def asked_for_the_head(
    talk: Talk, name: str, locale: str, *, opening: str = "register", delegation: str = "Fiji"
) -> Person:
    """A Slack user on 10 April who has started registering ``delegation`` and is asked for its Head."""
    talk.at("2024-04-10 09:00")
    person = talk.person(name, platform="slack", locale=locale)
    await person.says(opening)
    await person.says(delegation)
    return person
