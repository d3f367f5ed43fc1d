"""The one aiohttp server: /healthz, /readyz, and each platform adapter mounted on its own route."""

from __future__ import annotations

import asyncio
import hmac
import logging
import signal

from aiohttp import web
from aiohttp.helpers import content_disposition_header

from adapters.platforms import mount_platforms
from adapters.web.app import mount_console
from bot.config import Settings
from bot.messages import DOWNLOAD_PATH
from bot.metrics import CONTENT_TYPE_LATEST
from service.bootstrap import Bot, create_bot
from service.collector import tune_for_serving
from service.reload import HangupReloader, apply, remove_pid_file, write_pid_file
from service.scheduler import Scheduler
from storage.db import ping

log = logging.getLogger(__name__)
BOT_KEY = web.AppKey("bot", Bot)
MAX_BODY = 1024 * 1024  # Slack and Teams payloads are far smaller; larger bodies are refused with 413.


async def healthz(request: web.Request) -> web.Response:
    return web.json_response({"status": "ok"})


async def readyz(request: web.Request) -> web.Response:
    bot = request.app[BOT_KEY]
    database = await ping(bot.engine)
    body = {"database": "ok" if database else "unreachable", "event": bot.event.id}
    return web.json_response(body, status=200 if database else 503)


async def metrics(request: web.Request) -> web.Response:
    """Prometheus text; behind ROUNDTABLE_METRICS_TOKEN when set. A gauge the database cannot answer
    keeps its last value (the scrape still works: an outage must not also blind the monitoring)."""
    bot = request.app[BOT_KEY]
    token = bot.settings.metrics_token
    if token is not None and not hmac.compare_digest(
        request.headers.get("Authorization", "").encode(), f"Bearer {token.get_secret_value()}".encode()
    ):
        return web.Response(status=401, headers={"WWW-Authenticate": "Bearer"})
    body = await bot.metrics.exposition()
    return web.Response(body=body, headers={"Content-Type": CONTENT_TYPE_LATEST})


async def download(request: web.Request) -> web.Response:
    """GET /files/{token}: a file offered through a single-use link (Teams). Used, expired or unknown
    links are 404, and say nothing about which."""
    bot = request.app[BOT_KEY]
    async with bot.uow() as uow:
        offered = await uow.downloads.redeem(request.match_info["token"], bot.clock())
        await uow.commit()
    if offered is None:
        return web.Response(status=404, text="This link has been used or has expired. Ask the bot again.")
    disposition = content_disposition_header("attachment", filename=offered.filename)
    headers = {
        "Content-Disposition": disposition,
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
    }
    return web.Response(body=offered.content, content_type=offered.media_type, headers=headers)


def build_app(bot: Bot) -> web.Application:
    app = web.Application(client_max_size=MAX_BODY)
    app[BOT_KEY] = bot
    app.router.add_get("/healthz", healthz)
    app.router.add_get("/readyz", readyz)
    app.router.add_get("/metrics", metrics)
    app.router.add_get(f"{DOWNLOAD_PATH}/{{token}}", download)
    # Platform adapters mount here (each logs one line when it is off and why; its library is imported
    # only when it is on).
    mount_platforms(app, bot)
    mount_console(app, bot)  # the organisers' web console at /organiser/ (adapters/web/)
    return app


async def run_server(settings: Settings) -> None:
    """Serve until SIGINT/SIGTERM, then stop accepting, finish in-flight work and close the database."""
    bot = await create_bot(settings)
    try:
        await _serve(bot, settings)
    finally:
        await bot.close()  # also when an adapter refuses to start


async def _serve(bot: Bot, settings: Settings) -> None:
    runner = web.AppRunner(build_app(bot), access_log=None)
    await runner.setup()
    try:
        site = web.TCPSite(runner, settings.host, settings.port)
        await site.start()
        log.info("listening on http://%s:%s", settings.host, settings.port)
        scheduler = Scheduler.for_bot(bot)  # after the adapters registered their notifiers
        # Changes made to the event file while no server ran are told now (once: see service/reload.py).
        await apply(bot.uow, bot.event, bot.event, bot.clock)
        await scheduler.start()
        reloader = HangupReloader(bot, scheduler)
        reloader.install()  # SIGHUP (`roundtable-bot event reload`) reloads the event file
        tune_for_serving()
        write_pid_file(settings.pid_file)
        try:
            await _until_signalled()
        finally:
            remove_pid_file(settings.pid_file)
            await reloader.stop()
            await scheduler.stop()
    finally:
        await runner.cleanup()


async def _until_signalled() -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    await stop.wait()
