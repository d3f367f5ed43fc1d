"""Matchmaking meetings in chat.

Participants: `must meet NAME`, `would like to meet NAME`, `no thanks NAME` (and the buttons
meeting.pref under suggestions and meet requests), `my meetings`, `why meeting N` (answers after a
meeting: meeting_answers.py).
Organisers: `meetings plan` (a provisional plan and its CSV), `meetings publish`.
"""

from __future__ import annotations

from datetime import datetime

from bot.context import Context
from bot.messages import Card, InboundMessage, Reply
from bot.text import normalise_command
from handlers.matchmaking import people
from handlers.matchmaking.meetings import find_participant
from handlers.matchmaking.plans import NoMeetingPlanError, plan_meetings, publish, schedule_lines
from handlers.shared.roles import require_organiser
from handlers.shared.timefmt import clock
from handlers.shared.userinput import number
from storage.meetings import LIKE, MUST, NO
from storage.models import PlannedMeeting

PREFERENCE_WORDS = {
    MUST: (
        "must meet", "je dois rencontrer", "debo reunirme con", "يجب أن ألتقي", "обязательно встретиться с",
        "必须见",
    ),
    LIKE: (
        "would like to meet", "like to meet", "j'aimerais rencontrer", "me gustaria reunirme con",
        "أود أن ألتقي", "хотел бы встретиться с", "希望见",
    ),
    NO: ("no thanks", "non merci", "no gracias", "لا شكرا", "нет спасибо", "不用了"),
}  # fmt: skip
# The same words as people.MEETINGS_WORDS: one `my meetings`, the plan's table and time once published.
MINE_WORDS = people.MEETINGS_WORDS
WHY_WORDS = (
    "why meeting",
    "pourquoi rendez-vous",
    "por que reunion",
    "لماذا الاجتماع",
    "почему встреча",
    "为什么会议",
)
ORGANISER_WORDS = ("meetings plan", "meetings publish")
ALL_PREFERENCE_WORDS = tuple(w for words in PREFERENCE_WORDS.values() for w in words)


async def handle_preference(msg: InboundMessage, ctx: Context) -> Reply:
    if msg.action is not None:
        return await _set_preference(ctx, msg.action.id.rsplit(".", 1)[-1], msg.action.value)
    text = normalise_command(msg.text)
    for level, words in PREFERENCE_WORDS.items():
        used = next(
            (w for w in sorted(words, key=len, reverse=True) if text.startswith(normalise_command(w))), None
        )
        if used is not None:
            wanted = text[len(normalise_command(used)) :].strip()[:100]
            key = await find_participant(ctx, wanted) if wanted else None
            if key is None:
                return Reply(ctx.t("meetings.pref.unknown", name=wanted or "—"), lang=ctx.lang)
            return await _set_preference(ctx, level, key)
    return Reply(ctx.t("meetings.pref.usage"), lang=ctx.lang)


async def _set_preference(ctx: Context, level: str, key: str) -> Reply:
    if level not in (MUST, LIKE, NO) or key == ctx.user.key:
        return Reply(ctx.t("meetings.pref.usage"), lang=ctx.lang)
    async with ctx.uow() as uow:
        if await uow.members.get_by_key(key) is None:
            return Reply(ctx.t("meetings.pref.unknown", name=key.partition(":")[2][:100]), lang=ctx.lang)
        name = (await uow.matchmaking.names([key]))[key]
        before = await uow.meetings.set_preference(ctx.event.id, ctx.user.key, key, level, ctx.now())
        uow.audit.record(
            ctx.now(),
            ctx.user.key,
            "meetings.preference",
            key,
            before={"level": before},
            after={"level": level},
        )
        await uow.commit()
    return Reply(ctx.t(f"meetings.pref.saved.{level}", name=name), lang=ctx.lang)


async def handle_mine(msg: InboundMessage, ctx: Context) -> Reply:
    async with ctx.uow() as uow:
        meetings = await uow.meetings.meetings_of(ctx.event.id, ctx.user.key)
        lines = await schedule_lines(uow, ctx.event, ctx.user.key, meetings, ctx.lang)
    if not lines:  # no published plan yet: the accepted requests, met at the matchmaking session
        return await people.handle_meetings(msg, ctx)
    card = Card(title=ctx.t("meetings.mine.title"), sections=tuple(lines))
    return Reply(ctx.t("meetings.mine.intro", count=len(lines)), card=card, lang=ctx.lang)


async def handle_why(msg: InboundMessage, ctx: Context) -> Reply:
    """Why this pair (the weight, part by part) and why this slot (what ruled out the earlier ones)."""
    meeting_id = number(normalise_command(msg.text).split()[-1])
    async with ctx.uow() as uow:
        meeting = await uow.meetings.meeting(meeting_id) if meeting_id is not None else None
        mine = meeting is not None and ctx.user.key in (meeting.requester_key, meeting.provider_key)
        if meeting is None or meeting.event_id != ctx.event.id or not (mine or ctx.is_organiser):
            return Reply(ctx.t("meetings.why.unknown"), lang=ctx.lang)
        names = await uow.matchmaking.names([meeting.requester_key, meeting.provider_key])
        everyone = await uow.meetings.meetings(ctx.event.id, meeting.stage)
    why = meeting.why
    lines = [
        ctx.t(
            "meetings.why.pair", requester=names[meeting.requester_key], provider=names[meeting.provider_key]
        ),
        ctx.t(
            "meetings.why.points",
            weight=meeting.weight,
            requester=ctx.t(f"meetings.level.{why.get('requester') or 'none'}"),
            provider=ctx.t(f"meetings.level.{why.get('provider') or 'none'}"),
            mutual=ctx.t("meetings.why.mutual") if why.get("mutual") else "",
            match=why.get("match", 0),
        ),
    ]
    slot = int(why.get("slot", 0))
    slots = ctx.event.meeting_slot_times()
    for earlier in range(slot):
        lines.append(
            ctx.t(
                "meetings.why.earlier",
                time=_clock(ctx, slots, earlier),
                reason=_why_not(ctx, meeting, everyone, earlier, slots),
            )
        )
    lines.append(ctx.t("meetings.why.slot", time=_clock(ctx, slots, slot), table=meeting.table_name))
    return Reply("\n".join(lines), lang=ctx.lang)


def _clock(ctx: Context, slots: list[tuple[datetime, datetime]], index: int) -> str:
    return clock(slots[index][0].astimezone(ctx.event.zone), ctx.lang) if index < len(slots) else "?"


def _why_not(
    ctx: Context,
    meeting: PlannedMeeting,
    everyone: list[PlannedMeeting],
    slot: int,
    slots: list[tuple[datetime, datetime]],
) -> str:
    """What kept the pair out of an earlier slot: a pitch, another meeting of either side, full tables."""
    busy = meeting.why.get("busy", {})
    if slot in busy.get("requester", []) or slot in busy.get("provider", []):
        return ctx.t("meetings.why.pitch")
    start = slots[slot][0] if slot < len(slots) else None
    at_once = [m for m in everyone if m.starts_at == start and m.id != meeting.id]
    if any(
        {m.requester_key, m.provider_key} & {meeting.requester_key, meeting.provider_key} for m in at_once
    ):
        return ctx.t("meetings.why.other_meeting")
    return ctx.t("meetings.why.tables_full")


async def handle_organiser(msg: InboundMessage, ctx: Context) -> Reply:
    command = normalise_command(msg.text)
    await require_organiser(ctx, "meetings.refused", command[:80])
    if command.startswith("meetings publish"):
        async with ctx.uow() as uow:
            told = await publish(uow, ctx.event, ctx.now(), ctx.user.key)
            await uow.commit()
        if told is None:
            return Reply(ctx.t("meetings.publish.nothing"), lang=ctx.lang)
        return Reply(ctx.t("meetings.publish.done", count=len(told)), lang=ctx.lang)
    try:
        async with ctx.uow() as uow:
            planned = await plan_meetings(uow, ctx.event, ctx.now(), ctx.user.key)
            await uow.commit()
    except NoMeetingPlanError:
        return Reply(ctx.t("meetings.plan.no_settings"), lang=ctx.lang)
    plan = planned.plan
    text = ctx.t(
        "meetings.plan.summary",
        meetings=len(plan.placements),
        wishes=planned.wishes,
        covered=planned.states_covered,
        wishing=planned.states_wishing,
        gap=f"{plan.gap:.1%}",
    )
    return Reply(text, lang=ctx.lang)
