"""POST /api/messages: Bot Framework activities → the neutral core → replies through the Bot Connector.

Thin on purpose (botbuilder-python is past end of support): read the JSON, authenticate, remember the
conversation, parse, ``bot.handle``, render, send. Off unless MICROSOFT_APP_ID is set; with
ROUNDTABLE_TEAMS_LOCAL=1 and no app id it accepts unauthenticated requests, on a loopback HOST only.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web
from botbuilder.core import InvokeResponse, TurnContext
from botbuilder.integration.aiohttp import CloudAdapter, ConfigurationBotFrameworkAuthentication
from botbuilder.schema import Activity, ActivityTypes
from botframework.connector.auth import AuthenticateRequestResult

from adapters.answers import Answers, answers_for, new_worker
from adapters.teams import auth, intake
from adapters.teams.clients import ReusingAuthentication
from adapters.teams.files import with_download_links
from adapters.teams.notifier import Sleep, TeamsNotifier, classify
from adapters.teams.parse import (
    PLATFORM,
    bot_was_added,
    conversation_reference,
    is_personal,
    parse_activity,
    tenant_id,
    user_of,
)
from adapters.teams.render import render_reply
from bot.context import DeliveryStatus
from bot.core import Bot
from bot.errors import ConfigError
from bot.i18n import translate
from bot.messages import InboundMessage, Notice, Reply
from storage.errors import UNAVAILABLE, DatabaseUnavailable
from storage.repositories import SeenIn

log = logging.getLogger(__name__)
ROUTE = "/api/messages"


@dataclass
class _Turn:
    """What became of one turn's answer: replies the connector did not take, or no answer at all."""

    unsent: list[Reply] = field(default_factory=list)
    database_down: bool = False
    refused: bool = False  # the connector refused the reply itself (4xx): retrying would not help


class TeamsEndpoint:
    def __init__(
        self,
        bot: Bot,
        adapter: CloudAdapter,
        authentication: ConfigurationBotFrameworkAuthentication,
        answers: Answers | None = None,
    ) -> None:
        self.bot = bot
        self.adapter = adapter
        self.authentication = authentication
        self.app_id = bot.settings.microsoft_app_id or ""
        self.answers = answers or Answers(bot, new_worker())
        adapter.on_turn_error = self._on_turn_error

    async def handle(self, request: web.Request) -> web.StreamResponse:
        header = request.headers.get("Authorization", "")
        try:
            body = await self._admit(request, header)
            activity = Activity().deserialize(body)
        except intake.Refused as refused:
            return refused.response()
        except Exception:  # msrest's deserialiser on a shape it does not expect: a client error
            return web.json_response({"error": "not a Bot Framework activity"}, status=400)
        try:
            identity = await self._identify(activity, header)
        except auth.Unauthorized:
            return web.json_response({"error": "unauthorized"}, status=401)
        msg = parse_activity(body, self.bot.clock())
        try:
            if not await self._claim(body, msg):
                return web.json_response({}, status=200)  # a retry of an activity claimed already
        except DatabaseUnavailable as error:
            log.warning("database unavailable at receipt: 503, the connector retries (%s)", error)
            return web.json_response({"error": "try again"}, status=503)
        if msg is None and not bot_was_added(body):
            return web.json_response({}, status=200)  # typing, reactions, edits…: acknowledged, ignored
        turn, invoke = _Turn(), None
        try:
            invoke = await self.adapter.process_activity(identity, activity, self._turn(body, msg, turn))
        except Exception:  # the connector refused our reply for good, and the apology too
            log.exception("Teams turn failed")
            turn.refused = True
        if msg is not None and not await self._settle(msg, turn):
            return web.json_response({"error": "try again"}, status=503)
        if turn.refused:
            return web.json_response({"error": "reply could not be delivered"}, status=502)
        if isinstance(invoke, InvokeResponse):
            return web.json_response(invoke.body, status=invoke.status)
        return web.json_response({}, status=200)

    async def _claim(self, body: dict[str, Any], msg: InboundMessage | None) -> bool:
        """A message is claimed with its conversation remembered, in one transaction; other activities
        only remember the conversation. False for a retry; DatabaseUnavailable when nothing was written."""
        seen_in = self._seen_in(body)
        if msg is not None:
            return await self.answers.claim(msg, seen_in)
        if seen_in is not None:
            try:
                async with self.bot.uow() as uow:
                    await uow.conversations.remember([seen_in])
                    await uow.commit()
            except UNAVAILABLE as error:
                raise DatabaseUnavailable(str(error)) from error
        return True

    async def _settle(self, msg: InboundMessage, turn: _Turn) -> bool:
        """False: nothing was answered and the claim is released, so the connector's retry is processed."""
        if turn.database_down:
            await self.answers.release(msg)
            return False
        if turn.unsent:
            await self.answers.keep(msg, turn.unsent, in_thread=False)
        else:
            await self.answers.answered(msg)
        return True

    async def _admit(self, request: web.Request, header: str) -> dict[str, Any]:
        """The checks that need no key fetch, before and right after reading the (bounded) body."""
        if self.app_id:
            try:
                auth.precheck(header, self.app_id)  # before a byte of the body is read
            except auth.Unauthorized:
                raise intake.Refused(401, "unauthorized") from None
        else:
            intake.check_local_peer(request)
        body = await intake.read_activity(request)
        intake.check_origin(body, self.bot.settings, local=not self.app_id)
        return body

    async def _identify(self, activity: Activity, header: str) -> AuthenticateRequestResult:
        if not self.app_id:  # local mode: no token is read, none is ever requested
            return await auth.anonymous(self.authentication, activity)
        return await auth.authenticate(self.authentication, activity, header, self.app_id)

    def _seen_in(self, body: dict[str, Any]) -> SeenIn | None:
        """Proactive messages (reminders, join codes, meet requests) are private: only a personal chat is
        remembered for them; a channel or thread never is, whatever else the activity says."""
        user, now = user_of(body), self.bot.clock()
        if user is None or not body.get("serviceUrl") or not is_personal(body):
            return None

        reference = conversation_reference(body)
        conversation_id = reference["conversation"].get("id", "")
        service_url = reference.get("serviceUrl")
        return SeenIn(user.key, PLATFORM, conversation_id, now, service_url, tenant_id(body), reference)

    def _turn(
        self, body: dict[str, Any], msg: InboundMessage | None, turn: _Turn
    ) -> Callable[[TurnContext], Awaitable[None]]:
        async def on_turn(context: TurnContext) -> None:
            try:
                if msg is not None:
                    sender = await self.answers.wait_turn(msg)  # their earlier messages are answered first
                    replies = await self.bot.handle(msg, sender)
                else:
                    replies = [self._welcome(body)]
            except UNAVAILABLE as error:
                log.warning("database unavailable while answering (%s)", type(error).__name__)
                turn.database_down = True
                return
            for index, reply in enumerate(replies):
                try:
                    await self._send(context, body, msg, reply)
                except Exception as error:  # connector errors have many types: classified here
                    if classify(error).status is DeliveryStatus.FAILED:
                        raise  # the reply itself was refused: the turn-error hook apologises instead
                    log.warning("Teams reply not posted (%s); kept in the outbox", type(error).__name__)
                    turn.unsent = replies[index:]
                    break
            if context.activity.type == ActivityTypes.invoke:
                await context.send_activity(_invoke_ok(replies))

        return on_turn

    async def _send(
        self, context: TurnContext, body: dict[str, Any], msg: InboundMessage | None, reply: Reply
    ) -> None:
        if msg is not None:
            reply = await with_download_links(self.bot, msg.user, reply)
            if reply.private and not is_personal(body):
                reply = await self._send_privately(msg, reply)
        for payload in render_reply(reply):
            await context.send_activity(Activity().deserialize(payload))

    async def _send_privately(self, msg: InboundMessage, reply: Reply) -> Reply:
        """A private reply asked for in a channel or group chat goes to the person's personal chat; what
        the channel gets back is a line saying so, or how to open one."""
        result = await self.bot.notifier.send(Notice(msg.user, reply, reason="private reply"))
        sent = result.status is DeliveryStatus.SENT
        note = "core.sent_privately_teams" if sent else "core.open_personal_chat"
        return Reply(translate(reply.lang, note), lang=reply.lang)

    def _welcome(self, body: dict[str, Any]) -> Reply:
        locale = body.get("locale") if isinstance(body.get("locale"), str) else None
        lang, _ = self.bot.choose_language("", None, locale)
        event = self.bot.event
        text = translate(
            lang, "teams.welcome", event=event.names["short"].get(lang), contact=event.contact.email
        )
        return Reply(text, lang=lang)

    async def _on_turn_error(self, turn: TurnContext, error: Exception) -> None:
        log.error("Teams turn error: %s", type(error).__name__)
        lang, _ = self.bot.choose_language("", None, turn.activity.locale)
        apology = translate(lang, "error.unexpected", contact=self.bot.event.contact.email)
        await turn.send_activity(Activity(type=ActivityTypes.message, text=apology, text_format="plain"))


def _invoke_ok(replies: list[Reply]) -> Activity:
    """Action.Execute wants an invoke response; the replies themselves were sent as messages."""
    summary = replies[0].plain_text()[:200] if replies else ""
    body = {"statusCode": 200, "type": "application/vnd.microsoft.activity.message", "value": summary}
    return Activity(type=ActivityTypes.invoke_response, value=InvokeResponse(status=200, body=body))


TEAMS_KEY = web.AppKey("teams", TeamsEndpoint)


def check_settings(bot: Bot) -> bool:
    """Whether Teams is on; refuses local mode on a non-loopback HOST (ConfigError names the variable)."""
    settings = bot.settings
    if settings.microsoft_app_id:
        if settings.teams_local:
            log.warning(
                "ROUNDTABLE_TEAMS_LOCAL is ignored: MICROSOFT_APP_ID is set, requests are authenticated"
            )
        return True
    if not settings.teams_local:
        log.info("Teams is off: MICROSOFT_APP_ID is not set")
        return False
    if not settings.host_is_loopback:
        raise ConfigError("ROUNDTABLE_TEAMS_LOCAL: unauthenticated local mode needs HOST=127.0.0.1 (or ::1)")
    log.warning("Teams local mode: /api/messages accepts unauthenticated requests on %s", settings.host)
    return True


def mount(
    app: web.Application, bot: Bot, *, openid_metadata_url: str | None = None, sleep: Sleep = asyncio.sleep
) -> TeamsEndpoint | None:
    """Add POST /api/messages and the Teams notifier when Teams is enabled; otherwise leave the route off."""
    if not check_settings(bot):
        return None
    authentication = ReusingAuthentication(auth.configuration(bot.settings, openid_metadata_url))
    adapter = CloudAdapter(authentication)
    endpoint = TeamsEndpoint(bot, adapter, authentication, answers_for(app, bot))
    bot.notifier.register(PLATFORM, TeamsNotifier(adapter, bot.uow, endpoint.app_id, sleep=sleep))
    app.router.add_post(ROUTE, endpoint.handle)
    app[TEAMS_KEY] = endpoint
    return endpoint
