"""The pitch cue: 15 minutes before a pitch slot starts, a word to whoever presents in it.

One campaign per slot and start time (a slot moved by an event reload gets a new cue); its audience is the
provider holding the slot when the cue fans out. Like a reminder it respects `remind off` and quiet hours.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from bot.event import Event
from bot.i18n import translate
from bot.messages import Reply
from handlers.outreach import audiences
from handlers.shared.kinds import CampaignKind
from handlers.shared.timefmt import clock, zone_name
from storage.uow import UnitOfWork

CUE_BEFORE = timedelta(minutes=15)  # the pitch cue goes out this long before the slot


async def plan_cues(uow: UnitOfWork, event: Event, now: datetime, created_by: str) -> list[int]:
    """A cue for each pitch slot starting within the next 15 minutes; one already there is left alone."""
    created = []
    for slot in await uow.pitches.slots(event.id):
        cue_at = slot.starts_at - CUE_BEFORE
        if cue_at <= now < slot.starts_at:
            params = {"slot": slot.number, "starts_at": slot.starts_at.isoformat()}
            key = f"cue:pitch:{slot.number}:{slot.starts_at.isoformat()}"
            audience = f"{audiences.PITCH_SLOT}{slot.number}"
            campaign_id = await uow.outbox.create_campaign(
                key, CampaignKind.CUE, audience, cue_at, now, created_by, params=params
            )
            if campaign_id is not None:
                created.append(campaign_id)
    return created


async def next_cue_at(uow: UnitOfWork, event: Event, now: datetime) -> datetime | None:
    """When the next cue falls due (the scheduler wakes then)."""
    cues = [slot.starts_at - CUE_BEFORE for slot in await uow.pitches.slots(event.id)]
    return min((cue for cue in cues if cue > now), default=None)


def render_cue(event: Event, params: dict[str, Any], lang: str) -> Reply:
    """15 minutes before a provider's pitch slot."""
    starts = datetime.fromisoformat(params["starts_at"]).astimezone(event.zone)
    text = translate(
        lang,
        "reminders.cue.pitch",
        slot=params["slot"],
        time=f"{clock(starts, lang)} {zone_name(starts, lang)}",
        minutes=event.matchmaking.pitch_minutes,
        slides=event.matchmaking.slides,
        session=event.session(event.matchmaking.session).title.get(lang),
    )
    return Reply(f"{text}\n{translate(lang, 'reminders.opt_out')}", lang=lang)
