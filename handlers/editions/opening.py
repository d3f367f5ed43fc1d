"""Opening an edition (issue 15): each returning participant is asked, privately, about every need and
offer they stated at the previous edition. An organiser says `open edition` (or runs
`roundtable-bot edition open`); asking twice asks nobody twice.

The questions go through the outbox (handlers/shared/notices.keep), so they wait while the person is in
the middle of another conversation, are retried when the platform is down, and reach only people the
bot can reach.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.context import Context
from bot.event import Event
from bot.i18n import translate
from bot.messages import InboundMessage, Notice, Reply, UserRef
from handlers.editions.carryover import ask
from handlers.shared import outbox_signal
from handlers.shared.notices import keep
from handlers.shared.roles import require_organiser
from storage.models import CarryOver
from storage.uow import UnitOfWork

REASON = "carry-over"


@dataclass(frozen=True, slots=True)
class Opened:
    previous: str
    people: int  # participants asked now
    items: int  # their needs and offers


async def handle_open(msg: InboundMessage, ctx: Context) -> Reply:
    await require_organiser(ctx, "edition.open.refused", ctx.event.id)
    async with ctx.uow() as uow:
        opened = await open_edition(uow, ctx.event, ctx.now(), ctx.user.key)
        await uow.commit()
    if opened is None:
        return Reply(ctx.t("edition.open.no_previous"), lang=ctx.lang)
    if opened.people:
        outbox_signal.queued()
    return Reply(
        ctx.t("edition.open.done", people=opened.people, items=opened.items, previous=opened.previous),
        lang=ctx.lang,
    )


async def open_edition(uow: UnitOfWork, event: Event, now: datetime, actor: str) -> Opened | None:
    """Asks everyone not asked yet; None when the event file names no previous edition."""
    previous = event.series.previous if event.series else None
    if previous is None:
        return None
    asked = await uow.editions.open_carry_over(event.id, previous, now)
    items = 0
    for user_key in asked:
        waiting = await uow.editions.waiting(event.id, user_key)
        member = await uow.members.get_by_key(user_key)
        if member is None or not waiting:
            continue  # stated something but never wrote to the bot again: nobody to ask
        items += len(waiting)
        lang = member.language_among(event.languages)
        notice = Notice(
            UserRef(member.platform, member.user_id), _question(event, lang, waiting), reason=REASON
        )
        await keep(uow, notice, now, actor)
    uow.audit.record(
        now,
        actor,
        "edition.open",
        event.id,
        after={"previous": previous, "asked": len(asked), "items": items},
    )
    return Opened(previous, len(asked), items)


def _question(event: Event, lang: str, waiting: list[CarryOver]) -> Reply:
    edition = event.series.edition.get(lang) if event.series else ""
    stated = [
        translate(
            lang, f"edition.line.{r.kind}", capability=event.capability_name(r.capability, lang), text=r.text
        )
        for r in waiting
    ]
    lead = translate(
        lang, "edition.notice", event=event.names["short"].get(lang), edition=edition, count=len(waiting)
    )
    hint = translate(lang, "edition.notice.hint")
    return ask(event, lang, waiting, "\n".join([lead, *stated, hint]))
