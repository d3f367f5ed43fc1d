"""Meet requests: `meet Beta Institute` (or the Meet button under `match`), `requests`, `accept 3`,
`decline 3` (or the buttons meet.accept / meet.decline on the notice the other side receives)."""

from __future__ import annotations

from rapidfuzz import fuzz, process, utils
from sqlalchemy.exc import IntegrityError

from bot.context import Context
from bot.i18n import translate
from bot.messages import Button, Card, InboundMessage, Notice, Reply, UserRef
from handlers.faq import answer as faq
from handlers.matchmaking.interests import participants
from handlers.matchmaking.people import counterpart, meeting_lines
from handlers.matchmaking.wishes import preference_buttons  # issue 14: must meet / like / no thanks
from handlers.shared import notices
from handlers.shared.userinput import command_tokens, number, words_after
from storage.matchmaking import ACCEPTED, DECLINED, PENDING
from storage.models import MeetRequest
from storage.uow import UnitOfWork

MEET_WORDS = ("meet", "rencontrer", "reunirme con", "conocer a", "встретиться с", "قابل", "لقاء مع", "会见")
REQUESTS_WORDS = (
    *("requests", "my requests", "demandes", "mes demandes", "solicitudes", "mis solicitudes"),
    *("запросы", "мои запросы", "الطلبات", "طلباتي", "请求", "我的请求"),
)
ACCEPT_WORDS = ("accept", "accepter", "aceptar", "принять", "قبول", "اقبل", "接受")
DECLINE_WORDS = ("decline", "refuser", "rechazar", "отклонить", "رفض", "ارفض", "拒绝")
NAME_CUTOFF = 80.0


async def handle_meet(msg: InboundMessage, ctx: Context) -> Reply:
    if msg.action is not None:
        return await request_meeting(ctx, msg.action.value)
    tokens = command_tokens(msg.text)
    used = next(
        (p for p in sorted(MEET_WORDS, key=len, reverse=True) if " ".join(tokens).startswith(p)), "meet"
    )
    wanted = words_after(msg.text, len(used.split())).strip()
    if wanted.endswith("?"):
        return await faq.handle(msg, ctx)  # "meet the Chair?" is a question, not a request
    if not wanted:
        return Reply(ctx.t("meet.usage"), lang=ctx.lang)
    key = await find_participant(ctx, wanted)
    if key is None:
        return Reply(ctx.t("meet.unknown", name=wanted[:100]), lang=ctx.lang)
    return await request_meeting(ctx, key)


async def handle_decision(msg: InboundMessage, ctx: Context) -> Reply:
    """`accept 3`, `decline 3`, or the buttons meet.accept / meet.decline with the request id."""
    if msg.action is not None:
        accepted, value = msg.action.id == "meet.accept", msg.action.value
    else:
        tokens = command_tokens(msg.text)
        accepted, value = tokens[0] in ACCEPT_WORDS, (tokens[1] if len(tokens) > 1 else "")
    request_id = number(value)
    if request_id is None:
        return Reply(ctx.t("meet.which"), lang=ctx.lang)
    return await decide(ctx, request_id, ACCEPTED if accepted else DECLINED)


async def handle_requests(msg: InboundMessage, ctx: Context) -> Reply:
    async with ctx.uow() as uow:
        requests = await uow.matchmaking.requests_of(ctx.event.id, ctx.user.key)
        names = await uow.matchmaking.names(
            sorted({r.from_key for r in requests} | {r.to_key for r in requests})
        )
        rows = [(r.id, r.from_key, r.to_key, r.status) for r in requests]
    if not rows:
        return Reply(ctx.t("meet.none"), lang=ctx.lang)
    lines: list[str] = []
    buttons: list[Button] = []
    for request_id, from_key, to_key, status in rows:
        incoming = to_key == ctx.user.key
        other = names[from_key if incoming else to_key]
        status_text = ctx.t(f"meet.status.{status}")
        direction = "meet.line.incoming" if incoming else "meet.line.outgoing"
        lines.append(ctx.t(direction, id=request_id, name=other, status=status_text))
        if incoming and status == PENDING:
            buttons.extend(_decision_buttons(ctx.lang, request_id, other))
            buttons.extend(preference_buttons(ctx.lang, from_key, other))  # issue 14
    card = Card(title=ctx.t("meet.card.title"), sections=tuple(lines), buttons=tuple(buttons))
    return Reply(ctx.t("meet.requests.intro"), card=card, lang=ctx.lang)


async def find_participant(ctx: Context, wanted: str) -> str | None:
    """The participant whose shown name is closest to what was typed (rapidfuzz WRatio), if close."""
    names = {p.key: p.name for p in await participants(ctx) if p.key != ctx.user.key}
    found = process.extractOne(
        wanted, names, scorer=fuzz.WRatio, processor=utils.default_process, score_cutoff=NAME_CUTOFF
    )
    return str(found[2]) if found else None


async def request_meeting(ctx: Context, to_key: str) -> Reply:
    if to_key == ctx.user.key:
        return Reply(ctx.t("meet.self"), lang=ctx.lang)
    async with ctx.uow() as uow:
        recipient = await uow.members.get_by_key(to_key)
        if recipient is None:
            return Reply(ctx.t("meet.unknown", name=to_key.partition(":")[2][:100]), lang=ctx.lang)
        names = await uow.matchmaking.names([ctx.user.key, to_key])
        reverse = await uow.matchmaking.pending_between(ctx.event.id, to_key, ctx.user.key)
        if reverse is not None:
            return Reply(ctx.t("meet.they_asked", name=names[to_key], id=reverse.id), lang=ctx.lang)
        try:
            request = await uow.matchmaking.add_request(ctx.event.id, ctx.user.key, to_key, ctx.now())
        except IntegrityError:
            return Reply(ctx.t("meet.already", name=names[to_key]), lang=ctx.lang)
        uow.audit.record(
            ctx.now(), ctx.user.key, "meet.request", to_key, after={"id": request.id, "status": PENDING}
        )
        request_id, lang = request.id, await _language_of(uow, to_key, recipient.language)
        await uow.commit()
    text = translate(lang, "meet.notice.request", name=names[ctx.user.key], id=request_id)
    card = Card(
        title=translate(lang, "meet.card.title"),
        buttons=_decision_buttons(lang, request_id, names[ctx.user.key])
        + preference_buttons(lang, ctx.user.key, names[ctx.user.key]),  # issue 14
    )
    await _notify(
        ctx,
        UserRef(recipient.platform, recipient.user_id, recipient.display_name),
        Reply(text, card=card, lang=lang),
    )
    return Reply(ctx.t("meet.sent", name=names[to_key], id=request_id), lang=ctx.lang)


async def decide(ctx: Context, request_id: int, status: str) -> Reply:
    """Accepting tells both sides who the other is, their shared contact, and when and where to meet."""
    async with ctx.uow() as uow:
        request = await uow.matchmaking.request(request_id)
        if request is None or request.event_id != ctx.event.id or request.to_key != ctx.user.key:
            return Reply(ctx.t("meet.not_yours", id=request_id), lang=ctx.lang)
        names = await uow.matchmaking.names([request.from_key, request.to_key])
        if request.status != PENDING:
            status_text = ctx.t(f"meet.status.{request.status}")
            return Reply(ctx.t("meet.already_decided", id=request_id, status=status_text), lang=ctx.lang)
        requester = await uow.members.get_by_key(request.from_key)
        _decide(uow, ctx, request, status)
        lang = await _language_of(uow, request.from_key, requester.language if requester else None)
        me, them = await counterpart(uow, request.to_key), await counterpart(uow, request.from_key)
        await uow.commit()
    accepted = status == ACCEPTED
    if requester is not None:
        text = translate(lang, f"meet.notice.{status}", name=names[request.to_key], id=request_id)
        if accepted:
            text += "\n" + meeting_lines(ctx.event, lang, me)
        await _notify(
            ctx,
            UserRef(requester.platform, requester.user_id, requester.display_name),
            Reply(text, lang=lang),
        )
    done = ctx.t(f"meet.done.{status}", name=names[request.from_key], id=request_id)
    if accepted:
        done += "\n" + meeting_lines(ctx.event, ctx.lang, them)
    return Reply(done, lang=ctx.lang)


def _decide(uow: UnitOfWork, ctx: Context, request: MeetRequest, status: str) -> None:
    request.status, request.decided_at = status, ctx.now()
    uow.audit.record(
        ctx.now(),
        ctx.user.key,
        f"meet.{status}",
        request.from_key,
        before={"status": PENDING},
        after={"status": status, "id": request.id},
    )


async def _language_of(uow: UnitOfWork, user_key: str, stored: str | None) -> str:
    """The language to write to someone who is not in this conversation: theirs if they chose one,
    else the one they last spoke to the matchmaking features in."""
    if stored:
        return stored
    profile = await uow.matchmaking.profile(user_key)
    return profile.lang if profile else "en"


def _decision_buttons(lang: str, request_id: int, name: str) -> tuple[Button, ...]:
    return (
        Button(
            translate(lang, "meet.button.accept", name=name), "meet.accept", str(request_id), style="primary"
        ),
        Button(
            translate(lang, "meet.button.decline", name=name), "meet.decline", str(request_id), style="danger"
        ),
    )


async def _notify(ctx: Context, recipient: UserRef, reply: Reply) -> None:
    """After the commit; a notice the platform cannot take now waits in the outbox."""
    await notices.deliver(ctx, Notice(recipient=recipient, reply=reply, reason="meet"))
