"""The pitch conversation, one step per message, kept in the database (a restart or another instance carries
on): organisation → slot → title → slides, and the yes/no questions before a move or a cancellation.

A forgiving flow: text that is plausibly not an answer (the router sets ``ctx.aside``: a question, a
complaint) is never stored as a title or a slides link without a yes; a complaint naming another slot or time
("wait I typed 7, I wanted the 2:10 one") offers to move the booking there.
"""

from __future__ import annotations

from bot.context import Context
from bot.messages import Button, Card, InboundMessage, Reply
from bot.text import normalise_command
from handlers.pitches import admin as pitch_admin
from handlers.pitches import booking, changes, picking, render, signup
from handlers.pitches.state import DIALOG, PitchState
from handlers.shared.answers import (
    aside_in_choice,
    confirm_held,
    held_decision,
    is_no,
    is_yes,
    keeps,
    yes_or_no,
)
from handlers.shared.dialog import OpenDialog, is_cancel
from handlers.shared.userinput import clean_text, number, web_link

NAME_LIMIT = 200
SKIP_WORDS = frozenset(
    {
        *("skip", "no", "none", "passer", "non", "aucun", "omitir", "ninguno"),
        *("пропустить", "нет", "تخطي", "لا", "跳过", "没有"),
    }
)
YES_NO_STEPS = ("move", "cancel")


# --- buttons (action ids under "pitch.") ---


async def handle_action(msg: InboundMessage, ctx: Context) -> Reply | list[Reply]:
    assert msg.action is not None  # the router sends only actions here
    action, value = msg.action.id, msg.action.value
    opened = await DIALOG.read(ctx)
    if action == "pitch.claim" and (slot := number(value)) is not None:
        await DIALOG.end(ctx)
        return await signup.claim_slot(ctx, slot)
    if action == "pitch.move":
        return await changes.start_move(ctx, value)
    if (
        action in ("pitch.move.yes", "pitch.cancel.yes")
        and opened is not None
        and opened.step in YES_NO_STEPS
    ):
        return await _yes(ctx, opened.step, opened.state)
    if action in ("pitch.move.no", "pitch.cancel.no"):
        return await changes.keep_booking(ctx)
    if action in ("pitch.held.yes", "pitch.held.no") and opened is not None:
        return await _on_step(ctx, msg, opened)
    if action == "pitch.cancel":
        return await changes.ask_cancel(ctx)
    if action == "pitch.waitlist":
        return await signup.waitlist(ctx)
    if action == "pitch.skip":
        await DIALOG.end(ctx)
    return (
        await signup.my_pitch(ctx) if action in ("pitch.mine", "pitch.skip") else await signup.overview(ctx)
    )


async def _yes(ctx: Context, step: str, state: PitchState) -> Reply:
    return await (changes.confirm_move(ctx, state) if step == "move" else changes.confirm_cancel(ctx, state))


# --- typed answers ---


async def continue_flow(msg: InboundMessage, ctx: Context) -> Reply | list[Reply]:
    text = msg.text.strip()
    if is_cancel(text):
        await DIALOG.end(ctx)
        return Reply(ctx.t("pitch.flow.stopped"), lang=ctx.lang)
    if _is_pitch_command(text):
        await DIALOG.end(ctx)
        return await _reroute(msg, ctx)
    opened = await DIALOG.read(ctx)
    if opened is None:  # ended since this message arrived (another message, another instance)
        return await signup.overview(ctx)
    return await _on_step(ctx, msg, opened)


async def _on_step(ctx: Context, msg: InboundMessage, opened: OpenDialog[PitchState]) -> Reply | list[Reply]:
    text = msg.text.strip()
    if opened.step == "slot":
        return await _got_slot(ctx, text, opened.state)
    if opened.step in YES_NO_STEPS:
        return await _got_yes_no(ctx, text, opened)
    return await _got_detail(ctx, msg, opened)


def _is_pitch_command(text: str) -> bool:
    phrase = normalise_command(text)
    words = (*signup.WORDS, *signup.MINE_WORDS, *changes.CANCEL_WORDS, *pitch_admin.RUN_OF_SHOW_WORDS)
    starts = (*signup.WORDS, *changes.MOVE_WORDS)
    return phrase in map(normalise_command, words) or any(
        phrase.startswith(normalise_command(word) + " ") for word in starts
    )


async def _reroute(msg: InboundMessage, ctx: Context) -> Reply | list[Reply]:
    phrase = normalise_command(msg.text)
    if phrase in map(normalise_command, signup.MINE_WORDS):
        return await signup.my_pitch(ctx)
    if phrase in map(normalise_command, changes.CANCEL_WORDS):
        return await changes.ask_cancel(ctx)
    if phrase in map(normalise_command, pitch_admin.RUN_OF_SHOW_WORDS):
        return await pitch_admin.handle("show", [], ctx)
    if any(phrase.startswith(normalise_command(word)) for word in changes.MOVE_WORDS):
        return await signup.handle_move(msg, ctx)
    return await signup.handle(msg, ctx)


async def reprompt(ctx: Context) -> Reply | None:
    """The open step's question again, after another command ran in the middle of the flow. None when no
    step waits, and after `move pitch` / `cancel pitch` (their question was just asked: not twice)."""
    opened = await DIALOG.read(ctx)
    if opened is None or opened.step in YES_NO_STEPS:
        return None
    if opened.step == "slot":
        return None if opened.state.then == "move" else await _ask_slot_again(ctx, opened.state)
    return await _ask_detail(ctx, opened.step)


# --- organisation ---


async def _got_organisation(ctx: Context, text: str, state: PitchState) -> Reply:
    name = clean_text(text, NAME_LIMIT, "pitch.too_long")
    if name is None or len(name) < 2 or is_yes(name) or is_no(name) or normalise_command(name) in SKIP_WORDS:
        return Reply(ctx.t("pitch.ask.organisation"), lang=ctx.lang)  # "yes" is nobody's name
    async with ctx.uow() as uow:
        provider = await uow.pitches.name_provider(ctx.user.key, name, ctx.now())
        uow.audit.record(ctx.now(), ctx.user.key, "pitch.organisation", name, after={"provider": provider.id})
        await DIALOG.end(ctx, uow)
        await uow.commit()
    if state.then == "claim" and state.slot is not None:
        return await signup.claim_slot(ctx, state.slot)
    if state.then == "waitlist":
        return await signup.waitlist(ctx)
    return await signup.overview(ctx)


# --- slot ---


async def _got_slot(ctx: Context, text: str, state: PitchState) -> Reply:
    """'7', 'slot 7', 'the 2:10 one': claim it (or, when moving, offer the move)."""
    found = await picking.resolve(ctx, text)
    if found.kind == "none" and ctx.aside is None:  # "any slot is fine"; not "are there any later ones?"
        found = await picking.free_slot_named(ctx, text)
    action = changes.MOVE_ACTION if state.then == "move" else "pitch.claim"
    if found.kind == "slot" and found.number is not None:
        if state.then != "move":
            await DIALOG.end(ctx)
            return await signup.claim_slot(ctx, found.number)
        current = await changes.current_booking(ctx)
        if current is None:
            await DIALOG.end(ctx)
            return Reply(ctx.t("pitch.move.none"), lang=ctx.lang)
        return await changes.offer_move(ctx, current, found.number)
    if found.kind == "none" and ctx.aside is not None:  # a question or a complaint: not "which slot?" again
        again = await _ask_slot_again(ctx, state)
        return Reply(aside_in_choice(ctx) + "\n" + again.text, card=again.card, lang=ctx.lang)
    return await picking.problem_reply(ctx, found, action)


async def _ask_slot_again(ctx: Context, state: PitchState) -> Reply:
    _, _, free = await booking.open_slots(ctx)
    current = await changes.current_booking(ctx) if state.then == "move" else None
    if current is not None:
        return changes.ask_move_target(ctx, current, free)
    return picking.ask_slot(ctx, free, "pitch.claim")


# --- yes / no before a move or a cancellation ---


async def _got_yes_no(ctx: Context, text: str, opened: OpenDialog[PitchState]) -> Reply:
    decision = False if keeps(text) else yes_or_no(text)
    if decision is True:
        return await _yes(ctx, opened.step, opened.state)
    if decision is False:
        return await changes.keep_booking(ctx)
    found = await picking.resolve(ctx, text)
    if opened.step == "move" and found.kind == "slot" and found.number is not None:
        current = await changes.current_booking(ctx)  # "no, slot 9 rather": that one instead
        if current is not None:
            return await changes.offer_move(ctx, current, found.number)
    again = await _ask_yes_no_again(ctx, opened.step, opened.state)
    prefix = aside_in_choice(ctx) if ctx.aside is not None else ctx.t("pitch.yes_or_no")
    return Reply(f"{prefix}\n{again.text}", card=again.card, lang=ctx.lang)


async def _ask_yes_no_again(ctx: Context, step: str, state: PitchState) -> Reply:
    if step == "cancel":
        return await changes.ask_cancel(ctx)
    current = await changes.current_booking(ctx)
    if current is None or state.target is None:
        await DIALOG.end(ctx)
        return Reply(ctx.t("pitch.mine.none"), lang=ctx.lang)
    return await changes.offer_move(ctx, current, state.target)


# --- organisation, title and slides (free text: held for a yes when it may not be an answer) ---


async def _got_detail(ctx: Context, msg: InboundMessage, opened: OpenDialog[PitchState]) -> Reply:
    """Organisation, title or slides. A question or complaint is held until the person says it is the
    answer; one that names another slot or time offers the move there instead."""
    text = msg.text.strip()
    decision = held_decision(msg, ctx) if opened.held is not None else None
    if decision is True and opened.held is not None:
        text = opened.held  # "yes, use it": the held line is the answer
    elif decision is False:
        await DIALOG.update(ctx, opened.step, opened.state)  # drops the held line
        return await _ask_detail(ctx, opened.step)
    elif ctx.aside is not None:
        if (offer := await _complaint_about_slot(ctx, text, opened.step)) is not None:
            return offer
        await DIALOG.hold(ctx, opened.step, opened.state, text)
        what, a_title = ctx.t(f"pitch.held.{opened.step}"), opened.step == "title"  # a title may ask
        return confirm_held(ctx, text, what, "pitch", a_question_fits=a_title)
    if opened.step == "organisation":
        return await _got_organisation(ctx, text, opened.state)
    if opened.step == "title":
        return await _got_title(ctx, text, opened.state)
    return await _got_slides(ctx, text, opened.state)


async def _complaint_about_slot(ctx: Context, text: str, step: str) -> Reply | None:
    """'wait I typed 7, I wanted the 2:10 one': offers the move to the slot named; when that is already
    theirs, says so and asks the open step again."""
    found = await picking.resolve(ctx, text)
    current = await changes.current_booking(ctx)
    if found.kind != "slot" or found.number is None or current is None:
        return None
    if current.slot is not None and current.slot.number == found.number:
        same = ctx.t("pitch.move.same", provider=current.provider, **render.slot_params(ctx, current.slot))
        again = await _ask_detail(ctx, step)
        return Reply(f"{same}\n{again.text}", card=again.card, lang=ctx.lang)
    _, _, free = await booking.open_slots(ctx)
    if all(slot.number != found.number for slot in free):  # taken: say so, and stay at this step
        where = render.where(ctx, current)
        taken = ctx.t("pitch.move.taken", number=found.number, provider=current.provider, where=where)
        again = await _ask_detail(ctx, step)
        card = render.slots_card(ctx, free, changes.MOVE_ACTION) if free else None
        return Reply(f"{taken}\n{again.text}", card=card, lang=ctx.lang)
    return await changes.offer_move(ctx, current, found.number)


async def _ask_detail(ctx: Context, step: str) -> Reply:
    if step == "slides":
        return _ask_slides(ctx)
    return Reply(ctx.t(f"pitch.ask.{step}"), lang=ctx.lang)  # organisation or title


def _ask_slides(ctx: Context) -> Reply:
    card = Card(title=ctx.t("pitch.card.title"), buttons=(Button(ctx.t("pitch.button.skip"), "pitch.skip"),))
    return Reply(ctx.t("pitch.ask.slides", slides=ctx.event.matchmaking.slides), card=card, lang=ctx.lang)


async def _got_title(ctx: Context, text: str, state: PitchState) -> Reply:
    title = clean_text(text, signup.TITLE_LIMIT, "pitch.too_long")
    if title is None:
        return Reply(ctx.t("pitch.ask.title"), lang=ctx.lang)
    if await _update_booking(ctx, state, title=title) is None:
        await DIALOG.end(ctx)
        return Reply(ctx.t("pitch.mine.none"), lang=ctx.lang)
    await DIALOG.update(ctx, "slides", state)
    return _ask_slides(ctx)


async def _got_slides(ctx: Context, text: str, state: PitchState) -> Reply:
    if normalise_command(text) in SKIP_WORDS or is_no(text):
        await DIALOG.end(ctx)
        return await signup.my_pitch(ctx)
    link = web_link(text)
    if link is None:
        return Reply(ctx.t("pitch.bad_link"), lang=ctx.lang)
    updated = await _update_booking(ctx, state, slides_url=link)
    await DIALOG.end(ctx)
    return render.booking_reply(ctx, updated, "pitch.saved") if updated else await signup.my_pitch(ctx)


async def _update_booking(ctx: Context, state: PitchState, **changes_: str) -> booking.BookingView | None:
    """The title or slides of the booking the dialog asks about; None if it is gone (or never was)."""
    if state.booking is None:
        return None
    return await booking.update_details(ctx, state.booking, **changes_)
