"""The evaluation set (tests/data/faq_eval.yaml): size, accuracy floor, and every unsafe input handled."""

from __future__ import annotations

import pytest

from bot.event import Event, load_event
from tests.faq_eval import Case, load_cases, problems, run

ACCURACY_FLOOR = 0.95
SAFE_INTENTS = {"unsure", "help", "too_long"}


def test_the_set_is_large_and_covers_every_language(event: Event) -> None:
    cases = load_cases(event)
    assert len(cases) >= 150
    assert {c.lang for c in cases} == {"en", "fr", "es", "ar", "ru", "zh"}
    for lang in ("ar", "ru", "zh"):  # the issue asks for at least 20 questions in each of these
        assert sum(c.lang == lang and c.force is None for c in cases) >= 20, lang
    assert sum(c.intent in SAFE_INTENTS for c in cases) >= 20


def test_accuracy_meets_the_floor(event: Event) -> None:
    cases = load_cases(event)
    failures = {c.label: problems(c, run(c, event)) for c in cases}
    failures = {label: found for label, found in failures.items() if found}
    accuracy = 1 - len(failures) / len(cases)
    assert accuracy >= ACCURACY_FLOOR, failures


def _unsafe_cases() -> list[Case]:
    event = load_event()
    return [c for c in load_cases(event) if c.intent in SAFE_INTENTS]


@pytest.mark.parametrize("case", _unsafe_cases(), ids=lambda c: c.label[:30])
def test_out_of_scope_and_hostile_input_is_never_answered_with_a_guess(event: Event, case: Case) -> None:
    assert problems(case, run(case, event)) == []
