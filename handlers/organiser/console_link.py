"""`dashboard` (organisers only): a single-use link, valid 15 minutes, that signs the organiser in to the web
console (adapters/web/). The reply is private (the router keeps it out of shared channels); the link
carries only a random token — no name, no user id — and only the token's hash is stored."""

from __future__ import annotations

from datetime import datetime

from bot.context import Context
from bot.messages import InboundMessage, Reply
from handlers.shared.roles import require_organiser
from storage.console import LINK_LIFETIME, ConsoleRepository
from storage.uow import UnitOfWork

WORDS = (
    "dashboard",
    "console",
    "tableau de bord",
    "panel de control",
    "tablero",
    "لوحة التحكم",
    "لوحة المتابعة",
    "панель управления",
    "панель",
    "控制台",
    "仪表板",
)
SIGNIN_PATH = "/organiser/signin"


def signin_url(base_url: str, token: str) -> str:
    return f"{base_url.rstrip('/')}{SIGNIN_PATH}/{token}"


async def issue_link(uow: UnitOfWork, user_key: str, now: datetime) -> str:
    """A new link's token, on the record (the caller commits)."""
    token = await ConsoleRepository(uow.session).offer_link(user_key, now)
    uow.audit.record(now, user_key, "console.link_issued", "console")
    return token


async def handle(msg: InboundMessage, ctx: Context) -> Reply:
    await require_organiser(ctx, "console.link_refused", "dashboard")
    async with ctx.uow() as uow:
        token = await issue_link(uow, ctx.user.key, ctx.now())
        await uow.commit()
    minutes = int(LINK_LIFETIME.total_seconds() // 60)
    text = ctx.t("console.link", url=signin_url(ctx.base_url, token), minutes=minutes)
    return Reply(text, lang=ctx.lang, private=True)
