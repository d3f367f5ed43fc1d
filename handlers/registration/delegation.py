"""Which delegation an answer names: a UN Member or observer State (by any of its names, in any of the six
languages), a delegation already registered, or a new organisation. What is uncertain is asked, never
assumed: a typo ("Frnace"), a State inside a longer text ("CERT Fiji"), a name close to a registered one,
or a sentence that is probably not a name ("quiero registrar mi delegación") each get a yes/no question.

A State already registered — under any of its names — becomes a join request, never a second delegation.
"""

from __future__ import annotations

from typing import Any

from rapidfuzz import fuzz, process

from bot.context import Context
from bot.messages import Reply
from bot.text import normalise_command
from handlers.registration.fields import FieldError, name_key, parse_name
from handlers.registration.records import advance, request_to_join
from handlers.registration.state import RegistrationState
from handlers.registration.states import find_state, names_of, state_name
from handlers.registration.views import question
from handlers.registration.words import NO, REGISTER_STEMS, TITLES_AFTER, TITLES_BEFORE, YES
from handlers.shared.answers import aside_in_choice, aside_in_text, is_no, is_yes
from storage.models import Delegation
from storage.uow import UnitOfWork

CHECK = "delegation_check"
TYPED = "typed"  # the option "the name as I typed it"
SIMILAR_CUTOFF = 90  # how close (0-100) a new name must be to a registered one to ask "did you mean …?"
LONGEST_NAME_WORDS = 8  # an answer longer than this is more likely a sentence than a delegation's name


async def answer(
    uow: UnitOfWork,
    ctx: Context,
    state: RegistrationState,
    text: str,
    *,
    instead_of: dict[str, Any] | None = None,
) -> Reply:
    """The answer to "Which delegation?". ``instead_of``: the State offered, to which this name came instead
    of a yes (often a person's name, the answer to a later question): a name that is no State and no
    delegation is then offered for a yes before it is taken, and a no offers the State again."""
    try:
        name = parse_name(text)
    except FieldError as error:  # a question or complaint is no misspelt name: a polite word, not the rule
        lead = aside_in_text(ctx) if ctx.aside is not None else ctx.t(error.message_id, **error.params)
        return question(ctx, "delegation", state.draft, lead)
    if is_yes(name) or is_no(name):  # "да" to a question not asked ("Register Kazakhstan?"): no one's name
        return question(ctx, "delegation", state.draft)
    guess = find_state(name)
    if guess.exact and guess.code:
        return await take_state(uow, ctx, state, guess.code, name)
    if guess.codes:
        return await ask(uow, ctx, state, name, "state", [f"state:{c}" for c in guess.codes])
    existing = await similar_delegation(uow, name)
    if existing is not None and existing.name_key == name_key(name):
        return await request_to_join(uow, ctx, existing, name)
    if existing is not None:
        return await ask(uow, ctx, state, name, "existing", [f"delegation:{existing.id}"], existing.name)
    if instead_of is not None or ctx.aside is not None or looks_like_a_sentence(name) or titled(name):
        return await ask(uow, ctx, state, name, TYPED, [], previous=instead_of)
    return await take_organisation(uow, ctx, state, name)


async def prefill(uow: UnitOfWork, ctx: Context, state: RegistrationState, text: str) -> Reply | None:
    """`register Fiji`: the flow starts with the delegation offered for a yes; None when the words name
    no State and no registered delegation (the caller decides what they were)."""
    guess = find_state(text)
    if guess.codes:
        kind = "prefilled" if guess.exact else "state"
        return await ask(uow, ctx, state, text, kind, [f"state:{c}" for c in guess.codes])
    existing = await similar_delegation(uow, text)
    if existing is not None:
        return await ask(uow, ctx, state, text, "existing", [f"delegation:{existing.id}"], existing.name)
    return None


async def ask(
    uow: UnitOfWork,
    ctx: Context,
    state: RegistrationState,
    typed: str,
    kind: str,
    options: list[str],
    existing_name: str = "",
    previous: dict[str, Any] | None = None,
) -> Reply:
    """``previous``: the offer this one replaces ("Fiji?" before "“Jone Tuiloma”?"), offered again on a no."""
    check: dict[str, Any] = {
        "kind": kind,
        "typed": typed[:200],
        "options": options,
        "existing": existing_name,
    }
    if previous is not None:
        check["previous"] = {key: value for key, value in previous.items() if key != "previous"}
    return await advance(uow, ctx, CHECK, state.model_copy(update={"draft": {**state.draft, "check": check}}))


async def answer_check(uow: UnitOfWork, ctx: Context, state: RegistrationState, text: str) -> Reply:
    """The answer to "Did you mean …?": an option (button, number or yes), "no", or a new name."""
    check: dict[str, Any] = state.draft.get("check") or {}
    options: list[str] = check.get("options", [])
    said, kind = normalise_command(text), check.get("kind", TYPED)
    refused = said in NO or is_no(said)
    chosen = TYPED if kind == "existing" and refused else _chosen(said, options, kind)
    draft = {k: v for k, v in state.draft.items() if k != "check"}
    state = state.model_copy(update={"draft": draft})
    if chosen == TYPED:
        return await take_organisation(uow, ctx, state, check.get("typed", ""))
    if chosen and chosen.startswith("state:"):
        return await take_state(uow, ctx, state, chosen.removeprefix("state:"), check.get("typed", ""))
    if chosen and chosen.startswith("delegation:"):
        existing = await uow.registrations.delegation(int(chosen.removeprefix("delegation:")))
        if existing is not None:
            return await request_to_join(uow, ctx, existing, check.get("typed", ""))
    if refused and check.get("previous"):  # not “Jone Tuiloma”: Fiji, as first offered, again
        return await advance(
            uow, ctx, CHECK, state.model_copy(update={"draft": {**draft, "check": check["previous"]}})
        )
    if refused or chosen is not None:
        return await advance(uow, ctx, "delegation", state, ctx.t("registration.delegation.again"))
    if ctx.aside is not None:  # a question or a complaint: the same question again, politely
        return question(ctx, CHECK, {**draft, "check": check}, aside_in_choice(ctx))
    # A new name instead of yes or no: a correction ("Fidji" → "Fiji") or, after a State was offered as
    # typed ("register Fiji"), more likely the next answer too soon ("Jone Tuiloma"): asked before taken.
    return await answer(uow, ctx, state, text, instead_of=check if kind == "prefilled" else None)


def _chosen(said: str, options: list[str], kind: str) -> str | None:
    if said in {option.casefold() for option in [*options, TYPED]}:
        return next(o for o in [*options, TYPED] if o.casefold() == said)
    if said.isdigit() and 1 <= int(said) <= len(options):
        return options[int(said) - 1]
    if said in YES or is_yes(said):
        return options[0] if len(options) == 1 else TYPED if kind == TYPED else None
    return None


async def take_state(uow: UnitOfWork, ctx: Context, state: RegistrationState, code: str, typed: str) -> Reply:
    existing = await delegation_of_state(uow, code)
    if existing is not None:
        return await request_to_join(uow, ctx, existing, typed or state_name(code, "en"))
    draft = {**state.draft, "delegation": state_name(code, "en"), "state": code}
    return await advance(uow, ctx, "hod_name", state.model_copy(update={"draft": draft}))


async def take_organisation(uow: UnitOfWork, ctx: Context, state: RegistrationState, name: str) -> Reply:
    existing = await uow.registrations.delegation_by_name_key(name_key(name))
    if existing is not None:
        return await request_to_join(uow, ctx, existing, name)
    draft = {**state.draft, "delegation": name, "state": None}
    return await advance(uow, ctx, "hod_name", state.model_copy(update={"draft": draft}))


async def delegation_of_state(uow: UnitOfWork, code: str) -> Delegation | None:
    """The State's delegation, also when it was registered (before codes were stored) under another of
    its names."""
    keys = sorted({name_key(name) for name in names_of(code)} - {""})
    return await uow.registrations.delegation_of_state(code, keys)


async def similar_delegation(uow: UnitOfWork, name: str) -> Delegation | None:
    """The registered delegation whose name is (nearly) this one, typos and word order forgiven."""
    wanted = name_key(name)
    delegations = {d.id: d for d in await uow.registrations.delegations()}
    keys = {d.id: d.name_key for d in delegations.values()}
    found = process.extractOne(wanted, keys, scorer=fuzz.token_sort_ratio, score_cutoff=SIMILAR_CUTOFF)
    return delegations[found[2]] if found else None


def looks_like_a_sentence(text: str) -> bool:
    """A question, a sentence about registering, or more words than a name has."""
    folded = normalise_command(text)
    about_registering = any(stem in word for word in folded.split() for stem in REGISTER_STEMS)
    return "?" in text or about_registering or len(folded.split()) > LONGEST_NAME_WORDS


def titled(text: str) -> bool:
    """A person's name with their title ("Ambassador Ana Ruiz", "王毅大使"): the Head of Delegation, typed
    a question early, more likely than an organisation's name."""
    words = normalise_command(text).split()
    return (len(words) > 1 and words[0].rstrip(".") in TITLES_BEFORE) or text.strip().endswith(TITLES_AFTER)
