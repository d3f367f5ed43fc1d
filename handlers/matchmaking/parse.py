"""Reading what participants type: which foundational capability they mean (rapidfuzz over names and
aliases in every language), and which working languages (names from Babel's locale data)."""

from __future__ import annotations

import re
from functools import cache

from babel import Locale
from rapidfuzz import fuzz

from bot.event import Event
from bot.text import normalise_command

CAPABILITY_CUTOFF = 85.0
MAX_CAPABILITY_WORDS = 5
# Languages whose names we read; a participant may also type ISO codes (en, fr, ar…).
NAME_LOCALES = ("en", "fr", "es", "ru", "ar", "zh")
_CJK = re.compile(r"[\u3400-\u9fff]")  # Chinese names are found inside the text: no spaces between words
_SEPARATORS = re.compile(r"\s*(?:,|;|/|\+|&|，|、|،|；|和|\band\b|\bet\b|\by\b|\bи\b)\s*")


def _phrase(text: str) -> str:
    return normalise_command(text.replace("&", " and ")).replace("-", " ")


def _capability_phrases(event: Event) -> list[tuple[str, str, bool]]:
    """(normalised phrase, capability id, is an alias) for every id, name and alias in every language."""
    phrases: list[tuple[str, str, bool]] = []
    for capability in event.capabilities:
        names = [capability.id, *capability.name.all()]
        phrases.extend((_phrase(name), capability.id, False) for name in names)
        phrases.extend((_phrase(word), capability.id, True) for _, word in capability.aliases.every())
    return phrases


def _best(candidate: str, event: Event) -> tuple[float, str | None, bool]:
    best: tuple[float, str | None, bool] = (0.0, None, False)
    for phrase, capability_id, is_alias in _capability_phrases(event):
        score = float(fuzz.ratio(candidate, phrase))
        if score > best[0]:
            best = (score, capability_id, is_alias)
    return best


def find_capability(text: str, event: Event) -> str | None:
    """The capability a short text names (“People & Skills”, “formation”, “tech”), if close enough."""
    score, capability_id, _ = _best(_phrase(text), event)
    return capability_id if score >= CAPABILITY_CUTOFF else None


def split_capability(text: str, event: Event, *, inside: bool = False) -> tuple[str | None, str]:
    """``"People and Skills: cyber-apprenticeship training"`` → ("people-skills", "cyber-apprenticeship
    training"). Without a colon: the leading words that best name a capability. A capability's name is
    taken off the text; an alias (“training”) is part of what is offered, so the text keeps it. ``inside``
    (a whole need or offer typed at once): failing that, the one capability named anywhere in it."""
    head, colon, tail = text.replace("：", ":").partition(":")
    if colon:
        capability_id = find_capability(head, event)
        if capability_id is not None:
            return capability_id, tail.strip()
    words = text.split()
    best: tuple[float, int, str | None, bool] = (0.0, 0, None, False)
    for count in range(1, min(MAX_CAPABILITY_WORDS, len(words)) + 1):
        score, capability_id, is_alias = _best(_phrase(" ".join(words[:count])), event)
        if (score, count) > best[:2]:
            best = (score, count, capability_id, is_alias)
    score, count, capability_id, is_alias = best
    if capability_id is None or score < CAPABILITY_CUTOFF:
        return (_named_inside(text, event) if inside else None), text.strip()
    return capability_id, (text if is_alias else " ".join(words[count:])).strip(" :-–")


def _named_inside(text: str, event: Event) -> str | None:
    """The one capability whose name or alias stands inside the text ("support for our national strategy"
    → policies-regulations); None when none does, or several do ("事件响应和网络安全战略": asked)."""
    padded = f" {_phrase(text)} "
    found = {
        capability_id
        for phrase, capability_id, _ in _capability_phrases(event)
        if len(phrase) >= 2 and (phrase in padded if _CJK.search(phrase) else f" {phrase} " in padded)
    }
    return found.pop() if len(found) == 1 else None


@cache
def _language_names() -> dict[str, str]:
    """Normalised language name or code → ISO 639-1 code, from Babel's locale data."""
    names: dict[str, str] = {}
    for locale_code in NAME_LOCALES:
        for code, name in Locale.parse(locale_code).languages.items():
            if len(code) == 2:
                for form in _written_forms(normalise_command(name), locale_code):
                    names.setdefault(form, code)
    for code in Locale.parse("en").languages:
        if isinstance(code, str) and len(code) == 2:
            names[code] = code
    return names


def _written_forms(name: str, locale_code: str) -> tuple[str, ...]:
    """CLDR's name and the forms people also write: Chinese 英文 beside 英语, Arabic والفرنسية ("and
    French", the conjunction joined to the word) beside الفرنسية."""
    if locale_code == "zh" and name.endswith("语"):
        return (name, name[:-1] + "文")
    if locale_code == "ar":
        return (name, "و" + name)
    return (name,)


def parse_languages(text: str) -> tuple[list[str], list[str]]:
    """``"French, English"`` / ``"fr en"`` / ``"francés y árabe"`` → (["fr", "en"], unknown words)."""
    known = _language_names()
    codes: list[str] = []
    unknown: list[str] = []
    for piece in _SEPARATORS.split(normalise_command(text)):
        candidates = [piece] if piece in known else piece.split()
        for word in candidates:
            code = known.get(word)
            if code is None:
                unknown.append(word)
            elif code not in codes:
                codes.append(code)
    return codes, [word for word in unknown if word]


def language_names(codes: list[str] | tuple[str, ...], lang: str) -> list[str]:
    names = Locale.parse(lang).languages
    return [names.get(code, code) for code in codes]
