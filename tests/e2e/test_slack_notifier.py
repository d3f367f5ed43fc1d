"""Proactive Slack sends against the fake Web API: every outcome is a DeliveryResult, none is swallowed."""

from __future__ import annotations

import pytest

from adapters.slack.app import web_client
from adapters.slack.notifier import SlackNotifier
from bot.config import load_settings
from bot.context import DeliveryStatus
from bot.messages import Card, ConversationRef, Notice, Reply, UserRef
from service.bootstrap import Bot
from storage.repositories import SeenIn
from tests.conftest import EVENT_DAY_MORNING
from tests.e2e.fake_slack import FakeSlack

DELEGATE = UserRef("slack", "U300")


@pytest.fixture
async def notifier(slack_api: FakeSlack, bot: Bot) -> SlackNotifier:
    settings = load_settings(
        {}, slack_bot_token="xoxb-n", slack_signing_secret="s", slack_api_url=slack_api.api_url
    )
    return SlackNotifier(web_client(settings))


def _notice(text: str = "Registration closes on 19 April.") -> Notice:
    return Notice(recipient=DELEGATE, reply=Reply(text), reason="reminder")


async def test_sent_opens_the_dm_and_posts_once(notifier: SlackNotifier, slack_api: FakeSlack) -> None:
    result = await notifier.send(_notice())
    assert result.status is DeliveryStatus.SENT
    [opened] = slack_api.calls_to("conversations.open")
    [post] = slack_api.calls_to("chat.postMessage")
    assert opened.params["users"] == "U300"
    assert (post.params["channel"], post.params["text"]) == ("D300", "Registration closes on 19 April.")


async def test_a_known_conversation_is_posted_to_directly_with_blocks(
    notifier: SlackNotifier, slack_api: FakeSlack
) -> None:
    notice = Notice(
        DELEGATE, Reply("", card=Card("Your pitch slot", ("13:15",))), ConversationRef("slack", "D9")
    )
    assert (await notifier.send(notice)).delivered
    [post] = slack_api.calls_to("chat.postMessage")
    assert post.params["channel"] == "D9"
    assert post.params["blocks"][0]["type"] == "header"
    assert slack_api.calls_to("conversations.open") == []


async def test_rate_limit_that_outlasts_the_client_retries_is_retry_with_retry_after(
    notifier: SlackNotifier, slack_api: FakeSlack
) -> None:
    slack_api.fail("chat.postMessage", status=429, retry_after=0, times=3)
    result = await notifier.send(_notice())
    assert (result.status, result.retry_after) == (DeliveryStatus.RETRY, 0.0)
    assert len(slack_api.calls_to("chat.postMessage")) == 3  # the first try and the client's two retries


async def test_short_rate_limit_is_absorbed_by_the_client(
    notifier: SlackNotifier, slack_api: FakeSlack
) -> None:
    slack_api.fail("chat.postMessage", status=429, retry_after=0)
    assert (await notifier.send(_notice())).delivered


@pytest.mark.parametrize("error", ["user_not_found", "account_inactive", "cannot_dm_bot"])
async def test_unreachable_user_is_reported_and_nothing_written(
    notifier: SlackNotifier, slack_api: FakeSlack, bot: Bot, error: str
) -> None:
    """Recording it is the sender's job (tests/unit/outreach/test_outbox.py), not each notifier's."""
    async with bot.uow() as uow:
        await uow.conversations.remember([SeenIn(DELEGATE.key, "slack", "D300", EVENT_DAY_MORNING)])
        await uow.commit()
    slack_api.fail("conversations.open", error=error)
    result = await notifier.send(_notice())
    assert (result.status, result.detail) == (DeliveryStatus.UNREACHABLE, error)
    async with bot.uow() as uow:
        reference = await uow.conversations.get(DELEGATE.key)
        assert reference is not None
        assert reference.unreachable_at is None


async def test_unreachable_without_a_stored_reference_is_still_reported(
    notifier: SlackNotifier, slack_api: FakeSlack
) -> None:
    slack_api.fail("chat.postMessage", error="channel_not_found")
    assert (await notifier.send(_notice())).status is DeliveryStatus.UNREACHABLE


async def test_other_errors_fail_with_the_slack_error_named(
    notifier: SlackNotifier, slack_api: FakeSlack
) -> None:
    slack_api.fail("chat.postMessage", error="invalid_blocks")
    result = await notifier.send(_notice())
    assert (result.status, result.detail) == (DeliveryStatus.FAILED, "invalid_blocks")


async def test_persistent_server_errors_are_retry_later(
    notifier: SlackNotifier, slack_api: FakeSlack
) -> None:
    slack_api.fail("chat.postMessage", status=500, times=3)
    result = await notifier.send(_notice())
    assert (result.status, result.detail) == (DeliveryStatus.RETRY, "HTTP 500")


async def test_long_notices_are_sent_as_several_messages(
    notifier: SlackNotifier, slack_api: FakeSlack
) -> None:
    assert (await notifier.send(_notice("word " * 1500))).delivered
    posts = slack_api.calls_to("chat.postMessage")
    assert len(posts) == 2
    assert all(len(p.params["text"]) <= 4000 for p in posts)
