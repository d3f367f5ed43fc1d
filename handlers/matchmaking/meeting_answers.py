"""Answers about meetings that took place: "did it happen?" (met / didn't happen / rescheduled) and the
follow-up state (agreed → proposal → project → none), by button or typed in any of the six languages.

Typed, the answer goes to the meeting named after the words ("we met Bob"), else to the one that ended
last and is still unanswered. A typed follow-up with several meetings and no name asks which one.
Words that name no ended meeting of the writer are a question for the FAQ ("proposal deadline?").
"""

from __future__ import annotations

from rapidfuzz import fuzz, process, utils

from bot.context import Context
from bot.messages import Button, Card, InboundMessage, Reply
from bot.text import normalise_command
from handlers.faq import answer as faq
from handlers.shared.userinput import number
from storage.meetings import (
    AGREED,
    FOLLOW_UPS,
    HAPPENED,
    MET,
    MISSED,
    NONE,
    PROJECT,
    PROPOSAL,
    RESCHEDULED,
)
from storage.models import PlannedMeeting
from storage.uow import UnitOfWork

HAPPENED_ACTION, FOLLOW_ACTION = "meeting.happened", "meeting.follow"  # value: "MEETING_ID:ANSWER"
NAME_CUTOFF = 80.0

TYPED_HAPPENED = {
    MET: (
        "we met", "met", "nous nous sommes rencontres", "on s'est rencontres", "on s'est vus",
        "nos reunimos", "nos vimos", "التقينا", "تم اللقاء", "мы встретились", "встретились",
        "встреча состоялась", "见了", "见过了", "已见面", "我们见面了",
    ),
    MISSED: (
        "didn't happen", "didn’t happen", "didnt happen", "did not happen", "it didn't happen",
        "n'a pas eu lieu", "pas eu lieu", "no se celebro", "no tuvo lugar", "no nos reunimos",
        "لم يحدث", "لم يتم اللقاء", "не состоялась", "не встретились", "没见成", "没有见面", "未见面",
    ),
    RESCHEDULED: (
        "rescheduled", "we rescheduled", "reporte", "reportee", "reporte a plus tard", "reprogramado",
        "reprogramada", "la reprogramamos", "أعيدت جدولته", "تمت إعادة الجدولة", "перенесли",
        "перенесена", "встреча перенесена", "改期了", "改期",
    ),
}  # fmt: skip
TYPED_FOLLOW_UPS = {
    AGREED: (
        "follow-up agreed", "follow up agreed", "suivi convenu", "seguimiento acordado",
        "تم الاتفاق على المتابعة", "договорились о продолжении", "已约定跟进",
    ),
    PROPOSAL: (
        "proposal", "proposal sent", "proposition envoyee", "propuesta enviada", "أرسلنا مقترحا",
        "предложение отправлено", "已发提案",
    ),
    PROJECT: (
        "project started", "projet lance", "proyecto iniciado", "بدأ المشروع", "проект начат", "项目已启动",
    ),
    NONE: (
        "nothing came of it", "rien n'en est sorti", "no resulto en nada", "لم ينتج عنه شيء",
        "ничего не вышло", "没有结果",
    ),
}  # fmt: skip
ALL_TYPED_WORDS = tuple(
    w for table in (TYPED_HAPPENED, TYPED_FOLLOW_UPS) for ws in table.values() for w in ws
)


async def handle_button(msg: InboundMessage, ctx: Context) -> Reply:
    """The buttons of the did-it-happen question and of the follow-up check-ins."""
    assert msg.action is not None  # routed here by its action id
    meeting_text, _, answer = msg.action.value.partition(":")
    meeting_id, follow = number(meeting_text), msg.action.id == FOLLOW_ACTION
    if answer not in (FOLLOW_UPS if follow else HAPPENED) or meeting_id is None:
        return Reply(ctx.t("meetings.why.unknown"), lang=ctx.lang)
    async with ctx.uow() as uow:
        meeting = await uow.meetings.meeting(meeting_id)
        if meeting is None or ctx.user.key not in (meeting.requester_key, meeting.provider_key):
            return Reply(ctx.t("meetings.why.unknown"), lang=ctx.lang)
        await record(uow, ctx, meeting, answer, follow=follow)
        await uow.commit()
    return Reply(ctx.t(f"meetings.answer.{answer}"), lang=ctx.lang)


async def handle_typed(msg: InboundMessage, ctx: Context) -> Reply:
    """ "we met", "не состоялась Bob", "proposal sent" … see the module's docstring."""
    answer, follow, rest = _read(msg.text)
    async with ctx.uow() as uow:
        ended = [
            m for m in await uow.meetings.meetings_of(ctx.event.id, ctx.user.key) if m.ends_at <= ctx.now()
        ]
        names = await uow.matchmaking.names(sorted({_other(m, ctx.user.key) for m in ended}))
        named = _named(ended, names, ctx.user.key, rest)
        if not ended or (rest and named is None and follow):
            return await faq.handle(msg, ctx)
        candidates = [named] if named else await _unanswered(uow, ended, ctx.user.key, follow)
        if follow and len(candidates) > 1:
            return _which(ctx, candidates, names, answer)
        meeting = candidates[0]
        await record(uow, ctx, meeting, answer, follow=follow)
        await uow.commit()
    who = ctx.t("meetings.typed.with", who=names[_other(meeting, ctx.user.key)])
    return Reply(f"{ctx.t(f'meetings.answer.{answer}')} {who}", lang=ctx.lang)


async def record(
    uow: UnitOfWork, ctx: Context, meeting: PlannedMeeting, answer: str, *, follow: bool
) -> None:
    """One side's answer, kept by pair (it outlives re-planning) and written to the audit log."""
    outcome = await uow.meetings.touch_outcome(meeting, ctx.user.key)
    if follow:
        outcome.follow_up, outcome.follow_up_at = answer, ctx.now()
    else:
        outcome.happened, outcome.answered_at = answer, ctx.now()
    uow.audit.record(
        ctx.now(),
        ctx.user.key,
        "meetings.follow" if follow else "meetings.happened",
        str(meeting.id),
        after={"answer": answer},
    )


def _read(text: str) -> tuple[str, bool, str]:
    """(answer, is it a follow-up state, the rest of the text) of the longest phrase the text starts with."""
    normalised = normalise_command(text)
    found = [
        (len(phrase), answer, follow, normalised[len(phrase) :].strip())
        for follow, table in ((False, TYPED_HAPPENED), (True, TYPED_FOLLOW_UPS))
        for answer, words in table.items()
        for phrase in map(normalise_command, words)
        if normalised == phrase or normalised.startswith(phrase + " ")
    ]
    _, answer, follow, rest = max(found, key=lambda f: f[0], default=(0, MET, False, ""))
    return answer, follow, rest


def _other(meeting: PlannedMeeting, key: str) -> str:
    return meeting.provider_key if meeting.requester_key == key else meeting.requester_key


def _named(
    meetings: list[PlannedMeeting], names: dict[str, str], key: str, rest: str
) -> PlannedMeeting | None:
    """The meeting whose counterpart the rest of the text names (typos tolerated), if any."""
    if not rest or len(rest) > 200:
        return None
    choices = {m.id: names[_other(m, key)] for m in meetings}
    found = process.extractOne(
        rest, choices, scorer=fuzz.WRatio, processor=utils.default_process, score_cutoff=NAME_CUTOFF
    )
    return next(m for m in meetings if m.id == found[2]) if found else None


async def _unanswered(
    uow: UnitOfWork, ended: list[PlannedMeeting], key: str, follow: bool
) -> list[PlannedMeeting]:
    """Latest first: for "did it happen", those not answered yet (else the latest); for a follow-up
    state, the meetings not reported missed."""
    latest_first = sorted(ended, key=lambda m: m.ends_at, reverse=True)
    outcomes = {m.id: await uow.meetings.outcome(m, key) for m in latest_first}
    if follow:
        kept = [m for m in latest_first if not ((o := outcomes[m.id]) and o.happened == MISSED)]
        return kept or latest_first
    open_ones = [m for m in latest_first if not ((o := outcomes[m.id]) and o.happened)]
    return open_ones or latest_first[:1]


def _which(ctx: Context, meetings: list[PlannedMeeting], names: dict[str, str], state: str) -> Reply:
    buttons = tuple(
        Button(
            ctx.t(f"meetings.button.{state}", name=names[_other(m, ctx.user.key)]),
            FOLLOW_ACTION,
            f"{m.id}:{state}",
        )
        for m in meetings
    )
    return Reply(
        ctx.t("meetings.typed.which"),
        card=Card(title=ctx.t("meetings.follow.title"), buttons=buttons),
        lang=ctx.lang,
    )
