"""One Bot Connector client per service URL, not one per turn.

botbuilder's CloudAdapter builds a new ConnectorClient and a new UserTokenClient for every activity and
every proactive send. Each builds msrest's retry policy, whose set-up is a quadratic list of status
codes: about 10 ms of CPU per client, two per turn, most of a busy turn's cost (py-spy on
bench/teams_activities.py: 58% of the time the interpreter was busy). The clients hold nothing of the
turn (credentials refresh their own tokens), so the ones built here are kept and reused: the bench went
from 35 to 97 activities/s.
"""

from __future__ import annotations

from typing import Any

from botbuilder.integration.aiohttp import ConfigurationBotFrameworkAuthentication
from botbuilder.schema import Activity
from botframework.connector.auth import (
    AuthenticateRequestResult,
    ClaimsIdentity,
    ConnectorFactory,
    JwtTokenValidation,
    UserTokenClient,
)

KEPT = 32  # service URLs are a handful per cloud; past this many, start again rather than grow


class ReusingAuthentication(ConfigurationBotFrameworkAuthentication):  # type: ignore[misc]
    def __init__(self, configuration: Any, **options: Any) -> None:
        super().__init__(configuration, **options)
        self._connectors: dict[tuple[str, str | None], Any] = {}
        self._token_clients: dict[str, UserTokenClient] = {}

    async def authenticate_request(
        self, activity: Activity, auth_header: str | None
    ) -> AuthenticateRequestResult:
        result = await super().authenticate_request(activity, auth_header)
        if result.connector_factory is not None:
            result.connector_factory = _ReusedConnectors(result.connector_factory, self._connectors)
        return result

    def create_connector_factory(self, claims_identity: ClaimsIdentity) -> ConnectorFactory:
        """The factory for proactive sends (reminders, notices): the same kept clients."""
        return _ReusedConnectors(super().create_connector_factory(claims_identity), self._connectors)

    async def create_user_token_client(self, claims_identity: ClaimsIdentity) -> UserTokenClient:
        app_id = JwtTokenValidation.get_app_id_from_claims(claims_identity.claims) or ""
        client = self._token_clients.get(app_id)
        if client is None:
            _bounded(self._token_clients)
            client = self._token_clients[app_id] = await super().create_user_token_client(claims_identity)
        return client


class _ReusedConnectors(ConnectorFactory):  # type: ignore[misc]
    def __init__(self, factory: ConnectorFactory, clients: dict[tuple[str, str | None], Any]) -> None:
        self._factory, self._clients = factory, clients

    async def create(self, service_url: str, audience: str | None = None) -> Any:
        client = self._clients.get((service_url, audience))
        if client is None:
            _bounded(self._clients)
            client = self._clients[service_url, audience] = await self._factory.create(service_url, audience)
        return client


def _bounded(kept: dict[Any, Any]) -> None:
    if len(kept) >= KEPT:
        kept.clear()
