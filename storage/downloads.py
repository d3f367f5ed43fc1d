"""Single-use download links: offered with a random token (only its hash is kept), redeemed once."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import delete, update

from storage.models import Download
from storage.repositories import Repository

LINK_LIFETIME = timedelta(minutes=15)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class DownloadRepository(Repository):
    async def offer(
        self, user_key: str, filename: str, media_type: str, content: bytes, now: datetime
    ) -> str:
        """The token for a new link (the caller commits); expired links are swept on the way."""
        await self.session.execute(delete(Download).where(Download.expires_at <= now))
        token = secrets.token_urlsafe(32)
        self.session.add(
            Download(
                token_hash=token_hash(token),
                user_key=user_key,
                filename=filename,
                media_type=media_type,
                content=content,
                created_at=now,
                expires_at=now + LINK_LIFETIME,
            )
        )
        return token

    async def redeem(self, token: str, now: datetime) -> Download | None:
        """The file, once: a used, expired or unknown token gives None. One UPDATE decides, so two
        simultaneous clicks (or two instances) cannot both get it."""
        statement = (
            update(Download)
            .where(Download.token_hash == token_hash(token))
            .where(Download.used_at.is_(None), Download.expires_at > now)
            .values(used_at=now)
            .returning(Download)
        )
        return (await self.session.execute(statement)).scalar_one_or_none()
