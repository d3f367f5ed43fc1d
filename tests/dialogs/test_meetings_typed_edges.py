"""Typed meeting answers that are not answers: before any meeting ended, a question that merely starts
like one, a name nobody met, emoji and SQL — each gets a polite reply and nothing is recorded."""

from __future__ import annotations

from datetime import timedelta

from tests.dialogs.conftest import Talk
from tests.dialogs.meetings_script import join, meeting_between, outcome, plan, publish, t


async def test_words_that_are_not_an_answer_record_nothing(talk: Talk) -> None:
    talk.at("2024-05-08 09:00")
    amina, bruno = talk.person("amina", locale="en"), talk.person("bruno", locale="en")
    await join(amina, "en", "need", "incident response team")
    await join(bruno, "en", "offer", "incident response drills")
    await amina.says("must meet Bruno")
    await publish(talk, [amina, bruno])
    meeting = meeting_between(await plan(talk), amina, bruno)

    assert "not sure I understood" in await amina.says("we met")  # nothing has ended yet: not an answer
    talk.clock.moment = meeting.ends_at + timedelta(minutes=5)
    faq = await amina.says("proposal deadline?")  # names no meeting: a question for the FAQ
    assert "19 April 2024" in faq and "Thank you" not in faq
    assert await outcome(talk, meeting, amina) is None
    assert "too long" in await amina.says("proposal " + "x" * 5000)
    said = await amina.says("rescheduled 🙂🙂; DROP TABLE meeting_outcome;--")
    assert said.startswith(t("en", "meetings.answer.rescheduled"))  # the answer is clear; the rest is noise
    found = await outcome(talk, meeting, amina)
    assert found is not None and found.happened == "rescheduled" and found.follow_up is None
    assert await outcome(talk, meeting, bruno) is None
