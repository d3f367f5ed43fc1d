"""Delegations, registrations, members, a join request, pitches and interests for the console's tests and
its bench (bench/console.py), written through the repositories and models like the handlers write them."""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import partial

from sqlalchemy import update

from bot.event import Event
from handlers.shared.kinds import CampaignKind
from storage.models import Interest, Member, OutboxItem, Registration
from storage.outbox import NewRecipient
from storage.uow import UnitOfWork

REQUESTER = "slack:UREQ"
CAPABILITIES = (
    "policies-regulations",
    "processes-structures",
    "technology",
    "people-skills",
    "partnerships-networks",
)


def member(platform: str, user_id: str, now: datetime, delegation_id: int | None = None) -> Member:
    return Member(
        platform=platform,
        user_id=user_id,
        display_name=f"Person {user_id}",
        delegation_id=delegation_id,
        created_at=now,
        last_seen_at=now,
    )


def join_code(number: int) -> str:
    return f"C{number:07d}"


async def seed(
    uow: UnitOfWork, now: datetime, *, delegations: int = 6, members_each: int = 2, late_every: int = 3
) -> list[int]:
    """``delegations`` registered delegations (every ``late_every``-th late, alternating breakout groups,
    Heads of Delegation and an expert at the reception on every other one), each with ``members_each``
    Slack members; returns the delegations' ids."""
    ids = []
    for n in range(delegations):
        name = f"Delegation {n:03d}"
        delegation = await uow.registrations.create_delegation(name, name.lower(), partial(join_code, n), now)
        assert delegation is not None
        ids.append(delegation.id)
        uow.registrations.add(
            Registration(
                delegation_id=delegation.id,
                status="confirmed",
                hod_name=f"Head {n}",
                hod_designation="Ambassador",
                experts=[{"name": f"Expert {n}", "designation": "Adviser"}],
                reception_hod=n % 2 == 0,
                reception_experts=[f"Expert {n}"] if n % 2 == 0 else [],
                breakout_group="I" if n % 2 == 0 else "II",
                contact_email=f"focal{n}@example.org",
                late=late_every > 0 and n % late_every == late_every - 1,
                registered_by=f"slack:U{n:03d}00",
                confirmed_at=now - timedelta(days=delegations - n),
                updated_at=now,
            )
        )
        for m in range(members_each):
            uow.session.add(member("slack", f"U{n:03d}{m:02d}", now, delegation.id))
    await uow.session.flush()
    return ids


async def seed_join_request(uow: UnitOfWork, delegation_id: int, now: datetime) -> int:
    uow.session.add(member("slack", REQUESTER.partition(":")[2], now))
    await uow.registrations.request_to_join(delegation_id, REQUESTER, "Requester", "Delegation 000", now)
    pending = await uow.registrations.join_requests("pending")
    return pending[-1][0].id


def interests(event_id: str, user_keys: list[str], now: datetime) -> list[Interest]:
    return [
        Interest(
            event_id=event_id,
            user_key=key,
            kind="need" if i % 3 else "offer",
            capability=CAPABILITIES[i % len(CAPABILITIES)],
            text="Training for CERT staff",
            updated_at=now,
        )
        for i, key in enumerate(user_keys)
    ]


async def seed_pitches(uow: UnitOfWork, event: Event, delegation_ids: list[int], now: datetime) -> None:
    """One pitch per delegation given: the slots filled in order, the rest on the waitlist."""
    await uow.pitches.ensure_event(event.id, event.pitch_slot_times(), now)
    slots = await uow.pitches.slots(event.id)
    for n, delegation_id in enumerate(delegation_ids):
        provider = await uow.pitches.provider_of_delegation(delegation_id, now)
        booked_by = f"slack:U{n:03d}00"
        if n < len(slots):
            await uow.pitches.add_confirmed(event.id, provider.id, slots[n].id, booked_by, "en", now)
        else:
            await uow.pitches.add_waitlisted(event.id, provider.id, booked_by, "en", now)


async def seed_outbox(uow: UnitOfWork, campaigns: int, each: int, now: datetime) -> None:
    """``campaigns`` broadcasts of ``each`` rows: a third sent, a third pending, the rest retrying."""
    for c in range(campaigns):
        campaign_id = await uow.outbox.create_campaign(
            f"broadcast:bench-{c}", CampaignKind.BROADCAST, "everyone", now, now, "bench", text="Hello"
        )
        assert campaign_id is not None
        rows = [NewRecipient(f"slack:B{c}-{n}", "slack", now, {}) for n in range(each)]
        await uow.outbox.add_recipients(campaign_id, rows)
        await uow.session.execute(
            update(OutboxItem)
            .where(OutboxItem.campaign_id == campaign_id, OutboxItem.id % 3 == 0)
            .values(status="sent", attempts=1, sent_at=now)
        )
        await uow.session.execute(
            update(OutboxItem)
            .where(OutboxItem.campaign_id == campaign_id, OutboxItem.id % 3 == 1)
            .values(attempts=1)
        )
