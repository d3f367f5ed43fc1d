"""The batches of Answers' group commits (storage/group_commit.py): what the claims, the checks for earlier
claims and the answered marks of concurrent messages write and read, one statement per kind."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from storage.driver import DriverUnitOfWork
from storage.repositories import SeenIn, SenderAtClaim


@dataclass(frozen=True, slots=True)
class ToClaim:
    row: dict[str, Any]  # the processed_event columns
    seen_in: SeenIn | None
    sender: tuple[str, str]  # platform, user id

    @property
    def key(self) -> tuple[str, str]:
        return self.row["platform"], self.row["event_id"]


@dataclass(frozen=True, slots=True)
class Claimed:
    sender: SenderAtClaim
    behind: bool  # an earlier claim of the same sender was unanswered (looked at on shared databases)


async def claim_rows(uow: DriverUnitOfWork, items: list[ToClaim]) -> list[Claimed | None]:
    """Claims a batch of messages in one statement, remembers where the new ones were written from and
    reads their senders, in one transaction (SQLite: no other instance claims). An event id twice in one
    batch (a platform's retry arriving at once) is claimed by the first."""
    new = await uow.processed.claim_many([item.row for item in items])
    firsts: list[ToClaim | None] = []
    for item in items:
        firsts.append(item if item.key in new else None)
        new.discard(item.key)
    claimed = [item for item in firsts if item is not None]
    await uow.conversations.remember([item.seen_in for item in claimed if item.seen_in])
    members = await uow.members.seen([item.sender for item in claimed]) if claimed else {}
    return [
        None if item is None else Claimed(SenderAtClaim(members.get(item.sender)), behind=False)
        for item in firsts
    ]


async def claim_rows_shared(uow: DriverUnitOfWork, items: list[ToClaim]) -> list[Claimed | None]:
    """claim_rows where other instances claim too (PostgreSQL), in one statement that is its transaction:
    each new claim also learns whether an earlier claim of its sender is unanswered, read in the same
    snapshot as the member row (storage/claims_postgres.py)."""
    firsts: dict[tuple[str, str], ToClaim] = {}
    for item in items:
        firsts.setdefault(item.key, item)
    unique = list(firsts.values())
    read = await uow.claim_batches.claim_and_read(
        [item.row for item in unique], [item.sender[1] for item in unique], [item.seen_in for item in unique]
    )
    return [
        Claimed(SenderAtClaim(one.member), one.behind)
        if firsts[item.key] is item and (one := read.get(item.key)) is not None
        else None
        for item in items
    ]


async def earlier_unanswered(uow: DriverUnitOfWork, keys: list[tuple[str, str]]) -> list[bool]:
    earlier = await uow.processed.behind(keys)
    return [key in earlier for key in keys]


async def mark_answered(uow: DriverUnitOfWork, keys: list[tuple[str, str]]) -> list[None]:
    await uow.processed.answered_many(keys)
    return [None] * len(keys)
