"""Which UN language a short question is written in: script first, then function words."""

from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)

# Function and question words frequent in short questions, by language (accents stripped).
_MARKERS: dict[str, frozenset[str]] = {
    "en": frozenset(
        [
            "the",
            "what",
            "when",
            "where",
            "who",
            "how",
            "is",
            "are",
            "do",
            "does",
            "can",
            "i",
            "my",
            "we",
            "at",
            "of",
            "to",
            "for",
            "and",
            "on",
            "in",
            "which",
            "time",
            "register",
            "deadline",
            "next",
            "now",
            "today",
        ]
    ),
    "fr": frozenset(
        [
            "le",
            "la",
            "les",
            "des",
            "du",
            "de",
            "quand",
            "ou",
            "qui",
            "quel",
            "quelle",
            "quelles",
            "quels",
            "comment",
            "est",
            "ce",
            "que",
            "qu",
            "je",
            "nous",
            "mon",
            "ma",
            "mes",
            "pour",
            "et",
            "a",
            "au",
            "aux",
            "une",
            "un",
            "est-ce",
            "maintenant",
            "prochain",
            "prochaine",
            "inscrire",
            "inscription",
            "date",
            "limite",
            "heure",
            "lieu",
        ]
    ),
    "es": frozenset(
        [
            "el",
            "los",
            "las",
            "del",
            "que",
            "cuando",
            "donde",
            "quien",
            "quienes",
            "como",
            "cual",
            "cuales",
            "es",
            "son",
            "hay",
            "mi",
            "mis",
            "para",
            "y",
            "una",
            "un",
            "al",
            "ahora",
            "proximo",
            "proxima",
            "inscribir",
            "inscripcion",
            "registrarse",
            "plazo",
            "hora",
            "lugar",
            "fecha",
        ]
    ),
}
# Accented letters or punctuation that only one of the three Latin-script languages uses.
_SIGNS = {"es": set("¿¡ñ"), "fr": set("èêëçàùûœ")}


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def script_language(text: str) -> str | None:
    """ar, ru or zh from the writing system alone; None for Latin script."""
    counts = {"ar": 0, "ru": 0, "zh": 0}
    for ch in text:
        code = ord(ch)
        if 0x0600 <= code <= 0x06FF or 0x0750 <= code <= 0x077F or 0xFB50 <= code <= 0xFEFF:
            counts["ar"] += 1
        elif 0x0400 <= code <= 0x04FF:
            counts["ru"] += 1
        elif 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF:
            counts["zh"] += 1
    lang, count = max(counts.items(), key=lambda item: item[1])
    return lang if count else None


def detect_language(
    text: str, supported: tuple[str, ...] = ("en", "fr", "es", "ar", "ru", "zh")
) -> str | None:
    """The most likely supported language, or None when the text gives no evidence."""
    by_script = script_language(text)
    if by_script is not None:
        return by_script if by_script in supported else None
    lowered = text.casefold()
    scores = dict.fromkeys(_MARKERS, 0.0)
    for lang, signs in _SIGNS.items():
        scores[lang] += 1.5 * sum(1 for ch in lowered if ch in signs)
    if "é" in lowered:  # shared by fr and es, but far more frequent in French
        scores["fr"] += 0.5
    for word in _WORD.findall(_fold(text)):
        for lang, markers in _MARKERS.items():
            if word in markers:
                scores[lang] += 1.0
    candidates = {lang: score for lang, score in scores.items() if lang in supported}
    if not candidates:
        return None
    best = max(candidates, key=lambda lang: candidates[lang])
    ranked = sorted(candidates.values(), reverse=True)
    if ranked[0] == 0 or (len(ranked) > 1 and ranked[0] == ranked[1]):
        return None
    return best
