"""One entry per campaign kind: everything the scheduler and the sender need to know about it.

service/scheduler.py plans, fans out and times rows, and service/sender.py renders them, by reading an entry
here and nothing else: a new kind is one CampaignKind value (handlers/shared/kinds.py) and one entry below.

An entry says how a campaign of that kind reads, who it goes to (computed when it is due, never stored in
advance), whether that audience is computed again as each row is sent, whether `remind off` and quiet hours
apply, when one recipient's row is due, how late it may still go out, and — for the kinds the event's own
rules create — how the scheduler plans them and when it should next wake for them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from types import MappingProxyType
from typing import Any

from bot.event import Event
from bot.messages import ConversationRef, Reply, reply_from_data
from handlers.agenda import attendance
from handlers.agenda.notices import (
    START_WINDOW,
    next_start_cue_at,
    plan_start_cues,
    render_change,
    render_start,
)
from handlers.matchmaking import meeting_cues
from handlers.outreach.audiences import Recipient
from handlers.outreach.broadcast import EXCLUDE, render_broadcast
from handlers.outreach.cues import next_cue_at, plan_cues, render_cue
from handlers.outreach.reminders import (
    after_quiet_hours,
    local_send_at,
    next_reminder_at,
    plan_reminders,
    render_reminder,
    zone_of,
)
from handlers.shared.kinds import CampaignKind
from storage.models import Campaign, ReminderPreference
from storage.uow import UnitOfWork

# (event, campaign, row params, language, the moment it is sent)
Render = Callable[[Event, Campaign, dict[str, Any], str, datetime], Reply]
Audience = Callable[[UnitOfWork, Campaign, str], Awaitable[list[Recipient] | None]]  # None: not known here
DeliverAt = Callable[[Campaign, str | None, Event], datetime]  # (campaign, recipient's zone, event)
Planner = Callable[[UnitOfWork, Event, datetime, str], Awaitable[list[int]]]  # → ids of campaigns created
NextDue = Callable[[UnitOfWork, Event, datetime], Awaitable[datetime | None]]


def at_campaign_time(campaign: Campaign, tz: str | None, event: Event) -> datetime:
    return campaign.send_at


@dataclass(frozen=True, slots=True)
class KindSpec:
    render: Render
    audience: Audience
    recheck_at_send: bool = False  # whoever left the audience since the fan-out is skipped when sent
    remind_off: bool = False  # `remind off` hides it
    quiet_hours: bool = False  # a recipient's row waits for the end of their quiet hours
    deliver_at: DeliverAt = at_campaign_time  # one recipient's moment, before quiet hours
    expires_after: timedelta | None = None  # later than send_at + this, a row is skipped: it would be wrong
    plan: Planner | None = None  # None: created by a person (broadcast), an event reload or a handler
    next_due: NextDue | None = None  # when ``plan`` next has something to create

    def wants(self, recipient: Recipient) -> bool:
        return recipient.reminders_enabled or not self.remind_off

    def moment(
        self, campaign: Campaign, tz: str | None, prefs: ReminderPreference | None, event: Event
    ) -> datetime:
        """When one recipient's row is due: the kind's rule, then their quiet hours if the kind keeps them."""
        at = self.deliver_at(campaign, tz, event)
        if prefs is None or not self.quiet_hours:
            return at
        return after_quiet_hours(at, prefs.quiet_start, prefs.quiet_end, zone_of(tz, event))

    def expired(self, campaign: Campaign, at: datetime) -> bool:
        return self.expires_after is not None and at > campaign.send_at + self.expires_after


# --- how each kind reads


def _reminder(event: Event, campaign: Campaign, row: dict[str, Any], lang: str, now: datetime) -> Reply:
    # The row's params say what this recipient still has to do; the campaign's name the rule.
    return render_reminder(event, {**campaign.params, **row}, lang, now)


def _broadcast(event: Event, campaign: Campaign, row: dict[str, Any], lang: str, now: datetime) -> Reply:
    return render_broadcast(event, campaign.text, lang)


def _notice(event: Event, campaign: Campaign, row: dict[str, Any], lang: str, now: datetime) -> Reply:
    return reply_from_data(campaign.params["reply"])  # rendered when it was made, in the recipient's language


def conversation_of(campaign: Campaign) -> ConversationRef | None:
    """Where a notice goes when it names a conversation (an answer kept for a channel thread); None: the
    recipient's own chat, as for every other kind."""
    stored = campaign.params.get("conversation") if campaign.kind == CampaignKind.NOTICE else None
    return ConversationRef(**stored) if isinstance(stored, dict) else None


def _from_params(render: Callable[[Event, dict[str, Any], str], Reply]) -> Render:
    """A renderer that reads only the campaign's params: every recipient reads the same, in their language."""

    def rendered(event: Event, campaign: Campaign, row: dict[str, Any], lang: str, now: datetime) -> Reply:
        return render(event, campaign.params, lang)

    return rendered


# --- who it goes to and when


async def _named_audience(uow: UnitOfWork, campaign: Campaign, event_id: str) -> list[Recipient] | None:
    """The audience the campaign names (handlers/agenda/attendance.py), as it is now."""
    if not attendance.known(campaign.audience):
        return None
    found = await attendance.recipients(uow, campaign.audience, event_id, campaign.params)
    left_out = (campaign.params or {}).get(EXCLUDE)  # the organiser who wrote it, unless they opted in
    return [r for r in found if r.key != left_out] if left_out else found


async def _named_in_its_row(uow: UnitOfWork, campaign: Campaign, event_id: str) -> list[Recipient]:
    return []  # a notice's one recipient is written with the campaign (handlers/shared/notices.py)


def _local_rule_time(campaign: Campaign, tz: str | None, event: Event) -> datetime:
    return local_send_at(campaign.params, tz, event)


async def _next_reminder(uow: UnitOfWork, event: Event, now: datetime) -> datetime | None:
    return next_reminder_at(event, now)  # from the event file alone


# Reminders and cues are for people who still have something to do and have not opted out; a programme change
# and an organiser's broadcast are told to everyone concerned, as written, now.
KINDS: Mapping[CampaignKind, KindSpec] = MappingProxyType(
    {
        CampaignKind.REMINDER: KindSpec(
            _reminder,
            _named_audience,
            recheck_at_send=True,
            remind_off=True,
            quiet_hours=True,
            deliver_at=_local_rule_time,  # the rule's hour in each recipient's own time zone
            plan=plan_reminders,
            next_due=_next_reminder,
        ),
        CampaignKind.CUE: KindSpec(
            _from_params(render_cue),
            _named_audience,
            recheck_at_send=True,
            remind_off=True,
            quiet_hours=True,
            plan=plan_cues,
            next_due=next_cue_at,
        ),
        CampaignKind.START: KindSpec(
            _from_params(render_start),
            _named_audience,
            recheck_at_send=True,
            remind_off=True,
            quiet_hours=True,
            expires_after=START_WINDOW,  # "starting now" after quiet hours end would be wrong
            plan=plan_start_cues,
            next_due=next_start_cue_at,
        ),
        CampaignKind.BROADCAST: KindSpec(_broadcast, _named_audience),
        CampaignKind.CHANGE: KindSpec(_from_params(render_change), _named_audience),
        CampaignKind.NOTICE: KindSpec(_notice, _named_in_its_row),
        # Matchmaking meetings (handlers/matchmaking/meeting_cues.py): rebuilt from the published plan.
        CampaignKind.MEETING: KindSpec(
            meeting_cues.render_meeting_reminder,
            meeting_cues.audience,
            recheck_at_send=True,
            remind_off=True,
            expires_after=meeting_cues.REMINDER_BEFORE,  # after the start, "in 5 minutes" would be wrong
            plan=meeting_cues.plan_meeting_reminders,
            next_due=meeting_cues.next_meeting_reminder,
        ),
        CampaignKind.MEETING_CHECK: KindSpec(
            meeting_cues.render_check,
            meeting_cues.audience,
            recheck_at_send=True,  # whoever answered meanwhile is not asked
            quiet_hours=True,
            plan=meeting_cues.plan_checks,
            next_due=meeting_cues.next_check,
        ),
        CampaignKind.FOLLOW_UP: KindSpec(
            meeting_cues.render_follow_up,
            meeting_cues.audience,
            quiet_hours=True,
            plan=meeting_cues.plan_follow_ups,
            next_due=meeting_cues.next_follow_up,
        ),
    }
)


def spec_of(kind: str) -> KindSpec | None:
    """The entry for a stored kind; None for one this version does not know (a newer one wrote it)."""
    try:
        return KINDS[CampaignKind(kind)]
    except ValueError:
        return None
