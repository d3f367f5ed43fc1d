"""/api/messages refuses what is not a Teams activity for this bot before botbuilder sees it, and never
remembers a channel or thread as the place for private messages."""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest

from bot.context import DeliveryStatus
from bot.event import Event
from bot.messages import Notice, Reply, UserRef
from storage.repositories import SeenIn
from tests.conftest import MutableClock
from tests.e2e.fake_connector import TeamsRig, teams_server


@pytest.fixture
async def teams(event: Event, clock: MutableClock) -> AsyncIterator[TeamsRig]:
    async with teams_server(event, clock) as rig:
        yield rig


async def _raw(teams: TeamsRig, data: bytes, **headers: str) -> int:
    headers = {"Content-Type": "application/json", **headers}
    async with teams.http.post(f"{teams.url}/api/messages", data=data, headers=headers) as response:
        await response.read()
        return response.status


def _notice() -> Notice:
    return Notice(UserRef("teams", "29:alice"), Reply("Your join code is ABCD-EFGH"))


async def test_a_body_over_the_limit_is_413_and_nothing_is_answered(teams: TeamsRig) -> None:
    body = teams.activity(text="x" * (300 * 1024))
    assert await _raw(teams, json.dumps(body).encode()) == 413
    assert teams.connector.posted == []


@pytest.mark.parametrize(
    "mangle",
    [
        lambda a: {**a, "from": "notadict"},
        lambda a: {**a, "conversation": ["a:personal-alice"]},
        lambda a: {**a, "text": {"nested": True}},
        lambda a: {**a, "entities": "mention"},
        lambda a: {**a, "id": 12345},
    ],
    ids=["from-string", "conversation-list", "text-object", "entities-string", "id-number"],
)
async def test_malformed_activities_are_400(teams: TeamsRig, mangle: object) -> None:
    body = mangle(teams.activity(text="help"))  # type: ignore[operator]
    assert await _raw(teams, json.dumps(body).encode()) == 400
    assert teams.connector.posted == []
    async with teams.http.get(f"{teams.url}/healthz") as health:
        assert health.status == 200


async def test_deep_nesting_is_400_not_500(teams: TeamsRig) -> None:
    deep = b'{"type": "message", "value": ' + b"[" * 50_000 + b"]" * 50_000 + b"}"
    assert await _raw(teams, deep) in (400, 413)
    nested = b"[" * 20_000 + b"]" * 20_000
    assert await _raw(teams, nested) == 400


@pytest.mark.parametrize(
    "header", ["Forwarded", "X-Forwarded-For", "X-Real-IP"], ids=["forwarded", "x-forwarded-for", "x-real-ip"]
)
async def test_local_mode_refuses_forwarded_requests(teams: TeamsRig, header: str) -> None:
    body = json.dumps(teams.activity(text="help")).encode()
    assert await _raw(teams, body, **{header: "203.0.113.9"}) == 403
    assert teams.connector.posted == []


async def test_local_mode_refuses_a_service_url_off_this_machine(teams: TeamsRig) -> None:
    body = {**teams.activity(text="help"), "serviceUrl": "https://attacker.example/"}
    assert (await teams.post(body)).status == 403
    async with teams.bot.uow() as uow:
        assert await uow.conversations.get("teams:29:alice") is None  # nothing stored to send to later


async def test_only_the_configured_channel_is_accepted(teams: TeamsRig) -> None:
    assert (await teams.post({**teams.activity(text="help"), "channelId": "slack"})).status == 403
    assert (await teams.post(teams.activity(text="help"))).status == 200


async def test_a_channel_activity_without_conversation_type_never_replaces_the_personal_chat(
    teams: TeamsRig,
) -> None:
    await teams.post(teams.activity(text="help"))
    thread = teams.activity(text="help", conversation="19:general@thread.tacv2;messageid=1767224924615")
    del thread["conversation"]["conversationType"]
    await teams.post(thread)
    await teams.bot.notifier.send(_notice())
    assert teams.connector.posted[-1].conversation_id == "a:personal-alice"


async def test_someone_seen_only_in_a_channel_is_unreachable_not_messaged_there(teams: TeamsRig) -> None:
    channel = teams.activity(text="help", conversation="19:general@thread", conversation_type="channel")
    await teams.post(channel)
    posted_before = len(teams.connector.posted)
    result = await teams.bot.notifier.send(_notice())
    assert result.status is DeliveryStatus.UNREACHABLE
    assert len(teams.connector.posted) == posted_before


async def test_a_mention_entity_without_text_is_stripped_not_spaced_out(teams: TeamsRig) -> None:
    body = teams.activity(
        text="<at>Roundtable</at> when is the welcome reception?",
        conversation="19:general@thread.tacv2;messageid=1",
        conversation_type="channel",
        entities=[{"type": "mention", "mentioned": {"id": "28:roundtable-bot", "name": "Roundtable"}}],
    )
    body["recipient"] = {"id": "28:roundtable-bot", "name": "Roundtable"}
    await teams.post(body)
    [answer] = teams.connector.posted
    assert "6:30" in answer.text and "< a t >" not in answer.text


CHANNEL = "19:general@thread"


@pytest.fixture
async def organiser_teams(event: Event, clock: MutableClock) -> AsyncIterator[TeamsRig]:
    async with teams_server(event, clock, organisers="teams:29:alice") as rig:
        yield rig


async def test_a_private_reply_asked_in_a_channel_goes_to_the_personal_chat(
    organiser_teams: TeamsRig,
) -> None:
    rig = organiser_teams
    await rig.post(rig.activity(text="help"))  # the personal chat exists
    asked = rig.activity(text="export registrations", conversation=CHANNEL, conversation_type="channel")
    await rig.post(asked)
    private = [p.text for p in rig.connector.posted if p.conversation_id == "a:personal-alice"]
    in_channel = [p.text for p in rig.connector.posted if p.conversation_id == CHANNEL]
    assert any("0 rows" in text for text in private)
    assert in_channel == ["I have sent this to you in our personal chat: it holds personal details."]


async def test_without_a_personal_chat_the_channel_is_told_how_to_open_one(
    organiser_teams: TeamsRig,
) -> None:
    rig = organiser_teams
    asked = rig.activity(text="export registrations", conversation=CHANNEL, conversation_type="channel")
    await rig.post(asked)
    [answer] = rig.connector.posted
    assert answer.conversation_id == CHANNEL and "Open a chat with me" in answer.text


@pytest.fixture
async def teams_with_files(event: Event, clock: MutableClock) -> AsyncIterator[TeamsRig]:
    async with teams_server(
        event, clock, organisers="teams:29:alice", public_url="https://bot.example.org/"
    ) as rig:
        yield rig


async def test_a_file_on_teams_is_a_single_use_link_in_the_personal_chat(teams_with_files: TeamsRig) -> None:
    rig = teams_with_files
    await rig.post(rig.activity(text="export registrations"))
    [reply] = rig.connector.posted
    [link] = re.findall(r"https://bot\.example\.org(/files/[\w-]+)", reply.text)
    async with rig.http.get(f"{rig.url}{link}") as first:
        body = await first.read()
        assert first.status == 200 and first.headers["Cache-Control"] == "no-store"
        assert "attachment" in first.headers["Content-Disposition"]
    async with rig.http.get(f"{rig.url}{link}") as again:
        assert again.status == 404  # used once: gone
    assert body.decode("utf-8-sig").startswith("delegation,status")
    async with rig.http.get(f"{rig.url}/files/not-a-real-token") as forged:
        assert forged.status == 404


async def test_an_expired_link_is_refused(teams_with_files: TeamsRig, clock: MutableClock) -> None:
    rig = teams_with_files
    await rig.post(rig.activity(text="export registrations"))
    [link] = re.findall(r"https://bot\.example\.org(/files/[\w-]+)", rig.connector.posted[0].text)
    clock.moment += timedelta(minutes=16)
    async with rig.http.get(f"{rig.url}{link}") as late:
        assert late.status == 404


async def test_without_a_public_url_the_file_is_declined_politely(organiser_teams: TeamsRig) -> None:
    await organiser_teams.post(organiser_teams.activity(text="export registrations"))
    [reply] = organiser_teams.connector.posted
    assert "cannot send files in Teams" in reply.text and "/files/" not in reply.text


async def test_a_channel_reference_stored_by_an_older_version_is_never_used(teams: TeamsRig) -> None:
    reference = {
        "conversation": {"id": "19:general@thread.tacv2;messageid=17", "conversationType": "channel"},
        "serviceUrl": teams.connector.base_url,
        "channelId": "msteams",
        "user": {"id": "29:alice"},
        "bot": {"id": "28:roundtable-bot"},
    }
    async with teams.bot.uow() as uow:
        conversation_id, now = reference["conversation"]["id"], teams.bot.clock()
        seen = SeenIn("teams:29:alice", "teams", conversation_id, now, reference=reference)
        await uow.conversations.remember([seen])
        await uow.commit()
    result = await teams.bot.notifier.send(_notice())
    assert result.status is DeliveryStatus.UNREACHABLE and teams.connector.posted == []
