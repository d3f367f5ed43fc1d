"""Organiser-only actions: the one polite refusal, always written to the audit log."""

from __future__ import annotations

from bot.context import Context
from bot.messages import Reply

NOT_ORGANISER = "not an organiser"


async def refuse_non_organiser(ctx: Context, action: str, subject: str, note: str = NOT_ORGANISER) -> Reply:
    """Audits the refused ``action`` (who, what, when) and answers with the organisers' contact."""
    async with ctx.uow() as uow:
        uow.audit.record(ctx.now(), ctx.user.key, action, subject[:400], note=note)
        await uow.commit()
    return Reply(ctx.t("error.not_organiser", contact=ctx.event.contact.email), lang=ctx.lang)
