"""`broadcast` (organisers only): audience → text → preview → send now or at a time; `broadcast status ID`.

The open broadcast lives in the dialog row (flow "broadcast"), so a restart or another instance carries
on. Confirming creates a campaign; the scheduler fans it out into the outbox when it is due.
"""

from __future__ import annotations

import re
import uuid
from datetime import datetime

from bot.context import Context
from bot.errors import DomainError
from bot.event import Event
from bot.i18n import translate
from bot.messages import Button, Card, InboundMessage, Reply
from bot.text import normalise_command
from handlers.outreach import audiences
from handlers.shared import outbox_signal
from handlers.shared.answers import confirm_held, held_decision
from handlers.shared.dialog import Dialog, DialogData, is_cancel
from handlers.shared.kinds import CampaignKind
from handlers.shared.roles import require_organiser
from handlers.shared.timefmt import clock, day, zone_name
from storage.outbox import EXPANDED, FAILED, PENDING, SENDING, SENT, SKIPPED, UNREACHABLE
from storage.uow import UnitOfWork

WORDS = ("broadcast", "diffuser", "diffusion", "difundir", "difusion", "рассылка", "разослать", "بث", "群发")
FLOW = "broadcast"
MAX_TEXT = 3000  # one Slack section; Teams cards allow more
_SEND_WORDS = {
    *(
        "send",
        "yes",
        "confirm",
        "send it",
        "send now",
        "send it now",
        "yes send it",
        "yes, send it",
        "go ahead",
    ),
    *("envoyer", "oui", "envoie", "envoyez", "enviar", "si", "confirmar", "envialo", "enviar ahora"),
    *("отправить", "отправь", "отправляй", "да", "إرسال", "ارسل", "نعم", "发送", "确认", "是"),
}
_STATUS_WORDS = {"status", "statut", "estado"}
# How the bot names broadcast 12 in its languages ("#12", "n° 12", "n.º 12", "№ 12", "رقم 12", "第12号"),
# as typed back after normalise_command, so any number it shows is understood.
_CAMPAIGN_ID = re.compile(r"(?:#|n[.\s]*[o°º][.\s]*|№|رقم|第)?\s*(\d{1,12})\s*号?", re.IGNORECASE)
MAX_CAMPAIGN_ID = 2**31 - 1
EXCLUDE = "exclude"  # campaign param: the user key the audience leaves out (handlers/campaigns/registry.py)
_INCLUDE_ME_WORDS = {"include me", "me too", "m inclure", "inclure moi", "incluirme", "incluyeme"}
_LEAVE_ME_WORDS = {
    "leave me out",
    "not me",
    "sans moi",
    "exclude me",
    "sin mi",
    "excluirme",
}  # the id column is a 32-bit INTEGER on PostgreSQL: a larger number names nothing


class BroadcastState(DialogData):
    """Steps: audience → text → confirm (the preview); time when the organiser sends it later."""

    audience: str = ""
    text: str = ""
    send_at: datetime | None = None  # None: as soon as it is confirmed
    include_me: bool = False  # an organiser is left out of their own audience unless they choose


DIALOG = Dialog(FLOW, BroadcastState)


async def _organisers_only(ctx: Context, subject: str = "") -> None:
    """Every use of `broadcast` is on the record, allowed or refused."""
    await require_organiser(ctx, "broadcast.refused", subject, allowed="broadcast.allowed")


def parse_campaign_id(text: str) -> int | None:
    """The broadcast number in `12`, `#12` or any way the bot writes it in its languages; None otherwise."""
    found = _CAMPAIGN_ID.fullmatch(text.strip())
    number = int(found.group(1)) if found else 0
    return number if 0 < number <= MAX_CAMPAIGN_ID else None


def render_broadcast(event: Event, text: str, lang: str) -> Reply:
    header = translate(lang, "broadcast.header", event=event.names["short"].get(lang))
    return Reply(f"{header}\n{text}", lang=lang)


async def create_broadcast(
    uow: UnitOfWork,
    audience: str,
    text: str,
    send_at: datetime,
    now: datetime,
    actor: str,
    *,
    exclude: str | None = None,
) -> int:
    """The campaign row (and its audit row) in the caller's transaction; the caller commits.

    ``exclude``: a user key left out of the audience when it is computed (the organiser who wrote it)."""
    campaign_id = await uow.outbox.create_campaign(
        f"broadcast:{uuid.uuid4().hex}",
        CampaignKind.BROADCAST,
        audience,
        send_at,
        now,
        actor,
        text=text,
        params={EXCLUDE: exclude} if exclude else None,
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
    await _organisers_only(ctx, rest_normalised[:80])
    first = rest_normalised.split(maxsplit=1)[0] if rest_normalised else ""
    if first in _STATUS_WORDS:
        return await _status(ctx, rest_normalised[len(first) :].strip())
    if first == "cancel":
        return await _cancel(ctx, rest_normalised[len(first) :].strip())
    original = msg.text.strip().split(maxsplit=1)
    return await _start(ctx, original[1] if len(original) > 1 else "")


async def _start(ctx: Context, rest: str, kept: str = "") -> Reply:
    """``kept``: the message already given ("remind delegations that …"), while the audience is asked."""
    name, text = _split_audience(rest)
    text = text.strip() or kept
    audience = audiences.resolve(name) if name else None
    if audience is None:
        note = ctx.t("broadcast.unknown_audience", name=name[:60]) if name else ""
        return await _choose_audience(ctx, note, text)
    state = BroadcastState(audience=audience)
    if text:
        return await _preview(ctx, state, text)
    return await _ask_text(ctx, state)


def _split_audience(rest: str) -> tuple[str, str]:
    """`registered: Hello all` (any audience name, spaces allowed) or `registered Hello all`."""
    if ":" in rest:
        name, _, text = rest.partition(":")
        return name.strip(), text
    name, _, text = rest.strip().partition(" ")
    return name, text


async def _choose_audience(ctx: Context, note: str, text: str = "") -> Reply:
    await _save(ctx, "audience", BroadcastState(text=text))
    buttons = tuple(Button(_audience_label(ctx, a), "broadcast.audience", a) for a in audiences.AUDIENCES)
    card = Card(ctx.t("broadcast.choose_title"), sections=(ctx.t("broadcast.choose_help"),), buttons=buttons)
    return Reply(note, card=card, lang=ctx.lang)


def _audience_label(ctx: Context, audience: str) -> str:
    return ctx.t(f"broadcast.audience.{audience}")


async def _ask_text(ctx: Context, state: BroadcastState) -> Reply:
    await _save(ctx, "text", state)
    return Reply(ctx.t("broadcast.ask_text", audience=_audience_label(ctx, state.audience)), lang=ctx.lang)


async def _preview(ctx: Context, state: BroadcastState, text: str) -> Reply:
    if len(text) > MAX_TEXT:
        await _save(ctx, "text", state)
        return Reply(ctx.t("broadcast.too_long", limit=MAX_TEXT, length=len(text)), lang=ctx.lang)
    async with ctx.uow() as uow:
        found = await audiences.recipients(uow, state.audience, ctx.event.id)
    count = len([r for r in found if state.include_me or r.key != ctx.user.key])
    state = state.model_copy(update={"text": text})
    await _save(ctx, "confirm", state)
    when = _send_time(ctx, state)
    buttons = (
        Button(ctx.t("broadcast.button.send"), "broadcast.send", style="primary"),
        Button(ctx.t("broadcast.button.schedule"), "broadcast.schedule"),
        Button(ctx.t("broadcast.button.cancel"), "broadcast.cancel", style="danger"),
        _include_button(ctx, state),
    )
    card = Card(
        ctx.t("broadcast.preview_title"),
        sections=(render_broadcast(ctx.event, text, ctx.lang).text,),
        fields=(
            (ctx.t("broadcast.field.audience"), _audience_label(ctx, state.audience)),
            (ctx.t("broadcast.field.recipients"), str(count)),
            (ctx.t("broadcast.field.when"), when),
            (
                ctx.t("broadcast.field.me"),
                ctx.t("broadcast.me.yes" if state.include_me else "broadcast.me.no"),
            ),
        ),
        buttons=buttons,
    )
    return Reply(ctx.t("broadcast.preview_intro"), card=card, lang=ctx.lang)


def _include_button(ctx: Context, state: BroadcastState) -> Button:
    """Toggles whether the organiser gets their own broadcast (left out by default)."""
    if state.include_me:
        return Button(ctx.t("broadcast.button.leave_me_out"), "broadcast.include_me", "no")
    return Button(ctx.t("broadcast.button.include_me"), "broadcast.include_me", "yes")


def _when(ctx: Context, send_at: str | None) -> str:
    if not send_at:
        return ctx.t("broadcast.now")
    moment = datetime.fromisoformat(send_at).astimezone(ctx.user_tz)
    return f"{clock(moment, ctx.lang)} {zone_name(moment, ctx.lang)}, {day(moment, ctx.lang)}"


def _send_time(ctx: Context, state: BroadcastState) -> str:
    return _when(ctx, state.send_at.isoformat() if state.send_at else None)


async def _save(ctx: Context, step: str, state: BroadcastState) -> None:
    """The open broadcast at ``step``: kept in the language `broadcast` was first written in."""
    await DIALOG.update(ctx, step, state)


async def _status(ctx: Context, arg: str) -> Reply:
    async with ctx.uow() as uow:
        if not arg:
            recent = await uow.outbox.recent_campaigns(CampaignKind.BROADCAST)
            lines = [await _status_line(ctx, uow, c.id) for c in recent]
            return Reply("\n".join(lines) or ctx.t("broadcast.none_yet"), lang=ctx.lang)
        campaign_id = parse_campaign_id(arg)
        campaign = await uow.outbox.campaign(campaign_id) if campaign_id else None
        if campaign is None or campaign.kind != CampaignKind.BROADCAST:
            return Reply(ctx.t("broadcast.not_found", id=campaign_id or arg.lstrip("#")[:20]), lang=ctx.lang)
        return Reply(await _status_line(ctx, uow, campaign.id), lang=ctx.lang)


async def _status_line(ctx: Context, uow: UnitOfWork, campaign_id: int) -> str:
    campaign = await uow.outbox.campaign(campaign_id)
    assert campaign is not None
    counts = await status_counts(uow, campaign_id)
    shown = "done" if campaign.status == EXPANDED and counts["pending"] == 0 else campaign.status
    state = ctx.t(f"broadcast.state.{shown}", when=_when(ctx, campaign.send_at.isoformat()))
    audience = _audience_label(ctx, campaign.audience) if campaign.audience in audiences.AUDIENCES else ""
    return ctx.t("broadcast.status", id=campaign_id, audience=audience, state=state, **counts)


async def _cancel(ctx: Context, arg: str) -> Reply:
    campaign_id = parse_campaign_id(arg)
    if campaign_id is None:
        return Reply(ctx.t("broadcast.cancel_usage"), lang=ctx.lang)
    async with ctx.uow() as uow:
        cancelled = await uow.outbox.cancel(campaign_id)
        if cancelled:
            uow.audit.record(ctx.now(), ctx.user.key, "broadcast.cancel", f"campaign:{campaign_id}")
        await uow.commit()
    answer = "broadcast.cancelled" if cancelled else "broadcast.cannot_cancel"
    return Reply(ctx.t(answer, id=campaign_id), lang=ctx.lang)


async def continue_flow(msg: InboundMessage, ctx: Context) -> Reply:
    """The next message (or button) of an open broadcast."""
    await _organisers_only(ctx)
    opened = await DIALOG.read(ctx)
    step, state = (opened.step, opened.state) if opened else ("audience", BroadcastState())
    action = msg.action.id if msg.action else ""
    if not action and normalise_command(msg.text).split(" ", 1)[0] in WORDS:
        return await handle(msg, ctx)  # `broadcast …` again starts over
    if action == "broadcast.cancel" or (not action and is_cancel(msg.text)):
        await DIALOG.end(ctx)
        return Reply(ctx.t("broadcast.discarded"), lang=ctx.lang)
    typed = normalise_command(msg.text) if not action else ""
    if step in {"confirm", "time"} and (
        action == "broadcast.include_me" or typed in _INCLUDE_ME_WORDS | _LEAVE_ME_WORDS
    ):
        include = msg.action.value == "yes" if msg.action is not None else typed in _INCLUDE_ME_WORDS
        return await _preview(ctx, state.model_copy(update={"include_me": include}), state.text)
    if action == "broadcast.audience" and msg.action is not None:
        audience = audiences.resolve(msg.action.value)
        if audience is None:
            return await _choose_audience(ctx, "", state.text)
        chosen = BroadcastState(audience=audience)
        return await (_preview(ctx, chosen, state.text) if state.text else _ask_text(ctx, chosen))
    if step == "audience":
        return await _start(ctx, msg.text.strip(), state.text)
    if step == "text":
        return await _text_step(msg, ctx, opened.held if opened else None, state)
    if action == "broadcast.schedule" or (step == "time" and not action):
        return await _schedule(ctx, state, msg.text.strip() if step == "time" else "")
    if action == "broadcast.send" or normalise_command(msg.text) in _SEND_WORDS:
        return await _confirm(ctx, state)
    return await _preview(ctx, state, state.text)


async def _text_step(msg: InboundMessage, ctx: Context, held: str | None, state: BroadcastState) -> Reply:
    """The message to send. A question or complaint typed here is held until the organiser confirms it
    is the message (after the FAQ's answer when it was sure): "when does the reception end?" is more
    likely asked of the bot than of a hundred delegates."""
    text = msg.text.strip()
    if held is not None:
        decision = held_decision(msg, ctx)
        if decision is not None:
            return await (_preview(ctx, state, held) if decision else _ask_text(ctx, state))
    if not text:
        return await _ask_text(ctx, state)
    if ctx.aside is not None and text != held:
        await DIALOG.hold(ctx, "text", state, text)
        return confirm_held(ctx, text, ctx.t("broadcast.what_text"), "broadcast")
    return await _preview(ctx, state, text)


async def _schedule(ctx: Context, state: BroadcastState, text: str) -> Reply:
    moment = _parse_time(text, ctx) if text else None
    if moment is None:
        await _save(ctx, "time", state)
        note = "broadcast.time_invalid" if text else "broadcast.ask_time"
        return Reply(ctx.t(note, zone=str(ctx.user_tz)), lang=ctx.lang)
    return await _preview(ctx, state.model_copy(update={"send_at": moment}), state.text)


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


async def _confirm(ctx: Context, state: BroadcastState) -> Reply:
    if not state.text or not state.audience:
        return await _choose_audience(ctx, "")
    send_at = state.send_at or ctx.now()
    async with ctx.uow() as uow:
        actor = ctx.user.key
        exclude = None if state.include_me else actor
        campaign_id = await create_broadcast(
            uow, state.audience, state.text, send_at, ctx.now(), actor, exclude=exclude
        )
        await DIALOG.end(ctx, uow)
        await uow.commit()
    outbox_signal.queued()  # the scheduler starts at once rather than at its next poll
    return Reply(ctx.t("broadcast.queued", id=campaign_id, when=_send_time(ctx, state)), lang=ctx.lang)


async def reprompt(ctx: Context) -> Reply | None:
    """The open broadcast's current question again (the router asks it after a side question)."""
    opened = await DIALOG.read(ctx)
    if opened is None:
        return None
    step, state = opened.step, opened.state
    if step == "text":
        return await _ask_text(ctx, state)
    if step == "confirm" and state.text:
        return await _preview(ctx, state, state.text)
    if step == "time":
        return Reply(ctx.t("broadcast.ask_time", zone=str(ctx.user_tz)), lang=ctx.lang)
    return await _choose_audience(ctx, "")
