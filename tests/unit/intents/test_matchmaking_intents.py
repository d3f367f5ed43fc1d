"""Natural matchmaking sentences in six languages → the matchmaking command the router runs."""

from __future__ import annotations

import pytest

from bot.context import Context
from handlers.intents.rules import understand

MATCHMAKING_REQUESTS = [
    ("when and where do we meet?", "my meetings"),
    ("where do we meet?", "my meetings"),
    ("what time is our meeting with them?", "my meetings"),
    ("quand et où nous rencontrons-nous ?", "my meetings"),
    ("où est-ce qu'on se retrouve ?", "my meetings"),
    ("¿cuándo y dónde nos reunimos?", "my meetings"),
    ("¿dónde es nuestra reunión?", "my meetings"),
    ("где и когда мы встречаемся?", "my meetings"),
    ("когда наша встреча?", "my meetings"),
    ("متى وأين نلتقي؟", "my meetings"),
    ("أين موعدنا؟", "my meetings"),
    ("我们什么时候在哪里见面？", "my meetings"),
    ("我们在哪里见面？", "my meetings"),
    ("pcci-provider是谁？", "谁是 pcci-provider"),
    ("斐济通信部是谁", "谁是 斐济通信部"),
    ("谁是pcci-provider？", "谁是 pcci-provider"),
]
PROGRAMME_QUESTIONS = [
    "where is the ministerial meeting?",
    "when is the matchmaking session?",
    "who is invited to the reception?",
    "où a lieu la réception ?",
]


@pytest.mark.parametrize(("sentence", "command"), MATCHMAKING_REQUESTS)
def test_natural_matchmaking_sentences_become_commands(ctx: Context, sentence: str, command: str) -> None:
    assert understand(sentence, ctx) == command


@pytest.mark.parametrize("question", PROGRAMME_QUESTIONS)
def test_programme_questions_are_not_our_meetings(ctx: Context, question: str) -> None:
    assert understand(question, ctx) not in ("my meetings", "requests")
