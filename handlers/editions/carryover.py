"""Carry-over, the returning participant's side: is each need and offer from the previous edition still
current? Keep, update (with the new text) or drop, by button or in words, one at a time.

The notice that asks (handlers/editions/opening.py) carries the first one's buttons; a button, or
`review needs`, opens the "carryover" flow, which then reads plain keep / update … / drop / keep all /
later. Each answer is stored with its history (storage/editions.py) and written to the audit log.
"""

from __future__ import annotations

from bot.context import Context
from bot.errors import DomainError
from bot.event import Event
from bot.i18n import translate
from bot.messages import Button, Card, InboundMessage, Reply
from bot.text import normalise_command
from handlers.editions import words
from handlers.shared.answers import aside_in_choice
from handlers.shared.dialog import Dialog, DialogData, is_cancel
from handlers.shared.userinput import clean_text, number
from storage.models import CarryOver
from storage.models.editions import DROPPED, KEPT, UPDATED
from storage.uow import UnitOfWork

FLOW = "carryover"
TEXT_LIMIT = 500
KEEP_ID, UPDATE_ID, DROP_ID = "carry.keep", "carry.update", "carry.drop"


class CarryState(DialogData):
    """Steps: "decide" (keep / update / drop the row) and "text" (the updated text of the row)."""

    row: int


DIALOG = Dialog(FLOW, CarryState)


# --- what is shown (also in the notice, which has no Context: hence lang and event, not ctx)


def item_card(event: Event, lang: str, row: CarryOver, position: int, total: int) -> Card:
    """One carried need or offer with its three buttons."""
    title = translate(
        lang,
        f"edition.item.{row.kind}",
        position=position,
        total=total,
        capability=event.capability_name(row.capability, lang),
    )
    buttons = (
        Button(translate(lang, "edition.button.keep"), KEEP_ID, str(row.id), "primary"),
        Button(translate(lang, "edition.button.update"), UPDATE_ID, str(row.id)),
        Button(translate(lang, "edition.button.drop"), DROP_ID, str(row.id), "danger"),
    )
    return Card(title=title, sections=(f"“{row.text}”",), buttons=buttons)


def ask(event: Event, lang: str, waiting: list[CarryOver], lead: str, answered: int = 0) -> Reply:
    """The first of ``waiting`` as a card, after ``lead``."""
    total = answered + len(waiting)
    question = translate(lang, "edition.ask")
    card = item_card(event, lang, waiting[0], answered + 1, total)
    return Reply(f"{lead}\n{question}" if lead else question, card=card, lang=lang)


# --- entry points (service/routes.py)


async def handle_review(msg: InboundMessage, ctx: Context) -> Reply:
    """`review needs`: the first need or offer still to answer (the flow opens on it)."""
    async with ctx.uow() as uow:
        waiting = await uow.editions.waiting(ctx.event.id, ctx.user.key)
        if not waiting:
            return Reply(ctx.t("edition.nothing_waiting"), lang=ctx.lang)
        await DIALOG.start(ctx, "decide", CarryState(row=waiting[0].id), uow)
        answered = await _answered(uow, ctx)
        await uow.commit()
    return ask(ctx.event, ctx.lang, waiting, ctx.t("edition.review.lead", count=len(waiting)), answered)


async def handle_keep_all(msg: InboundMessage, ctx: Context) -> Reply:
    async with ctx.uow() as uow:
        waiting = await uow.editions.waiting(ctx.event.id, ctx.user.key)
        for row in waiting:
            await _decide(uow, ctx, row, KEPT, row.text)
        await DIALOG.end(ctx, uow)
        await uow.commit()
    if not waiting:
        return Reply(ctx.t("edition.nothing_waiting"), lang=ctx.lang)
    return Reply(
        ctx.t("edition.kept_all", count=len(waiting)) + "\n" + ctx.t("edition.done.hint"), lang=ctx.lang
    )


async def handle_action(msg: InboundMessage, ctx: Context) -> Reply:
    """Keep / Update / Drop on a card: the value is the carry-over row's id."""
    assert msg.action is not None
    row_id = number(msg.action.value or "")
    async with ctx.uow() as uow:
        row = await uow.editions.row(row_id) if row_id is not None else None
        if row is None or row.user_key != ctx.user.key or row.event_id != ctx.event.id:
            return Reply(ctx.t("edition.not_yours"), lang=ctx.lang)
        if row.decided_at is not None:
            return await _next(uow, ctx, ctx.t("edition.already_answered"))
        if msg.action.id == UPDATE_ID:
            await DIALOG.start(ctx, "text", CarryState(row=row.id), uow)
            await uow.commit()
            return _ask_text(ctx, row)
        decision = DROPPED if msg.action.id == DROP_ID else KEPT
        lead = await _decide(uow, ctx, row, decision, row.text)
        return await _next(uow, ctx, lead)


async def handle_flow(msg: InboundMessage, ctx: Context) -> Reply:
    """The next line of an open carry-over conversation."""
    text = msg.text.strip()
    if is_cancel(text) or normalise_command(text) in words.LATER:
        await DIALOG.end(ctx)
        return Reply(ctx.t("edition.later"), lang=ctx.lang)
    if normalise_command(text) in words.KEEP_ALL:
        return await handle_keep_all(msg, ctx)
    async with ctx.uow() as uow:
        opened = await DIALOG.read(ctx, uow)
        row = await uow.editions.row(opened.state.row) if opened is not None else None
        if opened is None or row is None or row.decided_at is not None:
            return await _next(uow, ctx, "")
        if opened.step == "text":
            return await _updated(uow, ctx, row, text)
        return await _decision_in_words(uow, ctx, row, text)


async def reprompt(ctx: Context) -> Reply | None:
    async with ctx.uow() as uow:
        waiting = await uow.editions.waiting(ctx.event.id, ctx.user.key)
        if not waiting:
            return None
        opened = await DIALOG.read(ctx, uow)
        if opened is not None and opened.step == "text":
            row = next((r for r in waiting if r.id == opened.state.row), waiting[0])
            return _ask_text(ctx, row)
        return ask(ctx.event, ctx.lang, waiting, "", await _answered(uow, ctx))


# --- answers


async def _decision_in_words(uow: UnitOfWork, ctx: Context, row: CarryOver, text: str) -> Reply:
    said = normalise_command(text)
    if said in words.KEEP:
        return await _next(uow, ctx, await _decide(uow, ctx, row, KEPT, row.text))
    if said in words.DROP:
        return await _next(uow, ctx, await _decide(uow, ctx, row, DROPPED, row.text))
    verb = next((w for w in words.UPDATE if said == w or said.startswith(w + " ")), None)
    if verb is not None:
        rest = " ".join(text.split()[len(verb.split()) :]).lstrip(":").strip()
        if rest:
            return await _updated(uow, ctx, row, rest)
        await DIALOG.update(ctx, "text", CarryState(row=row.id), uow)
        await uow.commit()
        return _ask_text(ctx, row)
    waiting = await uow.editions.waiting(ctx.event.id, ctx.user.key)
    lead = aside_in_choice(ctx) if ctx.aside is not None else ctx.t("edition.how")
    return ask(ctx.event, ctx.lang, waiting, lead, await _answered(uow, ctx))


async def _updated(uow: UnitOfWork, ctx: Context, row: CarryOver, text: str) -> Reply:
    try:
        cleaned = clean_text(text, TEXT_LIMIT, "edition.too_long")
    except DomainError as error:
        return Reply(ctx.t(error.message_id, **error.params) + "\n" + _ask_text(ctx, row).text, lang=ctx.lang)
    if cleaned is None:
        return _ask_text(ctx, row)
    decision = KEPT if cleaned == row.text else UPDATED
    return await _next(uow, ctx, await _decide(uow, ctx, row, decision, cleaned))


async def _decide(uow: UnitOfWork, ctx: Context, row: CarryOver, decision: str, text: str) -> str:
    """Stores one answer (and its audit row); the line that says what was done."""
    await uow.editions.decide(row, decision, text, ctx.now())
    uow.audit.record(
        ctx.now(),
        ctx.user.key,
        f"edition.carry.{decision}",
        f"{row.kind}:{row.capability}",
        before={"edition": row.from_event_id, "text": row.text},
        after={"edition": row.event_id, "text": text if decision != DROPPED else None},
    )
    capability = ctx.event.capability_name(row.capability, ctx.lang)
    return ctx.t(f"edition.done.{decision}", capability=capability, text=text)


async def _next(uow: UnitOfWork, ctx: Context, lead: str) -> Reply:
    """The next one still to answer, or the end of the conversation."""
    waiting = await uow.editions.waiting(ctx.event.id, ctx.user.key)
    if waiting:
        await DIALOG.start(ctx, "decide", CarryState(row=waiting[0].id), uow)
        answered = await _answered(uow, ctx)
        await uow.commit()
        return ask(ctx.event, ctx.lang, waiting, lead, answered)
    await DIALOG.end(ctx, uow)
    await uow.commit()
    closing = ctx.t("edition.all_done") + "\n" + ctx.t("edition.done.hint")
    return Reply(f"{lead}\n{closing}" if lead else closing, lang=ctx.lang)


async def _answered(uow: UnitOfWork, ctx: Context) -> int:
    return await uow.editions.answered(ctx.event.id, ctx.user.key)


def _ask_text(ctx: Context, row: CarryOver) -> Reply:
    capability = ctx.event.capability_name(row.capability, ctx.lang)
    return Reply(ctx.t(f"edition.ask_text.{row.kind}", capability=capability, text=row.text), lang=ctx.lang)
