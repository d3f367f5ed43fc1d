"""A local fake of the Slack Web API: records every call, answers like Slack, and fails on request.

Point an ``AsyncWebClient`` at ``fake.api_url``. ``fake.fail("chat.postMessage", status=429, retry_after=0)``
makes the next call to that method fail; ``await fake.wait_for("chat.postMessage")`` waits (with a
timeout, never a fixed sleep) until the bot has made that call. Response URLs (slash commands) and file
uploads are served too, recorded as ``response_url`` and ``file_upload``.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Self
from urllib.parse import urlencode

from aiohttp import web
from slack_sdk.signature import SignatureVerifier

BOT_USER_ID = "UBOT"
TEAM_ID = "T0001"


@dataclass(frozen=True)
class Call:
    method: str
    params: dict[str, Any]
    headers: dict[str, str] = field(default_factory=dict)
    at: float = field(default_factory=time.time)  # when the fake received it (benches: answer latency)


@dataclass(frozen=True)
class Fault:
    status: int = 200
    error: str | None = None
    retry_after: int | None = None


def sign(secret: str, body: str, timestamp: int | None = None) -> dict[str, str]:
    """The two headers Slack sends, made with slack_sdk's own signer."""
    stamp = str(int(time.time()) if timestamp is None else timestamp)
    signature = SignatureVerifier(secret).generate_signature(timestamp=stamp, body=body)
    assert signature is not None
    return {"X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": signature}


def form(**fields: str) -> str:
    return urlencode(fields)


class FakeSlack:
    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.users: dict[str, dict[str, Any]] = {}
        self._faults: dict[str, deque[Fault]] = defaultdict(deque)
        self._held: dict[str, asyncio.Event] = {}
        self._new_call = asyncio.Event()
        self._ts = itertools.count(1)
        self._runner: web.AppRunner | None = None
        self.base_url = ""

    # -- set-up -------------------------------------------------------------------------------------
    async def start(self, port: int = 0) -> Self:
        app = web.Application()
        app.router.add_route("*", "/api/{method}", self._api)
        app.router.add_post("/response/{hook}", self._record_raw("response_url"))
        app.router.add_post("/upload/{file}", self._record_raw("file_upload"))
        app.router.add_get("/_count/{method}", self._count)  # for a fake running in another process
        app.router.add_get("/_received/{method}", self._received)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", port)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.base_url = f"http://127.0.0.1:{port}"
        return self

    async def stop(self) -> None:
        self.let_go()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def api_url(self) -> str:
        return f"{self.base_url}/api/"

    def response_url(self, name: str) -> str:
        return f"{self.base_url}/response/{name}"

    def fail(
        self,
        method: str,
        *,
        status: int = 200,
        error: str | None = None,
        retry_after: int | None = None,
        times: int = 1,
    ) -> None:
        """The next ``times`` calls to ``method`` fail: HTTP ``status`` and/or Slack ``error``."""
        self._faults[method].extend([Fault(status, error, retry_after)] * times)

    def hold(self, method: str) -> None:
        """Calls to ``method`` are recorded and then left unanswered until ``let_go(method)``."""
        self._held[method] = asyncio.Event()

    def let_go(self, method: str | None = None) -> None:
        for name in [method] if method else list(self._held):
            self._held.pop(name, asyncio.Event()).set()

    # -- reading what the bot did --------------------------------------------------------------------
    def calls_to(self, method: str) -> list[Call]:
        return [c for c in self.calls if c.method == method]

    async def wait_for(self, method: str, count: int = 1, within: float = 10.0) -> list[Call]:
        async with asyncio.timeout(within):
            while len(self.calls_to(method)) < count:
                self._new_call.clear()
                await self._new_call.wait()
        return self.calls_to(method)

    # -- serving -------------------------------------------------------------------------------------
    def _record(self, method: str, params: dict[str, Any], request: web.Request) -> None:
        self.calls.append(Call(method, params, dict(request.headers)))
        self._new_call.set()

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        params = await _params(request)
        self._record(method, params, request)
        if method in self._held:
            await self._held[method].wait()
        if self._faults[method]:
            return _fault_response(self._faults[method].popleft())
        if not request.headers.get("Authorization", "").startswith("Bearer xox"):
            return web.json_response({"ok": False, "error": "not_authed"})
        answer = self._answers().get(method, _nothing)
        return web.json_response({"ok": True, **answer(params)})

    async def _count(self, request: web.Request) -> web.Response:
        """``?at_least=N`` answers once there are N calls (a bench waits without polling)."""
        method, wanted = request.match_info["method"], int(request.query.get("at_least", "0"))
        while len(self.calls_to(method)) < wanted:
            self._new_call.clear()
            await self._new_call.wait()
        return web.json_response({"count": len(self.calls_to(method))})

    async def _received(self, request: web.Request) -> web.Response:
        """Each call's channel and the moment it arrived, in order."""
        calls = self.calls_to(request.match_info["method"])
        return web.json_response([[str(call.params.get("channel")), call.at] for call in calls])

    def _record_raw(self, name: str) -> Callable[[web.Request], Any]:
        async def handler(request: web.Request) -> web.Response:
            raw = await request.read()
            try:
                params = json.loads(raw)
            except (UnicodeDecodeError, json.JSONDecodeError):
                params = {"bytes": len(raw)}
            self._record(name, params, request)
            if self._faults[name]:
                fault = self._faults[name].popleft()
                return web.Response(status=fault.status, text=fault.error or "error")
            return web.Response(text="ok")

        return handler

    def _answers(self) -> dict[str, Callable[[dict[str, Any]], dict[str, Any]]]:
        return {
            "auth.test": lambda p: {
                "user_id": BOT_USER_ID,
                "bot_id": "BBOT",
                "team_id": TEAM_ID,
                "user": "rt",
            },
            "chat.postMessage": lambda p: {"channel": p.get("channel"), "ts": f"{next(self._ts)}.000100"},
            "chat.postEphemeral": lambda p: {"message_ts": f"{next(self._ts)}.000200"},
            "conversations.open": lambda p: {"channel": {"id": "D" + str(p.get("users", "")).lstrip("U")}},
            "users.info": lambda p: {"user": self._user(str(p.get("user", "")))},
            "views.publish": lambda p: {"view": {"id": "V1"}},
            "views.open": lambda p: {"view": {"id": "V2"}},
            "files.getUploadURLExternal": lambda p: {
                "upload_url": f"{self.base_url}/upload/F1",
                "file_id": "F1",
            },
            "files.completeUploadExternal": lambda p: {"files": [{"id": "F1", "title": "file"}]},
            "files.info": lambda p: {"file": {"id": "F1"}},
        }

    def _user(self, user_id: str) -> dict[str, Any]:
        default = {
            "id": user_id,
            "tz": "America/New_York",
            "locale": "en-US",
            "profile": {"display_name": f"Delegate {user_id}"},
        }
        return {**default, **self.users.get(user_id, {})}


async def _params(request: web.Request) -> dict[str, Any]:
    params: dict[str, Any] = dict(request.query)
    if request.content_type == "application/json":
        params.update(await request.json())
    elif request.can_read_body:
        params.update({k: v for k, v in (await request.post()).items() if isinstance(v, str)})
    for key in ("blocks", "view"):  # sent form-encoded as JSON strings by some methods
        if isinstance(params.get(key), str):
            params[key] = json.loads(params[key])
    return params


def _fault_response(fault: Fault) -> web.Response:
    headers = {"Retry-After": str(fault.retry_after)} if fault.retry_after is not None else {}
    error = fault.error or {429: "ratelimited"}.get(fault.status, "fatal_error")
    return web.json_response({"ok": False, "error": error}, status=fault.status, headers=headers)


class SlackSender:
    """Plays Slack's side of /slack/events: signed events, slash commands and interactions."""

    def __init__(self, url: str, secret: str, session: Any) -> None:
        self.url = url
        self.secret = secret
        self.session = session
        self._ids = itertools.count(1)

    async def post(
        self, body: str, content_type: str, headers: dict[str, str] | None = None, *, signed: bool = True
    ) -> tuple[int, str]:
        all_headers = {"Content-Type": content_type, **(sign(self.secret, body) if signed else {})}
        all_headers.update(headers or {})
        async with self.session.post(self.url, data=body.encode(), headers=all_headers) as response:
            return response.status, await response.text()

    def event_body(self, event: dict[str, Any], event_id: str | None = None, team_id: str = TEAM_ID) -> str:
        return json.dumps(
            {
                "token": "unused",
                "team_id": team_id,
                "api_app_id": "A1",
                "type": "event_callback",
                "event_id": event_id or f"Ev{next(self._ids):06d}",
                "event_time": int(time.time()),
                "authorizations": [{"team_id": team_id, "user_id": BOT_USER_ID, "is_bot": True}],
                "event": event,
            }
        )

    async def event(
        self,
        event: dict[str, Any],
        *,
        event_id: str | None = None,
        retry_num: int | None = None,
        team_id: str = TEAM_ID,
    ) -> tuple[int, str]:
        headers = {}
        if retry_num is not None:
            headers = {"X-Slack-Retry-Num": str(retry_num), "X-Slack-Retry-Reason": "http_timeout"}
        return await self.post(self.event_body(event, event_id, team_id), "application/json", headers)

    async def direct_message(self, text: str, user: str = "U100", **options: Any) -> tuple[int, str]:
        n = next(self._ids)
        event = {
            "type": "message",
            "channel_type": "im",
            "channel": f"D{user}",
            "user": user,
            "text": text,
            "ts": f"{n}.000001",
            "event_ts": f"{n}.000001",
        }
        return await self.event(event, **options)

    async def command(self, text: str, response_url: str, user: str = "U100") -> tuple[int, str]:
        body = form(
            token="unused",
            team_id=TEAM_ID,
            channel_id="C100",
            channel_name="general",
            user_id=user,
            command="/roundtable",
            text=text,
            response_url=response_url,
            trigger_id=f"trigger-{next(self._ids)}",
        )
        return await self.post(body, "application/x-www-form-urlencoded")

    async def interaction(self, payload: dict[str, Any]) -> tuple[int, str]:
        payload = {"team": {"id": TEAM_ID}, "trigger_id": f"trigger-{next(self._ids)}", **payload}
        body = form(payload=json.dumps(payload))
        return await self.post(body, "application/x-www-form-urlencoded")


def _nothing(_params: dict[str, Any]) -> dict[str, Any]:
    """The answer of a method with nothing to say but ``ok``."""
    return {}
