"""The read-only JSON API under /organiser/api/ (the same session, or ``Authorization: Bearer`` with
ROUNDTABLE_CONSOLE_API_TOKEN), described by OpenAPI 3.1 at /organiser/api/openapi.json, so a secretariat
can pull registrations into its own tools. Exports come out as their registry writes them."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from aiohttp import web

from adapters.web.common import bot_of, organiser_of
from handlers.organiser import export as exports
from handlers.organiser.overview import broadcasts, campaign_progress, overview
from handlers.shared.kinds import CampaignKind

PREFIX = "/organiser/api/"


def _json(body: Any) -> web.Response:
    text = json.dumps(body, ensure_ascii=False, default=str)
    return web.Response(text=text, content_type="application/json", headers={"Cache-Control": "no-store"})


async def overview_json(request: web.Request) -> web.Response:
    bot = bot_of(request)
    async with bot.uow() as uow:
        data = await overview(uow, bot.event)
    body = asdict(data)
    body["broadcasts"] = [p.as_json() for p in data.broadcasts]
    body["reception_total"] = data.reception_total
    return _json(body)


async def broadcasts_json(request: web.Request) -> web.Response:
    bot = bot_of(request)
    async with bot.uow() as uow:
        return _json([p.as_json() for p in await broadcasts(uow)])


async def broadcast_json(request: web.Request) -> web.Response:
    """One broadcast's delivery report: the report page polls this for its live progress."""
    bot = bot_of(request)
    async with bot.uow() as uow:
        campaign = await uow.outbox.campaign(int(request.match_info["id"]))
        if campaign is None or campaign.kind != CampaignKind.BROADCAST:
            return web.json_response({"error": "not found"}, status=404)
        (progress,) = await campaign_progress(uow, [campaign])
    return _json(progress.as_json())


async def export_json(request: web.Request) -> web.Response:
    bot = bot_of(request)
    kind = request.match_info["kind"]
    if kind not in exports.EXPORTERS:
        raise web.HTTPNotFound()
    async with bot.uow() as uow:
        rows = await exports.EXPORTERS[kind](uow)
        uow.audit.record(bot.clock(), organiser_of(request), "api.read", kind, after={"rows": len(rows)})
        await uow.commit()
    return _json(rows)


def openapi(kinds: list[str]) -> dict[str, Any]:
    def get(summary: str, schema: dict[str, Any], parameters: list[dict[str, Any]] | None = None) -> Any:
        ok = {"description": "OK", "content": {"application/json": {"schema": schema}}}
        operation = {"summary": summary, "responses": {"200": ok, "401": {"description": "Not signed in"}}}
        return {"get": {**operation, "parameters": parameters or []}}

    progress = {
        "type": "object",
        "properties": {
            k: {"type": "integer"}
            for k in (
                "id",
                "sent",
                "pending",
                "retrying",
                "unreachable",
                "failed",
                "skipped",
                "total",
                "percent",
            )
        },
    }
    rows = {"type": "array", "items": {"type": "object"}}
    return {
        "openapi": "3.1.0",
        "info": {"title": "roundtable-bot organiser console API", "version": "1"},
        "components": {
            "securitySchemes": {
                "bearer": {"type": "http", "scheme": "bearer"},
                "session": {"type": "apiKey", "in": "cookie", "name": "roundtable_console"},
            }
        },
        "security": [{"bearer": []}, {"session": []}],
        "paths": {
            "/organiser/api/overview": get("The overview page's numbers", {"type": "object"}),
            "/organiser/api/broadcasts": get(
                "Recent broadcasts with delivery counts", {"type": "array", "items": progress}
            ),
            "/organiser/api/broadcasts/{id}": get(
                "One broadcast's delivery report",
                progress,
                [{"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}],
            ),
            "/organiser/api/exports/{kind}": get(
                "An export's rows (registrations, join requests, pitches, …)",
                rows,
                [
                    {
                        "name": "kind",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "string", "enum": kinds},
                    }
                ],
            ),
        },
    }


async def openapi_json(request: web.Request) -> web.Response:
    return _json(openapi(sorted(exports.EXPORTERS)))


def add_routes(app: web.Application) -> None:
    app.router.add_get("/api/openapi.json", openapi_json, name="api.openapi")
    app.router.add_get("/api/overview", overview_json, name="api.overview")
    app.router.add_get("/api/broadcasts", broadcasts_json, name="api.broadcasts")
    app.router.add_get("/api/broadcasts/{id:\\d{1,9}}", broadcast_json, name="api.broadcast")
    app.router.add_get("/api/exports/{kind}", export_json, name="api.export")
