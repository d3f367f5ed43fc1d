"""Private by construction: files and personal data asked for in a Slack channel go to the asker's DM;
the channel sees nothing, the asker sees a line saying where it went."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.event import Event
from tests.conftest import MutableClock
from tests.e2e.conftest import SlackServer, running_slack
from tests.e2e.fake_slack import FakeSlack

ORGANISER = "U900"
UPLOADS = ("files.getUploadURLExternal", "files.completeUploadExternal")


@pytest.fixture
async def organiser_slack(
    slack_api: FakeSlack, event: Event, clock: MutableClock, tmp_path: Path
) -> AsyncIterator[SlackServer]:
    async with running_slack(slack_api, event, clock, tmp_path, organisers=f"slack:{ORGANISER}") as server:
        yield server


def _mention(text: str, user: str = ORGANISER) -> dict[str, str]:
    return {"type": "app_mention", "channel": "C100", "user": user, "text": f"<@UBOT> {text}", "ts": "1.01"}


async def test_an_export_asked_in_a_channel_is_uploaded_to_the_dm_only(organiser_slack: SlackServer) -> None:
    await organiser_slack.send.event(_mention("export registrations"))
    await organiser_slack.api.wait_for("files.completeUploadExternal")
    await organiser_slack.settle()
    [upload] = organiser_slack.api.calls_to("files.completeUploadExternal")
    assert upload.params["channel_id"].startswith("D")
    posted = organiser_slack.api.calls_to("chat.postMessage")
    assert [c for c in posted if c.params.get("channel") == "C100"] == []
    [pointer] = organiser_slack.api.calls_to("chat.postEphemeral")
    assert pointer.params["channel"] == "C100" and pointer.params["user"] == ORGANISER
    assert "direct message" in pointer.params["text"]


async def test_an_export_by_slash_command_in_a_channel_goes_to_the_dm(organiser_slack: SlackServer) -> None:
    hook = organiser_slack.api.response_url("export")
    await organiser_slack.send.command("export registrations", hook, user=ORGANISER)
    await organiser_slack.api.wait_for("files.completeUploadExternal")
    await organiser_slack.settle()
    [upload] = organiser_slack.api.calls_to("files.completeUploadExternal")
    assert upload.params["channel_id"].startswith("D")
    [pointer] = organiser_slack.api.calls_to("response_url")
    assert pointer.params["response_type"] == "ephemeral" and "direct message" in pointer.params["text"]


@pytest.mark.parametrize("words", ["my registration", "join ABCD-EFGH", "agenda", "my pitch", "requests"])
async def test_personal_commands_in_a_channel_are_answered_in_the_dm(
    slack_server: SlackServer, words: str
) -> None:
    await slack_server.send.event(_mention(words, user="U100"))
    await slack_server.api.wait_for("chat.postEphemeral")
    await slack_server.settle()
    posted = slack_server.api.calls_to("chat.postMessage")
    assert posted and all(c.params["channel"].startswith("D") for c in posted)
    [pointer] = slack_server.api.calls_to("chat.postEphemeral")
    assert pointer.params["channel"] == "C100" and pointer.params["user"] == "U100"


async def test_a_programme_question_in_a_channel_is_answered_in_the_thread(slack_server: SlackServer) -> None:
    await slack_server.send.event(_mention("when is the welcome reception?", user="U100"))
    [answer] = await slack_server.api.wait_for("chat.postMessage")
    assert answer.params["channel"] == "C100" and "6:30" in answer.params["text"]
