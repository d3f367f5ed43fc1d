"""`broadcast` (organisers only): audience → text → preview → send now or at a time; `broadcast status ID`.

The open broadcast lives in the dialog row (flow "broadcast"), so a restart or another instance carries
on. Confirming creates a campaign; the scheduler fans it out into the outbox when it is due.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from bot.context import Context
from bot.errors import DomainError
from bot.event import Event
from bot.i18n import translate
from bot.messages import Button, Card, InboundMessage, Reply
from bot.text import normalise_command
from handlers.outreach import audiences
from handlers.shared.dialog import is_cancel
from handlers.shared.timefmt import clock, day
from storage.outbox import FAILED, PENDING, SENDING, SENT, SKIPPED, UNREACHABLE
from storage.uow import UnitOfWork

WORDS = ("broadcast", "diffuser", "diffusion", "difundir", "difusion")
FLOW = "broadcast"
MAX_TEXT = 3000  # one Slack section; Teams cards allow more
_SEND_WORDS = {"send", "yes", "confirm", "envoyer", "oui", "enviar", "si", "confirmar"}
_STATUS_WORDS = {"status", "statut", "estado"}


async def require_organiser(ctx: Context, action: str, subject: str = "") -> None:
    """Organisers pass; anyone else gets a polite refusal. Both leave an audit row."""
    async with ctx.uow() as uow:
        outcome = "allowed" if ctx.is_organiser else "refused"
        uow.audit.record(ctx.now(), ctx.user.key, f"{action}.{outcome}", subject)
        await uow.commit()
    if not ctx.is_organiser:
        raise DomainError("error.not_organiser", contact=ctx.event.contact.email)


def render_broadcast(event: Event, text: str, lang: str) -> Reply:
    header = translate(lang, "broadcast.header", event=event.names["short"].get(lang))
    return Reply(f"{header}\n{text}", lang=lang)


async def create_broadcast(
    uow: UnitOfWork, audience: str, text: str, send_at: datetime, now: datetime, actor: str
) -> int:
    """The campaign row (and its audit row) in the caller's transaction; the caller commits."""
    campaign_id = await uow.outbox.create_campaign(
        f"broadcast:{uuid.uuid4().hex}", "broadcast", audience, send_at, now, actor, text=text
    )
    assert campaign_id is not None  # a fresh uuid never clashes
    after = {"audience": audience, "send_at": send_at.isoformat(), "chars": len(text)}
    uow.audit.record(now, actor, "broadcast.create", f"campaign:{campaign_id}", after=after)
    return campaign_id


async def queue_from_command_line(
    uow: UnitOfWork, event_id: str, audience_name: str, text: str, send_at: datetime, now: datetime
) -> tuple[int, int]:
    """`roundtable-bot broadcast`: the campaign id and how many recipients the audience has now."""
    audience = audiences.resolve(audience_name)
    if audience is None:
        raise DomainError("broadcast.unknown_audience", name=audience_name[:60])
    text = text.strip()
    if not text:
        raise DomainError("broadcast.empty")
    if len(text) > MAX_TEXT:
        raise DomainError("broadcast.too_long", limit=MAX_TEXT, length=len(text))
    count = len(await audiences.recipients(uow, audience, event_id))
    return await create_broadcast(uow, audience, text, send_at, now, "cli"), count


async def status_counts(uow: UnitOfWork, campaign_id: int) -> dict[str, int]:
    counts = await uow.outbox.counts(campaign_id)
    return {
        "sent": counts.get(SENT, 0),
        "pending": counts.get(PENDING, 0) + counts.get(SENDING, 0),
        "failed": counts.get(FAILED, 0),
        "unreachable": counts.get(UNREACHABLE, 0),
        "skipped": counts.get(SKIPPED, 0),
    }


async def handle(msg: InboundMessage, ctx: Context) -> Reply:
    """`broadcast`, `broadcast registered: text`, `broadcast status [ID]`, `broadcast cancel ID`."""
    words = normalise_command(msg.text).split(maxsplit=1)
    rest_normalised = words[1] if len(words) > 1 else ""
    await require_organiser(ctx, "broadcast", rest_normalised[:80])
    first = rest_normalised.split(maxsplit=1)[0] if rest_normalised else ""
    if first in _STATUS_WORDS:
        return await _status(ctx, rest_normalised[len(first) :].strip())
    if first == "cancel":
        return await _cancel(ctx, rest_normalised[len(first) :].strip())
    original = msg.text.strip().split(maxsplit=1)
    return await _start(ctx, original[1] if len(original) > 1 else "")


async def _start(ctx: Context, rest: str) -> Reply:
    name, text = _split_audience(rest)
    audience = audiences.resolve(name) if name else None
    if audience is None:
        if name:
            return await _choose_audience(ctx, ctx.t("broadcast.unknown_audience", name=name[:60]))
        return await _choose_audience(ctx, "")
    data: dict[str, Any] = {"audience": audience}
    if text.strip():
        return await _preview(ctx, data, text.strip())
    return await _ask_text(ctx, data)


def _split_audience(rest: str) -> tuple[str, str]:
    """`registered: Hello all` (any audience name, spaces allowed) or `registered Hello all`."""
    if ":" in rest:
        name, _, text = rest.partition(":")
        return name.strip(), text
    name, _, text = rest.strip().partition(" ")
    return name, text


async def _choose_audience(ctx: Context, note: str) -> Reply:
    await _save(ctx, "audience", {})
    buttons = tuple(Button(_audience_label(ctx, a), "broadcast.audience", a) for a in audiences.AUDIENCES)
    card = Card(ctx.t("broadcast.choose_title"), sections=(ctx.t("broadcast.choose_help"),), buttons=buttons)
    return Reply(note, card=card, lang=ctx.lang)


def _audience_label(ctx: Context, audience: str) -> str:
    return ctx.t(f"broadcast.audience.{audience}")


async def _ask_text(ctx: Context, data: dict[str, Any]) -> Reply:
    await _save(ctx, "text", data)
    return Reply(ctx.t("broadcast.ask_text", audience=_audience_label(ctx, data["audience"])), lang=ctx.lang)


async def _preview(ctx: Context, data: dict[str, Any], text: str) -> Reply:
    if len(text) > MAX_TEXT:
        await _save(ctx, "text", data)
        return Reply(ctx.t("broadcast.too_long", limit=MAX_TEXT, length=len(text)), lang=ctx.lang)
    async with ctx.uow() as uow:
        count = len(await audiences.recipients(uow, data["audience"], ctx.event.id))
    data = {**data, "text": text}
    await _save(ctx, "confirm", data)
    when = _when(ctx, data.get("send_at"))
    buttons = (
        Button(ctx.t("broadcast.button.send"), "broadcast.send", style="primary"),
        Button(ctx.t("broadcast.button.schedule"), "broadcast.schedule"),
        Button(ctx.t("broadcast.button.cancel"), "broadcast.cancel", style="danger"),
    )
    card = Card(
        ctx.t("broadcast.preview_title"),
        sections=(render_broadcast(ctx.event, text, ctx.lang).text,),
        fields=(
            (ctx.t("broadcast.field.audience"), _audience_label(ctx, data["audience"])),
            (ctx.t("broadcast.field.recipients"), str(count)),
            (ctx.t("broadcast.field.when"), when),
        ),
        buttons=buttons,
    )
    return Reply(ctx.t("broadcast.preview_intro"), card=card, lang=ctx.lang)


def _when(ctx: Context, send_at: str | None) -> str:
    if not send_at:
        return ctx.t("broadcast.now")
    moment = datetime.fromisoformat(send_at).astimezone(ctx.user_tz)
    return f"{clock(moment, ctx.lang)} {moment.tzname()}, {day(moment, ctx.lang)}"


async def _save(ctx: Context, step: str, data: dict[str, Any]) -> None:
    async with ctx.uow() as uow:
        await uow.dialogs.start(ctx.user.key, FLOW, step, data, ctx.now())
        await uow.commit()


async def _end(ctx: Context) -> None:
    async with ctx.uow() as uow:
        await uow.dialogs.end(ctx.user.key)
        await uow.commit()


async def _status(ctx: Context, arg: str) -> Reply:
    async with ctx.uow() as uow:
        if not arg:
            recent = await uow.outbox.recent_campaigns("broadcast")
            lines = [await _status_line(ctx, uow, c.id) for c in recent]
            return Reply("\n".join(lines) or ctx.t("broadcast.none_yet"), lang=ctx.lang)
        campaign = await uow.outbox.campaign(int(arg)) if arg.lstrip("#").isdigit() else None
        if campaign is None or campaign.kind != "broadcast":
            return Reply(ctx.t("broadcast.not_found", id=arg[:20]), lang=ctx.lang)
        return Reply(await _status_line(ctx, uow, campaign.id), lang=ctx.lang)


async def _status_line(ctx: Context, uow: UnitOfWork, campaign_id: int) -> str:
    campaign = await uow.outbox.campaign(campaign_id)
    assert campaign is not None
    counts = await status_counts(uow, campaign_id)
    state = ctx.t(f"broadcast.state.{campaign.status}", when=_when(ctx, campaign.send_at.isoformat()))
    audience = _audience_label(ctx, campaign.audience) if campaign.audience in audiences.AUDIENCES else ""
    return ctx.t("broadcast.status", id=campaign_id, audience=audience, state=state, **counts)


async def _cancel(ctx: Context, arg: str) -> Reply:
    if not arg.lstrip("#").isdigit():
        return Reply(ctx.t("broadcast.cancel_usage"), lang=ctx.lang)
    async with ctx.uow() as uow:
        cancelled = await uow.outbox.cancel(int(arg.lstrip("#")))
        if cancelled:
            uow.audit.record(ctx.now(), ctx.user.key, "broadcast.cancel", f"campaign:{arg}")
        await uow.commit()
    return Reply(
        ctx.t("broadcast.cancelled" if cancelled else "broadcast.cannot_cancel", id=arg), lang=ctx.lang
    )


async def continue_flow(msg: InboundMessage, ctx: Context) -> Reply:
    """The next message (or button) of an open broadcast."""
    await require_organiser(ctx, "broadcast")
    async with ctx.uow() as uow:
        state = await uow.dialogs.get(ctx.user.key)
        step, data = (state.step, dict(state.data)) if state else ("audience", {})
    action = msg.action.id if msg.action else ""
    if not action and normalise_command(msg.text).split(" ", 1)[0] in WORDS:
        return await handle(msg, ctx)  # `broadcast …` again starts over
    if action == "broadcast.cancel" or (not action and is_cancel(msg.text)):
        await _end(ctx)
        return Reply(ctx.t("broadcast.discarded"), lang=ctx.lang)
    if action == "broadcast.audience" and msg.action is not None:
        audience = audiences.resolve(msg.action.value)
        return await (_ask_text(ctx, {"audience": audience}) if audience else _choose_audience(ctx, ""))
    if step == "audience":
        return await _start(ctx, msg.text.strip())
    if step == "text":
        return await _preview(ctx, data, msg.text.strip()) if msg.text.strip() else await _ask_text(ctx, data)
    if action == "broadcast.schedule" or (step == "time" and not action):
        return await _schedule(ctx, data, msg.text.strip() if step == "time" else "")
    if action == "broadcast.send" or normalise_command(msg.text) in _SEND_WORDS:
        return await _confirm(ctx, data)
    return await _preview(ctx, data, data.get("text", ""))


async def _schedule(ctx: Context, data: dict[str, Any], text: str) -> Reply:
    moment = _parse_time(text, ctx) if text else None
    if moment is None:
        await _save(ctx, "time", data)
        note = "broadcast.time_invalid" if text else "broadcast.ask_time"
        return Reply(ctx.t(note, zone=str(ctx.user_tz)), lang=ctx.lang)
    return await _preview(ctx, {**data, "send_at": moment.isoformat()}, data.get("text", ""))


def _parse_time(text: str, ctx: Context) -> datetime | None:
    """`2024-05-09 17:00` or `17:00` (today) in the organiser's time zone; only future times."""
    try:
        if len(text) <= 5:
            today = ctx.now().astimezone(ctx.user_tz).date().isoformat()
            text = f"{today} {text.zfill(5)}"
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    moment = moment.replace(tzinfo=ctx.user_tz) if moment.tzinfo is None else moment
    return moment if moment > ctx.now() else None


async def _confirm(ctx: Context, data: dict[str, Any]) -> Reply:
    if not data.get("text") or not data.get("audience"):
        return await _choose_audience(ctx, "")
    send_at = datetime.fromisoformat(data["send_at"]) if data.get("send_at") else ctx.now()
    async with ctx.uow() as uow:
        campaign_id = await create_broadcast(
            uow, data["audience"], data["text"], send_at, ctx.now(), ctx.user.key
        )
        await uow.dialogs.end(ctx.user.key)
        await uow.commit()
    return Reply(
        ctx.t("broadcast.queued", id=campaign_id, when=_when(ctx, data.get("send_at"))), lang=ctx.lang
    )
