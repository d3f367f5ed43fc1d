"""`language fr`: a reply language stored per user; `language auto` follows each question again."""

from __future__ import annotations

from bot.context import Context
from bot.messages import Button, Card, InboundMessage, Reply
from bot.router import normalise_command

WORDS = ("language", "langue", "idioma", "lang")
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
    lang = ctx.lang if choice == AUTO else choice
    return Reply(ctx.t("language.set." + ("auto" if choice == AUTO else "fixed"), lang=choice), lang=lang)


def _menu(ctx: Context, supported: list[str]) -> Reply:
    buttons = tuple(Button(code, "language.set", code) for code in (*supported, AUTO))
    card = Card(title=ctx.t("language.menu.title"), buttons=buttons)
    return Reply(ctx.t("language.menu.text", languages=", ".join(supported)), card=card, lang=ctx.lang)
