"""Campaigns and the outbox: one row per (campaign, recipient), claimed under a lease, every attempt kept.

Claims are one statement: ``UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED) RETURNING``. On
PostgreSQL several instances skip each other's locked rows; SQLite ignores the locking clause and
serialises writers, so the same UPDATE is atomic there too (RETURNING needs SQLite ≥ 3.35).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, exists, func, insert, or_, select, tuple_, update

from storage.models import (
    Campaign,
    ConversationReference,
    DeliveryAttempt,
    Member,
    OutboxItem,
    PitchBooking,
    PitchProvider,
    ReminderPreference,
)
from storage.repositories import Repository

# Campaign states
SCHEDULED, EXPANDED, CANCELLED = "scheduled", "expanded", "cancelled"
# Outbox states; the last four are final
PENDING, SENDING = "pending", "sending"
SENT, FAILED, UNREACHABLE, SKIPPED = "sent", "failed", "unreachable", "skipped"
FINAL = (SENT, FAILED, UNREACHABLE, SKIPPED)
INSERT_CHUNK = 500  # rows per INSERT: far below SQLite's bound-parameter limit


@dataclass(frozen=True, slots=True)
class NewRecipient:
    recipient_key: str
    platform: str
    next_attempt_at: datetime
    params: dict[str, Any]
    status: str = PENDING


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one claimed row; ``status`` PENDING means "try again at ``next_attempt_at``"."""

    item_id: int
    attempts: int
    status: str
    next_attempt_at: datetime
    at: datetime
    worker: str
    detail: str = ""
    retry_after: float | None = None
    attempted: bool = True  # False: handed back unsent (the platform asked to wait), no attempt row


class OutboxRepository(Repository):
    # --- campaigns

    async def create_campaign(
        self,
        rule_key: str,
        kind: str,
        audience: str,
        send_at: datetime,
        now: datetime,
        created_by: str,
        *,
        text: str = "",
        params: dict[str, Any] | None = None,
        expanded: bool = False,
    ) -> int | None:
        """The new campaign's id, or None when ``rule_key`` exists already (fired before, or by another
        instance a moment ago)."""
        statement = (
            self.insert(Campaign)
            .values(
                rule_key=rule_key,
                kind=kind,
                audience=audience,
                status=EXPANDED if expanded else SCHEDULED,
                expanded_at=now if expanded else None,
                text=text,
                params=params or {},
                created_by=created_by,
                created_at=now,
                send_at=send_at,
            )
            .on_conflict_do_nothing(index_elements=["rule_key"])
            .returning(Campaign.id)
        )
        return (await self.session.execute(statement)).scalar_one_or_none()

    async def campaign(self, campaign_id: int) -> Campaign | None:
        return await self.session.get(Campaign, campaign_id)

    async def campaigns(self, ids: Iterable[int]) -> dict[int, Campaign]:
        rows = await self.session.execute(select(Campaign).where(Campaign.id.in_(set(ids))))
        return {c.id: c for c in rows.scalars()}

    async def recent_campaigns(self, kind: str, limit: int = 5) -> list[Campaign]:
        query = select(Campaign).where(Campaign.kind == kind).order_by(Campaign.id.desc()).limit(limit)
        return list((await self.session.execute(query)).scalars())

    async def claim_due_campaign(self, now: datetime) -> Campaign | None:
        """Marks one due campaign expanded and returns it; the caller adds its recipients in the same
        transaction, so a crash before commit leaves the campaign scheduled and nothing half-written."""
        due = (
            select(Campaign.id)
            .where(Campaign.status == SCHEDULED, Campaign.send_at <= now)
            .order_by(Campaign.send_at, Campaign.id)
            .limit(1)
            .with_for_update(skip_locked=True)
            .scalar_subquery()
        )
        statement = (
            update(Campaign)
            .where(Campaign.id == due, Campaign.status == SCHEDULED)
            .values(status=EXPANDED, expanded_at=now)
            .returning(Campaign)
            .execution_options(synchronize_session=False)
        )
        return (await self.session.scalars(statement)).one_or_none()

    async def cancel(self, campaign_id: int) -> bool:
        """Only a campaign not yet fanned out can be cancelled."""
        statement = (
            update(Campaign)
            .where(Campaign.id == campaign_id, Campaign.status == SCHEDULED)
            .values(status=CANCELLED)
        )
        return bool(getattr(await self.session.execute(statement), "rowcount", 0))

    # --- outbox rows

    async def add_recipients(self, campaign_id: int, recipients: Sequence[NewRecipient]) -> None:
        """One row per recipient; a recipient already there (a retried fan-out) is left alone."""
        rows = [
            {
                "campaign_id": campaign_id,
                "recipient_key": r.recipient_key,
                "platform": r.platform,
                "params": r.params,
                "status": r.status,
                "attempts": 0,
                "next_attempt_at": r.next_attempt_at,
                "last_error": "",
            }
            for r in recipients
        ]
        for start in range(0, len(rows), INSERT_CHUNK):
            statement = self.insert(OutboxItem).on_conflict_do_nothing(
                index_elements=["campaign_id", "recipient_key"]
            )
            await self.session.execute(statement, rows[start : start + INSERT_CHUNK])

    async def claim(
        self, platform: str, worker: str, now: datetime, lease_until: datetime, limit: int
    ) -> list[OutboxItem]:
        """Due pending rows, and rows whose sender's lease ran out (it was killed mid-send)."""
        due = or_(
            and_(OutboxItem.status == PENDING, OutboxItem.next_attempt_at <= now),
            and_(OutboxItem.status == SENDING, OutboxItem.claimed_until < now),
        )
        ids = (
            select(OutboxItem.id)
            .where(OutboxItem.platform == platform, due)
            .order_by(OutboxItem.next_attempt_at, OutboxItem.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        statement = (
            update(OutboxItem)
            .where(OutboxItem.id.in_(ids.scalar_subquery()))
            .values(status=SENDING, claimed_by=worker, claimed_until=lease_until)
            .returning(OutboxItem)
            .execution_options(synchronize_session=False)
        )
        return sorted((await self.session.scalars(statement)).all(), key=lambda item: item.id)

    async def record(self, outcomes: Sequence[Outcome]) -> None:
        """Each outcome updates its row and adds a delivery_attempt row, all in the caller's transaction."""
        if not outcomes:
            return
        rows = [
            {
                "id": o.item_id,
                "status": o.status,
                "attempts": o.attempts,
                "next_attempt_at": o.next_attempt_at,
                "claimed_by": None,
                "claimed_until": None,
                "sent_at": o.at if o.status == SENT else None,
                "last_error": o.detail[:400],
            }
            for o in outcomes
        ]
        await self.session.execute(update(OutboxItem), rows)
        attempts = [
            {
                "outbox_id": o.item_id,
                "at": o.at,
                "worker": o.worker,
                "status": o.status,
                "retry_after": o.retry_after,
                "detail": o.detail[:400],
            }
            for o in outcomes
            if o.attempted
        ]
        if attempts:
            await self.session.execute(insert(DeliveryAttempt), attempts)

    async def recipients(
        self, user_keys: Iterable[str]
    ) -> tuple[dict[str, Member], dict[str, ConversationReference]]:
        """Members and their conversation references for a batch of recipient keys, in two queries."""
        keys = set(user_keys)
        pairs = [tuple(key.split(":", 1)) for key in keys]
        members = await self.session.execute(
            select(Member).where(tuple_(Member.platform, Member.user_id).in_(pairs))
        )
        references = await self.session.execute(
            select(ConversationReference).where(ConversationReference.user_key.in_(keys))
        )
        return {m.key: m for m in members.scalars()}, {r.user_key: r for r in references.scalars()}

    async def providers_without_booking(self, event_id: str) -> list[int]:
        """The audience of the expression-of-interest reminder (read-only over the pitches tables)."""
        active = exists().where(
            PitchBooking.provider_id == PitchProvider.id,
            PitchBooking.event_id == event_id,
            PitchBooking.status.in_(("confirmed", "waitlisted")),
        )
        query = select(PitchProvider.id).where(~active).order_by(PitchProvider.id)
        return list((await self.session.execute(query)).scalars())

    async def counts(self, campaign_id: int) -> dict[str, int]:
        query = (
            select(OutboxItem.status, func.count())
            .where(OutboxItem.campaign_id == campaign_id)
            .group_by(OutboxItem.status)
        )
        return {status: count for status, count in await self.session.execute(query)}

    async def items(self, campaign_id: int) -> list[OutboxItem]:
        query = select(OutboxItem).where(OutboxItem.campaign_id == campaign_id).order_by(OutboxItem.id)
        return list((await self.session.execute(query)).scalars())

    async def attempts(self, item_id: int) -> list[DeliveryAttempt]:
        query = (
            select(DeliveryAttempt).where(DeliveryAttempt.outbox_id == item_id).order_by(DeliveryAttempt.id)
        )
        return list((await self.session.execute(query)).scalars())

    async def depth(self) -> int:
        """Rows not in a final state: the outbox gauge."""
        query = select(func.count()).select_from(OutboxItem).where(OutboxItem.status.not_in(FINAL))
        return int((await self.session.execute(query)).scalar_one())

    async def next_wake(self, platforms: Iterable[str]) -> datetime | None:
        """The earliest moment something here becomes due: a row to retry, a lease to expire, a campaign."""
        platforms = list(platforms)
        candidates = [
            select(func.min(OutboxItem.next_attempt_at)).where(
                OutboxItem.status == PENDING, OutboxItem.platform.in_(platforms)
            ),
            select(func.min(OutboxItem.claimed_until)).where(
                OutboxItem.status == SENDING, OutboxItem.platform.in_(platforms)
            ),
            select(func.min(Campaign.send_at)).where(Campaign.status == SCHEDULED),
        ]
        found = [(await self.session.execute(query)).scalar_one_or_none() for query in candidates]
        moments = [moment for moment in found if moment is not None]
        return min(moments) if moments else None


class ReminderPreferenceRepository(Repository):
    async def get(self, user_key: str) -> ReminderPreference | None:
        return await self.session.get(ReminderPreference, user_key)

    async def of(self, user_keys: Iterable[str]) -> dict[str, ReminderPreference]:
        query = select(ReminderPreference).where(ReminderPreference.user_key.in_(set(user_keys)))
        return {p.user_key: p for p in (await self.session.execute(query)).scalars()}

    async def set_quiet_hours(self, user_key: str, start: str | None, end: str | None, now: datetime) -> None:
        row = await self.get(user_key)
        if row is None:
            row = ReminderPreference(user_key=user_key, updated_at=now)
            self.session.add(row)
        row.quiet_start, row.quiet_end, row.updated_at = start, end, now
