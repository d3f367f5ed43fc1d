"""The run of show and the waitlist; open / close / move / remove through handlers/pitches/admin (the same
checks, messages to the providers concerned and audit rows as the chat words)."""

from __future__ import annotations

from aiohttp import web

from adapters.web.common import bot_of, context_of, flash, page, see_other, session_of
from handlers.pitches import admin, booking
from handlers.shared import timefmt
from handlers.shared.userinput import number


async def run_of_show_page(request: web.Request) -> web.Response:
    bot = bot_of(request)
    ctx = await context_of(request)
    async with bot.uow() as uow:
        state = await booking.ensure_event(uow, ctx)
        lines = await uow.pitches.run_of_show(bot.event.id)
        waiting = [await booking.booking_view(uow, b) for b in await uow.pitches.waitlist(bot.event.id)]
        await uow.commit()  # ensure_event may have seeded the slots
    zone = bot.event.zone
    slots = [
        {
            "number": line.slot.number,
            "time": timefmt.clock(line.slot.starts_at.astimezone(zone), ctx.lang),
            "provider": line.provider.name if line.provider else "",
            "title": line.booking.title if line.booking else "",
            "slides": line.booking.slides_url if line.booking else None,
        }
        for line in lines
    ]
    values = {"slots": slots, "waiting": waiting, "open": booking.signup_is_open(state, ctx), "state": state}
    return await page(request, "pitches.html", values)


async def act(request: web.Request) -> web.StreamResponse:
    posted = await request.post()
    ctx = await context_of(request)
    operation = str(posted.get("op", ""))
    source, target = number(str(posted.get("source", ""))), number(str(posted.get("target", "")))
    if operation in ("open", "close"):
        reply = await admin.set_signup(ctx, operation)
    elif operation == "move" and source is not None and target is not None:
        reply = await admin.move(ctx, source, target)
    elif operation == "remove" and source is not None:
        reply = await admin.remove(ctx, source)
    else:
        reply = await admin.handle("usage", [], ctx)
    flash(await session_of(request), reply.text)
    raise see_other("/organiser/pitches")


def add_routes(app: web.Application) -> None:
    app.router.add_get("/pitches", run_of_show_page, name="pitches")
    app.router.add_post("/pitches", act, name="pitches.act")
