"""Mounts the organiser console at /organiser/ as a sub-application: its own middlewares (encrypted cookie
sessions, the sign-in guard, CSRF on every form) touch none of the platform routes."""

from __future__ import annotations

import asyncio
import hashlib
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from aiohttp import web
from aiohttp.typedefs import Handler

from adapters.web import api, broadcasts, delegations, pages, pitches, signin
from adapters.web.auth import (
    COOKIE_NAME,
    CSRF_FIELD,
    SECRET_SETTING,
    SESSION_LIFETIME,
    bearer_ok,
    csrf_ok,
    new_secret,
    session_id,
    signed_in_user,
)
from adapters.web.common import API_ACTOR, BOT, ORGANISER, TEMPLATES, Templates, bot_of, page, session_of
from bot.context import Role
from bot.core import Bot
from storage.console import ConsoleRepository

if TYPE_CHECKING:
    from aiohttp_session.cookie_storage import EncryptedCookieStorage

log = logging.getLogger(__name__)
HERE = Path(__file__).parent
PREFIX = "/organiser"
PUBLIC_ROUTES = frozenset({"signin.form", "signin.redeem", "signin.welcome", "static"})


class CookieSessions:
    """The cookie storage, made on first use: its key comes from ROUNDTABLE_CONSOLE_SECRET or, when that is
    unset, from the database (generated once, shared by every instance, kept across restarts)."""

    def __init__(self, bot: Bot) -> None:
        self._bot = bot
        self._storage: EncryptedCookieStorage | None = None
        self._lock = asyncio.Lock()

    async def storage(self) -> EncryptedCookieStorage:
        from aiohttp_session.cookie_storage import EncryptedCookieStorage  # cryptography: see Templates

        async with self._lock:
            if self._storage is None:
                secret = await self._secret()
                key = hashlib.sha256(secret.encode()).digest()  # 32 bytes, as Fernet wants
                self._storage = EncryptedCookieStorage(
                    key,
                    cookie_name=COOKIE_NAME,
                    max_age=int(SESSION_LIFETIME.total_seconds()),
                    path=f"{PREFIX}/",
                    httponly=True,
                    samesite="Lax",
                    secure=(self._bot.settings.public_url or "").startswith("https://"),
                )
            return self._storage

    async def _secret(self) -> str:
        configured = self._bot.settings.console_secret
        if configured is not None:
            return configured.get_secret_value()
        async with self._bot.uow() as uow:
            secret = await ConsoleRepository(uow.session).setting(
                SECRET_SETTING, new_secret(), self._bot.clock()
            )
            await uow.commit()
        return secret


SESSIONS = web.AppKey("console_sessions", CookieSessions)


@web.middleware
async def sessions(request: web.Request, handler: Handler) -> web.StreamResponse:
    from aiohttp_session import session_middleware

    storage = await request.app[SESSIONS].storage()
    return await session_middleware(storage)(request, handler)


@web.middleware
async def guard(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Everything but sign-in needs an organiser's session (or, for the API, the bearer token); every
    form posted carries the session's CSRF token."""
    if request.match_info.route.name in PUBLIC_ROUTES:
        return await handler(request)
    bot = bot_of(request)
    session = await session_of(request)
    user = signed_in_user(session, bot.clock())
    if user is not None and await _open_on_server(bot, user, session_id(session)):
        request[ORGANISER] = user
    elif request.path.startswith(api.PREFIX) and _api_token_ok(request, bot):
        request[ORGANISER] = API_ACTOR
        return await handler(request)
    elif request.path.startswith(api.PREFIX):
        return web.json_response(
            {"error": "unauthorised"}, status=401, headers={"WWW-Authenticate": "Bearer"}
        )
    else:
        return await page(request, "welcome.html", {"expired": "user" in session, "refused": ""}, 401)
    if request.method == "POST":
        form = await request.post()
        if not csrf_ok(session, form.get(CSRF_FIELD)):
            raise web.HTTPForbidden(text="The form has expired. Reload the page and try again.")
    return await handler(request)


async def _open_on_server(bot: Bot, user: str, session_id: str) -> bool:
    """The server still holds the cookie's session open, for an organiser. Someone who is no longer one
    (ROUNDTABLE_ORGANISERS changed) has every session revoked, on the record, so that giving the role
    back later does not revive an old cookie."""
    now = bot.clock()
    async with bot.uow() as uow:
        console = ConsoleRepository(uow.session)
        if not session_id or await console.session_user(session_id, now - SESSION_LIFETIME) != user:
            return False
        if bot.role_of(user) is Role.ORGANISER:
            return True
        if await console.revoke_sessions_of(user, now):
            uow.audit.record(now, user, "console.sessions_revoked", "console", note="no longer an organiser")
        await uow.commit()
    return False


def _api_token_ok(request: web.Request, bot: Bot) -> bool:
    token = bot.settings.console_api_token
    secret = token.get_secret_value() if token is not None else None
    return bearer_ok(request.headers.get("Authorization", ""), secret)


@web.middleware
async def headers(request: web.Request, handler: Handler) -> web.StreamResponse:
    """No framing, no sniffing, no third-party anything: the pages load only their own assets."""
    response = await handler(request)
    response.headers.setdefault(
        "Content-Security-Policy",
        "default-src 'self'; img-src 'self' data:; style-src 'self'; frame-ancestors 'none';"
        " form-action 'self'",
    )
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    return response


def build_console(bot: Bot) -> web.Application:
    console = web.Application(middlewares=[headers, sessions, guard])
    console[BOT] = bot
    console[SESSIONS] = CookieSessions(bot)
    console[TEMPLATES] = Templates()
    console.router.add_static("/static/", HERE / "static", name="static")
    signin.add_routes(console)
    pages.add_routes(console)
    delegations.add_routes(console)
    pitches.add_routes(console)
    broadcasts.add_routes(console)
    api.add_routes(console)
    return console


def mount_console(app: web.Application, bot: Bot) -> None:
    app.add_subapp(PREFIX, build_console(bot))
