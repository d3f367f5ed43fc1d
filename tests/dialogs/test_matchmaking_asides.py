"""Side questions and complaints inside the matchmaking questions: answered or set aside politely, the
step asked again, nothing stored without a "yes" (issue 12: "which one is incident response?" got
"please choose one of the options")."""

from __future__ import annotations

from tests.dialogs.conftest import Talk
from tests.dialogs.matchmaking_state import flow_step, interests_of, profile_of


async def test_which_one_is_incident_response_is_answered_and_the_choice_asked_again(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    aide = talk.person("aide", platform="slack", locale="en-US")
    first = await aide.says("need")
    assert "Technology: the development of operational and technical capacities" in first
    answer = await aide.says("which one is incident response?")
    assert "Incident response falls under Technology" in answer
    assert "Under which foundational capability does your need fall?" in answer
    assert "choose one of the options" not in answer
    assert await flow_step(talk, aide) == "capability"
    assert "What do you need under Technology?" in await aide.says("Technology")
    assert await flow_step(talk, aide) == "text"
    assert await interests_of(talk, aide) == []


async def test_a_question_about_the_reception_mid_choice_keeps_the_step(talk: Talk) -> None:
    talk.at("2024-04-10 10:00")
    aide = talk.person("aide", locale="en-US")
    await aide.says("offer")
    reply = await aide.says("is there a dress code for the reception?")
    assert "Under which foundational capability does your offer fall?" in reply
    assert await flow_step(talk, aide) == "capability"
    assert await interests_of(talk, aide) == []


async def test_a_complaint_at_the_free_text_step_is_not_stored_as_a_need(talk: Talk) -> None:
    talk.at("2024-04-11 09:00")
    aide = talk.person("aide", locale="en-US")
    await aide.says("need Technology")
    held = await aide.says("wait what, why is this asking me that??")
    assert "Just to be sure" in held
    assert await interests_of(talk, aide) == []
    assert "What do you need under Technology?" in await aide.says("no")
    await aide.says("CSIRT set-up advice")
    assert await interests_of(talk, aide) == [("need", "technology", "CSIRT set-up advice")]


async def test_french_complaint_on_the_region_is_held_then_confirmed(talk: Talk) -> None:
    talk.at("2024-04-12 09:00")
    aide = talk.person("claire", locale="fr-FR")
    await aide.says("besoin Technologie : formation CSIRT")
    await aide.says("français")
    held = await aide.says("pourquoi vous me demandez ça ?")
    assert "pourquoi vous me demandez ça ?" in held
    assert await flow_step(talk, aide) == "region"
    profile = await profile_of(talk, aide)
    assert profile is not None and profile.region == ""
    await aide.says("non")
    assert "Région : Afrique de l'Ouest." in await aide.says("Afrique de l'Ouest")


async def test_russian_question_about_a_capability_is_answered_in_russian(talk: Talk) -> None:
    talk.at("2024-04-12 10:00")
    aide = talk.person("ivan", locale="ru-RU")
    await aide.says("нам нужно")
    answer = await aide.says("а куда относится реагирование на инциденты?")
    assert "относится к направлению «Технологии»" in answer
    assert await flow_step(talk, aide) == "capability"


async def test_chinese_question_about_a_capability_is_answered_in_chinese(talk: Talk) -> None:
    talk.at("2024-04-12 11:00")
    aide = talk.person("li", locale="zh-CN")
    await aide.says("需要")
    answer = await aide.says("事件响应属于哪一个？")
    assert "事件响应属于技术" in answer
    assert await flow_step(talk, aide) == "capability"
    assert await interests_of(talk, aide) == []
