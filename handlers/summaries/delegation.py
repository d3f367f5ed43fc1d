"""`our summary`: a delegation's own record across the editions of the series, for its members only —
registration, needs with their history (stated, kept, updated, dropped), offers, accepted meet requests,
meetings held and where they led. Current edition first, then the earlier ones."""

from __future__ import annotations

from dataclasses import dataclass, replace

from bot.context import Context
from bot.messages import Card, InboundMessage, Reply
from bot.text import normalise_command
from handlers.matchmaking.state import capability_name
from handlers.registration.records import shown_name
from handlers.shared.timefmt import long_date
from handlers.summaries.history import Histories, History, MeetingFate, Step, meeting_fates
from storage.matchmaking import ACCEPTED, DECLINED, NEED, OFFER, PENDING
from storage.models import Interest, MeetRequest, Registration
from storage.registration import WITHDRAWN
from storage.uow import UnitOfWork

# Each phrase says which language it was typed in: the summary answers in it.
WORDS_BY_LANG = {
    "en": ("our summary", "delegation summary", "our delegation summary"),
    "fr": ("notre bilan", "notre resume", "bilan de la delegation", "resume de la delegation"),
    "es": ("nuestro resumen", "resumen de la delegacion", "nuestro balance"),
    "ru": ("наша сводка", "сводка делегации", "наши итоги"),
    "ar": ("ملخصنا", "ملخص الوفد"),
    "zh": ("我们的总结", "代表团总结", "我们的摘要"),
}
_WORD_LANGUAGE = {normalise_command(w): lang for lang, words in WORDS_BY_LANG.items() for w in words}
WORDS = tuple(_WORD_LANGUAGE)


@dataclass(frozen=True, slots=True)
class EditionFacts:
    """One edition of the delegation's record, as read from the database."""

    edition: str
    registration: Registration | None
    interests: list[Interest]
    requests: list[MeetRequest]
    fates: dict[tuple[str, str, str], MeetingFate]


async def handle(msg: InboundMessage, ctx: Context) -> Reply:
    said = normalise_command(msg.text)
    lang = _WORD_LANGUAGE.get(said, "en")
    if not ctx.lang_forced and lang != "en":
        ctx = replace(ctx, lang=lang)
    async with ctx.uow() as uow:
        member = await uow.members.get(ctx.user.platform, ctx.user.user_id)
        delegation_id = member.delegation_id if member else None
        delegation = await uow.registrations.delegation(delegation_id) if delegation_id else None
        if delegation is None:
            return Reply(ctx.t("summaries.not_member"), lang=ctx.lang)
        members = [m.key for m in await uow.registrations.members_of([delegation.id])]
        editions = await uow.summaries.editions(ctx.event.id)
        facts, histories, names = await _read(uow, delegation.id, members, editions)
        # Worded before the unit of work ends: its rows expire with it.
        sections = [
            line
            for facts_of_one in facts
            for line in _edition_sections(ctx, facts_of_one, histories, members, names)
        ]
        title = ctx.t("summaries.title", delegation=shown_name(delegation, ctx.lang))
    card = Card(title=title, sections=tuple(sections))
    return Reply(ctx.t("summaries.hint"), card=card, lang=ctx.lang)


async def _read(
    uow: UnitOfWork, delegation_id: int, members: list[str], editions: list[str]
) -> tuple[list[EditionFacts], Histories, dict[str, str]]:
    interests = await uow.summaries.interests(editions, members)
    carry_overs = await uow.summaries.carry_overs(editions, members)
    requests = await uow.summaries.requests(editions, members)
    fates = meeting_fates(await uow.summaries.outcomes(editions, members))
    counterparts = {k for r in requests for k in (r.from_key, r.to_key)} | {k for p in fates for k in p[1:]}
    names = await uow.matchmaking.names(sorted(counterparts - set(members)))
    facts = [
        EditionFacts(
            edition,
            await uow.registrations.of_edition(delegation_id, edition),
            [i for i in interests if i.event_id == edition],
            [r for r in requests if r.event_id == edition],
            {pair: fate for pair, fate in fates.items() if pair[0] == edition},
        )
        for edition in editions
    ]
    return facts, Histories(interests, carry_overs), names


# --- wording


def _edition_label(ctx: Context, edition: str) -> str:
    return ctx.event.edition_name(edition, ctx.lang)


def _edition_sections(
    ctx: Context, facts: EditionFacts, histories: Histories, members: list[str], names: dict[str, str]
) -> list[str]:
    key = "summaries.edition.current" if facts.edition == ctx.event.id else "summaries.edition.earlier"
    heading = ctx.t(key, edition=_edition_label(ctx, facts.edition))
    needs = [
        _need_line(ctx, i, histories.of(i), histories.visibility[i.id])
        for i in facts.interests
        if i.kind == NEED
    ]
    offers = [_offer_line(ctx, i, histories.of(i)) for i in facts.interests if i.kind == OFFER]
    return [
        f"{heading}\n{_registration_line(ctx, facts.registration)}",
        _block(ctx, "summaries.needs", needs),
        _block(ctx, "summaries.offers", offers),
        _requests_line(ctx, facts.requests, members, names),
        _block(ctx, "summaries.meetings", _meeting_lines(ctx, facts.fates, members, names)),
    ]


def _block(ctx: Context, heading: str, lines: list[str]) -> str:
    return "\n".join([ctx.t(heading), *(lines or [ctx.t("summaries.none")])])


def _registration_line(ctx: Context, record: Registration | None) -> str:
    if record is None:
        return ctx.t("summaries.registration.none")
    if record.status == WITHDRAWN and record.withdrawn_at:
        return ctx.t(
            "summaries.registration.withdrawn", date=long_date(ctx.event.local(record.withdrawn_at), ctx.lang)
        )
    return ctx.t(
        "summaries.registration.confirmed", date=long_date(ctx.event.local(record.confirmed_at), ctx.lang)
    )


def _need_line(ctx: Context, need: Interest, history: History, visibility: str) -> str:
    """The need as stated at its edition, who may read it now, and its history."""
    line = ctx.t(
        "summaries.need",
        capability=capability_name(ctx, need.capability),
        text=need.text,
        visibility=ctx.t(f"summaries.visibility.{visibility}"),
    )
    return "\n".join([line, *_history_lines(ctx, history)])


def _offer_line(ctx: Context, offer: Interest, history: History) -> str:
    line = ctx.t("summaries.offer", capability=capability_name(ctx, offer.capability), text=offer.text)
    return "\n".join([line, *_history_lines(ctx, history)])


def _history_lines(ctx: Context, history: History) -> list[str]:
    steps = [*history.arrived, *([history.next_step] if history.next_step else [])]
    if not steps:
        return []
    stated = ctx.t("summaries.history.stated", edition=_edition_label(ctx, history.stated_at))
    return ["   " + " · ".join([stated, *(_step_text(ctx, step) for step in steps)])]


def _step_text(ctx: Context, step: Step) -> str:
    return ctx.t(
        f"summaries.history.{step.decision}",
        edition=_edition_label(ctx, step.edition),
        old=step.old_text,
        new=step.new_text,
    )


def _requests_line(
    ctx: Context, requests: list[MeetRequest], members: list[str], names: dict[str, str]
) -> str:
    counts = {status: sum(r.status == status for r in requests) for status in (ACCEPTED, PENDING, DECLINED)}
    line = ctx.t("summaries.requests", **counts)
    accepted = sorted(
        {
            names.get(k, k)
            for r in requests
            if r.status == ACCEPTED
            for k in (r.from_key, r.to_key)
            if k not in members
        }
    )
    return line + ("\n" + ctx.t("summaries.matched", names=", ".join(accepted)) if accepted else "")


def _meeting_lines(
    ctx: Context, fates: dict[tuple[str, str, str], MeetingFate], members: list[str], names: dict[str, str]
) -> list[str]:
    lines = []
    for (_, requester, provider), fate in sorted(fates.items()):
        if not fate.held:
            continue
        other = provider if requester in members else requester
        follow_up = ctx.t(f"summaries.follow.{fate.follow_up or 'unknown'}")
        if fate.at is not None:
            follow_up = ctx.t(
                "summaries.follow.dated", state=follow_up, date=long_date(ctx.event.local(fate.at), ctx.lang)
            )
        lines.append(ctx.t("summaries.meeting", name=names.get(other, other), follow_up=follow_up))
    return lines
