"""Files on Teams: a bot cannot attach a file to a message without the file-consent round trip, so each
attachment becomes a single-use link, valid 15 minutes, served by `serve` itself (GET /files/<token>).
Only the person who asked gets the link (files are private replies, sent in their personal chat)."""

from __future__ import annotations

import logging
from dataclasses import replace

from bot.core import Bot
from bot.i18n import translate
from bot.messages import DOWNLOAD_PATH, Reply, UserRef

log = logging.getLogger(__name__)


async def with_download_links(bot: Bot, user: UserRef, reply: Reply) -> Reply:
    """The reply with its attachments replaced by links (or, with no public URL configured, by a
    polite line saying the file cannot be sent here)."""
    if not reply.attachments:
        return reply
    base = (bot.settings.public_url or "").rstrip("/")
    if not base:
        log.warning("Teams: a file could not be offered: ROUNDTABLE_PUBLIC_URL is not set")
        line = translate(reply.lang, "core.file_unavailable", contact=bot.event.contact.email)
        return replace(reply, text=f"{reply.text}\n{line}", attachments=())
    lines = []
    async with bot.uow() as uow:
        for attachment in reply.attachments:
            token = await uow.downloads.offer(
                user.key, attachment.filename, attachment.media_type, attachment.content, bot.clock()
            )
            url = f"{base}{DOWNLOAD_PATH}/{token}"
            lines.append(translate(reply.lang, "core.download_link", filename=attachment.filename, url=url))
        await uow.commit()
    return replace(reply, text="\n".join([reply.text, *lines]), attachments=())
