"""Offers, needs, match, meet requests and exports through the real router on in-memory SQLite."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest

from bot.messages import Action
from handlers.organiser.export import COLUMNS, EXPORTERS
from service.bootstrap import Bot
from tests.conftest import message
from tests.notifiers import RecordingNotifier

Say = Callable[..., Awaitable[str]]


async def profile(
    say: Say, user: str, offer_or_need: str, languages: str = "skip", region: str = "skip"
) -> None:
    """Records one offer or need and answers the profile questions (organisation and contact skipped)."""
    await say(offer_or_need, user=user)
    await say(languages, user=user)
    await say(region, user=user)
    await say("skip", user=user)
    await say("skip", user=user)


async def audit(bot: Bot) -> list[tuple[str, str, object, object]]:
    async with bot.uow() as uow:
        return [(e.action, e.subject, e.before, e.after) for e in await uow.audit.all()]


async def test_offer_with_capability_and_text_records_and_asks_the_profile_once(say: Say, bot: Bot) -> None:
    reply = await say("offer People & Skills: cyber-apprenticeship training", user="beta")
    assert "Recorded: you offer People and Skills — cyber-apprenticeship training." in reply
    assert "Which languages" in reply
    assert "Working languages: French and English" in await say("French, English", user="beta")
    region = await say("West Africa", user="beta")
    assert "Region: West Africa" in region and "Which organisation" in region
    assert "Which contact" in await say("skip", user="beta")
    await say("skip", user="beta")
    again = await say("need Technology: a national CSIRT", user="beta")
    assert "Which languages" not in again and "`match`" in again
    actions = [a for a, *_ in await audit(bot)]
    assert actions == ["match.offer", "match.languages", "match.region", "match.need"]


async def test_guided_flow_with_capability_buttons(say: Say, bot: Bot) -> None:
    replies = await bot.handle(message("offer", user="gamma"))
    card = replies[0].card
    assert card is not None
    assert [b.value for b in card.buttons] == [c.id for c in bot.event.capabilities]
    assert {b.action_id for b in card.buttons} == {"match.capability"}
    assert "What do you offer under Technology" in await say(
        user="gamma", action=Action("match.capability", "technology")
    )
    assert "Recorded: you offer Technology — incident response drills." in await say(
        "incident response drills", user="gamma"
    )
    for _ in range(3):
        await say(user="gamma", action=Action("match.skip"))
    assert "`match`" in await say(user="gamma", action=Action("match.skip"))
    assert "You offer Technology: incident response drills" in await say("my interests", user="gamma")


async def test_a_text_without_capability_asks_which_one_and_keeps_the_text(say: Say) -> None:
    assert "Under which foundational capability" in await say("need someone to mentor our analysts", user="d")
    assert "you need People and Skills — someone to mentor our analysts" in await say("skills", user="d")


async def test_a_new_offer_under_the_same_capability_replaces_the_old(say: Say, bot: Bot) -> None:
    await profile(say, "e", "offer tech: old text")
    await say("offer tech: new text", user="e")
    mine = await say("my interests", user="e")
    assert "new text" in mine and "old text" not in mine
    action, subject, before, after = (await audit(bot))[-1]
    assert (action, subject, before, after) == (
        "match.offer",
        "technology",
        {"text": "old text"},
        {"text": "new text"},
    )


async def test_a_question_starting_with_need_goes_to_the_faq(say: Say, bot: Bot) -> None:
    await say("need a visa?", user="f")
    async with bot.uow() as uow:
        assert await uow.matchmaking.interests_of(bot.event.id, "console:f") == []


async def test_match_explains_each_suggestion(say: Say) -> None:
    await profile(
        say, "academy", "offer People and Skills: cyber-apprenticeship training", "French", "West Africa"
    )
    await profile(say, "vendor", "offer Technology: firewall appliances", "English")
    await profile(
        say,
        "ministry",
        "need People and Skills: cyber apprenticeship training",
        "français, English",
        "West Africa",
    )
    reply = await say("match", user="ministry")
    assert (
        "1. Academy — score 100: you need People and Skills; Academy offers cyber-apprenticeship training; "
        "both work in French; both work in West Africa (capability 50 + text 30 + language 15 + region 5)"
    ) in reply
    assert "Vendor" not in reply  # offers something else entirely
    assert "Meet Academy" in reply


async def test_match_before_any_interest_says_what_to_do(say: Say) -> None:
    assert "`offer People and Skills" in await say("match", user="nobody")


async def test_meet_request_is_received_proactively_accepted_and_seen_by_both(
    say: Say, bot: Bot, recorder: RecordingNotifier
) -> None:
    await profile(say, "academy", "offer People and Skills: apprenticeships")
    await profile(say, "ministry", "need People and Skills: apprenticeships")
    assert "Request 1 sent" in await say("meet academy", user="ministry")
    notice = recorder.sent[-1]
    assert notice.recipient.key == "console:academy"
    assert notice.reply.card is not None
    assert [(b.action_id, b.value) for b in notice.reply.card.buttons] == [
        ("meet.accept", "1"),
        ("meet.decline", "1"),
        ("meeting.pref.must", "console:ministry"),  # how much Academy wants this meeting (issue 14)
        ("meeting.pref.like", "console:ministry"),
        ("meeting.pref.no", "console:ministry"),
    ]
    assert "already asked Academy" in await say("meet Academy", user="ministry")
    assert "Ministry has already asked to meet you" in await say("meet ministry", user="academy")
    assert "#1 from Ministry: waiting for an answer" in await say("requests", user="academy")

    accepted = await say(user="academy", action=Action("meet.accept", "1"))
    assert "Accepted: you will meet Ministry" in accepted
    assert recorder.sent[-1].recipient.key == "console:ministry"
    assert "Academy accepted your meeting request 1" in recorder.sent[-1].reply.text
    assert "#1 to Academy: accepted" in await say("requests", user="ministry")
    assert "already accepted" in await say("decline 1", user="academy")
    actions = [a for a, *_ in await audit(bot) if a.startswith("meet.")]
    assert actions == ["meet.request", "meet.accepted"]


async def test_decline_by_text_and_refusals(say: Say, recorder: RecordingNotifier) -> None:
    await profile(say, "academy", "offer tech: drills")
    await profile(say, "ministry", "need tech: drills")
    await say("meet academy", user="ministry")
    assert "no request 1 addressed to you" in await say("accept 1", user="ministry")
    assert "Declined request 1 from Ministry" in await say("decline 1", user="academy")
    assert "declined your meeting request 1" in recorder.sent[-1].reply.text
    assert "That is you" in await say(user="ministry", action=Action("meet.request", "console:ministry"))
    assert "no participant called" in await say("meet Zorglub Corporation", user="ministry")
    assert "Which request" in await say("accept", user="academy")


@pytest.mark.parametrize(
    "hostile", ["x" * 5000, "🎉🎉🎉", "'; DROP TABLE interest; --", "\x00\x1b[31m"], ids=range(4)
)
async def test_hostile_offers_get_polite_answers(say: Say, hostile: str) -> None:
    reply = await say(f"offer {hostile}", user="h")
    assert "went wrong" not in reply
    assert "Traceback" not in reply


async def test_exports_of_pitches_interests_and_meetings(say: Say, bot: Bot) -> None:
    await profile(say, "academy", "offer tech: drills", "English")
    await profile(say, "ministry", "need tech: drills")
    await say("meet academy", user="ministry")
    async with bot.uow() as uow:
        interests = await EXPORTERS["interests"](uow)
        meetings = await EXPORTERS["meetings"](uow)
        pitches = await EXPORTERS["pitches"](uow)
    assert [(r["participant"], r["kind"], r["capability"], r["languages"]) for r in interests] == [
        ("Academy", "offer", "technology", ["en"]),
        ("Ministry", "need", "technology", []),
    ]
    assert [(r["from"], r["to"], r["status"]) for r in meetings] == [("Ministry", "Academy", "pending")]
    assert pitches == []
    assert tuple(interests[0]) == COLUMNS["interests"] and tuple(meetings[0]) == COLUMNS["meetings"]


async def test_offer_and_match_in_spanish_and_french(say: Say) -> None:
    await say("idioma es", user="es")
    saved = await say("ofrezco Tecnología: simulacros de respuesta a incidentes", user="es")
    assert "Anotado: ofrece Tecnología — simulacros de respuesta a incidentes." in saved
    assert "Idiomas de trabajo: español" in await say("español", user="es")
    for _ in range(3):
        await say("omitir", user="es")
    await say("langue fr", user="fr")
    await say("besoin Technologie : simulacros de respuesta a incidentes", user="fr")
    await say("espagnol", user="fr")
    for _ in range(3):
        await say("passer", user="fr")
    found = await say("match", user="fr")
    assert "Es — score 95 : vous avez besoin de Technologie ; Es propose simulacros" in found
    assert "vous travaillez tous deux en espagnol" in found


async def test_meet_question_goes_to_the_faq(say: Say, bot: Bot) -> None:
    await say("meet the Chair?", user="q")
    async with bot.uow() as uow:
        assert await uow.matchmaking.requests_of(bot.event.id, "console:q") == []
