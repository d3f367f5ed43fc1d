"""Change notices and "starting now" cues, sent through the campaign/outbox machinery (service/scheduler.py).

Change notices. The programme as last applied is kept in the database (event_snapshot). Applying an event
file compares its sessions with that snapshot — start, end and venue changed, session added or removed —
moves pitch slots whose times changed, stores the new snapshot and creates one campaign per change. The
campaign's rule key names the session, the snapshot revision and a digest of the old and new values, so a
change is told once however many instances (or the CLI) apply the same file. Its audience is computed when
it fans out (handlers/agenda/attendance.py): who attends the session and who follows it; a moved
pitch slot is told to the provider presenting in it. Each recipient reads the notice in their own language.

"Starting now". At each session's start, a cue to whoever follows it; like the other cues it respects
`remind off` and quiet hours (one that would wait past the start is skipped: "starting now" is then wrong).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from bot.event import Event, Session
from bot.i18n import translate
from bot.messages import Reply
from handlers.agenda.attendance import followers_audience, session_audience
from handlers.outreach import audiences
from handlers.shared import timefmt
from handlers.shared.kinds import CampaignKind
from storage.uow import UnitOfWork

SYSTEM = "system:event-reload"
COMPARED = ("start", "end", "venue", "venue_name")  # what a change notice is about
START_WINDOW = timedelta(minutes=10)  # a "starting now" cue later than this is not sent at all

Snapshot = dict[str, dict[str, Any]]  # session id → its values as last applied


@dataclass(frozen=True, slots=True)
class SessionChange:
    session_id: str
    before: dict[str, Any] | None  # None: the session is new
    after: dict[str, Any] | None  # None: the session was taken off the programme

    @property
    def what(self) -> str:
        return "added" if self.before is None else "removed" if self.after is None else "changed"


@dataclass(frozen=True, slots=True)
class Applied:
    revision: int
    changes: list[SessionChange]
    moved_slots: list[int]
    campaigns: list[int]


# --- the programme's values and what changed


def snapshot_of(event: Event) -> Snapshot:
    return {session.id: _values(event, session) for session in event.sessions}


def _values(event: Event, session: Session) -> dict[str, Any]:
    venue = event.venue(session.venue)
    end = event.ends_at(session)
    return {
        "start": event.starts_at(session).isoformat(),
        "end": end.isoformat() if end else None,
        "venue": session.venue,
        # English only: adding a translation of a venue's name is not a change of venue.
        "venue_name": venue.name.get("en") if venue else None,
        "venue_names": venue.name.root if venue else None,
        "title": session.title.root,
        "kind": session.kind,
        "group": session.group,
    }


def diff(before: Snapshot, after: Snapshot) -> list[SessionChange]:
    """Sessions whose start, end or venue changed, new sessions and removed ones, in programme order."""
    changes = [
        SessionChange(sid, before.get(sid), values)
        for sid, values in after.items()
        if sid not in before or any(before[sid].get(k) != values.get(k) for k in COMPARED)
    ]
    changes += [SessionChange(sid, values, None) for sid, values in before.items() if sid not in after]
    return changes


def _digest(*values: Any) -> str:
    return hashlib.sha256(json.dumps(values, sort_keys=True, default=str).encode()).hexdigest()[:12]


# --- applying an event file


async def apply_event(uow: UnitOfWork, baseline: Event, event: Event, now: datetime) -> Applied:
    """Compares ``event`` with the stored snapshot (``baseline``'s programme when none is stored yet),
    moves pitch slots, stores the new snapshot and queues one notice campaign per change. The caller
    commits."""
    stored = await uow.agenda.snapshot(event.id)
    old, revision = (stored.sessions, stored.revision) if stored else (snapshot_of(baseline), 0)
    new = snapshot_of(event)
    changes = diff(old, new)
    moved = await uow.pitches.retime_slots(event.id, event.pitch_slot_times())
    if stored is not None and new == old and not moved:
        return Applied(revision, [], [], [])
    revision += 1
    await uow.agenda.save_snapshot(event.id, new, revision, now)  # False: another instance got there first
    campaigns = [await _change_campaign(uow, change, revision, now) for change in changes]
    campaigns += [await _slot_campaign(uow, event, slot, revision, now) for slot in moved]
    created = [c for c in campaigns if c is not None]
    return Applied(revision, changes, [number for number, _, _ in moved], created)


async def _change_campaign(
    uow: UnitOfWork, change: SessionChange, revision: int, now: datetime
) -> int | None:
    values = change.after or change.before or {}
    params = {
        "session": change.session_id,
        "what": change.what,
        "kind": values.get("kind"),
        "group": values.get("group"),
        "before": change.before,
        "after": change.after,
    }
    key = f"change:{change.session_id}:{revision}:{_digest(change.before, change.after)}"
    audience = session_audience(change.session_id)
    return await uow.outbox.create_campaign(
        key, CampaignKind.CHANGE, audience, now, now, SYSTEM, params=params
    )


async def _slot_campaign(
    uow: UnitOfWork, event: Event, moved: tuple[int, datetime, datetime], revision: int, now: datetime
) -> int | None:
    number, old_start, old_end = moved
    new_start, new_end = event.pitch_slot_times()[number - 1]
    before = {"start": old_start.isoformat(), "end": old_end.isoformat()}
    after = {"start": new_start.isoformat(), "end": new_end.isoformat()}
    params = {"slot": number, "what": "slot", "before": before, "after": after}
    key = f"change:pitch-slot:{number}:{revision}:{_digest(before, after)}"
    audience = f"{audiences.PITCH_SLOT}{number}"
    return await uow.outbox.create_campaign(
        key, CampaignKind.CHANGE, audience, now, now, SYSTEM, params=params
    )


# --- what a recipient reads


def render_change(event: Event, params: dict[str, Any], lang: str) -> Reply:
    """'The Signature Panel now starts at 11:30 AM EDT (was 11:00 AM).' in the recipient's language."""
    lines = [translate(lang, "agenda.change.intro"), *_change_lines(event, params, lang)]
    lines.append(translate(lang, "agenda.change.footer"))
    return Reply("\n".join(lines), lang=lang)


def _change_lines(event: Event, params: dict[str, Any], lang: str) -> list[str]:
    before, after, what = params.get("before") or {}, params.get("after") or {}, params.get("what")
    if what == "slot":
        new, old = (
            _span(event, after, lang, with_day=False),
            _span(event, before, lang, with_day=False, zone=False),
        )
        return [translate(lang, "agenda.change.slot", slot=params["slot"], new=new, old=old)]
    title = _text(after.get("title") or before.get("title"), lang)
    if what == "added":
        return [translate(lang, "agenda.change.added", title=title, when=_span(event, after, lang))]
    if what == "removed":
        return [translate(lang, "agenda.change.removed", title=title, when=_span(event, before, lang))]
    lines = []
    if before.get("start") != after.get("start"):
        new, old = _moment_pair(event, before, after, lang, key="start")
        lines.append(translate(lang, "agenda.change.start", title=title, new=new, old=old))
    if before.get("end") != after.get("end") and after.get("end"):
        new, old = _moment_pair(event, before, after, lang, key="end")
        lines.append(translate(lang, "agenda.change.end", title=title, new=new, old=old))
    if (before.get("venue"), before.get("venue_name")) != (after.get("venue"), after.get("venue_name")):
        new_place, old_place = _place(after, lang), _place(before, lang)
        lines.append(translate(lang, "agenda.change.venue", title=title, new=new_place, old=old_place))
    return lines


def _moment_pair(
    event: Event, before: dict[str, Any], after: dict[str, Any], lang: str, key: str
) -> tuple[str, str]:
    """New and old times: the day only when it changed, the zone on the new one ('11:30 AM EDT')."""
    new = event.local(datetime.fromisoformat(after[key]))
    old_value = before.get(key)
    if not old_value:
        return f"{timefmt.clock(new, lang)} {timefmt.zone_name(new, lang)}", "—"
    old = event.local(datetime.fromisoformat(old_value))
    new_text, old_text = (
        f"{timefmt.clock(new, lang)} {timefmt.zone_name(new, lang)}",
        timefmt.clock(old, lang),
    )
    if new.date() != old.date():
        comma = timefmt.clause_comma(lang)
        new_text += comma + timefmt.day(new, lang)
        old_text += comma + timefmt.day(old, lang)
    return new_text, old_text


def _span(event: Event, values: dict[str, Any], lang: str, with_day: bool = True, zone: bool = True) -> str:
    start = event.local(datetime.fromisoformat(values["start"]))
    end = event.local(datetime.fromisoformat(values["end"])) if values.get("end") else None
    if with_day:
        return timefmt.time_range(start, end, lang, event.zone)
    hours = timefmt.hours(start, end, lang)
    return f"{hours} {timefmt.zone_name(start, lang)}" if zone else hours


def _place(values: dict[str, Any], lang: str) -> str:
    names = values.get("venue_names")
    return _text(names, lang) if names else translate(lang, "agenda.venue_unknown")


def _text(by_lang: dict[str, str] | None, lang: str) -> str:
    by_lang = by_lang or {}
    return by_lang.get(lang) or by_lang.get("en") or ""


# --- "starting now" for sessions a user follows


async def plan_start_cues(uow: UnitOfWork, event: Event, now: datetime, created_by: str) -> list[int]:
    """A campaign for each followed session that started within the last few minutes (once per start:
    a session moved to a new time gets a new cue)."""
    starting = [s for s in event.sessions if event.starts_at(s) <= now < event.starts_at(s) + START_WINDOW]
    if not starting:
        return []
    followed = await uow.agenda.followed_sessions(event.id, [s.id for s in starting])
    created = []
    for session in (s for s in starting if s.id in followed):
        start = event.starts_at(session)
        params = {"session": session.id, "starts_at": start.isoformat(), **_values(event, session)}
        key = f"start:{session.id}:{start.isoformat()}"
        campaign_id = await uow.outbox.create_campaign(
            key, CampaignKind.START, followers_audience(session.id), start, now, created_by, params=params
        )
        if campaign_id is not None:
            created.append(campaign_id)
    return created


async def next_start_cue_at(uow: UnitOfWork, event: Event, now: datetime) -> datetime | None:
    """When the next followed session starts (the scheduler wakes then)."""
    upcoming = [s for s in event.sessions if event.starts_at(s) > now]
    followed = await uow.agenda.followed_sessions(event.id, [s.id for s in upcoming]) if upcoming else set()
    return min((event.starts_at(s) for s in upcoming if s.id in followed), default=None)


def render_start(event: Event, params: dict[str, Any], lang: str) -> Reply:
    title = _text(params.get("title"), lang)
    names = params.get("venue_names")
    where = f" — {_text(names, lang)}" if names else ""
    lines = [
        translate(lang, "agenda.start.now", title=title, where=where),
        translate(lang, "agenda.start.footer"),
    ]
    return Reply("\n".join(lines), lang=lang)
