"""Who should meet whom: a pure, explainable score between one participant and each other one.

A suggestion rests on one complementary pair — my need and their offer, or my offer and their need:
    capability   50 when both are filed under the same foundational capability
    text         up to 30: rapidfuzz token_set_ratio of the two free texts, scaled
    language     15 when they share a working language
    region        5 when they work in the same region
Only pairs under the same capability, or whose texts are at least 60 % alike, count at all. Every
component is kept so the reply can say where each point came from.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, utils

from bot.text import normalise_command

CAPABILITY_POINTS, TEXT_POINTS, LANGUAGE_POINTS, REGION_POINTS = 50, 30, 15, 5
MIN_TEXT_SIMILARITY = 60.0
SAME_REGION_SIMILARITY = 90.0
COMPLEMENT = {"need": "offer", "offer": "need"}


@dataclass(frozen=True, slots=True)
class Entry:
    kind: str  # "offer" or "need"
    capability: str
    text: str


@dataclass(frozen=True, slots=True)
class Participant:
    key: str
    name: str
    entries: tuple[Entry, ...]
    languages: tuple[str, ...] = ()
    region: str = ""


@dataclass(frozen=True, slots=True)
class Pairing:
    mine: Entry
    theirs: Entry
    capability_points: int
    text_points: int
    similarity: float

    @property
    def points(self) -> int:
        return self.capability_points + self.text_points


@dataclass(frozen=True, slots=True)
class Suggestion:
    counterpart: Participant
    pairing: Pairing
    shared_languages: tuple[str, ...]
    same_region: bool

    @property
    def language_points(self) -> int:
        return LANGUAGE_POINTS if self.shared_languages else 0

    @property
    def region_points(self) -> int:
        return REGION_POINTS if self.same_region else 0

    @property
    def score(self) -> int:
        return self.pairing.points + self.language_points + self.region_points


def text_similarity(left: str, right: str) -> float:
    return float(fuzz.token_set_ratio(left, right, processor=utils.default_process))


def pair(mine: Entry, theirs: Entry) -> Pairing | None:
    """The value of one need↔offer pair, or None when the two are not complementary or unrelated."""
    if COMPLEMENT.get(mine.kind) != theirs.kind:
        return None
    same_capability = mine.capability == theirs.capability
    similarity = text_similarity(mine.text, theirs.text)
    if not same_capability and similarity < MIN_TEXT_SIMILARITY:
        return None
    return Pairing(
        mine=mine,
        theirs=theirs,
        capability_points=CAPABILITY_POINTS if same_capability else 0,
        text_points=round(TEXT_POINTS * similarity / 100),
        similarity=similarity,
    )


def same_region(left: str, right: str) -> bool:
    a, b = normalise_command(left), normalise_command(right)
    return bool(a and b) and fuzz.ratio(a, b) >= SAME_REGION_SIMILARITY


def assess(me: Participant, other: Participant) -> Suggestion | None:
    pairings = [p for m in me.entries for t in other.entries if (p := pair(m, t)) is not None]
    if not pairings:
        return None
    # Highest points; on a tie the need of mine first (what I came for), then capability order.
    best = max(pairings, key=lambda p: (p.points, p.mine.kind == "need", p.similarity))
    shared = tuple(code for code in me.languages if code in other.languages)
    return Suggestion(other, best, shared, same_region(me.region, other.region))


def suggest(me: Participant, others: Iterable[Participant], limit: int = 5) -> list[Suggestion]:
    """The best counterparts first; ties broken by name then key so the order never wobbles."""
    found = [s for other in others if other.key != me.key and (s := assess(me, other)) is not None]
    found.sort(key=lambda s: (-s.score, s.counterpart.name.casefold(), s.counterpart.key))
    return found[:limit]
