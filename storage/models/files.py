"""Files offered through a single-use, short-lived link (Teams has no way for a bot to attach a file to a
message without a consent round trip): only a hash of the link's token is stored (migration 0006)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base


class Download(Base):
    __tablename__ = "download"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)  # sha256 hex of the link token
    user_key: Mapped[str] = mapped_column(String(220))
    filename: Mapped[str] = mapped_column(String(200))
    media_type: Mapped[str] = mapped_column(String(100))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
