"""`visibility`: who may read each of a participant's needs (issue 15) — organisers only, providers (the
default) or everyone. `visibility` alone lists them; `visibility Technology organisers`, `visibility 2
everyone` or `visibility all providers` changes them. Offers are always public. Every change is audited."""

from __future__ import annotations

from bot.context import Context
from bot.messages import Card, InboundMessage, Reply
from bot.text import normalise_command
from handlers.matchmaking.parse import find_capability
from handlers.matchmaking.state import capability_name
from handlers.shared.userinput import number, rest_after
from storage.matchmaking import NEED
from storage.models import Interest
from storage.models.matchmaking import EVERYONE, ORGANISERS, PROVIDERS

WORDS = (
    *("visibility", "confidentiality", "who can see our needs", "who can see my needs"),
    *("visibilite", "confidentialite", "visibilidad", "confidencialidad"),
    *("видимость", "конфиденциальность", "الخصوصية", "السرية", "可见范围", "保密设置"),
)
LEVEL_WORDS = {
    ORGANISERS: (
        *("organisers", "organizers", "organisers only", "organizers only", "confidential", "private"),
        *("organisateurs", "confidentiel", "prive", "organizadores", "confidencial", "privado"),
        *("организаторы", "только организаторы", "конфиденциально", "المنظمون", "المنظمين", "سري"),
        *("组织者", "仅组织者", "保密"),
    ),
    PROVIDERS: (
        *("providers", "provider", "prestataires", "fournisseurs", "proveedores", "поставщики"),
        *("провайдеры", "مقدمو الخدمات", "مقدمي الخدمات", "提供方", "服务提供方"),
    ),
    EVERYONE: (
        *("everyone", "everybody", "public", "tout le monde", "tous", "publico", "todos"),
        *("все", "всем", "публично", "الجميع", "عام", "所有人", "公开"),
    ),
}
ALL_WORDS = frozenset(
    normalise_command(w)
    for w in ("all", "every", "tout", "toutes", "todas", "todo", "все потребности", "الكل", "全部")
)
_LEVELS = sorted(
    ((normalise_command(w), level) for level, words in LEVEL_WORDS.items() for w in words),
    key=lambda pair: -len(pair[0]),
)


async def handle(msg: InboundMessage, ctx: Context) -> Reply:
    rest = rest_after(msg.text, WORDS)
    level, target = _split_level(rest)
    async with ctx.uow() as uow:
        needs = [i for i in await uow.matchmaking.interests_of(ctx.event.id, ctx.user.key) if i.kind == NEED]
        if not needs:
            return Reply(ctx.t("visibility.none"), lang=ctx.lang)
        if level is None:
            return _listing(ctx, needs, ctx.t("visibility.usage") if rest else "")
        chosen = _chosen(ctx, needs, target)
        if chosen is None:
            return _listing(ctx, needs, ctx.t("visibility.which"))
        changed = await uow.matchmaking.set_visibility(
            ctx.event.id, ctx.user.key, [i.capability for i in chosen], level, ctx.now()
        )
        for interest, before in changed:
            uow.audit.record(
                ctx.now(),
                ctx.user.key,
                "match.visibility",
                f"{ctx.event.id}:{interest.capability}",
                before={"visibility": before},
                after={"visibility": level},
            )
        await uow.commit()
    names = ", ".join(capability_name(ctx, i.capability) for i in chosen)
    return Reply(ctx.t("visibility.set", capabilities=names, level=level_text(ctx, level)), lang=ctx.lang)


def level_text(ctx: Context, level: str) -> str:
    return ctx.t(f"visibility.level.{level}")


def _split_level(rest: str) -> tuple[str | None, str]:
    """The level named at the end (or the start) of ``rest``, and the words that name the need(s)."""
    for word, level in _LEVELS:
        if rest == word:
            return level, ""
        if rest.endswith(" " + word):
            return level, rest[: -len(word)].strip(" :-")
        if rest.startswith(word + " "):
            return level, rest[len(word) :].strip(" :-")
    return None, rest


def _chosen(ctx: Context, needs: list[Interest], target: str) -> list[Interest] | None:
    """The needs ``target`` names: all, a listed number, a capability; the only one when none is named."""
    if not target:
        return needs if len(needs) == 1 else None
    if target in ALL_WORDS:
        return needs
    position = number(target)
    if position is not None:
        return [needs[position - 1]] if 1 <= position <= len(needs) else None
    capability = find_capability(target, ctx.event)
    found = [i for i in needs if i.capability == capability]
    return found or None


def _listing(ctx: Context, needs: list[Interest], lead: str) -> Reply:
    lines = tuple(
        ctx.t(
            "visibility.line",
            number=n,
            capability=capability_name(ctx, i.capability),
            text=i.text,
            level=level_text(ctx, i.visibility),
        )
        for n, i in enumerate(needs, 1)
    )
    card = Card(title=ctx.t("visibility.title"), sections=lines)
    text = "\n".join(part for part in (lead, ctx.t("visibility.help")) if part)
    return Reply(text, card=card, lang=ctx.lang)
