"""A placeholder whose value already ends a sentence is not followed by a second full stop."""

from __future__ import annotations

from datetime import date

from bot.i18n import translate
from handlers.shared.timefmt import long_date

DUE = date(2024, 4, 19)


def test_a_russian_date_ending_in_a_full_stop_gets_no_second_one() -> None:
    due = long_date(DUE, "ru")
    assert due.endswith("г.")  # Babel's Russian long date: "19 апреля 2024 г."
    text = translate("ru", "reminders.deadline_today", title="Регистрация", date=due)
    assert text.endswith(due) and not text.endswith("..")


def test_other_values_keep_the_templates_full_stop() -> None:
    due = long_date(DUE, "en")
    text = translate("en", "reminders.deadline_today", title="Registration", date=due)
    assert text.endswith(due + ".")
