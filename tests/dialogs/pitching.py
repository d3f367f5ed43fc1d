"""Pitch dialogs' shared steps and the stored state they assert on: who holds which slot, who waits where."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from storage.models import PitchBooking, PitchProvider, PitchSlot
from tests.dialogs.conftest import Person, Talk


@dataclass(frozen=True, slots=True)
class Held:
    """A booking as stored, with the slot's number rather than its row id."""

    provider: str
    status: str
    slot: int | None
    position: int | None
    title: str
    slides: str | None


async def held(talk: Talk) -> list[Held]:
    """Every booking (as talk.bookings() lists them), in booking order, with provider names and slot
    numbers; read inside one unit of work (talk.bookings()' rows are expired once its unit of work ends)."""
    query = (
        select(PitchBooking, PitchProvider.name, PitchSlot.number)
        .join(PitchProvider, PitchProvider.id == PitchBooking.provider_id)
        .outerjoin(PitchSlot, PitchSlot.id == PitchBooking.slot_id)
        .order_by(PitchBooking.id)
    )
    async with talk.bot.uow() as uow:
        rows = (await uow.session.execute(query)).all()
        return [Held(name, b.status, number, b.position, b.title, b.slides_url) for b, name, number in rows]


async def active(talk: Talk) -> dict[str, tuple[str, int | None]]:
    """Provider → (status, slot number or waitlist position) of the bookings still in force."""
    return {
        h.provider: (h.status, h.slot if h.status == "confirmed" else h.position)
        for h in await held(talk)
        if h.status != "cancelled"
    }


async def book(person: Person, slot: int, organisation: str, title: str) -> None:
    """`pitch N`, the organisation's name, a title, no slides: a provider with a confirmed slot."""
    await person.says(f"pitch {slot}")
    await person.says(organisation)
    await person.says(title)
    await person.says("skip")


async def fill_slots(talk: Talk, *, leave_free: tuple[int, ...] = ()) -> None:
    """Every slot but ``leave_free`` confirmed for a provider "Org N" (written straight to the database:
    the dialogs under test are the ones that follow)."""
    event, now = talk.bot.event, talk.clock()
    async with talk.bot.uow() as uow:
        await uow.pitches.ensure_event(event.id, event.pitch_slot_times(), now)
        for slot in await uow.pitches.slots(event.id):
            if slot.number in leave_free:
                continue
            owner = f"console:filler{slot.number}"
            provider = await uow.pitches.name_provider(owner, f"Org {slot.number}", now)
            await uow.pitches.add_confirmed(event.id, provider.id, slot.id, owner, "en", now)
        await uow.commit()
