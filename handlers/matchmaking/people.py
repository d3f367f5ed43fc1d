"""Who the people of matchmaking are, and where they meet: `who is …` (a profile: organisation, region,
needs and offers, languages, and the contact they agreed to share — shown only to someone they agreed to
meet), `my meetings` (accepted meetings: with whom, their contact, when and where), and the details both
sides receive when a meeting request is accepted. Never a user key: people are shown by organisation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from rapidfuzz import fuzz, process, utils

from bot.context import Context
from bot.event import Event
from bot.i18n import translate
from bot.messages import Card, InboundMessage, Reply
from handlers.faq import answer as faq
from handlers.matchmaking.confidentiality import readable, reader
from handlers.matchmaking.interests import participants
from handlers.matchmaking.parse import language_names
from handlers.matchmaking.state import capability_name
from handlers.shared import timefmt
from handlers.shared.userinput import command_tokens, words_after
from storage.matchmaking import ACCEPTED
from storage.uow import UnitOfWork

WHO_WORDS = (
    "who is",
    "who's",
    "whos",
    "qui est",
    "c'est qui",
    "quien es",
    "кто такой",
    "кто такая",
    "кто такие",
    "кто это",
    "من هو",
    "من هي",
    "من هم",
    "谁是",
)
MEETINGS_WORDS = (
    "my meetings",
    "mes rendez-vous",
    "mes reunions",
    "mis reuniones",
    "mis citas",
    "мои встречи",
    "اجتماعاتي",
    "لقاءاتي",
    "我的会面",
    "我的会议",
)
NAME_CUTOFF = 85.0


@dataclass(frozen=True, slots=True)
class Counterpart:
    """What one side of an accepted meeting learns about the other."""

    organisation: str
    contact: str  # an e-mail address, "" = only through the bot


def where_and_when(event: Event, lang: str, at: datetime | None = None) -> str:
    """The matchmaking session's time and place, unless the meeting has a time of its own (``at``)."""
    session = event.session(event.matchmaking.session)
    venue = event.venue(session.venue) or event.venue(event.main_venue)
    place = venue.name.get(lang) if venue else ""
    if at is not None:
        return translate(lang, "meet.place.at", time=timefmt.time_range(at, None, lang), place=place)
    when = timefmt.time_range(event.starts_at(session), event.ends_at(session), lang)
    return translate(lang, "meet.place.session", session=session.title.get(lang), time=when, place=place)


async def counterpart(uow: UnitOfWork, user_key: str) -> Counterpart:
    organisation = (await uow.matchmaking.names([user_key]))[user_key]
    profile = await uow.matchmaking.profile(user_key)
    return Counterpart(organisation, profile.contact_email if profile else "")


def meeting_lines(event: Event, lang: str, other: Counterpart, at: datetime | None = None) -> str:
    """Organisation, contact, and where/when — the block both sides get after an accept."""
    contact = other.contact or translate(lang, "match.contact.bot_only")
    return "\n".join(
        (
            translate(lang, "meet.detail.organisation", organisation=other.organisation),
            translate(lang, "meet.detail.contact", contact=contact),
            translate(lang, "meet.detail.where", place=where_and_when(event, lang, at)),
        )
    )


# --- who is … ---


async def handle_who(msg: InboundMessage, ctx: Context) -> Reply:
    tokens = command_tokens(msg.text)
    used = max((w for w in WHO_WORDS if " ".join(tokens).startswith(w)), key=len, default="who is")
    wanted = words_after(msg.text, len(used.split())).strip().rstrip("?？؟ ").strip()
    key = await _find(ctx, wanted) if wanted else None
    if key is None:
        return await faq.handle(msg, ctx)  # "who is invited to the reception?" is a programme question
    return await _profile_card(ctx, key)


async def _find(ctx: Context, wanted: str) -> str | None:
    """The participant whose organisation, shown name or typed handle is closest to ``wanted``."""
    async with ctx.uow() as uow:
        requests = await uow.matchmaking.requests_of(ctx.event.id, ctx.user.key)
        keys = {p.key for p in await participants(ctx)}
        keys |= {r.from_key for r in requests} | {r.to_key for r in requests}
        names = await uow.matchmaking.names(sorted(keys))
    choices = [(name, key) for key, name in names.items()]
    choices += [(key.partition(":")[2], key) for key in keys]  # "pcci-provider", as people type it
    found = process.extract(
        wanted,
        [text for text, _ in choices],
        scorer=fuzz.token_set_ratio,
        processor=utils.default_process,
        score_cutoff=NAME_CUTOFF,
        limit=None,
    )
    # A name, not a sentence that happens to contain one ("who is hosting the reception at the Singapore
    # mission?" is a programme question even when "Singapore" is a participant).
    typed_words = len(utils.default_process(wanted).split())
    fitting = [f for f in found if typed_words <= len(utils.default_process(f[0]).split()) + 1]
    return choices[fitting[0][2]][1] if fitting else None


async def _profile_card(ctx: Context, key: str) -> Reply:
    async with ctx.uow() as uow:
        name = (await uow.matchmaking.names([key]))[key]
        stated = await uow.matchmaking.interests_of(ctx.event.id, key)
        shown = readable(stated, await reader(uow, ctx))
        lines = tuple(
            ctx.t(f"match.who.{i.kind}", capability=capability_name(ctx, i.capability), text=i.text)
            for i in shown
        )
        profile = await uow.matchmaking.profile(key)
        met = key == ctx.user.key or await uow.matchmaking.accepted_between(ctx.event.id, ctx.user.key, key)
        languages, region, email = (
            (list(profile.languages), profile.region, profile.contact_email) if profile else ([], "", "")
        )
    missing = ctx.t("match.field.missing")
    contact = (email or ctx.t("match.contact.bot_only")) if met else ctx.t("match.who.contact_after_accept")
    fields = (
        (ctx.t("match.field.organisation"), name),
        (ctx.t("match.field.region"), region or missing),
        (ctx.t("match.field.languages"), ", ".join(language_names(languages, ctx.lang)) or missing),
        (ctx.t("match.field.contact"), contact),
    )
    nothing = ctx.t("match.who.hidden" if stated else "match.who.nothing")
    card = Card(title=name, sections=lines or (nothing,), fields=fields)
    return Reply(ctx.t("match.who.intro", name=name), card=card, lang=ctx.lang)


# --- my meetings ---


async def handle_meetings(msg: InboundMessage, ctx: Context) -> Reply:
    async with ctx.uow() as uow:
        requests = [
            r for r in await uow.matchmaking.requests_of(ctx.event.id, ctx.user.key) if r.status == ACCEPTED
        ]
        others = [r.to_key if r.from_key == ctx.user.key else r.from_key for r in requests]
        sides = [await counterpart(uow, key) for key in others]
    if not sides:
        return Reply(ctx.t("meet.mine.none"), lang=ctx.lang)
    sections = tuple(
        f"{ctx.t('meet.mine.with', name=side.organisation)}\n{meeting_lines(ctx.event, ctx.lang, side)}"
        for side in sides
    )
    card = Card(title=ctx.t("meet.mine.title"), sections=sections)
    return Reply(ctx.t("meet.mine.intro", count=len(sides)), card=card, lang=ctx.lang)
