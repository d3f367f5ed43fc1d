"""Who may read a need (issue 15): its owner and the organisers always; then, by the need's visibility,
providers (the default: those who offer something or booked a pitch at this edition) or everyone.
Offers are public. Every place that shows one participant's needs to another asks ``may_read``."""

from __future__ import annotations

from dataclasses import dataclass

from bot.context import Context
from storage.matchmaking import OFFER
from storage.models import Interest
from storage.models.matchmaking import EVERYONE, PROVIDERS
from storage.uow import UnitOfWork


@dataclass(frozen=True, slots=True)
class Reader:
    key: str
    organiser: bool = False
    provider: bool = False


PLANNER = Reader(key="", provider=True)  # meetings are planned between a need and a provider


async def reader(uow: UnitOfWork, ctx: Context) -> Reader:
    provider = await uow.matchmaking.is_provider(ctx.event.id, ctx.user.key)
    return Reader(ctx.user.key, organiser=ctx.is_organiser, provider=provider)


def may_read(interest: Interest, reader: Reader) -> bool:
    if interest.kind == OFFER or interest.user_key == reader.key or reader.organiser:
        return True
    if interest.visibility == EVERYONE:
        return True
    return interest.visibility == PROVIDERS and reader.provider


def readable(interests: list[Interest], reader: Reader) -> list[Interest]:
    return [i for i in interests if may_read(i, reader)]
