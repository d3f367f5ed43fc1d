"""A fictional second edition of the Global Roundtable — TEST DATA ONLY, invented for tests of issue 15.

Nothing here is a fact about any real meeting: it is the bundled event file with every date moved one
year on, another id, and ``series.previous`` naming the bundled (2024) edition, so that tests can hold
both editions in one database.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import yaml

from bot.event import BUNDLED_EVENT, Event

SECOND_EDITION_ID = "test-only-global-roundtable-second-edition"
FIRST_EDITION_ID = "global-roundtable-2024"
# 10 April 2025, 09:00 in New York: the (fictional) second edition is being prepared.
SECOND_EDITION_PREPARATION = datetime.fromisoformat("2025-04-10T09:00:00-04:00")


def second_edition() -> Event:
    text = BUNDLED_EVENT.read_text(encoding="utf-8").replace("2024-", "2025-")
    data: dict[str, Any] = yaml.safe_load(text)
    data["id"] = SECOND_EDITION_ID
    data["series"] = {
        "organiser_setting": True,
        "id": "global-roundtable",
        "edition": {"en": "second edition (test data)", "fr": "deuxième édition (données de test)"},
        "previous": FIRST_EDITION_ID,
    }
    return Event.model_validate(data)
