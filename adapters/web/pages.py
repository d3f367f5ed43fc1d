"""Overview, matchmaking and exports: read-only pages (exports are audited downloads)."""

from __future__ import annotations

import asyncio

from aiohttp import web
from aiohttp.helpers import content_disposition_header

from adapters.web.common import bot_of, lang_of, organiser_of, page
from bot.event import Event
from bot.i18n import translate
from handlers.agenda import frab
from handlers.agenda.calendar import calendar_file
from handlers.organiser import export as exports
from handlers.organiser.overview import Overview, overview
from handlers.shared import timefmt
from storage.console import ConsoleRepository

CALENDAR = "programme"
PROGRAMME_TYPES = {"ics": "text/calendar", "json": frab.MEDIA_TYPE}  # .json: frab schedule.json


def _capability_names(event: Event, lang: str) -> dict[str, str]:
    return {c.id: c.name.get(lang) for c in event.capabilities}


def _overview_charts(data: Overview, event: Event, lang: str) -> dict[str, str]:
    from adapters.web import charts  # Altair and vl-convert load with the first page, not with the bot

    def t(key: str) -> str:
        return translate(lang, f"console.{key}")

    names = _capability_names(event, lang)

    deadline = data.deadline.isoformat() if data.deadline else None
    days = [(d.isoformat(), n) for d, n in data.registrations_by_day]
    regions = [(r or t("region.unknown"), n) for r, n in data.regions.items()]
    groups = [(g, n) for g, n in data.breakout.items()]
    needs_offers = [
        (names.get(c, c), series, n)
        for c, needs, offers in data.capabilities
        for series, n in ((t("need"), needs), (t("offer"), offers))
    ]
    return {
        "registrations": charts.cumulative(
            days, deadline, t("chart.registrations"), t("day"), t("count"), lang
        ),
        "regions": charts.bars(regions, t("chart.regions"), t("region"), t("delegations")),
        "breakout": charts.bars(groups, t("chart.breakout"), t("group"), t("delegations")),
        "capabilities": charts.grouped(needs_offers, t("chart.capabilities"), t("capability"), t("count")),
    }


async def overview_page(request: web.Request) -> web.Response:
    bot = bot_of(request)
    async with bot.uow() as uow:
        data = await overview(uow, bot.event)
    lang = await lang_of(request)
    names = _capability_names(bot.event, lang)
    values = {
        "o": data,
        # Converting a changed chart takes a few hundred ms: off the event loop, so chat keeps flowing.
        "charts": await asyncio.to_thread(_overview_charts, data, bot.event, lang),
        "registration_rows": [(timefmt.long_date(d, lang), n) for d, n in data.registrations_by_day],
        "region_rows": [(r or translate(lang, "console.region.unknown"), n) for r, n in data.regions.items()],
        "capability_rows": [(names.get(c, c), needs, offers) for c, needs, offers in data.capabilities],
    }
    return await page(request, "overview.html", values)


def _matchmaking_charts(
    cells: list[tuple[str, str, int]], statuses: list[tuple[str, int]], lang: str
) -> dict[str, str]:
    from adapters.web import charts

    def t(key: str) -> str:
        return translate(lang, f"console.{key}")

    return {
        "heatmap": charts.heatmap(cells, t("chart.heatmap"), t("capability"), t("kind")),
        "status_chart": charts.bars(statuses, t("chart.meet_requests"), t("status"), t("count")),
    }


async def matchmaking_page(request: web.Request) -> web.Response:
    bot = bot_of(request)
    lang = await lang_of(request)
    async with bot.uow() as uow:
        console = ConsoleRepository(uow.session)
        counts = await console.interests(bot.event.id)
        statuses = await console.meet_requests_by_status(bot.event.id)
        accepted = [
            (r.from_key, r.to_key, r.decided_at)
            for r in await uow.matchmaking.all_requests(bot.event.id)
            if r.status == "accepted"
        ]
        names = await uow.matchmaking.names([k for a, b, _ in accepted for k in (a, b)])
    cells = {(c.id, kind): 0 for c in bot.event.capabilities for kind in ("need", "offer")}
    for capability, kind, n in counts:
        cells[(capability, kind)] = cells.get((capability, kind), 0) + n
    names = _capability_names(bot.event, lang)
    rows = [(names.get(c, c), translate(lang, f"console.{kind}"), n) for (c, kind), n in cells.items()]
    status_rows = [(translate(lang, f"console.meet.{s}"), n) for s, n in sorted(statuses.items())]
    values = {
        "cells": rows,
        "statuses": status_rows,
        "meetings": [(names.get(a, a), names.get(b, b), decided) for a, b, decided in accepted],
        **await asyncio.to_thread(_matchmaking_charts, rows, status_rows, lang),
    }
    return await page(request, "matchmaking.html", values)


async def exports_page(request: web.Request) -> web.Response:
    kinds = sorted(exports.EXPORTERS)
    return await page(request, "exports.html", {"kinds": kinds, "formats": sorted(exports.FORMATS)})


async def download(request: web.Request) -> web.Response:
    """One export kind as CSV or JSON, or the programme as .ics or frab schedule.json; audited like the chat
    command."""
    bot = bot_of(request)
    kind, fmt = request.match_info["kind"], request.match_info["format"]
    now = bot.clock()
    if kind == CALENDAR and fmt in PROGRAMME_TYPES:
        lang = await lang_of(request)
        if fmt == "ics":
            content = calendar_file(bot.event, bot.event.sessions, lang, now)
        else:
            content = frab.schedule_file(bot.event, lang)
        media_type = PROGRAMME_TYPES[fmt]
        async with bot.uow() as uow:
            uow.audit.record(now, organiser_of(request), "export", kind, after={"format": fmt})
            await uow.commit()
    elif kind in exports.EXPORTERS and fmt in exports.FORMATS:
        async with bot.uow() as uow:
            content, _ = await exports.export(
                uow, kind, fmt, organiser_of(request), now, lang=await lang_of(request), event=bot.event
            )
            await uow.commit()
        media_type = exports.FORMATS[fmt]
    else:
        raise web.HTTPNotFound()
    stamp = bot.event.local(now)
    headers = {
        "Content-Disposition": content_disposition_header(
            "attachment", filename=f"{kind}-{stamp:%Y%m%d-%H%M}.{fmt}"
        ),
        "Cache-Control": "no-store",
    }
    return web.Response(body=content, content_type=media_type, headers=headers)


def add_routes(app: web.Application) -> None:
    app.router.add_get("/", overview_page, name="overview")
    app.router.add_get("/matchmaking", matchmaking_page, name="matchmaking")
    app.router.add_get("/exports", exports_page, name="exports")
    app.router.add_get("/exports/{kind}.{format}", download, name="exports.download")
