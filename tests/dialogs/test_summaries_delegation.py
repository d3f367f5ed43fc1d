"""`our summary` at a fictional second edition (TEST DATA ONLY: tests/second_edition.py): a delegation's
members see its needs with their history across editions, its meetings and follow-ups; nobody else does."""

from __future__ import annotations

import pytest

from bot.event import Event
from tests.dialogs.conftest import Talk
from tests.second_edition import second_edition, seed_two_editions


@pytest.fixture
def event() -> Event:
    return second_edition()


@pytest.fixture
async def seeded(talk: Talk) -> Talk:
    await seed_two_editions(talk.bot)
    talk.at("2025-04-10 09:00")
    return talk


async def test_a_member_sees_the_delegation_across_editions(seeded: Talk) -> None:
    expert = seeded.person("tl-expert")
    said = await expert.says("our summary")
    assert "Summary of the delegation of Republic of Testland" in said
    earlier = said.index("2024 (earlier edition)")
    assert said.index("second edition (this edition)") < earlier  # this edition first
    assert "Registration: confirmed on 1 April 2025." in said and "confirmed on 1 April 2024." in said
    # A colleague's need, kept; one updated, with the old and the new text; one dropped.
    assert "Policies and Regulations: “Draft a national cyber strategy” (seen by providers)" in said
    assert "stated at 2024 · kept at second edition" in said
    updated = "updated at second edition: “SOC tooling for our CERT” → “SOC tooling and a SIEM for our CERT”"
    assert updated in said
    assert "“Train 20 incident responders” (seen by the organisers only)" in said
    assert "dropped at second edition" in said
    assert "“Join a regional CERT network”" in said  # new at this edition: no history line
    # The meeting held at the first edition and the furthest follow-up either side reported.
    assert "with Cyber Aid Org: a project has started (1 August 2024)" in said
    assert "Meet requests: 0 accepted, 1 pending, 0 declined." in said
    assert "Matched with: Cyber Aid Org" in said
    # Nothing of the other delegations.
    assert "Examplestan" not in said and "Nowhereland" not in said


async def test_another_delegation_never_sees_this_one(seeded: Talk) -> None:
    said = await seeded.person("ex-head").says("our summary")
    assert "Examplestan" in said and "Examplestan classified need" in said
    assert "asked about at second edition, not answered yet" in said
    for text in ("Testland", "Draft a national cyber strategy", "SOC tooling", "Cyber Aid Org"):
        assert text not in said


async def test_someone_outside_any_delegation_is_told_how_to_join(seeded: Talk) -> None:
    for person in (seeded.person("provider"), seeded.person("stranger")):
        said = await person.says("our summary")
        assert said.startswith("The summary is for members of a delegation.") and "`join`" in said
        assert "Testland" not in said and "SOC" not in said


async def test_a_natural_request_reaches_the_summary(seeded: Talk) -> None:
    said = await seeded.person("tl-head").says("can I see a summary of our delegation?")
    assert "Summary of the delegation of Republic of Testland" in said


@pytest.mark.parametrize(
    ("words", "title", "kept"),
    [
        ("notre bilan", "Bilan de la délégation : Republic of Testland", "maintenu lors de deuxième édition"),
        ("nuestro resumen", "Resumen de la delegación: Republic of Testland", "mantenida en segunda edición"),
        ("наша сводка", "Сводка делегации: Republic of Testland", "сохранено на второй выпуск"),
        ("ملخصنا", "ملخص الوفد: Republic of Testland", "أُبقي عليه في الدورة الثانية"),
        ("我们的总结", "代表团总结：Republic of Testland", "于第二届保留"),
    ],
)
async def test_the_summary_answers_in_the_language_asked(
    seeded: Talk, words: str, title: str, kept: str
) -> None:
    said = await seeded.person("tl-head").says(words)
    assert title in said and kept in said
    assert "Draft a national cyber strategy" in said  # the people's own words are never translated
    assert "Summary of" not in said and "Needs:" not in said


async def test_odd_input_after_the_command_still_gets_the_summary_or_a_polite_line(seeded: Talk) -> None:
    member, stranger = seeded.person("tl-head"), seeded.person("stranger")
    assert "Republic of Testland" in await member.says("OUR SUMMARY")
    said = await stranger.says("our summary'; DROP TABLE interest; --" + "🙂" * 2000)
    assert "Traceback" not in said and said.strip()
