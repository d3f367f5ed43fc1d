"""Pitch slots, providers and bookings. The partial unique indexes in storage/models.py decide races;
``lock`` serialises the booking changes of one event so waitlist positions stay dense (1, 2, 3, …)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, update

from storage.models import Delegation, PitchBooking, PitchProvider, PitchSignup, PitchSlot
from storage.repositories import Repository

CONFIRMED, WAITLISTED, CANCELLED = "confirmed", "waitlisted", "cancelled"
ACTIVE = (CONFIRMED, WAITLISTED)


@dataclass(frozen=True, slots=True)
class SlotLine:
    """One line of the run of show: a slot and who presents in it (if anyone)."""

    slot: PitchSlot
    booking: PitchBooking | None
    provider: PitchProvider | None


class PitchRepository(Repository):
    # --- the event's slots and sign-up state ---

    async def ensure_event(
        self, event_id: str, slot_times: Sequence[tuple[datetime, datetime]], now: datetime
    ) -> None:
        """Seeds the sign-up row and the slots from the event file once; later calls change nothing."""
        if await self.session.get(PitchSignup, event_id) is not None:
            return
        await self.session.execute(
            self.insert(PitchSignup)
            .values(event_id=event_id, state="auto", version=0, updated_at=now)
            .on_conflict_do_nothing(index_elements=["event_id"])
        )
        rows = [
            {"event_id": event_id, "number": number, "starts_at": start, "ends_at": end}
            for number, (start, end) in enumerate(slot_times, 1)
        ]
        await self.session.execute(
            self.insert(PitchSlot).values(rows).on_conflict_do_nothing(index_elements=["event_id", "number"])
        )

    async def lock(self, event_id: str) -> None:
        """Takes the event's booking lock until commit: a row lock on PostgreSQL, the write lock on SQLite."""
        await self.session.execute(
            update(PitchSignup)
            .where(PitchSignup.event_id == event_id)
            .values(version=PitchSignup.version + 1)
        )

    async def signup(self, event_id: str) -> PitchSignup | None:
        return await self.session.get(PitchSignup, event_id)

    async def slots(self, event_id: str) -> list[PitchSlot]:
        query = select(PitchSlot).where(PitchSlot.event_id == event_id).order_by(PitchSlot.number)
        return list((await self.session.execute(query)).scalars())

    async def slot(self, event_id: str, number: int) -> PitchSlot | None:
        query = select(PitchSlot).where(PitchSlot.event_id == event_id, PitchSlot.number == number)
        return (await self.session.execute(query)).scalar_one_or_none()

    async def slot_by_id(self, slot_id: int) -> PitchSlot | None:
        return await self.session.get(PitchSlot, slot_id)

    async def free_slots(self, event_id: str) -> list[PitchSlot]:
        taken = select(PitchBooking.slot_id).where(
            PitchBooking.event_id == event_id, PitchBooking.status == CONFIRMED
        )
        query = (
            select(PitchSlot)
            .where(PitchSlot.event_id == event_id, PitchSlot.id.not_in(taken))
            .order_by(PitchSlot.number)
        )
        return list((await self.session.execute(query)).scalars())

    async def retime_slots(
        self, event_id: str, slot_times: Sequence[tuple[datetime, datetime]]
    ) -> list[tuple[int, datetime, datetime]]:
        """Moves seeded slots to the times the (reloaded) event file now gives and adds new numbers;
        returns each moved slot's number with its old start and end. Slots past the new count are kept
        (bookings may hold them): organisers move those with `pitch move`."""
        existing = {slot.number: slot for slot in await self.slots(event_id)}
        if not existing:
            return []  # not seeded yet: the first use seeds the new times
        moved = []
        for number, (start, end) in enumerate(slot_times, 1):
            slot = existing.get(number)
            if slot is None:
                self.session.add(PitchSlot(event_id=event_id, number=number, starts_at=start, ends_at=end))
            elif (slot.starts_at, slot.ends_at) != (start, end):
                moved.append((number, slot.starts_at, slot.ends_at))
                slot.starts_at, slot.ends_at = start, end
        await self.session.flush()
        return moved

    # --- providers ---

    async def provider(self, provider_id: int) -> PitchProvider | None:
        return await self.session.get(PitchProvider, provider_id)

    async def provider_of_delegation(self, delegation_id: int, now: datetime) -> PitchProvider:
        """The delegation's provider row, created on first use under the delegation's name."""
        query = select(PitchProvider).where(PitchProvider.delegation_id == delegation_id)
        found = (await self.session.execute(query)).scalar_one_or_none()
        if found is not None:
            return found
        delegation = await self.session.get(Delegation, delegation_id)
        name = delegation.name if delegation is not None else f"#{delegation_id}"
        await self.session.execute(
            self.insert(PitchProvider)
            .values(name=name, delegation_id=delegation_id, created_at=now)
            .on_conflict_do_nothing(index_elements=["delegation_id"])
        )
        return (await self.session.execute(query)).scalar_one()

    async def provider_owned_by(self, user_key: str) -> PitchProvider | None:
        query = select(PitchProvider).where(PitchProvider.owner_key == user_key)
        return (await self.session.execute(query)).scalar_one_or_none()

    async def name_provider(self, user_key: str, name: str, now: datetime) -> PitchProvider:
        """The organisation a member without a delegation presents for; a new name replaces the old."""
        provider = await self.provider_owned_by(user_key)
        if provider is None:
            provider = PitchProvider(name=name, owner_key=user_key, created_at=now)
            self.session.add(provider)
        provider.name = name
        await self.session.flush()
        return provider

    # --- bookings ---

    async def booking(self, booking_id: int) -> PitchBooking | None:
        return await self.session.get(PitchBooking, booking_id)

    async def active_booking(self, event_id: str, provider_id: int) -> PitchBooking | None:
        query = select(PitchBooking).where(
            PitchBooking.event_id == event_id,
            PitchBooking.provider_id == provider_id,
            PitchBooking.status.in_(ACTIVE),
        )
        return (await self.session.execute(query)).scalar_one_or_none()

    async def confirmed_in(self, slot_id: int) -> PitchBooking | None:
        query = select(PitchBooking).where(PitchBooking.slot_id == slot_id, PitchBooking.status == CONFIRMED)
        return (await self.session.execute(query)).scalar_one_or_none()

    async def waitlist(self, event_id: str) -> list[PitchBooking]:
        """Waiting bookings, first in line first."""
        query = (
            select(PitchBooking)
            .where(PitchBooking.event_id == event_id, PitchBooking.status == WAITLISTED)
            .order_by(PitchBooking.position, PitchBooking.id)
        )
        return list((await self.session.execute(query)).scalars())

    async def add_confirmed(
        self, event_id: str, provider_id: int, slot_id: int, user_key: str, lang: str, now: datetime
    ) -> PitchBooking:
        """Flushes at once so a taken slot or a second booking raises ``IntegrityError`` here."""
        return await self._add(event_id, provider_id, CONFIRMED, user_key, lang, now, slot_id=slot_id)

    async def add_waitlisted(
        self, event_id: str, provider_id: int, user_key: str, lang: str, now: datetime
    ) -> PitchBooking:
        """Joins the end of the line. Call with ``lock`` held, so the next position is really free."""
        last = await self.session.scalar(
            select(func.max(PitchBooking.position)).where(
                PitchBooking.event_id == event_id, PitchBooking.status == WAITLISTED
            )
        )
        position = (last or 0) + 1
        return await self._add(event_id, provider_id, WAITLISTED, user_key, lang, now, position=position)

    async def _add(
        self,
        event_id: str,
        provider_id: int,
        status: str,
        user_key: str,
        lang: str,
        now: datetime,
        *,
        slot_id: int | None = None,
        position: int | None = None,
    ) -> PitchBooking:
        """A new booking, flushed at once so the partial unique indexes are checked here."""
        booking = PitchBooking(
            event_id=event_id,
            provider_id=provider_id,
            slot_id=slot_id,
            status=status,
            position=position,
            booked_by=user_key,
            lang=lang,
            created_at=now,
            updated_at=now,
        )
        self.session.add(booking)
        await self.session.flush()
        return booking

    async def cancel(self, booking: PitchBooking, now: datetime) -> None:
        """Keeps the row (history and audit) with the slot it had; frees the slot and the provider."""
        booking.status, booking.position, booking.updated_at = CANCELLED, None, now
        await self.session.flush()

    async def move(self, booking: PitchBooking, slot_id: int, now: datetime) -> None:
        booking.slot_id, booking.updated_at = slot_id, now
        await self.session.flush()

    async def take_slot(self, booking: PitchBooking, slot_id: int, now: datetime) -> None:
        """The booking now holds ``slot_id`` (from another slot or from the waitlist); flushed at once so
        a slot confirmed meanwhile raises ``IntegrityError`` here and the old slot or place is kept."""
        booking.status, booking.slot_id, booking.position, booking.updated_at = CONFIRMED, slot_id, None, now
        await self.session.flush()

    async def promote_first(self, event_id: str, slot_id: int, now: datetime) -> PitchBooking | None:
        """The head of the waitlist takes the freed slot; the others move up one place."""
        line = await self.waitlist(event_id)
        if not line:
            return None
        head = line[0]
        head.status, head.slot_id, head.position, head.updated_at = CONFIRMED, slot_id, None, now
        await self.session.flush()
        await self.renumber_waitlist(event_id)
        return head

    async def renumber_waitlist(self, event_id: str) -> None:
        """Dense positions 1..n in the existing order; one row at a time, lowest first, so the unique
        index on position never sees two rows on one number."""
        for position, booking in enumerate(await self.waitlist(event_id), 1):
            if booking.position != position:
                booking.position = position
                await self.session.flush()

    async def run_of_show(self, event_id: str) -> list[SlotLine]:
        confirmed = (
            select(PitchBooking, PitchProvider)
            .join(PitchProvider, PitchProvider.id == PitchBooking.provider_id)
            .where(PitchBooking.event_id == event_id, PitchBooking.status == CONFIRMED)
        )
        by_slot = {b.slot_id: (b, p) for b, p in await self.session.execute(confirmed)}
        lines = []
        for slot in await self.slots(event_id):
            booking, provider = by_slot.get(slot.id, (None, None))
            lines.append(SlotLine(slot, booking, provider))
        return lines

    async def all_bookings(self) -> list[tuple[PitchBooking, PitchProvider, PitchSlot | None]]:
        """Every booking of every event with its provider and slot: for exports."""
        query = (
            select(PitchBooking, PitchProvider, PitchSlot)
            .join(PitchProvider, PitchProvider.id == PitchBooking.provider_id)
            .outerjoin(PitchSlot, PitchSlot.id == PitchBooking.slot_id)
            .order_by(
                PitchBooking.event_id,
                PitchBooking.status,
                PitchSlot.number,
                PitchBooking.position,
                PitchBooking.id,
            )
        )
        return [(b, p, s) for b, p, s in (await self.session.execute(query)).all()]
