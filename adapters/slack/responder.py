"""Where the replies to one Slack request go: a thread, a DM, a slash command's response URL or a modal."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook.async_client import AsyncWebhookClient

from adapters.slack import render
from adapters.slack.errors import error_code
from bot.i18n import translate
from bot.messages import InboundMessage, Reply

log = logging.getLogger(__name__)


class ResponseUrlRefused(Exception):  # noqa: N818 - reads as what happened
    """A slash command's response_url did not take the answer (expired, or Slack failing)."""


class Undelivered(Exception):  # noqa: N818 - reads as what happened
    """Replies Slack did not take, from the first one refused; ``in_thread``: they belong where the
    message was asked (not a response_url, which only the asker sees)."""

    def __init__(self, replies: list[Reply], *, in_thread: bool) -> None:
        super().__init__(f"{len(replies)} reply(ies) not posted")
        self.replies, self.in_thread = replies, in_thread


# What a post that did not happen raises, once slack_sdk's retry handlers have given up.
NOT_POSTED = (SlackApiError, ResponseUrlRefused, aiohttp.ClientError, TimeoutError)


@dataclass(frozen=True, slots=True)
class Target:
    channel: str
    user_id: str
    thread: str | None = None
    response_url: str | None = None  # slash commands: works even where the bot is not a member
    trigger_id: str | None = None  # lets a reply with a form open a modal (valid for 3 s)
    is_direct: bool = False

    @classmethod
    def of(cls, msg: InboundMessage, body: Mapping[str, Any]) -> Target:
        # A slash command's answer, and a click on a message only the clicker sees, go back through the
        # response_url: private, and it works in channels the bot has not joined.
        in_ephemeral = bool((body.get("container") or {}).get("is_ephemeral"))
        private_origin = "command" in body or in_ephemeral
        return cls(
            channel=msg.conversation.conversation_id,
            user_id=msg.user.user_id,
            thread=msg.conversation.thread_id,
            response_url=str(body["response_url"]) if private_origin and body.get("response_url") else None,
            trigger_id=str(body["trigger_id"]) if body.get("trigger_id") else None,
            is_direct=msg.conversation.conversation_id.startswith("D")
            or body.get("channel_name") == "directmessage",
        )


class Responder:
    """Sends replies where they belong. A private reply (personal data, files) asked for outside a DM
    goes to the person's DM, and where it was asked they alone see a line saying so."""

    def __init__(self, client: AsyncWebClient) -> None:
        self._client = client

    async def deliver(self, target: Target, replies: list[Reply]) -> None:
        """Posts each reply in turn; raises Undelivered with the ones Slack did not take (after the
        client's own retries), for the caller to keep in the outbox."""
        for index, reply in enumerate(replies):
            try:
                await self._deliver_one(target, reply)
            except NOT_POSTED as error:
                log.warning(
                    "reply not posted (%s)", error_code(error) if isinstance(error, SlackApiError) else error
                )
                raise Undelivered(replies[index:], in_thread=target.response_url is None) from error

    async def _deliver_one(self, target: Target, reply: Reply) -> None:
        if render.has_form(reply) and target.trigger_id and await self._open_modal(target, reply):
            return  # a modal is seen by the asker alone, wherever it was opened
        if reply.private and not target.is_direct:
            await self._deliver_privately(target, reply)
        else:
            await self._deliver(target, reply)

    async def _deliver(self, target: Target, reply: Reply) -> None:
        for message in render.messages(reply):
            await self._send(target, message, private=reply.private)
        for attachment in reply.attachments:
            await self._client.files_upload_v2(
                channel=target.channel,
                thread_ts=target.thread,
                content=attachment.content,
                filename=attachment.filename,
                title=attachment.filename,
            )

    async def _deliver_privately(self, target: Target, reply: Reply) -> None:
        direct = await self._direct_channel(target.user_id)
        if direct is None:  # no DM to be had: text only, seen by them alone; files stay unsent
            for message in render.messages(replace(reply, attachments=())):
                await self._send(target, message, private=True)
            note = "core.file_not_sent" if reply.attachments else None
        else:
            in_dm = Target(direct, target.user_id, is_direct=True)
            await self._deliver(in_dm, reply)
            note = "core.sent_privately"
        if note:
            pointer = Reply(translate(reply.lang, note), lang=reply.lang)
            await self._send(target, render.messages(pointer)[0], private=True)

    async def _direct_channel(self, user_id: str) -> str | None:
        try:
            opened = await self._client.conversations_open(users=user_id)
        except SlackApiError as error:
            log.warning("conversations.open failed (%s)", error_code(error))
            return None
        channel = (opened.get("channel") or {}).get("id")
        return str(channel) if channel else None

    async def _send(self, target: Target, message: dict[str, Any], *, private: bool) -> None:
        if target.response_url:
            webhook = AsyncWebhookClient(
                target.response_url,
                session=self._client.session,
                retry_handlers=self._client.retry_handlers,
            )
            # Slash-command answers and clicks on ephemeral messages are for the person who asked.
            response = await webhook.send(response_type="ephemeral", **message)
            if response.status_code != 200:
                raise ResponseUrlRefused(f"response_url answered HTTP {response.status_code}")
        elif private and not target.is_direct:
            await self._client.chat_postEphemeral(
                channel=target.channel, user=target.user_id, thread_ts=target.thread, **message
            )
        else:
            await self._client.chat_postMessage(channel=target.channel, thread_ts=target.thread, **message)

    async def _open_modal(self, target: Target, reply: Reply) -> bool:
        assert reply.card is not None
        view = render.modal_view(reply.card, {"channel": target.channel, "thread": target.thread})
        try:
            await self._client.views_open(trigger_id=target.trigger_id, view=view)
        except SlackApiError as error:
            # An expired trigger (slow answer) is not fatal: the form goes out as a message instead.
            log.warning("views.open failed (%s); sending the form as a message", error_code(error))
            return False
        return True
