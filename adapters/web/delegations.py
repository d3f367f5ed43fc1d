"""Delegations: a searchable, sortable table; each delegation's record, members, join requests (decided
through handlers/registration/admin.decide, so the requester is told in chat) and its audit history."""

from __future__ import annotations

from collections.abc import Mapping

from aiohttp import web

from adapters.web.common import bot_of, context_of, flash, page, see_other, session_of
from handlers.registration import admin
from handlers.registration.fields import show_code
from storage.console import ConsoleRepository

SORTS = ("name", "status", "members", "group", "registered")
MAX_QUERY = 100


def _sort_key(column: str, row: Mapping[str, object]) -> tuple[object, ...]:
    value = row[column]
    return (value is None, value if value is not None else "", str(row["name"]).lower())


async def list_page(request: web.Request) -> web.Response:
    bot = bot_of(request)
    query = request.query.get("q", "").strip()[:MAX_QUERY]
    column = request.query.get("sort", "name")
    column = column if column in SORTS else "name"
    descending = request.query.get("order") == "desc"
    async with bot.uow() as uow:  # rows are read inside: the unit of work expires them as it ends
        table = [
            {
                "id": d.id,
                "name": d.name,
                "status": r.status if r else "none",
                "members": members,
                "group": r.breakout_group if r else "",
                "registered": bot.event.local(r.confirmed_at).date() if r else None,
                "late": bool(r and r.late),
            }
            for d, r, members in await ConsoleRepository(uow.session).delegations(uow.edition)
            if query.casefold() in d.name.casefold()
        ]
    table.sort(key=lambda row: _sort_key(column, row), reverse=descending)
    values = {"rows": table, "q": query, "sort": column, "order": "desc" if descending else "asc"}
    return await page(request, "delegations.html", values)


async def detail_page(request: web.Request) -> web.Response:
    bot = bot_of(request)
    delegation_id = _number(request.match_info["id"])
    async with bot.uow() as uow:
        delegation = await uow.registrations.delegation(delegation_id) if delegation_id else None
        if delegation is None:
            raise web.HTTPNotFound()
        record = await uow.registrations.of_delegation(delegation.id)
        members = await uow.registrations.members_of([delegation.id])
        requests = [r for r, d in await uow.registrations.join_requests() if d.id == delegation.id]
        history = await ConsoleRepository(uow.session).history(f"delegation:{delegation.id} ")
        values = {
            "delegation": delegation,
            "code": show_code(delegation.join_code),
            "record": record,
            "members": members,
            "requests": requests,
            "history": history,
        }
        return await page(request, "delegation.html", values)  # rendered while the rows are loaded


async def decide(request: web.Request) -> web.StreamResponse:
    posted = await request.post()
    approve = posted.get("decision") == "approve"
    reply = await admin.decide(
        await context_of(request), approve=approve, request_id=request.match_info["id"]
    )
    flash(await session_of(request), reply.text)
    back = _number(str(posted.get("delegation", "")))
    raise see_other(f"/organiser/delegations/{back}" if back else "/organiser/delegations")


def _number(text: str) -> int | None:
    return int(text) if text.isdigit() and len(text) < 10 else None


def add_routes(app: web.Application) -> None:
    app.router.add_get("/delegations", list_page, name="delegations")
    app.router.add_get("/delegations/{id}", detail_page, name="delegation")
    app.router.add_post("/join-requests/{id}", decide, name="join_request.decide")
