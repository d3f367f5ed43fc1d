"""The Home tab's registration and pitch parts: the same records `my registration` and `my pitch` show."""

from __future__ import annotations

from bot.context import Context
from bot.messages import Card, Reply
from handlers.pitches import booking as pitch_booking
from handlers.pitches import signup as pitches
from handlers.registration.records import my_delegation, record_reply


def as_part(reply: Reply) -> Card:
    """A reply folded into one part of a larger card: its text first, then its card's content."""
    card = reply.card or Card(title="")
    heading = [card.title] if card.title else []
    return Card(
        title="",
        sections=(reply.text, *heading, *card.sections),
        fields=card.fields,
        buttons=card.buttons,
    )


async def registration_part(ctx: Context) -> Card:
    async with ctx.uow() as uow:
        mine = await my_delegation(uow, ctx)
        await uow.commit()  # my_delegation records the member on first contact
    delegation, record = mine if mine else (None, None)
    if delegation is None or record is None:
        return Card(title="", sections=(ctx.t("registration.none_yet"),))
    return as_part(
        record_reply(ctx, ctx.t("registration.mine", delegation=delegation.name), delegation, record)
    )


async def pitch_part(ctx: Context) -> Card | None:
    """Only for providers with a booking or a waitlist place; nothing for everyone else."""
    provider = await pitches.provider_for(ctx)
    current = await pitch_booking.current_booking(ctx, provider.id) if provider else None
    return as_part(await pitches.my_pitch(ctx)) if current is not None else None
