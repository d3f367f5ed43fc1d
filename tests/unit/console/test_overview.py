"""The overview's figures, counted by grouped queries, equal the same figures counted row by row in Python
over every delegation, registration, profile and booking (withdrawals, regions, a delegation that never
registered, cancelled and waitlisted pitches included)."""

from __future__ import annotations

from collections import Counter
from datetime import datetime

from sqlalchemy import select, update

from bot.event import Event
from handlers.organiser.overview import NO_REGION, Overview, overview
from service.bootstrap import Bot
from storage.models import Delegation, MatchProfile, Member, PitchBooking, Registration
from storage.uow import UnitOfWork
from tests.conftest import MutableClock
from tests.e2e.console.seed import seed, seed_pitches

REGIONS = ("Africa", "", "Asia-Pacific", "")  # three members a delegation: first ones differ


async def _varied(uow: UnitOfWork, event: Event, now: datetime) -> None:
    ids = await seed(uow, now, delegations=24, members_each=3)
    await seed_pitches(uow, event, ids[:20], now)
    await uow.registrations.create_delegation("Never registered", "never registered", lambda: "CNEVER01", now)
    await uow.session.execute(
        update(Registration).where(Registration.delegation_id.in_(ids[::5])).values(status="withdrawn")
    )
    await uow.session.execute(
        update(PitchBooking).where(PitchBooking.provider_id % 4 == 0).values(status="cancelled")
    )
    for n, member in enumerate(await uow.session.scalars(select(Member).order_by(Member.id))):
        # Members of a delegation may disagree: the first one who gave a region counts. The last
        # delegation's members gave none.
        if member.delegation_id == ids[-1]:
            continue
        region = REGIONS[n % len(REGIONS)]
        uow.session.add(
            MatchProfile(user_key=f"{member.platform}:{member.user_id}", region=region, updated_at=now)
        )
    await uow.session.flush()


async def _counted_row_by_row(uow: UnitOfWork, event: Event) -> dict[str, object]:
    delegations = list(await uow.session.scalars(select(Delegation)))
    registrations = list(await uow.session.scalars(select(Registration)))
    confirmed = [r for r in registrations if r.status == "confirmed"]
    regions: dict[int, str] = {}
    profiles = {p.user_key: p.region for p in await uow.session.scalars(select(MatchProfile))}
    for member in await uow.session.scalars(select(Member).order_by(Member.id)):
        region = profiles.get(f"{member.platform}:{member.user_id}", "")
        if member.delegation_id is not None and region:
            regions.setdefault(member.delegation_id, region)
    lines = await uow.pitches.run_of_show(event.id)
    return {
        "delegations": len(delegations),
        "registered": len(confirmed),
        "late": sum(r.late for r in confirmed),
        "withdrawn": len(registrations) - len(confirmed),
        "regions": dict(sorted(Counter(regions.get(r.delegation_id, NO_REGION) for r in confirmed).items())),
        "reception_hods": sum(bool(r.reception_hod) for r in confirmed),
        "reception_experts": sum(len(r.reception_experts) for r in confirmed),
        "breakout": dict(sorted(Counter(r.breakout_group for r in confirmed).items())),
        "slots_total": len(lines),
        "slots_filled": sum(line.booking is not None for line in lines),
        "waitlist": len(await uow.pitches.waitlist(event.id)),
        "days": len({event.local(r.confirmed_at).date() for r in confirmed}),
    }


def _figures(found: Overview) -> dict[str, object]:
    names = ("delegations", "registered", "late", "withdrawn", "regions", "reception_hods")
    more = ("reception_experts", "breakout", "slots_total", "slots_filled", "waitlist")
    return {
        **{name: getattr(found, name) for name in (*names, *more)},
        "days": len(found.registrations_by_day),
    }


async def test_grouped_figures_equal_a_count_row_by_row(bot: Bot, event: Event, clock: MutableClock) -> None:
    async with bot.uow() as uow:
        await _varied(uow, event, clock())
        await uow.commit()
    async with bot.uow() as uow:
        found = await overview(uow, event)
        expected = await _counted_row_by_row(uow, event)
    assert _figures(found) == expected
    assert found.registered == found.registrations_by_day[-1][1]
    assert 0 < found.slots_filled < found.slots_total and found.waitlist > 0 and found.withdrawn > 0
    assert set(found.regions) == {"Africa", "Asia-Pacific", NO_REGION}


async def test_an_empty_event_counts_zero_everywhere(bot: Bot, event: Event) -> None:
    async with bot.uow() as uow:
        found = await overview(uow, event)
    assert (found.delegations, found.registered, found.withdrawn, found.waitlist) == (0, 0, 0, 0)
    assert found.regions == {} and found.breakout == {} and found.registrations_by_day == []
    assert (found.reception_hods, found.reception_experts, found.slots_filled) == (0, 0, 0)
