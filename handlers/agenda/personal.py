"""The personal agenda: `agenda`, `agenda ics`, `follow <session>`, `unfollow <session>`, the Home part,
and the full programme as an .ics file (`roundtable-bot export ics`); its buttons offer the programme as
frab schedule.json too (agenda/frab.py).

What is on someone's agenda comes from agenda/attendance.py, plus their published matchmaking meetings
(each its own entry, in time order among the sessions); times are shown in the reader's time zone with the
event's time beside them when the two differ.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from bot.context import Context
from bot.event import Event, Session
from bot.messages import Attachment, Button, Card, InboundMessage, Reply
from bot.text import normalise_command
from handlers.agenda import calendar, frab
from handlers.agenda.attendance import Attendance, PitchPlace, attendance_of
from handlers.faq import answer as faq
from handlers.faq import schedule
from handlers.faq.index import index_for
from handlers.faq.text import tokens
from handlers.matchmaking.meeting_entries import MeetingEntry, published_entries
from handlers.shared import timefmt

if TYPE_CHECKING:
    from icalendar import Event as CalendarEvent
from handlers.shared.userinput import command_tokens, number

WORDS = (
    *("agenda", "my agenda", "mon agenda", "mi agenda", "моё расписание", "мое расписание", "моя программа"),
    *("جدولي", "جدول أعمالي", "我的日程", "我的议程"),
)
FOLLOW_WORDS = ("follow", "suivre", "seguir", "следить", "подписаться", "تابع", "متابعة", "关注")
UNFOLLOW_WORDS = (
    *("unfollow", "ne plus suivre", "dejar de seguir", "не следить", "отписаться"),
    *("إلغاء المتابعة", "الغاء المتابعة", "取消关注"),
)
ICS_WORDS = frozenset({"ics", ".ics", "ical", "calendar", "calendrier", "calendario", "file", "fichier"})
ICS_ACTION, SHOW_ACTION, FRAB_ACTION = "agenda.ics", "agenda.show", "agenda.frab"
FOLLOW_ACTION, UNFOLLOW_ACTION = "agenda.follow", "agenda.unfollow"
ICS_TYPE = "text/calendar"
NAME_LIMIT = 200  # longer than any session's name: not worth searching


# --- entry points (registered in service/routes.py)


async def handle(msg: InboundMessage, ctx: Context) -> Reply | list[Reply]:
    rest = _rest(msg.text, WORDS)
    if not rest:
        return await show(ctx)
    if set(rest.split()) <= ICS_WORDS:
        return await ics(ctx)
    return await faq.handle(msg, ctx)  # "agenda del viernes?" is a question about the programme


async def handle_action(msg: InboundMessage, ctx: Context) -> Reply:
    action = msg.action
    assert action is not None  # routed here by its action id
    session = _session_by_id(ctx.event, action.value)
    if action.id == ICS_ACTION:
        return await ics(ctx)
    if action.id == FRAB_ACTION:
        return frab.reply(ctx)
    if action.id == FOLLOW_ACTION and session is not None:
        return await _follow(ctx, [session])
    if action.id == UNFOLLOW_ACTION and session is not None:
        return await _unfollow(ctx, [session])
    return await show(ctx)


async def handle_follow(msg: InboundMessage, ctx: Context) -> Reply:
    rest = _rest(msg.text, FOLLOW_WORDS)
    sessions = named_sessions(ctx.event, rest, ctx.lang)
    if not sessions:
        return _which(ctx, rest)
    return await _follow(ctx, sessions)


async def handle_unfollow(msg: InboundMessage, ctx: Context) -> Reply:
    rest = _rest(msg.text, UNFOLLOW_WORDS)
    async with ctx.uow() as uow:
        followed_ids = set(await uow.agenda.followed(ctx.event.id, ctx.user.key))
    followed = [s for s in schedule.ordered(ctx.event) if s.id in followed_ids]
    if not followed:
        return Reply(ctx.t("agenda.unfollow.none"), lang=ctx.lang)
    sessions = named_sessions(ctx.event, rest, ctx.lang) if rest else []
    if not sessions:
        buttons = tuple(Button(_title(s, ctx), UNFOLLOW_ACTION, s.id) for s in followed)
        return Reply("", card=Card(ctx.t("agenda.unfollow.which"), buttons=buttons), lang=ctx.lang)
    return await _unfollow(ctx, sessions)


# --- the agenda


async def _gather(ctx: Context) -> tuple[Attendance, list[MeetingEntry]]:
    async with ctx.uow() as uow:
        attendance = await attendance_of(uow, ctx.event, ctx.user)
        meetings = await published_entries(uow, ctx.event.id, ctx.user.key)
    return attendance, meetings


async def show(ctx: Context) -> Reply:
    lines = agenda_lines(ctx, *await _gather(ctx))
    if not lines:
        return Reply(ctx.t("agenda.empty", example=_example(ctx.event, ctx.lang)), lang=ctx.lang)
    card = Card(
        ctx.t("agenda.title"),
        sections=("\n".join(lines), ctx.t("agenda.hint")),
        buttons=_file_buttons(ctx),
    )
    return Reply("", card=card, lang=ctx.lang)


async def home_part(ctx: Context) -> Card | None:
    """The Home tab's agenda part, with the calendar file button; nothing when the agenda is empty."""
    lines = agenda_lines(ctx, *await _gather(ctx))
    if not lines:
        return None
    return Card(
        ctx.t("agenda.title"),
        sections=("\n".join(lines),),
        buttons=_file_buttons(ctx),
    )


def agenda_lines(ctx: Context, attendance: Attendance, meetings: Sequence[MeetingEntry] = ()) -> list[str]:
    """One line per session (what, when, where, why), the pitch slot right after the matchmaking session,
    and one per matchmaking meeting, all in time order (a session before a meeting starting with it)."""
    blocks = [
        (ctx.event.starts_at(s), 0, _session_lines(ctx, attendance, s))
        for s in _sessions(ctx.event, attendance)
    ]
    blocks += [(m.starts_at, 1, [_meeting_line(ctx, m)]) for m in meetings]
    return [line for _, _, block in sorted(blocks, key=lambda b: b[:2]) for line in block]


def _session_lines(ctx: Context, attendance: Attendance, session: Session) -> list[str]:
    reasons = ", ".join(ctx.t(r.message_id, **r.params) for r in attendance.reasons[session.id])
    where = _venue_name(ctx.event, session, ctx.lang)
    parts = [_title(session, ctx), when(ctx.event.starts_at(session), ctx.event.ends_at(session), ctx)]
    lines = ["• " + " — ".join([*parts, *([where] if where else [])]) + f" ({reasons})"]
    pitch = attendance.pitch
    if session.id == ctx.event.matchmaking.session and pitch is not None and pitch.starts_at:
        slot = ctx.t("agenda.pitch_line", slot=pitch.number)
        lines.append(f"   ↳ {slot} — {when(pitch.starts_at, pitch.ends_at, ctx)}")
    return lines


def _meeting_title(ctx: Context, meeting: MeetingEntry) -> str:
    return ctx.t(
        "meetings.agenda.line", who=meeting.who, organisation=meeting.organisation, table=meeting.table
    )


def _meeting_line(ctx: Context, meeting: MeetingEntry) -> str:
    return f"• {_meeting_title(ctx, meeting)} — {when(meeting.starts_at, meeting.ends_at, ctx)}"


def _sessions(event: Event, attendance: Attendance) -> list[Session]:
    return [s for s in schedule.ordered(event) if s.id in attendance.reasons]


def when(start: datetime, end: datetime | None, ctx: Context) -> str:
    """In the reader's zone; the event's own time beside it when the clocks differ."""
    own = timefmt.time_range(start, end, ctx.lang, ctx.user_tz)
    local_start = start.astimezone(ctx.event.zone)
    if start.astimezone(ctx.user_tz).utcoffset() == local_start.utcoffset():
        return own
    local_end = end.astimezone(ctx.event.zone) if end else None
    there = f"{timefmt.hours(local_start, local_end, ctx.lang)} {timefmt.zone_name(local_start, ctx.lang)}"
    return ctx.t("agenda.event_time", own=own, event=there)


# --- the calendar files


async def ics(ctx: Context) -> Reply:
    attendance, meetings = await _gather(ctx)
    sessions = _sessions(ctx.event, attendance)
    if not sessions and not meetings:
        return Reply(ctx.t("agenda.ics_empty"), lang=ctx.lang)
    extra = [_pitch_entry(ctx, attendance.pitch)] if attendance.pitch and attendance.pitch.starts_at else []
    extra += [_meeting_entry(ctx, m) for m in meetings]
    name = ctx.t("agenda.calendar_name", event=ctx.event.names["short"].get(ctx.lang))
    content = calendar.calendar_file(ctx.event, sessions, ctx.lang, ctx.now(), name, extra)
    attachment = Attachment(f"{ctx.event.id}-agenda.ics", content, ICS_TYPE)
    zone = timefmt.zone_name(ctx.event.first_start, ctx.lang)
    return Reply(ctx.t("agenda.ics_ready", zone=zone), attachments=(attachment,), lang=ctx.lang)


def _pitch_entry(ctx: Context, pitch: PitchPlace) -> CalendarEvent:
    assert pitch.starts_at is not None
    event, plan = ctx.event, ctx.event.matchmaking
    session = event.session(plan.session)
    return calendar.entry(
        f"pitch-slot-{pitch.number}@{event.id}",
        ctx.now(),
        pitch.starts_at.astimezone(event.zone),
        pitch.ends_at.astimezone(event.zone) if pitch.ends_at else None,
        ctx.t("agenda.pitch_title", slot=pitch.number, session=_title(session, ctx)),
        calendar.location(event, session, ctx.lang),
        ctx.t("agenda.pitch_description", minutes=plan.pitch_minutes, slides=plan.slides),
    )


def _meeting_entry(ctx: Context, meeting: MeetingEntry) -> CalendarEvent:
    event = ctx.event
    session = event.session(event.matchmaking.session)
    return calendar.entry(
        meeting.calendar_uid(event.id),
        ctx.now(),
        meeting.starts_at.astimezone(event.zone),
        meeting.ends_at.astimezone(event.zone),
        _meeting_title(ctx, meeting),
        calendar.location(event, session, ctx.lang),
        ctx.t("meetings.agenda.description", id=meeting.id),
    )


def programme_file(event: Event, lang: str, stamp: datetime) -> bytes:
    """The full programme (`roundtable-bot export ics`)."""
    return calendar.calendar_file(event, schedule.ordered(event), lang, stamp)


# --- follow / unfollow


def named_sessions(event: Event, text: str, lang: str) -> list[Session]:
    """Sessions the text names, typos tolerated (the FAQ's index of titles and aliases in every language);
    a kind ("plenary") names every session of that kind; a number is a place in the programme list."""
    ordered = schedule.ordered(event)
    words = text.split()
    place = number(words[0]) if len(words) == 1 else None
    if place is not None:
        return [ordered[place - 1]] if 1 <= place <= len(ordered) else []
    if not text.strip() or len(text) > NAME_LIMIT:
        return []
    analysis = index_for(event).analyse(tokens(text), lang)
    ids = analysis.keys("session")
    if not ids:
        kinds = set(analysis.keys("kind"))
        ids = [s.id for s in ordered if s.kind in kinds]
    return [event.session(i) for i in ids]


def _which(ctx: Context, text: str) -> Reply:
    intro = ctx.t("agenda.follow.unknown", text=text[:80]) if text.strip() else ctx.t("agenda.follow.which")
    # One button per session in programme order, so "follow 3" is the third button too.
    buttons = tuple(Button(_title(s, ctx), FOLLOW_ACTION, s.id) for s in schedule.ordered(ctx.event))
    return Reply("", card=Card(intro, buttons=buttons), lang=ctx.lang)


async def _follow(ctx: Context, sessions: Sequence[Session]) -> Reply:
    async with ctx.uow() as uow:
        added = [s for s in sessions if await uow.agenda.follow(ctx.event.id, s.id, ctx.user.key, ctx.now())]
        await uow.commit()
    lines = []
    if added:
        lines.append(ctx.t("agenda.follow.done", titles=_titles(added, ctx)))
    already = [s for s in sessions if s not in added]
    if already:
        lines.append(ctx.t("agenda.follow.already", titles=_titles(already, ctx)))
    return Reply("\n".join(lines), lang=ctx.lang)


async def _unfollow(ctx: Context, sessions: Sequence[Session]) -> Reply:
    async with ctx.uow() as uow:
        removed = [s for s in sessions if await uow.agenda.unfollow(ctx.event.id, s.id, ctx.user.key)]
        await uow.commit()
    if not removed:
        return Reply(ctx.t("agenda.unfollow.not_followed", titles=_titles(sessions, ctx)), lang=ctx.lang)
    return Reply(ctx.t("agenda.unfollow.done", titles=_titles(removed, ctx)), lang=ctx.lang)


# --- small helpers


def _file_buttons(ctx: Context) -> tuple[Button, ...]:
    return (Button(ctx.t("agenda.ics_button"), ICS_ACTION), Button(ctx.t("agenda.frab_button"), FRAB_ACTION))


def _rest(text: str, words: Sequence[str]) -> str:
    """The text after the command phrase (normalised: lower case, no accents)."""
    found = command_tokens(text)
    for phrase in sorted((normalise_command(word) for word in words), key=len, reverse=True):
        size = len(phrase.split())
        if found[:size] == phrase.split():
            return " ".join(found[size:])
    return " ".join(found[1:])


def _title(session: Session, ctx: Context) -> str:
    return session.title.get(ctx.lang)


def _titles(sessions: Sequence[Session], ctx: Context) -> str:
    return timefmt.join([_title(s, ctx) for s in sessions], ctx.lang)


def _venue_name(event: Event, session: Session, lang: str) -> str:
    venue = event.venue(session.venue)
    return venue.name.get(lang) if venue else ""


def _session_by_id(event: Event, session_id: str) -> Session | None:
    return next((s for s in event.sessions if s.id == session_id), None)


def _example(event: Event, lang: str) -> str:
    """A session worth following, to show how: the first panel or plenary, by its shortest name."""
    ordered = schedule.ordered(event)
    session = next((s for s in ordered if s.kind in ("panel", "plenary")), ordered[0])
    return min([session.title.get(lang), *session.aliases.get(lang)], key=len)
