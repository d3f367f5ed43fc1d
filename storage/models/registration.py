"""Delegation registration and join requests (handlers/registration/, storage/registration.py,
migration 0002)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base


class Registration(Base):
    """A delegation's confirmed answer to the Chair's invitation; one row per delegation and edition, shared
    by its members on every platform. Drafts never reach this table: they live in the dialog row until
    confirmed."""

    __tablename__ = "registration"
    __table_args__ = (UniqueConstraint("delegation_id", "event_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    delegation_id: Mapped[int] = mapped_column(ForeignKey("delegation.id", ondelete="CASCADE"))
    # The edition registered for (issue 15): a delegation registers again for each edition of a series.
    # Rows written before migration 0008 hold "" until the first start adopts them (storage/editions.py).
    event_id: Mapped[str] = mapped_column(String(80), default="", server_default="")
    status: Mapped[str] = mapped_column(String(16))  # "confirmed" or "withdrawn"
    hod_name: Mapped[str] = mapped_column(String(200))
    hod_designation: Mapped[str] = mapped_column(String(200), default="")  # "" = not known yet
    hod_is_minister: Mapped[bool] = mapped_column(default=False)
    experts: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)  # [{name, designation}]
    reception_hod: Mapped[bool | None]  # None = not decided yet
    reception_experts: Mapped[list[str]] = mapped_column(JSON, default=list)  # expert names attending
    breakout_group: Mapped[str] = mapped_column(String(8))
    contact_email: Mapped[str] = mapped_column(String(320))
    late: Mapped[bool] = mapped_column(default=False)
    registered_by: Mapped[str] = mapped_column(String(220))
    confirmed_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    withdrawn_at: Mapped[datetime | None]


class JoinRequest(Base):
    """Someone named an existing delegation without its join code: organisers decide, nobody takes over."""

    __tablename__ = "join_request"
    __table_args__ = (UniqueConstraint("delegation_id", "user_key"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    delegation_id: Mapped[int] = mapped_column(ForeignKey("delegation.id", ondelete="CASCADE"))
    user_key: Mapped[str] = mapped_column(String(220))
    display_name: Mapped[str] = mapped_column(String(200), default="")
    claimed_name: Mapped[str] = mapped_column(String(200))
    lang: Mapped[str] = mapped_column(String(8), default="en")  # to answer the requester in their language
    status: Mapped[str] = mapped_column(String(16), default="pending")  # pending, approved, rejected
    created_at: Mapped[datetime]
    decided_at: Mapped[datetime | None]
    decided_by: Mapped[str] = mapped_column(String(220), default="")
