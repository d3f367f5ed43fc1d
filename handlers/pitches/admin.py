"""Organisers' pitch words: `pitch open`, `pitch close`, `pitch move 3 7`, `pitch remove 3`, `run of show`.

Every use is audited, including a refusal to someone who is not an organiser.
"""

from __future__ import annotations

from bot.context import Context
from bot.messages import InboundMessage, Reply
from handlers.pitches import booking
from handlers.shared import timefmt
from handlers.shared.roles import require_organiser
from handlers.shared.userinput import number

RUN_OF_SHOW_WORDS = ("run of show", "conducteur", "deroule des pitchs", "escaleta", "orden de presentaciones")

SUBCOMMANDS = {
    **dict.fromkeys(("open", "ouvrir", "abrir"), "open"),
    **dict.fromkeys(("close", "fermer", "cerrar"), "close"),
    **dict.fromkeys(("move", "deplacer", "mover"), "move"),
    **dict.fromkeys(("remove", "retirer", "supprimer", "quitar", "eliminar"), "remove"),
    **dict.fromkeys(("show", "run"), "show"),
}


async def handle(name: str, args: list[str], ctx: Context) -> Reply:
    await require_organiser(ctx, f"pitch.{name}", " ".join(args))
    numbers = [n for n in map(number, args) if n is not None]
    if name in ("open", "close"):
        return await set_signup(ctx, name)
    if name == "move" and len(numbers) == 2:
        return await move(ctx, numbers[0], numbers[1])
    if name == "remove" and len(numbers) == 1:
        return await remove(ctx, numbers[0])
    if name == "show":
        return await run_of_show(ctx)
    return Reply(ctx.t("pitch.admin.usage"), lang=ctx.lang)


async def handle_run_of_show(msg: InboundMessage, ctx: Context) -> Reply:
    return await handle("show", [], ctx)


async def set_signup(ctx: Context, state: str) -> Reply:
    target = "open" if state == "open" else "closed"
    async with ctx.uow() as uow:
        await booking.ensure_event(uow, ctx)
        signup = await uow.pitches.signup(ctx.event.id)
        assert signup is not None  # ensure_event created it
        before = signup.state
        signup.state, signup.updated_at = target, ctx.now()
        uow.audit.record(
            ctx.now(),
            ctx.user.key,
            f"pitch.{state}",
            ctx.event.id,
            before={"state": before},
            after={"state": target},
        )
        await uow.commit()
    return Reply(ctx.t(f"pitch.admin.{target}"), lang=ctx.lang)


async def move(ctx: Context, source: int, target: int) -> Reply:
    outcome, moved = await booking.move(ctx, source, target)
    if outcome == "moved" and moved is not None:
        return Reply(
            ctx.t("pitch.admin.moved", provider=moved.provider, source=source, target=target), lang=ctx.lang
        )
    await _audit_noop(ctx, "pitch.move", f"{source} -> {target}", outcome)
    return Reply(ctx.t(f"pitch.admin.{outcome}", source=source, target=target), lang=ctx.lang)


async def remove(ctx: Context, number: int) -> Reply:
    outcome, removed = await booking.remove(ctx, number)
    if outcome == "removed" and removed is not None:
        return Reply(ctx.t("pitch.admin.removed", provider=removed.provider, number=number), lang=ctx.lang)
    await _audit_noop(ctx, "pitch.remove", str(number), outcome)
    return Reply(ctx.t(f"pitch.admin.{outcome}", source=number, target=number), lang=ctx.lang)


async def _audit_noop(ctx: Context, action: str, subject: str, outcome: str) -> None:
    """An organiser command that changed nothing is still on the record, with why."""
    async with ctx.uow() as uow:
        uow.audit.record(ctx.now(), ctx.user.key, action, subject, note=f"no change: {outcome}")
        await uow.commit()


async def run_of_show(ctx: Context) -> Reply:
    """Slots in order with times, who presents and what; then the waitlist and the sign-up state."""
    async with ctx.uow() as uow:
        state = await booking.ensure_event(uow, ctx)
        lines = await uow.pitches.run_of_show(ctx.event.id)
        waiting = [await booking.booking_view(uow, b) for b in await uow.pitches.waitlist(ctx.event.id)]
        uow.audit.record(ctx.now(), ctx.user.key, "pitch.run_of_show", ctx.event.id)
        await uow.commit()
    zone, out = ctx.event.zone, [ctx.t("pitch.show.heading")]
    for line in lines:
        start = timefmt.clock(line.slot.starts_at.astimezone(zone), ctx.lang)
        end = timefmt.clock(line.slot.ends_at.astimezone(zone), ctx.lang)
        if line.booking is None or line.provider is None:
            out.append(ctx.t("pitch.show.free", number=line.slot.number, start=start, end=end))
            continue
        title = line.booking.title or ctx.t("pitch.field.missing")
        slides = line.booking.slides_url or ctx.t("pitch.field.missing")
        out.append(
            ctx.t(
                "pitch.show.line",
                number=line.slot.number,
                start=start,
                end=end,
                provider=line.provider.name,
                title=title,
                slides=slides,
            )
        )
    out.append(ctx.t("pitch.show.waitlist", count=len(waiting)))
    out.extend(f"  {w.position}. {w.provider}" + (f" — {w.title}" if w.title else "") for w in waiting)
    is_open = booking.signup_is_open(state, ctx)
    out.append(ctx.t("pitch.show.signup_open" if is_open else "pitch.show.signup_closed", state=state))
    return Reply("\n".join(out), lang=ctx.lang)
