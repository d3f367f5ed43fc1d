"""Slack on the one aiohttp server: the signature is checked, the message acknowledged, the bot answers after.

POST /slack/events takes events, interactivity and slash commands. slack_sdk's SignatureVerifier checks the
v0 signature and its 5-minute window on every request (401 otherwise) before anything parses it. An Events
API callback (every message the bot is sent) is claimed and acknowledged here; everything else (the URL
check, slash commands, clicks, forms, and all of Socket Mode) goes through bolt's AsyncApp. Either way the
acknowledgement comes within Slack's 3 seconds and the answer (database, users.info, chat.postMessage) runs
afterwards as tracked background work that shutdown waits for. Slack retries and repeated event ids are
claimed once in the processed_event table.
"""

from __future__ import annotations

import logging
import re
from collections.abc import AsyncIterator, Callable, Mapping
from dataclasses import replace
from typing import Any, Protocol

import aiohttp
from aiohttp import web
from slack_bolt import BoltResponse
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
    AsyncServerErrorRetryHandler,
)
from slack_sdk.signature import SignatureVerifier
from slack_sdk.web.async_client import AsyncWebClient

from adapters.answers import Answers, answers_for, new_worker
from adapters.slack import parse
from adapters.slack.background import BackgroundWork
from adapters.slack.config import off_reason
from adapters.slack.notifier import SlackNotifier
from adapters.slack.profiles import ProfileCache
from adapters.slack.render import home_view
from adapters.slack.responder import Responder, Target, Undelivered
from bot.config import Settings
from bot.core import Bot
from bot.messages import ConversationRef, InboundMessage, UserRef
from handlers.home import view as home
from storage.errors import UNAVAILABLE, DatabaseUnavailable
from storage.repositories import SeenIn

log = logging.getLogger(__name__)
EVENTS_PATH = "/slack/events"
RETRIES = 2
TIMESTAMP_HEADER = "X-Slack-Request-Timestamp"
MAX_TIMESTAMP_DIGITS = 12  # seconds since 1970 for the next 30,000 years; longer is not Slack
ANY = re.compile(".*")


class SocketMode(Protocol):
    async def connect_async(self) -> None: ...
    async def close_async(self) -> None: ...


SocketModeFactory = Callable[[AsyncApp, str], SocketMode]


def web_client(settings: Settings) -> AsyncWebClient:
    """The Web API client: 429s wait out Retry-After, 5xx and dropped connections are retried."""
    assert settings.slack_bot_token is not None
    return AsyncWebClient(
        token=settings.slack_bot_token.get_secret_value(),
        base_url=settings.slack_api_url,
        retry_handlers=[
            AsyncRateLimitErrorRetryHandler(max_retry_count=RETRIES),
            AsyncServerErrorRetryHandler(max_retry_count=RETRIES),
            AsyncConnectionErrorRetryHandler(max_retry_count=RETRIES),
        ],
    )


def socket_mode_handler(bolt: AsyncApp, app_token: str) -> SocketMode:
    return AsyncSocketModeHandler(bolt, app_token)


class SlackAdapter:
    def __init__(
        self,
        bot: Bot,
        client: AsyncWebClient,
        answers: Answers | None = None,
        socket_mode_factory: SocketModeFactory = socket_mode_handler,
    ) -> None:
        settings = bot.settings
        assert settings.slack_signing_secret is not None
        self.bot = bot
        self.client = client
        self.work = BackgroundWork()
        self.profiles = ProfileCache(client)
        self.responder = Responder(client)
        self.answers = answers or Answers(bot, new_worker())
        self.notifier = SlackNotifier(client)
        self._verifier = SignatureVerifier(settings.slack_signing_secret.get_secret_value())
        self.bolt = AsyncApp(
            client=client,
            signing_secret=settings.slack_signing_secret.get_secret_value(),
            name="roundtable-bot",
            logger=logging.getLogger("adapters.slack.bolt"),
            # Our listener acks first and hands the rest to tracked tasks, so bolt need not spawn its own.
            process_before_response=True,
            # handle_http checks every signature before bolt sees the request (SignatureVerifier, below);
            # bolt's own check would compute the same HMAC a second time on every request.
            request_verification_enabled=False,
        )
        self._app_token = settings.slack_app_token
        self.team_id = settings.slack_team_id  # events from other workspaces are ignored
        self._socket_mode_factory = socket_mode_factory
        for register in (self.bolt.event, self.bolt.command, self.bolt.action, self.bolt.view):
            register(ANY)(self._acknowledge)
        self.bolt.error(self._on_listener_error)

    @property
    def uses_socket_mode(self) -> bool:
        return self._app_token is not None

    async def handle_http(self, request: web.Request) -> web.Response:
        # The signature is checked (by slack_sdk's SignatureVerifier) before bolt sees the request: bolt
        # logs an unsigned body in full and answers 500 to some unsigned shapes; here nothing of an
        # unsigned body is parsed or logged.
        raw = await request.read()
        if not self._signed(raw, request.headers):
            return web.Response(status=401)
        callback = parse.event_callback(raw) if request.content_type == "application/json" else None
        if callback is not None:
            # bolt's dispatch (context, six middlewares, listener matching) does nothing for a callback that
            # _take does not do itself, and cost a fifth of the CPU of each answered message.
            return await self._acknowledge_callback(callback)
        try:
            bolt_request = await to_bolt_request(request)
        except ValueError:
            return web.Response(status=400)  # signed, yet not a body Slack sends
        return await to_aiohttp_response(await self.bolt.async_dispatch(bolt_request))

    def _signed(self, raw: bytes, headers: Mapping[str, str]) -> bool:
        timestamp = headers.get(TIMESTAMP_HEADER, "")
        if not (timestamp.isascii() and timestamp.isdigit() and len(timestamp) <= MAX_TIMESTAMP_DIGITS):
            return False
        try:
            return self._verifier.is_valid_request(raw, dict(headers))
        except (UnicodeDecodeError, ValueError, OverflowError):  # bytes no signer produced
            return False

    async def lifespan(self, app: web.Application) -> AsyncIterator[None]:
        """aiohttp cleanup context: one HTTP session for all Web API calls; drain the work at shutdown."""
        self.client.session = aiohttp.ClientSession()
        if self.team_id is None:
            self.team_id = await self._installed_team()
        socket: SocketMode | None = None
        if self._app_token is not None:
            socket = self._socket_mode_factory(self.bolt, self._app_token.get_secret_value())
            await socket.connect_async()
        try:
            yield
        finally:
            if socket is not None:
                await socket.close_async()
            await self.work.drain()
            await self.client.session.close()

    async def _installed_team(self) -> str | None:
        try:
            answer = await self.client.auth_test()
        except Exception as error:  # Slack unreachable at start: serve anyway, unfiltered, and say so
            log.warning("auth.test failed (%s): any workspace is answered", type(error).__name__)
            return None
        team = answer.get("team_id")
        return str(team) if team else None

    async def _acknowledge(self, ack: AsyncAck, body: dict[str, Any]) -> None:
        """bolt's listener for every request but an Events API callback (and for all of Socket Mode)."""
        await self._take(body)
        await ack()

    async def _acknowledge_callback(self, body: dict[str, Any]) -> web.Response:
        try:
            await self._take(body)
        except Exception as error:
            return web.Response(status=_failure_status(error))
        return web.Response(status=200)

    async def _take(self, body: dict[str, Any]) -> None:
        """Claims the message before Slack gets its 200 (DatabaseUnavailable → 503: Slack retries it) and
        leaves the answer to tracked background work, which starts once the acknowledgement is sent."""
        msg = self._admissible(body)
        if msg is not None and not await self.answers.claim(msg, self._remember_dm(msg)):
            log.info("slack event %s already handled; ignored", msg.event_id)
            msg = None
        if msg is not None:
            self.work.spawn(self.process(msg, body), name=f"slack:{_label(body)}")
        elif (opened := parse.home_opened(body)) is not None and self._from_our_workspace(body):
            self.work.spawn(self.publish_home(opened), name=f"slack:{_label(body)}")

    def _admissible(self, body: dict[str, Any]) -> InboundMessage | None:
        if not self._from_our_workspace(body) or parse.home_opened(body) is not None:
            return None
        return parse.inbound(body, self.bot.clock())

    def _from_our_workspace(self, body: dict[str, Any]) -> bool:
        teams = parse.workspaces(body)
        if self.team_id and teams and self.team_id not in teams:
            log.warning("slack request from another workspace (%s) ignored", ",".join(sorted(teams)))
            return False
        return True

    async def _on_listener_error(self, error: Exception) -> BoltResponse:
        return BoltResponse(status=_failure_status(error), body="")

    async def process(self, msg: InboundMessage, body: dict[str, Any]) -> None:
        """Answers a claimed message: posted now, or kept in the outbox; with the database gone while
        answering, the claim is given up and answered again when it is back."""
        try:
            msg = replace(msg, user=await self.profiles.enrich(msg.user))
            sender = await self.answers.wait_turn(msg)  # the sender's earlier messages are answered first
            replies = await self.bot.handle(msg, sender)
        except UNAVAILABLE as error:
            log.warning("database unavailable while answering %s (%s)", msg.event_id, type(error).__name__)
            await self.answers.give_up(msg)
            return
        try:
            await self.responder.deliver(Target.of(msg, body), replies)
        except Undelivered as undelivered:
            await self.answers.keep(msg, undelivered.replies, in_thread=undelivered.in_thread)
            return
        await self.answers.answered(msg)

    async def publish_home(self, opened: parse.HomeOpened) -> None:
        now = self.bot.clock()
        msg = InboundMessage(
            text="",
            user=await self.profiles.enrich(UserRef(parse.PLATFORM, opened.user_id)),
            conversation=ConversationRef(parse.PLATFORM, opened.user_id, tenant_id=opened.team_id or None),
            event_id=opened.event_id,
            received_at=now,
        )
        if opened.event_id and not await self._first_delivery(msg):
            return
        card = await home.build(await self.bot.context_for(msg))
        await self.client.views_publish(user_id=opened.user_id, view=home_view(card))

    def _remember_dm(self, msg: InboundMessage) -> SeenIn | None:
        """A direct message's channel is remembered for proactive sends, in the claim's transaction."""
        if not msg.conversation.conversation_id.startswith("D"):  # Slack's prefix for direct messages
            return None
        conversation = msg.conversation
        channel, tenant = conversation.conversation_id, conversation.tenant_id
        return SeenIn(msg.user.key, parse.PLATFORM, channel, msg.received_at, tenant_id=tenant)

    async def _first_delivery(self, msg: InboundMessage) -> bool:
        """Claims a Home tab event id once (False for a retry); there is no answer to keep for it."""
        async with self.bot.uow() as uow:
            if not await uow.processed.claim(parse.PLATFORM, msg.event_id, msg.received_at):
                log.info("slack event %s already handled; ignored", msg.event_id)
                return False
            await uow.commit()
        return True


def _failure_status(error: Exception) -> int:
    if isinstance(error, DatabaseUnavailable):
        log.warning("database unavailable at receipt: 503, Slack retries (%s)", error)
        return 503
    log.error("slack listener failed", exc_info=error)
    return 500


def _label(body: dict[str, Any]) -> str:
    return str(body.get("event_id") or body.get("command") or body.get("type") or "request")


SLACK_KEY = web.AppKey("slack", SlackAdapter)


def mount_slack(app: web.Application, bot: Bot) -> SlackAdapter | None:
    """POST /slack/events when the credentials are set; otherwise one log line and no route (404)."""
    reason = off_reason(bot.settings)
    if reason is not None:
        log.info("Slack is off: %s", reason)
        return None
    adapter = SlackAdapter(bot, web_client(bot.settings), answers_for(app, bot))
    app[SLACK_KEY] = adapter
    app.router.add_post(EVENTS_PATH, adapter.handle_http)
    app.cleanup_ctx.append(adapter.lifespan)
    bot.notifier.register(parse.PLATFORM, adapter.notifier)
    mode = " and Socket Mode (SLACK_APP_TOKEN)" if adapter.uses_socket_mode else ""
    log.info("Slack is on: POST %s%s, Web API %s", EVENTS_PATH, mode, bot.settings.slack_api_url)
    return adapter
