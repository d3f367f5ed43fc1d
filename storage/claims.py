"""Claims on inbound events: each event id is answered once, by the process that claimed it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import String, Table, and_, bindparam, delete, func, literal_column, select, tuple_, update
from sqlalchemy.orm import aliased

from storage.models import ANSWERED, CLAIMED, ProcessedEvent
from storage.repositories import Repository


@dataclass(frozen=True, slots=True)
class Claim:
    """An inbound event one process is answering; ``message`` is what it needs to answer it again."""

    platform: str
    event_id: str
    message: dict[str, Any]


CLAIM_KEYS_CHUNK = 400  # (platform, event_id) pairs per statement: far below SQLite's parameter limit
# Every message's two writes, as Core statements built once: an ORM statement built per call costs
# about 1.3 ms of CPU more each (1.8 ms against 0.5 ms for the answered mark, on SQLite).
PROCESSED = cast(Table, ProcessedEvent.__table__)
CLAIM_COLUMNS = ("platform", "event_id", "received_at", "status", "claimed_by", "claimed_until", "message")
MARK_ANSWERED = (
    update(PROCESSED)
    .where(PROCESSED.c.platform == bindparam("p"), PROCESSED.c.event_id == bindparam("e"))
    .values(status=ANSWERED, claimed_by=None, claimed_until=None, message=None)
)
_claim_rows_statements: dict[tuple[str, int], Any] = {}  # per dialect and row count
CLAIMS_PER_STATEMENT = 100  # at most 100 row shapes are ever built; 700 parameters, far below the limits
_MINE, _EARLIER = aliased(ProcessedEvent), aliased(ProcessedEvent)
_SENDER = ("user", "user_id")  # the JSON path of the sender in a claim's stored message
# Claims (ours among them) with an earlier unanswered claim of the same sender, any instance's. Both sides
# are unanswered claims, the in-flight few found by the status index, so the statement needs no list of
# keys: its text never changes, and PostgreSQL plans it once (planning an IN list of twenty pairs took
# longer than running it, and its text changed with every batch size). The status is written into the
# SQL, not bound: a plan made for any status would scan every answered row.
_UNANSWERED = literal_column(f"'{CLAIMED}'", String)
BEHIND = (
    select(_MINE.platform, _MINE.event_id)
    .join(
        _EARLIER,
        and_(
            _EARLIER.status == _UNANSWERED,
            _EARLIER.platform == _MINE.platform,
            _EARLIER.message[_SENDER].as_string() == _MINE.message[_SENDER].as_string(),
            _EARLIER.received_at < _MINE.received_at,
        ),
    )
    .where(_MINE.status == _UNANSWERED)
    .distinct()
)


class ProcessedEventRepository(Repository):
    async def claim(
        self,
        platform: str,
        event_id: str,
        now: datetime,
        *,
        worker: str | None = None,
        lease_until: datetime | None = None,
        message: dict[str, Any] | None = None,
    ) -> bool:
        """True the first time an event id is seen; False for every retry or duplicate delivery. With a
        ``message`` the row stays claimed by ``worker`` until ``answered``; without one it is final now."""
        values = {
            "platform": platform,
            "event_id": event_id,
            "received_at": now,
            "status": ANSWERED if message is None else CLAIMED,
            "claimed_by": None if message is None else worker,
            "claimed_until": None if message is None else lease_until,
            "message": message,
        }
        return (platform, event_id) in await self.claim_many([values])

    async def claim_many(self, rows: list[dict[str, Any]]) -> set[tuple[str, str]]:
        """Claims several messages in one statement per CLAIMS_PER_STATEMENT (``rows``: the CLAIM_COLUMNS
        of each, claimed rows); returns the (platform, event id) of those seen for the first time."""
        claimed: set[tuple[str, str]] = set()
        for start in range(0, len(rows), CLAIMS_PER_STATEMENT):
            chunk = rows[start : start + CLAIMS_PER_STATEMENT]
            values = {f"{column}_{n}": row[column] for n, row in enumerate(chunk) for column in CLAIM_COLUMNS}
            new = await self.session.execute(self._claim_rows_statement(len(chunk)), values)
            claimed.update((platform, event_id) for platform, event_id in new)
        return claimed

    def _claim_rows_statement(self, count: int) -> Any:
        """INSERT … VALUES (row 0), … (row count-1) ON CONFLICT DO NOTHING RETURNING the new keys: built
        once per row count and dialect (a multi-row VALUES runs on any executor, a driver's too)."""
        key = (self.dialect, count)
        statement = _claim_rows_statements.get(key)
        if statement is None:
            columns = PROCESSED.c
            rows = [
                {name: bindparam(f"{name}_{n}", type_=columns[name].type) for name in CLAIM_COLUMNS}
                for n in range(count)
            ]
            statement = _claim_rows_statements[key] = (
                self.insert(PROCESSED)
                .values(rows)
                .on_conflict_do_nothing(index_elements=["platform", "event_id"])
                .returning(PROCESSED.c.platform, PROCESSED.c.event_id)
            )
        return statement

    async def answered(self, platform: str, event_id: str) -> None:
        """The answer was posted or is kept in the outbox: only the id stays, to recognise retries."""
        await self.answered_many([(platform, event_id)])

    async def answered_many(self, keys: list[tuple[str, str]]) -> None:
        """``answered`` for several claims, in one (executemany) statement: by primary key, a plan no
        statistics can spoil (a join of the keys as arrays was planned as a scan of the whole table, made
        on a near-empty one and kept: five times the server's time). asyncpg runs it atomically, in one
        round trip, with no transaction around it."""
        await self.session.execute(MARK_ANSWERED, [{"p": platform, "e": event} for platform, event in keys])

    async def behind(self, keys: list[tuple[str, str]]) -> set[tuple[str, str]]:
        """Of these claims, those whose sender has an earlier message claimed (on any instance) and still
        unanswered, in one query. Only claimed rows are looked at (the in-flight few, by the status index)."""
        rows = await self.session.execute(BEHIND, {})
        return {(platform, event_id) for platform, event_id in rows} & set(keys)

    async def release(self, platform: str, event_id: str) -> None:
        """Forget a claim not yet answered, so that the platform's own retry of the event is processed."""
        await self.session.execute(
            delete(ProcessedEvent).where(
                ProcessedEvent.platform == platform,
                ProcessedEvent.event_id == event_id,
                ProcessedEvent.status == CLAIMED,
            )
        )

    async def hand_over(self, platform: str, event_id: str, now: datetime) -> None:
        """End the lease now: whichever instance sweeps next answers it from the stored message."""
        await self.session.execute(
            update(ProcessedEvent)
            .where(
                ProcessedEvent.platform == platform,
                ProcessedEvent.event_id == event_id,
                ProcessedEvent.status == CLAIMED,
            )
            .values(claimed_until=now)
        )

    async def renew(self, worker: str, keys: list[tuple[str, str]], lease_until: datetime) -> None:
        """Extend the leases of the claims ``worker`` is still answering (its heartbeat)."""
        for start in range(0, len(keys), CLAIM_KEYS_CHUNK):
            chunk = keys[start : start + CLAIM_KEYS_CHUNK]
            await self.session.execute(
                update(ProcessedEvent)
                .where(
                    ProcessedEvent.claimed_by == worker,
                    ProcessedEvent.status == CLAIMED,
                    tuple_(ProcessedEvent.platform, ProcessedEvent.event_id).in_(chunk),
                )
                .values(claimed_until=lease_until)
                .execution_options(synchronize_session=False)
            )

    async def take_over(self, worker: str, now: datetime, lease_until: datetime, limit: int) -> list[Claim]:
        """Claims whose lease ran out (their process died or gave them up), now ``worker``'s."""
        expired = (
            select(ProcessedEvent.platform, ProcessedEvent.event_id)
            .where(ProcessedEvent.status == CLAIMED, ProcessedEvent.claimed_until < now)
            .order_by(ProcessedEvent.received_at)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        statement = (
            update(ProcessedEvent)
            .where(tuple_(ProcessedEvent.platform, ProcessedEvent.event_id).in_(expired))
            .values(claimed_by=worker, claimed_until=lease_until)
            .returning(ProcessedEvent.platform, ProcessedEvent.event_id, ProcessedEvent.message)
            .execution_options(synchronize_session=False)
        )
        rows = (await self.session.execute(statement)).all()
        return [Claim(platform, event_id, message or {}) for platform, event_id, message in rows]

    async def next_expiry(self) -> datetime | None:
        query = select(func.min(ProcessedEvent.claimed_until)).where(ProcessedEvent.status == CLAIMED)
        return (await self.session.execute(query)).scalar_one_or_none()

    async def prune(self, before: datetime) -> int:
        """Forget answered event ids received before ``before``: platforms stop retrying long before that."""
        result = await self.session.execute(
            delete(ProcessedEvent).where(
                ProcessedEvent.received_at < before, ProcessedEvent.status == ANSWERED
            )
        )
        return int(getattr(result, "rowcount", 0) or 0)
