"""What the matchmaking-meeting dialogs share: each language's words for the cast, the scheduler's pass,
and readers of the stored plan, preferences and answers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.i18n import translate
from service.scheduler import Scheduler
from storage.meetings import PROVISIONAL, PUBLISHED
from storage.models import MeetingOutcome, PlannedMeeting
from tests.dialogs.conftest import Person, Talk, plain

LANGUAGES = ("ar", "en", "es", "fr", "ru", "zh")


@dataclass(frozen=True)
class Words:
    """What a delegate writes in one language (the command words the bot knows in it)."""

    need: str
    offer: str
    must: str
    like: str
    no: str
    mine: str
    met: str
    missed: str
    rescheduled: str
    agreed: str
    proposal: str
    project: str


WORDS = {
    "en": Words(
        "need", "offer", "must meet", "would like to meet", "no thanks", "my meetings", "we met",
        "didn't happen", "rescheduled", "follow-up agreed", "proposal sent", "project started",
    ),
    "fr": Words(
        "besoin", "offre", "je dois rencontrer", "j'aimerais rencontrer", "non merci", "mes rendez-vous",
        "nous nous sommes rencontrés", "n'a pas eu lieu", "reporté", "suivi convenu",
        "proposition envoyée", "projet lancé",
    ),
    "es": Words(
        "necesito", "ofrecemos", "debo reunirme con", "me gustaría reunirme con", "no gracias",
        "mis reuniones", "nos reunimos", "no se celebró", "reprogramada", "seguimiento acordado",
        "propuesta enviada", "proyecto iniciado",
    ),
    # The interest commands exist in English, French and Spanish only: the others state them in English.
    "ar": Words(
        "need", "offer", "يجب أن ألتقي", "أود أن ألتقي", "لا شكرا", "اجتماعاتي", "التقينا", "لم يحدث",
        "تمت إعادة الجدولة", "تم الاتفاق على المتابعة", "أرسلنا مقترحا", "بدأ المشروع",
    ),
    "ru": Words(
        "need", "offer", "обязательно встретиться с", "хотел бы встретиться с", "нет спасибо", "мои встречи",
        "мы встретились", "не состоялась", "перенесли", "договорились о продолжении",
        "предложение отправлено", "проект начат",
    ),
    "zh": Words(
        "need", "offer", "必须见", "希望见", "不用了", "我的会议", "见了", "没见成", "改期了", "已约定跟进",
        "已发提案", "项目已启动",
    ),
}  # fmt: skip


def t(lang: str, message_id: str, **params: object) -> str:
    return plain(translate(lang, message_id, **params))


async def join(person: Person, lang: str, kind: str, text: str) -> None:
    """Chooses the language, states one need or offer, skips the profile questions."""
    await person.says(f"language {lang}")
    words = WORDS[lang]
    said = await person.says(f"{words.need if kind == 'need' else words.offer} Technical: {text}")
    assert text in said  # recorded, and the profile questions follow
    for _ in range(6):  # languages, region, organisation, contact: whichever the profile still asks
        if not any(b.action_id == "match.skip" for r in person.last if r.card for b in r.card.buttons):
            break
        await person.clicks("match.skip")


async def run_scheduler(talk: Talk) -> None:
    """One pass of a fresh scheduler: what is due is planned from the database, fanned out and sent."""
    await Scheduler.for_bot(talk.bot).run_once()


async def plan(talk: Talk, stage: str = PUBLISHED) -> list[PlannedMeeting]:
    async with talk.bot.uow() as uow:
        found = await uow.meetings.meetings(talk.bot.event.id, stage)
        uow.session.expunge_all()  # read after the unit of work closes
    return found


async def provisional(talk: Talk) -> list[PlannedMeeting]:
    return await plan(talk, PROVISIONAL)


async def preferences(talk: Talk) -> dict[tuple[str, str], str]:
    async with talk.bot.uow() as uow:
        rows = await uow.meetings.preferences(talk.bot.event.id)
        return {(p.user_key, p.counterpart_key): p.level for p in rows}


async def outcome(talk: Talk, meeting: PlannedMeeting, person: Person) -> MeetingOutcome | None:
    async with talk.bot.uow() as uow:
        found = await uow.meetings.outcome(meeting, person.key)
        uow.session.expunge_all()
    return found


def schedule_of(meetings: list[PlannedMeeting], key: str) -> set[tuple[str, str, datetime]]:
    return {
        (m.provider_key if m.requester_key == key else m.requester_key, m.table_name, m.starts_at)
        for m in meetings
        if key in (m.requester_key, m.provider_key)
    }


def moved_between(
    before: list[PlannedMeeting], after: list[PlannedMeeting], people: list[Person]
) -> set[str]:
    """Whose meetings (who, table, time) differ between two published plans, by the stored rows."""
    return {p.key for p in people if schedule_of(before, p.key) != schedule_of(after, p.key)}


def meeting_between(meetings: list[PlannedMeeting], a: Person, b: Person) -> PlannedMeeting:
    return next(m for m in meetings if {m.requester_key, m.provider_key} == {a.key, b.key})


async def publish(talk: Talk, people: list[Person]) -> set[str]:
    """The organiser plans and publishes in chat; returns who got a notice in the scheduler's pass."""
    organiser = talk.organiser()
    assert "Provisional plan" in await organiser.says("meetings plan")
    assert await provisional(talk)
    assert "published" in await organiser.says("meetings publish")
    assert not await provisional(talk)
    before = {p.key: len(p.notices()) for p in people}
    await run_scheduler(talk)
    return {p.key for p in people if len(p.notices()) > before[p.key]}
