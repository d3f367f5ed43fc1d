"""Pitch slots, providers and bookings (handlers/pitches/, storage/pitches.py, migration 0003)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base

BOOKING_ACTIVE = "status IN ('confirmed', 'waitlisted')"


class PitchSignup(Base):
    """Per event: whether organisers forced sign-up open or closed ("auto" follows the deadline). Every
    booking change first bumps ``version``: that write serialises booking changes of one event."""

    __tablename__ = "pitch_signup"
    event_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    state: Mapped[str] = mapped_column(String(8), default="auto")  # "auto", "open" or "closed"
    version: Mapped[int] = mapped_column(default=0)
    updated_at: Mapped[datetime]


class PitchSlot(Base):
    """One pitch slot, seeded from the event file (organiser setting) on first use."""

    __tablename__ = "pitch_slot"
    __table_args__ = (UniqueConstraint("event_id", "number"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[str] = mapped_column(String(80))
    number: Mapped[int]
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]


class PitchProvider(Base):
    """The organisation that presents: a delegation, or a name one member gave (remembered for them)."""

    __tablename__ = "pitch_provider"
    __table_args__ = (CheckConstraint("(delegation_id IS NULL) <> (owner_key IS NULL)", name="one_owner"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    delegation_id: Mapped[int | None] = mapped_column(
        ForeignKey("delegation.id", ondelete="CASCADE"), unique=True
    )
    owner_key: Mapped[str | None] = mapped_column(String(220), unique=True)
    created_at: Mapped[datetime]


class PitchBooking(Base):
    """A provider's claim: confirmed in a slot, waitlisted at a position, or cancelled (kept for history).
    The partial unique indexes make a double booking impossible whatever the handlers do."""

    __tablename__ = "pitch_booking"
    __table_args__ = (
        Index(
            "uq_pitch_booking_confirmed_slot",
            "slot_id",
            unique=True,
            sqlite_where=text("status = 'confirmed'"),
            postgresql_where=text("status = 'confirmed'"),
        ),
        Index(
            "uq_pitch_booking_active_provider",
            "event_id",
            "provider_id",
            unique=True,
            sqlite_where=text(BOOKING_ACTIVE),
            postgresql_where=text(BOOKING_ACTIVE),
        ),
        Index(
            "uq_pitch_booking_waitlist_position",
            "event_id",
            "position",
            unique=True,
            sqlite_where=text("status = 'waitlisted'"),
            postgresql_where=text("status = 'waitlisted'"),
        ),
        CheckConstraint(
            "(status = 'confirmed' AND slot_id IS NOT NULL AND position IS NULL)"
            " OR (status = 'waitlisted' AND slot_id IS NULL AND position IS NOT NULL)"
            " OR status = 'cancelled'",
            name="status_fields",
        ),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[str] = mapped_column(String(80))
    provider_id: Mapped[int] = mapped_column(ForeignKey("pitch_provider.id", ondelete="CASCADE"))
    slot_id: Mapped[int | None] = mapped_column(ForeignKey("pitch_slot.id"))
    status: Mapped[str] = mapped_column(String(12))  # "confirmed", "waitlisted" or "cancelled"
    position: Mapped[int | None]
    title: Mapped[str] = mapped_column(String(200), default="")
    slides_url: Mapped[str | None] = mapped_column(String(500))
    booked_by: Mapped[str] = mapped_column(String(220))
    lang: Mapped[str] = mapped_column(String(8), default="en")
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
