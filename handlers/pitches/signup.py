"""Pitch slots at the lunchtime matchmaking session: `pitch`, `pitch 7`, `pitch 2:10`, `my pitch`,
`pitch waitlist`, `pitch title …`, `pitch slides …`. Moving and cancelling are in handlers/pitches/changes.py,
the conversation (organisation, slot, title, slides, yes/no) in handlers/pitches/flow.py, organiser words
(`pitch open`, `run of show`, …) in handlers/pitches/admin.py.

A slot is named by its number or its start time, never by its place in a list (handlers/pitches/slotpick.py).
"""

from __future__ import annotations

from bot.context import Context
from bot.messages import Button, Card, InboundMessage, Reply
from handlers.faq import answer as faq
from handlers.pitches import admin as pitch_admin
from handlers.pitches import booking, changes, picking, render
from handlers.pitches.booking import BookingView, ClaimResult, Outcome
from handlers.pitches.state import DIALOG as DIALOG  # re-exported: older imports name signup
from handlers.pitches.state import PitchState as PitchState
from handlers.pitches.state import Then
from handlers.pitches.state import provider_for as provider_for
from handlers.shared.userinput import clean_text, number, web_link

WORDS = ("pitch", "питч", "عرض تقديمي", "路演")
MINE_WORDS = ("my pitch", "mon pitch", "mi pitch", "мой питч", "عرضي التقديمي", "我的路演")
TITLE_LIMIT = 200

# First word after `pitch` → what the user wants, in every language the bot speaks.
SUBCOMMANDS = {
    **dict.fromkeys(("waitlist", "wait", "liste", "attente", "lista", "espera", "ожидание"), "waitlist"),
    **dict.fromkeys(("title", "titre", "titulo", "название", "عنوان", "标题"), "title"),
    **dict.fromkeys(("slides", "link", "diapositives", "lien", "diapositivas", "enlace", "слайды"), "slides"),
    **dict.fromkeys(("mine", "status", "statut", "estado", "статус"), "mine"),
    **dict.fromkeys(("cancel", "annuler", "cancelar", "отменить", "取消"), "cancel"),
}


# --- entry points (registered in service/routes.py) ---


async def handle(msg: InboundMessage, ctx: Context) -> Reply | list[Reply]:
    rest = changes.words_after_phrase(msg.text, WORDS)
    words = rest.split()
    if not words:
        return await overview(ctx)
    first = words[0]
    if first in pitch_admin.SUBCOMMANDS and not _provider_move(first, words[1:]):
        return await pitch_admin.handle(pitch_admin.SUBCOMMANDS[first], words[1:], ctx)
    if first in pitch_admin.SUBCOMMANDS:
        return await changes.start_move(ctx, " ".join(words[1:]))
    if first in SUBCOMMANDS:
        return await _on_subcommand(SUBCOMMANDS[first], _own_words_after(msg.text, rest), ctx)
    return await choose(ctx, msg, rest)


def _provider_move(first: str, args: list[str]) -> bool:
    """`pitch move 2` / `pitch move 2:10` is a provider moving their own pitch; `pitch move 3 7` (two slot
    numbers) is the organisers' word."""
    return pitch_admin.SUBCOMMANDS[first] == "move" and sum(number(a) is not None for a in args) < 2


def _own_words_after(text: str, rest: str) -> str:
    """The user's words after the subcommand, case and accents kept (a title is written as typed)."""
    typed = text.strip().lstrip("/").split()
    return " ".join(typed[len(typed) - len(rest.split()) + 1 :])


async def handle_move(msg: InboundMessage, ctx: Context) -> Reply | list[Reply]:
    """`move pitch 7`; with nothing booked yet, a slot named ("I wanted slot 7") is simply claimed."""
    wanted = changes.words_after_phrase(msg.text, changes.MOVE_WORDS)
    if wanted and await changes.current_booking(ctx) is None:
        found = await picking.resolve(ctx, wanted, command=True)
        if found.kind == "slot" and found.number is not None:
            return await claim_slot(ctx, found.number)
    return await changes.start_move(ctx, wanted)


async def handle_mine(msg: InboundMessage, ctx: Context) -> Reply:
    return await my_pitch(ctx)


async def choose(ctx: Context, msg: InboundMessage, wanted: str) -> Reply | list[Reply]:
    """`pitch 7`, `pitch the 2:10 one`; a question with no slot in it ("pitch session at what time?") is
    for the FAQ."""
    found = await picking.resolve(ctx, wanted, command=True)
    if found.kind == "slot" and found.number is not None:
        return await claim_slot(ctx, found.number)
    if found.kind == "none" and msg.text.rstrip().endswith("?"):
        return await faq.handle(msg, ctx)
    if found.kind == "none":
        return Reply(ctx.t("pitch.usage"), lang=ctx.lang)
    await DIALOG.start(ctx, "slot", PitchState(then="claim"))
    return await picking.problem_reply(ctx, found, "pitch.claim")


async def _on_subcommand(name: str, rest: str, ctx: Context) -> Reply | list[Reply]:
    if name == "waitlist":
        return await waitlist(ctx)
    if name == "mine":
        return await my_pitch(ctx)
    if name == "cancel":
        return await changes.ask_cancel(ctx)
    return await set_detail(ctx, name, rest)


async def _ask_organisation(ctx: Context, then: Then, slot: int | None = None) -> Reply:
    await DIALOG.start(ctx, "organisation", PitchState(then=then, slot=slot))
    return Reply(ctx.t("pitch.ask.organisation"), lang=ctx.lang)


# --- what a provider does ---


async def overview(ctx: Context) -> Reply:
    """The free slots, each with its number and time; the next message may name one (step "slot")."""
    state, is_open, free = await booking.open_slots(ctx)
    provider = await provider_for(ctx)
    current = await booking.current_booking(ctx, provider.id) if provider else None
    if current is not None:
        return render.booking_reply(ctx, current, "pitch.mine.intro")
    if not is_open:
        return render.closed_reply(ctx, state)
    total = ctx.event.matchmaking.slots.count
    if not free:
        buttons = (Button(ctx.t("pitch.button.waitlist"), "pitch.waitlist", style="primary"),)
        card = Card(title=ctx.t("pitch.card.title"), buttons=buttons)
        return Reply(ctx.t("pitch.full", total=total), card=card, lang=ctx.lang)
    intro = ctx.t(
        "pitch.overview",
        free=len(free),
        total=total,
        minutes=ctx.event.matchmaking.pitch_minutes,
        slides=ctx.event.matchmaking.slides,
        when=render.session_when(ctx),
    )
    await DIALOG.start(ctx, "slot", PitchState(then="claim"))
    return picking.ask_slot(ctx, free, "pitch.claim", intro)


async def claim_slot(ctx: Context, number: int) -> Reply:
    state, is_open, free = await booking.open_slots(ctx)
    if not is_open:
        return render.closed_reply(ctx, state)
    if not 1 <= number <= ctx.event.matchmaking.slots.count:
        return await _after_claim(ctx, await _no_such_slot(ctx), number)
    provider = await provider_for(ctx)
    if provider is None and free and all(slot.number != number for slot in free):
        return await _after_claim(ctx, ClaimResult(Outcome.SLOT_TAKEN, free=free), number)
    if provider is None:
        return await _ask_organisation(ctx, "claim", number)
    return await _after_claim(ctx, await booking.claim(ctx, provider.id, number), number)


async def _no_such_slot(ctx: Context) -> ClaimResult:
    _, _, free = await booking.open_slots(ctx)
    return ClaimResult(Outcome.NO_SUCH_SLOT, free=free)


async def waitlist(ctx: Context) -> Reply:
    state, is_open, _ = await booking.open_slots(ctx)
    if not is_open:
        return render.closed_reply(ctx, state)
    provider = await provider_for(ctx)
    if provider is None:
        return await _ask_organisation(ctx, "waitlist")
    return await _after_claim(ctx, await booking.join_waitlist(ctx, provider.id), None)


async def _after_claim(ctx: Context, result: ClaimResult, number: int | None) -> Reply:
    view = result.booking
    if result.outcome is Outcome.CONFIRMED and view is not None and view.slot is not None:
        claimed = ctx.t("pitch.claimed", provider=view.provider, **render.slot_params(ctx, view.slot))
        return await _ask_title(ctx, view, claimed)
    if result.outcome is Outcome.WAITLISTED and view is not None:
        total = ctx.event.matchmaking.slots.count
        text = ctx.t("pitch.waitlisted", provider=view.provider, position=view.position, total=total)
        return await _ask_title(ctx, view, text)
    if result.outcome is Outcome.ALREADY_BOOKED and view is not None:
        if number is not None:  # `pitch 2` with a booking: offer to move it there
            return await changes.offer_move(ctx, view, number)
        return render.booking_reply(ctx, view, "pitch.already")
    if result.outcome is Outcome.CLOSED:
        return render.closed_reply(ctx, "auto")
    key = {
        Outcome.SLOT_TAKEN: "pitch.taken",
        Outcome.SLOTS_FREE: "pitch.still_free",
        Outcome.NO_SUCH_SLOT: "pitch.no_such_slot",
    }[result.outcome]
    text = ctx.t(key, number=number, total=ctx.event.matchmaking.slots.count)
    if not result.free:
        return Reply(text, lang=ctx.lang)
    await DIALOG.start(ctx, "slot", PitchState(then="claim"))
    return picking.ask_slot(ctx, result.free, "pitch.claim", text)


async def _ask_title(ctx: Context, view: BookingView, text: str) -> Reply:
    await DIALOG.start(ctx, "title", PitchState(booking=view.id))
    return Reply(f"{text}\n{ctx.t('pitch.ask.title')}", lang=ctx.lang)


async def my_pitch(ctx: Context) -> Reply:
    current = await changes.current_booking(ctx)
    if current is None:
        return Reply(ctx.t("pitch.mine.none"), lang=ctx.lang)
    return render.booking_reply(ctx, current, "pitch.mine.intro")


async def set_detail(ctx: Context, name: str, value: str) -> Reply:
    """`pitch title …` / `pitch slides https://…`."""
    current = await changes.current_booking(ctx)
    if current is None:
        return Reply(ctx.t("pitch.mine.none"), lang=ctx.lang)
    if name == "title":
        title = clean_text(value, TITLE_LIMIT, "pitch.too_long")
        if title is None:
            return Reply(ctx.t("pitch.ask.title"), lang=ctx.lang)
        updated = await booking.update_details(ctx, current.id, title=title)
    else:
        link = web_link(value)
        if link is None:
            return Reply(ctx.t("pitch.bad_link"), lang=ctx.lang)
        updated = await booking.update_details(ctx, current.id, slides_url=link)
    return render.booking_reply(ctx, updated or current, "pitch.saved")
