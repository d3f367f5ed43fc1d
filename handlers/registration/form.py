"""The one-page registration form (Slack modal, Teams Adaptive Card): every field at once, validated exactly
like the step-by-step answers, then the same summary to confirm."""

from __future__ import annotations

from typing import Any

from bot.context import Context
from bot.messages import InboundMessage, Reply
from handlers.registration.delegation import delegation_of_state
from handlers.registration.fields import name_key, parse_form
from handlers.registration.integrity import tell_members
from handlers.registration.records import already_registered, my_delegation, request_to_join
from handlers.registration.state import DIALOG, RegistrationState
from handlers.registration.states import find_state, state_name
from handlers.registration.views import form_card, form_values, question
from storage.models import Delegation, Registration
from storage.uow import UnitOfWork


def new_state(
    draft: dict[str, Any], mine: tuple[Delegation, Registration | None] | None
) -> RegistrationState:
    return RegistrationState(mode="new", draft=draft, delegation_id=mine[0].id if mine else None)


async def show_form(msg: InboundMessage, ctx: Context) -> Reply:
    return Reply(ctx.t("registration.form_intro"), card=form_card(ctx, {}), lang=ctx.lang)


async def handle_submit(msg: InboundMessage, ctx: Context) -> Reply:
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
            existing = await _registered(uow, draft)
            if existing is not None:
                reply = await request_to_join(uow, ctx, existing, draft["delegation"])
                await uow.commit()
                await tell_members(ctx, uow.audit.recorded)
                return reply
        else:
            draft["delegation"], draft["state"] = mine[0].name, mine[0].state_code
        await DIALOG.start(ctx, "confirm", new_state(draft, mine), uow)
        await uow.commit()
    return question(ctx, "confirm", draft)


async def _registered(uow: UnitOfWork, draft: dict[str, Any]) -> Delegation | None:
    """The delegation the form names if it is registered; a State's name becomes its canonical identity."""
    guess = find_state(draft["delegation"])
    if guess.exact and guess.code:
        draft["delegation"], draft["state"] = state_name(guess.code, "en"), guess.code
        return await delegation_of_state(uow, guess.code)
    return await uow.registrations.delegation_by_name_key(name_key(draft["delegation"]))
