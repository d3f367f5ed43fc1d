"""From what a person typed to one slot number: by number or start time (handlers/pitches/slotpick.py),
against the event's slots; and the question to ask when that does not give exactly one slot."""

from __future__ import annotations

from collections.abc import Sequence

from bot.context import Context
from bot.messages import Card, Reply
from bot.text import normalise_command
from handlers.pitches import booking, render, slotpick
from handlers.pitches.booking import SlotView
from handlers.pitches.slotpick import Pick


async def all_slots(ctx: Context) -> dict[int, SlotView]:
    async with ctx.uow() as uow:
        await booking.ensure_event(uow, ctx)
        rows = await uow.pitches.slots(ctx.event.id)
        await uow.commit()
    return {row.number: booking.slot_view(row) for row in rows}


async def resolve(ctx: Context, text: str, *, command: bool = False) -> Pick:
    """The slot ``text`` names. After a command word the first number is the slot's ("pitch 6 2:10" and
    "move pitch 6 2:10", as the natural-request engine writes them: slot 6, then a time to check)."""
    if command and text.split()[:1] and text.split()[0].isdigit():
        text = f"slot {text}"
    slots = await all_slots(ctx)
    starts = {number: slot.starts_at.astimezone(ctx.event.zone) for number, slot in slots.items()}
    return slotpick.pick(slotpick.mention(text), starts)


# "any slot is fine", "the earliest one": the first free slot; "the last one", "the latest": the last free.
_FIRST_FREE = (
    *("any", "whichever", "doesn't matter", "does not matter", "don't mind", "earliest", "first free"),
    *("first available", "next free", "next available", "n'importe", "peu importe", "le premier"),
    *("le plus tot", "cualquier", "cualquiera", "el primero", "el mas temprano", "da igual", "любой"),
    *("первый свободный", "самый ранний", "без разницы", "أي فترة", "أبكر", "الأولى", "随便", "任何", "最早"),
    "都可以",
)
_LAST_FREE = (
    *("latest", "last one", "last free", "the last", "le dernier", "la derniere", "le plus tard"),
    *(
        "el ultimo",
        "la ultima",
        "el mas tarde",
        "последний",
        "самый поздний",
        "الأخيرة",
        "آخر",
        "最后",
        "最晚",
    ),
)


async def free_slot_named(ctx: Context, text: str) -> Pick:
    """The first free slot for "any slot is fine" / "the earliest one", the last for "the latest one";
    kind "none" when the text says neither, or nothing is free."""
    said = f" {normalise_command(text)} "
    wanted = [stems for stems in (_FIRST_FREE, _LAST_FREE) if any(_said(stem, said) for stem in stems)]
    _, _, free = await booking.open_slots(ctx) if wanted else (None, None, [])
    if not free:
        return Pick("none")
    return Pick("slot", free[0].number if wanted[0] is _FIRST_FREE else free[-1].number)


def _said(stem: str, padded: str) -> bool:
    """A Latin or Cyrillic stem as whole words; an Arabic or Chinese one anywhere."""
    stem = normalise_command(stem)
    return f" {stem} " in padded if stem[0] <= "\u04ff" else stem in padded


async def problem_reply(ctx: Context, found: Pick, action: str) -> Reply:
    """Why ``found`` is not one slot, with the slots to choose from (buttons ``action``, value = number)."""
    slots = await all_slots(ctx)
    _, _, free = await booking.open_slots(ctx)
    if found.kind == "conflict" and found.number is not None and found.by_time is not None:
        named, timed = slots[found.number], slots[found.by_time]
        text = ctx.t(
            "pitch.pick.conflict",
            number=named.number,
            number_time=render.start_time(ctx, named),
            time=render.start_time(ctx, timed),
            by_time=timed.number,
        )
        return Reply(text, card=render.slots_card(ctx, (named, timed), action), lang=ctx.lang)
    if found.kind == "no_such_time":
        text = _no_such_time(ctx, list(slots.values()))
    elif found.kind == "no_such_slot":
        text = ctx.t("pitch.no_such_slot", number=found.number, total=len(slots))
    else:
        text = ctx.t("pitch.pick.unclear")
    return ask_slot(ctx, free, action, text)


def ask_slot(ctx: Context, free: Sequence[SlotView], action: str, before: str = "") -> Reply:
    """'Which slot?' with the free ones as buttons, each with its number and time."""
    question = ctx.t("pitch.pick.ask")
    text = f"{before}\n{question}" if before else question
    card = render.slots_card(ctx, free, action) if free else Card(title=ctx.t("pitch.card.title"))
    return Reply(text, card=card, lang=ctx.lang)


def _no_such_time(ctx: Context, slots: list[SlotView]) -> str:
    first, last = slots[0], slots[-1]
    every = int((slots[1].starts_at - first.starts_at).total_seconds() // 60) if len(slots) > 1 else 0
    return ctx.t(
        "pitch.pick.no_such_time",
        every=every,
        first=render.start_time(ctx, first),
        last=render.start_time(ctx, last),
    )
