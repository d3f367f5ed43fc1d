"""The matchmaking profile: organisation, working languages, region and the contact a participant agrees
to share with the people they meet. After an offer or a need is recorded, each question is asked once
(``MatchProfile.asked``): answered or skipped, it is not asked again, and one already answered elsewhere
(a registered delegation names the organisation) is never asked. Commands change any of them later:
`region …`, `working languages …`, `my organisation …`, `my contact …`.
"""

from __future__ import annotations

import re

from email_validator import EmailNotValidError, validate_email

from bot.context import Context
from bot.messages import Button, InboundMessage, Reply
from bot.text import normalise_command
from handlers.matchmaking.parse import parse_languages
from handlers.matchmaking.state import DIALOG, MatchmakingState, languages_text, skip_card
from handlers.shared.userinput import clean_text, command_tokens, words_after
from storage.models import MatchProfile
from storage.uow import UnitOfWork

REGION_WORDS = ("region", "my region", "ma region", "mi region", "мой регион", "регион", "منطقتي", "我的地区")
LANGUAGE_WORDS = (
    "working languages",
    "my languages",
    "langues de travail",
    "idiomas de trabajo",
    "рабочие языки",
    "لغات العمل",
    "工作语言",
)
ORGANISATION_WORDS = (
    "my organisation",
    "my organization",
    "mon organisation",
    "mi organizacion",
    "моя организация",
    "منظمتي",
    "我的组织",
    "我的机构",
)
CONTACT_WORDS = ("my contact", "mon contact", "mi contacto", "мой контакт", "جهة اتصالي", "我的联系方式")
QUESTIONS = ("languages", "region", "organisation", "contact")
CHOICES = frozenset({"languages", "contact"})  # read, not free text: an aside is no answer to them
SKIP_WORDS = frozenset({"skip", "passer", "omitir", "no", "пропустить", "تخطي", "跳过"})
# Words that choose "only through the bot" for the shared contact, in every language.
BOT_ONLY = re.compile(r"\bbot\b|бот|البوت|بوت|机器人|只|仅|\bnone\b|\baucun\b|\bninguno\b|никак")
ORGANISATION_LIMIT, REGION_LIMIT = 200, 100


def _phrase_rest(text: str, phrases: tuple[str, ...]) -> str:
    """The user's words after the longest command phrase they started with."""
    normalised = " ".join(command_tokens(text))
    used = max((p for p in phrases if normalised == p or normalised.startswith(p + " ")), key=len, default="")
    return words_after(text, len(normalise_command(used).split()))


def _mark_asked(profile: MatchProfile, question: str) -> None:
    if question not in profile.asked:
        profile.asked = [*profile.asked, question]  # a new list: SQLAlchemy sees the JSON change


async def next_question(ctx: Context, uow: UnitOfWork, profile: MatchProfile) -> str | None:
    """The first profile question neither asked before nor answered elsewhere."""
    known_organisation = bool((await uow.matchmaking.organisations([ctx.user.key])).get(ctx.user.key))
    answered = {
        "organisation": known_organisation,
        "languages": bool(profile.languages),
        "region": bool(profile.region),
    }
    return next((q for q in QUESTIONS if q not in profile.asked and not answered.get(q, False)), None)


async def ask(ctx: Context, question: str, uow: UnitOfWork, lead: str = "") -> Reply:
    """Puts ``question`` (the flow is already at that step), after ``lead`` (what was just saved)."""
    extra: tuple[Button, ...] = ()
    if question == "contact":
        email = await uow.matchmaking.registered_email(ctx.user.key)
        share = (Button(ctx.t("match.button.share", email=email), "match.contact", email),) if email else ()
        extra = (*share, Button(ctx.t("match.button.bot_only"), "match.contact", "bot"))
    text = ctx.t(f"match.ask.{question}")
    return Reply(f"{lead}\n{text}" if lead else text, card=skip_card(ctx, *extra), lang=ctx.lang)


async def continue_or_finish(ctx: Context, uow: UnitOfWork, profile: MatchProfile, lead: str) -> Reply:
    """Moves the flow to the next unasked question, or ends it; commits."""
    question = await next_question(ctx, uow, profile)
    if question is None:
        await DIALOG.end(ctx, uow)
        await uow.commit()
        return Reply(
            f"{lead}\n{ctx.t('match.saved.next')}" if lead else ctx.t("match.saved.next"), lang=ctx.lang
        )
    await DIALOG.update(ctx, question, MatchmakingState(), uow)
    reply = await ask(ctx, question, uow, lead)
    await uow.commit()
    return reply


async def answer(ctx: Context, question: str, text: str) -> Reply:
    """The answer to the open profile question ``question``: saved, then the next question."""
    async with ctx.uow() as uow:
        profile = await uow.matchmaking.touch_profile(ctx.user.key, ctx.lang, ctx.now())
        if normalise_command(text) in SKIP_WORDS:
            saved: str | None = ""
        else:
            saved = await _save(ctx, uow, profile, question, text)
        if saved is None:  # not understood: the same question again, with what was wrong
            return await _not_understood(ctx, question, text, uow)
        _mark_asked(profile, question)
        return await continue_or_finish(ctx, uow, profile, saved)


async def _save(ctx: Context, uow: UnitOfWork, profile: MatchProfile, question: str, text: str) -> str | None:
    """Stores one answer and says so; None when the text is no answer to ``question``."""
    if question == "languages":
        codes, unknown = parse_languages(text)
        if not codes or unknown:
            return None
        _audit(ctx, uow, "languages", list(profile.languages), codes)
        profile.languages = codes
        return ctx.t("match.saved.languages", languages=languages_text(ctx, codes))
    if question == "contact":
        email = _contact(text)
        if email is None:
            return None
        _audit(ctx, uow, "contact", profile.contact_email, email)
        profile.contact_email = email
        return ctx.t("match.saved.contact", contact=shared_contact(ctx, email))
    limit = ORGANISATION_LIMIT if question == "organisation" else REGION_LIMIT
    value = clean_text(text, limit, "match.too_long")
    if value is None:
        return None
    _audit(ctx, uow, question, getattr(profile, question), value)
    setattr(profile, question, value)
    return ctx.t(f"match.saved.{question}", **{question: value})


def _audit(ctx: Context, uow: UnitOfWork, field: str, before: object, after: object) -> None:
    uow.audit.record(
        ctx.now(), ctx.user.key, f"match.{field}", "", before={field: before}, after={field: after}
    )


def _contact(text: str) -> str | None:
    """An e-mail address in the text (normalised), "" for "only through the bot", else None."""
    for word in text.split():
        if "@" in word:
            try:
                return validate_email(word.strip("<>()[],;"), check_deliverability=False).normalized
            except EmailNotValidError:
                return None
    return "" if BOT_ONLY.search(normalise_command(text)) else None


def understood(question: str, text: str) -> bool:
    """Whether ``text`` answers the choice-like ``question`` (known languages; an address or "bot")."""
    if normalise_command(text) in SKIP_WORDS:
        return True
    if question == "languages":
        codes, unknown = parse_languages(text)
        return bool(codes) and not unknown
    return _contact(text) is not None


def shared_contact(ctx: Context, email: str) -> str:
    return email or ctx.t("match.contact.bot_only")


async def _not_understood(ctx: Context, question: str, text: str, uow: UnitOfWork) -> Reply:
    if question == "languages":
        _, unknown = parse_languages(text)
        lead = ctx.t("match.bad_languages", words=", ".join(unknown[:5]) or "—")
        return Reply(lead, card=skip_card(ctx), lang=ctx.lang)
    if question == "contact":
        return await ask(ctx, question, uow, ctx.t("match.bad_contact"))
    return await ask(ctx, question, uow)


# --- commands that change the profile at any time ---


async def handle_region(msg: InboundMessage, ctx: Context) -> Reply:
    return await _change(ctx, "region", _phrase_rest(msg.text, REGION_WORDS))


async def handle_languages(msg: InboundMessage, ctx: Context) -> Reply:
    return await _change(ctx, "languages", _phrase_rest(msg.text, LANGUAGE_WORDS))


async def handle_organisation(msg: InboundMessage, ctx: Context) -> Reply:
    return await _change(ctx, "organisation", _phrase_rest(msg.text, ORGANISATION_WORDS))


async def handle_contact(msg: InboundMessage, ctx: Context) -> Reply:
    return await _change(ctx, "contact", _phrase_rest(msg.text, CONTACT_WORDS))


async def _change(ctx: Context, question: str, text: str) -> Reply:
    async with ctx.uow() as uow:
        if not text.strip():  # `my contact` alone: the question, answered by the next message
            await DIALOG.start(ctx, question, MatchmakingState(), uow)
            reply = await ask(ctx, question, uow)
            await uow.commit()
            return reply
        profile = await uow.matchmaking.touch_profile(ctx.user.key, ctx.lang, ctx.now())
        saved = await _save(ctx, uow, profile, question, text)
        if saved is None:
            return await _not_understood(ctx, question, text, uow)
        _mark_asked(profile, question)
        await uow.commit()
    return Reply(saved, lang=ctx.lang)
