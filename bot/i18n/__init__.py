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
    if not params:
        return template
    for name, value in params.items():
        # A value that ends a sentence itself (Russian dates end in "г.", abbreviations in ".") is not
        # followed by the template's own full stop: "19 апреля 2024 г.", not "г..".
        if isinstance(value, str) and value.endswith(".") and "{" + name + "}." in template:
            template = template.replace("{" + name + "}.", "{" + name + "}")
    return template.format(**params)
