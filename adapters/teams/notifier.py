"""Proactive Teams messages through a stored ConversationReference (``continue_conversation``).

429: wait Retry-After (with an injectable sleep) and try again, a bounded number of times; then RETRY
with the last Retry-After so the outbox reschedules. 403 / 404 (the user blocked or removed the bot, the
conversation is gone): UNREACHABLE, never retried; the sender records it (service/sender.py), and a
reference marked unreachable is not tried again until the user writes to the bot. A reply split into
several activities resumes at the one that was refused, so nothing is sent twice.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any, Protocol

from botbuilder.core import TurnContext
from botbuilder.schema import Activity, ConversationReference
from msrest.exceptions import ClientRequestError

from adapters.teams.parse import is_personal
from adapters.teams.render import render_reply
from bot.context import SENT, DeliveryResult, DeliveryStatus
from bot.messages import Notice
from storage.uow import UnitOfWork

log = logging.getLogger(__name__)

Sleep = Callable[[float], Awaitable[None]]
DEFAULT_RETRY_AFTER = 1.0
# The connector could not be reached (msrest wraps connection errors in ClientRequestError): try later.
TRANSIENT = (ClientRequestError, OSError, TimeoutError)


class ProactiveAdapter(Protocol):
    async def continue_conversation(
        self,
        reference: ConversationReference,
        callback: Callable[[TurnContext], Awaitable[None]],
        bot_app_id: str,
    ) -> Any: ...


def http_status(error: BaseException) -> int | None:
    """The HTTP status behind a connector error (msrest's HttpOperationError keeps the response)."""
    status = getattr(getattr(error, "response", None), "status_code", None)
    return status if isinstance(status, int) else None


def retry_after(error: BaseException) -> float:
    headers = getattr(getattr(error, "response", None), "headers", None) or {}
    try:
        return max(0.0, float(headers.get("Retry-After", DEFAULT_RETRY_AFTER)))
    except (TypeError, ValueError):  # an HTTP date instead of seconds: wait the default
        return DEFAULT_RETRY_AFTER


class TeamsNotifier:
    def __init__(
        self,
        adapter: ProactiveAdapter,
        uow: Callable[[], UnitOfWork],
        bot_app_id: str = "",
        *,
        sleep: Sleep = asyncio.sleep,
        attempts: int = 3,
        max_wait: float = 60.0,
    ) -> None:
        self._adapter = adapter
        self._uow = uow  # read only: the stored conversation references
        self._bot_app_id = bot_app_id
        self._sleep = sleep
        self._attempts = attempts
        self._max_wait = max_wait

    async def send(self, notice: Notice) -> DeliveryResult:
        reference = await self._reference(notice)
        if reference is None:
            return DeliveryResult(DeliveryStatus.UNREACHABLE, detail="no Teams conversation with this user")
        pending = render_reply(notice.reply)
        for attempt in range(1, self._attempts + 1):
            try:
                await self._send_pending(reference, pending)
                return SENT
            except Exception as error:  # classified below; connector errors have many types
                result = classify(error)
            if result.status is not DeliveryStatus.RETRY or result.retry_after is None:
                return result
            if attempt == self._attempts or result.retry_after > self._max_wait:
                return result
            await self._sleep(result.retry_after)
        return DeliveryResult(DeliveryStatus.FAILED, detail="no attempt made")  # attempts < 1

    async def _reference(self, notice: Notice) -> ConversationReference | None:
        async with self._uow() as uow:
            row = await uow.conversations.get(notice.recipient.key)
            if row is None or row.unreachable_at is not None or not row.reference:
                return None
            stored = dict(row.reference)
        # Private messages go to a personal chat only: a channel or thread reference (one stored before
        # the endpoint stopped storing them) makes the person unreachable, never messaged in public.
        if not is_personal(stored):
            return None
        return ConversationReference().deserialize(stored)

    async def _send_pending(self, reference: ConversationReference, pending: list[dict[str, Any]]) -> None:
        refused: list[Exception] = []

        async def deliver(turn: TurnContext) -> None:
            try:
                while pending:
                    await turn.send_activity(Activity().deserialize(pending[0]))
                    pending.pop(0)  # only once it was accepted: a retry resumes here
            except Exception as error:  # kept from the adapter's turn-error hook, which would apologise
                refused.append(error)

        await self._adapter.continue_conversation(reference, deliver, self._bot_app_id)
        if refused:
            raise refused[0]


def classify(error: Exception) -> DeliveryResult:
    status = http_status(error)
    detail = f"HTTP {status}" if status else type(error).__name__
    if status == 429:
        return DeliveryResult(DeliveryStatus.RETRY, retry_after=retry_after(error), detail=detail)
    if status in (403, 404):
        return DeliveryResult(DeliveryStatus.UNREACHABLE, detail=detail)
    if (status is not None and status >= 500) or isinstance(error, TRANSIENT):
        log.warning("Teams send failed, will retry later: %s", detail)
        return DeliveryResult(DeliveryStatus.RETRY, detail=detail)
    log.error("Teams send refused: %s", detail)
    return DeliveryResult(DeliveryStatus.FAILED, detail=detail)
