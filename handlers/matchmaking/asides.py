"""Lines inside the matchmaking flow that are plausibly not an answer (``ctx.aside``, set by the router):
a question or a complaint is never stored as a need, a region or an organisation without a "yes"; a
choice step (the capability, the languages, the contact) says it cannot answer that here and asks again;
"which one is incident response?" is answered from the event's capabilities, then the choice is asked."""

from __future__ import annotations

import re

from bot.context import Context
from bot.messages import Reply
from bot.text import normalise_command
from handlers.matchmaking.state import DIALOG, MatchmakingState
from handlers.shared.answers import aside_in_choice, confirm_held
from handlers.shared.dialog import OpenDialog

_PUNCTUATION = re.compile(r"[^\w\s]")


def _folded(text: str) -> str:
    return " ".join(_PUNCTUATION.sub(" ", normalise_command(text).replace("-", " ")).split())


def capability_named(ctx: Context, text: str) -> str | None:
    """What the line says about a capability it names anywhere ("which one is incident response?" →
    "incident response falls under Technology: …"), from the names and aliases in the event file."""
    padded = f" {_folded(text)} "
    found = [
        (len(phrase), word, capability)
        for capability in ctx.event.capabilities
        for word in (*capability.name.all(), *(w for _, w in capability.aliases.every()))
        if (phrase := _folded(word))
        and (f" {phrase} " in padded or (not phrase.isascii() and phrase in padded))
    ]
    if not found:
        return None
    _, word, capability = max(found, key=lambda item: item[0])
    return ctx.t(
        "match.aside.capability",
        phrase=word[:1].upper() + word[1:],
        capability=capability.name.get(ctx.lang),
        covers=capability.covers.get(ctx.lang),
    )


def in_choice(ctx: Context, step_again: Reply, explained: str | None = None) -> Reply:
    """A choice step's answer to an aside: what can be said about it, then the same step."""
    lead = explained or aside_in_choice(ctx)
    return Reply(f"{lead}\n{step_again.text}", card=step_again.card, lang=step_again.lang)


async def hold(ctx: Context, opened: OpenDialog[MatchmakingState], text: str) -> Reply:
    """A free-text step keeps the line aside until the person confirms it is their answer."""
    await DIALOG.hold(ctx, opened.step, opened.state, text)
    return confirm_held(ctx, text, ctx.t("match.held.what"), "match")
