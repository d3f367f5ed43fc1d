"""Inside an open flow the router keeps lines that are plausibly not answers from being stored as answers:
another feature's command runs and the step is asked again; a natural request for the same flow says
"already on it"; questions and complaints reach the flow marked ``ctx.aside`` (after the FAQ's answer
when it is sure); the flow's own command words stay answers."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.asides import classify_aside
from bot.context import Context
from bot.messages import InboundMessage, Reply
from bot.router import Router
from tests.conftest import message


def _stage() -> tuple[Router, list[tuple[str, str | None, bool]]]:
    """A router with a 'title' flow that records what it was given (text, aside, answered)."""
    seen: list[tuple[str, str | None, bool]] = []

    async def faq(msg: InboundMessage, ctx: Context) -> Reply:
        return Reply("faq")

    async def pitch(msg: InboundMessage, ctx: Context) -> Reply:
        return Reply(f"pitch:{msg.text}")

    async def agenda(msg: InboundMessage, ctx: Context) -> Reply:
        return Reply("agenda")

    async def flow(msg: InboundMessage, ctx: Context) -> Reply:
        seen.append((msg.text, ctx.aside, ctx.aside_answered))
        return Reply("flow")

    async def reprompt(ctx: Context) -> Reply:
        return Reply("What is the title?")

    async def sure(msg: InboundMessage, ctx: Context) -> Reply | None:
        return Reply("Dress code: none given") if "dress" in msg.text else None

    def understand(text: str, ctx: Context) -> str | None:
        return "pitch" if "pitch slot" in text else ("agenda" if "my schedule" in text else None)

    router = Router(faq, understand=understand, side_answer=sure)
    router.command(["pitch"], pitch)
    router.command(["agenda"], agenda)
    router.flow("title", flow, reprompt=reprompt, starters=(pitch,))
    return router, seen


@pytest.fixture
def in_flow(ctx: Context) -> Context:
    return replace(ctx, flow="title")


async def test_a_plain_answer_reaches_the_flow_unmarked(in_flow: Context) -> None:
    router, seen = _stage()
    assert [r.text for r in await router.dispatch(message("Cyber Academy for All"), in_flow)] == ["flow"]
    assert seen == [("Cyber Academy for All", None, False)]


async def test_another_features_command_runs_then_the_step_is_asked_again(in_flow: Context) -> None:
    router, seen = _stage()
    replies = await router.dispatch(message("agenda"), in_flow)
    assert [r.text for r in replies] == ["agenda", "Back to where we were:\nWhat is the title?"]
    assert all(r.private for r in replies) and seen == []


async def test_the_flows_own_command_word_is_an_answer(in_flow: Context) -> None:
    router, seen = _stage()
    assert [r.text for r in await router.dispatch(message("pitch 7"), in_flow)] == ["flow"]
    assert seen == [("pitch 7", None, False)]


async def test_a_natural_request_for_the_same_flow_says_already_on_it(in_flow: Context) -> None:
    router, seen = _stage()
    replies = await router.dispatch(message("we want a pitch slot"), in_flow)
    assert [r.text for r in replies] == [
        "You are already doing this — here is where we are:\nWhat is the title?"
    ]
    assert seen == []


async def test_a_long_line_opening_with_a_command_word_stays_an_answer(in_flow: Context) -> None:
    router, seen = _stage()
    await router.dispatch(message("Agenda for a safer cyberspace"), in_flow)
    assert seen == [("Agenda for a safer cyberspace", None, False)]


async def test_a_command_word_and_one_word_may_be_the_answer_so_the_flow_asks(in_flow: Context) -> None:
    router, seen = _stage()
    assert [r.text for r in await router.dispatch(message("Agenda Org"), in_flow)] == ["flow"]
    assert seen == [("Agenda Org", "command", False)]


async def test_the_flows_own_command_with_words_after_it_reaches_the_flow(in_flow: Context) -> None:
    router, seen = _stage()
    await router.dispatch(message("pitch title Cyber for All"), in_flow)
    assert seen == [("pitch title Cyber for All", None, False)]


async def test_a_question_the_faq_is_sure_of_is_answered_and_the_flow_told(in_flow: Context) -> None:
    router, seen = _stage()
    replies = await router.dispatch(message("is there a dress code for the reception?"), in_flow)
    assert [r.text for r in replies] == ["Dress code: none given", "flow"]
    assert seen == [("is there a dress code for the reception?", "question", True)]


async def test_a_question_opened_by_wait_is_answered_too(in_flow: Context) -> None:
    router, seen = _stage()
    replies = await router.dispatch(message("wait, is there a dress code?"), in_flow)
    assert [r.text for r in replies] == ["Dress code: none given", "flow"]
    assert seen == [("wait, is there a dress code?", "question", True)]


async def test_questions_complaints_and_other_requests_reach_the_flow_marked(in_flow: Context) -> None:
    router, seen = _stage()
    for line in ("Why cyber?", "wait what, we lost our slot??", "show me my schedule"):
        await router.dispatch(message(line), in_flow)
    assert seen == [
        ("Why cyber?", "question", False),
        ("wait what, we lost our slot??", "complaint", False),
        ("show me my schedule", "command", False),
    ]


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("wait I typed 7, I wanted the 2:10 one", "complaint"),
        ("wait, when is the signature panel?", "question"),
        ("hang on, where is the reception?", "question"),
        ("attendez, où est la réception ?", "question"),
        ("wait what, we lost our slot??", "complaint"),
        ("what?? is this even working??", "complaint"),
        ("wait, that's not what I meant?", "complaint"),
        ("is there a dress code for the reception?", "question"),
        ("هل هناك قواعد للباس؟", "question"),
        ("有着装要求吗", "question"),
        ("Что надеть на прием?", "question"),
        ("¿Dónde es la recepción?", "question"),
        ("Cyber Academy for All", None),
        ("Republic of Fiji", None),
        ("Jone Tuiloma (Director Cyber Security Unit)", None),
        ("7", None),
        ("", None),
    ],
)
def test_asides_are_told_from_answers(line: str, kind: str | None) -> None:
    assert classify_aside(line) == kind
