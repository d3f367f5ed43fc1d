"""What a question names: sessions, deadlines, capabilities, venues and the cue words of each intent.

One ``EventIndex`` per Event, built once (``index_for``): every phrase an asker may use — session titles and
aliases in all languages from the event file, question forms from ``faq_forms`` — becomes a tuple of
normalised words mapped to labels. A question is matched by exact n-gram lookup after each unknown word is
corrected to the nearest known word (rapidfuzz, at most one or two edits), so "matchmakng sesion" works.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import time, timedelta
from functools import cache, lru_cache

from babel import Locale
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from bot.event import Event, FaqEntry, Terms, Text
from bot.i18n.detect import detect_language
from handlers.faq import forms as faq_forms
from handlers.faq import scripts as faq_scripts
from handlers.faq.per_event import PerEvent
from handlers.faq.text import DayRef, day_named, parse_time, phrase, tokens, word_key

# Titles like "Lunchtime: Matchmaking Session" are also known by each side of the colon / before a bracket.
_TITLE_PARTS = re.compile(r"[:(：（]")
# Chinese has no words to correct one by one: a name of four characters or more with one wrong character
# ("欢迎招持会") is found by rapidfuzz over the whole question, and only when nothing was named exactly.
_HAN_FUZZY_CUTOFF = 80
_HAN_FUZZY_MIN_CHARS = 4
_NAMED_KINDS = frozenset({"session", "deadline", "capability", "kind"})
# The language of a question shows in its first words; a paste need not be read whole to tell it.
DETECT_CHARS = 500
# Organiser-written FAQ entries answer when the question is this close to one of their forms (0-100).
FAQ_ENTRY_CUTOFF = 86
# Each index keeps what its latest questions named (in the busiest minute the room asks the same few);
# longer questions, pastes, are read each time.
_REMEMBERED_QUESTIONS = 1024
_REMEMBERED_CHARS = 500


@dataclass(frozen=True, slots=True)
class Label:
    kind: str  # intent, session, kind, deadline, capability, event, venue
    key: str


@dataclass(frozen=True, slots=True)
class Hit:
    label: Label
    start: int
    size: int

    @property
    def end(self) -> int:
        return self.start + self.size


@dataclass(frozen=True, slots=True)
class Analysis:
    words: tuple[str, ...]
    hits: tuple[Hit, ...]
    corrections: int = 0
    unknown: int = 0
    intents: frozenset[str] = field(default_factory=frozenset)

    def keys(self, kind: str) -> list[str]:
        """Keys of one label kind in the order the question names them, without repeats."""
        return list(dict.fromkeys(h.label.key for h in self.hits if h.label.kind == kind))

    def has(self, kind: str) -> bool:
        return any(h.label.kind == kind for h in self.hits)


@dataclass(frozen=True, slots=True)
class Reading:
    """What a question names, read with the event's index alone: no clock, no person."""

    faq_entry: FaqEntry | None  # the organisers' FAQ entry it asks, if any
    seen: Analysis
    time_asked: time | None
    day: DayRef | timedelta | None  # a distance from today for 'tomorrow' (text.day_named)


def _edits_allowed(word: str) -> int:
    # Arabic words are short and built on three-letter roots: one letter apart is often another word
    # (موقف/موقع), so short Arabic words are never corrected.
    shortest = 5 if "\u0621" <= word[:1] <= "\u06d3" else 3
    return 0 if len(word) < shortest else 1 if len(word) < 8 else 2


def _text_forms(value: str) -> Iterator[str]:
    yield value
    for part in _TITLE_PARTS.split(value):
        if part.strip():
            yield part.rstrip(")）")


@cache
def _calendar_names() -> dict[str, frozenset[str]]:
    """Babel's weekday and month names per language, so they are known words (never 'corrected')."""
    names = {}
    for lang in faq_forms.INTENT_CUES["when"]:
        locale = Locale.parse(lang)
        found = {
            word_key(n) for width in ("wide", "abbreviated") for n in locale.days["format"][width].values()
        }
        found |= {
            word_key(n) for width in ("wide", "abbreviated") for n in locale.months["format"][width].values()
        }
        names[lang] = frozenset(found)
    return names


class EventIndex:
    """Phrase → labels for one event, plus the vocabulary that typos are corrected to."""

    def __init__(self, event: Event) -> None:
        self.event = event
        # Labels per phrase in the order the event file gives them (a dict, not a set: a set of strings is
        # ordered by hash, which changes with every process, and so would two sessions sharing an alias).
        self._phrases: dict[tuple[str, ...], dict[Label, None]] = {}
        self._words: dict[str, set[str]] = {}
        self._add_language_data()
        self._add_event(event)
        self.max_size = max(len(p) for p in self._phrases)
        for lang, names in _calendar_names().items():
            self._words.setdefault(lang, set()).update(names)
        # Words of two letters or more say which language a question is in ("d", "s" say nothing).
        self.lang_words = {
            lang: frozenset(w for w in words if len(w) > 1) for lang, words in self._words.items()
        }
        self.known = frozenset(w for words in self._words.values() for w in words)
        self._vocabulary = {
            lang: sorted(w for w in words if len(w) >= 4) for lang, words in self._words.items()
        }
        self._any_vocabulary = sorted(w for w in self.known if len(w) >= 4)
        self._han_names = {
            "".join(key): labels
            for key, labels in self._phrases.items()
            if len(key) >= _HAN_FUZZY_MIN_CHARS
            and all(len(w) == 1 and faq_scripts.has_han(w) for w in key)
            and any(label.kind in _NAMED_KINDS for label in labels)
        }
        self._han_fillers: dict[str, list[tuple[str, ...]]] = {}  # first character → filler phrases
        for filler in map(phrase, faq_forms.STOPWORDS.get("zh", ())):
            self._han_fillers.setdefault(filler[0], []).append(filler)
        # Organiser-written FAQ entries: folded question form → entry id.
        self.faq_forms = {" ".join(phrase(q)): e.id for e in event.faq for _, q in e.questions.every()}
        # Pure functions of the question and this event, so kept with the index: a new event, a new index.
        self._remembered_language = lru_cache(maxsize=_REMEMBERED_QUESTIONS)(self._language)
        self._remembered_reading = lru_cache(maxsize=_REMEMBERED_QUESTIONS)(self._read)

    def language(self, question: str) -> str | None:
        """The event language the question is written in, if it shows (bot.i18n.detect)."""
        return self._remembered_language(question[:DETECT_CHARS])

    def _language(self, opening: str) -> str | None:
        return detect_language(opening, tuple(self.event.languages), self.lang_words)

    def read(self, question: str, lang: str) -> Reading:
        """What the question names; ``lang`` is its language as far as known (typos are corrected to it)."""
        if len(question) > _REMEMBERED_CHARS:
            return self._read(question, lang)
        return self._remembered_reading(question, lang)

    def _read(self, question: str, lang: str) -> Reading:
        words = tokens(question)
        entry = self._faq_entry(words) if words else None
        years = sorted({session.start.year for session in self.event.sessions})
        return Reading(entry, self.analyse(words, lang), parse_time(question), day_named(question, years))

    def _faq_entry(self, words: list[str]) -> FaqEntry | None:
        if not self.faq_forms:
            return None
        best = process.extractOne(
            " ".join(words), list(self.faq_forms), scorer=fuzz.token_sort_ratio, score_cutoff=FAQ_ENTRY_CUTOFF
        )
        if best is None:
            return None
        return next(e for e in self.event.faq if e.id == self.faq_forms[best[0]])

    def _add(self, lang: str, text: str | Iterable[str], label: Label | None) -> None:
        for item in [text] if isinstance(text, str) else text:
            key = phrase(item)
            self._words.setdefault(lang, set()).update(key)
            if key and label is not None:
                self._phrases.setdefault(key, {})[label] = None

    def _add_text(self, text: Text, label: Label, parts: bool = False) -> None:
        for lang, value in text.root.items():
            self._add(lang, _text_forms(value) if parts else value, label)

    def _add_terms(self, terms: Terms, label: Label) -> None:
        for lang, word in terms.every():
            self._add(lang, word, label)

    def _add_language_data(self) -> None:
        tables = [(Label("intent", i), t) for i, t in faq_forms.INTENT_CUES.items()]
        tables += [(Label("kind", k), t) for k, t in faq_forms.KIND_WORDS.items()]
        tables.append((Label("event", "event"), faq_forms.EVENT_WORDS))
        for label, by_lang in tables:
            for lang, forms in by_lang.items():
                self._add(lang, forms, label)
        # Frequent words, and the words of days and clock times, are known: never "corrected" ("غدا",
        # tomorrow, is not "غداء", lunch) nor counted as unknown.
        known_only = [faq_forms.STOPWORDS, *faq_forms.RELATIVE_DAYS.values(), faq_forms.AT_TIME]
        known_only += [faq_forms.AM_WORDS, faq_forms.PM_WORDS, faq_forms.NOON, faq_forms.MIDNIGHT]
        for table in known_only:
            for lang, forms in table.items():
                self._add(lang, forms, None)

    def _add_event(self, event: Event) -> None:
        for name in event.names.values():
            self._add_text(name, Label("event", "event"))
        for session in event.sessions:
            self._add_text(session.title, Label("session", session.id), parts=True)
            self._add_terms(session.aliases, Label("session", session.id))
        for deadline in event.deadlines:
            self._add_text(deadline.title, Label("deadline", deadline.id), parts=True)
            self._add_terms(deadline.aliases, Label("deadline", deadline.id))
        for capability in event.capabilities:
            self._add_text(capability.name, Label("capability", capability.id))
            self._add_terms(capability.aliases, Label("capability", capability.id))
        self._add_venues(event)

    def _add_venues(self, event: Event) -> None:
        """A venue is named by the words of its name that no other venue's name uses ('mission')."""
        words = {
            v.id: {(lang, w) for lang, name in v.name.root.items() for w in tokens(name)}
            for v in event.venues
        }
        shared = Counter(w for names in words.values() for _, w in names)
        for venue_id, names in words.items():
            for lang, word in names:
                distinctive = shared[word] == 1 and len(word) >= 5
                self._add(lang, word, Label("venue", venue_id) if distinctive else None)
        self._add_han_venue_pairs(event)

    def _add_han_venue_pairs(self, event: Event) -> None:
        """Chinese names have no words: a venue is named by a pair of characters that only its name has and no
        other phrase uses ('加坡' of 新加坡, '总部'), so "新加坡代表团在哪里" finds the mission."""
        pairs = {
            v.id: {
                (lang, name[i : i + 2])
                for lang, name in v.name.root.items()
                for i in range(len(name) - 1)
                if faq_scripts.has_han(name[i]) and faq_scripts.has_han(name[i + 1])
            }
            for v in event.venues
        }
        shared = Counter(pair for found in pairs.values() for _, pair in found)
        elsewhere = {"".join(key[i : i + 2]) for key in self._phrases for i in range(len(key) - 1)}
        for venue_id, found in pairs.items():
            for lang, pair in found:
                if shared[pair] == 1 and pair not in elsewhere:
                    self._add(lang, pair, Label("venue", venue_id))

    def correct(self, words: list[str], lang: str | None) -> tuple[list[str], list[int], int]:
        """Each unknown word replaced by the nearest known word of the question's language.

        Returns the words, the positions corrected, and how many words stayed unknown."""
        vocabulary = self._vocabulary.get(lang, self._any_vocabulary) if lang else self._any_vocabulary
        fixed, corrected, unknown = list(words), [], 0
        for position, word in enumerate(words):
            budget = _edits_allowed(word)
            if word in self.known or not budget or not word.isalpha():
                continue
            best = process.extractOne(word, vocabulary, scorer=OSA.distance, score_cutoff=budget)
            if best is None:
                unknown += 1
            else:
                corrected.append(position)
                fixed[position] = best[0]
        return fixed, corrected, unknown

    def analyse(self, raw_words: list[str], lang: str | None = None) -> Analysis:
        words, corrected, unknown = self.correct(raw_words, lang)
        found = [
            Hit(label, start, size)
            for start in range(len(words))
            for size in range(1, min(self.max_size, len(words) - start) + 1)
            for label in self._phrases.get(tuple(words[start : start + size]), ())
        ]
        if not any(h.label.kind in _NAMED_KINDS for h in found):
            guessed = self._han_guess(words)
            found += guessed
            corrected += [h.start for h in guessed[:1]]
        entities = _longest_first([h for h in found if h.label.kind != "intent"])
        cues = _longest_first([h for h in found if h.label.kind == "intent"])
        hits = tuple(sorted(entities + cues, key=lambda h: (h.start, -h.size)))
        intents = frozenset(h.label.key for h in cues)
        # A correction that lands on no phrase ("food" → "fold") only hid a word we do not know.
        useful = [p for p in corrected if any(h.start <= p < h.end for h in hits)]
        unknown += len(corrected) - len(useful) + self._han_unknown(words, found)
        return Analysis(tuple(words), hits, len(useful), unknown, intents)

    def _han_guess(self, words: list[str]) -> list[Hit]:
        """The Chinese name closest to a stretch of the question (one character per word), if close enough."""
        if not self._han_names or not any(faq_scripts.has_han(w) for w in words):
            return []
        text = "".join(w if len(w) == 1 else "\x00" for w in words)  # keeps one character per word
        best = process.extractOne(
            text, list(self._han_names), scorer=fuzz.partial_ratio, score_cutoff=_HAN_FUZZY_CUTOFF
        )
        if best is None:
            return []
        where = fuzz.partial_ratio_alignment(best[0], text)
        if where is None:
            return []
        size = where.dest_end - where.dest_start
        return [Hit(label, where.dest_start, size) for label in self._han_names[best[0]]]

    def _han_unknown(self, words: list[str], hits: Iterable[Hit]) -> int:
        """Chinese stretches of two characters or more that no phrase or filler word covers ('茶水').

        Single characters never count as unknown words, so this is how a Chinese question about something
        the event file does not know is told apart from one it does."""
        if not any(faq_scripts.has_han(w) for w in words):
            return 0
        covered = {p for h in hits for p in range(h.start, h.end)}
        for start in range(len(words)):
            for filler in self._han_fillers.get(words[start], ()):
                if tuple(words[start : start + len(filler)]) == filler:
                    covered.update(range(start, start + len(filler)))
        runs, run = 0, 0
        for position, word in enumerate([*words, ""]):
            if position not in covered and len(word) == 1 and faq_scripts.has_han(word):
                run += 1
                continue
            runs += run >= 2
            run = 0
        return runs


def _longest_first(hits: list[Hit]) -> list[Hit]:
    """Keep the longest matches; a shorter one overlapping a kept one is dropped (ties are all kept)."""
    kept: list[Hit] = []
    for hit in sorted(hits, key=lambda h: (-h.size, h.start)):
        overlapping = [k for k in kept if k.start < hit.end and hit.start < k.end]
        if all(k.size == hit.size and (k.start, k.end) == (hit.start, hit.end) for k in overlapping):
            kept.append(hit)
    return kept


# The event's index, built on first use; a reloaded event file gets a new one.
index_for: PerEvent[EventIndex] = PerEvent(EventIndex)
