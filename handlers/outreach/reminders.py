"""Deadline reminders from the event's rules, and `remind on|off|quiet`.

A rule (deadline, days_before, at, audience) fires at ``at`` on each offset day, in each recipient's time
zone where known, else the event's. The campaign is created (once: its rule key is unique) as soon as the
first time zone on Earth reaches that moment; each recipient's row waits for their own local time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

from bot.context import Context
from bot.event import Deadline, Event, ReminderRule, zone_named
from bot.i18n import translate
from bot.messages import Button, Card, InboundMessage, Reply
from bot.text import normalise_command
from handlers.faq.answer import handle as answer_question
from handlers.intents.basics import OTHERS
from handlers.intents.engine import mentions
from handlers.intents.organiser import AUDIENCE
from handlers.registration.views import COMMAND
from handlers.shared import timefmt
from handlers.shared.kinds import CampaignKind
from handlers.shared.timefmt import long_date
from storage.uow import UnitOfWork

WORDS = (
    *("remind", "reminders", "rappel", "rappels", "recordatorio", "recordatorios"),
    *("напоминания", "напоминать", "التذكيرات", "تذكيرات", "提醒"),
)
EARLIEST_ZONE = timezone(timedelta(hours=14))  # the first place where a day starts (Line Islands)
_ON = {"on", "yes", "oui", "si", "activer", "activar", "вкл", "включить", "да", "تشغيل", "نعم", "开", "开启"}
_OFF = {
    "off",
    "no",
    "non",
    "stop",
    "desactiver",
    "desactivar",
    "выкл",
    "отключить",
    "нет",
    "ايقاف",
    "لا",
    "关",
    "关闭",
}
_QUIET = re.compile(r"^(?:quiet|calme|silencio)\s+(\d{1,2})(?::(\d{2}))?\s*-\s*(\d{1,2})(?::(\d{2}))?$")
_QUIET_OFF = {"quiet off", "calme off", "silencio off"}
_JUST_ME = {"me", "us", "me please", "us please"}
_ASKED_TO_REMIND = re.compile(r"^(?:me|us)\b[\s,:]*(?:of\b|about\b)?\s*(.+)$")


@dataclass(frozen=True, slots=True)
class PlannedReminder:
    rule_key: str
    audience: str
    send_at: datetime  # the moment the first time zone reaches the rule's hour
    params: dict[str, Any]


def rule_key(rule: ReminderRule, days_before: int) -> str:
    """``reminder:registration:unregistered-delegations:7d`` — unique in the campaign table."""
    return f"reminder:{rule.deadline}:{rule.audience}:{days_before}d"


def _plans(event: Event, rule: ReminderRule) -> list[PlannedReminder]:
    due = event.deadline(rule.deadline).due
    plans = []
    for days in sorted(set(rule.days_before), reverse=True):
        fire_date = due - timedelta(days=days)
        params = {"deadline": rule.deadline, "days_before": days, "date": fire_date.isoformat()}
        params["at"] = rule.at.strftime("%H:%M")
        earliest = datetime.combine(fire_date, rule.at, tzinfo=EARLIEST_ZONE)
        plans.append(PlannedReminder(rule_key(rule, days), rule.audience, earliest, params))
    return plans


def due_reminders(event: Event, now: datetime) -> list[PlannedReminder]:
    """For each rule, the latest offset already reached and before the deadline: after downtime the
    reminder that matters now goes out once, not every one that was missed."""
    found = []
    for rule in event.reminders:
        cutoff = event.deadline_cutoff(event.deadline(rule.deadline))
        reached = [p for p in _plans(event, rule) if p.send_at <= now < cutoff]
        if reached:
            found.append(reached[-1])
    return found


async def plan_reminders(uow: UnitOfWork, event: Event, now: datetime, created_by: str) -> list[int]:
    """Campaigns for the reminder rules due now; a rule key already there (fired before, or by another
    instance a moment ago) is left alone."""
    created = []
    for plan in due_reminders(event, now):
        campaign_id = await uow.outbox.create_campaign(
            plan.rule_key,
            CampaignKind.REMINDER,
            plan.audience,
            plan.send_at,
            now,
            created_by,
            params=plan.params,
        )
        if campaign_id is not None:
            created.append(campaign_id)
    return created


def next_reminder_at(event: Event, now: datetime) -> datetime | None:
    upcoming = [p.send_at for rule in event.reminders for p in _plans(event, rule) if p.send_at > now]
    return min(upcoming, default=None)


def zone_of(name: str | None, event: Event) -> ZoneInfo:
    return zone_named(name) or event.zone


def local_send_at(params: dict[str, Any], tz: str | None, event: Event) -> datetime:
    """The rule's hour on the rule's day in the recipient's zone (else the event's)."""
    moment = datetime.combine(date.fromisoformat(params["date"]), time.fromisoformat(params["at"]))
    return moment.replace(tzinfo=zone_of(tz, event)).astimezone(UTC)


def after_quiet_hours(moment: datetime, start: str | None, end: str | None, zone: ZoneInfo) -> datetime:
    """``moment``, or the end of the recipient's quiet hours if it falls inside them."""
    if not start or not end:
        return moment
    local = moment.astimezone(zone)
    begin, finish, now_t = time.fromisoformat(start), time.fromisoformat(end), local.time()
    inside = begin <= now_t < finish if begin < finish else (now_t >= begin or now_t < finish)
    if not inside:
        return moment
    wake = datetime.combine(local.date(), finish, tzinfo=zone)
    return wake if wake > local else wake + timedelta(days=1)


_MISSING_IDS = {
    "registration": "reminders.missing.registration",
    "hod_designation": "reminders.missing.hod_designation",
    "reception_rsvp": "reminders.missing.reception_rsvp",
    "pitch": "reminders.missing.pitch",
}


def render_reminder(event: Event, params: dict[str, Any], lang: str, sent_at: datetime) -> Reply:
    """The reminder a recipient reads: which deadline, when, what is still missing, how to finish.

    The days left are counted from the day it is sent (in the event's zone), not from the rule's offset:
    a reminder that went out late, after downtime or quiet hours, still says how many days are left."""
    deadline = event.deadline(params["deadline"])
    missing = [translate(lang, _MISSING_IDS[m]) for m in params.get("missing", []) if m in _MISSING_IDS]
    finish = "reminders.finish.pitch" if "pitch" in params.get("missing", []) else "reminders.finish.register"
    left = timefmt.days_until(deadline.due, sent_at, event.zone)
    lines = [
        translate(
            lang,
            "reminders.deadline" if left > 0 else "reminders.deadline_today",
            title=deadline.title.get(lang),
            date=long_date(deadline.due, lang),
            days=timefmt.days(left, lang),
        ),
        *(f"• {item}" for item in missing),
        translate(lang, finish, url=str(deadline.url or "")),
        translate(lang, "reminders.opt_out"),
    ]
    card = Card(title=deadline.title.get(lang), buttons=(_finish_button(params.get("missing", []), lang),))
    return Reply("\n".join(lines), card=card, lang=lang)


def _finish_button(missing: list[str], lang: str) -> Button:
    """The one click that finishes what the reminder says is missing."""
    if "pitch" in missing:
        return Button(translate(lang, "reminders.button.pitch"), "pitch.show", style="primary")
    if "registration" in missing:
        return Button(translate(lang, "reminders.button.register"), COMMAND, "register", style="primary")
    return Button(translate(lang, "reminders.button.complete"), COMMAND, "change", style="primary")


async def handle(msg: InboundMessage, ctx: Context) -> Reply:
    words = normalise_command(msg.text).split(maxsplit=1)
    rest = words[1] if len(words) > 1 else ""
    if rest in _ON or rest in _OFF:
        return await _switch(ctx, enabled=rest in _ON)
    if rest in _QUIET_OFF:
        return await _quiet(ctx, None, None)
    quiet = _QUIET.match(rest)
    if quiet:
        start, end = _hhmm(quiet.group(1), quiet.group(2)), _hhmm(quiet.group(3), quiet.group(4))
        if start is None or end is None or start == end:
            return Reply(ctx.t("reminders.quiet_invalid"), lang=ctx.lang)
        return await _quiet(ctx, start, end)
    asked = _ASKED_TO_REMIND.match(rest) if rest not in _JUST_ME else None
    if asked:  # "remind me when the reception starts": a question about the event, not a setting
        return await answer_question(replace(msg, text=asked.group(1)), ctx)
    if rest == OTHERS or (rest and not ctx.is_organiser and mentions(rest, AUDIENCE)):
        return await _status(ctx, lead="reminders.for_organisers")  # "remind delegations that …"
    if rest in _JUST_ME:
        return await _status(ctx, lead=None)
    return await _status(ctx, lead="reminders.not_understood" if rest else None)


def _hhmm(hours: str, minutes: str | None) -> str | None:
    h, m = int(hours), int(minutes or 0)
    return f"{h:02d}:{m:02d}" if h < 24 and m < 60 else None


async def _switch(ctx: Context, *, enabled: bool) -> Reply:
    async with ctx.uow() as uow:
        member = await uow.members.get(ctx.user.platform, ctx.user.user_id)
        if member is not None:
            member.reminders_enabled = enabled
        await uow.commit()
    return Reply(ctx.t("reminders.on" if enabled else "reminders.off"), lang=ctx.lang)


async def _quiet(ctx: Context, start: str | None, end: str | None) -> Reply:
    async with ctx.uow() as uow:
        await uow.reminder_prefs.set_quiet_hours(ctx.user.key, start, end, ctx.now())
        await uow.commit()
    if start is None:
        return Reply(ctx.t("reminders.quiet_cleared"), lang=ctx.lang)
    return Reply(ctx.t("reminders.quiet_set", start=start, end=end), lang=ctx.lang)


async def _status(ctx: Context, *, lead: str | None) -> Reply:
    """Whether their reminders are on, when the next ones go out, how to change that; ``lead`` first."""
    async with ctx.uow() as uow:
        member = await uow.members.get(ctx.user.platform, ctx.user.user_id)
        prefs = await uow.reminder_prefs.get(ctx.user.key)
        enabled = member.reminders_enabled if member else True
        quiet = (prefs.quiet_start, prefs.quiet_end) if prefs else (None, None)
    lines = [ctx.t(lead)] if lead else []
    lines.append(ctx.t("reminders.status_on" if enabled else "reminders.status_off"))
    if enabled:
        lines.extend(_upcoming_lines(ctx))
    if quiet[0] and quiet[1]:
        lines.append(ctx.t("reminders.quiet_set", start=quiet[0], end=quiet[1]))
    lines.append(ctx.t("reminders.usage"))
    return Reply("\n".join(lines), lang=ctx.lang)


def next_reminders(event: Event, now: datetime, tz: str | None) -> list[tuple[Deadline, datetime]]:
    """Each deadline's next reminder still ahead at ``tz``'s hour (the event's zone when unknown), soonest
    first; whether it is sent depends on what is still missing then."""
    soonest: dict[str, datetime] = {}
    for rule in event.reminders:
        cutoff = event.deadline_cutoff(event.deadline(rule.deadline))
        for plan in _plans(event, rule):
            at = local_send_at(plan.params, tz, event)
            if now < at < cutoff and at < soonest.get(rule.deadline, cutoff):
                soonest[rule.deadline] = at
    return sorted(((event.deadline(key), at) for key, at in soonest.items()), key=lambda pair: pair[1])


def _upcoming_lines(ctx: Context) -> list[str]:
    zone = ctx.user_tz
    upcoming = next_reminders(ctx.event, ctx.now(), zone.key)
    if not upcoming:
        return [ctx.t("reminders.none_ahead")]
    return [
        ctx.t(
            "reminders.next",
            when=timefmt.time_range(at, None, ctx.lang, zone),
            title=deadline.title.get(ctx.lang),
            due=long_date(deadline.due, ctx.lang),
        )
        for deadline, at in upcoming
    ]
