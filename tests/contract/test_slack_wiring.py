"""How Slack is wired into the server: on/off by credentials, HTTP or Socket Mode, the retrying client."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import yaml
from aiohttp import web
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncApp
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
    AsyncServerErrorRetryHandler,
)

from adapters.slack.app import (
    EVENTS_PATH,
    SlackAdapter,
    mount_slack,
    socket_mode_handler,
    web_client,
)
from adapters.slack.config import off_reason
from adapters.slack.notifier import SlackNotifier
from bot.config import Settings, load_settings
from bot.messages import Notice, Reply, UserRef
from service.bootstrap import Bot

MANIFEST = Path(__file__).resolve().parents[2] / "adapters" / "slack" / "manifest.yml"


def _settings(**env: str) -> Settings:
    return load_settings(env, database_url="sqlite+aiosqlite://")


class FakeSocket:
    def __init__(self, bolt: AsyncApp, token: str) -> None:
        self.token = token
        self.events: list[str] = []

    async def connect_async(self) -> None:
        self.events.append("connect")

    async def close_async(self) -> None:
        self.events.append("close")


def test_slack_is_off_unless_both_token_and_secret_are_set() -> None:
    assert off_reason(_settings()) == "SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET not set"
    assert off_reason(_settings(SLACK_BOT_TOKEN="xoxb-1")) == "SLACK_SIGNING_SECRET not set"
    assert off_reason(_settings(SLACK_SIGNING_SECRET="s")) == "SLACK_BOT_TOKEN not set"
    assert off_reason(_settings(SLACK_BOT_TOKEN="xoxb-1", SLACK_SIGNING_SECRET="s")) is None


def test_web_client_uses_the_configured_url_and_retries_rate_limits_5xx_and_connections() -> None:
    client = web_client(_settings(SLACK_BOT_TOKEN="xoxb-1", SLACK_API_URL="http://127.0.0.1:9/api/"))
    assert client.base_url == "http://127.0.0.1:9/api/"
    kinds = {type(h) for h in client.retry_handlers}
    assert kinds == {
        AsyncRateLimitErrorRetryHandler,
        AsyncServerErrorRetryHandler,
        AsyncConnectionErrorRetryHandler,
    }


async def test_mount_adds_the_route_and_registers_the_notifier(bot: Bot) -> None:
    bot.settings = _settings(
        SLACK_BOT_TOKEN="xoxb-1", SLACK_SIGNING_SECRET="s", SLACK_API_URL="http://127.0.0.1:9/"
    )
    app = web.Application()
    adapter = mount_slack(app, bot)
    assert adapter is not None
    assert [r.resource.canonical for r in app.router.routes() if r.method == "POST"] == [EVENTS_PATH]  # type: ignore[union-attr]
    assert not adapter.uses_socket_mode
    assert isinstance(bot.notifier._by_platform["slack"], SlackNotifier)


async def test_mount_without_credentials_adds_nothing(bot: Bot) -> None:
    app = web.Application()
    assert mount_slack(app, bot) is None
    assert list(app.router.routes()) == []
    result = await bot.notifier.send(Notice(UserRef("slack", "U1"), Reply("x")))
    assert result.delivered  # still the test RecordingNotifier, not replaced


async def test_app_token_starts_socket_mode_beside_http_and_stops_it(bot: Bot) -> None:
    bot.settings = _settings(SLACK_BOT_TOKEN="xoxb-1", SLACK_SIGNING_SECRET="s", SLACK_APP_TOKEN="xapp-1")
    sockets: list[FakeSocket] = []

    def factory(bolt: AsyncApp, token: str) -> FakeSocket:
        sockets.append(FakeSocket(bolt, token))
        return sockets[-1]

    adapter = SlackAdapter(bot, web_client(bot.settings), socket_mode_factory=factory)
    assert adapter.uses_socket_mode
    lifespan = adapter.lifespan(web.Application())
    await anext(lifespan)
    assert [(s.token, s.events) for s in sockets] == [("xapp-1", ["connect"])]
    await lifespan.aclose()
    assert sockets[0].events == ["connect", "close"]


async def test_without_app_token_no_socket_is_opened(bot: Bot) -> None:
    bot.settings = _settings(SLACK_BOT_TOKEN="xoxb-1", SLACK_SIGNING_SECRET="s")
    opened: list[str] = []
    adapter = SlackAdapter(bot, web_client(bot.settings), socket_mode_factory=lambda b, t: opened.append(t))  # type: ignore[arg-type, func-returns-value]
    lifespan = adapter.lifespan(web.Application())
    await anext(lifespan)
    await lifespan.aclose()
    assert opened == []


async def test_the_default_socket_mode_handler_is_bolts(bot: Bot) -> None:
    bot.settings = _settings(SLACK_BOT_TOKEN="xoxb-1", SLACK_SIGNING_SECRET="s")
    adapter = SlackAdapter(bot, web_client(bot.settings))
    handler = socket_mode_handler(adapter.bolt, "xapp-1")
    assert isinstance(handler, AsyncSocketModeHandler)
    assert handler.app is adapter.bolt
    await handler.client.close()  # never connected: no socket was opened


def test_manifest_points_every_url_at_our_route_and_asks_for_the_scopes_we_use() -> None:
    manifest = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    settings = manifest["settings"]
    urls = [
        settings["event_subscriptions"]["request_url"],
        settings["interactivity"]["request_url"],
        *(command["url"] for command in manifest["features"]["slash_commands"]),
    ]
    assert {urlsplit(url).path for url in urls} == {EVENTS_PATH}
    assert [c["command"] for c in manifest["features"]["slash_commands"]] == ["/roundtable"]
    assert set(settings["event_subscriptions"]["bot_events"]) == {
        "app_home_opened",
        "app_mention",
        "message.im",
    }
    scopes = set(manifest["oauth_config"]["scopes"]["bot"])
    assert {"chat:write", "commands", "im:history", "im:write", "users:read", "app_mentions:read"} <= scopes
    assert manifest["features"]["app_home"]["home_tab_enabled"] is True
