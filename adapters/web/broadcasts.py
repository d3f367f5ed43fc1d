"""Broadcasts: compose (audience with a live recipient count, text, a preview in every language its
recipients read, send now or at a time), each campaign's delivery report with live progress, cancel.

The campaign is made by handlers/outreach/broadcast.create_broadcast and cancelled through the `broadcast
cancel N` command itself: the scheduler and the outbox send it exactly as one composed in chat."""

from __future__ import annotations

from datetime import datetime

from aiohttp import web

from adapters.web.common import bot_of, context_of, flash, organiser_of, page, see_other, session_of
from bot.context import Context
from bot.messages import ConversationRef, InboundMessage
from handlers.organiser.overview import broadcasts, campaign_progress
from handlers.outreach import audiences
from handlers.outreach import broadcast as chat_broadcast
from handlers.shared.kinds import CampaignKind

COMPOSE = "/organiser/broadcasts"


def _audience_labels(ctx: Context) -> list[tuple[str, str]]:
    return [(a, ctx.t(f"broadcast.audience.{a}")) for a in audiences.AUDIENCES]


async def list_page(request: web.Request) -> web.Response:
    bot = bot_of(request)
    ctx = await context_of(request)
    async with bot.uow() as uow:
        campaigns = await broadcasts(uow)
    values = {"audiences": _audience_labels(ctx), "campaigns": campaigns, "max_text": chat_broadcast.MAX_TEXT}
    return await page(request, "broadcasts.html", values)


async def recipient_count(request: web.Request) -> web.Response:
    """The audience's size now (the compose form shows it as the organiser picks an audience)."""
    bot = bot_of(request)
    audience = audiences.resolve(request.query.get("audience", ""))
    if audience is None:
        return web.json_response({"error": "unknown audience"}, status=404)
    async with bot.uow() as uow:
        count = len(await audiences.recipients(uow, audience, bot.event.id))
    return web.json_response({"audience": audience, "count": count})


def _send_at(ctx: Context, value: str) -> datetime | None:
    """A `datetime-local` value in the event's time zone; None when empty or not in the future."""
    try:
        moment = datetime.fromisoformat(value).replace(tzinfo=ctx.event.zone)
    except ValueError:
        return None
    return moment if moment > ctx.now() else None


async def _checked(request: web.Request, ctx: Context) -> tuple[str, str, datetime | None, str]:
    """(audience, text, send_at, problem): problem is "" when the broadcast can go."""
    posted = await request.post()
    audience = audiences.resolve(str(posted.get("audience", ""))) or ""
    text = str(posted.get("text", "")).strip()
    when = str(posted.get("when", "now"))
    send_at = _send_at(ctx, str(posted.get("send_at", ""))) if when == "later" else None
    if not audience:
        return (
            audience,
            text,
            send_at,
            ctx.t("broadcast.unknown_audience", name=str(posted.get("audience"))[:60]),
        )
    if not text:
        return audience, text, send_at, ctx.t("broadcast.empty")
    if len(text) > chat_broadcast.MAX_TEXT:
        return (
            audience,
            text,
            send_at,
            ctx.t("broadcast.too_long", limit=chat_broadcast.MAX_TEXT, length=len(text)),
        )
    if when == "later" and send_at is None:
        return audience, text, send_at, ctx.t("broadcast.time_invalid", zone=str(ctx.event.zone))
    return audience, text, send_at, ""


async def preview(request: web.Request) -> web.StreamResponse:
    bot = bot_of(request)
    ctx = await context_of(request)
    audience, text, send_at, problem = await _checked(request, ctx)
    if problem:
        flash(await session_of(request), problem)
        raise see_other(COMPOSE)
    async with bot.uow() as uow:
        recipients = await audiences.recipients(uow, audience, bot.event.id)
    languages = sorted({r.language or "en" for r in recipients} or {ctx.lang})
    previews = [(lang, chat_broadcast.render_broadcast(bot.event, text, lang).text) for lang in languages]
    values = {
        "audience": audience,
        "audience_label": ctx.t(f"broadcast.audience.{audience}"),
        "text": text,
        "send_at": send_at.strftime("%Y-%m-%dT%H:%M") if send_at else "",
        "count": len(recipients),
        "previews": previews,
    }
    return await page(request, "broadcast_preview.html", values)


async def create(request: web.Request) -> web.StreamResponse:
    bot = bot_of(request)
    ctx = await context_of(request)
    audience, text, send_at, problem = await _checked(request, ctx)
    if problem:
        flash(await session_of(request), problem)
        raise see_other(COMPOSE)
    async with bot.uow() as uow:
        campaign_id = await chat_broadcast.create_broadcast(
            uow, audience, text, send_at or ctx.now(), ctx.now(), organiser_of(request)
        )
        await uow.commit()
    raise see_other(f"{COMPOSE}/{campaign_id}")


async def report_page(request: web.Request) -> web.Response:
    bot = bot_of(request)
    campaign_id = chat_broadcast.parse_campaign_id(request.match_info["id"])
    async with bot.uow() as uow:
        campaign = await uow.outbox.campaign(campaign_id) if campaign_id else None
        if campaign is None or campaign.kind != CampaignKind.BROADCAST:
            raise web.HTTPNotFound()
        (progress,) = await campaign_progress(uow, [campaign])
    ctx = await context_of(request)
    label = ctx.t(f"broadcast.audience.{progress.audience}")
    return await page(request, "broadcast.html", {"p": progress, "audience_label": label})


async def cancel(request: web.Request) -> web.StreamResponse:
    ctx = await context_of(request)
    campaign = request.match_info["id"]
    command = InboundMessage(
        f"broadcast cancel {campaign}", ctx.user, ConversationRef(ctx.user.platform, "console"), "", ctx.now()
    )
    reply = await chat_broadcast.handle(command, ctx)
    flash(await session_of(request), reply.text)
    raise see_other(f"{COMPOSE}/{campaign}")


def add_routes(app: web.Application) -> None:
    app.router.add_get("/broadcasts", list_page, name="broadcasts")
    app.router.add_get("/broadcasts/recipients", recipient_count, name="broadcasts.recipients")
    app.router.add_post("/broadcasts/preview", preview, name="broadcasts.preview")
    app.router.add_post("/broadcasts", create, name="broadcasts.create")
    app.router.add_get("/broadcasts/{id:\\d+}", report_page, name="broadcast")
    app.router.add_post("/broadcasts/{id:\\d+}/cancel", cancel, name="broadcast.cancel")
