"""Sign-in through a single-use link, the page that explains how to get one, language, logout.

GET on the link only shows a button: link checkers and chat previews (Slack unfurls links) fetch URLs,
and must not use up the organiser's link. The POST redeems it, rate-limited per client address.
"""

from __future__ import annotations

from aiohttp import web

from adapters.web.auth import HOME, SIGNIN_ATTEMPTS, SIGNIN_WINDOW, open_session, safe_next, session_id
from adapters.web.common import bot_of, lang_of, new_session_of, organiser_of, page, see_other, session_of
from bot.context import Role
from storage.console import ConsoleRepository

ATTEMPT = "console.signin_attempt"


async def form(request: web.Request) -> web.Response:
    return await page(request, "signin.html", {"token": request.match_info["token"]})


async def welcome(request: web.Request) -> web.Response:
    return await page(request, "welcome.html", {"expired": False, "refused": ""})


async def redeem(request: web.Request) -> web.StreamResponse:
    bot = bot_of(request)
    posted = await request.post()
    token = str(posted.get("token", ""))[:100]
    address = f"web:{request.remote or 'unknown'}"
    now = bot.clock()
    async with bot.uow() as uow:
        if await uow.audit.count(address, ATTEMPT, now - SIGNIN_WINDOW) >= SIGNIN_ATTEMPTS:
            return await page(request, "welcome.html", {"expired": False, "refused": "too_many"}, 429)
        uow.audit.record(now, address, ATTEMPT, "console")
        console = ConsoleRepository(uow.session)
        user = await console.redeem_link(token, now) if token else None
        allowed = user is not None and bot.role_of(user) is Role.ORGANISER
        if user is not None:
            uow.audit.record(
                now, user, "console.signin" if allowed else "console.signin_refused", "console", note=address
            )
        opened = await console.open_session(user, now) if allowed and user else ""
        member = await uow.members.get_by_key(user) if allowed and user else None
        await uow.commit()
    if not allowed or user is None:
        return await page(request, "welcome.html", {"expired": False, "refused": "link"}, 403)
    session = await new_session_of(request)
    language = member.language if member is not None and member.language else "en"
    open_session(session, user, opened, now, language if language in bot.event.languages else "en")
    raise see_other(HOME)


async def logout(request: web.Request) -> web.StreamResponse:
    """Ends the session on the server (its id is revoked), then drops the cookie."""
    bot = bot_of(request)
    session = await session_of(request)
    now = bot.clock()
    async with bot.uow() as uow:
        await ConsoleRepository(uow.session).revoke_session(session_id(session), now)
        uow.audit.record(now, organiser_of(request), "console.signout", "console")
        await uow.commit()
    session.invalidate()
    raise see_other(f"{HOME}welcome")


async def language(request: web.Request) -> web.StreamResponse:
    """Switches the console's language for this session (the chat language is left as it is)."""
    bot = bot_of(request)
    posted = await request.post()
    chosen = str(posted.get("lang", ""))
    session = await session_of(request)
    if chosen in bot.event.languages:
        before = await lang_of(request)
        session["lang"] = chosen
        async with bot.uow() as uow:
            uow.audit.record(
                bot.clock(),
                organiser_of(request),
                "console.language",
                "console",
                before={"lang": before},
                after={"lang": chosen},
            )
            await uow.commit()
    raise see_other(safe_next(posted.get("next")))


def add_routes(app: web.Application) -> None:
    app.router.add_get("/signin/{token}", form, name="signin.form")
    app.router.add_post("/signin", redeem, name="signin.redeem")
    app.router.add_get("/welcome", welcome, name="signin.welcome")
    app.router.add_post("/logout", logout, name="signin.logout")
    app.router.add_post("/language", language, name="signin.language")
