"""The Home view (Slack's Home tab, and any platform with a personal page): a neutral Card built from parts.

Each part is a *section provider*: ``async (ctx) -> Card | None``; their sections, fields and buttons are
joined in order. To add a part (registration status, the user's pitch slot…), write a provider in your
feature module and add it to ``PROVIDERS`` below, in the place it should be shown.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime

from bot.context import Context
from bot.event import Session
from bot.messages import Button, Card
from handlers.agenda import personal as agenda
from handlers.basics.help import help_text
from handlers.faq import schedule
from handlers.home import status as home_status
from handlers.shared import timefmt

SectionProvider = Callable[[Context], Awaitable[Card | None]]
HELP_ACTION = "help.show"


def session_line(session: Session, ctx: Context) -> str:
    """'Opening plenary — 10:00 – 11:00 AM EDT, Friday, May 10, 2024 — Conference Room 4'."""
    start, end = ctx.event.starts_at(session), ctx.event.ends_at(session)
    parts = [session.title.get(ctx.lang), timefmt.time_range(start, end, ctx.lang, ctx.user_tz)]
    venue = ctx.event.venue(session.venue)
    if venue is not None:
        parts.append(venue.name.get(ctx.lang))
    return " — ".join(parts)


def _lines(heading: str, sessions: Sequence[Session], ctx: Context) -> str:
    return "\n".join([heading, *(f"• {session_line(s, ctx)}" for s in sessions)])


async def now_and_next(ctx: Context) -> Card:
    moment: datetime = ctx.now()
    if schedule.is_over(ctx.event, moment):
        return Card(title="", sections=(ctx.t("home.over", event=ctx.event.names["short"].get(ctx.lang)),))
    sections = []
    happening = schedule.happening_at(ctx.event, moment)
    if happening:
        sections.append(_lines(ctx.t("home.now"), happening, ctx))
    elif schedule.has_started(ctx.event, moment):
        sections.append(ctx.t("home.nothing_now"))
    upcoming = schedule.next_up(ctx.event, moment)
    if upcoming:
        sections.append(_lines(ctx.t("home.next"), upcoming, ctx))
    return Card(title="", sections=tuple(sections))


async def help_part(ctx: Context) -> Card:
    return Card(
        title="",
        sections=(help_text(ctx),),
        buttons=(Button(ctx.t("home.help_button"), HELP_ACTION),),
    )


# Shown top to bottom. Registration and pitch status providers go between these two.
PROVIDERS: tuple[SectionProvider, ...] = (
    now_and_next,
    home_status.registration_part,
    home_status.pitch_part,
    agenda.home_part,
    help_part,
)


async def build(ctx: Context, providers: Sequence[SectionProvider] = PROVIDERS) -> Card:
    title = ctx.event.names["long"].get(ctx.lang)
    sections: list[str] = []
    fields: list[tuple[str, str]] = []
    buttons: list[Button] = []
    for provider in providers:
        part = await provider(ctx)
        if part is None:
            continue
        sections.extend(([part.title] if part.title else []) + list(part.sections))
        fields.extend(part.fields)
        buttons.extend(part.buttons)
    return Card(title=title, sections=tuple(sections), fields=tuple(fields), buttons=tuple(buttons))
