"""Registration starts in the language of its command word and forgives what people type in the middle of
it: a second "register", a question where a name was expected, a question at a choice."""

from __future__ import annotations

from tests.dialogs.conftest import Talk
from tests.dialogs.registration_steps import answer_the_rest, asked_for_the_head, delegations, registrations


async def test_registrar_starts_in_spanish_and_a_mid_flow_request_is_not_the_delegation(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    delegate = talk.person("lucia", platform="slack")  # no platform locale: the words decide
    assert "¿Qué delegación inscribe (Estado u organización)?" in await delegate.says("registrar")
    reply = await delegate.says("quiero registrar mi delegación")
    assert "¿Qué delegación inscribe" in reply and "Head of Delegation" not in reply
    assert "Jefa de la Delegación de Fiyi" in await delegate.says("Fiyi")
    await answer_the_rest(delegate, hod="Lucía Pérez")
    [stored] = await registrations(talk)
    assert (stored.delegation, stored.state, stored.hod) == ("Fiji", "FJ", "Lucía Pérez")


async def test_typing_register_again_mid_flow_just_asks_the_step_again(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    delegate = talk.person("sam", platform="console")
    await delegate.says("register")
    await delegate.says("Fiji")
    reply = await delegate.says("register")
    assert "You are already doing this" in reply and "Who is the Head of Delegation of Fiji?" in reply
    assert "What is the designation of Jone Usamate?" in await delegate.says("Jone Usamate")


async def test_a_question_where_a_name_is_expected_is_held_until_confirmed(talk: Talk) -> None:
    delegate = await asked_for_the_head(talk, "sam", "en-US")
    held = await delegate.says("wait, can the head of delegation send a deputy?")
    assert "should I use “wait, can the head of delegation send a deputy?” as the name of the Head" in held
    assert "Who is the Head of Delegation of Fiji?" in await delegate.says("no")
    assert "What is the designation of Jone Usamate?" in await delegate.says("Jone Usamate")
    await delegate.says("Minister for Communications")
    await delegate.says("none")
    await delegate.says("yes")
    await delegate.says("2")
    await delegate.says("hod@fiji.example")
    await delegate.says("confirm")
    assert [r.hod for r in await registrations(talk)] == ["Jone Usamate"]


async def test_a_question_at_the_group_choice_is_answered_politely(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    delegate = talk.person("claire", platform="teams", locale="fr-FR")
    await delegate.says("inscrire")
    await delegate.says("France")
    await delegate.says("Claire Martin")
    await delegate.says("Ambassadrice")
    await delegate.says("aucun")
    await delegate.says("oui")
    reply = await delegate.says("attendez, on peut changer de groupe plus tard ?")
    assert "Veuillez choisir l'une des options" not in reply
    assert "Quel groupe de discussion votre délégation préfère-t-elle" in reply
    assert "Quelle adresse électronique de contact" in await delegate.says("2")
    assert await delegations(talk) == []


async def test_the_reminder_button_typed_as_text_starts_registration_in_its_language(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    english = talk.person("en", platform="slack", locale="en-US")
    assert "Which delegation are you registering" in await english.says("Register now")
    spanish = talk.person("es", platform="slack", locale="en-US")
    assert "¿Qué delegación inscribe" in await spanish.says("Inscribirme ahora")
    chinese = talk.person("zh", platform="teams")
    assert "您为哪个代表团登记" in await chinese.says("立即登记")
    russian = talk.person("ru", platform="teams")
    assert "Какую делегацию вы регистрируете" in await russian.says("Зарегистрироваться")
    assert await delegations(talk) == []


async def test_arabic_register_with_a_state_is_offered_in_arabic(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    delegate = talk.person("huda", platform="slack")
    assert "هل تريد تسجيل وفد فيجي" in await delegate.says("سجل فيجي")
    assert "من هو رئيس وفد فيجي" in await delegate.says("نعم")
    assert "سُجل وفد فيجي" in await answer_the_rest(delegate, hod="Huda Ali")
    assert await delegations(talk) == [("Fiji", "FJ")]


async def test_chinese_register_with_a_state_is_offered_in_chinese(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    delegate = talk.person("wang", platform="teams")
    assert "登记斐济 (斐济共和国)代表团吗？" in await delegate.says("注册 斐济")
    assert "斐济的代表团团长是谁" in await delegate.says("是")
    assert await delegations(talk) == []


async def test_register_with_a_question_after_it_is_answered_by_the_faq(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    delegate = talk.person("sam", platform="console")
    reply = await delegate.says("register deadline?")
    assert "19 April 2024" in reply and "Which delegation" not in reply
    assert "Which delegation are you registering" in await delegate.says("register")


async def test_the_heads_title_and_name_where_the_delegation_is_asked_is_asked_about(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    aide = talk.person("aide-amb", platform="slack", locale="en-US")
    await aide.says("register")
    asked = await aide.says("Ambassador Ana Ruiz")
    assert "Register “Ambassador Ana Ruiz” as the name of your delegation?" in asked
    again = await aide.says("no")
    assert again.count("Which delegation are you registering") == 1  # asked once, not twice
    assert "Who is the Head of Delegation of Fiji?" in await aide.says("Fiji")
    assert "What is the designation of Ambassador Ana Ruiz?" in await aide.says("Ambassador Ana Ruiz")
    assert await delegations(talk) == []  # nothing stored before the confirmation


async def test_a_chinese_name_with_its_title_after_is_asked_about(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    aide = talk.person("aide-zh", platform="slack", locale="zh-CN")
    await aide.says("注册")
    assert "将“王毅大使”登记为贵代表团的名称吗？" in await aide.says("王毅大使")
