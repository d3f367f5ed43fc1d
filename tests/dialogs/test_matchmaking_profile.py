"""Matchmaking profiles as people fill them in: each question once, the contact they agree to share,
changes later, and `need` that is not a need (issue 12, "matchmaking stops short")."""

from __future__ import annotations

from tests.dialogs.conftest import Talk
from tests.dialogs.matchmaking_state import flow_step, interests_of, profile_of, seat_in_delegation


async def test_a_second_need_typed_instead_of_an_answer_still_gets_the_languages_question(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    aide = talk.person("aide", platform="slack", locale="en-US")
    first = await aide.says("need Technology: incident response training")
    assert "Which languages do you work in?" in first
    # The aide does not answer and records a second need: the question must come back, not be dropped.
    second = await aide.says("need People and Skills: analyst mentoring")
    assert "Recorded: you need People and Skills — analyst mentoring." in second
    assert "Which languages do you work in?" in second
    assert "Working languages: English and French." in await aide.says("English, French")
    assert await interests_of(talk, aide) == [
        ("need", "technology", "incident response training"),
        ("need", "people-skills", "analyst mentoring"),
    ]
    profile = await profile_of(talk, aide)
    assert profile is not None and profile.languages == ["en", "fr"]


async def test_each_profile_question_is_asked_once_and_a_skip_counts_as_an_answer(talk: Talk) -> None:
    talk.at("2024-04-10 09:30")
    ngo = talk.person("ngo", locale="en-GB")
    assert "Which languages" in await ngo.says("offer Technology: CSIRT drills")
    assert "Which region" in await ngo.says("English")
    assert "Which organisation" in await ngo.says("skip")
    assert "Which contact may I give" in await ngo.says("Cyber Readiness Network")
    done = await ngo.says("ops@cyberreadiness.example.org")
    assert "Contact shared with the people you meet: ops@cyberreadiness.example.org." in done
    assert await flow_step(talk, ngo) is None
    again = await ngo.says("offer People and Skills: trainers")
    for question in ("Which languages", "Which region", "Which organisation", "Which contact"):
        assert question not in again
    profile = await profile_of(talk, ngo)
    assert profile is not None
    assert (profile.organisation, profile.region, profile.contact_email) == (
        "Cyber Readiness Network",
        "",
        "ops@cyberreadiness.example.org",
    )
    assert sorted(profile.asked) == ["contact", "languages", "organisation", "region"]


async def test_a_delegation_member_is_not_asked_the_organisation_and_can_change_the_region(
    talk: Talk,
) -> None:
    talk.at("2024-04-11 10:00")
    aide = talk.person("vatu", locale="en-US")
    await aide.says("hello")
    await seat_in_delegation(talk, aide, "Fiji")
    await aide.says("region Pacific")  # given before any need: not asked again
    replies = [await aide.says("need Policies and Regulations: a national cyber strategy")]
    replies.append(await aide.says("English"))
    assert all("Which organisation" not in r and "Which region" not in r for r in replies)
    assert "Which contact" in replies[-1]
    assert "only through the bot" in await aide.clicks("Only through the bot")
    assert "Region: Pacific Islands." in await aide.says("region Pacific Islands")
    profile = await profile_of(talk, aide)
    assert profile is not None and (profile.region, profile.contact_email) == ("Pacific Islands", "")
    assert "Fiji" in await aide.says("who is fiji")


async def test_need_to_fix_a_name_is_not_recorded_as_a_matchmaking_need(talk: Talk) -> None:
    talk.at("2024-04-12 16:00")
    aide = talk.person("aide", platform="slack", locale="en-US")
    reply = await aide.says("need to fix a name - it is Jone Vatu, not Jone Vata")
    assert "registration" in reply and "foundational capability" not in reply
    short = await aide.says("need name fix")  # too short for a sentence: `need` itself refuses it
    assert "`change`" in short and "recorded nothing" in short
    assert await interests_of(talk, aide) == []
    assert await flow_step(talk, aide) is None
    # A real need without a capability still asks which capability, keeping the text.
    assert "Under which foundational capability" in await aide.says("need someone to mentor our analysts")
    assert await flow_step(talk, aide) == "capability"


async def test_a_wrong_contact_is_asked_again_and_my_contact_changes_it_later(talk: Talk) -> None:
    talk.at("2024-04-15 11:00")
    provider = talk.person("pcci-provider", locale="en-US")
    await provider.says("offer Technology: incident response retainers")
    for answer in ("skip", "skip", "Pacific Cyber Capacity Institute"):
        await provider.says(answer)
    wrong = await provider.says("my email is pcci at example")
    assert "did not find a valid e-mail address" in wrong and "Which contact" in wrong
    assert "Contact shared" in await provider.says("desk@pcci.example.org")
    assert "desk@pcci.example.org" not in await provider.says("my contact only through the bot")
    mine = await provider.says("my interests")
    assert (
        "Organisation: Pacific Cyber Capacity Institute" in mine and "Contact: only through the bot" in mine
    )
    profile = await profile_of(talk, provider)
    assert profile is not None and profile.contact_email == ""
    assert profile.organisation == "Pacific Cyber Capacity Institute"


async def test_a_registered_delegation_can_share_its_registration_e_mail_with_one_click(talk: Talk) -> None:
    talk.at("2024-04-20 09:00")
    aide = talk.person("tonga-aide", locale="en-US")
    await aide.says("hello")
    await seat_in_delegation(talk, aide, "Tonga", contact_email="mission@tonga.example.to")
    await aide.says("need Technology: a national CSIRT")
    await aide.says("English")
    asked = await aide.says("Pacific")
    assert "Which contact" in asked and "Which organisation" not in asked
    shared = await aide.clicks("Share mission@tonga.example.to")
    assert "Contact shared with the people you meet: mission@tonga.example.to." in shared
    profile = await profile_of(talk, aide)
    assert profile is not None and profile.contact_email == "mission@tonga.example.to"
    assert profile.organisation == ""  # the delegation names it: nothing asked, nothing copied
