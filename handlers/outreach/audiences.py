"""Audience name → recipients, computed when a reminder or broadcast fires (never stored in advance).

Each audience reads other features' repositories; ``params`` tells a recipient what they still have to do
("missing": registration, Head of Delegation's designation, reception RSVP, pitch).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from storage.models import Delegation, Member, Registration
from storage.uow import UnitOfWork


@dataclass(frozen=True, slots=True)
class Recipient:
    key: str
    platform: str
    language: str | None
    tz: str | None
    reminders_enabled: bool
    params: dict[str, Any] = field(default_factory=dict)


Finder = Callable[[UnitOfWork, str], Awaitable[list[Recipient]]]  # (uow, event id)


def _recipients(members: Iterable[Member], params: dict[str, Any] | None = None) -> list[Recipient]:
    seen: dict[str, Recipient] = {}
    for m in members:
        seen.setdefault(
            m.key, Recipient(m.key, m.platform, m.language, m.tz, m.reminders_enabled, dict(params or {}))
        )
    return list(seen.values())


def as_recipients(members: Iterable[Member]) -> list[Recipient]:
    """Members as recipients, each once: for audiences that other features compute (handlers/attendance)."""
    return _recipients(members)


async def _members_of(uow: UnitOfWork, rows: Iterable[tuple[Registration, Delegation]]) -> list[Member]:
    return await uow.registrations.members_of([delegation.id for _, delegation in rows])


async def everyone(uow: UnitOfWork, event_id: str) -> list[Recipient]:
    return _recipients(await uow.members.all())


async def unregistered(uow: UnitOfWork, event_id: str) -> list[Recipient]:
    members = await uow.registrations.members_without_confirmed_registration()
    return _recipients(members, {"missing": ["registration"]})


def _missing(registration: Registration) -> list[str]:
    missing = ["hod_designation"] if not registration.hod_designation else []
    return [*missing, "reception_rsvp"] if registration.reception_hod is None else missing


async def incomplete(uow: UnitOfWork, event_id: str) -> list[Recipient]:
    recipients: list[Recipient] = []
    for registration, delegation in await uow.registrations.incomplete_registrations():
        members = await uow.registrations.members_of([delegation.id])
        recipients.extend(_recipients(members, {"missing": _missing(registration)}))
    return recipients


async def registered(uow: UnitOfWork, event_id: str) -> list[Recipient]:
    delegations = await uow.registrations.registered_delegations()
    return _recipients(await uow.registrations.members_of([d.id for d in delegations]))


async def heads_of_delegation(uow: UnitOfWork, event_id: str) -> list[Recipient]:
    """The bot knows no platform identity for a Head of Delegation; it reaches whoever registered each
    delegation (their focal point), who can pass the message on."""
    keys = {registration.registered_by for registration, _ in await uow.registrations.heads_of_delegation()}
    members = [m for m in await uow.registrations.members_of(await _registered_ids(uow)) if m.key in keys]
    return _recipients(members)


async def _registered_ids(uow: UnitOfWork) -> list[int]:
    return [d.id for d in await uow.registrations.registered_delegations()]


def breakout_group(group: str) -> Finder:
    async def finder(uow: UnitOfWork, event_id: str) -> list[Recipient]:
        return _recipients(await _members_of(uow, await uow.registrations.by_breakout_group(group)))

    return finder


async def _provider_members(uow: UnitOfWork, provider_ids: Iterable[int]) -> list[Member]:
    """Whoever owns each provider, and the members of its delegation."""
    members: list[Member] = []
    for provider_id in provider_ids:
        provider = await uow.pitches.provider(provider_id)
        if provider is None:
            continue
        if provider.delegation_id is not None:
            members.extend(await uow.registrations.members_of([provider.delegation_id]))
        if provider.owner_key and (owner := await uow.members.get_by_key(provider.owner_key)):
            members.append(owner)
    return members


async def pitch_providers(uow: UnitOfWork, event_id: str) -> list[Recipient]:
    lines = await uow.pitches.run_of_show(event_id)
    return _recipients(await _provider_members(uow, [ln.provider.id for ln in lines if ln.provider]))


async def waitlisted(uow: UnitOfWork, event_id: str) -> list[Recipient]:
    bookings = await uow.pitches.waitlist(event_id)
    return _recipients(await _provider_members(uow, [b.provider_id for b in bookings]))


async def providers_without_pitch(uow: UnitOfWork, event_id: str) -> list[Recipient]:
    """Providers who started a pitch sign-up (named themselves) but hold no slot nor a waiting place."""
    provider_ids = await uow.outbox.providers_without_booking(event_id)
    return _recipients(await _provider_members(uow, provider_ids), {"missing": ["pitch"]})


def pitch_slot(number: int) -> Finder:
    """The provider presenting in slot ``number`` now (for the 15-minute cue)."""

    async def finder(uow: UnitOfWork, event_id: str) -> list[Recipient]:
        slot = await uow.pitches.slot(event_id, number)
        booking = await uow.pitches.confirmed_in(slot.id) if slot else None
        return _recipients(await _provider_members(uow, [booking.provider_id] if booking else []))

    return finder


AUDIENCES: dict[str, Finder] = {
    "everyone": everyone,
    "unregistered-delegations": unregistered,
    "incomplete-registrations": incomplete,
    "registered": registered,
    "heads-of-delegation": heads_of_delegation,
    "breakout-I": breakout_group("I"),
    "breakout-II": breakout_group("II"),
    "pitch-providers": pitch_providers,
    "waitlisted": waitlisted,
    "providers-without-pitch": providers_without_pitch,
}
PITCH_SLOT = "pitch-slot-"  # + slot number: the audience of one slot's cue, not offered to organisers
# Names an organiser may type for each audience (any language the bot speaks).
ALIASES: dict[str, str] = {
    "all": "everyone",
    "tous": "everyone",
    "todos": "everyone",
    "unregistered": "unregistered-delegations",
    "incomplete": "incomplete-registrations",
    "hod": "heads-of-delegation",
    "heads": "heads-of-delegation",
    "breakout-i": "breakout-I",
    "breakout-1": "breakout-I",
    "group-i": "breakout-I",
    "breakout-ii": "breakout-II",
    "breakout-2": "breakout-II",
    "group-ii": "breakout-II",
    "providers": "pitch-providers",
    "pitches": "pitch-providers",
    "waitlist": "waitlisted",
}


def resolve(name: str) -> str | None:
    """The audience's canonical name, or None if nobody by that name exists."""
    cleaned = "-".join(name.strip().split()).strip(":")
    if cleaned in AUDIENCES:
        return cleaned
    lowered = cleaned.lower()
    canonical = ALIASES.get(lowered) or next((a for a in AUDIENCES if a.lower() == lowered), None)
    return canonical if canonical in AUDIENCES else None


def known(audience: str) -> bool:
    return audience in AUDIENCES or (
        audience.startswith(PITCH_SLOT) and audience[len(PITCH_SLOT) :].isdigit()
    )


async def recipients(uow: UnitOfWork, audience: str, event_id: str) -> list[Recipient]:
    if audience.startswith(PITCH_SLOT):
        return await pitch_slot(int(audience[len(PITCH_SLOT) :]))(uow, event_id)
    return await AUDIENCES[audience](uow, event_id)
