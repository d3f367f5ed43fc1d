"""Booking rules for pitch slots: claim, waitlist, cancel with promotion, organiser move and remove.

Each operation is one unit of work that writes its audit rows in the same transaction. A claim lets
the database decide (a partial unique index allows one confirmed booking per slot): on
``IntegrityError`` it starts again under the event's booking lock and falls back to the waitlist.
Promotions are announced through the notifier only after the commit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy.exc import IntegrityError

from bot.context import Context
from bot.i18n import translate
from bot.messages import Button, Card, Notice, Reply, UserRef
from handlers.shared import notices, timefmt
from storage.models import PitchBooking, PitchSlot
from storage.pitches import CONFIRMED
from storage.uow import UnitOfWork


class Outcome(StrEnum):
    CONFIRMED = "confirmed"
    WAITLISTED = "waitlisted"
    ALREADY_BOOKED = "already_booked"
    SLOT_TAKEN = "slot_taken"
    SLOTS_FREE = "slots_free"
    NO_SUCH_SLOT = "no_such_slot"
    CLOSED = "closed"


@dataclass(frozen=True, slots=True)
class SlotView:
    number: int
    starts_at: datetime
    ends_at: datetime


@dataclass(frozen=True, slots=True)
class BookingView:
    """What a reply needs to know about a booking, read before the unit of work closes."""

    id: int
    status: str
    provider: str
    booked_by: str
    lang: str
    slot: SlotView | None = None
    position: int | None = None
    title: str = ""
    slides_url: str | None = None


@dataclass(frozen=True, slots=True)
class ClaimResult:
    outcome: Outcome
    booking: BookingView | None = None
    free: tuple[SlotView, ...] = ()


def slot_view(slot: PitchSlot) -> SlotView:
    return SlotView(slot.number, slot.starts_at, slot.ends_at)


async def booking_view(uow: UnitOfWork, booking: PitchBooking) -> BookingView:
    provider = await uow.pitches.provider(booking.provider_id)
    slot = await uow.pitches.slot_by_id(booking.slot_id) if booking.slot_id is not None else None
    return BookingView(
        id=booking.id,
        status=booking.status,
        provider=provider.name if provider else "",
        booked_by=booking.booked_by,
        lang=booking.lang,
        slot=slot_view(slot) if slot else None,
        position=booking.position,
        title=booking.title,
        slides_url=booking.slides_url,
    )


def slot_when(slot: SlotView, ctx: Context, lang: str | None = None) -> str:
    """'1:55 – 1:58 PM EDT, Friday, May 10, 2024', in the event's time zone (the room is there)."""
    return timefmt.time_range(slot.starts_at, slot.ends_at, lang or ctx.lang, ctx.event.zone)


def slot_label(slot: SlotView, ctx: Context) -> str:
    return f"{slot.number} · {timefmt.clock(slot.starts_at.astimezone(ctx.event.zone), ctx.lang)}"


# --- the sign-up window ---


def deadline_cutoff(ctx: Context) -> datetime:
    deadline = ctx.event.deadline(ctx.event.matchmaking.expression_of_interest)
    return ctx.event.deadline_cutoff(deadline)


async def ensure_event(uow: UnitOfWork, ctx: Context) -> str:
    """Seeds slots on first use and returns the sign-up state ("auto", "open" or "closed")."""
    await uow.pitches.ensure_event(ctx.event.id, ctx.event.pitch_slot_times(), ctx.now())
    signup = await uow.pitches.signup(ctx.event.id)
    return signup.state if signup else "auto"


def signup_is_open(state: str, ctx: Context) -> bool:
    """Organisers may force sign-up open (even after the deadline) or closed; "auto" follows the deadline."""
    if state in ("open", "closed"):
        return state == "open"
    return ctx.now() < deadline_cutoff(ctx)


async def open_slots(ctx: Context) -> tuple[str, bool, tuple[SlotView, ...]]:
    """The sign-up state, whether sign-up is open now, and the free slots."""
    async with ctx.uow() as uow:
        state = await ensure_event(uow, ctx)
        free = await free_slots(uow, ctx)
        await uow.commit()
    return state, signup_is_open(state, ctx), free


# --- a provider's own booking ---


async def current_booking(ctx: Context, provider_id: int) -> BookingView | None:
    async with ctx.uow() as uow:
        booking = await uow.pitches.active_booking(ctx.event.id, provider_id)
        return await booking_view(uow, booking) if booking else None


def audit_fields(view: BookingView) -> dict[str, object]:
    return {
        "status": view.status,
        "provider": view.provider,
        "slot": view.slot.number if view.slot else None,
        "position": view.position,
    }


async def claim(ctx: Context, provider_id: int, number: int) -> ClaimResult:
    """Slot ``number`` for the provider, or (when it was taken meanwhile) the waitlist if nothing is free."""
    async with ctx.uow() as uow:
        if not signup_is_open(await ensure_event(uow, ctx), ctx):
            return ClaimResult(Outcome.CLOSED)
        slot = await uow.pitches.slot(ctx.event.id, number)
        if slot is None:
            return ClaimResult(Outcome.NO_SUCH_SLOT, free=await free_slots(uow, ctx))
        existing = await uow.pitches.active_booking(ctx.event.id, provider_id)
        if existing is not None:
            return ClaimResult(Outcome.ALREADY_BOOKED, await booking_view(uow, existing))
        try:
            booking = await uow.pitches.add_confirmed(
                ctx.event.id, provider_id, slot.id, ctx.user.key, ctx.lang, ctx.now()
            )
        except IntegrityError:
            booking = None  # another provider took the slot first (or this one booked meanwhile)
        if booking is not None:
            view = await booking_view(uow, booking)
            uow.audit.record(
                ctx.now(), ctx.user.key, "pitch.claim", f"slot {number}", after=audit_fields(view)
            )
            await uow.commit()
            return ClaimResult(Outcome.CONFIRMED, view)
    return await join_waitlist(ctx, provider_id, slot_was_taken=True)


async def join_waitlist(ctx: Context, provider_id: int, *, slot_was_taken: bool = False) -> ClaimResult:
    """Under the booking lock: already booked → say so; a slot free → offer it; else the end of the line."""
    async with ctx.uow() as uow:
        if not signup_is_open(await ensure_event(uow, ctx), ctx):
            return ClaimResult(Outcome.CLOSED)
        await uow.pitches.lock(ctx.event.id)
        existing = await uow.pitches.active_booking(ctx.event.id, provider_id)
        if existing is not None:
            return ClaimResult(Outcome.ALREADY_BOOKED, await booking_view(uow, existing))
        free = await free_slots(uow, ctx)
        if free:
            return ClaimResult(Outcome.SLOT_TAKEN if slot_was_taken else Outcome.SLOTS_FREE, free=free)
        booking = await uow.pitches.add_waitlisted(
            ctx.event.id, provider_id, ctx.user.key, ctx.lang, ctx.now()
        )
        view = await booking_view(uow, booking)
        uow.audit.record(ctx.now(), ctx.user.key, "pitch.waitlist", view.provider, after=audit_fields(view))
        await uow.commit()
    return ClaimResult(Outcome.WAITLISTED, view)


async def free_slots(uow: UnitOfWork, ctx: Context) -> tuple[SlotView, ...]:
    return tuple(slot_view(s) for s in await uow.pitches.free_slots(ctx.event.id))


async def cancel(ctx: Context, provider_id: int) -> BookingView | None:
    """Cancels the provider's booking; a freed slot goes to the head of the waitlist, who is told."""
    async with ctx.uow() as uow:
        await uow.pitches.lock(ctx.event.id)
        booking = await uow.pitches.active_booking(ctx.event.id, provider_id)
        if booking is None:
            return None
        before = await booking_view(uow, booking)
        promoted = await _release(uow, ctx, booking, "pitch.cancel")
        await uow.commit()
    await announce(ctx, promoted)
    return before


async def _release(uow: UnitOfWork, ctx: Context, booking: PitchBooking, action: str) -> BookingView | None:
    """Cancels ``booking`` (audited) and fills its slot from the waitlist; returns who was promoted."""
    before = await booking_view(uow, booking)
    was_confirmed, slot_id = booking.status == CONFIRMED, booking.slot_id
    await uow.pitches.cancel(booking, ctx.now())
    subject = f"slot {before.slot.number}" if before.slot else before.provider
    uow.audit.record(
        ctx.now(), ctx.user.key, action, subject, before=audit_fields(before), after={"status": "cancelled"}
    )
    if not was_confirmed or slot_id is None:
        await uow.pitches.renumber_waitlist(ctx.event.id)
        return None
    return await promote(uow, ctx, slot_id)


async def promote(uow: UnitOfWork, ctx: Context, slot_id: int) -> BookingView | None:
    head = await uow.pitches.promote_first(ctx.event.id, slot_id, ctx.now())
    if head is None:
        return None
    view = await booking_view(uow, head)
    uow.audit.record(
        ctx.now(),
        ctx.user.key,
        "pitch.promote",
        view.provider,
        before={"status": "waitlisted", "position": 1},
        after=audit_fields(view),
    )
    return view


async def update_details(ctx: Context, booking_id: int, **changes: str | None) -> BookingView | None:
    """Sets the title and/or the slides link of the user's provider's booking."""
    async with ctx.uow() as uow:
        booking = await uow.pitches.booking(booking_id)
        if booking is None or booking.status not in ("confirmed", "waitlisted"):
            return None
        before = {"title": booking.title, "slides_url": booking.slides_url}
        for name, value in changes.items():
            setattr(booking, name, value)
        booking.updated_at = ctx.now()
        after = {"title": booking.title, "slides_url": booking.slides_url}
        uow.audit.record(
            ctx.now(), ctx.user.key, "pitch.details", f"booking {booking_id}", before=before, after=after
        )
        view = await booking_view(uow, booking)
        await uow.commit()
    return view


# --- organiser moves ---


async def move(ctx: Context, source: int, target: int) -> tuple[str, BookingView | None]:
    """Moves the booking in slot ``source`` to free slot ``target``; the freed slot is filled from the
    waitlist. Returns an outcome key and the moved booking."""
    promoted: BookingView | None = None
    async with ctx.uow() as uow:
        await ensure_event(uow, ctx)
        await uow.pitches.lock(ctx.event.id)
        from_slot = await uow.pitches.slot(ctx.event.id, source)
        to_slot = await uow.pitches.slot(ctx.event.id, target)
        if from_slot is None or to_slot is None:
            return "no_such_slot", None
        booking = await uow.pitches.confirmed_in(from_slot.id)
        if booking is None:
            return "source_empty", None
        if await uow.pitches.confirmed_in(to_slot.id) is not None:
            return "target_taken", None
        before = await booking_view(uow, booking)
        await uow.pitches.move(booking, to_slot.id, ctx.now())
        moved = await booking_view(uow, booking)
        uow.audit.record(
            ctx.now(),
            ctx.user.key,
            "pitch.move",
            moved.provider,
            before=audit_fields(before),
            after=audit_fields(moved),
        )
        promoted = await promote(uow, ctx, from_slot.id)
        await uow.commit()
    await announce(ctx, promoted)
    await _tell(
        ctx, moved, "pitch.notice.moved", when=slot_when(moved.slot, ctx, moved.lang) if moved.slot else ""
    )
    return "moved", moved


async def remove(ctx: Context, number: int) -> tuple[str, BookingView | None]:
    """Removes the booking in slot ``number`` (organisers); the waitlist head takes the slot."""
    async with ctx.uow() as uow:
        await ensure_event(uow, ctx)
        await uow.pitches.lock(ctx.event.id)
        slot = await uow.pitches.slot(ctx.event.id, number)
        if slot is None:
            return "no_such_slot", None
        booking = await uow.pitches.confirmed_in(slot.id)
        if booking is None:
            return "slot_empty", None
        removed = await booking_view(uow, booking)
        promoted = await _release(uow, ctx, booking, "pitch.remove")
        await uow.commit()
    await announce(ctx, promoted)
    await _tell(ctx, removed, "pitch.notice.removed", number=number, contact=ctx.event.contact.email)
    return "removed", removed


# --- proactive notices, after the commit ---


async def announce(ctx: Context, promoted: BookingView | None) -> None:
    if promoted is None or promoted.slot is None:
        return
    await _tell(
        ctx,
        promoted,
        "pitch.notice.promoted",
        number=promoted.slot.number,
        when=slot_when(promoted.slot, ctx, promoted.lang),
        buttons=(Button(translate(promoted.lang, "pitch.button.mine"), "pitch.mine"),),
    )


async def _tell(
    ctx: Context, view: BookingView, message_id: str, buttons: tuple[Button, ...] = (), **params: object
) -> None:
    """A notice to the member who booked, in the language they booked in (kept in the outbox if the
    platform cannot take it now; the change is committed either way)."""
    async with ctx.uow() as uow:
        member = await uow.members.get_by_key(view.booked_by)
        if member is None:
            return
        recipient = UserRef(member.platform, member.user_id, member.display_name)
        lang = member.language or view.lang
    text = translate(lang, message_id, provider=view.provider, **params)
    card = Card(title=translate(lang, "pitch.card.title"), buttons=buttons) if buttons else None
    await notices.deliver(
        ctx, Notice(recipient=recipient, reply=Reply(text, card=card, lang=lang), reason=message_id)
    )
