"""Organiser-only actions: the one gate, with one polite refusal that is always written to the audit log."""

from __future__ import annotations

from bot.context import Context
from bot.errors import DomainError

NOT_ORGANISER = "refused: not an organiser"


async def require_organiser(ctx: Context, refused: str, subject: str = "", *, allowed: str = "") -> None:
    """Organisers pass; anyone else is refused with error.not_organiser and the organisers' contact (the
    router answers the DomainError). A refusal is always audited as ``refused`` (who, what, when); an allowed
    use is audited as ``allowed`` only when the action names one, for actions whose every use must be on
    the record (broadcast). The action names are the audit log's, kept stable for whoever reads it."""
    action = allowed if ctx.is_organiser else refused
    if action:
        async with ctx.uow() as uow:
            note = "" if ctx.is_organiser else NOT_ORGANISER
            uow.audit.record(ctx.now(), ctx.user.key, action, subject[:400], note=note)
            await uow.commit()
    if not ctx.is_organiser:
        raise DomainError("error.not_organiser", contact=ctx.event.contact.email)
