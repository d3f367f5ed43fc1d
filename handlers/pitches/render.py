"""How pitch bookings and slots are shown: slot lists (each slot with its number and time), a booking card,
the closed-sign-up answer. Times are in the event's zone: the room is there."""

from __future__ import annotations

from collections.abc import Sequence

from bot.context import Context
from bot.messages import Button, Card, Reply
from handlers.pitches import booking
from handlers.pitches.booking import BookingView, SlotView
from handlers.shared import timefmt


def closed_reply(ctx: Context, state: str) -> Reply:
    if state == "closed":
        return Reply(ctx.t("pitch.closed.organisers", contact=ctx.event.contact.email), lang=ctx.lang)
    deadline = ctx.event.deadline(ctx.event.matchmaking.expression_of_interest)
    text = ctx.t(
        "pitch.closed.deadline",
        date=timefmt.long_date(deadline.due, ctx.lang),
        url=str(deadline.url or ""),
        contact=ctx.event.contact.email,
    )
    return Reply(text, lang=ctx.lang)


def session_when(ctx: Context) -> str:
    session = ctx.event.session(ctx.event.matchmaking.session)
    return timefmt.time_range(ctx.event.starts_at(session), ctx.event.ends_at(session), ctx.lang)


def slot_params(ctx: Context, slot: SlotView) -> dict[str, object]:
    return {"number": slot.number, "when": booking.slot_when(slot, ctx)}


def start_time(ctx: Context, slot: SlotView) -> str:
    """'2:10 pm' · '14:10', in the event's zone."""
    return timefmt.clock(slot.starts_at.astimezone(ctx.event.zone), ctx.lang)


def slots_card(ctx: Context, free: Sequence[SlotView], action: str = "pitch.claim") -> Card:
    """One button per slot, labelled with its number and time; the value is the slot number."""
    buttons = tuple(Button(booking.slot_label(s, ctx), action, str(s.number)) for s in free)
    return Card(title=ctx.t("pitch.card.free"), buttons=buttons)


def where(ctx: Context, view: BookingView) -> str:
    """'slot 5 (1:55 – 1:58 pm EDT, Friday, 10 May 2024)' or 'place 2 on the waitlist'."""
    if view.slot is not None:
        return ctx.t("pitch.cancel.lost.slot", **slot_params(ctx, view.slot))
    return ctx.t("pitch.cancel.lost.waitlist", position=view.position)


def yes_no_card(ctx: Context, yes: Button, no: Button) -> Card:
    return Card(title=ctx.t("pitch.card.title"), buttons=(yes, no))


def booking_reply(ctx: Context, view: BookingView, intro: str) -> Reply:
    if view.slot is not None:
        status = ctx.t("pitch.status.confirmed", **slot_params(ctx, view.slot))
    else:
        status = ctx.t("pitch.status.waitlisted", position=view.position)
    fields = (
        (ctx.t("pitch.field.title"), view.title or ctx.t("pitch.field.missing")),
        (ctx.t("pitch.field.slides"), view.slides_url or ctx.t("pitch.field.missing")),
    )
    buttons = (
        Button(ctx.t("pitch.button.move_other"), "pitch.move"),
        Button(ctx.t("pitch.button.cancel"), "pitch.cancel", style="danger"),
    )
    card = Card(title=view.provider, sections=(status,), fields=fields, buttons=buttons)
    text = ctx.t(intro, provider=view.provider) + "\n" + ctx.t("pitch.mine.hint")
    return Reply(text, card=card, lang=ctx.lang)
