"""The registration flow's answers, step by step: typed text and `registration.answer` buttons arrive here.

Free-text steps (names, titles, experts, e-mail) take the text as the answer unless the router judged it
plausibly not one (``ctx.aside``): then it is held and the person asked to confirm. Choice steps (the
summary, withdraw, which field) answer an aside politely and ask again, never "choose one of the options".
"""

from __future__ import annotations

from typing import Any

from bot.context import Context
from bot.messages import Reply
from bot.text import normalise_command
from handlers.registration import delegation, experts
from handlers.registration.fields import (
    CHANGEABLE,
    STEPS,
    FieldError,
    field_named,
    normalise_code,
    parse_step,
)
from handlers.registration.integrity import join_blocked
from handlers.registration.records import advance, apply_change, confirm, join, withdraw
from handlers.registration.state import DIALOG, RegistrationState
from handlers.registration.views import question
from handlers.registration.words import NO, YES
from handlers.shared.answers import aside_in_choice, keeps, yes_or_no
from handlers.shared.dialog import OpenDialog
from handlers.shared.userinput import rest_after
from storage.uow import UnitOfWork

JOIN_WORDS = ("join", "rejoindre", "unirse", "unirme", "присоединиться", "انضمام", "加入")
CHANGE_WORDS = ("change", "edit", "modifier", "cambiar", "modificar", "изменить", "تغيير", "修改")
WITHDRAW_WORDS = ("withdraw", "retirer", "retirar", "отозвать", "سحب", "撤回")
CONFIRM_WORDS = YES | {"confirm", "confirmer", "confirmar", "подтвердить", "تاكيد", "确认"}
EDIT_WORDS = frozenset({"edit", *CHANGE_WORDS})
CHOICE_STEPS = ("confirm", "withdraw", "pick_field", "experts_edit", delegation.CHECK)


async def answer_step(
    uow: UnitOfWork, ctx: Context, opened: OpenDialog[RegistrationState], text: str
) -> Reply:
    step, state = opened.step, opened.state
    if step in ("delegation", delegation.CHECK):
        joined = await _joined_by_code(uow, ctx, text)
        if joined is not None:
            return joined
    if step == "delegation":
        return await delegation.answer(uow, ctx, state, text)
    if step == delegation.CHECK:
        return await delegation.answer_check(uow, ctx, state, text)
    if step == "experts_edit":
        return await _experts_edit(uow, ctx, state, text)
    if step in CHOICE_STEPS:
        return await _choice(uow, ctx, step, state, normalise_command(text))
    return await _field_answer(uow, ctx, step, state, text)


async def _joined_by_code(uow: UnitOfWork, ctx: Context, text: str) -> Reply | None:
    """At the first question, `join CODE` (or a bare code) joins; a code-shaped answer that opens nothing
    counts as a wrong code (no guessing here either)."""
    words = rest_after(text, JOIN_WORDS)
    if words != normalise_command(text):
        return await join_blocked(uow, ctx) or await join(uow, ctx, words)
    code = normalise_code(text)
    if code is None:
        return None
    if blocked := await join_blocked(uow, ctx):
        return blocked
    if await uow.registrations.delegation_by_code(code):
        return await join(uow, ctx, code)
    uow.audit.record(ctx.now(), ctx.user.key, "delegation.join_failed", note="code-shaped, no match")
    return None


def not_here(ctx: Context, step: str, draft: dict[str, Any]) -> Reply:
    """An aside at a choice step: a polite word and the same question, not "choose one of the options"."""
    return question(ctx, step, draft, aside_in_choice(ctx))


async def _choice(uow: UnitOfWork, ctx: Context, step: str, state: RegistrationState, said: str) -> Reply:
    """The summary (confirm or edit), the withdraw question, or which field to change."""
    if step == "confirm":
        if said in CONFIRM_WORDS:
            return await confirm(uow, ctx, state)
        if said in EDIT_WORDS:
            return await advance(uow, ctx, "pick_field", state)
    elif step == "withdraw":
        decision = False if keeps(said) else yes_or_no(said)
        if decision is True or said in YES or said in WITHDRAW_WORDS:
            return await withdraw(uow, ctx, state)
        if decision is False or said in NO:
            await DIALOG.end(ctx, uow)
            return Reply(ctx.t("registration.kept"), lang=ctx.lang)
    else:
        field = said if said in CHANGEABLE else field_named(said)
        if field is not None:
            return await advance(
                uow, ctx, edit_step(field, state.draft), state.model_copy(update={"editing": True})
            )
    if ctx.aside is not None:
        return not_here(ctx, step, state.draft)
    hint = "registration.error.withdraw" if step == "withdraw" else "registration.error.choice"
    return question(ctx, step, state.draft, ctx.t(hint))


def edit_step(field: str, draft: dict[str, Any]) -> str:
    """Experts already listed are edited one by one; any other field is asked again."""
    return "experts_edit" if field == "experts" and draft.get("experts") else field


async def _experts_edit(uow: UnitOfWork, ctx: Context, state: RegistrationState, text: str) -> Reply:
    command = experts.edit_command(text)
    draft = dict(state.draft)
    if command is None:
        if ctx.aside is not None:
            return not_here(ctx, "experts_edit", draft)
        return question(ctx, "experts_edit", draft, ctx.t("registration.error.experts_edit"))
    if command.verb == "done":  # then who of them comes to the reception, as after any experts answer
        if draft.get("experts"):
            return await advance(uow, ctx, "reception_experts", state.model_copy(update={"editing": True}))
        return await _after_edit(uow, ctx, state.model_copy(update={"editing": False}))
    try:
        listed = experts.apply_edit(list(draft.get("experts", [])), command)
    except FieldError as error:
        return question(ctx, "experts_edit", draft, ctx.t(error.message_id, **error.params))
    names = {e["name"] for e in listed}
    draft.update(
        experts=listed, reception_experts=[n for n in draft.get("reception_experts", []) if n in names]
    )
    return await advance(uow, ctx, "experts_edit", state.model_copy(update={"draft": draft}))


async def _after_edit(uow: UnitOfWork, ctx: Context, state: RegistrationState) -> Reply:
    if state.mode == "change":
        return await apply_change(uow, ctx, state)
    return await advance(uow, ctx, "confirm", state)


async def _field_answer(
    uow: UnitOfWork, ctx: Context, step: str, state: RegistrationState, text: str
) -> Reply:
    """One answer into the draft, then the next question, the summary, or (a change) the record."""
    draft = dict(state.draft)
    try:
        draft.update(parse_step(step, text, draft, ctx.event))
    except FieldError as error:
        if ctx.aside is not None and step in ("reception_hod", "breakout_group"):
            return not_here(ctx, step, draft)
        return question(ctx, step, draft, ctx.t(error.message_id, **error.params))
    state = state.model_copy(update={"draft": draft})
    following = _next_step(step, draft, state.editing, state.carried)
    if following is None and state.mode == "change":
        return await apply_change(uow, ctx, state)
    lead = ""
    if step == "hod_designation" and draft["hod_is_minister"]:
        lead = ctx.t("registration.minister_noted", name=draft["hod_name"], policy=_priority_policy(ctx))
    if following is None:  # answers complete, or the edited field done: back to the summary
        return await advance(uow, ctx, "confirm", state.model_copy(update={"editing": False}), lead)
    return await advance(uow, ctx, following, state, lead)


def _next_step(step: str, draft: dict[str, Any], editing: bool, carried: bool = False) -> str | None:
    """The next question; None when the answers are complete (or the one field being edited is done).
    A draft carried from the previous edition skips what it already holds."""
    if editing:
        return "reception_experts" if step == "experts" and draft.get("experts") else None
    following = [
        s
        for s in STEPS[STEPS.index(step) + 1 :]
        if (s != "reception_experts" or draft.get("experts")) and not (carried and s in draft)
    ]
    return following[0] if following else None


def _priority_policy(ctx: Context) -> str:
    policy = ctx.event.policies.get("ministers_priority")
    return policy.get(ctx.lang) if policy else ""
