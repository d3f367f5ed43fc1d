"""What a handler gets besides the message: the event, the clock, storage, the notifier, who is asking."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol
from zoneinfo import ZoneInfo

from bot.i18n import translate
from bot.messages import Notice, UserRef

if TYPE_CHECKING:
    from bot.event import Event
    from storage.uow import UnitOfWork

Clock = Callable[[], datetime]


class Role(StrEnum):
    DELEGATE = "delegate"
    ORGANISER = "organiser"


class DeliveryStatus(StrEnum):
    SENT = "sent"
    RETRY = "retry"
    UNREACHABLE = "unreachable"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class DeliveryResult:
    """What a proactive send did. ``retry_after`` (seconds) comes from a 429's Retry-After."""

    status: DeliveryStatus
    retry_after: float | None = None
    detail: str = ""

    @property
    def delivered(self) -> bool:
        return self.status is DeliveryStatus.SENT


SENT = DeliveryResult(DeliveryStatus.SENT)


class Notifier(Protocol):
    """Proactive sends. Returns what happened (or raises); never swallows a failure silently."""

    async def send(self, notice: Notice) -> DeliveryResult: ...


@dataclass(frozen=True, slots=True)
class Context:
    event: Event
    clock: Clock
    uow: Callable[[], UnitOfWork]
    notifier: Notifier
    user: UserRef
    lang: str = "en"
    tz: ZoneInfo | None = None
    role: Role = Role.DELEGATE
    lang_forced: bool = False
    # The open dialog's flow name, read in the same query as the member when the message arrived.
    flow: str | None = None
    # Set by the router when a flow is open and the text is plausibly not an answer to its step:
    # "question" (one the FAQ could not answer), "complaint", or "command" (a request for another feature).
    # Free-text steps then ask to confirm instead of storing the text (handlers/shared/answers.py).
    aside: str | None = None
    aside_answered: bool = False  # the router already answered the aside (a question the FAQ was sure of)

    def now(self) -> datetime:
        return self.clock()

    def t(self, message_id: str, /, **params: object) -> str:
        return translate(self.lang, message_id, **params)

    @property
    def is_organiser(self) -> bool:
        return self.role is Role.ORGANISER

    @property
    def user_tz(self) -> ZoneInfo:
        return self.tz or self.event.zone
