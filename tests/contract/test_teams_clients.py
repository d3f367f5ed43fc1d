"""Bot Connector clients are built once per service URL and reused, for turns and proactive sends."""

from __future__ import annotations

from botbuilder.schema import Activity, ChannelAccount, ConversationAccount
from botframework.connector.auth import ClaimsIdentity

from adapters.teams import auth
from adapters.teams.clients import KEPT, ReusingAuthentication
from bot.config import load_settings


def authentication() -> ReusingAuthentication:
    settings = load_settings({}, teams_local=True, host="127.0.0.1")
    return ReusingAuthentication(auth.configuration(settings))


def activity(service_url: str) -> Activity:
    return Activity(
        type="message",
        service_url=service_url,
        channel_id="msteams",
        from_property=ChannelAccount(id="29:a"),
        conversation=ConversationAccount(id="a:1"),
    )


async def test_turns_on_one_service_url_share_one_connector_client() -> None:
    reusing = authentication()
    clients = []
    for url in ("https://smba.one/", "https://smba.one/", "https://smba.two/"):
        result = await reusing.authenticate_request(activity(url), None)
        clients.append(await result.connector_factory.create(url, result.audience))
    assert clients[0] is clients[1] and clients[0] is not clients[2]
    assert clients[2].config.base_url == "https://smba.two/"


async def test_proactive_sends_and_token_clients_are_reused() -> None:
    reusing = authentication()
    identity = ClaimsIdentity({}, True)
    first = await reusing.create_connector_factory(identity).create("https://smba.one/", None)
    again = await reusing.create_connector_factory(identity).create("https://smba.one/", None)
    assert first is again
    token_client = await reusing.create_user_token_client(identity)
    assert await reusing.create_user_token_client(identity) is token_client


async def test_the_kept_clients_are_bounded() -> None:
    reusing = authentication()
    factory = reusing.create_connector_factory(ClaimsIdentity({}, True))
    first = await factory.create("https://smba.0/", None)
    for n in range(1, KEPT + 1):
        await factory.create(f"https://smba.{n}/", None)
    assert await factory.create("https://smba.0/", None) is not first  # forgotten, built again
