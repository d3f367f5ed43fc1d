"""One neutral core: the same question asked on Slack and on Teams, through each real server, gets the
same answer text as the core gives in the terminal."""

from __future__ import annotations

import html
from collections.abc import AsyncIterator, Awaitable, Callable

import pytest

from bot.event import Event
from service.bootstrap import Bot
from tests.conftest import MutableClock, message
from tests.e2e.conftest import SlackServer
from tests.e2e.fake_connector import TeamsRig, teams_server

Ask = Callable[[str], Awaitable[str]]

QUESTIONS = [
    "when is the welcome reception?",
    "où a lieu la réception ?",
    "¿cuáles son los plazos?",
    "what's on Friday?",
    "help",
]


@pytest.fixture
async def teams(event: Event, clock: MutableClock) -> AsyncIterator[TeamsRig]:
    async with teams_server(event, clock) as rig:
        yield rig


def _via_slack(server: SlackServer) -> Ask:
    async def ask(question: str) -> str:
        before = len(server.api.calls_to("chat.postMessage"))
        await server.send.direct_message(question, user="U777")
        posts = await server.api.wait_for("chat.postMessage", count=before + 1)
        return html.unescape(str(posts[before].params["text"]))  # Slack escapes exactly & < >

    return ask


def _via_teams(rig: TeamsRig) -> Ask:
    async def ask(question: str) -> str:
        before = len(rig.connector.posted)
        await rig.post(rig.activity(text=question, user="29:delegate-777"))
        return "\n".join(p.text for p in rig.connector.posted[before:])

    return ask


@pytest.fixture(params=["slack", "teams"])
def ask(request: pytest.FixtureRequest, slack_server: SlackServer, teams: TeamsRig) -> Ask:
    return _via_slack(slack_server) if request.param == "slack" else _via_teams(teams)


@pytest.mark.parametrize("question", QUESTIONS)
async def test_each_platform_gives_the_core_answer(ask: Ask, question: str, bot: Bot) -> None:
    expected = "\n".join(r.plain_text() for r in await bot.handle(message(question, user="core-777")))
    assert " ".join((await ask(question)).split()) == " ".join(expected.split())


async def test_slack_and_teams_answer_alike(slack_server: SlackServer, teams: TeamsRig) -> None:
    for question in QUESTIONS:
        slack_answer, teams_answer = (
            await _via_slack(slack_server)(question),
            await _via_teams(teams)(question),
        )
        assert " ".join(slack_answer.split()) == " ".join(teams_answer.split()), question
