"""Delegation registration: `register [delegation]`, `my registration`, `change [field]`, `withdraw`,
`join CODE`.

One record per delegation, shared by its members on every platform. The answers collect what the
Chair's letter asks for (Annex B and C): the delegation (a UN Member or observer State, or an organisation),
the Head of Delegation's name and designation (Ministers get priority for interventions), accompanying
experts, who comes to the welcome reception, the preferred breakout group and a contact e-mail. Each step
is a question (with buttons where there are choices); the draft lives only in the dialog row until the
user confirms the summary. `cancel` leaves at any step.

Every change to confirmed data writes one audit row (who, what, when, before/after).
"""

from __future__ import annotations

from dataclasses import replace

from bot.context import Context
from bot.i18n import translate
from bot.messages import InboundMessage, Reply
from bot.text import normalise_command
from handlers.basics.help import WORDS as HELP_WORDS
from handlers.faq import answer as faq
from handlers.registration import admin as registration_admin
from handlers.registration import delegation
from handlers.registration.carried import FIRST_STEP, carried_lead, from_previous_edition
from handlers.registration.fields import field_named, find_join_code, normalise_code
from handlers.registration.form import handle_submit, new_state, show_form
from handlers.registration.integrity import join_blocked, tell_members
from handlers.registration.records import (
    already_registered,
    is_late,
    join,
    late_text,
    my_delegation,
    record_draft,
    record_reply,
    say,
    shown_name,
)
from handlers.registration.state import DIALOG, Mode, RegistrationState
from handlers.registration.states import LANGUAGES, find_state
from handlers.registration.steps import CHANGE_WORDS, JOIN_WORDS, WITHDRAW_WORDS, answer_step, edit_step
from handlers.registration.views import ANSWER, COMMAND, FORM, SUBMIT, question
from handlers.registration.words import REGISTER_FILLER, REGISTER_WORDS_BY_LANG
from handlers.shared.answers import confirm_held, held_decision
from handlers.shared.dialog import is_cancel
from handlers.shared.userinput import rest_after
from storage.registration import CONFIRMED
from storage.uow import UnitOfWork

HELD_YES, HELD_NO = "registration.held.yes", "registration.held.no"
FLOW = DIALOG.flow  # service/routes.py sends the messages of an open registration dialog here
# Command word → the language it is written in; the reminders' "Register now" button typed as text too.
_WORD_LANGUAGE = {
    normalise_command(word): lang
    for lang in LANGUAGES
    for word in (*REGISTER_WORDS_BY_LANG[lang], translate(lang, "reminders.button.register"))
}
REGISTER_WORDS = tuple(_WORD_LANGUAGE)
MINE_WORDS = (
    "my registration",
    "ma inscription",
    "mon inscription",
    "mi inscripcion",
    "mi registro",
    "моя регистрация",
    "تسجيلي",
    "我的注册",
    "我的登记",
)
FORM_WORDS = frozenset({"form", "formulaire", "formulario", "форма", "استمارة", "表格"})


# --- commands


async def handle_register(msg: InboundMessage, ctx: Context) -> Reply:
    """`register` starts (or shows) the delegation's registration, in the language of its command word;
    `register Fiji` starts it with the delegation offered for a yes; `register form` gives the one-page
    form; a question after it ("register deadline?") goes to the FAQ."""
    word = _command_word(msg.text)
    if word and not ctx.lang_forced and _WORD_LANGUAGE[word] != "en":
        ctx = replace(ctx, lang=_WORD_LANGUAGE[word])
    rest = rest_after(msg.text, REGISTER_WORDS)
    if rest in FORM_WORDS:
        return await show_form(msg, ctx)
    named = _named(msg.text, word)
    if not named:
        return await start(ctx)
    if "?" in msg.text or (not find_state(named).codes and _faq_knows(msg, ctx)):
        return await faq.handle(msg, ctx)
    return await start(ctx, named)


def _command_word(text: str) -> str | None:
    said = normalise_command(text)
    words = [w for w in REGISTER_WORDS if said == w or said.startswith(w + " ")]
    return max(words, key=len) if words else None


def _named(text: str, word: str | None) -> str:
    """The words after the command, as typed, without those that name nothing ("now", "my delegation")."""
    typed = text.split()[len(word.split()) :] if word else []
    return " ".join(w for w in typed if normalise_command(w).strip(".,!") not in REGISTER_FILLER)


def _faq_knows(msg: InboundMessage, ctx: Context) -> bool:
    found = faq.answer(msg.text, ctx.event, ctx.now(), ctx.lang if ctx.lang_forced else None)
    return found.intent not in ("unsure", "help")


async def start(ctx: Context, named: str = "") -> Reply:
    async with ctx.uow() as uow:
        mine = await my_delegation(uow, ctx)
        if mine and (registered := already_registered(ctx, *mine)):
            return registered
        draft = {"delegation": mine[0].name, "state": mine[0].state_code} if mine else {}
        step = "hod_name" if mine else "delegation"
        state = new_state(draft, mine)
        carried = await from_previous_edition(uow, ctx, mine[0]) if mine else None
        if carried is not None:
            step, state, draft = FIRST_STEP, carried, carried.draft
        await DIALOG.start(ctx, step, state, uow)
        offered = await _offer(uow, ctx, state, named) if named and not mine else None
        await uow.commit()
    lead = ctx.t("registration.intro", event=ctx.event.names["short"].get(ctx.lang))
    if is_late(ctx):
        lead += "\n" + late_text(ctx, "registration.late_notice")
    if carried is not None:
        lead += "\n" + carried_lead(ctx, carried)
    if offered is not None:
        return Reply(f"{lead}\n{offered.text}", card=offered.card, lang=ctx.lang)
    return question(ctx, step, draft, lead)


async def _offer(uow: UnitOfWork, ctx: Context, state: RegistrationState, named: str) -> Reply:
    offered = await delegation.prefill(uow, ctx, state, named)
    return offered or await delegation.ask(uow, ctx, state, named, delegation.TYPED, [])


async def handle_mine(msg: InboundMessage, ctx: Context) -> Reply:
    async with ctx.uow() as uow:
        mine = await my_delegation(uow, ctx)
        await uow.commit()
    found, record = mine if mine else (None, None)
    if found is None or record is None:
        return say(ctx, "registration.none_yet")
    return record_reply(
        ctx, ctx.t("registration.mine", delegation=shown_name(found, ctx.lang)), found, record
    )


async def handle_change(msg: InboundMessage, ctx: Context) -> Reply:
    """`change`, `change email`; `change hod: Ana Ruiz` also answers the field's question with what follows
    the colon (news of a change: "our HoD changed, it is now Ms. Ana Ruiz")."""
    field_words, colon, value = msg.text.partition(":")
    field = field_named(rest_after(field_words if colon else msg.text, CHANGE_WORDS))
    asked = await begin_edit(ctx, field or "pick_field", "change")
    if field is None or not value.strip() or await DIALOG.read(ctx) is None:
        return asked  # no field named, nothing given, or no registration to change
    return await answer(ctx, value.strip())


async def handle_withdraw(msg: InboundMessage, ctx: Context) -> Reply:
    return await begin_edit(ctx, "withdraw", "withdraw")


async def begin_edit(ctx: Context, step: str, mode: Mode) -> Reply:
    """Change one field of, or withdraw, the confirmed registration of the user's delegation."""
    async with ctx.uow() as uow:
        mine = await my_delegation(uow, ctx)
        found, record = mine if mine else (None, None)
        if found is None or record is None or record.status != CONFIRMED:
            return say(ctx, "registration.none_yet")
        members = await uow.registrations.members_of([found.id])
        draft = {**record_draft(record, found), "others": len(members) - 1}
        state = RegistrationState(mode=mode, draft=draft, delegation_id=found.id, editing=True)
        step = edit_step(step, draft)
        await DIALOG.start(ctx, step, state, uow)
        await uow.commit()
    return question(ctx, step, draft)


async def handle_join(msg: InboundMessage, ctx: Context) -> Reply:
    """`join W9WB-GP9N`, `join w9wb gp9n`, `join the code is W9WB-GP9N.`"""
    typed = rest_after(msg.text, JOIN_WORDS)
    if typed and not normalise_code(typed):
        typed = find_join_code(msg.text) or typed
    async with ctx.uow() as uow:
        reply = await join_blocked(uow, ctx) or await join(uow, ctx, typed)
        await uow.commit()
    await tell_members(ctx, uow.audit.recorded)
    return reply


# --- the flow: typed answers and registration.answer buttons


# Free-text steps: a line the router marks as an aside is held until the person confirms it is the answer.
HELD_STEPS = ("hod_name", "hod_designation", "experts", "reception_experts", "email")


async def handle_flow(msg: InboundMessage, ctx: Context) -> Reply:
    return await answer(ctx, msg.text, held_decision(msg, ctx))


async def reprompt(ctx: Context) -> Reply | None:
    """The open step's question again (the router asks it after answering something else); None when no
    registration step is open."""
    opened = await DIALOG.read(ctx)
    return question(ctx, opened.step, opened.state.draft) if opened else None


async def answer(ctx: Context, text: str, decision: bool | None = None) -> Reply:
    """One message of the open flow; ``decision`` is the person's yes/no on a held line, if any."""
    async with ctx.uow() as uow:
        opened = await DIALOG.read(ctx, uow)
        if opened is None:
            await uow.commit()  # a row that no longer loads was ended by the read
            return say(ctx, "registration.stale")
        if is_cancel(text):
            await DIALOG.end(ctx, uow)
            await uow.commit()
            return say(ctx, "registration.cancelled")
        step, draft = opened.step, opened.state.draft
        if normalise_command(text) in HELP_WORDS:  # not a delegation called "help": explain the flow
            return question(ctx, step, draft, ctx.t("registration.help"))
        if opened.held is not None and decision is not None:
            if not decision:  # "no": the held line was not the answer; the step stays
                await DIALOG.update(ctx, step, opened.state, uow)
                await uow.commit()
                return question(ctx, step, draft)
            text = opened.held
        elif (again := _register_again(text, step)) is not None:
            if not again:
                return question(ctx, step, draft, ctx.t("core.already_in_flow"))
            text = again
        elif ctx.aside is not None and step in HELD_STEPS:
            await DIALOG.hold(ctx, step, opened.state, text, uow)
            await uow.commit()
            what = ctx.t(f"registration.what.{step}")
            return confirm_held(ctx, text, what, "registration", a_question_fits=False)  # names, addresses
        withdrawing = normalise_command(text) in WITHDRAW_WORDS and step not in ("withdraw", "experts_edit")
        reply = None if withdrawing else await answer_step(uow, ctx, opened, text)
        await uow.commit()
    if reply is None:  # `withdraw` typed in the middle of another step: the withdraw question
        return await begin_edit(ctx, "withdraw", "withdraw")
    await tell_members(ctx, uow.audit.recorded)
    return reply


def _register_again(text: str, step: str) -> str | None:
    """`register` typed inside the flow: None when it is not that; "" when it names nothing (the step is
    asked again); at the first question, the delegation it names (`register Fiji`)."""
    word = _command_word(text)
    if word is None:
        return None
    named = _named(text, word)
    return named if named and step in ("delegation", delegation.CHECK) else ""


async def handle_action(msg: InboundMessage, ctx: Context) -> Reply:
    """`registration.answer` (a choice), `.submit` (the form), `.form`, `.command` (change/withdraw)."""
    action = msg.action
    if action is None:
        return await handle_flow(msg, ctx)
    if action.id == ANSWER:
        return await answer(ctx, action.value)
    if action.id in (HELD_YES, HELD_NO):
        return await answer(ctx, "", held_decision(msg, ctx))
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
        if command in WITHDRAW_WORDS:
            return await begin_edit(ctx, "withdraw", "withdraw")
        return await start(ctx)
    return say(ctx, "registration.stale")
