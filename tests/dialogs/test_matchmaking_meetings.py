"""From a suggestion to a meeting: after "accept" both sides know who the other is, how to reach them and
when and where to meet; `who is …` and `my meetings` answer the questions people asked (issue 12)."""

from __future__ import annotations

from tests.dialogs.conftest import Person, Talk
from tests.dialogs.matchmaking_state import requests

SESSION = "Lunchtime: Matchmaking Session"
PLACE = "United Nations Headquarters, New York"


async def provider_and_state(talk: Talk) -> tuple[Person, Person]:
    """An NGO provider (user id "pcci-provider") that named its organisation and shared an e-mail, and a
    State aide who shares contact only through the bot; the State asks the provider to meet."""
    provider = talk.person("pcci-provider", platform="slack", locale="en-US")
    await provider.says("offer Technology: incident response training for CERT staff")
    for answer in ("English", "Pacific", "Pacific Cyber Capacity Institute", "desk@pcci.example.org"):
        await provider.says(answer)
    aide = talk.person("fiji-aide", platform="teams", locale="en-US")
    await aide.says("need Technology: incident response training")
    for answer in ("English", "Pacific", "Fiji Ministry of Communications", "only through the bot"):
        await aide.says(answer)
    assert "Meet Pacific Cyber Capacity Institute" in await aide.says("match")
    assert "Request 1 sent" in await aide.clicks("Meet Pacific Cyber Capacity Institute")
    return provider, aide


async def test_after_accept_both_sides_get_organisation_contact_and_where_to_meet(talk: Talk) -> None:
    talk.at("2024-05-02 10:00")
    provider, aide = await provider_and_state(talk)
    accepted = await provider.says("accept 1")
    assert "Accepted: you will meet Fiji Ministry of Communications" in accepted
    assert "Organisation: Fiji Ministry of Communications" in accepted
    assert "Contact: only through the bot" in accepted
    assert SESSION in accepted and PLACE in accepted and "Friday" in accepted
    told = aide.notices()[-1]
    assert "Pacific Cyber Capacity Institute accepted your meeting request 1" in told
    assert "Contact: desk@pcci.example.org" in told
    assert SESSION in told and PLACE in told
    assert "pcci-provider" not in told and "pcci-provider" not in accepted
    assert await requests(talk) == [(aide.key, provider.key, "accepted")]


async def test_who_is_pcci_provider_shows_the_profile_never_the_user_key(talk: Talk) -> None:
    talk.at("2024-05-02 11:00")
    provider, aide = await provider_and_state(talk)
    before = await aide.says("who is pcci-provider?")
    assert "This is Pacific Cyber Capacity Institute" in before
    assert "Offers Technology: incident response training for CERT staff" in before
    assert "Region: Pacific" in before and "English" in before
    assert "shared once you both agree to meet" in before and "desk@pcci" not in before
    assert "pcci-provider" not in before.replace("who is pcci-provider", "")
    await provider.says("accept 1")
    after = await aide.says("who is Pacific Cyber Capacity Institut")  # a typo still finds it
    assert "Contact: desk@pcci.example.org" in after
    assert await requests(talk) == [(aide.key, provider.key, "accepted")]


async def test_my_meetings_says_when_and_where_after_accept(talk: Talk) -> None:
    talk.at("2024-05-09 18:00")
    provider, aide = await provider_and_state(talk)
    assert "no accepted meeting yet" in await aide.says("my meetings")
    await provider.says("accept 1")
    mine = await aide.says("when and where do we meet?")
    assert "With Pacific Cyber Capacity Institute" in mine
    assert f"When and where: {SESSION}" in mine and PLACE in mine
    assert "With Fiji Ministry of Communications" in await provider.says("my meetings")


async def test_who_is_about_the_programme_still_gets_the_programme_answer(talk: Talk) -> None:
    talk.at("2024-05-02 12:00")
    _, aide = await provider_and_state(talk)
    answer = await aide.says("who is invited to the reception?")
    assert "This is" not in answer and "experts" in answer
    assert await requests(talk) == [(aide.key, "slack:pcci-provider", "pending")]


async def test_a_programme_question_naming_a_participant_is_not_a_profile(talk: Talk) -> None:
    talk.at("2024-05-02 13:00")
    provider, aide = await provider_and_state(talk)
    answer = await aide.says("who is hosting the reception at the Permanent Mission, pacific cyber people?")
    assert "This is Pacific Cyber Capacity Institute" not in answer
    assert "This is Pacific Cyber Capacity Institute" in await aide.says("who is pacific cyber capacity")
    assert await requests(talk) == [(aide.key, provider.key, "pending")]
