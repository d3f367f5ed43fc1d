"""The organiser console on the web (adapters/web/, migration 0007): single-use sign-in links (only a hash
of each token is kept) and the console's own settings, such as the session secret generated on first
start when the environment names none."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base


class ConsoleLink(Base):
    __tablename__ = "console_link"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)  # sha256 hex of the link token
    user_key: Mapped[str] = mapped_column(String(220))
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]


class ConsoleSetting(Base):
    __tablename__ = "console_setting"
    name: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]
