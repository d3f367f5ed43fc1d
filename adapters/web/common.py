"""What every console handler needs: the bot, who is signed in, their language, a Context to reuse the chat
handlers' logic (so a decision taken on the web tells people in chat exactly as a typed one does), and
the page renderer with the values every template uses."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aiohttp import web

from adapters.web.auth import csrf_token
from bot.context import Context
from bot.core import Bot
from bot.i18n import translate
from bot.messages import UserRef
from handlers.shared import timefmt

if TYPE_CHECKING:
    import jinja2
    from aiohttp_session import Session

BOT = web.AppKey("console_bot", Bot)
ORGANISER = web.RequestKey("console_organiser", str)  # the signed-in organiser's user key
API_ACTOR = "api"  # who a bearer-token request is, in the audit log
RTL = frozenset({"ar"})
TEMPLATE_FOLDER = Path(__file__).parent / "templates"


class Templates:
    """The Jinja environment, made for the console's first page: a server nobody opens the console on never
    loads Jinja (nor, see ``session_of``, aiohttp-session and cryptography), some 10 MB of resident memory."""

    @cached_property
    def environment(self) -> jinja2.Environment:
        import jinja2

        return jinja2.Environment(
            loader=jinja2.FileSystemLoader(TEMPLATE_FOLDER),
            autoescape=jinja2.select_autoescape(default=True),
            undefined=jinja2.StrictUndefined,
        )

    def render(self, template: str, values: Mapping[str, Any], status: int) -> web.Response:
        body = self.environment.get_template(template).render(values)
        return web.Response(text=body, status=status, content_type="text/html")


TEMPLATES = web.AppKey("console_templates", Templates)


async def session_of(request: web.Request) -> Session:
    from aiohttp_session import get_session  # with the console's first request (see Templates)

    return await get_session(request)


async def new_session_of(request: web.Request) -> Session:
    from aiohttp_session import new_session

    return await new_session(request)


def bot_of(request: web.Request) -> Bot:
    return request.app[BOT]


def organiser_of(request: web.Request) -> str:
    return request[ORGANISER]


async def lang_of(request: web.Request) -> str:
    session = await session_of(request)
    lang = session.get("lang")
    return lang if isinstance(lang, str) and lang in bot_of(request).event.languages else "en"


async def context_of(request: web.Request) -> Context:
    """The organiser as the chat handlers see them: same role check, same audit actor, same language."""
    bot, user_key = bot_of(request), organiser_of(request)
    platform, _, user_id = user_key.partition(":")
    return Context(
        event=bot.event,
        clock=bot.clock,
        uow=bot.uow,
        notifier=bot.notifier,
        user=UserRef(platform, user_id),
        lang=await lang_of(request),
        role=bot.role_of(user_key),
        base_url=bot.base_url,
    )


def flash(session: Session, text: str) -> None:
    """A one-line outcome shown on the next page (a decision, a cancelled broadcast)."""
    session["flash"] = text[:500]


def see_other(location: str) -> web.HTTPSeeOther:
    return web.HTTPSeeOther(location)


def _when(bot: Bot, moment: datetime, lang: str) -> str:
    """A moment in the event's time zone, as Babel writes it in ``lang``."""
    local = bot.event.local(moment)
    return f"{timefmt.day(local, lang)} {timefmt.clock(local, lang)}"


async def page(
    request: web.Request, template: str, values: Mapping[str, Any] | None = None, status: int = 200
) -> web.Response:
    session = await session_of(request)
    lang = await lang_of(request)
    bot = bot_of(request)
    common = {
        "lang": lang,
        "dir": "rtl" if lang in RTL else "ltr",
        "t": lambda key, **params: translate(lang, f"console.{key}", **params),
        "languages": list(bot.event.languages),
        "csrf": csrf_token(session),
        "organiser": request.get(ORGANISER),
        "flash": session.pop("flash", None),
        "path": request.path_qs,
        "event_name": bot.event.names["short"].get(lang),
        "when": lambda moment: _when(bot, moment, lang),
        "date": lambda day: timefmt.long_date(day, lang),
    }
    response = request.app[TEMPLATES].render(template, {**common, **(values or {})}, status)
    response.headers["Cache-Control"] = "no-store"
    return response
