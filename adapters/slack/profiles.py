"""Who a Slack user is (display name, locale, time zone), from ``users.info``, cached for a while."""

from __future__ import annotations

import logging
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, replace

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.errors import error_code
from bot.messages import UserRef

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Profile:
    display_name: str = ""
    locale: str | None = None
    tz: str | None = None


class ProfileCache:
    """A small TTL cache: one ``users.info`` per user per ``ttl`` seconds, at most ``size`` users kept."""

    def __init__(
        self,
        client: AsyncWebClient,
        ttl: float = 3600.0,
        size: int = 10_000,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._client = client
        self._ttl = ttl
        self._size = size
        self._monotonic = monotonic
        self._entries: OrderedDict[str, tuple[float, Profile]] = OrderedDict()

    async def get(self, user_id: str) -> Profile:
        cached = self._entries.get(user_id)
        if cached is not None and cached[0] > self._monotonic():
            return cached[1]
        try:
            response = await self._client.users_info(user=user_id, include_locale=True)
        except SlackApiError as error:
            # Not worth failing the message for: the answer falls back to the event's zone and language.
            log.warning("users.info failed for %s: %s", user_id, error_code(error))
            return Profile()
        profile = _profile(response.get("user") or {})
        self._remember(user_id, profile)
        return profile

    def _remember(self, user_id: str, profile: Profile) -> None:
        self._entries[user_id] = (self._monotonic() + self._ttl, profile)
        self._entries.move_to_end(user_id)
        while len(self._entries) > self._size:
            self._entries.popitem(last=False)

    async def enrich(self, user: UserRef) -> UserRef:
        profile = await self.get(user.user_id)
        return replace(
            user,
            display_name=profile.display_name or user.display_name,
            locale=profile.locale or user.locale,
            tz=profile.tz or user.tz,
        )


def _profile(user: dict[str, object]) -> Profile:
    details = user.get("profile")
    details = details if isinstance(details, dict) else {}
    name = details.get("display_name") or details.get("real_name") or user.get("real_name") or ""
    locale, tz = user.get("locale"), user.get("tz")
    return Profile(
        display_name=str(name),
        locale=locale if isinstance(locale, str) else None,
        tz=tz if isinstance(tz, str) else None,
    )
