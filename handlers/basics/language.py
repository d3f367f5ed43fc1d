"""`language fr`: a reply language stored per user; `language auto` follows each question again."""

from __future__ import annotations

from babel import Locale

from bot.context import Context
from bot.i18n import translate
from bot.messages import Button, Card, InboundMessage, Reply
from bot.text import normalise_command

WORDS = ("language", "langue", "idioma", "lang", "язык", "语言", "اللغة", "لغة")
AUTO = "auto"


async def handle(msg: InboundMessage, ctx: Context) -> Reply:
    supported = ctx.event.languages
    words = normalise_command(msg.action.value if msg.action else msg.text).split()
    choice = words[-1] if words and words[-1] not in WORDS else ""
    if choice not in (*supported, AUTO):
        return _menu(ctx, supported)
    async with ctx.uow() as uow:
        member = await uow.members.get(ctx.user.platform, ctx.user.user_id)
        if member is not None:
            member.language = None if choice == AUTO else choice
            await uow.commit()
    if choice == AUTO:
        return Reply(ctx.t("language.set.auto"), lang=ctx.lang)
    return Reply(translate(choice, "language.set.fixed", name=language_name(choice)), lang=choice)


def language_name(code: str) -> str:
    """The language's own name for itself (français, español), from Babel's locale data."""
    return Locale.parse(code).get_display_name(code) or code


def _menu(ctx: Context, supported: list[str]) -> Reply:
    buttons = (
        *(Button(language_name(c), "language.set", c) for c in supported),
        Button(AUTO, "language.set", AUTO),
    )
    card = Card(title=ctx.t("language.menu.title"), buttons=buttons)
    return Reply(ctx.t("language.menu.text", languages=", ".join(supported)), card=card, lang=ctx.lang)
