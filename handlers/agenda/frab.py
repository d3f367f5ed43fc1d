"""The programme as a frab/Pentabarf schedule JSON (the c3voc ``schedule.json`` that pretalx exports at
``/schedule/export/schedule.json``), which conference apps and recording tools import, beside the .ics.

Offered as `programme json` in chat, ``/organiser/exports/programme.json`` on `serve` and
``roundtable-bot export frab``. Everything in it comes from the event file, in one language:

- guid: uuid5 of the event and session ids, so a re-export updates rather than duplicates; id: an integer
  drawn from the guid (stable when sessions are added or reordered, unlike a position).
- A session without a stated end (the welcome reception) gets duration "00:00", as in the .ics where a
  DTSTART alone is an instant (RFC 5545); its description says the end is unannounced, so no length is
  invented. A session without a venue is in a room named "venue not announced" in the export's language.
- No "end" key: the schema's newer field is rejected by validators of its earlier versions, while
  "duration" (still required) says the same to every reader.
- url: the event file gives no page per session, so a ``urn:uuid:`` names the session instead of a link
  that does not exist. persons stay empty: hosts are written as titles, not names, and go in description.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from datetime import date, datetime, time, timedelta
from importlib import metadata
from typing import Any

from bot.context import Context
from bot.event import Event, Session, Venue
from bot.i18n import translate
from bot.messages import Attachment, InboundMessage, Reply
from handlers.faq import schedule
from handlers.shared import timefmt

SCHEMA_URL = "https://c3voc.de/schedule/schema.json"
MEDIA_TYPE = "application/json"
GENERATOR = "roundtable-bot"
TIMESLOT = "00:05"  # the grid conference apps draw; pretalx writes the same
WORDS = (
    *("programme json", "program json", "schedule json", "agenda json", "frab", "programme frab"),
    *("programa json", "программа json", "расписание json", "البرنامج json", "日程 json", "议程 json"),
)
_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:roundtable-bot:frab-schedule")
_UNKNOWN_END = timedelta(0)

Document = dict[str, Any]


# --- the chat command and the agenda card's button


async def handle(msg: InboundMessage, ctx: Context) -> Reply:
    return reply(ctx)


def reply(ctx: Context) -> Reply:
    content = schedule_file(ctx.event, ctx.lang)
    attachment = Attachment(f"{ctx.event.id}-schedule.json", content, MEDIA_TYPE)
    zone = timefmt.zone_name(ctx.event.first_start, ctx.lang)
    text = ctx.t("agenda.frab_ready", count=len(ctx.event.sessions), zone=zone)
    return Reply(text, attachments=(attachment,), lang=ctx.lang)


# --- the document


def schedule_file(event: Event, lang: str) -> bytes:
    return json.dumps(schedule_document(event, lang), ensure_ascii=False, indent=2).encode("utf-8")


def schedule_document(event: Event, lang: str) -> Document:
    sessions = schedule.ordered(event)
    first, last = _local_date(event, sessions[0]), max(_local_date(event, s) for s in sessions)
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    conference = {
        "acronym": acronym(event.id),
        "title": event.names["long"].get(lang),
        "description": event.about.get(lang),
        "start": first.isoformat(),
        "end": last.isoformat(),
        "daysCount": len(days),
        "timeslot_duration": TIMESLOT,
        "time_zone_name": event.timezone,
        "rooms": [{"name": name, "guid": str(guid)} for name, guid in _rooms(event, sessions, lang)],
        "days": [_day(event, index, day, lang) for index, day in enumerate(days, start=1)],
    }
    return {
        "$schema": SCHEMA_URL,
        "generator": {"name": GENERATOR, "version": _generator_version()},
        "schedule": {"version": programme_version(event), "conference": conference},
    }


def session_guid(event: Event, session: Session) -> uuid.UUID:
    return uuid.uuid5(_NAMESPACE, f"{event.id}/session/{session.id}")


def session_number(event: Event, session: Session) -> int:
    """A positive integer below 2**31 (apps keep it in an int32), from the guid: stable like it."""
    return session_guid(event, session).int % (2**31 - 1) + 1


def acronym(event_id: str) -> str:
    """The schema allows lower-case letters, digits and underscores after the first character."""
    kept = "".join(ch if ch.isascii() and (ch.isalnum() or ch == "_") else "_" for ch in event_id.lower())
    return kept.ljust(4, "_")


def programme_version(event: Event) -> str:
    """Changes exactly when the programme does (sessions, venues, names), so importers see an update."""
    programme = event.model_dump_json(include={"names", "timezone", "venues", "sessions"})
    return hashlib.sha256(programme.encode()).hexdigest()[:12]


def duration_text(length: timedelta) -> str:
    """frab's "H:MM" duration (hours may pass 24); no date library writes a length in this form."""
    hours, minutes = divmod(int(length.total_seconds()) // 60, 60)
    return f"{hours:02d}:{minutes:02d}"


# --- parts


def _day(event: Event, index: int, day: date, lang: str) -> Document:
    sessions = schedule.on_day(event, day)
    if sessions:
        start = min(event.starts_at(s) for s in sessions)
        end = max(_end(event, s) for s in sessions)
    else:  # a day with nothing on it, between two that have sessions: the whole day, midnight to midnight
        start = datetime.combine(day, time.min, tzinfo=event.zone)
        end = datetime.combine(day + timedelta(days=1), time.min, tzinfo=event.zone)
    rooms: dict[str, list[Document]] = {}
    for session in sessions:
        room = _room_name(event.venue(session.venue), lang)
        rooms.setdefault(room, []).append(_entry(event, session, room, lang))
    return {
        "index": index,
        "date": day.isoformat(),
        "day_start": start.isoformat(),
        "day_end": end.isoformat(),
        "rooms": rooms,
    }


def _entry(event: Event, session: Session, room: str, lang: str) -> Document:
    guid = session_guid(event, session)
    start = event.starts_at(session)
    return {
        "guid": str(guid),
        "id": session_number(event, session),
        "date": start.isoformat(),
        "start": start.time().isoformat(timespec="minutes"),
        "duration": duration_text(_end(event, session) - start),
        "room": room,
        "slug": f"{acronym(event.id)}-{_slug(session.id)}",
        "url": guid.urn,
        "title": session.title.get(lang),
        "subtitle": "",
        "track": None,
        "type": session.kind,
        "language": lang,
        "abstract": session.description.get(lang) if session.description else None,
        "description": _details(session, lang) or None,
        "recording_license": "",
        "do_not_record": None,  # the event file says nothing about recording
        "persons": [],
        "links": [],
        "attachments": [],
    }


def _details(session: Session, lang: str) -> str:
    """Audience, host and questions, and why a duration is 00:00."""
    parts = []
    if session.audience:
        parts.append(translate(lang, "agenda.frab.audience", audience=session.audience.get(lang)))
    if session.host:
        parts.append(translate(lang, "agenda.frab.host", host=session.host.get(lang)))
    questions = session.questions.get(lang) or session.questions.get("en", [])
    parts.extend(f"• {question}" for question in questions)
    if session.end is None:
        parts.append(translate(lang, "agenda.frab.no_end"))
    return "\n\n".join(parts)


def _rooms(event: Event, sessions: list[Session], lang: str) -> list[tuple[str, uuid.UUID]]:
    """Each venue the programme uses, in order of first use."""
    venues = {session.venue: event.venue(session.venue) for session in sessions}
    return [
        (_room_name(venue, lang), uuid.uuid5(_NAMESPACE, f"{event.id}/venue/{venue_id or ''}"))
        for venue_id, venue in venues.items()
    ]


def _room_name(venue: Venue | None, lang: str) -> str:
    return venue.name.get(lang) if venue else translate(lang, "agenda.frab.no_venue")


def _end(event: Event, session: Session) -> datetime:
    return event.ends_at(session) or event.starts_at(session) + _UNKNOWN_END


def _local_date(event: Event, session: Session) -> date:
    return event.starts_at(session).date()


def _slug(text: str) -> str:
    return (
        "".join(ch if ch.isascii() and ch.isalnum() else "-" for ch in text.lower()).strip("-") or "session"
    )


def _generator_version() -> str:
    try:
        return metadata.version(GENERATOR)
    except metadata.PackageNotFoundError:  # run from a source tree that was never installed
        return "0+unknown"
