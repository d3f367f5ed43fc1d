"""Carry-over between editions (issue 15): at the second edition, only returning participants are asked,
privately, about each need and offer they stated at the first; keep / update / drop are stored with their
history, and a kept or updated one is this edition's again. The second edition is TEST DATA ONLY."""

from __future__ import annotations

from sqlalchemy import select

from handlers.matchmaking.exports import interest_rows
from storage.models import CarryOver, Interest
from tests.dialogs.editions import Forum, forum, open_notice, send_due
from tests.editions_data import FIRST_EDITION_ID, SECOND_EDITION_ID

__all__ = ["forum"]


async def _rows(talk_bot, model):  # type: ignore[no-untyped-def]
    async with talk_bot.uow() as uow:
        rows = (await uow.session.scalars(select(model).order_by(model.id))).all()
        uow.session.expunge_all()
        return rows


async def _first_edition(forum: Forum) -> None:
    first = await forum.first()
    aide = first.person("aide", platform="slack")
    await aide.says("need People and Skills: training for our national CERT analysts")
    await aide.says("skip")
    await aide.says("need Technology: a malware analysis lab")
    cert = first.person("cert", platform="slack")
    await cert.says("offer Technology: forensic lab set-up and mentoring")
    await first.person("visitor", platform="slack").says("when is the reception?")


async def test_en_returning_participants_asked_once_and_answers_kept_with_history(forum: Forum) -> None:
    await _first_edition(forum)
    second = await forum.second()
    organiser = second.organiser()
    opened = await organiser.says("open edition")
    assert "Returning participants asked: 2" in opened and "needs and offers: 3" in opened
    again = await organiser.says("open edition")
    assert "Returning participants asked: 0" in again  # nobody is asked twice
    await send_due(second)
    aide, cert = second.person("aide", platform="slack"), second.person("cert", platform="slack")
    visitor = second.person("visitor", platform="slack").notices()
    assert visitor and not any("previous edition" in n for n in visitor)  # a reminder, but not asked
    notice = open_notice(aide)
    assert "training for our national CERT analysts" in notice and "a malware analysis lab" in notice
    assert "1 of 2 · Need · People and Skills" in notice

    kept = await aide.clicks("Keep")
    assert "Kept: People and Skills" in kept and "2 of 2 · Need · Technology" in kept
    asked = await aide.says("update")
    assert "What do you need now under Technology?" in asked and "a malware analysis lab" in asked
    done = await aide.says("a regional malware analysis lab shared with two neighbours")
    assert "Updated: Technology — a regional malware analysis lab" in done and "everything" in done

    open_notice(cert)
    dropped = await cert.clicks("Drop")
    assert "Dropped: Technology. It stays in your history." in dropped

    decisions = [(r.user_key, r.decision, r.new_text) for r in await _rows(second.bot, CarryOver)]
    assert decisions == [
        ("slack:aide", "kept", ""),
        ("slack:aide", "updated", "a regional malware analysis lab shared with two neighbours"),
        ("slack:cert", "dropped", ""),
    ]
    interests = await _rows(second.bot, Interest)
    now = [(i.user_key, i.capability, i.text) for i in interests if i.event_id == SECOND_EDITION_ID]
    assert now == [
        ("slack:aide", "people-skills", "training for our national CERT analysts"),
        ("slack:aide", "technology", "a regional malware analysis lab shared with two neighbours"),
    ]
    before = [i for i in interests if i.event_id == FIRST_EDITION_ID]
    assert len(before) == 3 and before[1].text == "a malware analysis lab"  # the first edition is untouched
    assert all(i.carried_from in {b.id for b in before} for i in interests if i.event_id == SECOND_EDITION_ID)
    actions = [action for action, _ in await second.audit()]
    assert actions.count("edition.open") == 2
    assert {"edition.carry.kept", "edition.carry.updated", "edition.carry.dropped"} <= set(actions)


async def test_en_side_question_mid_review_then_keep_all_and_a_stranger_cannot_answer(forum: Forum) -> None:
    await _first_edition(forum)
    second = await forum.second()
    await second.organiser().says("open edition")
    aide = second.person("aide", platform="slack")
    await aide.says("review needs")
    side = await aide.says("when is the reception?")
    assert "Welcome Reception" in side and "1 of 2 · Need · People and Skills" in side
    assert "Please say keep" not in side  # a question is answered, not scolded
    card = aide.last[-1].card
    assert card is not None
    stranger = second.person("stranger", platform="slack")
    stranger.last = aide.last
    assert "not yours to answer" in await stranger.clicks("Drop")
    assert "Kept as they were: 2." in await aide.says("keep all")
    decisions = [r.decision for r in await _rows(second.bot, CarryOver) if r.user_key == "slack:aide"]
    assert decisions == ["kept", "kept"]
    assert "Nothing from the previous edition" in await aide.says("review needs")


async def test_exports_are_about_the_edition_the_bot_runs(forum: Forum) -> None:
    await _first_edition(forum)
    second = await forum.second()
    await second.person("newcomer", platform="slack").says("offer Technology: threat intelligence sharing")
    async with second.bot.uow() as uow:
        rows = await interest_rows(uow)
    assert [(r["event"], r["text"]) for r in rows] == [(SECOND_EDITION_ID, "threat intelligence sharing")]
