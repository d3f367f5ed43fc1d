"""A State with two meetings, in one language: a preference clicked under a meet request and one typed,
both meetings in the published plan and in the .ics file, a newcomer's re-plan tells only the moved, the
reminder, "did it happen?" typed for each meeting (by name, then the one left), and the check-ins at one
and three months go only to those who have not updated since the last one ("which meeting?" asked when
a typed state could mean two)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from icalendar import Calendar

from handlers.shared.timefmt import time_range
from storage.meetings import AGREED, MET, MISSED, PROJECT
from tests.dialogs.conftest import Person, Talk
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


def _asked(people: list[Person], before: dict[str, int]) -> set[str]:
    return {p.key for p in people if len(p.notices()) > before[p.key]}


def _counts(people: list[Person]) -> dict[str, int]:
    return {p.key: len(p.notices()) for p in people}


@pytest.mark.parametrize("lang", LANGUAGES)
async def test_two_meetings_calendar_answers_and_check_ins(talk: Talk, lang: str) -> None:
    words = WORDS[lang]
    talk.at("2024-05-07 10:00")
    amina = talk.person("amina", platform="teams", locale=lang)
    bruno = talk.person("bruno", platform="slack", locale=lang)
    dara = talk.person("dara", platform="console", locale=lang)
    people = [amina, bruno, dara]
    await join(amina, lang, "need", "incident response team and a forensics lab")
    await join(bruno, lang, "offer", "incident response drills")
    await join(dara, lang, "offer", "forensics training")

    # Bruno asks to meet; Amina marks him "must meet" under his request, and types her wish for Dara.
    await bruno.says("meet Amina")
    requests = await amina.says("requests")
    assert t(lang, "meetings.button.must", name="Bruno") in requests
    assert await amina.clicks("meeting.pref.must", bruno.key) == t(
        lang, "meetings.pref.saved.must", name="Bruno"
    )
    assert await amina.says(f"{words.like} Dara") == t(lang, "meetings.pref.saved.like", name="Dara")
    assert await preferences(talk) == {(amina.key, bruno.key): "must", (amina.key, dara.key): "like"}

    assert await publish(talk, people) == {p.key for p in people}
    first = await plan(talk)
    with_bruno, with_dara = meeting_between(first, amina, bruno), meeting_between(first, amina, dara)
    assert with_bruno.starts_at != with_dara.starts_at  # nobody in two places
    notice = amina.notices()[-1]
    assert "Bruno" in notice and "Dara" in notice

    # The calendar file: one entry per meeting, titled in her language, at the planned times.
    await amina.says("agenda ics")
    (attachment,) = amina.last[0].attachments
    entries = Calendar.from_ical(attachment.content).walk("VEVENT")
    summaries = {str(e["SUMMARY"]): e.decoded("DTSTART") for e in entries}
    for meeting, name in ((with_bruno, "Bruno"), (with_dara, "Dara")):
        title = t(lang, "meetings.agenda.line", who=name, organisation=name, table=meeting.table_name)
        assert summaries[title] == meeting.starts_at

    # A newcomer must meet Dara: only those whose meetings moved are told, by the stored plans.
    erik = talk.person("erik", platform="slack", locale=lang)
    people.append(erik)
    await join(erik, lang, "need", "forensics lab")
    assert await erik.says(f"{words.must} Dara") == t(lang, "meetings.pref.saved.must", name="Dara")
    told = await publish(talk, people)
    second = await plan(talk)
    assert told == moved_between(first, second, people)
    assert {erik.key, dara.key} <= told and bruno.key not in told
    with_bruno, with_dara = meeting_between(second, amina, bruno), meeting_between(second, amina, dara)

    # The reminder before her first meeting, to both sides.
    earlier = min(with_bruno, with_dara, key=lambda m: m.starts_at)
    other = bruno if earlier is with_bruno else dara
    before = _counts(people)
    talk.clock.moment = earlier.starts_at - timedelta(minutes=5)
    await run_scheduler(talk)
    when = time_range(earlier.starts_at, earlier.ends_at, lang, talk.bot.event.zone)
    reminder = t(lang, "meetings.reminder", who=other.user.display_name, table=earlier.table_name, time=when)
    assert amina.notices()[-1] == reminder
    assert {amina.key, other.key} <= _asked(people, before)

    # After both: Dara's did not happen (named), then "we met" goes to the one left, Bruno's.
    talk.clock.moment = max(m.ends_at for m in second) + timedelta(minutes=3)
    await run_scheduler(talk)
    assert t(lang, "meetings.check.typed") in amina.notices()[-1]
    said = await amina.says(f"{words.missed} Dara")
    assert said == f"{t(lang, 'meetings.answer.missed')} {t(lang, 'meetings.typed.with', who='Dara')}"
    said = await amina.says(words.met)
    assert said == f"{t(lang, 'meetings.answer.met')} {t(lang, 'meetings.typed.with', who='Bruno')}"
    found = [await outcome(talk, m, amina) for m in (with_dara, with_bruno)]
    assert [o.happened if o else None for o in found] == [MISSED, MET]

    # One month on: everyone with a meeting that may have led somewhere is asked.
    event_end = talk.bot.event.last_end
    before = _counts(people)
    talk.clock.moment = event_end + timedelta(days=31, hours=2)
    await run_scheduler(talk)
    assert _asked(people, before) == {p.key for p in people}
    assert t(lang, "meetings.follow.typed") in amina.notices()[-1]
    said = await amina.says(f"{words.project} Bruno")
    assert said.startswith(t(lang, "meetings.answer.project"))
    assert (await bruno.says(words.agreed)).startswith(t(lang, "meetings.answer.agreed"))
    # Dara had two meetings: the typed state asks which, and her click records it.
    assert t(lang, "meetings.typed.which") in await dara.says(words.agreed)
    await dara.clicks("meeting.follow", f"{meeting_between(second, dara, amina).id}:{AGREED}")
    states = [await outcome(talk, with_bruno, p) for p in (amina, bruno)]
    assert [o.follow_up if o else None for o in states] == [PROJECT, AGREED]

    # Three months on: only who has not updated since — Erik, and Dara about Erik alone.
    before = _counts(people)
    talk.clock.moment = event_end + timedelta(days=91, hours=2)
    await run_scheduler(talk)
    assert _asked(people, before) == {dara.key, erik.key}
    last = dara.notices()[-1]
    assert t(lang, "meetings.follow.line", who="Erik") in last
    assert t(lang, "meetings.follow.line", who="Amina") not in last
