"""Planning and publishing matchmaking meetings (the CLI's `meetings plan|publish|why` and the organisers'
chat commands call these).

`plan` solves (handlers/matchmaking/planner.py) and writes a provisional plan, replacing the last one;
nobody is told. `publish` makes it the plan in force and tells each participant whose meetings changed —
and only them — their whole list of meetings, through the outbox (the sender delivers it, also after a
restart, once: the notice's key names the person and a digest of their list).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from bot.event import Event
from bot.i18n import translate
from bot.messages import Reply, reply_to_data
from handlers.matchmaking.confidentiality import PLANNER
from handlers.matchmaking.meeting_entries import entries_of
from handlers.matchmaking.participants import participants
from handlers.matchmaking.planner import Plan, solve
from handlers.matchmaking.scoring import Participant
from handlers.matchmaking.wishes import build_instance
from handlers.shared import timefmt
from handlers.shared.kinds import CampaignKind
from handlers.shared.notices import DIRECT
from storage.meetings import PROVISIONAL, PUBLISHED
from storage.models import PlannedMeeting
from storage.outbox import NewRecipient
from storage.uow import UnitOfWork


@dataclass(frozen=True, slots=True)
class Planned:
    plan: Plan
    wishes: int
    states_wishing: int
    states_covered: int


class NoMeetingPlanError(Exception):
    """The event file has no ``matchmaking.meetings``: nothing to plan into."""


async def people_of(uow: UnitOfWork, event_id: str) -> list[Participant]:
    """Everyone who recorded an offer or a need, with working languages and region (for the weights);
    needs kept for the organisers weigh no pair (a provider would learn of them from the meeting)."""
    return await participants(uow, event_id, PLANNER, named=False)


async def plan_meetings(uow: UnitOfWork, event: Event, now: datetime, actor: str) -> Planned:
    """Solve and store a provisional plan (the caller commits)."""
    if event.matchmaking.meetings is None:
        raise NoMeetingPlanError
    instance, reasons = await build_instance(uow, event, await people_of(uow, event.id))
    plan = solve(instance)
    slots = event.meeting_slot_times()
    rows = []
    for placement in plan.placements:
        wish = placement.wish
        why = {
            **reasons[(wish.requester, wish.provider)].as_dict(),
            "weight": wish.weight,
            "slot": placement.slot,
            "busy": {
                "requester": sorted(instance.people[wish.requester].busy),
                "provider": sorted(instance.people[wish.provider].busy),
            },
        }
        start, end = slots[placement.slot]
        rows.append(
            PlannedMeeting(
                event_id=event.id,
                stage=PROVISIONAL,
                requester_key=wish.requester,
                provider_key=wish.provider,
                table_name=placement.table,
                starts_at=start,
                ends_at=end,
                weight=wish.weight,
                why=why,
                created_at=now,
            )
        )
    await uow.meetings.replace(event.id, PROVISIONAL, rows)
    after = {"meetings": len(rows), "objective": plan.objective, "bound": plan.bound, "status": plan.status}
    uow.audit.record(now, actor, "meetings.plan", event.id, after=after)
    wishing = {w.requester for w in instance.wishes}
    covered = {p.wish.requester for p in plan.placements}
    return Planned(plan, len(instance.wishes), len(wishing), len(covered))


def _schedule(meetings: list[PlannedMeeting], key: str) -> set[tuple[str, str, str]]:
    return {
        (m.provider_key if m.requester_key == key else m.requester_key, m.table_name, m.starts_at.isoformat())
        for m in meetings
        if key in (m.requester_key, m.provider_key)
    }


def moved(before: list[PlannedMeeting], after: list[PlannedMeeting]) -> list[str]:
    """The participants whose meetings (who, table or time) differ between two plans."""
    keys = {k for m in [*before, *after] for k in (m.requester_key, m.provider_key)}
    return sorted(k for k in keys if _schedule(before, k) != _schedule(after, k))


async def publish(uow: UnitOfWork, event: Event, now: datetime, actor: str) -> list[str] | None:
    """The provisional plan becomes the one in force; returns who was told (None: nothing to publish)."""
    provisional = await uow.meetings.meetings(event.id, PROVISIONAL)
    if not provisional:
        return None
    before = await uow.meetings.meetings(event.id, PUBLISHED)
    copies = [
        PlannedMeeting(
            event_id=m.event_id,
            stage=PUBLISHED,
            requester_key=m.requester_key,
            provider_key=m.provider_key,
            table_name=m.table_name,
            starts_at=m.starts_at,
            ends_at=m.ends_at,
            weight=m.weight,
            why=m.why,
            created_at=now,
        )
        for m in provisional
    ]
    told = moved(before, copies)
    await uow.meetings.replace(event.id, PUBLISHED, copies)
    await uow.meetings.replace(event.id, PROVISIONAL, [])
    for key in told:
        await _queue_schedule(uow, event, key, copies, now, actor)
    uow.audit.record(
        now, actor, "meetings.publish", event.id, after={"meetings": len(copies), "told": len(told)}
    )
    return told


async def language_of(uow: UnitOfWork, key: str) -> str:
    member = await uow.members.get_by_key(key)
    if member is not None and member.language:
        return member.language
    profile = await uow.matchmaking.profile(key)
    return profile.lang if profile else "en"


async def schedule_lines(
    uow: UnitOfWork, event: Event, key: str, meetings: list[PlannedMeeting], lang: str
) -> list[str]:
    """'N. 13:30–13:45 · table 3 · Jean Dupont (France)', one per meeting of ``key``, in time order."""
    return [
        translate(
            lang,
            "meetings.line",
            id=entry.id,
            time=timefmt.time_range(entry.starts_at, entry.ends_at, lang, event.zone),
            table=entry.table,
            who=entry.who,
            organisation=entry.organisation,
        )
        for entry in await entries_of(uow, key, meetings)
    ]


async def _queue_schedule(
    uow: UnitOfWork, event: Event, key: str, meetings: list[PlannedMeeting], now: datetime, actor: str
) -> None:
    lang = await language_of(uow, key)
    lines = await schedule_lines(uow, event, key, meetings, lang)
    intro = translate(lang, "meetings.published" if lines else "meetings.published.none")
    reply = Reply("\n".join([intro, *lines, translate(lang, "meetings.published.hint")]), lang=lang)
    digest = hashlib.sha256("\n".join([key, *lines]).encode()).hexdigest()[:16]
    member = await uow.members.get_by_key(key)
    if member is None:
        return
    campaign_id = await uow.outbox.create_campaign(
        f"{CampaignKind.NOTICE}:meetings:{digest}",
        CampaignKind.NOTICE,
        DIRECT,
        now,
        now,
        actor,
        params={"reply": reply_to_data(reply), "reason": "meetings"},
        expanded=True,
    )
    if campaign_id is not None:
        await uow.outbox.add_recipients(campaign_id, [NewRecipient(key, member.platform, now, {})])
