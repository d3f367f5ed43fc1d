"""Static bot texts in gettext catalogues: bot/i18n/locales/<lang>/LC_MESSAGES/<domain>.po.

Each feature keeps its own domain file (messages.po for the core, faq.po, registration.po, …); all the
domains of a language are merged, so message ids must be unique across them (prefix them by feature).

Message ids are stable keys (``error.unexpected``); English is the fallback for a missing translation.
Placeholders use ``str.format`` names: ``{contact}``.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from babel.messages.pofile import read_po

LOCALES = Path(__file__).parent / "locales"
FALLBACK = "en"


@cache
def catalogue(lang: str) -> dict[str, str]:
    merged: dict[str, str] = {}
    for path in sorted((LOCALES / lang / "LC_MESSAGES").glob("*.po")):
        with path.open("rb") as handle:
            parsed = read_po(handle, locale=lang)
        merged.update(
            (str(m.id), str(m.string)) for m in parsed if m.id and isinstance(m.string, str) and m.string
        )
    return merged


def available_languages() -> list[str]:
    return sorted(p.name for p in LOCALES.iterdir() if any((p / "LC_MESSAGES").glob("*.po")))


def translate(lang: str, message_id: str, /, **params: object) -> str:
    template = catalogue(lang).get(message_id) or catalogue(FALLBACK).get(message_id) or message_id
    return template.format(**params) if params else template
