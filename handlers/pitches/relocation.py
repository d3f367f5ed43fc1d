"""A provider moves their own pitch to a free slot, in one transaction: the old slot (or waitlist place) stays
theirs until the new slot is written; the slot they leave goes to the head of the waitlist, who is told.

The move is checked against what the provider confirmed: if the booking changed meanwhile (cancelled, moved
by an organiser, promoted) nothing moves. Under the event's booking lock, a slot another provider took first
is seen as taken; the partial unique index catches any race the lock does not.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy.exc import IntegrityError

from bot.context import Context
from handlers.pitches import booking
from handlers.pitches.booking import BookingView, SlotView
from storage.pitches import ACTIVE, CONFIRMED


class MoveOutcome(StrEnum):
    MOVED = "moved"
    SAME = "same"  # the booking already holds that slot
    TAKEN = "taken"  # another provider holds it (or took it first)
    CHANGED = "changed"  # the booking is not what the provider confirmed any more
    NO_SUCH_SLOT = "no_such_slot"
    CLOSED = "closed"


@dataclass(frozen=True, slots=True)
class MoveResult:
    outcome: MoveOutcome
    before: BookingView | None = None
    after: BookingView | None = None
    free: tuple[SlotView, ...] = ()
    promoted: bool = False  # the slot left went to the head of the waitlist


def slot_number(view: BookingView) -> int | None:
    return view.slot.number if view.slot is not None else None


async def move_own(ctx: Context, booking_id: int, source: int | None, target: int) -> MoveResult:
    """Moves booking ``booking_id`` from slot ``source`` (None: from the waitlist) to free slot ``target``."""
    async with ctx.uow() as uow:
        if not booking.signup_is_open(await booking.ensure_event(uow, ctx), ctx):
            return MoveResult(MoveOutcome.CLOSED)
        await uow.pitches.lock(ctx.event.id)
        row = await uow.pitches.booking(booking_id)
        if row is None or row.status not in ACTIVE:
            return MoveResult(MoveOutcome.CHANGED)
        before = await booking.booking_view(uow, row)
        to_slot = await uow.pitches.slot(ctx.event.id, target)
        if slot_number(before) != source:
            return MoveResult(MoveOutcome.CHANGED, before)
        if to_slot is None:
            return MoveResult(MoveOutcome.NO_SUCH_SLOT, before)
        if to_slot.id == row.slot_id:
            return MoveResult(MoveOutcome.SAME, before)
        freed = row.slot_id if row.status == CONFIRMED else None
        if await uow.pitches.confirmed_in(to_slot.id) is not None:
            return MoveResult(MoveOutcome.TAKEN, before, free=await booking.free_slots(uow, ctx))
        try:
            await uow.pitches.take_slot(row, to_slot.id, ctx.now())
        except IntegrityError:  # taken between the check and the write (no lock on that path)
            return await _taken_meanwhile(ctx, before)
        after = await booking.booking_view(uow, row)
        uow.audit.record(
            ctx.now(),
            ctx.user.key,
            "pitch.move.own",
            after.provider,
            before=booking.audit_fields(before),
            after=booking.audit_fields(after),
        )
        promoted = await booking.promote(uow, ctx, freed) if freed is not None else None
        if freed is None:
            await uow.pitches.renumber_waitlist(ctx.event.id)
        await uow.commit()
    await booking.announce(ctx, promoted)
    return MoveResult(MoveOutcome.MOVED, before, after, promoted=promoted is not None)


async def _taken_meanwhile(ctx: Context, before: BookingView) -> MoveResult:
    _, _, free = await booking.open_slots(ctx)
    return MoveResult(MoveOutcome.TAKEN, before, free=free)
