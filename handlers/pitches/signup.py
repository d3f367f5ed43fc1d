"""Pitch slots at the lunchtime matchmaking session: `pitch`, `pitch 4`, `my pitch`, `cancel pitch`,
`pitch waitlist`, `pitch title …`, `pitch slides …`; buttons pitch.claim / pitch.waitlist / pitch.mine /
pitch.cancel / pitch.skip. Organiser words (`pitch open`, `run of show`, …) are in handlers/pitches/admin.py.

Asking for the organisation name, the title and the slides link is a dialog ("pitch") kept in the
database, so a restart or another instance carries on the same conversation.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from bot.context import Context
from bot.messages import Button, Card, InboundMessage, Reply
from handlers.faq import answer as faq
from handlers.pitches import admin as pitch_admin
from handlers.pitches import booking
from handlers.pitches.booking import BookingView, ClaimResult, Outcome, SlotView
from handlers.shared import timefmt
from handlers.shared.dialog import Dialog, DialogData, is_cancel
from handlers.shared.userinput import clean_text, command_tokens, number, web_link, words_after

WORDS = ("pitch",)
MINE_WORDS = ("my pitch", "mon pitch", "mi pitch")
CANCEL_WORDS: tuple[str, ...] = (
    *("cancel pitch", "cancel my pitch"),
    *("annuler pitch", "annuler mon pitch"),
    *("cancelar pitch", "cancelar mi pitch"),
)
FLOW = "pitch"
TITLE_LIMIT, NAME_LIMIT = 200, 200

# First word after `pitch` → what the user wants, in every language the bot speaks.
SUBCOMMANDS = {
    **dict.fromkeys(("waitlist", "wait", "liste", "attente", "lista", "espera"), "waitlist"),
    **dict.fromkeys(("title", "titre", "titulo"), "title"),
    **dict.fromkeys(("slides", "link", "diapositives", "lien", "diapositivas", "enlace"), "slides"),
    **dict.fromkeys(("mine", "status", "statut", "estado"), "mine"),
    **dict.fromkeys(("cancel", "annuler", "cancelar"), "cancel"),
}
SKIP_WORDS = frozenset({"skip", "no", "none", "passer", "non", "aucun", "omitir", "ninguno"})


@dataclass(frozen=True, slots=True)
class Provider:
    id: int
    name: str


Then = Literal["", "claim", "waitlist"]


class PitchState(DialogData):
    """Steps: organisation (who presents) → title → slides."""

    then: Then = ""  # once the organisation is named: claim `slot`, or join the waitlist
    slot: int | None = None
    booking: int | None = None  # the booking whose title and slides are asked for


DIALOG = Dialog(FLOW, PitchState)


# --- entry points (registered in service/routes.py) ---


async def handle(msg: InboundMessage, ctx: Context) -> Reply | list[Reply]:
    if msg.action is not None:
        return await _on_action(msg.action.id, msg.action.value, ctx)
    tokens = command_tokens(msg.text)[1:]
    if not tokens:
        return await overview(ctx)
    first = tokens[0]
    if (slot := number(first)) is not None:
        return await claim_slot(ctx, slot)
    if first in pitch_admin.SUBCOMMANDS:
        return await pitch_admin.handle(pitch_admin.SUBCOMMANDS[first], tokens[1:], ctx)
    if first not in SUBCOMMANDS and msg.text.rstrip().endswith("?"):
        return await faq.handle(msg, ctx)  # "pitch session at what time?" is a question for the FAQ
    return await _on_subcommand(SUBCOMMANDS.get(first, ""), words_after(msg.text, 2), ctx)


async def handle_mine(msg: InboundMessage, ctx: Context) -> Reply:
    return await my_pitch(ctx)


async def handle_cancel(msg: InboundMessage, ctx: Context) -> Reply:
    return await cancel_pitch(ctx)


async def _on_action(action_id: str, value: str, ctx: Context) -> Reply | list[Reply]:
    if action_id == "pitch.claim" and (slot := number(value)) is not None:
        return await claim_slot(ctx, slot)
    if action_id == "pitch.waitlist":
        return await waitlist(ctx)
    if action_id == "pitch.cancel":
        return await cancel_pitch(ctx)
    if action_id == "pitch.skip":
        await DIALOG.end(ctx)
    return await my_pitch(ctx) if action_id in ("pitch.mine", "pitch.skip") else await overview(ctx)


async def _on_subcommand(name: str, rest: str, ctx: Context) -> Reply | list[Reply]:
    if name == "waitlist":
        return await waitlist(ctx)
    if name == "mine":
        return await my_pitch(ctx)
    if name == "cancel":
        return await cancel_pitch(ctx)
    if name in ("title", "slides"):
        return await _set_detail(ctx, name, rest)
    return Reply(ctx.t("pitch.usage"), lang=ctx.lang)


# --- who presents ---


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


async def _ask_organisation(ctx: Context, then: Then, slot: int | None = None) -> Reply:
    await DIALOG.start(ctx, "organisation", PitchState(then=then, slot=slot))
    return Reply(ctx.t("pitch.ask.organisation"), lang=ctx.lang)


# --- what a provider does ---


async def overview(ctx: Context) -> Reply:
    state, is_open, free = await booking.open_slots(ctx)
    provider = await provider_for(ctx)
    current = await booking.current_booking(ctx, provider.id) if provider else None
    if current is not None:
        return _booking_reply(ctx, current, "pitch.mine.intro")
    if not is_open:
        return closed_reply(ctx, state)
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
        when=_session_when(ctx),
    )
    return Reply(intro, card=_slots_card(ctx, free), lang=ctx.lang)


async def claim_slot(ctx: Context, number: int) -> Reply:
    state, is_open, _ = await booking.open_slots(ctx)
    if not is_open:
        return closed_reply(ctx, state)
    if not 1 <= number <= ctx.event.matchmaking.slots.count:
        return await _after_claim(ctx, await _no_such_slot(ctx), number)
    provider = await provider_for(ctx)
    if provider is None:
        return await _ask_organisation(ctx, "claim", number)
    return await _after_claim(ctx, await booking.claim(ctx, provider.id, number), number)


async def _no_such_slot(ctx: Context) -> ClaimResult:
    _, _, free = await booking.open_slots(ctx)
    return ClaimResult(Outcome.NO_SUCH_SLOT, free=free)


async def waitlist(ctx: Context) -> Reply:
    state, is_open, _ = await booking.open_slots(ctx)
    if not is_open:
        return closed_reply(ctx, state)
    provider = await provider_for(ctx)
    if provider is None:
        return await _ask_organisation(ctx, "waitlist")
    return await _after_claim(ctx, await booking.join_waitlist(ctx, provider.id), None)


async def _after_claim(ctx: Context, result: ClaimResult, number: int | None) -> Reply:
    view = result.booking
    if result.outcome is Outcome.CONFIRMED and view is not None and view.slot is not None:
        return await _ask_title(
            ctx, view, ctx.t("pitch.claimed", provider=view.provider, **_slot_params(ctx, view.slot))
        )
    if result.outcome is Outcome.WAITLISTED and view is not None:
        total = ctx.event.matchmaking.slots.count
        text = ctx.t("pitch.waitlisted", provider=view.provider, position=view.position, total=total)
        return await _ask_title(ctx, view, text)
    if result.outcome is Outcome.ALREADY_BOOKED and view is not None:
        return _booking_reply(ctx, view, "pitch.already")
    if result.outcome is Outcome.CLOSED:
        return closed_reply(ctx, "auto")
    key = {
        Outcome.SLOT_TAKEN: "pitch.taken",
        Outcome.SLOTS_FREE: "pitch.still_free",
        Outcome.NO_SUCH_SLOT: "pitch.no_such_slot",
    }[result.outcome]
    text = ctx.t(key, number=number, total=ctx.event.matchmaking.slots.count)
    return Reply(text, card=_slots_card(ctx, result.free) if result.free else None, lang=ctx.lang)


async def _ask_title(ctx: Context, view: BookingView, text: str) -> Reply:
    await DIALOG.start(ctx, "title", PitchState(booking=view.id))
    return Reply(f"{text}\n{ctx.t('pitch.ask.title')}", lang=ctx.lang)


async def my_pitch(ctx: Context) -> Reply:
    provider = await provider_for(ctx)
    current = await booking.current_booking(ctx, provider.id) if provider else None
    if current is None:
        return Reply(ctx.t("pitch.mine.none"), lang=ctx.lang)
    return _booking_reply(ctx, current, "pitch.mine.intro")


async def cancel_pitch(ctx: Context) -> Reply:
    provider = await provider_for(ctx)
    cancelled = await booking.cancel(ctx, provider.id) if provider else None
    await DIALOG.end(ctx)
    if cancelled is None:
        return Reply(ctx.t("pitch.mine.none"), lang=ctx.lang)
    where = (
        ctx.t("pitch.where.slot", number=cancelled.slot.number)
        if cancelled.slot
        else ctx.t("pitch.where.waitlist")
    )
    return Reply(ctx.t("pitch.cancelled", provider=cancelled.provider, where=where), lang=ctx.lang)


async def _set_detail(ctx: Context, name: str, value: str) -> Reply:
    provider = await provider_for(ctx)
    current = await booking.current_booking(ctx, provider.id) if provider else None
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
    return _booking_reply(ctx, updated or current, "pitch.saved")


# --- the dialog: organisation → (claim) → title → slides ---


async def continue_flow(msg: InboundMessage, ctx: Context) -> Reply | list[Reply]:
    opened = await DIALOG.read(ctx)
    text = msg.text.strip()
    if is_cancel(text):
        await DIALOG.end(ctx)
        return Reply(ctx.t("pitch.flow.stopped"), lang=ctx.lang)
    if _is_pitch_command(text):
        await DIALOG.end(ctx)
        return await _reroute(msg, ctx)
    if opened is None:  # ended since this message arrived (another message, another instance)
        return await overview(ctx)
    if opened.step == "organisation":
        return await _got_organisation(ctx, text, opened.state)
    if opened.step == "title":
        return await _got_title(ctx, text, opened.state)
    return await _got_slides(ctx, text, opened.state)


def _is_pitch_command(text: str) -> bool:
    tokens = command_tokens(text)
    phrase = " ".join(tokens)
    return phrase in (*WORDS, *MINE_WORDS, *CANCEL_WORDS, *pitch_admin.RUN_OF_SHOW_WORDS) or (
        len(tokens) == 2 and tokens[0] == "pitch" and number(tokens[1]) is not None
    )


async def _reroute(msg: InboundMessage, ctx: Context) -> Reply | list[Reply]:
    phrase = " ".join(command_tokens(msg.text))
    if phrase in MINE_WORDS:
        return await my_pitch(ctx)
    if phrase in CANCEL_WORDS:
        return await cancel_pitch(ctx)
    if phrase in pitch_admin.RUN_OF_SHOW_WORDS:
        return await pitch_admin.handle("show", [], ctx)
    return await handle(msg, ctx)


async def _got_organisation(ctx: Context, text: str, state: PitchState) -> Reply:
    name = clean_text(text, NAME_LIMIT, "pitch.too_long")
    if name is None or len(name) < 2:
        return Reply(ctx.t("pitch.ask.organisation"), lang=ctx.lang)
    async with ctx.uow() as uow:
        provider = await uow.pitches.name_provider(ctx.user.key, name, ctx.now())
        uow.audit.record(ctx.now(), ctx.user.key, "pitch.organisation", name, after={"provider": provider.id})
        await DIALOG.end(ctx, uow)
        await uow.commit()
    if state.then == "claim" and state.slot is not None:
        return await claim_slot(ctx, state.slot)
    if state.then == "waitlist":
        return await waitlist(ctx)
    return await overview(ctx)


async def _got_title(ctx: Context, text: str, state: PitchState) -> Reply:
    title = clean_text(text, TITLE_LIMIT, "pitch.too_long")
    if title is None:
        return Reply(ctx.t("pitch.ask.title"), lang=ctx.lang)
    if await _update_booking(ctx, state, title=title) is None:
        await DIALOG.end(ctx)
        return Reply(ctx.t("pitch.mine.none"), lang=ctx.lang)
    await DIALOG.update(ctx, "slides", state)
    card = Card(title=ctx.t("pitch.card.title"), buttons=(Button(ctx.t("pitch.button.skip"), "pitch.skip"),))
    return Reply(ctx.t("pitch.ask.slides", slides=ctx.event.matchmaking.slides), card=card, lang=ctx.lang)


async def _got_slides(ctx: Context, text: str, state: PitchState) -> Reply:
    if " ".join(command_tokens(text)) in SKIP_WORDS:
        await DIALOG.end(ctx)
        return await my_pitch(ctx)
    link = web_link(text)
    if link is None:
        return Reply(ctx.t("pitch.bad_link"), lang=ctx.lang)
    updated = await _update_booking(ctx, state, slides_url=link)
    await DIALOG.end(ctx)
    return _booking_reply(ctx, updated, "pitch.saved") if updated else await my_pitch(ctx)


async def _update_booking(ctx: Context, state: PitchState, **changes: str) -> BookingView | None:
    """The title or slides of the booking the dialog asks about; None if it is gone (or never was)."""
    return await booking.update_details(ctx, state.booking, **changes) if state.booking is not None else None


# --- rendering ---


def closed_reply(ctx: Context, state: str) -> Reply:
    deadline = ctx.event.deadline(ctx.event.matchmaking.expression_of_interest)
    if state == "closed":
        return Reply(ctx.t("pitch.closed.organisers", contact=ctx.event.contact.email), lang=ctx.lang)
    text = ctx.t(
        "pitch.closed.deadline",
        date=timefmt.long_date(deadline.due, ctx.lang),
        url=str(deadline.url or ""),
        contact=ctx.event.contact.email,
    )
    return Reply(text, lang=ctx.lang)


def _session_when(ctx: Context) -> str:
    session = ctx.event.session(ctx.event.matchmaking.session)
    return timefmt.time_range(ctx.event.starts_at(session), ctx.event.ends_at(session), ctx.lang)


def _slot_params(ctx: Context, slot: SlotView) -> dict[str, object]:
    return {"number": slot.number, "when": booking.slot_when(slot, ctx)}


def _slots_card(ctx: Context, free: tuple[SlotView, ...] | list[SlotView]) -> Card:
    buttons = tuple(Button(booking.slot_label(s, ctx), "pitch.claim", str(s.number)) for s in free)
    return Card(title=ctx.t("pitch.card.free"), buttons=buttons)


def _booking_reply(ctx: Context, view: BookingView, intro: str) -> Reply:
    if view.slot is not None:
        status = ctx.t("pitch.status.confirmed", **_slot_params(ctx, view.slot))
    else:
        status = ctx.t("pitch.status.waitlisted", position=view.position)
    fields = (
        (ctx.t("pitch.field.title"), view.title or ctx.t("pitch.field.missing")),
        (ctx.t("pitch.field.slides"), view.slides_url or ctx.t("pitch.field.missing")),
    )
    buttons = (Button(ctx.t("pitch.button.cancel"), "pitch.cancel", style="danger"),)
    card = Card(title=view.provider, sections=(status,), fields=fields, buttons=buttons)
    return Reply(
        ctx.t(intro, provider=view.provider) + "\n" + ctx.t("pitch.mine.hint"), card=card, lang=ctx.lang
    )
