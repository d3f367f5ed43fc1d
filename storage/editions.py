"""Editions of a series (issue 15): carrying needs and offers from the previous edition, with history.

Opening an edition asks each returning participant about every need and offer they stated at the
previous one; their answer (kept, updated, dropped) stays here as that need's history, and a kept or
updated one becomes the new edition's ``interest`` row, pointing back with ``carried_from``.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select

from storage.models import CarryOver, Interest
from storage.models.editions import ASKED, DROPPED
from storage.repositories import Repository


class EditionRepository(Repository):
    async def open_carry_over(self, edition: str, previous: str, now: datetime) -> list[str]:
        """One ``asked`` row per need and offer stated at ``previous`` and not asked about yet; returns
        the participants newly asked (each once), in the order they first stated something."""
        stated = select(Interest).where(Interest.event_id == previous).order_by(Interest.id)
        asked: list[str] = []
        for interest in (await self.session.execute(stated)).scalars():
            statement = (
                self.insert(CarryOver)
                .values(
                    event_id=edition,
                    from_event_id=previous,
                    previous_id=interest.id,
                    user_key=interest.user_key,
                    kind=interest.kind,
                    capability=interest.capability,
                    text=interest.text,
                    visibility=interest.visibility,
                    decision=ASKED,
                    new_text="",
                    asked_at=now,
                )
                .on_conflict_do_nothing(index_elements=["event_id", "previous_id"])
                .returning(CarryOver.id)
            )
            if (await self.session.execute(statement)).scalar_one_or_none() is not None:
                asked.append(interest.user_key)
        return list(dict.fromkeys(asked))

    async def waiting(self, edition: str, user_key: str) -> list[CarryOver]:
        """What the participant has not answered yet, in the order it was stated."""
        query = (
            select(CarryOver)
            .where(CarryOver.event_id == edition, CarryOver.user_key == user_key, CarryOver.decision == ASKED)
            .order_by(CarryOver.previous_id)
        )
        return list((await self.session.execute(query)).scalars())

    async def row(self, row_id: int) -> CarryOver | None:
        return await self.session.get(CarryOver, row_id)

    async def decide(self, row: CarryOver, decision: str, text: str, now: datetime) -> Interest | None:
        """Records the answer; a kept or updated need or offer becomes (or replaces) this edition's row
        of the same kind and capability. Returns that row (None when dropped)."""
        row.decision, row.new_text, row.decided_at = decision, text if text != row.text else "", now
        if decision == DROPPED:
            return None
        query = select(Interest).where(
            Interest.event_id == row.event_id,
            Interest.user_key == row.user_key,
            Interest.kind == row.kind,
            Interest.capability == row.capability,
        )
        interest = (await self.session.execute(query)).scalar_one_or_none()
        if interest is None:
            interest = Interest(
                event_id=row.event_id, user_key=row.user_key, kind=row.kind, capability=row.capability
            )
            self.session.add(interest)
        interest.text, interest.visibility, interest.carried_from = text, row.visibility, row.previous_id
        interest.updated_at = now
        await self.session.flush()
        return interest

    async def answered(self, edition: str, user_key: str) -> int:
        """How many of the participant's carried needs and offers are answered (for "2 of 3")."""
        query = select(func.count()).where(
            CarryOver.event_id == edition, CarryOver.user_key == user_key, CarryOver.decision != ASKED
        )
        return int((await self.session.execute(query)).scalar_one())
