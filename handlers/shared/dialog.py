"""Helpers shared by multi-step flows: the open dialog lives in the database, one row per user."""

from __future__ import annotations

from bot.context import Context
from bot.text import normalise_command

# Words that leave any flow at any step, in every language the bot speaks.
CANCEL_WORDS = frozenset(
    {
        "cancel",
        "stop",
        "quit",
        "exit",
        "annuler",
        "arreter",
        "cancelar",
        "parar",
        "salir",
        "الغاء",
        "إلغاء",
        "توقف",
        "отмена",
        "стоп",
        "取消",
        "停止",
    }
)


def is_cancel(text: str) -> bool:
    return normalise_command(text) in CANCEL_WORDS


async def active_flow(ctx: Context) -> str | None:
    """The name of the flow this user is in the middle of, if any (read with the member on arrival)."""
    return ctx.flow
