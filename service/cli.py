"""The `roundtable-bot` command. Platform libraries are imported inside the commands that need them,
so `ask` and `chat` start fast and never load slack_bolt or botbuilder."""

from __future__ import annotations

import asyncio
import os
import sys
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer

from bot.config import Settings, load_settings
from bot.errors import ConfigError
from bot.event import Event, EventFileError, load_event

app = typer.Typer(
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    help="Delegation assistant for UN-style meetings.",
)
event_app = typer.Typer(no_args_is_help=True, help="Check and reload the event file.")
db_app = typer.Typer(no_args_is_help=True, help="Database migrations.")
app.add_typer(event_app, name="event")
app.add_typer(db_app, name="db")
meetings_app = typer.Typer(no_args_is_help=True, help="Plan and publish matchmaking meetings.")
app.add_typer(meetings_app, name="meetings")

EventOption = Annotated[
    Path | None, typer.Option("--event", help="Event file (default: ROUNDTABLE_EVENT or the bundled event).")
]
NowOption = Annotated[
    str | None, typer.Option("--now", help="Pretend it is this ISO 8601 time (event-local without offset).")
]
LangOption = Annotated[str | None, typer.Option("--lang", help="Answer in this language (en, fr, es…).")]


def fail(message: str) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code=2)


def settings_from(event: Path | None = None, now: str | None = None, lang: str | None = None) -> Settings:
    try:
        moment = datetime.fromisoformat(now) if now else None
    except ValueError:
        raise fail(f"--now: not an ISO 8601 time: {now!r}") from None
    try:
        return load_settings(event_path=event, now=moment, lang=lang)
    except ConfigError as error:
        raise fail(str(error)) from None


def event_for(settings: Settings) -> Event:
    try:
        return load_event(settings.event_path)
    except EventFileError as error:
        raise fail("\n".join([f"{error.path}:", *error.problems])) from None


@app.command()
def ask(
    question: Annotated[
        list[str] | None, typer.Argument(help="Questions; none reads one per line from stdin.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per answer.")] = False,
    now: NowOption = None,
    lang: LangOption = None,
    event: EventOption = None,
) -> None:
    """Answer questions about the event, one answer per question."""
    from adapters.console.app import ask_lines
    from bot.clock import clock_for

    settings = settings_from(event, now, lang)
    loaded = event_for(settings)
    questions = question if question else (line.rstrip("\n") for line in sys.stdin)
    for line in ask_lines(questions, loaded, clock_for(settings, loaded)(), settings.lang, as_json):
        typer.echo(line)


@app.command()
def chat(
    user: Annotated[str, typer.Option("--user", help="Your user id in this terminal.")] = "local",
    now: NowOption = None,
    lang: LangOption = None,
    event: EventOption = None,
) -> None:
    """Talk to the bot in this terminal (reads one message per line when stdin is not a terminal)."""
    from service.chat import chat_main

    settings = settings_from(event, now, lang)
    event_for(settings)
    asyncio.run(chat_main(settings, user))


@app.command()
def serve(event: EventOption = None) -> None:
    """Run the HTTP server for Slack and Teams (HOST, PORT; platforms enabled by their credentials)."""
    # structlog loads rich and pygments (~5 MB resident) for coloured tracebacks when rich is installed (the
    # CLI's help brings it); a server's log lines are plain text or JSON, whose tracebacks are formatted by
    # the standard library. Marked absent before structlog is first imported, so it never loads them.
    sys.modules.setdefault("rich", None)  # type: ignore[arg-type]
    from service.logs import configure_logging
    from service.server import run_server

    settings = settings_from(event)
    event_for(settings)
    configure_logging(settings.log_level)
    try:
        asyncio.run(run_server(settings))
    except ConfigError as error:  # e.g. Teams local mode on a public HOST: one line, no traceback
        raise fail(str(error)) from None


@app.command("teams-package")
def teams_package(
    app_id: Annotated[str, typer.Option("--app-id", help="The bot's Microsoft App ID (Azure Bot resource).")],
    out: Annotated[Path, typer.Option("--out", help="Where to write the zip.")] = Path("teams-app.zip"),
    website_url: Annotated[str, typer.Option("--website-url", help="Organisers' https page.")] = "",
    privacy_url: Annotated[str, typer.Option("--privacy-url", help="Privacy notice (https).")] = "",
    terms_url: Annotated[str, typer.Option("--terms-url", help="Terms of use (https).")] = "",
) -> None:
    """Write the Teams app package (manifest + icons) to upload in Teams or the Teams admin centre."""
    from adapters.teams.package import DEFAULT_URL, PackageError, write_package

    try:
        path = write_package(
            app_id, out, website_url=website_url or DEFAULT_URL, privacy_url=privacy_url, terms_url=terms_url
        )
    except PackageError as error:
        raise fail(str(error)) from None
    typer.echo(str(path))


# Written out rather than read from handlers.organiser.export.EXPORTERS, which imports the database layer:
# the CLI starts without it. tests/unit/service/test_cli_help.py keeps the two in step.
EXPORT_KINDS = (
    "registrations", "join-requests", "audit", "pitches", "interests", "meetings",
    "meeting-plan", "meeting-funnel", "chair-summary", "ics", "frab",
)  # fmt: skip
PROGRAMME_KINDS = ("ics", "frab")  # from the event file alone: .ics, and frab/Pentabarf schedule.json


@app.command("export")
def export_command(
    kind: Annotated[str, typer.Argument(help=f"One of: {', '.join(EXPORT_KINDS)}.")],
    fmt: Annotated[str, typer.Option("--format", help="csv, json or md (Markdown).")] = "csv",
    out: Annotated[Path | None, typer.Option("--out", help="Write to this file (default: stdout).")] = None,
    event: EventOption = None,
    lang: LangOption = None,
) -> None:
    """Organiser lists as CSV, JSON or Markdown, audited as "cli". `export ics` writes the full programme as
    an iCalendar file, `export frab` as the frab/Pentabarf schedule.json that pretalx exports, `export
    chair-summary --format md` the Chair's report (worded in --lang)."""
    from handlers.organiser.export import BOM, EXPORTERS, FORMATS, export
    from service.bootstrap import open_bot

    if kind in PROGRAMME_KINDS:
        _export_programme(kind, out, event, lang)
        return
    if kind not in EXPORTERS:
        raise fail(
            f"unknown export {kind!r}; known kinds: {', '.join(sorted([*EXPORTERS, *PROGRAMME_KINDS]))}"
        )
    if fmt not in FORMATS:
        *others, last = FORMATS
        raise fail(f"--format: use {', '.join(others)} or {last}, not {fmt!r}")
    settings = settings_from(event, lang=lang)
    loaded = event_for(settings)

    async def run() -> tuple[bytes, int]:
        async with open_bot(settings, event=loaded) as bot, bot.uow() as uow:
            result = await export(
                uow, kind, fmt, "cli", bot.clock(), lang=settings.lang or "en", event=loaded
            )
            await uow.commit()
            return result

    content, count = asyncio.run(run())
    _emit(content.removeprefix(BOM) if out is None else content, out, f"{count} {kind} rows")


def _emit(content: bytes, out: Path | None, summary: str) -> None:
    """To stdout, or to ``out`` with a one-line summary on stderr. (The BOM is for spreadsheets, not pipes:
    callers drop it for stdout.)"""
    if out is None:
        sys.stdout.buffer.write(content)
        sys.stdout.buffer.flush()
        return
    try:
        out.write_bytes(content)
    except OSError as error:
        raise fail(f"--out: cannot write {out} ({error.strerror})") from None
    typer.echo(f"{summary} written to {out}", err=True)


def _export_programme(kind: str, out: Path | None, event: Path | None, lang: str | None) -> None:
    """The whole programme as .ics or frab JSON, from the event file alone (no database)."""
    from bot.clock import clock_for
    from handlers.agenda.frab import schedule_file
    from handlers.agenda.personal import programme_file

    settings = settings_from(event, lang=lang)
    loaded = event_for(settings)
    language = settings.lang or "en"
    if language not in loaded.languages:
        raise fail(f"--lang: the event speaks {', '.join(loaded.languages)}, not {language!r}")
    if kind == "frab":
        content = schedule_file(loaded, language)
    else:
        content = programme_file(loaded, language, clock_for(settings, loaded)())
    _emit(content, out, f"{len(loaded.sessions)} sessions")


@app.command("broadcast")
def broadcast_command(
    audience: Annotated[str, typer.Option("--audience", help="everyone, registered, breakout-I, …")] = "",
    text: Annotated[str, typer.Option("--text", help="The message, as recipients will read it.")] = "",
    at: Annotated[str | None, typer.Option("--at", help="Send at this ISO 8601 time (default: now).")] = None,
    status: Annotated[int | None, typer.Option("--status", help="Print the counts of broadcast ID.")] = None,
    event: EventOption = None,
) -> None:
    """Queue a broadcast from the server (audited as "cli"); a running `serve` sends it within seconds."""
    import json

    from bot.errors import DomainError
    from bot.i18n import translate
    from handlers.outreach.broadcast import queue_from_command_line, status_counts
    from service.bootstrap import open_bot

    settings = settings_from(event)
    loaded = event_for(settings)
    try:
        send_at = loaded.local(datetime.fromisoformat(at)) if at else None
    except ValueError:
        raise fail(f"--at: not an ISO 8601 time: {at!r}") from None

    async def run() -> dict[str, object]:
        async with open_bot(settings, event=loaded) as bot, bot.uow() as uow:
            if status is not None:
                return {"id": status, **await status_counts(uow, status)}
            now = bot.clock()
            found = await queue_from_command_line(uow, loaded.id, audience, text, send_at or now, now)
            await uow.commit()
            return {"id": found[0], "recipients": found[1], "send_at": (send_at or now).isoformat()}

    try:
        typer.echo(json.dumps(asyncio.run(run())))
    except DomainError as error:
        raise fail(translate("en", error.message_id, **error.params)) from None


@event_app.command("check")
def event_check(path: Annotated[Path, typer.Argument(help="The event YAML file.")]) -> None:
    """Print "ok", or each problem with its line and field path (exit 1)."""
    try:
        load_event(path)
    except EventFileError as error:
        for problem in error.problems:
            typer.echo(f"{path}: {problem}")
        raise typer.Exit(code=1) from None
    typer.echo("ok")


@event_app.command("reload")
def event_reload(event: EventOption = None) -> None:
    """Tell the running server to reload its event file (SIGHUP to the pid in ROUNDTABLE_PID_FILE). With no
    server running, apply the file to the database here: change notices are queued for the next server."""
    from service.bootstrap import open_bot
    from service.reload import apply, running_pid, signal_server

    settings = settings_from(event)
    loaded = event_for(settings)  # a broken file is refused here, before anything is signalled or changed
    pid = running_pid(settings.pid_file)
    if pid is not None:
        signal_server(pid)
        typer.echo(f"asked the server (pid {pid}) to reload its event file; its log says what changed")
        return

    async def run() -> list[str]:
        async with open_bot(settings, event=loaded) as bot:
            applied = await apply(bot.uow, loaded, loaded, bot.clock)
        lines = [f"session {change.session_id}: {change.what}" for change in applied.changes]
        lines += [f"pitch slot {number}: moved" for number in applied.moved_slots]
        return [*lines, f"{len(applied.campaigns)} change notices queued (sent by the server)"]

    for line in asyncio.run(run()):
        typer.echo(line)


@meetings_app.command("plan")
def meetings_plan(event: EventOption = None) -> None:
    """Solve and store a provisional plan (nobody is told); review it with `export meeting-plan`."""
    from handlers.matchmaking.plans import NoMeetingPlanError, plan_meetings
    from service.bootstrap import open_bot

    settings = settings_from(event)
    loaded = event_for(settings)

    async def run() -> str:
        async with open_bot(settings, event=loaded) as bot, bot.uow() as uow:
            planned = await plan_meetings(uow, loaded, bot.clock(), "cli")
            await uow.commit()
        plan = planned.plan
        return (
            f"provisional plan: {len(plan.placements)} meetings of {planned.wishes} wished-for pairs; "
            f"{planned.states_covered}/{planned.states_wishing} requesting States covered; "
            f"objective {plan.objective}, bound {plan.bound} (gap {plan.gap:.1%}), {plan.status}"
        )

    try:
        typer.echo(asyncio.run(run()))
    except NoMeetingPlanError:
        raise fail("the event file has no matchmaking.meetings") from None


@meetings_app.command("publish")
def meetings_publish(event: EventOption = None) -> None:
    """Publish the provisional plan; those whose meetings changed are told (sent by the server)."""
    from handlers.matchmaking.plans import publish
    from service.bootstrap import open_bot

    settings = settings_from(event)
    loaded = event_for(settings)

    async def run() -> list[str] | None:
        async with open_bot(settings, event=loaded) as bot, bot.uow() as uow:
            told = await publish(uow, loaded, bot.clock(), "cli")
            await uow.commit()
            return told

    told = asyncio.run(run())
    if told is None:
        raise fail("no provisional plan: run `roundtable-bot meetings plan` first")
    typer.echo(f"published; {len(told)} participants told (queued for the server)")


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Apply pending migrations to DATABASE_URL."""
    from storage.db import make_engine, upgrade

    settings = settings_from()
    edition = load_event(settings.event_path).id  # registrations from before editions belong to it

    async def run() -> None:
        engine = make_engine(settings.database_url)
        try:
            await upgrade(engine, edition)
        finally:
            await engine.dispose()

    asyncio.run(run())
    typer.echo("database is up to date")


def _console_commands() -> None:
    from service.console_cli import organiser_link
    from service.edition_cli import edition_app

    app.command("organiser-link")(organiser_link)
    app.add_typer(edition_app, name="edition")


_console_commands()


def main() -> None:
    # Everything this process writes (the SQLite database and its journal, exports, the pid file) holds
    # personal data or is ours alone: readable by this user only.
    os.umask(0o077)
    app()
