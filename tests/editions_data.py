"""A fictional second edition of the Global Roundtable — TEST DATA ONLY, invented for tests of issue 15.

Nothing here is a fact about any real meeting: it is the bundled event file with every date moved 364 days
on (the same weekday a year later), another id, and ``series.previous`` naming the bundled (2024) edition,
so that tests can hold both editions in one database.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import yaml

from bot.event import BUNDLED_EVENT, Event

FIRST_EDITION_ID = "global-roundtable-2024"
SECOND_EDITION_ID = "test-roundtable-second-edition"  # fictional
SHIFT = timedelta(days=364)
EDITION_NAMES = {
    "en": "second edition",
    "fr": "deuxième édition",
    "es": "segunda edición",
    "ru": "второй выпуск",
    "ar": "الدورة الثانية",
    "zh": "第二届",
}
# 10 April 2025, 09:00 in New York: the (fictional) second edition is being prepared.
SECOND_EDITION_PREPARATION = datetime.fromisoformat("2025-04-10T09:00:00-04:00")


def _shifted(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value + SHIFT
    if isinstance(value, dict):
        return {key: _shifted(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_shifted(item) for item in value]
    return value


def second_edition() -> Event:
    """The bundled event file with another id, a year later, naming the 2024 Roundtable as its previous
    edition; validated by the event file's own model."""
    data = _shifted(yaml.safe_load(BUNDLED_EVENT.read_text(encoding="utf-8")))
    data["id"] = SECOND_EDITION_ID
    data["series"] = {
        "organiser_setting": True,
        "id": "global-roundtable",
        "edition": EDITION_NAMES,
        "previous": FIRST_EDITION_ID,
        "previous_edition": {"en": "2024", "zh": "2024年"},
    }
    return Event.model_validate(data)
