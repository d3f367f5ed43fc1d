"""Two States and two providers in one language: preferences typed and clicked, the organiser plans and
publishes in chat, each of the four is told their meeting; a "no thanks" and a re-plan tell only the two
whose meeting went; the agenda shows the meeting; the 5-minute reminder; "did it happen?" answered by
typing; the one-month check-in goes only to whoever has not updated their follow-up."""

from __future__ import annotations

from datetime import timedelta

import pytest

from handlers.shared.timefmt import time_range
from storage.meetings import MET, PROPOSAL, RESCHEDULED
from tests.dialogs.conftest import Talk
from tests.dialogs.meetings_script import (
    LANGUAGES,
    WORDS,
    join,
    meeting_between,
    moved_between,
    outcome,
    plan,
    preferences,
    publish,
    run_scheduler,
    t,
)


@pytest.mark.parametrize("lang", LANGUAGES)
async def test_publish_replan_remind_and_ask(talk: Talk, lang: str) -> None:
    words = WORDS[lang]
    talk.at("2024-05-08 09:00")
    amina = talk.person("amina", platform="slack", locale=lang)
    bruno = talk.person("bruno", platform="teams", locale=lang)
    chen = talk.person("chen", platform="slack", locale=lang)
    dara = talk.person("dara", platform="console", locale=lang)
    people = [amina, bruno, chen, dara]
    await join(amina, lang, "need", "incident response team")
    await join(bruno, lang, "offer", "incident response drills")
    await join(chen, lang, "need", "forensics lab")
    await join(dara, lang, "offer", "forensics training")

    # Amina types her wish; Chen clicks "would like to meet" under his suggestions.
    said = await amina.says(f"{words.must} Bruno")
    assert said == t(lang, "meetings.pref.saved.must", name="Bruno")
    suggestions = await chen.says("match")
    assert t(lang, "meetings.button.like", name="Dara") in suggestions
    assert await chen.clicks("meeting.pref.like", dara.key) == t(
        lang, "meetings.pref.saved.like", name="Dara"
    )
    assert await preferences(talk) == {(amina.key, bruno.key): "must", (chen.key, dara.key): "like"}

    assert await publish(talk, people) == {p.key for p in people}
    first = await plan(talk)
    amina_bruno = meeting_between(first, amina, bruno)
    for person, other in ((amina, "Bruno"), (bruno, "Amina"), (chen, "Dara"), (dara, "Chen")):
        notice = person.notices()[-1]
        assert notice.startswith(t(lang, "meetings.published")) and other in notice
    mine = await amina.says(words.mine)
    assert t(lang, "meetings.mine.intro", count=1) in mine and "Bruno" in mine
    agenda = await amina.says("agenda")
    line = t(lang, "meetings.agenda.line", who="Bruno", organisation="Bruno", table=amina_bruno.table_name)
    assert line in agenda

    # Chen changes his mind: only Chen and Dara hear of the new plan.
    assert await chen.says(f"{words.no} Dara") == t(lang, "meetings.pref.saved.no", name="Dara")
    told = await publish(talk, people)
    second = await plan(talk)
    assert told == moved_between(first, second, people) == {chen.key, dara.key}
    assert t(lang, "meetings.published.none") in chen.notices()[-1]
    assert [(m.requester_key, m.provider_key) for m in second] == [(amina.key, bruno.key)]

    # Five minutes before: the reminder, to both sides, in their language.
    meeting = second[0]
    reminders = {p.key: len(p.notices()) for p in people}
    talk.clock.moment = meeting.starts_at - timedelta(minutes=4)
    await run_scheduler(talk)
    when = time_range(meeting.starts_at, meeting.ends_at, lang, talk.bot.event.zone)
    assert amina.notices()[-1] == t(
        lang, "meetings.reminder", who="Bruno", table=meeting.table_name, time=when
    )
    assert len(chen.notices()) == reminders[chen.key] and len(bruno.notices()) == reminders[bruno.key] + 1

    # After it: the question, answered by typing, each answer stored by pair.
    talk.clock.moment = meeting.ends_at + timedelta(minutes=2)
    await run_scheduler(talk)
    assert t(lang, "meetings.check.typed") in amina.notices()[-1]
    said = await amina.says(words.met)
    assert said.startswith(t(lang, "meetings.answer.met")) and "Bruno" in said
    assert await bruno.says(words.rescheduled) == (
        f"{t(lang, 'meetings.answer.rescheduled')} {t(lang, 'meetings.typed.with', who='Amina')}"
    )
    stored = [await outcome(talk, meeting, p) for p in (amina, bruno)]
    assert [o.happened if o else None for o in stored] == [MET, RESCHEDULED]

    # Amina reports a proposal; a month after the event only Bruno is asked where it led.
    talk.clock.moment = talk.bot.event.last_end + timedelta(days=3)
    assert (await amina.says(words.proposal)).startswith(t(lang, "meetings.answer.proposal"))
    assert (found := await outcome(talk, meeting, amina)) is not None and found.follow_up == PROPOSAL
    counts = {p.key: len(p.notices()) for p in people}
    talk.clock.moment = talk.bot.event.last_end + timedelta(days=31, hours=2)
    await run_scheduler(talk)
    asked = {p.key for p in people if len(p.notices()) > counts[p.key]}
    assert asked == {bruno.key}
    assert t(lang, "meetings.follow.intro", months=1) in bruno.notices()[-1]
