"""Intents remember what a line's words match, never who typed it: the role is checked on every call."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.context import Context, Role
from handlers.intents.engine import IntentRule, Intents
from handlers.intents.rules import INTENTS

ORGANISER_REQUEST = "send a reminder to delegations that havent registered yet"


def test_an_organiser_request_stays_the_organisers_whoever_typed_it_first(ctx: Context) -> None:
    organiser = replace(ctx, role=Role.ORGANISER)
    delegate_first, organiser_first = Intents(INTENTS.rules), Intents(INTENTS.rules)
    assert delegate_first.understand(ORGANISER_REQUEST, ctx) == "remind others"  # told it is not theirs
    assert delegate_first.understand(ORGANISER_REQUEST, organiser) == "broadcast unregistered-delegations"
    assert organiser_first.understand(ORGANISER_REQUEST, organiser) == "broadcast unregistered-delegations"
    assert organiser_first.understand(ORGANISER_REQUEST, ctx) == "remind others"


def test_an_organisers_button_label_typed_by_a_delegate_goes_on_to_the_rules(ctx: Context) -> None:
    intents = Intents(
        (
            IntentRule("remind", lines=("Remind them",), organiser=True),
            IntentRule("help", topics=("remind",), request=False),
        )
    )
    organiser = replace(ctx, role=Role.ORGANISER)
    for _ in range(2):  # read, then remembered
        assert intents.understand("remind them!", ctx) == "help"
        assert intents.understand("remind them!", organiser) == "remind"


def test_a_build_runs_on_every_call_with_the_line_as_typed(ctx: Context) -> None:
    typed: list[str] = []

    def build(text: str, command: str) -> str:
        typed.append(text)
        return f"{command} {len(typed)}"

    intents = Intents((IntentRule("pitch", topics=("pitch",), request=False, build=build),))
    assert [intents.understand("Pitch please", ctx) for _ in range(2)] == ["pitch 1", "pitch 2"]
    assert typed == ["Pitch please", "Pitch please"]


_LINES = st.one_of(
    st.text(max_size=60),
    st.sampled_from(["we need to cancel our pitch", "我想注册斐济代表团", "export the registrations please"]),
)


# ctx is only read, never changed: sharing it between examples is safe.
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(line=_LINES, organiser_first=st.booleans())
def test_a_remembered_line_reads_as_it_did_the_first_time(
    ctx: Context, line: str, organiser_first: bool
) -> None:
    organiser = replace(ctx, role=Role.ORGANISER)
    people = [organiser, ctx] if organiser_first else [ctx, organiser]
    fresh = [Intents(INTENTS.rules).understand(line, person) for person in people]
    remembering = Intents(INTENTS.rules)
    assert [remembering.understand(line, person) for person in people * 2] == fresh * 2
