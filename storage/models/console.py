"""The organiser console on the web (adapters/web/, migration 0007): single-use sign-in links (only a hash
of each token is kept), the sessions they open (checked on every request, so logout or a lost organiser
role ends a session on the server, whatever the cookie still holds) and the console's own settings, such
as the session secret generated on first start when the environment names none."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base


class ConsoleLink(Base):
    __tablename__ = "console_link"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)  # sha256 hex of the link token
    user_key: Mapped[str] = mapped_column(String(220))
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]


class ConsoleSession(Base):
    __tablename__ = "console_session"
    __table_args__ = (Index("ix_console_session_user_key", "user_key"),)
    id_hash: Mapped[str] = mapped_column(String(64), primary_key=True)  # sha256 hex of the cookie's id
    user_key: Mapped[str] = mapped_column(String(220))
    created_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]


class ConsoleSetting(Base):
    __tablename__ = "console_setting"
    name: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]
