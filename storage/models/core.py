"""Delegations, members, open dialogs, processed events, conversation references, the audit log."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base


class Delegation(Base):
    """A State or organisation, shared by its members across platforms."""

    __tablename__ = "delegation"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200), unique=True)
    join_code: Mapped[str] = mapped_column(String(16), unique=True)
    created_at: Mapped[datetime]
    # A State's ISO 3166 code ("FJ"): "Fiji", "Republic of Fiji" and "斐济" are one delegation. None for an
    # organisation, and for rows written before migration 0007 (found by name until registered again).
    state_code: Mapped[str | None] = mapped_column(String(2), unique=True)


LAST_SEEN_RESOLUTION = timedelta(minutes=5)


class Member(Base):
    """One platform identity (``slack:U123``) and its preferences."""

    __tablename__ = "member"
    __table_args__ = (UniqueConstraint("platform", "user_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    platform: Mapped[str] = mapped_column(String(16))
    user_id: Mapped[str] = mapped_column(String(200))
    display_name: Mapped[str] = mapped_column(String(200), default="")
    delegation_id: Mapped[int | None] = mapped_column(ForeignKey("delegation.id", ondelete="SET NULL"))
    language: Mapped[str | None] = mapped_column(String(8))  # pinned by `language xx`
    last_language: Mapped[str | None] = mapped_column(String(8))  # the language of their last message
    tz: Mapped[str | None] = mapped_column(String(64))
    reminders_enabled: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime]
    last_seen_at: Mapped[datetime]

    @property
    def key(self) -> str:
        return f"{self.platform}:{self.user_id}"

    def language_among(self, supported: Sequence[str]) -> str:
        """What to write to them in unprompted: the language they pinned, else the one they last wrote in,
        else English (reminders, notices, carry-over questions)."""
        known = (lang for lang in (self.language, self.last_language) if lang and lang in supported)
        return next(known, "en")


class DialogState(Base):
    """The open multi-step conversation of one user: which flow, which step, answers so far."""

    __tablename__ = "dialog_state"
    user_key: Mapped[str] = mapped_column(String(220), primary_key=True)
    flow: Mapped[str] = mapped_column(String(40))
    step: Mapped[str] = mapped_column(String(40))
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)
    updated_at: Mapped[datetime]


ANSWERED = "answered"  # processed_event.status: the answer was posted, or is kept in the outbox
CLAIMED = "claimed"  # being answered by ``claimed_by``; taken over once ``claimed_until`` has passed


class ProcessedEvent(Base):
    """An inbound platform event id, claimed once: a retry with the same id has no second effect.

    While ``claimed`` the row holds the message itself, so that whoever takes over an expired claim (an
    instance killed between claim and answer) can answer it; once ``answered`` only the id is kept.
    """

    __tablename__ = "processed_event"
    __table_args__ = (Index("ix_processed_event_status_claimed_until", "status", "claimed_until"),)
    platform: Mapped[str] = mapped_column(String(16), primary_key=True)
    event_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    received_at: Mapped[datetime]
    status: Mapped[str] = mapped_column(String(16), default=ANSWERED, server_default=ANSWERED)
    claimed_by: Mapped[str | None] = mapped_column(String(120))
    claimed_until: Mapped[datetime | None]
    message: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class ConversationReference(Base):
    """Where to reach a user proactively (Slack DM channel, Teams ConversationReference JSON)."""

    __tablename__ = "conversation_reference"
    user_key: Mapped[str] = mapped_column(String(220), primary_key=True)
    platform: Mapped[str] = mapped_column(String(16))
    conversation_id: Mapped[str] = mapped_column(String(400))
    service_url: Mapped[str | None] = mapped_column(String(400))
    tenant_id: Mapped[str | None] = mapped_column(String(100))
    reference: Mapped[dict[str, Any]] = mapped_column(default=dict)
    updated_at: Mapped[datetime]
    unreachable_at: Mapped[datetime | None]


class AuditEntry(Base):
    """Who did what, when, with the values before and after."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_at", "at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime]
    actor: Mapped[str] = mapped_column(String(220))
    action: Mapped[str] = mapped_column(String(80))
    subject: Mapped[str] = mapped_column(String(400), default="")
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    note: Mapped[str] = mapped_column(Text, default="")
