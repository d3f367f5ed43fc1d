"""Free text typed by users, made safe to store: control characters out, length bounded, links checked."""

from __future__ import annotations

import unicodedata

from pydantic import HttpUrl, TypeAdapter, ValidationError

from bot.errors import DomainError
from bot.text import normalise_command

_HTTP_URL = TypeAdapter(HttpUrl)


def clean_text(text: str, limit: int, too_long: str) -> str | None:
    """Printable text on one line, or None when nothing is left; longer than ``limit`` → the domain
    error ``too_long`` (a message id of the caller's feature, with ``{limit}``)."""
    printable = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in text)
    cleaned = " ".join(printable.split())
    if len(cleaned) > limit:
        raise DomainError(too_long, limit=limit)
    return cleaned or None


# Ids and slot numbers people type are small; a longer number is a typo or an attack, and would overflow
# the database's 64-bit integers.
MAX_NUMBER_DIGITS = 9


def number(text: str) -> int | None:
    """'7', '#12' → 7, 12; None for anything else, including '²', '٣' and 30-digit numbers."""
    digits = text.strip().removeprefix("#")
    if not (digits.isascii() and digits.isdigit()) or len(digits) > MAX_NUMBER_DIGITS:
        return None
    return int(digits)


def web_link(text: str) -> str | None:
    """An http(s) URL with a host (pydantic's HttpUrl rules), or None."""
    candidate = text.strip()
    if not candidate or len(candidate) > 500 or any(ch.isspace() for ch in candidate):
        return None
    try:
        return str(_HTTP_URL.validate_python(candidate))
    except ValidationError:
        return None


def words_after(text: str, count: int) -> str:
    """The user's own words after the first ``count`` (case and accents kept), mention and slash dropped."""
    words = text.strip().lstrip("/").split()
    if words and (words[0].startswith("<@") or words[0].startswith("@")):
        words = words[1:]
    return " ".join(words[count:])


def rest_after(text: str, words: tuple[str, ...]) -> str:
    """The words after the longest command word the text starts with, normalised: `change e-mail` →
    'e-mail'; the whole text when it starts with none."""
    said = normalise_command(text)
    for word in sorted((normalise_command(w) for w in words), key=len, reverse=True):
        if said == word or said.startswith(word + " "):
            return said[len(word) :].strip()
    return said


def command_tokens(text: str) -> list[str]:
    return normalise_command(text).split()
