"""Delegation registration: `register`, `my registration`, `change [field]`, `withdraw`, `join CODE`.

One record per delegation, shared by its members on every platform. The answers collect what the
Chair's letter asks for (Annex B and C): the Head of Delegation's name and designation (Ministers get
priority for interventions), accompanying experts, who comes to the welcome reception, the preferred
breakout group and a contact e-mail. Each step is a question (with buttons where there are choices);
the draft lives only in the dialog row until the user confirms the summary. `cancel` leaves at any step.

Every change to confirmed data writes one audit row (who, what, when, before/after).
"""

from __future__ import annotations

from typing import Any

from bot.context import Context
from bot.messages import InboundMessage, Reply
from bot.text import normalise_command
from handlers.basics.help import WORDS as HELP_WORDS
from handlers.faq import answer as faq
from handlers.registration import admin as registration_admin
from handlers.registration.fields import (
    CHANGEABLE,
    STEPS,
    YES,
    FieldError,
    field_named,
    name_key,
    normalise_code,
    parse_form,
    parse_name,
    parse_step,
    rest_after,
)
from handlers.registration.integrity import join_blocked, tell_members
from handlers.registration.records import (
    already_registered,
    apply_change,
    confirm,
    is_late,
    join,
    late_text,
    my_delegation,
    record_draft,
    record_reply,
    request_to_join,
    say,
    withdraw,
)
from handlers.registration.state import DIALOG, Mode, RegistrationState
from handlers.registration.views import (
    ANSWER,
    COMMAND,
    FORM,
    SUBMIT,
    form_card,
    form_values,
    question,
)
from handlers.shared.dialog import OpenDialog, is_cancel
from storage.models import Delegation, Registration
from storage.registration import CONFIRMED
from storage.uow import UnitOfWork

FLOW = DIALOG.flow  # service/routes.py sends the messages of an open registration dialog here
REGISTER_WORDS = (
    "register",
    "sign up",
    "inscrire",
    "s'inscrire",
    "inscription",
    "registrar",
    "registrarse",
    "inscribir",
    "inscribirse",
    "inscripcion",
)
MINE_WORDS = ("my registration", "ma inscription", "mon inscription", "mi inscripcion", "mi registro")
CHANGE_WORDS = ("change", "edit", "modifier", "cambiar", "modificar")
WITHDRAW_WORDS = ("withdraw", "retirer", "retirar")
JOIN_WORDS = ("join", "rejoindre", "unirse", "unirme")
FORM_WORDS = frozenset({"form", "formulaire", "formulario"})
CONFIRM_WORDS = YES | {"confirm", "confirmer", "confirmar"}
EDIT_WORDS = frozenset({"edit", *CHANGE_WORDS})


# --- commands


async def handle_register(msg: InboundMessage, ctx: Context) -> Reply:
    """`register` starts (or shows) the delegation's registration; `register form` gives the one-page form;
    any other words after it are a question for the FAQ ("registration deadline?")."""
    rest = rest_after(msg.text, REGISTER_WORDS)
    if rest in FORM_WORDS:
        return await show_form(msg, ctx)
    if rest:
        return await faq.handle(msg, ctx)
    return await start(ctx)


async def start(ctx: Context) -> Reply:
    async with ctx.uow() as uow:
        mine = await my_delegation(uow, ctx)
        if mine and (registered := already_registered(ctx, *mine)):
            return registered
        draft = {"delegation": mine[0].name} if mine else {}
        step = "hod_name" if mine else "delegation"
        await DIALOG.start(ctx, step, _new(draft, mine), uow)
        await uow.commit()
    lead = ctx.t("registration.intro", event=ctx.event.names["short"].get(ctx.lang))
    if is_late(ctx):
        lead += "\n" + late_text(ctx, "registration.late_notice")
    return question(ctx, step, draft, lead)


async def handle_mine(msg: InboundMessage, ctx: Context) -> Reply:
    async with ctx.uow() as uow:
        mine = await my_delegation(uow, ctx)
        await uow.commit()
    delegation, record = mine if mine else (None, None)
    if delegation is None or record is None:
        return say(ctx, "registration.none_yet")
    return record_reply(ctx, ctx.t("registration.mine", delegation=delegation.name), delegation, record)


async def handle_change(msg: InboundMessage, ctx: Context) -> Reply:
    return await begin_edit(ctx, field_named(rest_after(msg.text, CHANGE_WORDS)) or "pick_field", "change")


async def handle_withdraw(msg: InboundMessage, ctx: Context) -> Reply:
    return await begin_edit(ctx, "withdraw", "withdraw")


def _new(draft: dict[str, Any], mine: tuple[Delegation, Registration | None] | None) -> RegistrationState:
    return RegistrationState(mode="new", draft=draft, delegation_id=mine[0].id if mine else None)


async def begin_edit(ctx: Context, step: str, mode: Mode) -> Reply:
    """Change one field of, or withdraw, the confirmed registration of the user's delegation."""
    async with ctx.uow() as uow:
        mine = await my_delegation(uow, ctx)
        delegation, record = mine if mine else (None, None)
        if delegation is None or record is None or record.status != CONFIRMED:
            return say(ctx, "registration.none_yet")
        draft = record_draft(record, delegation)
        state = RegistrationState(mode=mode, draft=draft, delegation_id=delegation.id, editing=True)
        await DIALOG.start(ctx, step, state, uow)
        await uow.commit()
    return question(ctx, step, draft)


async def handle_join(msg: InboundMessage, ctx: Context) -> Reply:
    async with ctx.uow() as uow:
        reply = await join_blocked(uow, ctx) or await join(uow, ctx, rest_after(msg.text, JOIN_WORDS))
        await uow.commit()
    await tell_members(ctx, uow.audit.recorded)
    return reply


# --- the flow: typed answers and registration.answer buttons


async def handle_flow(msg: InboundMessage, ctx: Context) -> Reply:
    return await answer(ctx, msg.text)


async def answer(ctx: Context, text: str) -> Reply:
    async with ctx.uow() as uow:
        opened = await DIALOG.read(ctx, uow)
        if opened is None:
            await uow.commit()  # a row that no longer loads was ended by the read
            return say(ctx, "registration.stale")
        if is_cancel(text):
            await DIALOG.end(ctx, uow)
            await uow.commit()
            return say(ctx, "registration.cancelled")
        if normalise_command(text) in HELP_WORDS:  # not a delegation called "help": explain the flow
            return question(ctx, opened.step, opened.state.draft, ctx.t("registration.help"))
        reply = await _step(uow, ctx, opened, text)
        await uow.commit()
    await tell_members(ctx, uow.audit.recorded)
    return reply


async def _step(uow: UnitOfWork, ctx: Context, opened: OpenDialog[RegistrationState], text: str) -> Reply:
    if opened.step in ("confirm", "withdraw", "pick_field"):
        return await _choice(uow, ctx, opened.step, opened.state, normalise_command(text))
    if opened.step == "delegation":
        taken = await _delegation_taken(uow, ctx, text)
        if taken is not None:
            return taken
    return await _field_answer(uow, ctx, opened.step, opened.state, text)


async def _choice(uow: UnitOfWork, ctx: Context, step: str, state: RegistrationState, said: str) -> Reply:
    """The summary (confirm or edit), the withdraw question, or which field to change."""
    if step == "confirm":
        if said in CONFIRM_WORDS:
            return await confirm(uow, ctx, state)
        if said in EDIT_WORDS:
            return await _advance(uow, ctx, "pick_field", state)
        return question(ctx, "confirm", state.draft, ctx.t("registration.error.choice"))
    if step == "withdraw":
        if said in {"withdraw", *YES, *WITHDRAW_WORDS}:
            return await withdraw(uow, ctx, state)
        await DIALOG.end(ctx, uow)
        return say(ctx, "registration.kept")
    field = said if said in CHANGEABLE else field_named(said)
    if field is None:
        return question(ctx, "pick_field", state.draft, ctx.t("registration.error.choice"))
    return await _advance(uow, ctx, field, state.model_copy(update={"editing": True}))


async def _field_answer(
    uow: UnitOfWork, ctx: Context, step: str, state: RegistrationState, text: str
) -> Reply:
    """One answer into the draft, then the next question, the summary, or (a change) the record."""
    draft = dict(state.draft)
    try:
        draft.update(parse_step(step, text, draft, ctx.event))
    except FieldError as error:
        return question(ctx, step, draft, ctx.t(error.message_id, **error.params))
    state = state.model_copy(update={"draft": draft})
    following = _next_step(step, draft, state.editing)
    if following is None and state.mode == "change":
        return await apply_change(uow, ctx, state)
    lead = ""
    if step == "hod_designation" and draft["hod_is_minister"]:
        lead = ctx.t("registration.minister_noted", name=draft["hod_name"], policy=_priority_policy(ctx))
    if following is None:  # answers complete, or the edited field done: back to the summary
        return await _advance(uow, ctx, "confirm", state.model_copy(update={"editing": False}), lead)
    return await _advance(uow, ctx, following, state, lead)


def _next_step(step: str, draft: dict[str, Any], editing: bool) -> str | None:
    """The next question; None when the answers are complete (or the one field being edited is done)."""
    if editing:
        return "reception_experts" if step == "experts" and draft.get("experts") else None
    following = [
        s for s in STEPS[STEPS.index(step) + 1 :] if s != "reception_experts" or draft.get("experts")
    ]
    return following[0] if following else None


async def _advance(
    uow: UnitOfWork, ctx: Context, step: str, state: RegistrationState, lead: str = ""
) -> Reply:
    await DIALOG.update(ctx, step, state, uow)
    return question(ctx, step, state.draft, lead)


def _priority_policy(ctx: Context) -> str:
    policy = ctx.event.policies.get("ministers_priority")
    return policy.get(ctx.lang) if policy else ""


async def _delegation_taken(uow: UnitOfWork, ctx: Context, text: str) -> Reply | None:
    """At the first question: `join CODE` (or a bare code) joins; an existing name becomes a request."""
    words = rest_after(text, JOIN_WORDS)
    if words != normalise_command(text):
        return await join_blocked(uow, ctx) or await join(uow, ctx, words)
    code = normalise_code(text)
    if code and (blocked := await join_blocked(uow, ctx)):
        return blocked
    if code and await uow.registrations.delegation_by_code(code):
        return await join(uow, ctx, code)
    if code:  # a code-shaped answer that opens nothing counts as a wrong code (no guessing here either)
        uow.audit.record(ctx.now(), ctx.user.key, "delegation.join_failed", note="code-shaped, no match")
    try:
        name = parse_name(text)
    except FieldError:
        return None  # the normal validation re-asks with the hint
    existing = await uow.registrations.delegation_by_name_key(name_key(name))
    return await request_to_join(uow, ctx, existing, name) if existing else None


# --- the one-page form (Slack modal, Teams Adaptive Card) and button actions


async def show_form(msg: InboundMessage, ctx: Context) -> Reply:
    return Reply(ctx.t("registration.form_intro"), card=form_card(ctx, {}), lang=ctx.lang)


async def handle_submit(msg: InboundMessage, ctx: Context) -> Reply:
    """Every field at once, validated exactly like the step-by-step answers; then the same summary."""
    raw = msg.action.inputs if msg.action else {}
    inputs = {k: v for k, v in raw.items() if isinstance(v, str)}  # a malformed payload is a missing field
    draft, errors = parse_form(inputs, ctx.event)
    if errors:
        hints = [
            f"• {ctx.t(f'registration.label.{field}')}: {ctx.t(error.message_id, **error.params)}"
            for field, error in errors.items()
        ]
        text = "\n".join([ctx.t("registration.form_errors"), *hints])
        values = {**form_values(draft), **{k: inputs.get(k, "")[:500] for k in errors}}
        return Reply(text, card=form_card(ctx, values), lang=ctx.lang)
    async with ctx.uow() as uow:
        mine = await my_delegation(uow, ctx)
        if mine and (registered := already_registered(ctx, *mine)):
            return registered
        if mine is None:
            existing = await uow.registrations.delegation_by_name_key(name_key(draft["delegation"]))
            if existing is not None:
                reply = await request_to_join(uow, ctx, existing, draft["delegation"])
                await uow.commit()
                return reply
        else:
            draft["delegation"] = mine[0].name
        await DIALOG.start(ctx, "confirm", _new(draft, mine), uow)
        await uow.commit()
    return question(ctx, "confirm", draft)


async def handle_action(msg: InboundMessage, ctx: Context) -> Reply:
    """`registration.answer` (a choice), `.submit` (the form), `.form`, `.command` (change/withdraw)."""
    action = msg.action
    if action is None:
        return await handle_flow(msg, ctx)
    if action.id == ANSWER:
        return await answer(ctx, action.value)
    if action.id == SUBMIT:
        return await handle_submit(msg, ctx)
    if action.id == FORM:
        return await show_form(msg, ctx)
    if action.id in (registration_admin.APPROVE, registration_admin.REJECT):
        return await registration_admin.handle_button(msg, ctx)
    if action.id == COMMAND:
        command = normalise_command(action.value)
        if command.startswith("change"):
            return await begin_edit(ctx, field_named(command[6:]) or "pick_field", "change")
        if command == "withdraw":
            return await begin_edit(ctx, "withdraw", "withdraw")
        return await start(ctx)
    return say(ctx, "registration.stale")
