"""Which UN language a short question is written in: script first, then letters and words.

Fast and offline (microseconds, no model to load). A word known in several languages counts for each of
them in part; callers may add their own per-language words (the FAQ adds session names and question forms).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from functools import lru_cache

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Function words, question words and frequent chat words, accents stripped.
_MARKERS: dict[str, frozenset[str]] = {
    "en": _words(
        "the what when where who whom how is are was do does did can could i my we our you your me at of "
        "to for and on in which time register deadline next now today tomorrow there this that it with "
        "any please thanks thank hello hi long much many get about session sessions programme program "
        "happening after start starts begin invited whats show tell full day"
    ),
    "fr": _words(
        "le la les des du de quand ou qui quel quelle quelles quels comment est ce que qu je nous vous "
        "mon ma mes pour et a au aux une un maintenant prochain prochaine inscrire inscription date "
        "limite heure lieu bonjour merci quoi seance combien temps dure il y se trouve ensuite apres "
        "aujourd hui demain programme complet lundi mardi mercredi jeudi vendredi samedi dimanche avril "
        "mai puis peux pouvez sont dois faut presenter organise organisateurs invite invites parle traite "
        "capacites fondamentales ministres priorite presentiel salut coucou rejoindre"
    ),
    "es": _words(
        "el la los las del de que cuando donde quien quienes como cual cuales es son hay mi mis para y "
        "una un al ahora proximo proxima inscribir inscripcion registrarse plazo plazos hora lugar fecha "
        "hola gracias sesion cuanto cuanta cuantas cuantos dura esta estan trata programa completo sigue "
        "despues hoy manana lunes martes miercoles jueves viernes sabado domingo abril mayo puedo puede "
        "usar tiene tienen contacto ministros prioridad presencial invitado invitados sobre algo las me "
        "inscribo unirme unirse"
    ),
}
# Command words typed alone ("aide", "registrar") say which language the person wants the flow in: they
# weigh more than one marker word, enough to outweigh a platform locale (core.STRONG_EVIDENCE).
_COMMAND_WORDS: dict[str, frozenset[str]] = {
    # English ones too, at half weight (English commands are typed everywhere: they only break a tie), so
    # that "need Technology: a malware lab" does not turn French on its "a".
    "en": _words("need offer visibility"),
    "fr": _words(
        "aide inscrire inscription creneau rejoindre retirer modifier annuler diffuser exporter besoin offre "
        "visibilite"
    ),
    "es": _words(
        "ayuda registrar registrarse inscribir inscribirse unirme retirar cancelar modificar difundir "
        "exportar turno franja necesitamos ofrecemos visibilidad"
    ),
}
# Command names of several words ("tableau de bord"), folded: counted as one command word when the words
# stand together, so "control" alone (an English word too) says nothing.
_COMMAND_PHRASES: dict[str, tuple[str, ...]] = {
    "fr": ("tableau de bord",),
    "es": ("panel de control", "tablero"),
}
_COMMAND_WEIGHT = 2.0


def _phrase_scores(words: list[str]) -> dict[str, float]:
    spaced = f" {' '.join(words)} "
    return {
        lang: _COMMAND_WEIGHT * sum(spaced.count(f" {phrase} ") for phrase in phrases)
        for lang, phrases in _COMMAND_PHRASES.items()
    }


# Letters or punctuation that only one of the three Latin-script languages uses.
_SIGNS = {"es": set("¿¡ñáíóú"), "fr": set("èêëçàùûœîôâ")}
_SIGN_WEIGHT = 1.5
_CODE = re.compile(r"[A-Za-z]{4}-[A-Za-z]{4}")


def fold(text: str) -> str:
    """Lower case without accents: 'Réception' → 'reception'. Russian й stays й (it is a letter, not и
    with an accent). The one accent fold shared by command matching, detection and the FAQ."""
    if text.isascii():
        return text.casefold()  # nothing to decompose: most lines, kept cheap
    decomposed = unicodedata.normalize("NFKD", text.casefold()).replace("\u0438\u0306", "\u0439")
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


def _without_codes(text: str) -> str:
    """The text without tokens that carry no language: anything with a digit (join codes like 4F8A-J6WB,
    ids, times) and code-shaped XXXX-XXXX pairs; their letters would otherwise read as words ("a", "we")."""
    return " ".join(t for t in text.split() if not any(ch.isdigit() for ch in t) and not _CODE.fullmatch(t))


def detect_language(
    text: str,
    supported: tuple[str, ...] = ("en", "fr", "es", "ar", "ru", "zh"),
    extra: Mapping[str, frozenset[str]] | None = None,
    *,
    min_lead: float = 0.0,
) -> str | None:
    """The most likely supported language, or None when the text gives no clear evidence: a tie, or a
    lead over the runner-up smaller than ``min_lead`` (one marker word is worth 1)."""
    if extra is None and len(text) <= REMEMBERED_TEXT_CHARS:
        return _remembered(text, supported, min_lead)
    return _detect(text, supported, extra, min_lead)


# When a session ends the whole room asks the same few questions: their languages are remembered (a pure
# function of the text), short texts only, so the cache stays small whatever is pasted.
REMEMBERED_TEXT_CHARS = 200


@lru_cache(maxsize=4096)
def _remembered(text: str, supported: tuple[str, ...], min_lead: float) -> str | None:
    return _detect(text, supported, None, min_lead)


def _detect(
    text: str, supported: tuple[str, ...], extra: Mapping[str, frozenset[str]] | None, min_lead: float
) -> str | None:
    by_script = script_language(text)
    if by_script is not None:
        return by_script if by_script in supported else None
    lowered = text.casefold()
    scores = dict.fromkeys(_MARKERS, 0.0)
    for lang, signs in _SIGNS.items():
        scores[lang] += _SIGN_WEIGHT * sum(1 for ch in lowered if ch in signs)
    if "é" in lowered:  # shared by fr and es, but far more frequent in French
        scores["fr"] += 0.5
    word_sets = [_MARKERS, *([extra] if extra else [])]
    tokens = _WORD.findall(fold(_without_codes(text)))
    for lang, score in _phrase_scores(tokens).items():
        scores[lang] += score
    for word in tokens:
        for lang, words in _COMMAND_WORDS.items():
            weight = _COMMAND_WEIGHT / 2 if lang == "en" else _COMMAND_WEIGHT
            scores[lang] += weight if word in words else 0.0
        for sets in word_sets:
            holders = [lang for lang, words in sets.items() if word in words]
            for lang in holders:
                scores[lang] = scores.get(lang, 0.0) + 1.0 / len(holders)
    candidates = {lang: score for lang, score in scores.items() if lang in supported}
    if not candidates:
        return None
    ranked = sorted(candidates.items(), key=lambda item: item[1], reverse=True)
    runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
    if ranked[0][1] == 0 or ranked[0][1] == runner_up or ranked[0][1] - runner_up < min_lead:
        return None
    return ranked[0][0]
