"""Static bot texts in gettext catalogues (bot/i18n/locales/<lang>/LC_MESSAGES/messages.po).

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
    path = LOCALES / lang / "LC_MESSAGES" / "messages.po"
    if not path.exists():
        return {}
    with path.open("rb") as handle:
        parsed = read_po(handle, locale=lang)
    return {str(m.id): str(m.string) for m in parsed if m.id and isinstance(m.string, str) and m.string}


def available_languages() -> list[str]:
    return sorted(p.name for p in LOCALES.iterdir() if (p / "LC_MESSAGES" / "messages.po").exists())


def translate(lang: str, message_id: str, **params: object) -> str:
    template = catalogue(lang).get(message_id) or catalogue(FALLBACK).get(message_id) or message_id
    return template.format(**params) if params else template
