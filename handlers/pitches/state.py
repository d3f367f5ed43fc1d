"""The pitch conversation's state (a dialog row per user, handlers/shared/dialog.py) and who presents."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from bot.context import Context
from handlers.shared.dialog import Dialog, DialogData

FLOW = "pitch"

Then = Literal["", "claim", "waitlist", "move"]


class PitchState(DialogData):
    """Steps: organisation (who presents) → slot (which one) → title → slides; or a yes/no question:
    move (``booking`` from slot ``source`` to slot ``target``) or cancel (``booking``)."""

    then: Then = ""  # once the organisation is named: claim `slot`, or join the waitlist; at "slot": or move
    slot: int | None = None
    booking: int | None = None  # the booking whose title and slides are asked for, or to move or cancel
    source: int | None = None  # the slot the booking held when the move was offered (None: the waitlist)
    target: int | None = None


DIALOG = Dialog(FLOW, PitchState)


@dataclass(frozen=True, slots=True)
class Provider:
    id: int
    name: str


async def provider_for(ctx: Context) -> Provider | None:
    """The member's delegation, else the organisation they named before; None if we must ask."""
    async with ctx.uow() as uow:
        member = await uow.members.get(ctx.user.platform, ctx.user.user_id)
        if member is not None and member.delegation_id is not None:
            row = await uow.pitches.provider_of_delegation(member.delegation_id, ctx.now())
            await uow.commit()
            return Provider(row.id, row.name)
        owned = await uow.pitches.provider_owned_by(ctx.user.key)
        return Provider(owned.id, owned.name) if owned else None
