"""Session follows and the last applied programme (handlers/agenda/, storage/agenda.py, migration 0005)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base


class SessionFollow(Base):
    """A session a user added to their agenda (`follow …`): it shows in their agenda and .ics, and they
    get a "starting now" cue and any change notice for it."""

    __tablename__ = "session_follow"
    event_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    session_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    user_key: Mapped[str] = mapped_column(String(220), primary_key=True)
    created_at: Mapped[datetime]


class EventSnapshot(Base):
    """The programme as last applied (times, venues, titles per session): a reloaded event file is compared
    with this, so every server instance and the CLI agree on what changed, and each change is told once."""

    __tablename__ = "event_snapshot"
    event_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    revision: Mapped[int] = mapped_column(default=1)
    sessions: Mapped[dict[str, Any]] = mapped_column(default=dict)
    updated_at: Mapped[datetime]
