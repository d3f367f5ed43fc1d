"""Members, delegations, registrations and pitch bookings written straight to the database, for the agenda,
change-notice and reminder tests (the registration and pitch flows have their own tests)."""

from __future__ import annotations

from service.bootstrap import Bot
from storage.models import Delegation, Registration


async def member(
    bot: Bot,
    user: str,
    *,
    delegation: str | None = None,
    tz: str | None = None,
    platform: str = "console",
) -> int | None:
    """A member of ``platform``, optionally in a (new or existing) delegation; returns the delegation id."""
    now = bot.clock()
    async with bot.uow() as uow:
        row = await uow.members.upsert_seen(platform, user, user.title(), now)
        row.tz = tz
        if delegation is not None:
            found = await uow.registrations.delegation_by_name_key(delegation.lower())
            if found is None:
                found = Delegation(
                    name=delegation, name_key=delegation.lower(), join_code=user, created_at=now
                )
                uow.session.add(found)
                await uow.session.flush()
            row.delegation_id = found.id
        await uow.commit()
        return row.delegation_id


async def register(
    bot: Bot,
    delegation_id: int | None,
    *,
    group: str = "I",
    reception: bool | None = True,
    designation: str = "Minister",
    is_minister: bool = True,
    platform: str = "console",
) -> None:
    """A confirmed registration for the delegation, recorded as made by ``<platform>:reg``."""
    assert delegation_id is not None
    now = bot.clock()
    async with bot.uow() as uow:
        uow.registrations.add(
            Registration(
                delegation_id=delegation_id,
                status="confirmed",
                hod_name="H.E. Someone",
                hod_designation=designation,
                hod_is_minister=is_minister,
                experts=[],
                reception_hod=reception,
                reception_experts=[],
                breakout_group=group,
                contact_email="mission@example.org",
                late=False,
                registered_by=f"{platform}:reg",
                confirmed_at=now,
                updated_at=now,
            )
        )
        await uow.commit()


async def book_pitch(bot: Bot, delegation_id: int | None, slot: int | None) -> None:
    """The delegation's provider in slot ``slot``, or on the waiting list when ``slot`` is None."""
    assert delegation_id is not None
    now, event = bot.clock(), bot.event
    async with bot.uow() as uow:
        await uow.pitches.ensure_event(event.id, event.pitch_slot_times(), now)
        provider = await uow.pitches.provider_of_delegation(delegation_id, now)
        if slot is None:
            await uow.pitches.add_waitlisted(event.id, provider.id, "console:reg", "en", now)
        else:
            row = await uow.pitches.slot(event.id, slot)
            assert row is not None
            await uow.pitches.add_confirmed(event.id, provider.id, row.id, "console:reg", "en", now)
        await uow.commit()
