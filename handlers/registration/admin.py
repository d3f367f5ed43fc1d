"""Organisers decide join requests: `join requests` lists the pending ones with Approve / Reject buttons
(`approve join N`, `reject join N` typed). Organisers only; every attempt and decision is audited, and the
requester is told the outcome in their language."""

from __future__ import annotations

from bot.context import Context
from bot.i18n import translate
from bot.messages import Button, Card, InboundMessage, Notice, Reply, UserRef
from bot.text import normalise_command
from handlers.registration.integrity import tell_members
from handlers.shared import notices
from handlers.shared.roles import require_organiser
from handlers.shared.userinput import number
from storage.uow import UnitOfWork

REQUESTS_WORDS = ("join requests", "demandes d'adhesion", "solicitudes de union")
DECIDE_WORDS = ("approve join", "reject join")
APPROVE = "registration.approve"
REJECT = "registration.reject"


async def handle_list(msg: InboundMessage, ctx: Context) -> Reply:
    await require_organiser(ctx, "delegation.join_refused", "join requests")
    async with ctx.uow() as uow:
        pending = await uow.registrations.join_requests("pending")
        lines = [
            ctx.t(
                "registration.admin.line",
                id=r.id,
                who=r.display_name or r.user_key,
                user=r.user_key,
                claimed=r.claimed_name,
                delegation=d.name,
            )
            for r, d in pending
        ]
        buttons = tuple(
            button
            for r, _ in pending[:10]  # a card stays small; the rest are typed (`approve join N`)
            for button in (
                Button(ctx.t("registration.admin.approve", id=r.id), APPROVE, str(r.id), style="primary"),
                Button(ctx.t("registration.admin.reject", id=r.id), REJECT, str(r.id), style="danger"),
            )
        )
    if not lines:
        return Reply(ctx.t("registration.admin.none"), lang=ctx.lang)
    card = Card(title=ctx.t("registration.admin.title"), sections=tuple(lines), buttons=buttons)
    return Reply(ctx.t("registration.admin.hint"), card=card, lang=ctx.lang, private=True)


async def handle_typed(msg: InboundMessage, ctx: Context) -> Reply:
    """`approve join 3` / `reject join 3`."""
    words = normalise_command(msg.text).split()
    number = words[2] if len(words) > 2 else ""
    return await decide(ctx, approve=words[:1] == ["approve"], request_id=number)


async def handle_button(msg: InboundMessage, ctx: Context) -> Reply:
    action = msg.action
    assert action is not None  # routed here by its action id
    return await decide(ctx, approve=action.id == APPROVE, request_id=action.value)


async def decide(ctx: Context, *, approve: bool, request_id: str) -> Reply:
    verb = "approve" if approve else "reject"
    await require_organiser(ctx, "delegation.join_refused", f"{verb} join {request_id[:20]}")
    request = number(request_id)
    if request is None:
        return Reply(ctx.t("registration.admin.usage"), lang=ctx.lang)
    async with ctx.uow() as uow:
        outcome, notice = await _decide(uow, ctx, approve, request)
        await uow.commit()
    if notice is not None:
        await notices.deliver(ctx, notice)
    await tell_members(ctx, uow.audit.recorded)
    return Reply(outcome, lang=ctx.lang)


async def _decide(uow: UnitOfWork, ctx: Context, approve: bool, request_id: int) -> tuple[str, Notice | None]:
    request = await uow.registrations.join_request(request_id)
    delegation = await uow.registrations.delegation(request.delegation_id) if request else None
    if request is None or delegation is None or request.status != "pending":
        return ctx.t("registration.admin.unknown", id=request_id), None
    member = await uow.members.get_by_key(request.user_key)
    if approve and member is not None and member.delegation_id not in (None, delegation.id):
        return ctx.t("registration.admin.elsewhere", id=request_id), None
    status = "approved" if approve else "rejected"
    request.status, request.decided_at, request.decided_by = status, ctx.now(), ctx.user.key
    if approve and member is not None:
        member.delegation_id = delegation.id
    uow.audit.record(
        ctx.now(),
        ctx.user.key,
        f"delegation.join_{status}",
        f"delegation:{delegation.id} {delegation.name}",
        before={"status": "pending"},
        after={"status": status, "user": request.user_key, "name": request.display_name},
    )
    platform, _, user_id = request.user_key.partition(":")
    text = translate(
        request.lang,
        f"registration.join.{status}",
        delegation=delegation.name,
        contact=ctx.event.contact.email,
    )
    notice = Notice(UserRef(platform, user_id), Reply(text, lang=request.lang), reason="join")
    return ctx.t(f"registration.admin.{status}", id=request_id, delegation=delegation.name), notice
