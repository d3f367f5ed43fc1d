"""The shape of the Q&A engine's language data: phrases per language, written one compact line a language."""

from __future__ import annotations

Phrases = dict[str, tuple[str, ...]]


def forms(text: str) -> tuple[str, ...]:
    """'when, what time, which day' → ('when', 'what time', 'which day'): one compact line a language."""
    return tuple(part.strip() for part in text.split(",") if part.strip())


def merged(base: dict[str, Phrases], extra: dict[str, Phrases]) -> dict[str, Phrases]:
    """Per-key tables with each key's languages added: {'when': {'en': …}} + {'when': {'ar': …}}."""
    return {key: {**base.get(key, {}), **extra.get(key, {})} for key in {**base, **extra}}
