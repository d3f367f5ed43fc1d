"""Who wishes to meet whom, and how much: the planner's instance, built from what participants said.

A pair is a candidate when a meet request between them was accepted, or when either side said "must meet"
or "would like to"; "no thanks" from either side rules the pair out. Its weight, kept part by part so
each meeting can say why it was planned:
    requester   30 must meet, 20 would like to, 10 accepted request  (the requesting State weighs most)
    provider    15 must meet, 10 would like to,  5 accepted request
    mutual      15 when both sides said they want it
    match       the suggestion score (scoring.py) / 10: need and offer fit together
The requesting side is the one whose need the other offers; without one, the one who asked first.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.event import Event
from bot.i18n import translate
from bot.messages import Button
from handlers.matchmaking.planner import Instance, Person, Wish
from handlers.matchmaking.scoring import Participant, assess
from storage.matchmaking import ACCEPTED
from storage.meetings import LIKE, MUST, NO, PUBLISHED
from storage.uow import UnitOfWork

PREFERENCE_ACTION = "meeting.pref."  # + the level; value: the counterpart's key
ACCEPTED_LEVEL = "accepted"
REQUESTER_POINTS = {MUST: 30, LIKE: 20, ACCEPTED_LEVEL: 10}
PROVIDER_POINTS = {MUST: 15, LIKE: 10, ACCEPTED_LEVEL: 5}
MUTUAL_POINTS = 15


@dataclass(frozen=True, slots=True)
class Reasons:
    requester_level: str | None
    provider_level: str | None
    mutual: bool
    match_points: int

    def weight(self) -> int:
        return (
            REQUESTER_POINTS.get(self.requester_level or "", 0)
            + PROVIDER_POINTS.get(self.provider_level or "", 0)
            + (MUTUAL_POINTS if self.mutual else 0)
            + self.match_points
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "requester": self.requester_level,
            "provider": self.provider_level,
            "mutual": self.mutual,
            "match": self.match_points,
        }


def preference_buttons(lang: str, key: str, name: str) -> tuple[Button, ...]:
    """Must meet / would like to / no thanks for one counterpart, under a suggestion or a meet request
    (``lang``: the reader's, who may not be the one writing)."""
    return tuple(
        Button(translate(lang, f"meetings.button.{level}", name=name), PREFERENCE_ACTION + level, key)
        for level in (MUST, LIKE, NO)
    )


def suggestion_preferences(lang: str, counterparts: Iterable[tuple[str, str]]) -> tuple[Button, ...]:
    """The preference buttons for each (key, name) of a list of suggestions, in the list's order."""
    return tuple(button for key, name in counterparts for button in preference_buttons(lang, key, name))


def _stronger(a: str | None, b: str | None) -> str | None:
    order = (MUST, LIKE, ACCEPTED_LEVEL)
    present = [level for level in (a, b) if level in order]
    return min(present, key=order.index) if present else None


def candidate_pairs(
    levels: dict[tuple[str, str], str], accepted: Iterable[tuple[str, str]]
) -> set[tuple[str, str]]:
    """Ordered (first asker, other) pairs someone wants, with no "no thanks" on either side."""
    pairs: dict[frozenset[str], tuple[str, str]] = {}
    for (user, other), level in sorted(levels.items()):
        if level != NO:
            pairs.setdefault(frozenset((user, other)), (user, other))
    for pair in accepted:
        pairs.setdefault(frozenset(pair), pair)
    return {p for p in pairs.values() if NO not in (levels.get(p), levels.get((p[1], p[0])))}


def orient(pair: tuple[str, str], people: dict[str, Participant]) -> tuple[str, str, int]:
    """(requester, provider, match points): the side whose need the other offers asks."""
    first, second = pair
    if first in people and second in people:
        found = assess(people[first], people[second])
        if found is not None:
            points = found.score // 10
            return (first, second, points) if found.pairing.mine.kind == "need" else (second, first, points)
    return first, second, 0


def unordered(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


def weigh(
    levels: dict[tuple[str, str], str],
    accepted: set[tuple[str, str]],
    people: dict[str, Participant],
) -> list[tuple[Wish, Reasons]]:
    """Each candidate pair as a wish, with the reasons its weight is made of. ``accepted``: unordered."""
    found = []
    for pair in sorted(candidate_pairs(levels, accepted)):
        requester, provider, points = orient(pair, people)
        both_asked = unordered(*pair) in accepted
        extra = ACCEPTED_LEVEL if both_asked else None
        mine = _stronger(levels.get((requester, provider)), extra)
        theirs = _stronger(levels.get((provider, requester)), extra)
        reasons = Reasons(mine, theirs, mine is not None and theirs is not None, points)
        found.append((Wish(requester, provider, reasons.weight()), reasons))
    return found


async def build_instance(
    uow: UnitOfWork, event: Event, people: list[Participant]
) -> tuple[Instance, dict[tuple[str, str], Reasons]]:
    """The instance for this event as the database has it now (the published plan gives tables to keep)."""
    plan = event.matchmaking.meetings
    assert plan is not None  # callers check that the event has a meeting plan
    levels = {(p.user_key, p.counterpart_key): p.level for p in await uow.meetings.preferences(event.id)}
    accepted = {
        unordered(r.from_key, r.to_key)
        for r in await uow.matchmaking.all_requests(event.id)
        if r.status == ACCEPTED
    }
    by_key = {p.key: p for p in people}
    weighed = weigh(levels, accepted, by_key)
    slots = event.meeting_slot_times()
    keys = sorted({k for wish, _ in weighed for k in (wish.requester, wish.provider)})
    persons = {key: await _person(uow, event, key, by_key.get(key), slots) for key in keys}
    published = await uow.meetings.meetings(event.id, PUBLISHED)
    starts = [start for start, _ in slots]
    previous = {(m.requester_key, m.provider_key): m.table_name for m in published}
    previous_slots = {
        (m.requester_key, m.provider_key): starts.index(m.starts_at)
        for m in published
        if m.starts_at in starts
    }
    instance = Instance(
        people=persons,
        wishes=tuple(w for w, _ in weighed),
        tables=tuple(plan.table_names),
        slots=len(slots),
        spare_tables=plan.spare_tables,
        max_per_person=plan.max_per_participant,
        interpretation=plan.interpretation,
        previous_tables=previous,
        previous_slots=previous_slots,
    )
    return instance, {(w.requester, w.provider): r for w, r in weighed}


async def _person(
    uow: UnitOfWork,
    event: Event,
    key: str,
    participant: Participant | None,
    slots: list[tuple[datetime, datetime]],
) -> Person:
    """Their working languages, and the meeting slots that overlap their own pitch slot."""
    member = await uow.members.get_by_key(key)
    pitch = await uow.agenda.pitch_of(event.id, member.delegation_id if member else None, key)
    busy: set[int] = set()
    if pitch is not None and pitch[1] is not None and pitch[0].status == "confirmed":
        slot = pitch[1]
        busy = {i for i, (start, end) in enumerate(slots) if start < slot.ends_at and slot.starts_at < end}
    languages = frozenset(participant.languages) if participant else frozenset()
    return Person(key, languages, frozenset(busy))
