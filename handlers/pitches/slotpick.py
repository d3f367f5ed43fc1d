"""Which pitch slot a person means: its number ("7", "slot 7", "créneau 7", "слот 7", "الفترة 7", "第7个",
"7号") or its start time ("the 2:10 one", "2.10 pm", "14h10", "下午2点10分"), never its place in a list.

A time without am/pm is read in the pitch session's hours: "2:05" at a lunchtime session is 14:05, not 2:05
at night. When a number and a time name different slots, the caller asks which one was meant.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, time
from typing import Literal

from bot.text import normalise_command

Meridiem = Literal["am", "pm", ""]

# Words that put a slot number after them, in the six languages (folded: no accents, lower case).
_NUMBER_WORDS = (
    r"slots?|pitch(?:es)?|numbers?|nos?|n°|nº|#|№|creneaux?|franjas?|turnos?|horarios?|numeros?|"
    r"слот(?:а|е|у|ом)?|номер|питч(?:а)?|الفتر[ةه]|فتر[ةه]|رقم|الخان[ةه]|第"
)
_KEYWORD_NUMBER = re.compile(rf"(?<![a-zа-я])(?:{_NUMBER_WORDS})\s*[.:]?\s*(\d{{1,9}})(?!\d)")
_HAN_NUMBER = re.compile(r"(?:第\s*(\d{1,9})\s*[个個号號]?|(\d{1,9})\s*[号號](?!\s*[:点點]))")
_BARE_NUMBER = re.compile(r"(?<![\w:.])(\d{1,9})(?:st|nd|rd|th)?(?![\w:])")

_PM_AFTER = r"p\.?\s?m\b\.?|de la tarde|du soir|de l'?\s?apres[- ]midi|дня|вечера|مساء[ًا]?|م\b"
_AM_AFTER = r"a\.?\s?m\b\.?|de la manana|du matin|утра|صباح[ًا]?|ص\b"
# "2:10", "2.10", "14h10", "14 ч 10", "2:10 pm", "2 pm", "14h"; Chinese below.
_CLOCK = re.compile(
    r"(?<![\d:./-])(\d{1,2})\s*(?:(?:[:.]|h|ч)\s*(\d{2})(?!\d)|(h|ч)(?![a-zа-я]))?"
    rf"\s*(?:({_PM_AFTER})|({_AM_AFTER}))?"
)
_HAN_CLOCK = re.compile(r"(上午|早上|中午|下午|晚上)?\s*(\d{1,2})\s*(?:[点點时時:：]\s*(\d{1,2})?\s*分?)")
_HAN_PM = ("下午", "晚上")
_HAN = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True, slots=True)
class Clock:
    """A clock time as typed: ``hour`` is 0–23, read as written; ``meridiem`` says if am/pm was given."""

    hour: int
    minute: int
    meridiem: Meridiem = ""

    def candidates(self) -> tuple[time, ...]:
        """The times it may mean: '2:10' → 02:10 or 14:10; '2:10 pm' → 14:10; '14:10' → 14:10."""
        if self.meridiem == "pm":
            return (time(self.hour % 12 + 12, self.minute),)
        if self.meridiem == "am":
            return (time(self.hour % 12, self.minute),)
        if 1 <= self.hour <= 12:
            return (time(self.hour % 12, self.minute), time(self.hour % 12 + 12, self.minute))
        return (time(self.hour, self.minute),)


@dataclass(frozen=True, slots=True)
class Mention:
    """What a message says about a slot: a number, a time, both or neither."""

    number: int | None = None
    clock: Clock | None = None

    @property
    def empty(self) -> bool:
        return self.number is None and self.clock is None


def ascii_digits(text: str) -> str:
    """'٧' and '７' → '7': people type the digits of their script."""
    return "".join(
        str(unicodedata.decimal(ch)) if ch.isdigit() and unicodedata.decimal(ch, None) is not None else ch
        for ch in text
    )


def mention(text: str, *, bare: bool = True) -> Mention:
    """The slot number and the clock time a message names (the first of each). ``bare=False``: a number
    counts only with a slot word ("slot 7", "第7个"), not alone ("I meant 2 experts" names no slot)."""
    folded = normalise_command(ascii_digits(text)).lower()  # NFKD turns '№' into 'No' after the fold
    clock, rest = _find_clock(folded)
    return Mention(_find_number(rest, bare_allowed=bare and clock is None), clock)


def _find_clock(text: str) -> tuple[Clock | None, str]:
    """The first clock time in ``text``, and the text without it (so '2:10' is not also slot 2 or 10)."""
    for match in _HAN_CLOCK.finditer(text) if _HAN.search(text) else ():
        period, hour, minute = match.group(1), int(match.group(2)), int(match.group(3) or 0)
        if hour <= 23 and minute <= 59:
            meridiem: Meridiem = "pm" if period in _HAN_PM else "am" if period in ("上午", "早上") else ""
            return Clock(hour, minute, meridiem if hour <= 12 else ""), _cut(text, match)
    for match in _CLOCK.finditer(text):
        hour_text, minute_text, h_alone, pm, am = match.groups()
        if minute_text is None and h_alone is None and pm is None and am is None:
            continue  # a bare number: a slot number, not a time
        hour, minute = int(hour_text), int(minute_text or 0)
        meridiem = "pm" if pm else "am" if am else ""
        if hour > 23 or minute > 59 or (meridiem and not 1 <= hour <= 12):
            continue
        return Clock(hour, minute, meridiem), _cut(text, match)
    return None, text


def _cut(text: str, match: re.Match[str]) -> str:
    return f"{text[: match.start()]} {text[match.end() :]}"


def _find_number(text: str, *, bare_allowed: bool) -> int | None:
    """'slot 7', '第7个', '7号'; a lone '7' only when it is the one number and no time was given."""
    for pattern in (_KEYWORD_NUMBER, _HAN_NUMBER):
        if match := pattern.search(text):
            return int(next(group for group in match.groups() if group is not None))
    bare = _BARE_NUMBER.findall(text)
    return int(bare[0]) if bare_allowed and len(bare) == 1 else None


PickKind = Literal["slot", "conflict", "no_such_time", "no_such_slot", "none"]


@dataclass(frozen=True, slots=True)
class Pick:
    """The slot a mention resolves to (``number``), or why it does not: number and time disagree
    (``number`` and ``by_time``), no slot at that time, a number out of range, or no mention at all."""

    kind: PickKind
    number: int | None = None
    by_time: int | None = None
    clock: Clock | None = None


def pick(found: Mention, starts: Mapping[int, datetime]) -> Pick:
    """Resolves a mention against the slots: slot number → its start, in the event's zone."""
    by_time = _slot_at(found.clock, starts) if found.clock is not None else None
    if found.number is not None and found.number not in starts:
        return Pick("no_such_slot", found.number, by_time, found.clock)
    if found.clock is not None and by_time is None:
        return Pick("no_such_time", found.number, None, found.clock)
    if found.number is not None and by_time is not None and by_time != found.number:
        return Pick("conflict", found.number, by_time, found.clock)
    number = found.number if found.number is not None else by_time
    return Pick("slot", number, by_time, found.clock) if number is not None else Pick("none")


def _slot_at(clock: Clock, starts: Mapping[int, datetime]) -> int | None:
    """The slot starting at that time; of '2:10' and '14:10', the one the session has."""
    wanted = clock.candidates()
    for number, start in sorted(starts.items()):
        if time(start.hour, start.minute) in wanted:
            return number
    return None
