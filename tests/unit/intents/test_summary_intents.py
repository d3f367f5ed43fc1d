"""Natural requests for a delegation's own summary, in six languages; other summaries stay elsewhere."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.context import Context, Role
from handlers.intents.rules import understand

ASKS = [
    "can I see a summary of our delegation?",
    "show our summary",
    "please give us an overview of our delegation's needs",
    "je voudrais voir le bilan de notre délégation",
    "quisiera ver el resumen de nuestra delegación",
    "покажите сводку нашей делегации",
    "أريد ملخص وفدنا",
    "我想看我们代表团的总结",
]
NOT_OURS = [
    "can I see a summary of the agenda?",
    "what is the summary of the roundtable?",
    "we'd like an overview of our schedule",
    "I need a summary of the event programme",
]


@pytest.mark.parametrize("sentence", ASKS)
def test_a_request_for_our_summary_runs_it(ctx: Context, sentence: str) -> None:
    assert understand(sentence, ctx) == "our summary"


@pytest.mark.parametrize("sentence", NOT_OURS)
def test_other_summaries_are_not_ours(ctx: Context, sentence: str) -> None:
    assert understand(sentence, ctx) != "our summary"


@pytest.mark.parametrize(
    ("sentence", "command"),
    [
        ("please export the chair's summary as markdown", "export chair-summary md"),
        ("je voudrais exporter le bilan en json", "export chair-summary json"),
        ("我想导出主席总结", "export chair-summary"),
    ],
)
def test_organisers_ask_for_the_chairs_summary(ctx: Context, sentence: str, command: str) -> None:
    assert understand(sentence, replace(ctx, role=Role.ORGANISER)) == command
