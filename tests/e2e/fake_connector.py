"""A fake Bot Connector on 127.0.0.1: records what the bot posts, answers with scripted statuses, and
publishes OpenID metadata + signing keys so token validation never leaves the machine.

Also: Teams activity builders, a loopback-only network guard, and a helper to run the real server.
"""

from __future__ import annotations

import itertools
import json
import socket
from collections import deque
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass, field
from typing import Any

import aiohttp
import jwt
from aiohttp import web
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

from adapters.teams.app import TEAMS_KEY
from adapters.teams.notifier import TeamsNotifier
from bot.config import load_settings
from bot.context import Clock
from bot.event import Event
from bot.router import Router
from service.bootstrap import Bot, create_bot
from service.routes import build_router
from service.server import build_app

LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}
BOT_ID = "28:roundtable-bot"
_ids = itertools.count(1)


@dataclass
class Posted:
    conversation_id: str
    reply_to_id: str | None
    activity: dict[str, Any]
    authorization: str | None

    @property
    def text(self) -> str:
        return str(self.activity.get("text") or "")

    @property
    def card(self) -> dict[str, Any] | None:
        attachments = self.activity.get("attachments") or []
        return attachments[0]["content"] if attachments else None


@dataclass
class FakeConnector:
    """``script`` holds (status, headers) answers used in order before falling back to 201."""

    base_url: str = ""
    posted: list[Posted] = field(default_factory=list)
    attempts: int = 0
    script: deque[tuple[int, dict[str, str]]] = field(default_factory=deque)
    signing_key: rsa.RSAPrivateKey = field(
        default_factory=lambda: rsa.generate_private_key(public_exponent=65537, key_size=2048)
    )
    key_id: str = "connector-key-1"
    key_fetches: int = 0
    down: bool = False  # every post answers 503, as a connector in an outage does

    def answer_next(self, status: int, **headers: str) -> None:
        self.script.append((status, headers))

    @property
    def openid_url(self) -> str:
        return f"{self.base_url}/v1/.well-known/openidconfiguration"

    async def _post_activity(self, request: web.Request) -> web.Response:
        self.attempts += 1
        if self.down:
            return web.json_response({"error": {"code": "ServiceUnavailable"}}, status=503)
        if self.script:
            status, headers = self.script.popleft()
            if status >= 300:
                return web.json_response({"error": {"code": str(status)}}, status=status, headers=headers)
        body = await request.json()
        self.posted.append(
            Posted(
                request.match_info["conversation_id"],
                request.match_info.get("reply_to_id"),
                body,
                request.headers.get("Authorization"),
            )
        )
        return web.json_response({"id": f"sent-{next(_ids)}"}, status=201)

    async def _openid(self, request: web.Request) -> web.Response:
        return web.json_response(
            {"issuer": "https://api.botframework.com", "jwks_uri": f"{self.base_url}/keys"}
        )

    async def _keys(self, request: web.Request) -> web.Response:
        self.key_fetches += 1
        jwk = json.loads(RSAAlgorithm.to_jwk(self.signing_key.public_key()))
        jwk.update(kid=self.key_id, use="sig", endorsements=["msteams"])
        return web.json_response({"keys": [jwk]})

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_post("/v3/conversations/{conversation_id}/activities", self._post_activity)
        app.router.add_post(
            "/v3/conversations/{conversation_id}/activities/{reply_to_id}", self._post_activity
        )
        app.router.add_get("/v1/.well-known/openidconfiguration", self._openid)
        app.router.add_get("/keys", self._keys)
        return app


@asynccontextmanager
async def serve(app: web.Application) -> AsyncIterator[str]:
    """Run an aiohttp app on 127.0.0.1 on a free port; yields its base URL."""
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        await runner.cleanup()


@asynccontextmanager
async def running_connector() -> AsyncIterator[FakeConnector]:
    connector = FakeConnector()
    async with serve(connector.app()) as url:
        connector.base_url = url
        yield connector


@dataclass
class TeamsRig:
    """The real server in Teams local mode, its bot, the fake connector, and the notifier's waits."""

    bot: Bot
    connector: FakeConnector
    url: str
    http: aiohttp.ClientSession
    slept: list[float]

    async def post(
        self, body: dict[str, Any], headers: dict[str, str] | None = None
    ) -> aiohttp.ClientResponse:
        async with self.http.post(f"{self.url}/api/messages", json=body, headers=headers) as response:
            await response.read()
            return response

    def activity(self, **kwargs: Any) -> dict[str, Any]:
        return activity(self.connector.base_url, **kwargs)


@asynccontextmanager
async def teams_server(
    event: Event, clock: Clock, router_factory: Callable[[], Router] = build_router, **extra: str
) -> AsyncIterator[TeamsRig]:
    """build_app with ROUNDTABLE_TEAMS_LOCAL=1 on 127.0.0.1; the notifier sleeps into a list, not the wall.
    ``extra`` settings (e.g. organisers) add to those."""
    settings = load_settings(
        {}, **{"database_url": "sqlite+aiosqlite://", **extra}, teams_local=True, host="127.0.0.1"
    )
    bot = await create_bot(settings, event=event, clock=clock, migrate=True, router_factory=router_factory)
    slept: list[float] = []

    async def recorded_sleep(seconds: float) -> None:
        slept.append(seconds)

    app = build_app(bot)
    adapter = app[TEAMS_KEY].adapter
    bot.notifier.register("teams", TeamsNotifier(adapter, bot.uow, sleep=recorded_sleep))
    try:
        async with running_connector() as connector, serve(app) as url, aiohttp.ClientSession() as http:
            yield TeamsRig(bot, connector, url, http, slept)
    finally:
        await bot.close()


@contextmanager
def loopback_only() -> Iterator[list[str]]:
    """Refuse (and record) any name lookup that is not loopback: proves a test never left the machine."""
    refused: list[str] = []
    original = socket.getaddrinfo

    def guarded(host: Any, *args: Any, **kwargs: Any) -> Any:
        name = host.decode() if isinstance(host, bytes) else str(host)
        if name not in LOOPBACK_HOSTS:
            refused.append(name)
            raise socket.gaierror(f"test guard: no network beyond loopback ({name})")
        return original(host, *args, **kwargs)

    socket.getaddrinfo = guarded
    try:
        yield refused
    finally:
        socket.getaddrinfo = original


def sign(connector: FakeConnector, claims: dict[str, Any], key: rsa.RSAPrivateKey | None = None) -> str:
    """A Bearer header as the Bot Connector would send it (signed with ``key``, default the connector's)."""
    token = jwt.encode(
        claims, key or connector.signing_key, algorithm="RS256", headers={"kid": connector.key_id}
    )
    return f"Bearer {token}"


def activity(
    service_url: str,
    *,
    text: str = "",
    user: str = "29:alice",
    user_name: str = "Alice",
    conversation: str = "a:personal-alice",
    conversation_type: str = "personal",
    kind: str = "message",
    locale: str = "en-US",
    **extra: Any,
) -> dict[str, Any]:
    """A Teams activity in the shape the Bot Connector posts (see tests/contract/fixtures/teams/)."""
    body: dict[str, Any] = {
        "type": kind,
        "id": f"act-{next(_ids)}",
        "timestamp": "2024-05-10T14:15:00.000Z",
        "serviceUrl": service_url,
        "channelId": "msteams",
        "from": {"id": user, "name": user_name, "aadObjectId": f"aad-{user}"},
        "conversation": {"id": conversation, "conversationType": conversation_type, "tenantId": "tenant-1"},
        "recipient": {"id": BOT_ID, "name": "Roundtable"},
        "locale": locale,
        "channelData": {"tenant": {"id": "tenant-1"}},
        **extra,
    }
    if kind == "message" and "value" not in extra:
        body["text"] = text
    return body
