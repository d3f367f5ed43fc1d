"""Matchmaking profiles, interests and meet requests (handlers/matchmaking/, storage/matchmaking.py,
migration 0003)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, Index, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base

ORGANISERS, PROVIDERS, EVERYONE = "organisers", "providers", "everyone"
VISIBILITIES = (ORGANISERS, PROVIDERS, EVERYONE)


class MatchProfile(Base):
    """What a matchmaking participant works in (region, working languages as ISO codes), the organisation
    they speak for when no delegation or pitch names it, and what they agreed to share with people they
    meet. ``asked`` lists the profile questions already put to them (answered or skipped): each once."""

    __tablename__ = "match_profile"
    user_key: Mapped[str] = mapped_column(String(220), primary_key=True)
    region: Mapped[str] = mapped_column(String(100), default="")
    languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    lang: Mapped[str] = mapped_column(String(8), default="en")  # the language they last spoke to the bot
    organisation: Mapped[str] = mapped_column(String(200), default="")
    contact_email: Mapped[str] = mapped_column(String(320), default="")  # "" = only through the bot
    asked: Mapped[list[str]] = mapped_column(JSON, default=list)
    updated_at: Mapped[datetime]


class Interest(Base):
    """An offer or a need of one participant under one foundational capability (a new one replaces it)."""

    __tablename__ = "interest"
    __table_args__ = (UniqueConstraint("event_id", "user_key", "kind", "capability"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[str] = mapped_column(String(80))
    user_key: Mapped[str] = mapped_column(String(220))
    kind: Mapped[str] = mapped_column(String(8))  # "offer" or "need"
    capability: Mapped[str] = mapped_column(String(40))
    text: Mapped[str] = mapped_column(String(500))
    updated_at: Mapped[datetime]
    # Who may read a need's text (issue 15): "organisers", "providers" (the default) or "everyone".
    # Offers are public. Narrower readers see the need only in aggregates.
    visibility: Mapped[str] = mapped_column(String(12), default=PROVIDERS, server_default=PROVIDERS)
    # The previous edition's row this one was carried over from (kept or updated), None when stated anew.
    carried_from: Mapped[int | None]


class MeetRequest(Base):
    """One participant asks to meet another; at most one pending request per ordered pair."""

    __tablename__ = "meet_request"
    __table_args__ = (
        Index(
            "uq_meet_request_pending_pair",
            "event_id",
            "from_key",
            "to_key",
            unique=True,
            sqlite_where=text("status = 'pending'"),
            postgresql_where=text("status = 'pending'"),
        ),
        CheckConstraint("from_key <> to_key", name="not_self"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[str] = mapped_column(String(80))
    from_key: Mapped[str] = mapped_column(String(220))
    to_key: Mapped[str] = mapped_column(String(220))
    status: Mapped[str] = mapped_column(String(10), default="pending")  # pending, accepted, declined
    created_at: Mapped[datetime]
    decided_at: Mapped[datetime | None]
