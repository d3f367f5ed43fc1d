"""One participant's published meetings as they read them — with whom (person and organisation), which
table, when — for the chat list, the personal agenda and the .ics file."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from storage.models import PlannedMeeting
from storage.uow import UnitOfWork


@dataclass(frozen=True, slots=True)
class MeetingEntry:
    id: int
    who: str
    organisation: str
    table: str
    starts_at: datetime
    ends_at: datetime
    pair: tuple[str, str]  # (requester, provider): stable across re-plans, unlike the id

    def calendar_uid(self, event_id: str) -> str:
        """A pair keeps its UID when re-planned: a calendar moves the entry instead of adding one."""
        digest = hashlib.sha256("\n".join(self.pair).encode()).hexdigest()[:16]
        return f"meeting-{digest}@{event_id}"


async def entries_of(uow: UnitOfWork, key: str, meetings: Iterable[PlannedMeeting]) -> list[MeetingEntry]:
    """``key``'s meetings among ``meetings``, in time order."""
    mine = sorted(
        (m for m in meetings if key in (m.requester_key, m.provider_key)), key=lambda m: m.starts_at
    )
    others = [m.provider_key if m.requester_key == key else m.requester_key for m in mine]
    organisations = await uow.matchmaking.names(others)
    found = []
    for meeting, other in zip(mine, others, strict=True):
        member = await uow.members.get_by_key(other)
        person = member.display_name if member and member.display_name else organisations[other]
        found.append(
            MeetingEntry(
                meeting.id,
                person,
                organisations[other],
                meeting.table_name,
                meeting.starts_at,
                meeting.ends_at,
                (meeting.requester_key, meeting.provider_key),
            )
        )
    return found


async def published_entries(uow: UnitOfWork, event_id: str, key: str) -> list[MeetingEntry]:
    return await entries_of(uow, key, await uow.meetings.meetings_of(event_id, key))
