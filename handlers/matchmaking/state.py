"""What the matchmaking flow keeps between two messages, and the small texts every part of it shows."""

from __future__ import annotations

from babel.lists import format_list

from bot.context import Context
from bot.messages import Button, Card
from handlers.matchmaking.parse import language_names
from handlers.shared.dialog import Dialog, DialogData
from storage.matchmaking import OFFER

FLOW = "matchmaking"


class MatchmakingState(DialogData):
    """Steps: capability → text (one offer or need), then the profile questions not asked yet
    (organisation, languages, region, contact; see handlers/matchmaking/profile.py)."""

    kind: str = OFFER  # OFFER or NEED
    capability: str = ""
    text: str = ""


DIALOG = Dialog(FLOW, MatchmakingState)


def capability_name(ctx: Context, capability_id: str) -> str:
    return ctx.event.capability_name(capability_id, ctx.lang)


def languages_text(ctx: Context, codes: list[str] | tuple[str, ...]) -> str:
    return format_list(language_names(codes, ctx.lang), locale=ctx.lang) if codes else ""


def skip_card(ctx: Context, *extra: Button) -> Card:
    buttons = (*extra, Button(ctx.t("match.button.skip"), "match.skip"))
    return Card(title=ctx.t("match.card.profile"), buttons=buttons)
