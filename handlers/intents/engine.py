"""Understands a natural request in any of the six languages and answers with the command it asks for:
"i need to registr the Fiji delegation" → ``register``; "ok my colleague gave me the code W9WB-GP9N" →
``join W9WB-GP9N``. The router then runs that command as if it had been typed, so each feature keeps one
way in. A question ("how do I register?") is not a request: the FAQ answers it (and says the bot can do it).

Rules (``IntentRule``) live beside each other in this package, one module per feature; a rule names
stems — a word is matched by its beginning or, for longer words, within one or two typos (rapidfuzz) —
and Chinese stems as substrings, since Chinese does not separate words.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache

from rapidfuzz import fuzz

from bot.context import Context
from bot.i18n import available_languages, translate
from bot.i18n.detect import fold
from bot.text import normalise_command

# A stem written "=word" matches that whole word only: a short word whose typos are other words (Arabic
# "الغاء", cancel, is one letter from "الغداء", lunch).
WHOLE_WORD = "="
# A stem of at least this many letters also matches a word within TYPO_SCORE (fuzz.ratio, 0-100): one
# wrong, missing, extra or swapped letter ("registr", "regsiter", "rgister").
FUZZY_STEM_LENGTH = 5
TYPO_SCORE = 80.0
_WORD = re.compile(r"[\w'’-]+")
# Longer lines are no request the rules know (a paste, a letter).
_MAX_CHARS = 400
# How many recent lines' readings are kept, and how long a line may be to be kept.
_REMEMBERED_LINES = 1024
_REMEMBERED_CHARS = 500
_CJK = re.compile(r"[\u3400-\u9fff]")

# Phrases that make a sentence a request ("I need to…", "can we…") rather than a question about the event;
# one language per line, phrases separated by "|".
_REQUEST_PHRASES = """
i want|i'd like|id like|we'd like|wed like|would like|would love|i need|we need|need to|want to|wanna
can i|can we|could i|could we|let me|let's|please|pls|plz|help me|i wish to|we wish to|we want|i'd love
je veux|je voudrais|nous voudrions|nous voulons|je souhaite|nous souhaitons|j'aimerais|nous aimerions
besoin|puis-je|pouvons-nous|pourriez|merci de|s'il vous plait
quiero|queremos|quisiera|quisieramos|necesito|necesitamos|me gustaria|nos gustaria|puedo|podemos|deseo
deseamos|por favor
хочу|хотим|хотел|хотела|хотели|нужно|надо|можно|прошу|пожалуйста|могу|можем
أريد|نريد|أود|نود|أرغب|نرغب|بحاجة|أحتاج|نحتاج|يمكنني|يمكننا|أرجو|الرجاء|من فضلك
我想|我们想|想要|需要|我要|我们要|可以|能否|请|希望|帮我
"""
REQUEST_MARKERS = tuple(
    fold(phrase) for line in _REQUEST_PHRASES.strip().splitlines() for phrase in line.split("|") if phrase
)


@dataclass(frozen=True, slots=True)
class IntentRule:
    """``command`` when the sentence names one of ``topics`` (and one of ``also``, when given) and, unless
    ``request`` is False, asks for something — or opens with one of ``orders``, as an order does
    ("register the Fiji delegation": whole words, no typos, so "registration deadline" is no order).
    ``build`` may turn the sentence into the final command text (a code, a slot number) or refuse it.
    ``lines`` are whole lines that mean the command (button labels typed as text)."""

    command: str
    topics: tuple[str, ...] = ()
    also: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()
    request: bool = True
    orders: tuple[str, ...] = ()
    organiser: bool = False
    build: Callable[[str, str], str | None] | None = None
    lines: tuple[str, ...] = ()


def _words(folded: str) -> list[str]:
    return [word.strip("'’-") for word in _WORD.findall(folded)]


@cache
def _fold(stem: str) -> str:
    return fold(stem)


def _near(word: str, stem: str) -> bool:
    """``word`` begins with ``stem`` give or take one typo (not in its first letter: that rarely slips, and
    checking it first keeps this cheap)."""
    if word[:1] != stem[:1] or len(word) < len(stem) - 1:
        return False
    size = len(stem)
    return max(fuzz.ratio(word[: size + extra], stem) for extra in (-1, 0, 1)) >= TYPO_SCORE


@dataclass(frozen=True, slots=True)
class _Stems:
    """Folded stems: those matched inside the text (Chinese, several words), and word stems by first letter
    (a word only begins with, or is a typo of, a stem sharing its first letter: see ``_near``)."""

    inside: re.Pattern[str] | None  # any of them, as one search
    by_initial: dict[str, tuple[str, ...]]
    empty: bool  # an empty stem begins every word
    whole: frozenset[str]  # "=word" stems: that word only, no longer word and no typo


@cache
def _compiled(stems: tuple[str, ...]) -> _Stems:
    whole = frozenset(_fold(stem[1:]) for stem in stems if stem.startswith(WHOLE_WORD))
    folded = [_fold(stem) for stem in stems if not stem.startswith(WHOLE_WORD)]
    inside = tuple(stem for stem in folded if _CJK.search(stem) or " " in stem)
    by_initial: dict[str, tuple[str, ...]] = {}
    for stem in folded:
        if stem and stem not in inside:
            by_initial[stem[0]] = (*by_initial.get(stem[0], ()), stem)
    pattern = re.compile("|".join(map(re.escape, inside))) if inside else None
    return _Stems(pattern, by_initial, "" in folded, whole)


def _any_stem(stems: tuple[str, ...], words: list[str], folded: str) -> bool:
    compiled = _compiled(stems)
    if (compiled.inside and compiled.inside.search(folded)) or (compiled.empty and bool(words)):
        return True
    if compiled.whole and not compiled.whole.isdisjoint(words):
        return True
    return any(
        word.startswith(stem) or (len(stem) >= FUZZY_STEM_LENGTH and _near(word, stem))
        for word in words
        for stem in compiled.by_initial.get(word[:1], ())
    )


@cache
def _compiled_orders(orders: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Folded orders: the Chinese ones (an opening of the text, there are no words), and all of them."""
    folded = tuple(map(_fold, orders))
    return tuple(order for order in folded if _CJK.search(order)), folded


def _opens_with_order(rule: IntentRule, words: list[str], folded: str) -> bool:
    if not words:
        return False
    chinese, every = _compiled_orders(rule.orders)
    if any(folded.startswith(order) for order in chinese):
        return True
    sentence = " ".join(words)
    return any(words[0] == order or sentence.startswith(order + " ") for order in every)


_PADDED_MARKERS = tuple(f" {marker} " for marker in REQUEST_MARKERS if not _CJK.search(marker))
_CJK_MARKERS = tuple(marker for marker in REQUEST_MARKERS if _CJK.search(marker))


def is_request(text: str) -> bool:
    """Whether the sentence asks for something ("we'd like…", "أريد…", "我想…")."""
    folded = fold(text)
    padded = f" {' '.join(_words(folded))} "
    return any(m in padded for m in _PADDED_MARKERS) or any(m in folded for m in _CJK_MARKERS)


@dataclass(frozen=True)
class Intents:
    rules: tuple[IntentRule, ...]

    @cached_property
    def _lines(self) -> dict[str, IntentRule]:
        """Whole lines (typed button labels) → their rule; the first rule naming a line keeps it."""
        lines: dict[str, IntentRule] = {}
        for rule in self.rules:
            for line in rule.lines:
                lines.setdefault(normalise_command(line).rstrip(".!"), rule)
        return lines

    def understand(self, text: str, ctx: Context) -> str | None:
        """The command ``text`` asks for, or None (a question, chit-chat, something no rule knows)."""
        met = self._remembered(text) if len(text) <= _REMEMBERED_CHARS else self._rules_met(text)
        for rule, whole_line in met:
            if rule.organiser and not ctx.is_organiser:
                continue
            if whole_line:
                return rule.command
            command = rule.build(text, rule.command) if rule.build else rule.command
            if command is not None:  # a build may refuse (no code in the sentence): later rules still try
                return command
        return None

    @cached_property
    def _remembered(self) -> Callable[[str], tuple[tuple[IntentRule, bool], ...]]:
        """``_rules_met`` of the latest lines: in the busiest minute the room types the same few."""
        return lru_cache(maxsize=_REMEMBERED_LINES)(self._rules_met)

    def _rules_met(self, text: str) -> tuple[tuple[IntentRule, bool], ...]:
        """The rules ``text`` meets, whoever typed it, in the order they are tried: the rule whose button
        label it is (True: its command as it is), then each rule its words match (False)."""
        folded = fold(text).strip()
        if not folded or len(folded) > _MAX_CHARS:
            return ()
        labelled = self._lines.get(normalise_command(text).rstrip(".!"))
        words = _words(folded)
        asks = is_request(folded)
        matching = tuple((rule, False) for rule in self.rules if self._matches(rule, words, folded, asks))
        return ((labelled, True), *matching) if labelled is not None else matching

    @staticmethod
    def _matches(rule: IntentRule, words: list[str], folded: str, asks: bool) -> bool:
        if not rule.topics:
            return False
        if rule.request and not asks and not _opens_with_order(rule, words, folded):
            return False  # checked first: it is cheap, and most questions end here
        if not _any_stem(rule.topics, words, folded):
            return False
        if rule.also and not _any_stem(rule.also, words, folded):
            return False
        return not (rule.unless and _any_stem(rule.unless, words, folded))


def labels(*message_ids: str) -> tuple[str, ...]:
    """Every language's text of these catalogue messages (button labels a person may type instead)."""
    return tuple(translate(lang, mid) for lang in available_languages() for mid in message_ids)


def mentions(text: str, stems: tuple[str, ...]) -> bool:
    """Whether ``text`` names one of ``stems`` (as rules match them)."""
    folded = fold(text)
    return _any_stem(stems, _words(folded), folded)


_AFTER_COLON = re.compile(r"[:：]\s*(.+)$", re.DOTALL)


def with_what_follows(phrases: tuple[str, ...], text: str, command: str) -> str:
    """``command`` and what follows the colon or the last of ``phrases`` the text names (``offer training
    for CERT staff`` from "we can offer training for CERT staff"; ``follow le panel phare`` from "je voudrais
    suivre le panel phare"): the command reads it, or asks for what is missing."""
    after = _AFTER_COLON.search(text)
    if after is not None:
        return f"{command} {after.group(1).strip()}"
    lowered = text.casefold()
    found = [p.removeprefix(WHOLE_WORD).casefold() for p in phrases]
    ends = [lowered.rfind(p) + len(p) for p in found if p in lowered]
    return f"{command} {text[max(ends) :].strip()}".strip() if ends else command
