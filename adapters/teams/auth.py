"""Who may post to /api/messages: botbuilder's ConfigurationBotFrameworkAuthentication, fenced.

botbuilder validates the Bot Connector's JWT (signature against the keys published at the OpenID
metadata URL, issuer, audience, service URL). Two of its habits are fenced here:
- it lets a malformed token escape as a decode error (a 500) and fetches signing keys for any token
  that names the right issuer, so a cheap pre-check rejects anything that is not a well-formed, unexpired
  RS256-family JWT issued by the Bot Connector for this bot — before any network traffic;
- it fetches keys with blocking ``requests`` calls inside async code, so validation runs in a worker
  thread with a time limit, and any failure there (unreachable key endpoint, unknown key id, bad
  signature) is a 401, never a 500.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

import jwt
from botbuilder.integration.aiohttp import ConfigurationBotFrameworkAuthentication
from botbuilder.schema import Activity, CallerIdConstants
from botframework.connector.auth import AuthenticateRequestResult, AuthenticationConstants

from bot.config import Settings

log = logging.getLogger(__name__)

CHANNEL_ISSUER = AuthenticationConstants.TO_BOT_FROM_CHANNEL_TOKEN_ISSUER
ALLOWED_ALGORITHMS = tuple(AuthenticationConstants.ALLOWED_SIGNING_ALGORITHMS)
CLOCK_SKEW_SECONDS = 300  # botbuilder's own tolerance
VALIDATION_TIMEOUT_SECONDS = 15.0


class Unauthorized(Exception):  # noqa: N818 - reads as the HTTP status it becomes
    """The request does not prove it comes from the Bot Connector for this bot."""


@dataclass(frozen=True)
class BotFrameworkConfiguration:
    """The attributes ConfigurationBotFrameworkAuthentication reads, spelled as it expects them.

    The public-cloud endpoints are given explicitly so that every deployment — and the tests, which only
    move the key endpoint to 127.0.0.1 — go through the same botbuilder code path.
    """

    APP_ID: str | None
    APP_PASSWORD: str | None
    APP_TENANTID: str | None
    APP_TYPE: str
    TO_CHANNEL_FROM_BOT_LOGIN_URL: str = AuthenticationConstants.TO_CHANNEL_FROM_BOT_LOGIN_URL_PREFIX
    TO_CHANNEL_FROM_BOT_OAUTH_SCOPE: str = AuthenticationConstants.TO_CHANNEL_FROM_BOT_OAUTH_SCOPE
    TO_BOT_FROM_CHANNEL_TOKEN_ISSUER: str = CHANNEL_ISSUER
    OAUTH_URL: str = AuthenticationConstants.OAUTH_URL
    TO_BOT_FROM_CHANNEL_OPENID_METADATA_URL: str = (
        AuthenticationConstants.TO_BOT_FROM_CHANNEL_OPENID_METADATA_URL
    )
    TO_BOT_FROM_EMULATOR_OPENID_METADATA_URL: str = (
        AuthenticationConstants.TO_BOT_FROM_EMULATOR_OPENID_METADATA_URL
    )
    CALLER_ID: str = CallerIdConstants.public_azure_channel.value


def configuration(settings: Settings, openid_metadata_url: str | None = None) -> BotFrameworkConfiguration:
    password = settings.microsoft_app_password
    config = BotFrameworkConfiguration(
        APP_ID=settings.microsoft_app_id,
        APP_PASSWORD=password.get_secret_value() if password else None,
        APP_TENANTID=settings.microsoft_app_tenant_id,
        APP_TYPE=settings.microsoft_app_type,
    )
    if openid_metadata_url:
        return BotFrameworkConfiguration(
            **{**config.__dict__, "TO_BOT_FROM_CHANNEL_OPENID_METADATA_URL": openid_metadata_url}
        )
    return config


def precheck(auth_header: str, app_id: str) -> None:
    """Raise Unauthorized unless the header holds a plausible Bot Connector token for ``app_id``.

    No signature is checked here (botbuilder does that); this only decides whether checking it is worth
    a key fetch.
    """
    scheme, _, token = auth_header.partition(" ")
    if scheme != "Bearer" or not token:
        raise Unauthorized("no bearer token")
    try:
        header = jwt.get_unverified_header(token)
        claims = jwt.decode(
            token,
            options={"verify_signature": False, "verify_exp": True, "require": ["exp", "iss", "aud"]},
            leeway=CLOCK_SKEW_SECONDS,
            algorithms=list(ALLOWED_ALGORITHMS),
        )
    except jwt.PyJWTError as error:
        raise Unauthorized(type(error).__name__) from None
    if header.get("alg") not in ALLOWED_ALGORITHMS or not header.get("kid"):
        raise Unauthorized("unexpected signing algorithm or key id")
    if claims.get("iss") != CHANNEL_ISSUER or claims.get("aud") != app_id:
        raise Unauthorized("not issued by the Bot Connector for this bot")


def _validate_in_thread(
    auth: ConfigurationBotFrameworkAuthentication, activity: Activity, auth_header: str
) -> AuthenticateRequestResult:
    return asyncio.run(auth.authenticate_request(activity, auth_header))


async def authenticate(
    auth: ConfigurationBotFrameworkAuthentication, activity: Activity, auth_header: str, app_id: str
) -> AuthenticateRequestResult:
    """The caller's verified identity, or Unauthorized. Never lets a validation error become a 500."""
    precheck(auth_header, app_id)
    try:
        return await asyncio.wait_for(
            asyncio.to_thread(_validate_in_thread, auth, activity, auth_header), VALIDATION_TIMEOUT_SECONDS
        )
    except Exception as error:  # PermissionError, key fetch failures, bad signatures: all mean "not proven"
        log.warning("Teams request refused: %s", type(error).__name__)
        raise Unauthorized(type(error).__name__) from None


async def anonymous(
    auth: ConfigurationBotFrameworkAuthentication, activity: Activity
) -> AuthenticateRequestResult:
    """Local mode (no app id): botbuilder's auth-disabled identity; no token is read or requested."""
    return await auth.authenticate_request(activity, None)
