"""Matchmaking interest: `offer …`, `need …`, `my interests`, `match`.

`offer People and Skills: cyber-apprenticeship training` records at once; `offer` alone (or a text
naming no capability) asks with one button per foundational capability, each explained. After an offer
or a need, the profile questions not asked yet follow (handlers/matchmaking/profile.py). The open
questions live in the "matchmaking" dialog row.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import replace

from bot.context import Context
from bot.messages import Button, Card, InboundMessage, Reply
from handlers.faq import answer as faq
from handlers.matchmaking import asides
from handlers.matchmaking import profile as profile_questions
from handlers.matchmaking.confidentiality import reader
from handlers.matchmaking.parse import split_capability
from handlers.matchmaking.participants import participants as shared_participants
from handlers.matchmaking.scoring import Participant, Suggestion, suggest
from handlers.matchmaking.sense import not_a_need
from handlers.matchmaking.state import (
    DIALOG,
    FLOW,
    MatchmakingState,
    capability_name,
    languages_text,
)
from handlers.matchmaking.visibility import level_text
from handlers.matchmaking.wishes import suggestion_preferences  # issue 14: must meet / like / no thanks
from handlers.shared.answers import held_decision
from handlers.shared.dialog import OpenDialog, is_cancel
from handlers.shared.userinput import clean_text, command_tokens, words_after
from storage.matchmaking import NEED, OFFER

OFFER_WORDS = (
    "offer",
    "we offer",
    "offre",
    "nous offrons",
    "ofrezco",
    "ofrecemos",
    "oferta",
    "мы предлагаем",
    "предлагаем",
    "предложение",
    "نقدم",
    "عرض",
    "我们提供",
    "提供",
)
NEED_WORDS = (
    "need",
    "we need",
    "besoin",
    "besoin de",
    "nous avons besoin de",
    "necesito",
    "necesitamos",
    "necesidad",
    "нам нужно",
    "потребность",
    "نحتاج",
    "حاجة",
    "我们需要",
    "需要",
)
MINE_WORDS = (
    "my interests",
    "my offers",
    "my needs",
    "mes interets",
    "mis intereses",
    "мои интересы",
    "اهتماماتي",
    "我的意向",
)
MATCH_WORDS = ("match", "matches", "suggestions", "sugerencias", "подбор", "مطابقة", "配对")
TEXT_LIMIT = 500
__all__ = ["FLOW"]


# --- entry points (registered in service/routes.py) ---


async def handle_offer(msg: InboundMessage, ctx: Context) -> Reply:
    return await _record_from_text(msg, ctx, OFFER, OFFER_WORDS)


async def handle_need(msg: InboundMessage, ctx: Context) -> Reply:
    return await _record_from_text(msg, ctx, NEED, NEED_WORDS)


async def handle_action(msg: InboundMessage, ctx: Context) -> Reply:
    """Buttons: match.capability (value: capability id), match.skip, match.contact (value: an e-mail
    address or "bot"), match.show."""
    assert msg.action is not None  # the router sends only actions here
    opened = await DIALOG.read(ctx)
    step = opened.step if opened else ""
    if msg.action.id == "match.capability" and opened is not None and step == "capability":
        return await _got_capability(ctx, msg.action.value, opened.state)
    if msg.action.id == "match.skip" and step in profile_questions.QUESTIONS:
        return await profile_questions.answer(ctx, step, "skip")
    if msg.action.id == "match.contact":
        return await profile_questions.answer(ctx, "contact", msg.action.value)
    if msg.action.id in ("match.held.yes", "match.held.no") and opened is not None:
        return await continue_flow(msg, ctx)
    return await show_matches(ctx)


async def handle_match(msg: InboundMessage, ctx: Context) -> Reply:
    return await show_matches(ctx)


async def handle_mine(msg: InboundMessage, ctx: Context) -> Reply:
    async with ctx.uow() as uow:
        interests = [
            (i.kind, i.capability, i.text)
            for i in await uow.matchmaking.interests_of(ctx.event.id, ctx.user.key)
        ]
        profile = await uow.matchmaking.profile(ctx.user.key)
        languages, region = (list(profile.languages), profile.region) if profile else ([], "")
        organisation = (await uow.matchmaking.organisations([ctx.user.key])).get(ctx.user.key, "")
        contact = profile.contact_email if profile else ""
    if not interests:
        return Reply(ctx.t("match.none_yet"), lang=ctx.lang)
    lines = [
        ctx.t(f"match.line.{kind}", capability=capability_name(ctx, cap), text=text)
        for kind, cap, text in interests
    ]
    fields = (
        (ctx.t("match.field.languages"), languages_text(ctx, languages) or ctx.t("match.field.missing")),
        (ctx.t("match.field.region"), region or ctx.t("match.field.missing")),
        (ctx.t("match.field.organisation"), organisation or ctx.t("match.field.missing")),
        (ctx.t("match.field.contact"), profile_questions.shared_contact(ctx, contact)),
    )
    card = Card(title=ctx.t("match.mine.title"), sections=tuple(lines), fields=fields)
    return Reply(ctx.t("match.mine.hint"), card=card, lang=ctx.lang)


# --- offers and needs ---


def _after_phrase(text: str, phrases: tuple[str, ...]) -> str:
    """The user's words after the longest command phrase they started with."""
    normalised = " ".join(command_tokens(text))
    used = max((p for p in phrases if normalised == p or normalised.startswith(p + " ")), key=len, default="")
    return words_after(text, len(used.split()))


async def _record_from_text(msg: InboundMessage, ctx: Context, kind: str, words: tuple[str, ...]) -> Reply:
    rest = _after_phrase(msg.text, words)
    if rest.rstrip().endswith("?"):
        return await faq.handle(msg, ctx)  # "need a visa?" is a question, not a need
    text = clean_text(rest, TEXT_LIMIT, "match.too_long") or ""
    capability, free_text = split_capability(text, ctx.event, inside=True) if text else (None, "")
    if capability is None and (hint := not_a_need(text)) is not None:
        return Reply(ctx.t(hint), lang=ctx.lang)  # "need to fix a name" is no matchmaking need
    if capability is None:
        await DIALOG.start(ctx, "capability", MatchmakingState(kind=kind, text=free_text))
        return _ask_capability(ctx, kind)
    if not free_text:
        await DIALOG.start(ctx, "text", MatchmakingState(kind=kind, capability=capability))
        return _ask_text(ctx, kind, capability)
    return await _save_interest(ctx, kind, capability, free_text)


def _ask_capability(ctx: Context, kind: str, lead: str = "") -> Reply:
    """One button per capability, and a line saying what each covers (from the event file)."""
    capabilities = ctx.event.capabilities
    buttons = tuple(Button(c.name.get(ctx.lang), "match.capability", c.id) for c in capabilities)
    covers = tuple(f"{c.name.get(ctx.lang)}: {c.covers.get(ctx.lang)}" for c in capabilities)
    card = Card(title=ctx.t("match.card.capabilities"), sections=covers, buttons=buttons)
    question = ctx.t(f"match.ask.capability.{kind}")
    return Reply(f"{lead}\n{question}" if lead else question, card=card, lang=ctx.lang)


def _ask_text(ctx: Context, kind: str, capability: str) -> Reply:
    return Reply(ctx.t(f"match.ask.text.{kind}", capability=capability_name(ctx, capability)), lang=ctx.lang)


async def _got_capability(ctx: Context, capability: str, state: MatchmakingState) -> Reply:
    if state.text:
        return await _save_interest(ctx, state.kind, capability, state.text)
    await DIALOG.update(ctx, "text", MatchmakingState(kind=state.kind, capability=capability))
    return _ask_text(ctx, state.kind, capability)


async def _save_interest(ctx: Context, kind: str, capability: str, text: str) -> Reply:
    async with ctx.uow() as uow:
        profile = await uow.matchmaking.touch_profile(ctx.user.key, ctx.lang, ctx.now())
        interest, previous = await uow.matchmaking.record_interest(
            ctx.event.id, ctx.user.key, kind, capability, text, ctx.now()
        )
        uow.audit.record(
            ctx.now(),
            ctx.user.key,
            f"match.{kind}",
            capability,
            before={"text": previous} if previous is not None else None,
            after={"text": text},
        )
        saved = ctx.t(f"match.saved.{kind}", capability=capability_name(ctx, capability), text=text)
        if kind == NEED:
            saved += "\n" + ctx.t("visibility.saved_hint", level=level_text(ctx, interest.visibility))
        # Every offer or need goes on to the profile questions not asked yet, not only the first one:
        # a question left open (another command typed instead of an answer) is asked next time.
        return await profile_questions.continue_or_finish(ctx, uow, profile, saved)


# --- the dialog ---


async def continue_flow(msg: InboundMessage, ctx: Context) -> Reply:
    """The next line (or a held.yes / held.no click) of an open matchmaking question."""
    opened = await DIALOG.read(ctx)
    text = msg.text.strip()
    if msg.action is None and is_cancel(text):
        await DIALOG.end(ctx)
        return Reply(ctx.t("match.flow.stopped"), lang=ctx.lang)
    command = _own_command(text) if msg.action is None else None
    if command is not None:  # a new `offer …` / `need …` leaves the open question
        await DIALOG.end(ctx)
        return await command(msg, ctx)
    if opened is None:  # ended since this message arrived (another message, another instance)
        return Reply(ctx.t("match.saved.next"), lang=ctx.lang)
    if opened.held is not None:
        decision = held_decision(msg, ctx)
        if decision is False:
            return await reprompt(ctx) or Reply(ctx.t("match.saved.next"), lang=ctx.lang)
        if decision is True:  # confirmed: the held line is the answer after all
            text, ctx = opened.held, replace(ctx, aside=None)
    if ctx.aside is not None:
        aside_reply = await _aside(ctx, opened, text)
        if aside_reply is not None:
            return aside_reply
    if opened.step in ("capability", "text"):
        return await _continue_interest(ctx, opened.step, opened.state, text)
    return await profile_questions.answer(ctx, opened.step, text)


async def _aside(ctx: Context, opened: OpenDialog[MatchmakingState], text: str) -> Reply | None:
    """What to say to a line that is plausibly not an answer; None when it answers the step anyway."""
    step = opened.step
    if step == "capability":
        if split_capability(text, ctx.event)[0] is not None:
            return None
        return asides.in_choice(
            ctx, _ask_capability(ctx, opened.state.kind), asides.capability_named(ctx, text)
        )
    if step in profile_questions.CHOICES:
        if profile_questions.understood(step, text):
            return None
        async with ctx.uow() as uow:
            return asides.in_choice(ctx, await profile_questions.ask(ctx, step, uow))
    return await asides.hold(ctx, opened, text)


async def reprompt(ctx: Context) -> Reply | None:
    """The open matchmaking question again (the router asks it after answering something else)."""
    opened = await DIALOG.read(ctx)
    if opened is None:
        return None
    if opened.step == "capability":
        return _ask_capability(ctx, opened.state.kind)
    if opened.step == "text":
        return _ask_text(ctx, opened.state.kind, opened.state.capability)
    async with ctx.uow() as uow:
        return await profile_questions.ask(ctx, opened.step, uow)


async def _continue_interest(ctx: Context, step: str, state: MatchmakingState, text: str) -> Reply:
    if step == "capability":
        capability, _ = split_capability(text, ctx.event)
        if capability is None:
            return _ask_capability(ctx, state.kind)
        return await _got_capability(ctx, capability, state)
    free_text = clean_text(text, TEXT_LIMIT, "match.too_long")
    if free_text is None:
        return _ask_text(ctx, state.kind, state.capability)
    return await _save_interest(ctx, state.kind, state.capability, free_text)


def _own_command(text: str) -> Callable[[InboundMessage, Context], Awaitable[Reply]] | None:
    phrase = " ".join(command_tokens(text))
    table = (
        (OFFER_WORDS, handle_offer),
        (NEED_WORDS, handle_need),
        (MINE_WORDS, handle_mine),
        (MATCH_WORDS, handle_match),
    )
    for words, handler in table:
        if any(phrase == w or phrase.startswith(w + " ") for w in words):
            return handler
    return None


# --- suggestions ---


async def participants(ctx: Context) -> list[Participant]:
    """Everyone who recorded an offer or a need, with what this user may read of it."""
    async with ctx.uow() as uow:
        return await shared_participants(uow, ctx.event.id, await reader(uow, ctx))


async def show_matches(ctx: Context) -> Reply:
    everyone = await participants(ctx)
    me = next((p for p in everyone if p.key == ctx.user.key), None)
    if me is None:
        return Reply(ctx.t("match.none_yet"), lang=ctx.lang)
    found = suggest(me, everyone)
    if not found:
        return Reply(ctx.t("match.no_match"), lang=ctx.lang)
    sections = tuple(f"{i}. {explain(s, ctx)}" for i, s in enumerate(found, 1))
    buttons = tuple(
        Button(ctx.t("match.button.meet", name=s.counterpart.name), "meet.request", s.counterpart.key)
        for s in found
    )
    buttons += suggestion_preferences(ctx.lang, [(s.counterpart.key, s.counterpart.name) for s in found])
    card = Card(title=ctx.t("match.card.title"), sections=sections, buttons=buttons)
    return Reply(ctx.t("match.intro", count=len(found)), card=card, lang=ctx.lang)


def explain(suggestion: Suggestion, ctx: Context) -> str:
    """'Beta Institute — score 95: you need People and Skills; Beta Institute offers … ; both work in
    French (capability 50 + text 30 + language 15 + region 0)'."""
    pairing, name = suggestion.pairing, suggestion.counterpart.name
    mine, theirs = pairing.mine, pairing.theirs
    if mine.kind == NEED:
        reason = ctx.t(
            "match.reason.they_offer",
            capability=capability_name(ctx, mine.capability),
            name=name,
            text=theirs.text,
        )
    else:
        reason = ctx.t(
            "match.reason.they_need",
            capability=capability_name(ctx, theirs.capability),
            name=name,
            text=theirs.text,
        )
    parts = [reason]
    if suggestion.shared_languages:
        parts.append(
            ctx.t("match.reason.languages", languages=languages_text(ctx, suggestion.shared_languages))
        )
    if suggestion.same_region:
        parts.append(ctx.t("match.reason.region", region=suggestion.counterpart.region))
    breakdown = ctx.t(
        "match.reason.points",
        capability=pairing.capability_points,
        text=pairing.text_points,
        language=suggestion.language_points,
        region=suggestion.region_points,
    )
    return ctx.t(
        "match.reason.line", name=name, score=suggestion.score, reason="; ".join(parts), points=breakdown
    )
