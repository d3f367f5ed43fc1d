"""Proactive Slack messages (reminders, broadcasts, waitlist promotions): a DM opened and posted to.

Every outcome is reported as a DeliveryResult — the outbox decides what to do with it, and records an
unreachable recipient (service/sender.py); nothing is swallowed, nothing is written here. The client's
own retry handlers have already waited out short 429s and 5xx before we see them.
"""

from __future__ import annotations

import logging

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack import render
from adapters.slack.errors import error_code
from bot.context import SENT, DeliveryResult, DeliveryStatus
from bot.messages import Notice

log = logging.getLogger(__name__)

# Slack errors meaning "this person cannot be reached by the bot": retrying will not help.
UNREACHABLE_ERRORS = frozenset(
    {
        "user_not_found",
        "users_not_found",
        "account_inactive",
        "user_disabled",
        "channel_not_found",
        "not_in_channel",
        "is_archived",
        "cannot_dm_bot",
        "messages_tab_disabled",
        "user_not_visible",
    }
)


class SlackNotifier:
    def __init__(self, client: AsyncWebClient) -> None:
        self._client = client

    async def send(self, notice: Notice) -> DeliveryResult:
        try:
            channel, thread = await self._destination(notice)
            for message in render.messages(notice.reply):
                await self._client.chat_postMessage(channel=channel, thread_ts=thread, **message)
        except SlackApiError as error:
            return _failure(notice, error)
        except (aiohttp.ClientError, TimeoutError) as error:
            return DeliveryResult(DeliveryStatus.RETRY, detail=f"connection: {error!r}")
        return SENT

    async def _destination(self, notice: Notice) -> tuple[str, str | None]:
        if notice.conversation is not None:
            return notice.conversation.conversation_id, notice.conversation.thread_id
        opened = await self._client.conversations_open(users=notice.recipient.user_id)
        return str(opened["channel"]["id"]), None


def _failure(notice: Notice, error: SlackApiError) -> DeliveryResult:
    status = error.response.status_code
    code = error_code(error)
    if status == 429:
        return DeliveryResult(DeliveryStatus.RETRY, retry_after=_retry_after(error), detail="ratelimited")
    if code in UNREACHABLE_ERRORS:
        return DeliveryResult(DeliveryStatus.UNREACHABLE, detail=code)
    if status >= 500:
        return DeliveryResult(DeliveryStatus.RETRY, detail=f"HTTP {status}")
    log.warning("slack send to %s failed: %s", notice.recipient.key, code)
    return DeliveryResult(DeliveryStatus.FAILED, detail=code)


def _retry_after(error: SlackApiError) -> float | None:
    for name, value in (error.response.headers or {}).items():
        if name.lower() == "retry-after":
            raw = value[0] if isinstance(value, list) else value
            try:
                return float(raw)
            except (TypeError, ValueError):
                return None
    return None
