"""`help`: what the bot can do, in the user's language."""

from __future__ import annotations

from bot.context import Context
from bot.messages import InboundMessage, Reply

WORDS = (
    *("help", "aide", "ayuda", "?", "menu", "commands", "start", "commandes", "comandos"),
    *("помощь", "справка", "команды", "مساعدة", "المساعدة", "الأوامر", "帮助", "命令", "菜单"),
)


async def handle(msg: InboundMessage, ctx: Context) -> Reply:
    return Reply(help_text(ctx), lang=ctx.lang)


def help_text(ctx: Context) -> str:
    return ctx.t(
        "help.text",
        event=ctx.event.names["short"].get(ctx.lang),
        contact=ctx.event.contact.email,
    )
