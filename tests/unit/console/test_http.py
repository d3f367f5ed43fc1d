"""The console over HTTP on 127.0.0.1: the guard, CSRF on forms, rate-limited sign-in, logout, the API."""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator
from datetime import timedelta

import aiohttp
import pytest
from sqlalchemy import delete, select
from yarl import URL

from adapters.web.auth import COOKIE_NAME
from bot.config import load_settings
from bot.event import Event
from handlers.organiser.console_link import issue_link
from handlers.shared import timefmt
from service.bootstrap import Bot, create_bot
from service.server import build_app
from storage.models import ConsoleSession
from tests.conftest import MutableClock
from tests.e2e.console.seed import seed
from tests.e2e.fake_connector import serve
from tests.frab_schema import check

ORGANISER = "slack:UORG"
API_TOKEN = "api-token-for-tests"


@pytest.fixture
async def web_bot(event: Event, clock: MutableClock) -> AsyncIterator[Bot]:
    settings = load_settings(
        {}, database_url="sqlite+aiosqlite://", organisers=ORGANISER, console_api_token=API_TOKEN
    )
    bot = await create_bot(settings, event=event, clock=clock, migrate=True)
    yield bot
    await bot.close()


@pytest.fixture
async def site(web_bot: Bot) -> AsyncIterator[tuple[str, aiohttp.ClientSession]]:
    jar = aiohttp.CookieJar(unsafe=True)  # cookies for 127.0.0.1
    async with serve(build_app(web_bot)) as base, aiohttp.ClientSession(cookie_jar=jar) as http:
        yield base, http


async def link(bot: Bot, user: str = ORGANISER) -> str:
    async with bot.uow() as uow:
        token = await issue_link(uow, user, bot.clock())
        await uow.commit()
    return token


async def sign_in(base: str, http: aiohttp.ClientSession, bot: Bot) -> str:
    """Signs in; returns the page's CSRF token."""
    async with http.post(f"{base}/organiser/signin", data={"token": await link(bot)}) as response:
        assert response.status == 200 and response.url.path == "/organiser/"
        cookie = response.history[0].headers["Set-Cookie"]
        page = await response.text()
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Path=/organiser/" in cookie
    found = re.search(r'name="csrf" value="([^"]+)"', page)
    assert found is not None
    return found.group(1)


async def test_without_a_session_pages_explain_how_to_sign_in(
    site: tuple[str, aiohttp.ClientSession],
) -> None:
    base, http = site
    async with http.get(f"{base}/organiser/delegations") as response:
        assert response.status == 401
        assert "dashboard" in await response.text()
    async with http.get(f"{base}/organiser/api/overview") as response:
        assert response.status == 401 and response.headers["WWW-Authenticate"] == "Bearer"


async def test_the_api_takes_the_bearer_token(site: tuple[str, aiohttp.ClientSession]) -> None:
    base, http = site
    wrong = {"Authorization": "Bearer nope"}
    async with http.get(f"{base}/organiser/api/exports/registrations", headers=wrong) as response:
        assert response.status == 401
    right = {"Authorization": f"Bearer {API_TOKEN}"}
    async with http.get(f"{base}/organiser/api/exports/registrations", headers=right) as response:
        assert response.status == 200 and await response.json() == []
    async with http.get(f"{base}/organiser/api/openapi.json", headers=right) as response:
        described = await response.json()
    assert described["openapi"].startswith("3.") and "/organiser/api/overview" in described["paths"]


async def test_forms_without_the_sessions_csrf_token_are_refused(
    site: tuple[str, aiohttp.ClientSession], web_bot: Bot
) -> None:
    base, http = site
    csrf = await sign_in(base, http, web_bot)
    async with http.post(f"{base}/organiser/pitches", data={"op": "close"}) as response:
        assert response.status == 403
    async with http.post(f"{base}/organiser/pitches", data={"op": "close", "csrf": "forged"}) as response:
        assert response.status == 403
    async with http.post(f"{base}/organiser/pitches", data={"op": "close", "csrf": csrf}) as response:
        assert response.status == 200
    async with web_bot.uow() as uow:
        actions = [(e.actor, e.action) for e in await uow.audit.all()]
    assert (ORGANISER, "pitch.close") in actions and (ORGANISER, "console.signin") in actions


def _cookie(base: str, http: aiohttp.ClientSession) -> str:
    return http.cookie_jar.filter_cookies(URL(f"{base}/organiser/"))[COOKIE_NAME].value


def _put_back(base: str, http: aiohttp.ClientSession, cookie: str) -> None:
    """A copy of the cookie kept from before (a stolen one, or the browser's back button)."""
    http.cookie_jar.update_cookies({COOKIE_NAME: cookie}, URL(f"{base}/organiser/"))


async def _open_sessions(bot: Bot) -> list[str]:
    async with bot.uow() as uow:
        query = select(ConsoleSession.user_key).where(ConsoleSession.revoked_at.is_(None))
        return list(await uow.session.scalars(query))


async def test_logging_out_ends_the_session_on_the_server(
    site: tuple[str, aiohttp.ClientSession], web_bot: Bot
) -> None:
    base, http = site
    csrf = await sign_in(base, http, web_bot)
    kept = _cookie(base, http)
    assert await _open_sessions(web_bot) == [ORGANISER]
    async with http.post(f"{base}/organiser/logout", data={"csrf": csrf}) as response:
        assert response.url.path == "/organiser/welcome"
    async with http.get(f"{base}/organiser/") as response:
        assert response.status == 401
    _put_back(base, http, kept)
    async with http.get(f"{base}/organiser/") as response:
        assert response.status == 401  # the cookie is still valid, the session behind it is not
    assert await _open_sessions(web_bot) == []


async def test_an_organiser_who_loses_the_role_loses_every_session_for_good(
    site: tuple[str, aiohttp.ClientSession], web_bot: Bot
) -> None:
    base, http = site
    await sign_in(base, http, web_bot)
    kept = _cookie(base, http)
    organisers = web_bot.settings.organisers
    web_bot.settings = web_bot.settings.model_copy(update={"organisers": frozenset()})
    web_bot.use_event(web_bot.event)
    async with http.get(f"{base}/organiser/") as response:
        assert response.status == 401
    assert await _open_sessions(web_bot) == []
    async with web_bot.uow() as uow:
        assert (ORGANISER, "console.sessions_revoked") in [(e.actor, e.action) for e in await uow.audit.all()]
    web_bot.settings = web_bot.settings.model_copy(update={"organisers": organisers})
    web_bot.use_event(web_bot.event)
    _put_back(base, http, kept)
    async with http.get(f"{base}/organiser/") as response:
        assert response.status == 401  # the role back does not revive the old cookie: sign in again
    await sign_in(base, http, web_bot)
    async with http.get(f"{base}/organiser/") as response:
        assert response.status == 200


async def test_a_cookie_without_a_session_on_the_server_is_refused(
    site: tuple[str, aiohttp.ClientSession], web_bot: Bot
) -> None:
    base, http = site
    await sign_in(base, http, web_bot)
    async with web_bot.uow() as uow:
        await uow.session.execute(delete(ConsoleSession))
        await uow.commit()
    async with http.get(f"{base}/organiser/") as response:
        assert response.status == 401


async def test_sign_in_attempts_are_rate_limited(
    site: tuple[str, aiohttp.ClientSession], web_bot: Bot
) -> None:
    base, http = site
    for _ in range(10):
        async with http.post(f"{base}/organiser/signin", data={"token": "guess"}) as response:
            assert response.status == 403
    async with http.post(f"{base}/organiser/signin", data={"token": await link(web_bot)}) as response:
        assert response.status == 429  # even a good link waits out the window


async def test_a_link_for_someone_no_longer_an_organiser_is_refused(
    site: tuple[str, aiohttp.ClientSession], web_bot: Bot
) -> None:
    base, http = site
    token = await link(web_bot, "slack:UDELEGATE")
    async with http.post(f"{base}/organiser/signin", data={"token": token}) as response:
        assert response.status == 403


@pytest.mark.parametrize("lang", ["fr", "ru", "en"])
async def test_tables_write_dates_as_babel_does_in_the_organisers_language(
    site: tuple[str, aiohttp.ClientSession], web_bot: Bot, lang: str
) -> None:
    base, http = site
    now = web_bot.clock()
    async with web_bot.uow() as uow:
        await seed(uow, now, delegations=3)
        await uow.commit()
    csrf = await sign_in(base, http, web_bot)
    async with http.post(
        f"{base}/organiser/language", data={"csrf": csrf, "lang": lang, "next": "/organiser/"}
    ):
        pass
    confirmed = web_bot.event.local(now - timedelta(days=1)).date()  # the seed's last registration
    for path in (
        "/organiser/",
        "/organiser/delegations",
        "/organiser/delegations?sort=registered&order=desc",
    ):
        async with http.get(f"{base}{path}") as response:
            text = await response.text()
        assert timefmt.long_date(confirmed, lang) in text, path
        assert not re.search(r">\s*\d{4}-\d{2}-\d{2}\s*<", text), path  # ISO only in datetime="…"
        assert f'datetime="{confirmed.isoformat()}"' in text or path == "/organiser/"


async def test_the_matchmaking_page_draws_its_charts(
    site: tuple[str, aiohttp.ClientSession], web_bot: Bot
) -> None:
    base, http = site
    await sign_in(base, http, web_bot)
    async with http.get(f"{base}/organiser/matchmaking") as response:
        assert response.status == 200
        assert (await response.text()).count('<svg role="img"') == 2


async def test_the_programme_downloads_as_frab_schedule_json_beside_the_ics(
    site: tuple[str, aiohttp.ClientSession], web_bot: Bot
) -> None:
    base, http = site
    await sign_in(base, http, web_bot)
    async with http.get(f"{base}/organiser/exports") as response:
        assert 'href="/organiser/exports/programme.json"' in await response.text()
    async with http.get(f"{base}/organiser/exports/programme.json") as response:
        assert response.status == 200 and response.content_type == "application/json"
        assert response.headers["Cache-Control"] == "no-store"
        assert re.search(r'filename="programme-\d{8}-\d{4}\.json"', response.headers["Content-Disposition"])
        check(json.loads(await response.read()))
    async with web_bot.uow() as uow:
        assert [(e.action, e.subject, e.after) for e in await uow.audit.all()][-1] == (
            "export",
            "programme",
            {"format": "json"},
        )
