"""What the summaries tell from the stored rows, without wording: where each need came from and what
became of it across editions, and what became of each meeting (held or not, furthest follow-up)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from storage.meetings import FOLLOW_UPS, MET, NONE
from storage.models import CarryOver, Interest, MeetingOutcome

Pair = tuple[str, str, str]  # (edition, requester_key, provider_key)


@dataclass(frozen=True, slots=True)
class Step:
    """One edition's decision about a need or offer stated at an earlier one."""

    edition: str  # the edition that asked
    decision: str  # asked, kept, updated, dropped
    old_text: str
    new_text: str
    decided_at: datetime | None


@dataclass(frozen=True, slots=True)
class History:
    """Where an interest row was first stated, how it reached this edition, and its fate at the next."""

    stated_at: str
    arrived: tuple[Step, ...]  # oldest first: the carry-overs that led to this row
    next_step: Step | None  # what the following edition decided about it (None: not asked)


class Histories:
    """The interests and carry-over rows of one reader's scope, indexed to tell each row's history."""

    def __init__(self, interests: Iterable[Interest], carry_overs: Iterable[CarryOver]) -> None:
        self._by_id = {interest.id: interest for interest in interests}
        self.visibility = newest_visibility(self._by_id.values())
        self._asked: dict[tuple[str, int], CarryOver] = {}  # (asking edition, previous row id)
        self._next: dict[int, CarryOver] = {}  # previous row id → the latest edition's decision on it
        for row in carry_overs:
            self._asked[(row.event_id, row.previous_id)] = row
            self._next[row.previous_id] = row

    def of(self, interest: Interest) -> History:
        arrived: list[Step] = []
        current, seen = interest, {interest.id}
        while current.carried_from is not None:
            row = self._asked.get((current.event_id, current.carried_from))
            if row is not None:
                arrived.append(_step(row))
            earlier = self._by_id.get(current.carried_from)
            if row is None or earlier is None or earlier.id in seen:
                stated_at = row.from_event_id if row is not None else current.event_id
                break
            current = earlier
            seen.add(current.id)
        else:
            stated_at = current.event_id
        following = self._next.get(interest.id)
        return History(stated_at, tuple(reversed(arrived)), _step(following) if following else None)

    def decisions(self) -> list[CarryOver]:
        return list(self._asked.values())


def newest_visibility(interests: Iterable[Interest]) -> dict[int, str]:
    """Each interest row's visibility as its State now wants it: that of the newest row its need was
    carried into (narrowing a need at this edition narrows what is shown of the earlier ones)."""
    rows = list(interests)
    carried_into = {i.carried_from: i for i in rows if i.carried_from is not None}
    effective: dict[int, str] = {}
    for interest in rows:
        newest, seen = interest, {interest.id}
        while newest.id in carried_into and carried_into[newest.id].id not in seen:
            newest = carried_into[newest.id]
            seen.add(newest.id)
        effective[interest.id] = newest.visibility
    return effective


def _step(row: CarryOver) -> Step:
    return Step(row.event_id, row.decision, row.text, row.new_text, row.decided_at)


@dataclass(frozen=True, slots=True)
class MeetingFate:
    held: bool  # either side said it happened ("met")
    follow_up: str | None  # the furthest state either side gave (agreed < proposal < project), else "none"
    at: datetime | None  # when that follow-up was given


def meeting_fates(outcomes: Iterable[MeetingOutcome]) -> dict[Pair, MeetingFate]:
    """One fate per meeting (edition, requester, provider), from both sides' answers: a meeting counts
    as held if either side said so, at the furthest follow-up either side gave ("none" only when that is
    all anyone said)."""
    fates: dict[Pair, MeetingFate] = {}
    for outcome in outcomes:
        pair = (outcome.event_id, outcome.requester_key, outcome.provider_key)
        known = fates.get(pair, MeetingFate(False, None, None))
        held = known.held or outcome.happened == MET
        follow_up, at = known.follow_up, known.at
        if outcome.follow_up and _further(outcome.follow_up, follow_up):
            follow_up, at = outcome.follow_up, outcome.follow_up_at
        fates[pair] = MeetingFate(held, follow_up, at)
    return fates


def _further(candidate: str, known: str | None) -> bool:
    if known is None or known == NONE:
        return True
    return candidate != NONE and FOLLOW_UPS.index(candidate) > FOLLOW_UPS.index(known)
