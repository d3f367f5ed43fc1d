"""A provider changes their booking: `move pitch`, `move pitch 2`, `move pitch 2:10` (and the same words in
the six languages) move it to a free slot; `cancel pitch` gives it up. Both first show what will change and
ask yes or no: until the provider says yes, the booking stays as it is.
"""

from __future__ import annotations

from bot.context import Context
from bot.messages import Button, InboundMessage, Reply
from bot.text import normalise_command
from handlers.pitches import booking, picking, relocation, render
from handlers.pitches.booking import BookingView
from handlers.pitches.relocation import MoveOutcome
from handlers.pitches.state import DIALOG, PitchState, provider_for
from handlers.shared import timefmt

MOVE_WORDS: tuple[str, ...] = (
    *("move pitch", "move my pitch", "move our pitch", "change pitch", "change my pitch", "change my slot"),
    *("deplacer pitch", "deplacer mon pitch", "deplacer notre pitch", "changer de creneau"),
    *("mover pitch", "mover mi pitch", "mover nuestro pitch", "cambiar pitch", "cambiar mi pitch"),
    *("cambiar de franja", "cambiar de turno"),
    *("перенести питч", "перенести мой питч", "перенести слот", "сменить слот"),
    *("نقل العرض", "نقل عرضي", "تغيير الفترة"),
    *("调整路演", "更换时段", "换时段", "改时段"),
)
CANCEL_WORDS: tuple[str, ...] = (
    *("cancel pitch", "cancel my pitch", "cancel our pitch"),
    *("annuler pitch", "annuler mon pitch", "annuler notre pitch"),
    *("cancelar pitch", "cancelar mi pitch", "cancelar nuestro pitch"),
    *("отменить питч", "отменить мой питч", "отменить слот"),
    *("إلغاء العرض", "الغاء العرض", "إلغاء عرضي", "الغاء عرضي"),
    *("取消路演", "取消我的路演", "取消时段"),
)
MOVE_ACTION = "pitch.move"


def words_after_phrase(text: str, phrases: tuple[str, ...]) -> str:
    """What follows the command phrase: 'move my pitch to 2:10' → 'to 2:10'."""
    normalised = normalise_command(text)
    for phrase in sorted(map(normalise_command, phrases), key=len, reverse=True):
        if normalised == phrase or normalised.startswith(phrase + " "):
            return normalised[len(phrase) :].strip()
    return normalised


async def current_booking(ctx: Context) -> BookingView | None:
    provider = await provider_for(ctx)
    return await booking.current_booking(ctx, provider.id) if provider else None


# --- move ---


async def start_move(ctx: Context, wanted: str) -> Reply:
    """`move pitch` asks for a slot; `move pitch 2` / `move pitch 2:10` asks to confirm that one."""
    current = await current_booking(ctx)
    if current is None:
        await DIALOG.end(ctx)
        return Reply(ctx.t("pitch.move.none"), lang=ctx.lang)
    state, is_open, free = await booking.open_slots(ctx)
    if not is_open:
        return render.closed_reply(ctx, state)
    found = await picking.resolve(ctx, wanted, command=True)
    if found.kind == "slot" and found.number is not None:
        return await offer_move(ctx, current, found.number)
    if not free:
        return Reply(ctx.t("pitch.move.no_free", provider=current.provider, where=render.where(ctx, current)))
    await DIALOG.start(ctx, "slot", PitchState(then="move"))
    if found.kind != "none":
        return await picking.problem_reply(ctx, found, MOVE_ACTION)
    return ask_move_target(ctx, current, free)


def ask_move_target(ctx: Context, current: BookingView, free: tuple[booking.SlotView, ...]) -> Reply:
    intro = ctx.t("pitch.move.ask", provider=current.provider, where=render.where(ctx, current))
    return picking.ask_slot(ctx, free, MOVE_ACTION, intro)


async def offer_move(ctx: Context, current: BookingView, target: int) -> Reply:
    """Asks to confirm the move of ``current`` to slot ``target``; nothing changes before the yes."""
    if current.slot is not None and current.slot.number == target:
        await DIALOG.end(ctx)
        return Reply(
            ctx.t("pitch.move.same", provider=current.provider, **render.slot_params(ctx, current.slot))
        )
    _, _, free = await booking.open_slots(ctx)
    wanted = next((slot for slot in free if slot.number == target), None)
    if wanted is None:
        await DIALOG.start(ctx, "slot", PitchState(then="move"))
        text = ctx.t(
            "pitch.move.taken", number=target, provider=current.provider, where=render.where(ctx, current)
        )
        return picking.ask_slot(ctx, free, MOVE_ACTION, text)
    source = current.slot.number if current.slot is not None else None
    await DIALOG.start(ctx, "move", PitchState(booking=current.id, source=source, target=target))
    return move_question(ctx, current, wanted)


def move_question(ctx: Context, current: BookingView, wanted: booking.SlotView) -> Reply:
    new = {"new": wanted.number, "new_when": booking.slot_when(wanted, ctx)}
    if current.slot is not None:
        old = {"old": current.slot.number, "old_when": booking.slot_when(current.slot, ctx)}
        text = ctx.t("pitch.move.confirm", provider=current.provider, **old, **new)
    else:
        text = ctx.t(
            "pitch.move.confirm_waitlist", provider=current.provider, position=current.position, **new
        )
    yes = Button(ctx.t("pitch.button.move"), "pitch.move.yes", style="primary")
    card = render.yes_no_card(ctx, yes, Button(ctx.t("pitch.button.keep"), "pitch.move.no"))
    return Reply(text, card=card, lang=ctx.lang)


async def confirm_move(ctx: Context, state: PitchState) -> Reply:
    await DIALOG.end(ctx)
    if state.booking is None or state.target is None:
        return await _changed(ctx)
    result = await relocation.move_own(ctx, state.booking, state.source, state.target)
    after = result.after
    if result.outcome is MoveOutcome.MOVED and after is not None and after.slot is not None:
        text = ctx.t("pitch.move.done", provider=after.provider, **render.slot_params(ctx, after.slot))
        if state.source is not None:
            freed = "pitch.move.freed_promoted" if result.promoted else "pitch.move.freed"
            text += "\n" + ctx.t(freed, old=state.source)
        return await _then_title(ctx, after, text)
    if result.outcome is MoveOutcome.TAKEN and result.before is not None:
        await DIALOG.start(ctx, "slot", PitchState(then="move"))
        before = result.before
        text = ctx.t(
            "pitch.move.taken", number=state.target, provider=before.provider, where=render.where(ctx, before)
        )
        return picking.ask_slot(ctx, result.free, MOVE_ACTION, text)
    if result.outcome is MoveOutcome.CLOSED:
        return render.closed_reply(ctx, "auto")
    return await _changed(ctx)


async def _changed(ctx: Context) -> Reply:
    current = await current_booking(ctx)
    if current is None:
        return Reply(ctx.t("pitch.mine.none"), lang=ctx.lang)
    return render.booking_reply(ctx, current, "pitch.move.changed")


async def keep_booking(ctx: Context) -> Reply:
    """The answer to "no" (move or cancel): nothing changed."""
    await DIALOG.end(ctx)
    current = await current_booking(ctx)
    if current is None:
        return Reply(ctx.t("pitch.mine.none"), lang=ctx.lang)
    kept = ctx.t("pitch.kept", provider=current.provider, where=render.where(ctx, current))
    return await _then_title(ctx, current, kept)


async def _then_title(ctx: Context, view: BookingView, text: str) -> Reply:
    """A booking still without a title (the move was offered mid-title): ask for it again."""
    if view.title:
        return Reply(text, lang=ctx.lang)
    await DIALOG.start(ctx, "title", PitchState(booking=view.id))
    return Reply(f"{text}\n{ctx.t('pitch.ask.title')}", lang=ctx.lang)


# --- cancel ---


async def handle_cancel(msg: InboundMessage, ctx: Context) -> Reply:
    return await ask_cancel(ctx)


async def ask_cancel(ctx: Context) -> Reply:
    """What would be lost (slot and time, title, slides) and where the slot goes; yes or no."""
    current = await current_booking(ctx)
    if current is None:
        await DIALOG.end(ctx)
        return Reply(ctx.t("pitch.mine.none"), lang=ctx.lang)
    lost = [render.where(ctx, current)]
    if current.title:
        lost.append(ctx.t("pitch.cancel.lost.title", title=current.title))
    if current.slides_url:
        lost.append(ctx.t("pitch.cancel.lost.slides", url=current.slides_url))
    text = ctx.t("pitch.cancel.confirm", provider=current.provider, lost=timefmt.join(lost, ctx.lang))
    if current.slot is not None:
        waiting = await _waiting(ctx)
        after = (
            ctx.t("pitch.cancel.next.waitlist", count=waiting) if waiting else ctx.t("pitch.cancel.next.free")
        )
        text += "\n" + after
    await DIALOG.start(ctx, "cancel", PitchState(booking=current.id))
    yes = Button(ctx.t("pitch.button.cancel_yes"), "pitch.cancel.yes", style="danger")
    card = render.yes_no_card(ctx, yes, Button(ctx.t("pitch.button.keep"), "pitch.cancel.no"))
    return Reply(text, card=card, lang=ctx.lang)


async def _waiting(ctx: Context) -> int:
    async with ctx.uow() as uow:
        return len(await uow.pitches.waitlist(ctx.event.id))


async def confirm_cancel(ctx: Context, state: PitchState) -> Reply:
    """Cancels the booking the provider saw in the question (not one made since); promotes as usual."""
    await DIALOG.end(ctx)
    provider = await provider_for(ctx)
    current = await booking.current_booking(ctx, provider.id) if provider else None
    if provider is None or current is None or current.id != state.booking:
        return await _changed(ctx)
    cancelled = await booking.cancel(ctx, provider.id)
    if cancelled is None:
        return Reply(ctx.t("pitch.mine.none"), lang=ctx.lang)
    where = (
        ctx.t("pitch.where.slot", number=cancelled.slot.number)
        if cancelled.slot
        else ctx.t("pitch.where.waitlist")
    )
    done = ctx.t("pitch.cancelled", provider=cancelled.provider, where=where)
    _, _, free = await booking.open_slots(ctx)
    if cancelled.slot is not None and any(slot.number == cancelled.slot.number for slot in free):
        done += "\n" + ctx.t("pitch.cancelled.again", number=cancelled.slot.number)  # a change of mind
    return Reply(done, lang=ctx.lang)
