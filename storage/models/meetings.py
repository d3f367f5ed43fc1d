"""Matchmaking meetings: preferences, the planned meetings (provisional, then published), and what
became of each meeting (handlers/matchmaking/plan*.py, storage/meetings.py, migration 0007_meetings)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base


class MeetingPreference(Base):
    """How much one participant wants to meet another: "must", "like" or "no" (a new one replaces it)."""

    __tablename__ = "meeting_preference"
    __table_args__ = (UniqueConstraint("event_id", "user_key", "counterpart_key"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[str] = mapped_column(String(80))
    user_key: Mapped[str] = mapped_column(String(220))
    counterpart_key: Mapped[str] = mapped_column(String(220))
    level: Mapped[str] = mapped_column(String(8))
    updated_at: Mapped[datetime]


class PlannedMeeting(Base):
    """One meeting of a plan. ``stage`` is "provisional" (organisers review it) or "published" (the
    participants were told); planning again replaces the provisional rows, publishing replaces the
    published ones. ``why`` keeps the reasons the planner gave, to explain the meeting later."""

    __tablename__ = "planned_meeting"
    __table_args__ = (
        UniqueConstraint("event_id", "stage", "requester_key", "provider_key"),
        UniqueConstraint(
            "event_id", "stage", "starts_at", "table_name", name="uq_planned_meeting_table_slot"
        ),
        Index("ix_planned_meeting_starts_at", "starts_at"),
        CheckConstraint("requester_key <> provider_key", name="not_self"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[str] = mapped_column(String(80))
    stage: Mapped[str] = mapped_column(String(12))
    requester_key: Mapped[str] = mapped_column(String(220))
    provider_key: Mapped[str] = mapped_column(String(220))
    table_name: Mapped[str] = mapped_column(String(40))
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    weight: Mapped[int]
    why: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime]


class MeetingOutcome(Base):
    """One side's word on one meeting (kept by pair, so it outlives re-planning): whether it happened
    ("met", "missed", "rescheduled") and, later, where it led ("agreed", "proposal", "project", "none")."""

    __tablename__ = "meeting_outcome"
    __table_args__ = (UniqueConstraint("event_id", "requester_key", "provider_key", "user_key"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[str] = mapped_column(String(80))
    requester_key: Mapped[str] = mapped_column(String(220))
    provider_key: Mapped[str] = mapped_column(String(220))
    user_key: Mapped[str] = mapped_column(String(220))
    happened: Mapped[str | None] = mapped_column(String(12))
    follow_up: Mapped[str | None] = mapped_column(String(12))
    answered_at: Mapped[datetime | None]
    follow_up_at: Mapped[datetime | None]
