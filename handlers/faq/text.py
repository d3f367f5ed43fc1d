"""Question text → comparable tokens, and the times and days a question mentions."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, time, timedelta
from functools import cache

from babel import Locale

from handlers.faq import forms as faq_forms
from handlers.faq import scripts as faq_scripts
from handlers.faq.phrases import Phrases

_ORDINAL = re.compile(r"^(\d{1,2})(?:st|nd|rd|th|er|e|o|a)?$")
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
# "10", "10:30", "10h", "10h30", "10.30", "10 am", "10 a.m.", "3pm"; the marker decides if it is a time.
_CLOCK = re.compile(
    r"(?<![\d/:.-])(\d{1,2})(?:\s*([:h.])\s*(\d{2}))?\s*(a\.?\s?m\b\.?|p\.?\s?m\b\.?|h\b|heures?\b|horas?\b|hrs?\b)?"
    r"(?![\d/:-])"
)


fold = faq_scripts.fold


def tokens(text: str) -> list[str]:
    """Accent-free lower-case words and numbers; punctuation and apostrophes separate words.

    Arabic and Russian words are normalised, each Chinese character is a word (see faq_scripts)."""
    return faq_scripts.words(fold(text))


def word_key(name: str) -> str:
    """A calendar name as the engine sees it: 'الجمعة' → 'جمعه', 'пятница' → 'пятниц'."""
    return " ".join(tokens(name))


def phrase(text: str) -> tuple[str, ...]:
    return tuple(tokens(text))


def find_phrase(words: Sequence[str], wanted: Iterable[tuple[str, ...]]) -> int | None:
    """Index where the first of ``wanted`` starts in ``words``, or None."""
    present = set(words)  # most candidates start with a word the question does not have: skip them cheaply
    for candidate in wanted:
        if not candidate or candidate[0] not in present:
            continue
        size = len(candidate)
        for start in range(len(words) - size + 1):
            if tuple(words[start : start + size]) == candidate:
                return start
    return None


def _all_phrases(table: Phrases) -> list[tuple[str, ...]]:
    return [phrase(p) for forms in table.values() for p in forms]


@cache
def _time_words() -> dict[str, list[tuple[str, ...]]]:
    return {
        "at": _all_phrases(faq_forms.AT_TIME),
        "pm": _all_phrases(faq_forms.PM_WORDS),
        "am": _all_phrases(faq_forms.AM_WORDS),
        "noon": _all_phrases(faq_forms.NOON),
        "midnight": _all_phrases(faq_forms.MIDNIGHT),
        "quantity": _all_phrases(faq_forms.NOT_A_TIME_AFTER),
    }


def _after_words(text: str, end: int, words: list[tuple[str, ...]]) -> bool:
    following = tokens(text[end : end + 24])
    return any(tuple(following[: len(w)]) == w for w in words)


def _before_words(text: str, start: int, words: list[tuple[str, ...]]) -> bool:
    preceding = tokens(text[max(0, start - 12) : start])
    return any(len(preceding) >= len(w) and tuple(preceding[-len(w) :]) == w for w in words)


def _to_24h(hour: int, marker: str, pm: bool, am: bool, explicit: bool) -> int:
    if marker.startswith("p") or pm:
        return hour if hour == 12 else hour + 12
    if marker.startswith("a") or am:
        return 0 if hour == 12 else hour
    if not explicit and 1 <= hour <= faq_forms.AFTERNOON_UNTIL_HOUR:
        return hour + 12
    return hour


def parse_time(question: str) -> time | None:
    """The first clock time the question names: '10 am', '10h', '15:30', 'à 10 h', 'a las 3', 'noon',
    'في الساعة 10', 'в 10 утра', '下午3点'."""
    text = fold(question)
    if faq_scripts.has_han(text):
        found_han = faq_scripts.han_time(text, faq_forms.AFTERNOON_UNTIL_HOUR)
        if found_han is not None:
            return found_han
    words = _time_words()
    for match in _CLOCK.finditer(text):
        hour, separator, minutes, marker = (
            match.group(1),
            match.group(2),
            match.group(3),
            match.group(4) or "",
        )
        pm, am = _after_words(text, match.end(), words["pm"]), _after_words(text, match.end(), words["am"])
        has_minutes = minutes is not None and separator in (":", "h", ".")
        if not marker and not has_minutes and _after_words(text, match.end(), words["quantity"]):
            continue
        if not (marker or has_minutes or pm or am or _before_words(text, match.start(), words["at"])):
            continue
        explicit = (has_minutes and separator != ".") or marker.startswith("h") or int(hour) == 0
        value = _to_24h(int(hour), marker.replace(".", "").replace(" ", ""), pm, am, explicit)
        if 0 <= value <= 23 and int(minutes or 0) <= 59:
            return time(value, int(minutes or 0))
    found = tokens(question)
    for name, moment in (("noon", time(12)), ("midnight", time(0))):
        start = find_phrase(found, words[name])
        if start is not None and not (start > 0 and found[start - 1] in _AFTER):
            return moment
    return None


_AFTER = frozenset({"apres"})  # "après-midi" is the afternoon, not noon
# Words between a day number and its month: "9 de mayo", "9-го мая".
_DAY_MONTH_LINKS = frozenset({"de", "го"})


@cache
def _relative_days() -> dict[int, list[tuple[str, ...]]]:
    return {offset: _all_phrases(table) for offset, table in faq_forms.RELATIVE_DAYS.items()}


@dataclass(frozen=True, slots=True)
class DayRef:
    """A day the question names: an exact date, or only a weekday (0 = Monday)."""

    exact: date | None = None
    weekday: int | None = None
    label: str = ""


@cache
def calendar_words() -> tuple[dict[str, int], dict[str, int]]:
    """Weekday and month names of every supported language (Babel's, accent-free) → number."""
    weekdays: dict[str, int] = {}
    months: dict[str, int] = {}
    for lang in faq_forms.INTENT_CUES["when"]:
        locale = Locale.parse(lang)
        for width in ("wide", "abbreviated"):
            for number, name in locale.days["format"][width].items():
                weekdays.setdefault(word_key(name), number)
            for number, name in locale.months["format"][width].items():
                months.setdefault(word_key(name), number)
    for short in ("may", "mai", "mayo"):  # shown only in full by some locales; keep them unambiguous
        months.setdefault(short, 5)
    return weekdays, months


def _day_number(word: str) -> int | None:
    match = _ORDINAL.match(word)
    return int(match.group(1)) if match and 1 <= int(match.group(1)) <= 31 else None


def _month_day(words: list[str], months: dict[str, int]) -> tuple[int, int] | None:
    for index, word in enumerate(words):
        month = months.get(word)
        if month is None or len(word) < 3:
            continue
        around = [words[index - 1] if index else "", words[index + 1] if index + 1 < len(words) else ""]
        if index >= 2 and words[index - 1] in _DAY_MONTH_LINKS:
            around.insert(0, words[index - 2])
        for candidate in around:
            number = _day_number(candidate)
            if number is not None:
                return month, number
    return None


def parse_day(question: str, today: date, years: Sequence[int]) -> DayRef | None:
    """'Friday', 'vendredi', '9 May', '9 de mayo', 'May 10th', '2024-05-10', 'tomorrow', 'hoy', '10 мая',
    'يوم الجمعة', '5月10日', '星期五'. A weekday wins over a relative day ('اليوم' is also 'the day')."""
    return day_from(day_named(question, years), today)


def day_from(named: DayRef | timedelta | None, today: date) -> DayRef | None:
    """The day ``day_named`` found, as seen from ``today``."""
    return DayRef(exact=today + named) if isinstance(named, timedelta) else named


def day_named(question: str, years: Sequence[int]) -> DayRef | timedelta | None:
    """``parse_day`` without the calendar: a day named relative to today ('tomorrow') is its distance from
    today, so that what a question names can be read once, whatever the date."""
    iso = _ISO_DATE.search(question)
    if iso:
        try:
            return DayRef(exact=date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3))))
        except ValueError:
            return None
    words = tokens(question)
    weekdays, months = calendar_words()
    found = _month_day(words, months) or faq_scripts.han_month_day(fold(question))
    if found is not None:
        for year in years:
            try:
                return DayRef(exact=date(year, *found))
            except ValueError:
                continue
    for word in words:
        if word in weekdays and len(word) >= 4:
            return DayRef(weekday=weekdays[word], label=word)
    han = faq_scripts.han_weekday(question)
    if han is not None:
        return DayRef(weekday=han[0], label=han[1])
    clock_words = _time_words()
    plain = _without(words, clock_words["am"] + clock_words["pm"])  # "10 de la mañana" is not tomorrow
    for offset, phrases in _relative_days().items():
        if find_phrase(plain, phrases) is not None:
            return timedelta(days=offset)
    return None


def _without(words: list[str], unwanted: list[tuple[str, ...]]) -> list[str]:
    kept = list(words)
    present = set(kept)
    for candidate in unwanted:
        if not candidate or candidate[0] not in present:
            continue
        start = find_phrase(kept, [candidate])
        while start is not None:
            del kept[start : start + len(candidate)]
            start = find_phrase(kept, [candidate])
    return kept
