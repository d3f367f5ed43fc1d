"""Exports of the pitch and matchmaking tables for organisers ("pitches", "interests",
"meetings" in the EXPORTERS registry of handlers/organiser/export.py).
Rows carry ids and names, never free-form platform data. Each is about the edition the bot runs
(``uow.edition``); the Chair's summary spans the editions of a series."""

from __future__ import annotations

from typing import Any

from storage.uow import UnitOfWork

Rows = list[dict[str, Any]]

PITCH_COLUMNS = (
    "event",
    "status",
    "slot",
    "starts_at",
    "waitlist_position",
    "provider",
    "delegation_id",
    "title",
    "slides_url",
    "booked_by",
    "booked_at",
    "updated_at",
)
INTEREST_COLUMNS = (
    "event",
    "participant",
    "user",
    "kind",
    "capability",
    "text",
    "visibility",  # who may read a need (issue 15); organisers, who export, read every level
    "carried_from",  # the previous edition's row it was carried over from
    "languages",
    "region",
    "updated_at",
)
MEETING_COLUMNS = (
    "event",
    "id",
    "from",
    "from_user",
    "to",
    "to_user",
    "status",
    "requested_at",
    "decided_at",
)


async def pitch_rows(uow: UnitOfWork) -> Rows:
    return [
        {
            "event": booking.event_id,
            "status": booking.status,
            "slot": slot.number if slot is not None and booking.status == "confirmed" else None,
            "starts_at": slot.starts_at if slot is not None and booking.status == "confirmed" else None,
            "waitlist_position": booking.position,
            "provider": provider.name,
            "delegation_id": provider.delegation_id,
            "title": booking.title,
            "slides_url": booking.slides_url or "",
            "booked_by": booking.booked_by,
            "booked_at": booking.created_at,
            "updated_at": booking.updated_at,
        }
        for booking, provider, slot in await uow.pitches.all_bookings()
        if booking.event_id == uow.edition  # the edition the bot runs (issue 15)
    ]


async def interest_rows(uow: UnitOfWork) -> Rows:
    interests = await uow.matchmaking.all_interests(uow.edition)
    keys = sorted({i.user_key for i in interests})
    names, profiles = await uow.matchmaking.names(keys), await uow.matchmaking.profiles(keys)
    return [
        {
            "event": interest.event_id,
            "participant": names[interest.user_key],
            "user": interest.user_key,
            "kind": interest.kind,
            "capability": interest.capability,
            "text": interest.text,
            "visibility": interest.visibility if interest.kind == "need" else "everyone",
            "carried_from": interest.carried_from,
            "languages": list(profiles[interest.user_key].languages) if interest.user_key in profiles else [],
            "region": profiles[interest.user_key].region if interest.user_key in profiles else "",
            "updated_at": interest.updated_at,
        }
        for interest in interests
    ]


async def meeting_rows(uow: UnitOfWork) -> Rows:
    requests = await uow.matchmaking.all_requests(uow.edition)
    names = await uow.matchmaking.names(sorted({r.from_key for r in requests} | {r.to_key for r in requests}))
    return [
        {
            "event": request.event_id,
            "id": request.id,
            "from": names[request.from_key],
            "from_user": request.from_key,
            "to": names[request.to_key],
            "to_user": request.to_key,
            "status": request.status,
            "requested_at": request.created_at,
            "decided_at": request.decided_at,
        }
        for request in requests
    ]
