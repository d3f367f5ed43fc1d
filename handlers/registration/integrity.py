"""Delegation integrity: whoever joins a delegation or changes its registration, everyone else in it is told
(who, and what); the join code can be replaced by a member or an organiser; wrong codes are throttled.

What to tell is read from the audit rows the change wrote, so a new kind of change is told as soon as it
is audited under one of TOLD's actions, and nothing is told that did not happen (the caller commits first).
"""

from __future__ import annotations

import logging
from datetime import timedelta

from bot.context import Context
from bot.i18n import translate
from bot.messages import InboundMessage, Notice, Reply, UserRef
from handlers.registration.fields import name_key, new_join_code, show_code
from handlers.registration.records import member_of, say, shown_name, subject
from handlers.registration.states import state_name
from handlers.shared import notices, roles
from handlers.shared.userinput import rest_after
from storage.models import Delegation
from storage.repositories import Audited
from storage.uow import UnitOfWork

log = logging.getLogger(__name__)
# Wrong join codes one person may type before waiting: enough for typos, too few to guess a code.
FAILED_JOINS_ALLOWED = 5
FAILED_JOIN_WINDOW = timedelta(minutes=15)
ROTATE_WORDS = ("new join code", "rotate join code", "nouveau code", "nuevo codigo")
# Audit action → what the other members are told.
TOLD = {
    "delegation.join": "registration.told.joined",
    "registration.change": "registration.told.changed",
    "registration.withdraw": "registration.told.withdrawn",
    "delegation.code_rotated": "registration.told.code_rotated",
    "delegation.join_request": "registration.told.join_request",
    "delegation.join_approved": "registration.told.join_approved",
}


async def join_blocked(uow: UnitOfWork, ctx: Context) -> Reply | None:
    """The polite refusal once someone typed too many wrong codes lately; None while they may try."""
    since = ctx.now() - FAILED_JOIN_WINDOW
    failures = await uow.audit.count(ctx.user.key, "delegation.join_failed", since)
    if failures < FAILED_JOINS_ALLOWED:
        return None
    uow.audit.record(ctx.now(), ctx.user.key, "delegation.join_throttled", note=f"{failures} wrong codes")
    minutes = int(FAILED_JOIN_WINDOW.total_seconds() // 60)
    return say(ctx, "registration.join.throttled", minutes=minutes, contact=ctx.event.contact.email)


async def tell_members(ctx: Context, entries: list[Audited]) -> None:
    """After the commit: each audited join or change, told to the delegation's other members."""
    for entry in entries:
        message_id = TOLD.get(entry.action)
        delegation_id = _delegation_id(entry.subject)
        if message_id is None or delegation_id is None:
            continue
        try:
            await _tell(ctx, entry, message_id, delegation_id)
        except Exception:  # the change is committed: say so to the asker; the failure goes to the log
            log.exception("delegation members could not be told", extra={"action": entry.action})


async def _tell(ctx: Context, entry: Audited, message_id: str, delegation_id: int) -> None:
    async with ctx.uow() as uow:
        delegation = await uow.registrations.delegation(delegation_id)
        members = await uow.registrations.members_of([delegation_id])
        state = delegation.state_code if delegation else None
        name = delegation.name if delegation else ""
        joined = entry.after.get("user")  # an approved request: the organiser acted, the requester joined
        others = [
            (UserRef(m.platform, m.user_id, m.display_name), m.language or ctx.lang)
            for m in members
            if m.key not in (entry.actor, joined)
        ]
    who = entry.after.get("name") if joined else ctx.user.display_name
    for recipient, lang in others:
        text = translate(
            lang,
            message_id,
            who=who or joined or entry.actor,
            claimed=entry.after.get("claimed_name", ""),
            delegation=state_name(state, lang) if state else name,
            changes=_changed_fields(lang, entry),
            contact=ctx.event.contact.email,
        )
        await notices.deliver(ctx, Notice(recipient, Reply(text, lang=lang), reason=message_id))


async def handle_rotate(msg: InboundMessage, ctx: Context) -> Reply:
    """`new join code` (a member: their delegation; an organiser: `new join code France`)."""
    named = rest_after(msg.text, ROTATE_WORDS)
    if named:  # another delegation's code: organisers only (refused, audited and answered by the gate)
        await roles.require_organiser(ctx, "delegation.code_rotated.refused", named)
    async with ctx.uow() as uow:
        delegation = await _delegation_to_rotate(uow, ctx, named)
        if delegation is None:
            return say(ctx, "registration.code.unknown" if named else "registration.code.not_member")
        delegation.join_code = new_join_code()  # the old code stops working with this commit
        uow.audit.record(
            ctx.now(), ctx.user.key, "delegation.code_rotated", subject(delegation), note="old code retired"
        )
        await uow.commit()
    await tell_members(ctx, uow.audit.recorded)
    code = show_code(delegation.join_code)
    name = shown_name(delegation, ctx.lang)
    return Reply(ctx.t("registration.code.rotated", delegation=name, code=code), lang=ctx.lang)


async def _delegation_to_rotate(uow: UnitOfWork, ctx: Context, named: str) -> Delegation | None:
    if named:
        return await uow.registrations.delegation_by_name_key(name_key(named))
    member = await member_of(uow, ctx)
    return await uow.registrations.delegation(member.delegation_id) if member.delegation_id else None


def _delegation_id(audit_subject: str) -> int | None:
    head = audit_subject.split(" ", 1)[0]
    number = head.removeprefix("delegation:")
    return int(number) if head.startswith("delegation:") and number.isdigit() else None


def _changed_fields(lang: str, entry: Audited) -> str:
    changed = sorted(entry.after) if entry.action == "registration.change" else []
    return ", ".join(translate(lang, f"registration.label.{field}") for field in changed)
