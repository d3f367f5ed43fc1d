"""Reminders and broadcasts: campaigns, the outbox, delivery attempts (service/scheduler.py,
service/sender.py, storage/outbox.py, migration 0004)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base


class Campaign(Base):
    """One reminder firing or one broadcast. ``rule_key`` is unique, so a reminder rule fires once even
    when several instances compute it at the same moment."""

    __tablename__ = "campaign"
    __table_args__ = (Index("ix_campaign_due", "status", "send_at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    rule_key: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(16))  # a CampaignKind value (handlers/shared/kinds.py)
    audience: Mapped[str] = mapped_column(String(60))
    status: Mapped[str] = mapped_column(String(16))  # "scheduled", "expanded" or "cancelled"
    text: Mapped[str] = mapped_column(Text, default="")  # a broadcast's words, as the organiser wrote them
    params: Mapped[dict[str, Any]] = mapped_column(default=dict)  # a reminder's deadline, offset, session
    created_by: Mapped[str] = mapped_column(String(220))
    created_at: Mapped[datetime]
    send_at: Mapped[datetime]
    expanded_at: Mapped[datetime | None]


class OutboxItem(Base):
    """One message to one recipient. Leased while being sent (``claimed_by``/``claimed_until``) so a
    killed sender's rows go back to the pool when the lease runs out."""

    __tablename__ = "outbox"
    __table_args__ = (
        UniqueConstraint("campaign_id", "recipient_key"),
        Index("ix_outbox_due", "platform", "status", "next_attempt_at"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id", ondelete="CASCADE"))
    recipient_key: Mapped[str] = mapped_column(String(220))
    platform: Mapped[str] = mapped_column(String(16))
    params: Mapped[dict[str, Any]] = mapped_column(default=dict)  # what this recipient still has to do
    status: Mapped[str] = mapped_column(String(16))  # pending, sending, sent, failed, unreachable, skipped
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime]
    claimed_by: Mapped[str | None] = mapped_column(String(80))
    claimed_until: Mapped[datetime | None]
    sent_at: Mapped[datetime | None]
    last_error: Mapped[str] = mapped_column(String(400), default="")


class DeliveryAttempt(Base):
    """Every send attempt and what the platform said."""

    __tablename__ = "delivery_attempt"
    __table_args__ = (Index("ix_delivery_attempt_outbox_id", "outbox_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    outbox_id: Mapped[int] = mapped_column(ForeignKey("outbox.id", ondelete="CASCADE"))
    at: Mapped[datetime]
    worker: Mapped[str] = mapped_column(String(80))
    status: Mapped[str] = mapped_column(String(16))
    retry_after: Mapped[float | None]
    detail: Mapped[str] = mapped_column(String(400), default="")


class ReminderPreference(Base):
    """A user's quiet hours (event-day cues and reminders wait until they end)."""

    __tablename__ = "reminder_preference"
    user_key: Mapped[str] = mapped_column(String(220), primary_key=True)
    quiet_start: Mapped[str | None] = mapped_column(String(5))  # "22:00"
    quiet_end: Mapped[str | None] = mapped_column(String(5))  # "07:00"
    updated_at: Mapped[datetime]
