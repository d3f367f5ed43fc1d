"""Teams with MICROSOFT_APP_ID set: only a token the Bot Connector signed for this bot gets in.

Every refusal is a 401 — never a 500, never a traceback, nothing stored — and no test leaves 127.0.0.1:
malformed or implausible tokens are refused before any key fetch; plausible forgeries are checked
against signing keys that the fake connector publishes on loopback.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Iterator
from typing import Any

import aiohttp
import pytest
from aiohttp import web
from botbuilder.schema import Activity
from cryptography.hazmat.primitives.asymmetric import rsa

from adapters.teams import auth
from adapters.teams.app import TEAMS_KEY, mount
from bot.config import load_settings
from bot.errors import ConfigError
from bot.event import Event
from service.bootstrap import Bot, create_bot
from service.server import build_app
from tests.conftest import MutableClock
from tests.e2e.fake_connector import FakeConnector, activity, loopback_only, running_connector, serve, sign

APP_ID = "00000000-1111-2222-3333-444444444444"


@pytest.fixture
def network_guard() -> Iterator[list[str]]:
    with loopback_only() as refused:
        yield refused
    assert refused == [], f"a test tried to reach {refused}"


async def _bot(event: Event, clock: MutableClock, **settings: Any) -> Bot:
    values = {
        "database_url": "sqlite+aiosqlite://",
        "microsoft_app_password": "not-a-real-secret",
        **settings,
    }
    return await create_bot(load_settings({}, **values), event=event, clock=clock, migrate=True)


@pytest.fixture
async def secured(
    event: Event, clock: MutableClock, network_guard: list[str]
) -> AsyncIterator[tuple[str, FakeConnector, Bot]]:
    """The real server with an app id; the Bot Connector's keys are served by the fake on loopback."""
    bot = await _bot(event, clock, microsoft_app_id=APP_ID)
    try:
        async with running_connector() as connector:
            app = web.Application()
            mount(app, bot, openid_metadata_url=connector.openid_url)
            async with serve(app) as url:
                yield url, connector, bot
    finally:
        await bot.close()


def _claims(connector: FakeConnector, **overrides: Any) -> dict[str, Any]:
    now = int(time.time())  # JWT expiry is checked against the real clock, as the Bot Connector's is
    claims = {
        "iss": "https://api.botframework.com",
        "aud": APP_ID,
        "serviceurl": connector.base_url,
        "nbf": now - 10,
        "exp": now + 600,
    }
    return {**claims, **overrides}


async def _post(url: str, connector: FakeConnector, headers: dict[str, str]) -> tuple[int, str]:
    body = activity(connector.base_url, text="help")
    async with (
        aiohttp.ClientSession() as http,
        http.post(f"{url}/api/messages", json=body, headers=headers) as response,
    ):
        return response.status, await response.text()


async def _nothing_stored(bot: Bot) -> bool:
    async with bot.uow() as uow:
        return await uow.members.all() == [] and await uow.conversations.get("teams:29:alice") is None


def _refusals(connector: FakeConnector) -> dict[str, dict[str, str]]:
    attacker = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return {
        "no header": {},
        "basic scheme": {"Authorization": "Basic dXNlcjpwYXNz"},
        "not a jwt": {"Authorization": "Bearer not.a.jwt"},
        "garbage": {"Authorization": "Bearer %%%"},
        "unsigned alg none": {"Authorization": "Bearer eyJhbGciOiJub25lIn0.eyJpc3MiOiJ4In0."},
        "wrong issuer": {"Authorization": sign(connector, _claims(connector, iss="https://evil.example"))},
        "other bot": {"Authorization": sign(connector, _claims(connector, aud="another-app"))},
        "expired": {"Authorization": sign(connector, _claims(connector, exp=int(time.time()) - 3600))},
        "forged signature": {"Authorization": sign(connector, _claims(connector), key=attacker)},
        "wrong service url": {
            "Authorization": sign(connector, _claims(connector, serviceurl="https://smba.example/"))
        },
    }


async def test_every_unproven_request_is_a_plain_401_and_stores_nothing(
    secured: tuple[str, FakeConnector, Bot],
) -> None:
    url, connector, bot = secured
    for case, headers in _refusals(connector).items():
        status, text = await _post(url, connector, headers)
        assert (case, status) == (case, 401)
        assert "Traceback" not in text
    assert connector.posted == [] and await _nothing_stored(bot)


async def test_implausible_tokens_are_refused_before_any_key_fetch(
    secured: tuple[str, FakeConnector, Bot],
) -> None:
    url, connector, _ = secured
    for case in ("no header", "not a jwt", "unsigned alg none", "wrong issuer", "other bot", "expired"):
        await _post(url, connector, _refusals(connector)[case])
    assert connector.key_fetches == 0


async def test_a_token_signed_by_the_connector_is_accepted(secured: tuple[str, FakeConnector, Bot]) -> None:
    """The positive case, checked at the authentication step (a full turn would then ask Azure AD for an
    outbound token, which a test must not do)."""
    _, connector, bot = secured
    endpoint = mount(web.Application(), bot, openid_metadata_url=connector.openid_url)
    assert endpoint is not None
    inbound = Activity().deserialize(activity(connector.base_url, text="help"))
    result = await auth.authenticate(
        endpoint.authentication, inbound, sign(connector, _claims(connector)), APP_ID
    )
    assert result.claims_identity.get_claim_value("aud") == APP_ID
    assert connector.key_fetches == 1


async def test_unreachable_key_endpoint_is_a_401_not_a_500(
    event: Event, clock: MutableClock, network_guard: list[str]
) -> None:
    bot = await _bot(event, clock, microsoft_app_id=APP_ID)
    try:
        async with running_connector() as connector:
            app = web.Application()
            mount(app, bot, openid_metadata_url="http://127.0.0.1:9/nothing-listens-here")
            async with serve(app) as url:
                status, _ = await _post(
                    url, connector, {"Authorization": sign(connector, _claims(connector))}
                )
        assert status == 401 and await _nothing_stored(bot)
    finally:
        await bot.close()


async def test_the_real_server_refuses_without_touching_the_network(
    event: Event, clock: MutableClock, network_guard: list[str]
) -> None:
    """build_app with the public-cloud settings: malformed tokens never reach Microsoft's key endpoint."""
    bot = await _bot(event, clock, microsoft_app_id=APP_ID)
    try:
        async with running_connector() as connector, serve(build_app(bot)) as url:
            for case in ("no header", "garbage", "wrong issuer", "other bot", "expired"):
                status, _ = await _post(url, connector, _refusals(connector)[case])
                assert (case, status) == (case, 401)
        assert await _nothing_stored(bot)
    finally:
        await bot.close()


async def test_without_app_id_the_route_is_off(event: Event, clock: MutableClock) -> None:
    bot = await _bot(event, clock)
    try:
        app = build_app(bot)
        assert TEAMS_KEY not in app
        async with (
            serve(app) as url,
            aiohttp.ClientSession() as http,
            http.post(f"{url}/api/messages", json={"type": "message"}) as response,
        ):
            assert response.status == 404
    finally:
        await bot.close()


async def test_local_mode_refuses_a_public_host(event: Event, clock: MutableClock) -> None:
    bot = await _bot(event, clock, teams_local=True, host="0.0.0.0")
    try:
        with pytest.raises(ConfigError, match="ROUNDTABLE_TEAMS_LOCAL"):
            build_app(bot)
    finally:
        await bot.close()
