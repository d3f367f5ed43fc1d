"""Who attends what: the sessions on one user's agenda, and the people a session concerns.

A user attends the reception if their delegation's registration says someone goes (the Head of
Delegation or an expert), their delegation's breakout group, the matchmaking session if their delegation
(or the organisation they named) holds a pitch slot or a waiting place, and every session they follow.
The same rules, read the other way, give the audience of a change notice ("session:<id>", the campaign's
params naming the session's kind and group) and of a "starting now" cue ("followers:<id>").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from bot.event import Event
from bot.messages import UserRef
from handlers.outreach import audiences
from handlers.outreach.audiences import Recipient
from storage.models import Registration
from storage.uow import UnitOfWork

SESSION = "session:"  # + session id: everyone a change to that session concerns
FOLLOWERS = "followers:"  # + session id: who follows it (the "starting now" cue)
AUDIENCE_LIMIT = 60  # the campaign table's audience column


@dataclass(frozen=True, slots=True)
class Reason:
    """Why a session is on someone's agenda: a message id of the agenda domain and its parameters."""

    message_id: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class PitchPlace:
    """The user's pitch: a slot (number and times) or a place on the waiting list."""

    number: int | None = None
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    position: int | None = None


@dataclass
class Attendance:
    reasons: dict[str, list[Reason]] = field(default_factory=dict)  # session id → why, in event order
    followed: set[str] = field(default_factory=set)
    pitch: PitchPlace | None = None

    def add(self, session_id: str, reason: Reason) -> None:
        self.reasons.setdefault(session_id, []).append(reason)


def goes_to_reception(registration: Registration) -> bool:
    return bool(registration.reception_hod) or bool(registration.reception_experts)


async def attendance_of(uow: UnitOfWork, event: Event, user: UserRef) -> Attendance:
    """What is on ``user``'s agenda, and why, read in one unit of work."""
    found = Attendance()
    member = await uow.members.get(user.platform, user.user_id)
    delegation_id = member.delegation_id if member is not None else None
    registration = await uow.registrations.of_delegation(delegation_id) if delegation_id else None
    if registration is not None and registration.status == "confirmed":
        _from_registration(found, event, registration)
    pitch = await uow.agenda.pitch_of(event.id, delegation_id, user.key)
    if pitch is not None:
        booking, slot = pitch
        if slot is not None:
            found.pitch = PitchPlace(slot.number, slot.starts_at, slot.ends_at)
            found.add(event.matchmaking.session, Reason("agenda.reason.pitch", {"slot": slot.number}))
        else:
            found.pitch = PitchPlace(position=booking.position)
            found.add(
                event.matchmaking.session, Reason("agenda.reason.waitlist", {"position": booking.position})
            )
    known = {s.id for s in event.sessions}
    for session_id in await uow.agenda.followed(event.id, user.key):
        if session_id in known:  # a session taken off the programme drops out of the agenda
            found.followed.add(session_id)
            found.add(session_id, Reason("agenda.reason.follow"))
    return found


def _from_registration(found: Attendance, event: Event, registration: Registration) -> None:
    for session in event.sessions:
        if session.kind == "reception" and goes_to_reception(registration):
            found.add(session.id, Reason("agenda.reason.reception"))
        if session.kind == "breakout" and session.group == registration.breakout_group:
            found.add(session.id, Reason("agenda.reason.breakout", {"group": session.group}))


# --- audiences of change notices and "starting now" cues


def session_audience(session_id: str) -> str:
    return (SESSION + session_id)[:AUDIENCE_LIMIT]


def followers_audience(session_id: str) -> str:
    return (FOLLOWERS + session_id)[:AUDIENCE_LIMIT]


def known(audience: str) -> bool:
    return audience.startswith((SESSION, FOLLOWERS)) or audiences.known(audience)


async def recipients(
    uow: UnitOfWork, audience: str, event_id: str, params: dict[str, Any] | None = None
) -> list[Recipient]:
    """The campaign's recipients: this module's audiences, else the organisers' (handlers/audiences)."""
    params = params or {}
    if audience.startswith(FOLLOWERS):
        session_id = str(params.get("session") or audience[len(FOLLOWERS) :])
        return audiences.as_recipients(await uow.agenda.followers(event_id, session_id))
    if audience.startswith(SESSION):
        return await concerned(uow, event_id, params)
    return await audiences.recipients(uow, audience, event_id)


async def concerned(uow: UnitOfWork, event_id: str, params: dict[str, Any]) -> list[Recipient]:
    """Everyone a change to the session in ``params`` concerns: its attendees by kind, and its followers."""
    kind, group, session_id = params.get("kind"), params.get("group"), str(params.get("session", ""))
    found: list[Recipient] = []
    if kind == "reception":
        rows = await uow.registrations.heads_of_delegation()
        going = [delegation.id for registration, delegation in rows if goes_to_reception(registration)]
        found += audiences.as_recipients(await uow.registrations.members_of(going))
    elif kind == "breakout" and group:
        rows = await uow.registrations.by_breakout_group(str(group))
        found += audiences.as_recipients(await uow.registrations.members_of([d.id for _, d in rows]))
    elif kind == "matchmaking":
        found += await audiences.pitch_providers(uow, event_id)
        found += await audiences.waitlisted(uow, event_id)
    found += audiences.as_recipients(await uow.agenda.followers(event_id, session_id))
    return list({r.key: r for r in found}.values())
