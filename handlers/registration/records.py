"""Confirmed registrations: reading them, and every write (confirm, change, withdraw, join, join request).

Each write leaves one audit row naming who did what, when, with the values before and after; the draft
the flow collected only becomes a record here, on confirm.
"""

from __future__ import annotations

from typing import Any

from bot.context import Context
from bot.messages import Reply
from handlers.registration.fields import is_minister, name_key, new_join_code, normalise_code, show_code
from handlers.registration.state import DIALOG, RegistrationState
from handlers.registration.states import state_name
from handlers.registration.views import question, record_buttons, summary_card
from handlers.shared import timefmt
from storage.models import Delegation, Member, Registration
from storage.registration import CONFIRMED, WITHDRAWN
from storage.uow import UnitOfWork


def say(ctx: Context, message_id: str, **params: object) -> Reply:
    return Reply(ctx.t(message_id, **params), lang=ctx.lang)


def subject(delegation: Delegation) -> str:
    return f"delegation:{delegation.id} {delegation.name}"[:400]


def is_late(ctx: Context) -> bool:
    """After the registration deadline (end of its day, event time zone) by the injected clock."""
    return ctx.now() >= ctx.event.deadline_cutoff(ctx.event.deadline("registration"))


def late_text(ctx: Context, message_id: str) -> str:
    deadline = ctx.event.deadline("registration")
    return ctx.t(
        message_id, deadline=timefmt.long_date(deadline.due, ctx.lang), contact=ctx.event.contact.email
    )


def shown_name(delegation: Delegation, lang: str) -> str:
    """A State's delegation in the reader's language ("Fidji"); an organisation as it was registered."""
    return state_name(delegation.state_code, lang) if delegation.state_code else delegation.name


async def advance(
    uow: UnitOfWork, ctx: Context, step: str, state: RegistrationState, lead: str = ""
) -> Reply:
    await DIALOG.update(ctx, step, state, uow)
    return question(ctx, step, state.draft, lead)


def record_draft(record: Registration, delegation: Delegation) -> dict[str, Any]:
    """A confirmed record as the draft the flow edits (and as the audit snapshot)."""
    return {
        "delegation": delegation.name,
        "state": delegation.state_code,
        "hod_name": record.hod_name,
        "hod_designation": record.hod_designation,
        "hod_is_minister": record.hod_is_minister,
        "experts": list(record.experts),
        "reception_hod": record.reception_hod,
        "reception_experts": list(record.reception_experts),
        "breakout_group": record.breakout_group,
        "email": record.contact_email,
    }


def write_draft(record: Registration, draft: dict[str, Any]) -> None:
    record.hod_name = draft["hod_name"]
    record.hod_designation = draft.get("hod_designation", "")
    record.hod_is_minister = is_minister(record.hod_designation)
    record.experts = list(draft.get("experts", []))
    record.reception_hod = draft.get("reception_hod")
    record.reception_experts = list(draft.get("reception_experts", []))
    record.breakout_group = draft["breakout_group"]
    record.contact_email = draft["email"]


async def member_of(uow: UnitOfWork, ctx: Context) -> Member:
    user = ctx.user
    return await uow.members.upsert_seen(user.platform, user.user_id, user.display_name, ctx.now())


async def my_delegation(uow: UnitOfWork, ctx: Context) -> tuple[Delegation, Registration | None] | None:
    member = await member_of(uow, ctx)
    if member.delegation_id is None:
        return None
    delegation = await uow.registrations.delegation(member.delegation_id)
    if delegation is None:
        return None
    return delegation, await uow.registrations.of_delegation(delegation.id)


def record_reply(ctx: Context, lead: str, delegation: Delegation, record: Registration) -> Reply:
    status = WITHDRAWN if record.status == WITHDRAWN else ("late" if record.late else CONFIRMED)
    buttons = record_buttons(ctx) if record.status == CONFIRMED else ()
    card = summary_card(
        ctx, record_draft(record, delegation), status=status, code=delegation.join_code, buttons=buttons
    )
    return Reply(lead, card=card, lang=ctx.lang)


def already_registered(ctx: Context, delegation: Delegation, record: Registration | None) -> Reply | None:
    if record is None or record.status != CONFIRMED:
        return None
    return record_reply(
        ctx, ctx.t("registration.already", delegation=shown_name(delegation, ctx.lang)), delegation, record
    )


async def join(uow: UnitOfWork, ctx: Context, typed_code: str) -> Reply:
    """Joins the delegation whose code was typed; every attempt, good or bad, leaves an audit row."""
    code = normalise_code(typed_code)
    if not typed_code:
        return say(ctx, "registration.join.how")
    delegation = await uow.registrations.delegation_by_code(code) if code else None
    member = await member_of(uow, ctx)
    now, actor = ctx.now(), ctx.user.key
    if delegation is None:
        uow.audit.record(now, actor, "delegation.join_failed", note="no delegation has this code")
        return say(ctx, "registration.join.unknown", contact=ctx.event.contact.email)
    if member.delegation_id == delegation.id:
        return say(ctx, "registration.join.already", delegation=shown_name(delegation, ctx.lang))
    if member.delegation_id is not None:
        current = await uow.registrations.delegation(member.delegation_id)
        uow.audit.record(
            now, actor, "delegation.join_refused", subject(delegation), note="in another delegation"
        )
        name = shown_name(current, ctx.lang) if current else ""
        return say(ctx, "registration.join.other", delegation=name, contact=ctx.event.contact.email)
    member.delegation_id = delegation.id
    uow.audit.record(
        now,
        actor,
        "delegation.join",
        subject(delegation),
        before={"delegation": None},
        after={"delegation": delegation.name},
    )
    await DIALOG.end(ctx, uow)
    record = await uow.registrations.of_delegation(delegation.id)
    lead = ctx.t("registration.join.done", delegation=shown_name(delegation, ctx.lang))
    if record is None:
        return Reply(lead + "\n" + ctx.t("registration.join.unregistered"), lang=ctx.lang)
    return record_reply(ctx, lead, delegation, record)


async def request_to_join(uow: UnitOfWork, ctx: Context, delegation: Delegation, claimed: str) -> Reply:
    """The name is taken: ask the organisers, never take the delegation over."""
    new = await uow.registrations.request_to_join(
        delegation.id, ctx.user.key, ctx.user.display_name, claimed, ctx.now(), ctx.lang
    )
    if new:
        uow.audit.record(
            ctx.now(),
            ctx.user.key,
            "delegation.join_request",
            subject(delegation),
            after={"claimed_name": claimed},
            note="named an existing delegation without its join code",
        )
    await DIALOG.end(ctx, uow)
    return say(
        ctx,
        "registration.join.requested",
        delegation=shown_name(delegation, ctx.lang),
        contact=ctx.event.contact.email,
    )


async def confirm(uow: UnitOfWork, ctx: Context, state: RegistrationState) -> Reply:
    """Turns the draft into the delegation's confirmed record (marked late after the deadline)."""
    draft, now, actor = state.draft, ctx.now(), ctx.user.key
    delegation = await uow.registrations.delegation(state.delegation_id) if state.delegation_id else None
    if delegation is None:
        key, code = name_key(draft["delegation"]), draft.get("state")
        delegation = await uow.registrations.create_delegation(
            draft["delegation"], key, new_join_code, now, state_code=code
        )
        if delegation is None:  # someone registered this delegation while this user was answering
            existing = await uow.registrations.delegation_by_name_key(key)
            if existing is None and code:
                existing = await uow.registrations.delegation_of_state(code, ())
            assert existing is not None
            return await request_to_join(uow, ctx, existing, draft["delegation"])
    record = await uow.registrations.of_delegation(delegation.id)
    if registered := already_registered(ctx, delegation, record):
        await DIALOG.end(ctx, uow)
        return registered
    before = {**record_draft(record, delegation), "status": record.status} if record else None
    if record is None:
        record = uow.registrations.add(Registration(delegation_id=delegation.id))
    write_draft(record, draft)
    record.status, record.late, record.registered_by = CONFIRMED, is_late(ctx), actor
    record.confirmed_at, record.updated_at, record.withdrawn_at = now, now, None
    (await member_of(uow, ctx)).delegation_id = delegation.id
    after = {**record_draft(record, delegation), "status": CONFIRMED, "late": record.late}
    uow.audit.record(now, actor, "registration.confirm", subject(delegation), before=before, after=after)
    await DIALOG.end(ctx, uow)
    name, code = shown_name(delegation, ctx.lang), show_code(delegation.join_code)
    lead = ctx.t("registration.confirmed", delegation=name, code=code)
    if record.late:
        lead += "\n" + late_text(ctx, "registration.late")
    return record_reply(ctx, lead, delegation, record)


async def confirmed_record(
    uow: UnitOfWork, state: RegistrationState
) -> tuple[Delegation, Registration] | None:
    if state.delegation_id is None:
        return None
    delegation = await uow.registrations.delegation(state.delegation_id)
    record = await uow.registrations.of_delegation(state.delegation_id)
    if delegation is None or record is None or record.status != CONFIRMED:
        return None
    return delegation, record


async def apply_change(uow: UnitOfWork, ctx: Context, state: RegistrationState) -> Reply:
    """Writes the edited field(s); one audit row with only what changed, before and after."""
    await DIALOG.end(ctx, uow)
    found = await confirmed_record(uow, state)
    if found is None:
        return say(ctx, "registration.none_yet")
    delegation, record = found
    before = record_draft(record, delegation)
    write_draft(record, state.draft)
    after = record_draft(record, delegation)
    changed = [key for key in after if after[key] != before[key]]
    if not changed:
        return record_reply(ctx, ctx.t("registration.unchanged"), delegation, record)
    record.updated_at = ctx.now()
    uow.audit.record(
        ctx.now(),
        ctx.user.key,
        "registration.change",
        subject(delegation),
        before={k: before[k] for k in changed},
        after={k: after[k] for k in changed},
    )
    lead = ctx.t("registration.changed")
    if is_late(ctx):
        lead += "\n" + late_text(ctx, "registration.late_change")
    return record_reply(ctx, lead, delegation, record)


async def withdraw(uow: UnitOfWork, ctx: Context, state: RegistrationState) -> Reply:
    await DIALOG.end(ctx, uow)
    found = await confirmed_record(uow, state)
    if found is None:
        return say(ctx, "registration.none_yet")
    delegation, record = found
    before = {**record_draft(record, delegation), "status": CONFIRMED}
    record.status, record.withdrawn_at, record.updated_at = WITHDRAWN, ctx.now(), ctx.now()
    uow.audit.record(
        ctx.now(),
        ctx.user.key,
        "registration.withdraw",
        subject(delegation),
        before=before,
        after={"status": WITHDRAWN},
    )
    name = shown_name(delegation, ctx.lang)
    return say(ctx, "registration.withdrawn", delegation=name, contact=ctx.event.contact.email)
