"""Matchmaking interest: `offer …`, `need …`, `region …`, `working languages …`, `my interests`, `match`.

`offer People and Skills: cyber-apprenticeship training` records at once; `offer` alone (or a text
naming no capability) asks with one button per foundational capability. The first time, it also asks
the working languages and the region. The open questions live in the "matchmaking" dialog row.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from babel.lists import format_list

from bot.context import Context
from bot.messages import Button, Card, InboundMessage, Reply
from handlers.faq import answer as faq
from handlers.matchmaking.parse import language_names, parse_languages, split_capability
from handlers.matchmaking.scoring import Entry, Participant, Suggestion, suggest
from handlers.matchmaking.wishes import suggestion_preferences  # issue 14: must meet / like / no thanks
from handlers.shared.dialog import Dialog, DialogData, is_cancel
from handlers.shared.userinput import clean_text, command_tokens, words_after
from storage.matchmaking import NEED, OFFER

OFFER_WORDS = ("offer", "we offer", "offre", "nous offrons", "ofrezco", "ofrecemos", "oferta")
NEED_WORDS = ("need", "we need", "besoin", "nous avons besoin de", "necesito", "necesitamos", "necesidad")
REGION_WORDS = ("region", "my region", "ma region", "mi region")
LANGUAGE_WORDS = ("working languages", "langues de travail", "idiomas de trabajo")
MINE_WORDS = ("my interests", "my offers", "my needs", "mes interets", "mis intereses")
MATCH_WORDS = ("match", "matches", "suggestions", "sugerencias")
FLOW = "matchmaking"
TEXT_LIMIT, REGION_LIMIT = 500, 100
SKIP_WORDS = frozenset({"skip", "passer", "omitir", "no"})


class MatchmakingState(DialogData):
    """Steps: capability → text (one offer or need), then languages → region (the profile, asked once)."""

    kind: str = OFFER  # OFFER or NEED
    capability: str = ""
    text: str = ""


DIALOG = Dialog(FLOW, MatchmakingState)


# --- entry points (registered in service/routes.py) ---


async def handle_offer(msg: InboundMessage, ctx: Context) -> Reply:
    return await _record_from_text(msg, ctx, OFFER, OFFER_WORDS)


async def handle_need(msg: InboundMessage, ctx: Context) -> Reply:
    return await _record_from_text(msg, ctx, NEED, NEED_WORDS)


async def handle_region(msg: InboundMessage, ctx: Context) -> Reply:
    return await _save_region(ctx, _after_phrase(msg.text, REGION_WORDS))


async def handle_languages(msg: InboundMessage, ctx: Context) -> Reply:
    return await _save_languages(ctx, _after_phrase(msg.text, LANGUAGE_WORDS), then_region=False)


async def handle_action(msg: InboundMessage, ctx: Context) -> Reply:
    """Buttons: match.capability (value: capability id), match.skip, match.show."""
    assert msg.action is not None  # the router sends only actions here
    opened = await DIALOG.read(ctx)
    step = opened.step if opened else ""
    if msg.action.id == "match.capability" and opened is not None and step == "capability":
        return await _got_capability(ctx, msg.action.value, opened.state)
    if msg.action.id == "match.skip" and step in ("languages", "region"):
        return await _continue_profile(ctx, step, "skip")
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
    if not interests:
        return Reply(ctx.t("match.none_yet"), lang=ctx.lang)
    lines = [
        ctx.t(f"match.line.{kind}", capability=_capability_name(ctx, cap), text=text)
        for kind, cap, text in interests
    ]
    fields = (
        (ctx.t("match.field.languages"), _languages_text(ctx, languages) or ctx.t("match.field.missing")),
        (ctx.t("match.field.region"), region or ctx.t("match.field.missing")),
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
    capability, free_text = split_capability(text, ctx.event) if text else (None, "")
    if capability is None:
        await DIALOG.start(ctx, "capability", MatchmakingState(kind=kind, text=free_text))
        return _ask_capability(ctx, kind)
    if not free_text:
        await DIALOG.start(ctx, "text", MatchmakingState(kind=kind, capability=capability))
        return _ask_text(ctx, kind, capability)
    return await _save_interest(ctx, kind, capability, free_text)


def _ask_capability(ctx: Context, kind: str) -> Reply:
    buttons = tuple(Button(c.name.get(ctx.lang), "match.capability", c.id) for c in ctx.event.capabilities)
    card = Card(title=ctx.t("match.card.capabilities"), buttons=buttons)
    return Reply(ctx.t(f"match.ask.capability.{kind}"), card=card, lang=ctx.lang)


def _ask_text(ctx: Context, kind: str, capability: str) -> Reply:
    return Reply(ctx.t(f"match.ask.text.{kind}", capability=_capability_name(ctx, capability)), lang=ctx.lang)


async def _got_capability(ctx: Context, capability: str, state: MatchmakingState) -> Reply:
    if state.text:
        return await _save_interest(ctx, state.kind, capability, state.text)
    await DIALOG.update(ctx, "text", MatchmakingState(kind=state.kind, capability=capability))
    return _ask_text(ctx, state.kind, capability)


async def _save_interest(ctx: Context, kind: str, capability: str, text: str) -> Reply:
    async with ctx.uow() as uow:
        profile = await uow.matchmaking.touch_profile(ctx.user.key, ctx.lang, ctx.now())
        first_interest = not await uow.matchmaking.interests_of(ctx.event.id, ctx.user.key)
        _, previous = await uow.matchmaking.record_interest(
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
        needs_languages = first_interest and not profile.languages  # asked once, skipping is fine
        if needs_languages:
            await DIALOG.update(ctx, "languages", MatchmakingState(), uow)
        else:
            await DIALOG.end(ctx, uow)
        await uow.commit()
    saved = ctx.t(f"match.saved.{kind}", capability=_capability_name(ctx, capability), text=text)
    if needs_languages:
        return Reply(f"{saved}\n{ctx.t('match.ask.languages')}", card=_skip_card(ctx), lang=ctx.lang)
    return Reply(f"{saved}\n{ctx.t('match.saved.next')}", lang=ctx.lang)


# --- profile: working languages and region ---


async def _save_languages(ctx: Context, text: str, *, then_region: bool) -> Reply:
    codes, unknown = parse_languages(text)
    if not codes or unknown:
        return Reply(
            ctx.t("match.bad_languages", words=", ".join(unknown[:5]) or "—"),
            card=_skip_card(ctx),
            lang=ctx.lang,
        )
    async with ctx.uow() as uow:
        profile = await uow.matchmaking.touch_profile(ctx.user.key, ctx.lang, ctx.now())
        before = list(profile.languages)
        profile.languages = codes
        uow.audit.record(
            ctx.now(),
            ctx.user.key,
            "match.languages",
            "",
            before={"languages": before},
            after={"languages": codes},
        )
        await uow.commit()
    saved = ctx.t("match.saved.languages", languages=_languages_text(ctx, codes))
    if then_region:
        await DIALOG.update(ctx, "region", MatchmakingState())
        return Reply(f"{saved}\n{ctx.t('match.ask.region')}", card=_skip_card(ctx), lang=ctx.lang)
    return Reply(saved, lang=ctx.lang)


async def _save_region(ctx: Context, text: str) -> Reply:
    region = clean_text(text, REGION_LIMIT, "match.too_long")
    if region is None:
        return Reply(ctx.t("match.ask.region"), lang=ctx.lang)
    async with ctx.uow() as uow:
        profile = await uow.matchmaking.touch_profile(ctx.user.key, ctx.lang, ctx.now())
        before, profile.region = profile.region, region
        uow.audit.record(
            ctx.now(), ctx.user.key, "match.region", "", before={"region": before}, after={"region": region}
        )
        await uow.commit()
    return Reply(ctx.t("match.saved.region", region=region) + "\n" + ctx.t("match.saved.next"), lang=ctx.lang)


# --- the dialog ---


async def continue_flow(msg: InboundMessage, ctx: Context) -> Reply:
    opened = await DIALOG.read(ctx)
    text = msg.text.strip()
    if is_cancel(text):
        await DIALOG.end(ctx)
        return Reply(ctx.t("match.flow.stopped"), lang=ctx.lang)
    command = _own_command(text)
    if command is not None:  # `match`, `my interests`, a new `offer …` leave the open question
        await DIALOG.end(ctx)
        return await command(msg, ctx)
    if opened is None:  # ended since this message arrived (another message, another instance)
        return Reply(ctx.t("match.saved.next"), lang=ctx.lang)
    if opened.step in ("capability", "text"):
        return await _continue_interest(ctx, opened.step, opened.state, text)
    return await _continue_profile(ctx, opened.step, text)


async def _continue_interest(ctx: Context, step: str, state: MatchmakingState, text: str) -> Reply:
    if step == "capability":
        capability, _ = split_capability(text, ctx.event)
        if capability is None:
            return _ask_capability(ctx, state.kind)
        return await _got_capability(ctx, capability, state)
    free_text = clean_text(text, TEXT_LIMIT, "match.too_long")
    if free_text is None:
        return Reply(ctx.t(f"match.ask.text.{state.kind}", capability=""), lang=ctx.lang)
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


async def _continue_profile(ctx: Context, step: str, text: str) -> Reply:
    skipped = " ".join(command_tokens(text)) in SKIP_WORDS
    if step == "languages":
        if skipped:
            await DIALOG.update(ctx, "region", MatchmakingState())
            return Reply(ctx.t("match.ask.region"), card=_skip_card(ctx), lang=ctx.lang)
        return await _save_languages(ctx, text, then_region=True)
    await DIALOG.end(ctx)
    return Reply(ctx.t("match.saved.next"), lang=ctx.lang) if skipped else await _save_region(ctx, text)


# --- suggestions ---


async def participants(ctx: Context) -> list[Participant]:
    """Everyone who recorded an offer or a need, with their profile and the name others see."""
    async with ctx.uow() as uow:
        interests = await uow.matchmaking.all_interests(ctx.event.id)
        keys = list(dict.fromkeys(i.user_key for i in interests))
        profiles = await uow.matchmaking.profiles(keys)
        names = await uow.matchmaking.names(keys)
        entries: dict[str, list[Entry]] = {key: [] for key in keys}
        for interest in interests:
            entries[interest.user_key].append(Entry(interest.kind, interest.capability, interest.text))
        return [
            Participant(
                key=key,
                name=names[key],
                entries=tuple(entries[key]),
                languages=tuple(profiles[key].languages) if key in profiles else (),
                region=profiles[key].region if key in profiles else "",
            )
            for key in keys
        ]


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
            capability=_capability_name(ctx, mine.capability),
            name=name,
            text=theirs.text,
        )
    else:
        reason = ctx.t(
            "match.reason.they_need",
            capability=_capability_name(ctx, theirs.capability),
            name=name,
            text=theirs.text,
        )
    parts = [reason]
    if suggestion.shared_languages:
        parts.append(
            ctx.t("match.reason.languages", languages=_languages_text(ctx, suggestion.shared_languages))
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


def _capability_name(ctx: Context, capability_id: str) -> str:
    known = {c.id: c for c in ctx.event.capabilities}
    return known[capability_id].name.get(ctx.lang) if capability_id in known else capability_id


def _languages_text(ctx: Context, codes: list[str] | tuple[str, ...]) -> str:
    return format_list(language_names(codes, ctx.lang), locale=ctx.lang) if codes else ""


def _skip_card(ctx: Context) -> Card:
    return Card(
        title=ctx.t("match.card.profile"), buttons=(Button(ctx.t("match.button.skip"), "match.skip"),)
    )
