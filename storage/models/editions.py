"""Carry-over between editions of a series (issue 15, migration 0008_editions).

When a new edition opens, each need or offer a returning member stated at the previous edition becomes
one row here, asked about privately: kept, updated (with the new text) or dropped. The row stays as the
history of that need across editions; the new edition's ``interest`` row points back with
``carried_from``.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base

ASKED, KEPT, UPDATED, DROPPED = "asked", "kept", "updated", "dropped"


class CarryOver(Base):
    __tablename__ = "carry_over"
    __table_args__ = (UniqueConstraint("event_id", "previous_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[str] = mapped_column(String(80))  # the edition asking
    from_event_id: Mapped[str] = mapped_column(String(80))  # the edition it was stated at
    previous_id: Mapped[int]  # the previous edition's interest row
    user_key: Mapped[str] = mapped_column(String(220))
    kind: Mapped[str] = mapped_column(String(8))
    capability: Mapped[str] = mapped_column(String(40))
    text: Mapped[str] = mapped_column(String(500))  # as stated at the previous edition
    visibility: Mapped[str] = mapped_column(String(12))
    decision: Mapped[str] = mapped_column(String(10), default=ASKED)
    new_text: Mapped[str] = mapped_column(String(500), default="")
    asked_at: Mapped[datetime]
    decided_at: Mapped[datetime | None]
