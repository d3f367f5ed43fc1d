"""Real Slack and Teams request bodies, collected from public repositories (../shared/realworld/, sources in
its SOURCES.md), replayed against the real server: each gets its expected status, reply or silence (and
reply channel where the file names one), no error is logged, and /healthz answers after each.

The files are read where they are and never copied here: they come from other projects. Per file, as the
corpus's harness does, Slack bodies are signed with the test secret and a fresh timestamp, a
``response_url`` is pointed at the fake Slack and a Teams ``serviceUrl`` at the fake connector; the bot is
taken to be installed in the workspace the payload comes from.
"""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest

from adapters.slack import parse
from bot.event import Event
from tests.conftest import MutableClock
from tests.e2e.conftest import SlackServer
from tests.e2e.fake_connector import TeamsRig, teams_server

REALWORLD = Path(__file__).resolve().parents[3] / "shared" / "realworld"
SLACK_FILES = sorted(REALWORLD.glob("slack/*.json"))
TEAMS_FILES = sorted(REALWORLD.glob("teams/*.json"))
# Every way a Slack answer reaches a person.
ANSWERS = {"chat.postMessage", "chat.postEphemeral", "response_url", "views.publish", "views.open"}
JSON_BODIES = {"event_callback", "url_verification", "app_rate_limited"}


def _load(path: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    raw = json.loads(path.read_text(encoding="utf-8"))
    body = {k: v for k, v in raw.items() if not k.startswith("_")}
    meta = {k.lstrip("_"): v for k, v in raw.items() if k.startswith("_")}
    return body, meta


def test_the_corpus_is_there_and_whole() -> None:
    assert REALWORLD.is_dir(), f"{REALWORLD} is missing: CI lays shared/ beside the clone"
    assert (len(SLACK_FILES), len(TEAMS_FILES)) == (41, 26)


# --- Slack


def _slack_request(body: dict[str, Any]) -> tuple[str, str]:
    """The body as Slack sends it: JSON for the Events API, a form for commands, ``payload=`` for clicks."""
    if body.get("type") in JSON_BODIES:
        return json.dumps(body), "application/json"
    if "command" in body or "ssl_check" in body:
        return urlencode({k: str(v) for k, v in body.items()}), "application/x-www-form-urlencoded"
    return urlencode({"payload": json.dumps(body)}), "application/x-www-form-urlencoded"


@pytest.fixture
def no_errors(caplog: pytest.LogCaptureFixture) -> AsyncIterator[pytest.LogCaptureFixture]:
    caplog.set_level(logging.WARNING)
    yield caplog
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]
    assert errors == [], [r.getMessage() for r in errors]


@pytest.mark.parametrize("path", SLACK_FILES, ids=[p.stem for p in SLACK_FILES])
async def test_slack_payload(slack_server: SlackServer, path: Path, no_errors: object) -> None:
    body, meta = _load(path)
    if "response_url" in body:
        body["response_url"] = slack_server.api.response_url(path.stem)
    teams = parse.workspaces(body)
    if teams:
        slack_server.adapter.team_id = sorted(teams)[0]
    status, text = await slack_server.send.post(*_slack_request(body))
    await slack_server.settle()
    answers = [c for c in slack_server.api.calls if c.method in ANSWERS]

    assert status == meta.get("status", 200)
    expect = meta["expect"]
    if expect == "reply":
        assert len(answers) == 1, [c.method for c in answers]
    elif expect == "ignore":
        assert answers == []
    elif expect == "challenge":
        assert body["challenge"] in text
    if answers and meta.get("reply_via"):
        assert {c.method for c in answers} <= set(meta["reply_via"])
    health, _ = await slack_server.send.post("", "text/plain", signed=False)
    assert health == 401  # the endpoint is still up and still checking


# --- Teams


@pytest.fixture
async def teams(event: Event, clock: MutableClock) -> AsyncIterator[TeamsRig]:
    async with teams_server(event, clock) as rig:
        yield rig


async def _replay_teams(teams: TeamsRig, path: Path) -> tuple[int, list[str]]:
    body, _ = _load(path)
    body["serviceUrl"] = teams.connector.base_url
    before = len(teams.connector.posted)
    response = await teams.post(body)
    return response.status, [p.text for p in teams.connector.posted[before:]]


@pytest.mark.parametrize("path", TEAMS_FILES, ids=[p.stem for p in TEAMS_FILES])
async def test_teams_payload(teams: TeamsRig, path: Path, no_errors: object) -> None:
    _, meta = _load(path)
    like = meta.get("reply_like")
    expected_text = (await _replay_teams(teams, path.with_name(f"{like}.json")))[1] if like else None
    status, replies = await _replay_teams(teams, path)

    assert status == meta.get("status", 200)
    if meta["expect"] == "reply":
        assert len(replies) == 1, replies
    elif meta["expect"] == "ignore":
        assert replies == []
    if expected_text is not None:
        assert replies == expected_text
    async with teams.http.get(f"{teams.url}/healthz") as health:
        assert health.status == 200
