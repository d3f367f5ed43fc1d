"""Scripted multi-turn conversations through the real router on in-memory SQLite.

A dialog test reads like the transcript it protects::

    async def test_aide_registers(talk: Talk) -> None:
        talk.at("2024-04-10 09:00")
        aide = talk.person("aide", platform="slack")
        assert "Head of Delegation" in await aide.says("i need to registr the Fiji delegation")
        ...
        assert [d.name for d in await talk.delegations()] == ["Fiji"]

Times are in the event's zone (New York). Every message is received at the clock's moment, so "days left"
and "what's next" are computed from the same instant the person wrote at.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import datetime
from typing import TypeVar
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Select, select

from bot.messages import Action, ConversationRef, InboundMessage, Reply, UserRef
from service.bootstrap import Bot
from storage.models import AuditEntry, Delegation, PitchBooking
from tests.conftest import MutableClock
from tests.notifiers import RecordingNotifier

Row = TypeVar("Row")
EVENT_ZONE = ZoneInfo("America/New_York")
_event_ids = itertools.count(1)


def plain(text: str) -> str:
    """Babel separates times with thin and narrow no-break spaces; scripts are written with plain ones."""
    return text.replace("\u2009", " ").replace("\u202f", " ").replace("\xa0", " ")


class Person:
    """One user writing to the bot in a direct message; remembers the last replies for button clicks."""

    def __init__(self, talk: Talk, name: str, platform: str, locale: str | None) -> None:
        self.talk = talk
        self.user = UserRef(platform, name, display_name=name.title(), locale=locale)
        self.last: list[Reply] = []

    @property
    def key(self) -> str:
        return self.user.key

    async def says(self, text: str) -> str:
        """The plain text of every reply to ``text``, joined by newlines."""
        return await self._send(text, None)

    async def clicks(self, label_or_action: str, value: str | None = None) -> str:
        """Clicks a button of the last replies, found by its label (or by action id with ``value``)."""
        for reply in self.last:
            for button in reply.card.buttons if reply.card else ():
                if plain(button.label) == label_or_action or (
                    button.action_id == label_or_action and (value is None or button.value == value)
                ):
                    return await self._send("", Action(button.action_id, button.value))
        labels = [plain(b.label) for r in self.last if r.card for b in r.card.buttons]
        raise AssertionError(f"no button {label_or_action!r} in the last replies; buttons: {labels}")

    async def _send(self, text: str, action: Action | None) -> str:
        inbound = InboundMessage(
            text=text,
            user=self.user,
            conversation=ConversationRef(self.user.platform, f"D-{self.user.user_id}"),
            event_id=f"dialog-{next(_event_ids)}",
            received_at=self.talk.clock(),
            action=action,
        )
        self.last = await self.talk.bot.handle(inbound)
        return plain("\n".join(reply.plain_text() for reply in self.last))

    def notices(self) -> list[str]:
        """What the bot sent this person outside their own turns (reminders, broadcasts), in order."""
        return self.talk.notices_for(self.key)


class Talk:
    """The stage of a dialog: the bot, its clock, the people, and the stored state to assert on."""

    def __init__(self, bot: Bot, clock: MutableClock, recorder: RecordingNotifier) -> None:
        self.bot = bot
        self.clock = clock
        self.recorder = recorder

    def at(self, local_time: str) -> None:
        """Moves the clock to ``local_time`` (ISO, New York local time), e.g. ``"2024-04-10 09:00"``."""
        self.clock.moment = datetime.fromisoformat(local_time).replace(tzinfo=EVENT_ZONE)

    def person(self, name: str, platform: str = "console", locale: str | None = None) -> Person:
        return Person(self, name, platform, locale)

    def organiser(self) -> Person:
        """The console organiser configured by the ``bot`` fixture."""
        return Person(self, "organiser", "console", None)

    def notices_for(self, user_key: str) -> list[str]:
        sent = self.recorder.sent
        return [plain(notice.reply.plain_text()) for notice in sent if notice.recipient.key == user_key]

    async def delegations(self) -> Sequence[Delegation]:
        return await self._rows(select(Delegation).order_by(Delegation.id))

    async def bookings(self) -> Sequence[PitchBooking]:
        return await self._rows(select(PitchBooking).order_by(PitchBooking.id))

    async def _rows(self, query: Select[Row]) -> Sequence[Row]:
        """Rows readable after their unit of work ends (detached before it rolls back and expires them)."""
        async with self.bot.uow() as uow:
            rows = (await uow.session.scalars(query)).all()
            uow.session.expunge_all()
            return rows

    async def audit(self) -> list[tuple[str, str]]:
        async with self.bot.uow() as uow:
            rows = await uow.session.scalars(select(AuditEntry).order_by(AuditEntry.id))
            return [(entry.action, entry.note) for entry in rows]


@pytest.fixture
def talk(bot: Bot, clock: MutableClock, recorder: RecordingNotifier) -> Talk:
    return Talk(bot, clock, recorder)
