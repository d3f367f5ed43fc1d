"""users.info → the user's name, locale and time zone, cached for a while (fake Web API)."""

from __future__ import annotations

from adapters.slack.app import web_client
from adapters.slack.profiles import Profile, ProfileCache
from bot.config import load_settings
from bot.messages import UserRef
from tests.e2e.fake_slack import FakeSlack


class Ticker:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def _cache(fake: FakeSlack, ticker: Ticker, size: int = 10) -> ProfileCache:
    settings = load_settings({}, slack_bot_token="xoxb-p", slack_api_url=fake.api_url)
    return ProfileCache(web_client(settings), ttl=60, size=size, monotonic=ticker)


async def test_profile_fills_locale_and_time_zone(slack_api: FakeSlack) -> None:
    slack_api.users["U1"] = {"tz": "Africa/Accra", "locale": "fr-FR", "profile": {"real_name": "Ama"}}
    user = await _cache(slack_api, Ticker()).enrich(UserRef("slack", "U1"))
    assert (user.display_name, user.locale, user.tz) == ("Ama", "fr-FR", "Africa/Accra")
    [call] = slack_api.calls_to("users.info")
    assert call.params["include_locale"] in {"1", "true", "True"}


async def test_profiles_are_cached_until_the_ttl_passes(slack_api: FakeSlack) -> None:
    ticker = Ticker()
    cache = _cache(slack_api, ticker)
    await cache.get("U1")
    ticker.now = 59
    await cache.get("U1")
    assert len(slack_api.calls_to("users.info")) == 1
    ticker.now = 61
    await cache.get("U1")
    assert len(slack_api.calls_to("users.info")) == 2


async def test_the_cache_keeps_at_most_size_users(slack_api: FakeSlack) -> None:
    cache = _cache(slack_api, Ticker(), size=2)
    for user in ("U1", "U2", "U3", "U1"):
        await cache.get(user)
    assert [c.params["user"] for c in slack_api.calls_to("users.info")] == ["U1", "U2", "U3", "U1"]


async def test_a_failed_lookup_is_not_fatal_and_not_cached(slack_api: FakeSlack) -> None:
    cache = _cache(slack_api, Ticker())
    slack_api.fail("users.info", error="user_not_found")
    assert await cache.get("U1") == Profile()
    assert (await cache.get("U1")).tz == "America/New_York"
