"""Arabic, Cyrillic and Chinese text for the Q&A engine: folding, words, and Chinese times and days.

Everything here is applied the same way to the questions and to the phrases they are matched against
(event aliases, question forms), so a normalisation only has to be consistent, not linguistically perfect:

* Arabic: tashkeel goes with the other combining marks; tatweel is dropped; alef forms (أ إ آ ٱ) become ا,
  ى becomes ي and ة becomes ه; Arabic-Indic digits become 0-9; the article and its fused prepositions
  (ال، وال، بال، لل…) are taken off a word, so "الاستقبال", "للاستقبال" and "استقبال" are one word.
* Russian: ё is е (й is kept); one common case or number ending is cut from words long enough to keep a
  stem of four letters ("приёма", "приёме" → "прием"; "регистрации", "регистрацию" → "регистраци"). The
  typo matcher handles what is left.
* Chinese has no spaces: each Han character is one word, so a phrase of several characters is found by
  the engine's n-gram lookup exactly where it occurs as a substring — no segmenter to load (measured:
  the whole question path stays well under a millisecond).
"""

from __future__ import annotations

import re
from datetime import time
from functools import cache

from babel import Locale

from bot.i18n.detect import fold as fold_accents

_ARABIC_FOLD = str.maketrans(
    {
        "\u0640": None,  # tatweel
        "\u0671": "\u0627",  # alef wasla
        "\u0649": "\u064a",  # alef maksura → yaa
        "\u06cc": "\u064a",  # Persian yeh → yaa
        "\u0629": "\u0647",  # taa marbuta → haa
        "\u06a9": "\u0643",  # keheh → kaf
        **{chr(0x0660 + d): str(d) for d in range(10)},  # Arabic-Indic digits
        **{chr(0x06F0 + d): str(d) for d in range(10)},  # Eastern Arabic-Indic digits
    }
)
# Latin letters and digits stay together ("48th"), Cyrillic and Arabic words are runs, Han characters single.
WORD = re.compile(
    r"[0-9a-z]+|[\u0430-\u045f]+|[\u0621-\u063a\u0641-\u064a\u0671-\u06d3]+|[\u3400-\u4dbf\u4e00-\u9fff]"
)
_ARABIC_PREFIXES = ("وال", "بال", "كال", "فال", "لل", "ال")
_ARABIC_CLITICS = ("ل", "ب")  # "لسنغافوره" → "سنغافوره", only when a long word is left
# Longest first, so "-ами" is cut before "-и".
_RUSSIAN_ENDINGS = (
    *("иями",),
    *("ями", "ами", "его", "ого", "ему", "ому", "ыми", "ими", "ией"),
    *("ий", "ый", "ой", "ей", "ая", "яя", "ое", "ее", "ую", "юю", "ом", "ем", "ах", "ях", "ам", "ям"),
    *("ов", "ев", "ия", "ие", "ию", "ии"),
    *("а", "я", "ы", "и", "у", "ю", "е", "о", "ь", "й"),
)
_RUSSIAN_MIN_STEM = 4


def fold(text: str) -> str:
    """Lower case without accents or tashkeel, Arabic letter forms unified: 'Réception' → 'reception'."""
    return fold_accents(text).translate(_ARABIC_FOLD)


def _arabic(word: str) -> str:
    for prefix in _ARABIC_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 3:
            return word[len(prefix) :]
    for clitic in _ARABIC_CLITICS:
        if word.startswith(clitic) and len(word) - len(clitic) >= 5:
            return word[len(clitic) :]
    return word


def _russian(word: str) -> str:
    for ending in _RUSSIAN_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= _RUSSIAN_MIN_STEM:
            return word[: -len(ending)]
    return word


def normal_word(word: str) -> str:
    """One folded word as the engine compares it."""
    first = word[0]
    if "\u0430" <= first <= "\u045f":
        return _russian(word)
    if "\u0621" <= first <= "\u06d3":
        return _arabic(word)
    return word


def words(folded: str) -> list[str]:
    return [normal_word(w) for w in WORD.findall(folded)]


def has_han(text: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" for ch in text)


# --- Chinese clock times and days ---------------------------------------------------------------------
_HAN_DIGITS = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_HAN_NUMBER = "〇零一二两三四五六七八九十"
# "10点", "10点半", "3点15分", "上午10点", "下午3点", "晚上6:30", "十点"; the period word decides a.m./p.m.
_HAN_CLOCK = re.compile(
    rf"(上午|早上|早晨|清晨|中午|下午|傍晚|晚上)?\s*(\d{{1,2}}|[{_HAN_NUMBER}]{{1,3}})\s*"
    r"(?:[点點时時]\s*(半|\d{1,2}|[" + _HAN_NUMBER + r"]{1,3})?\s*分?|:(\d{2}))"
)
_HAN_PM = ("下午", "傍晚", "晚上")
_HAN_DATE = re.compile(r"(\d{1,2})\s*月\s*(\d{1,2})\s*[日号號]")


def _han_number(text: str) -> int | None:
    """'10', '十', '十一', '二十三', '两' → int (up to 99)."""
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return _HAN_DIGITS.get(tens, 1 if not tens else -100) * 10 + (
            _HAN_DIGITS.get(ones, -100) if ones else 0
        )
    return _HAN_DIGITS.get(text) if len(text) == 1 else None


def han_time(text: str, afternoon_until: int) -> time | None:
    """The first Chinese clock time in ``text`` (folded), or None."""
    for match in _HAN_CLOCK.finditer(text):
        period, hour_text, minutes_text, colon_minutes = match.groups()
        hour = _han_number(hour_text)
        minutes = 30 if minutes_text == "半" else _han_number(minutes_text or colon_minutes or "0")
        if hour is None or minutes is None or not (0 <= hour <= 23 and 0 <= minutes <= 59):
            continue
        if period in _HAN_PM or (period == "中午" and hour < 11):
            hour = hour + 12 if hour < 12 else hour
        elif period is None and colon_minutes is None and 1 <= hour <= afternoon_until:
            hour += 12  # a bare "3点" during a daytime meeting, as in the other languages
        return time(hour, minutes)
    return None


def han_month_day(text: str) -> tuple[int, int] | None:
    """'5月10日' / '5月9号' → (5, 10)."""
    match = _HAN_DATE.search(text)
    return (int(match.group(1)), int(match.group(2))) if match else None


@cache
def han_weekdays() -> dict[str, int]:
    """Babel's Chinese weekday names (星期五, 周五, 週五) → 0 = Monday; matched as substrings."""
    names: dict[str, int] = {}
    for code in ("zh", "zh_Hant"):
        locale = Locale.parse(code)
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for number, name in locale.days[context][width].items():
                    if has_han(name) and len(name) >= 2:
                        names.setdefault(name, number)
    return dict(sorted(names.items(), key=lambda item: -len(item[0])))


def han_weekday(text: str) -> tuple[int, str] | None:
    for name, number in han_weekdays().items():
        if name in text:
            return number, name
    return None
