"""Delegations, their registration and join requests.

Readers for other features (reminder and broadcast audiences, exports) are the methods below the
``# --- audiences`` line; each returns plain rows and never changes anything.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import and_, exists, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Delegation, JoinRequest, Member, Registration
from storage.repositories import Repository

CONFIRMED = "confirmed"
WITHDRAWN = "withdrawn"


class RegistrationRepository(Repository):
    """Delegations are standing (a State across editions); registrations belong to one edition, this
    repository's ``edition`` (the event id): every registration read below is of that edition."""

    def __init__(self, session: AsyncSession, edition: str) -> None:
        super().__init__(session)
        self.edition = edition

    # --- delegations

    async def delegation(self, delegation_id: int) -> Delegation | None:
        return await self.session.get(Delegation, delegation_id)

    async def delegation_by_name_key(self, name_key: str) -> Delegation | None:
        query = select(Delegation).where(Delegation.name_key == name_key)
        return (await self.session.execute(query)).scalar_one_or_none()

    async def delegation_of_state(self, state_code: str, name_keys: Sequence[str]) -> Delegation | None:
        """The State's delegation: by its code, else a row written before codes were stored, found by any
        of the State's names (``name_keys``) — that row is given the code, so the next lookup is direct."""
        query = select(Delegation).where(Delegation.state_code == state_code)
        found = (await self.session.execute(query)).scalar_one_or_none()
        if found is not None or not name_keys:
            return found
        legacy = select(Delegation).where(Delegation.state_code.is_(None), Delegation.name_key.in_(name_keys))
        found = (await self.session.execute(legacy.order_by(Delegation.id))).scalars().first()
        if found is not None:
            found.state_code = state_code
        return found

    async def delegations(self) -> list[Delegation]:
        """Every delegation the bot knows, by name (for "did you mean …?" checks)."""
        return list((await self.session.execute(select(Delegation).order_by(Delegation.name_key))).scalars())

    async def delegation_by_code(self, join_code: str) -> Delegation | None:
        query = select(Delegation).where(Delegation.join_code == join_code)
        return (await self.session.execute(query)).scalar_one_or_none()

    async def create_delegation(
        self,
        name: str,
        name_key: str,
        new_code: Callable[[], str],
        now: datetime,
        state_code: str | None = None,
    ) -> Delegation | None:
        """The new delegation, or None when its name or State is taken (the unique name_key and state_code
        decide, so two people confirming the same new delegation at once cannot both create it). A join
        code clash draws again."""
        for _ in range(5):
            code = new_code()
            values = {"name": name, "name_key": name_key, "join_code": code, "created_at": now}
            statement = (
                self.insert(Delegation).values(**values, state_code=state_code).on_conflict_do_nothing()
            )
            await self.session.execute(statement)
            delegation = await self.delegation_by_name_key(name_key)
            if delegation is not None:
                return delegation if delegation.join_code == code else None
            if state_code is not None and await self.delegation_of_state(state_code, ()):
                return None  # the State is registered under another name
        raise RuntimeError("no free join code after 5 draws")

    # --- registrations

    async def of_delegation(self, delegation_id: int) -> Registration | None:
        query = select(Registration).where(
            Registration.delegation_id == delegation_id, Registration.event_id == self.edition
        )
        return (await self.session.execute(query)).scalar_one_or_none()

    async def of_edition(self, delegation_id: int, edition: str) -> Registration | None:
        """The delegation's registration for another edition of the series (None if it had none)."""
        query = select(Registration).where(
            Registration.delegation_id == delegation_id, Registration.event_id == edition
        )
        return (await self.session.execute(query)).scalar_one_or_none()

    def add(self, registration: Registration) -> Registration:
        registration.event_id = self.edition
        self.session.add(registration)
        return registration

    # --- join requests

    async def request_to_join(
        self,
        delegation_id: int,
        user_key: str,
        display_name: str,
        claimed_name: str,
        now: datetime,
        lang: str = "en",
    ) -> bool:
        """True if this is a new request; a repeated claim by the same user changes nothing."""
        statement = (
            self.insert(JoinRequest)
            .values(
                delegation_id=delegation_id,
                user_key=user_key,
                display_name=display_name,
                claimed_name=claimed_name,
                lang=lang,
                status="pending",
                created_at=now,
                decided_by="",
            )
            .on_conflict_do_nothing(index_elements=["delegation_id", "user_key"])
        )
        result = await self.session.execute(statement)
        return bool(getattr(result, "rowcount", 0))

    async def join_requests(self, status: str | None = None) -> list[tuple[JoinRequest, Delegation]]:
        """Join requests with their delegation, oldest first; only those in ``status`` if given."""
        query = (
            select(JoinRequest, Delegation)
            .join(Delegation, Delegation.id == JoinRequest.delegation_id)
            .order_by(JoinRequest.id)
        )
        if status is not None:
            query = query.where(JoinRequest.status == status)
        return [(row[0], row[1]) for row in await self.session.execute(query)]

    async def join_request(self, request_id: int) -> JoinRequest | None:
        return await self.session.get(JoinRequest, request_id)

    # --- audiences and organiser views (read-only)

    async def registered_delegations(self) -> list[Delegation]:
        """Delegations whose registration is confirmed (late ones included), by name."""
        query = (
            select(Delegation)
            .join(Registration, Registration.delegation_id == Delegation.id)
            .where(Registration.status == CONFIRMED, Registration.event_id == self.edition)
            .order_by(Delegation.name_key)
        )
        return list((await self.session.execute(query)).scalars())

    async def delegations_without_confirmed_registration(self) -> list[Delegation]:
        """Delegations known to the bot (created by a registration, kept after a withdrawal) that have no
        confirmed registration now."""
        confirmed = exists().where(Registration.delegation_id == Delegation.id, *self._confirmed_here())
        query = select(Delegation).where(~confirmed).order_by(Delegation.name_key)
        return list((await self.session.execute(query)).scalars())

    async def members_without_confirmed_registration(self) -> list[Member]:
        """Every platform user the bot knows who is not in a delegation with a confirmed registration:
        the audience of "please register" reminders."""
        confirmed = exists().where(
            Registration.delegation_id == Member.delegation_id, *self._confirmed_here()
        )
        query = select(Member).where(or_(Member.delegation_id.is_(None), ~confirmed)).order_by(Member.id)
        return list((await self.session.execute(query)).scalars())

    async def incomplete_registrations(self) -> list[tuple[Registration, Delegation]]:
        """Confirmed registrations still missing the Head of Delegation's designation or the reception
        RSVP (the two things the Chair's letter asks for)."""
        missing = or_(Registration.hod_designation == "", Registration.reception_hod.is_(None))
        return await self._confirmed(missing)

    async def heads_of_delegation(self) -> list[tuple[Registration, Delegation]]:
        """Confirmed registrations with their delegation: ``hod_name``, ``hod_designation``,
        ``hod_is_minister`` (priority for interventions) and ``reception_hod``."""
        return await self._confirmed()

    async def by_breakout_group(self, group: str) -> list[tuple[Registration, Delegation]]:
        """Confirmed registrations that chose breakout group ``group`` ("I" or "II")."""
        return await self._confirmed(Registration.breakout_group == group)

    async def members_of(self, delegation_ids: Sequence[int]) -> list[Member]:
        """Platform users (members) of these delegations: whom to message about them."""
        if not delegation_ids:
            return []
        query = select(Member).where(Member.delegation_id.in_(delegation_ids)).order_by(Member.id)
        return list((await self.session.execute(query)).scalars())

    async def all_with_delegation(self) -> list[tuple[Registration, Delegation]]:
        """Every registration, withdrawn ones included, for the organisers' export."""
        query = (
            select(Registration, Delegation)
            .join(Delegation, Delegation.id == Registration.delegation_id)
            .where(Registration.event_id == self.edition)
            .order_by(Delegation.name_key)
        )
        return [(row[0], row[1]) for row in await self.session.execute(query)]

    async def member_counts(self) -> dict[int, int]:
        """How many platform users belong to each delegation."""
        query = (
            select(Member.delegation_id, func.count())
            .where(Member.delegation_id.is_not(None))
            .group_by(Member.delegation_id)
        )
        rows = await self.session.execute(query)
        return {delegation_id: count for delegation_id, count in rows if delegation_id is not None}

    async def _confirmed(self, *conditions: Any) -> list[tuple[Registration, Delegation]]:
        query = (
            select(Registration, Delegation)
            .join(Delegation, Delegation.id == Registration.delegation_id)
            .where(and_(*self._confirmed_here(), *conditions))
            .order_by(Delegation.name_key)
        )
        return [(row[0], row[1]) for row in await self.session.execute(query)]

    def _confirmed_here(self) -> tuple[Any, ...]:
        return Registration.status == CONFIRMED, Registration.event_id == self.edition
