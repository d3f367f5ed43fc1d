"""TeamsNotifier's delivery rules with a fake adapter: which failures retry, wait, or give up."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from msrest.exceptions import ClientRequestError

from adapters.teams.notifier import TeamsNotifier
from adapters.teams.parse import conversation_reference
from bot.context import DeliveryStatus
from bot.messages import Notice, Reply, UserRef
from service.bootstrap import Bot
from storage.repositories import SeenIn
from tests.conftest import EVENT_DAY_MORNING
from tests.e2e.fake_connector import activity

USER = UserRef("teams", "29:alice")


@dataclass
class Response:
    status_code: int
    headers: dict[str, str] = field(default_factory=dict)


class HttpError(Exception):
    def __init__(self, status: int, **headers: str) -> None:
        super().__init__(f"HTTP {status}")
        self.response = Response(status, headers)


class FakeTurn:
    def __init__(self, adapter: FakeAdapter) -> None:
        self.adapter = adapter

    async def send_activity(self, activity: Any) -> None:
        self.adapter.attempts += 1
        if self.adapter.attempts in self.adapter.failures:
            raise self.adapter.failures.pop(self.adapter.attempts)
        self.adapter.sent.append(activity.text)


@dataclass
class FakeAdapter:
    """``failures`` maps a send attempt (1, 2, …) to the error the connector answers it with."""

    failures: dict[int, Exception] = field(default_factory=dict)
    sent: list[str] = field(default_factory=list)
    calls: int = 0
    attempts: int = 0

    async def continue_conversation(
        self, reference: Any, callback: Callable[[Any], Awaitable[None]], bot_app_id: str
    ) -> None:
        self.calls += 1
        await callback(FakeTurn(self))


async def _notifier(bot: Bot, adapter: FakeAdapter, slept: list[float], **options: Any) -> TeamsNotifier:
    body = activity("https://smba.example/amer/", text="hi")
    async with bot.uow() as uow:
        reference = conversation_reference(body)
        seen = SeenIn(USER.key, "teams", "a:personal-alice", EVENT_DAY_MORNING, reference=reference)
        await uow.conversations.remember([seen])
        await uow.commit()

    async def sleep(seconds: float) -> None:
        slept.append(seconds)

    return TeamsNotifier(adapter, bot.uow, sleep=sleep, **options)


@pytest.mark.parametrize(
    ("failure", "status", "detail"),
    [
        (ClientRequestError("connection refused"), DeliveryStatus.RETRY, "ClientRequestError"),
        (HttpError(502), DeliveryStatus.RETRY, "HTTP 502"),
        (HttpError(400), DeliveryStatus.FAILED, "HTTP 400"),
        (ValueError("bug"), DeliveryStatus.FAILED, "ValueError"),
    ],
)
async def test_failures_are_classified_not_swallowed(
    bot: Bot, failure: Exception, status: DeliveryStatus, detail: str
) -> None:
    adapter, slept = FakeAdapter({1: failure}), []
    result = await (await _notifier(bot, adapter, slept)).send(Notice(USER, Reply("hello")))
    assert (result.status, result.detail, adapter.calls, slept) == (status, detail, 1, [])


@pytest.mark.parametrize("status", [403, 404])
async def test_blocked_or_gone_is_reported_unreachable_and_nothing_written(bot: Bot, status: int) -> None:
    """Recording it is the sender's job (service/sender.py), not the notifier's."""
    adapter, slept = FakeAdapter({1: HttpError(status)}), []
    result = await (await _notifier(bot, adapter, slept)).send(Notice(USER, Reply("hello")))
    assert (result.status, result.detail, slept) == (DeliveryStatus.UNREACHABLE, f"HTTP {status}", [])
    async with bot.uow() as uow:
        reference = await uow.conversations.get(USER.key)
        assert reference is not None and reference.unreachable_at is None


@pytest.mark.parametrize(("header", "waited"), [("3", 3.0), ("Wed, 21 Oct 2015 07:28:00 GMT", 1.0)])
async def test_429_waits_retry_after_or_a_default(bot: Bot, header: str, waited: float) -> None:
    adapter, slept = FakeAdapter({1: HttpError(429, **{"Retry-After": header})}), []
    result = await (await _notifier(bot, adapter, slept)).send(Notice(USER, Reply("hello")))
    assert (result.status, slept, adapter.sent) == (DeliveryStatus.SENT, [waited], ["hello"])


async def test_a_wait_longer_than_allowed_is_handed_back_to_the_outbox(bot: Bot) -> None:
    adapter, slept = FakeAdapter({1: HttpError(429, **{"Retry-After": "600"})}), []
    result = await (await _notifier(bot, adapter, slept, max_wait=60)).send(Notice(USER, Reply("hello")))
    assert (result.status, result.retry_after, slept, adapter.sent) == (DeliveryStatus.RETRY, 600.0, [], [])


async def test_a_long_reply_resumes_where_it_was_refused(bot: Bot) -> None:
    long_text = "\n".join(["line " + "x" * 1000] * 30)  # more than one Teams message
    adapter, slept = FakeAdapter({2: HttpError(429, **{"Retry-After": "1"})}), []
    result = await (await _notifier(bot, adapter, slept)).send(Notice(USER, Reply(long_text)))
    assert (result.status, slept, adapter.calls) == (DeliveryStatus.SENT, [1.0], 2)
    assert len(adapter.sent) == 2  # the first part was not sent twice
    assert "".join(adapter.sent).replace("\n", "") == long_text.replace("\n", "")
