"""Campaigns around published meetings (kinds in handlers/campaigns/registry.py), planned from the database
at each scheduler pass, so a restart rebuilds them and a unique key makes each one once:
    meeting     5 minutes before a meeting, to both sides (with whom, which table, when)
    meeting-check  when it has ended, one question to each side: met / didn't happen / rescheduled
    follow-up   1, 3 and 6 months after the event, to participants of meetings that happened whose
                follow-up state was not updated since the last check-in
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from bot.event import Event
from bot.i18n import translate
from bot.messages import Button, Card, Reply
from handlers.outreach.audiences import Recipient, as_recipients
from handlers.shared import timefmt
from handlers.shared.kinds import CampaignKind
from storage.meetings import FOLLOW_UPS, HAPPENED, MISSED, PUBLISHED
from storage.models import Campaign, PlannedMeeting
from storage.uow import UnitOfWork

REMINDER_BEFORE = timedelta(minutes=5)
CHECK_WINDOW = timedelta(days=2)  # after a long downtime, a question older than this is no longer asked
CHECK_INS = (1, 3, 6)  # months after the event
MONTH = timedelta(days=30)
MEETING, CHECK, FOLLOW = "meeting:", "meeting-check:", "follow-up:"


def _key(prefix: str, m: PlannedMeeting) -> str:
    return f"{prefix}{m.requester_key}:{m.provider_key}:{m.starts_at.isoformat()}"


async def _published(uow: UnitOfWork, event: Event) -> list[PlannedMeeting]:
    return await uow.meetings.meetings(event.id, PUBLISHED)


async def plan_meeting_reminders(uow: UnitOfWork, event: Event, now: datetime, created_by: str) -> list[int]:
    created = []
    for m in await _published(uow, event):
        if m.starts_at - REMINDER_BEFORE <= now < m.starts_at:
            found = await uow.outbox.create_campaign(
                _key("meeting:", m), CampaignKind.MEETING, f"{MEETING}{m.id}", m.starts_at - REMINDER_BEFORE,
                now, created_by, params={"meeting": m.id},
            )  # fmt: skip
            created += [found] if found is not None else []
    return created


async def next_meeting_reminder(uow: UnitOfWork, event: Event, now: datetime) -> datetime | None:
    moments = [m.starts_at - REMINDER_BEFORE for m in await _published(uow, event)]
    return min((t for t in moments if t > now), default=None)


async def plan_checks(uow: UnitOfWork, event: Event, now: datetime, created_by: str) -> list[int]:
    created = []
    for m in await _published(uow, event):
        if m.ends_at <= now < m.ends_at + CHECK_WINDOW:
            found = await uow.outbox.create_campaign(
                _key("meeting-check:", m), CampaignKind.MEETING_CHECK, f"{CHECK}{m.id}", m.ends_at, now,
                created_by, params={"meeting": m.id},
            )  # fmt: skip
            created += [found] if found is not None else []
    return created


async def next_check(uow: UnitOfWork, event: Event, now: datetime) -> datetime | None:
    return min((m.ends_at for m in await _published(uow, event) if m.ends_at > now), default=None)


def check_in_times(event: Event) -> list[tuple[int, datetime]]:
    return [(months, event.last_end + months * MONTH) for months in CHECK_INS]


async def plan_follow_ups(uow: UnitOfWork, event: Event, now: datetime, created_by: str) -> list[int]:
    """The latest check-in reached (one, not every one missed during a downtime)."""
    reached = [(months, at) for months, at in check_in_times(event) if at <= now]
    if not reached or not await _published(uow, event):
        return []
    months, at = reached[-1]
    found = await uow.outbox.create_campaign(
        f"follow-up:{event.id}:{months}m", CampaignKind.FOLLOW_UP, f"{FOLLOW}{months}", at, now, created_by,
        params={"months": months},
    )  # fmt: skip
    return [found] if found is not None else []


async def next_follow_up(uow: UnitOfWork, event: Event, now: datetime) -> datetime | None:
    return min((at for _, at in check_in_times(event) if at > now), default=None)


# --- audiences: computed when the campaign fans out (and again when each row is sent)


async def audience(uow: UnitOfWork, campaign: Campaign, event_id: str) -> list[Recipient] | None:
    prefix, _, rest = campaign.audience.partition(":")
    if prefix + ":" == FOLLOW:
        return await _follow_up_audience(uow, event_id, int(rest))
    meeting = await uow.meetings.meeting(int(rest)) if rest.isdigit() else None
    if meeting is None or meeting.stage != PUBLISHED:
        return []  # re-planned since: the new plan's meetings have their own campaigns
    keys = [meeting.requester_key, meeting.provider_key]
    if prefix + ":" == CHECK:
        keys = [k for k in keys if not ((o := await uow.meetings.outcome(meeting, k)) and o.happened)]
    names = await uow.matchmaking.names([meeting.requester_key, meeting.provider_key])
    found = []
    for key in keys:
        member = await uow.members.get_by_key(key)
        other = meeting.provider_key if key == meeting.requester_key else meeting.requester_key
        params = {
            "meeting": meeting.id,
            "with": names[other],
            "table": meeting.table_name,
            "starts_at": meeting.starts_at.isoformat(),
            "ends_at": meeting.ends_at.isoformat(),
        }
        found += [
            Recipient(r.key, r.platform, r.language, r.tz, r.reminders_enabled, params)
            for r in as_recipients([member] if member else [])
        ]
    return found


async def _follow_up_audience(uow: UnitOfWork, event_id: str, months: int) -> list[Recipient]:
    """Each side of a meeting that was not reported missed, unless they updated its follow-up since the
    previous check-in; their row lists those meetings."""
    meetings = await uow.meetings.meetings(event_id, PUBLISHED)
    if not meetings:
        return []
    since = max(m.ends_at for m in meetings) + (
        CHECK_INS[CHECK_INS.index(months) - 1] * MONTH if months != CHECK_INS[0] else timedelta()
    )
    names = await uow.matchmaking.names(
        sorted({k for m in meetings for k in (m.requester_key, m.provider_key)})
    )
    pending: dict[str, list[dict[str, Any]]] = {}
    for m in meetings:
        for key in (m.requester_key, m.provider_key):
            outcome = await uow.meetings.outcome(m, key)
            if outcome is not None and (
                outcome.happened == MISSED or (outcome.follow_up_at and outcome.follow_up_at >= since)
            ):
                continue
            other = m.provider_key if key == m.requester_key else m.requester_key
            pending.setdefault(key, []).append({"meeting": m.id, "with": names[other]})
    found = []
    for key, items in sorted(pending.items()):
        member = await uow.members.get_by_key(key)
        found += [
            Recipient(
                r.key,
                r.platform,
                r.language,
                r.tz,
                r.reminders_enabled,
                {"meetings": items, "months": months},
            )
            for r in as_recipients([member] if member else [])
        ]
    return found


# --- how each reads


def _when(event: Event, row: dict[str, Any], lang: str) -> str:
    start, end = datetime.fromisoformat(row["starts_at"]), datetime.fromisoformat(row["ends_at"])
    return timefmt.time_range(start, end, lang, event.zone)


def render_meeting_reminder(
    event: Event, campaign: Campaign, row: dict[str, Any], lang: str, now: datetime
) -> Reply:
    text = translate(
        lang, "meetings.reminder", who=row["with"], table=row["table"], time=_when(event, row, lang)
    )
    return Reply(text, lang=lang)


def render_check(event: Event, campaign: Campaign, row: dict[str, Any], lang: str, now: datetime) -> Reply:
    buttons = tuple(
        Button(translate(lang, f"meetings.button.{answer}"), "meeting.happened", f"{row['meeting']}:{answer}")
        for answer in HAPPENED
    )
    text = translate(lang, "meetings.check", who=row["with"], time=_when(event, row, lang))
    card = Card(
        title=translate(lang, "meetings.check.title"),
        sections=(translate(lang, "meetings.check.typed"),),
        buttons=buttons,
    )
    return Reply(text, card=card, lang=lang)


def render_follow_up(
    event: Event, campaign: Campaign, row: dict[str, Any], lang: str, now: datetime
) -> Reply:
    lines, buttons = [translate(lang, "meetings.follow.intro", months=row["months"])], []
    for item in row["meetings"]:
        lines.append(translate(lang, "meetings.follow.line", who=item["with"]))
        buttons += [
            Button(
                translate(lang, f"meetings.button.{state}", name=item["with"]),
                "meeting.follow",
                f"{item['meeting']}:{state}",
            )
            for state in FOLLOW_UPS
        ]
    return Reply(
        "\n".join(lines),
        card=Card(
            title=translate(lang, "meetings.follow.title"),
            sections=(translate(lang, "meetings.follow.typed"),),
            buttons=tuple(buttons),
        ),
        lang=lang,
    )
