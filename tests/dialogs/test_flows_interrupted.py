"""People do not answer only the question asked: inside registration and pitch flows they ask side
questions, type other commands, repeat what they asked for in their own words. The step survives each,
nothing stray is stored, and the reply stays in the language the flow runs in."""

from __future__ import annotations

from tests.dialogs.conftest import Talk
from tests.dialogs.registration_steps import asked_for_the_head, delegations, registrations


async def test_help_typed_inside_registration_is_given_and_the_step_asked_again(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    aide = talk.person("aide-in-flow")
    assert "delegation" in (await aide.says("register")).lower()
    helped = await aide.says("help")
    assert "I am the assistant" in helped and "Back to where we were" in helped
    assert "delegation" in helped.split("Back to where we were")[1].lower()
    assert await delegations(talk) == []


async def test_a_side_question_inside_registration_is_answered_and_nothing_stored(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    aide = talk.person("fiji-aide", platform="slack", locale="en-US")
    await aide.says("i need to registr the Fiji delegation for the roundtable in NY")
    await aide.says("yes")  # Fiji, as offered
    answered = await aide.says("where is the reception?")
    assert "Permanent Mission of Singapore" in answered
    assert "That is answered above" in answered  # answered, and not taken as a name unasked
    assert "say yes" not in answered and "name of the Head of Delegation" in answered  # a question: no name
    assert "Head of Delegation" in await aide.says("no")
    assert await registrations(talk) == []


async def test_a_side_question_in_arabic_is_answered_and_the_step_asked_again(talk: Talk) -> None:
    aide = await asked_for_the_head(talk, "aide-ar", "ar", opening="أريد تسجيل وفد بلدي", delegation="كينيا")
    answered = await aide.says("أين حفل الاستقبال؟")
    assert "البعثة الدائمة لسنغافورة" in answered
    assert "الإجابة أعلاه. والآن" in answered and "فأجب بنعم" not in answered
    assert "ما صفة السفيرة جين وانجيرو" in await aide.says("السفيرة جين وانجيرو")  # next: the designation
    assert await registrations(talk) == []


async def test_an_answered_line_without_a_question_mark_may_still_be_the_name(talk: Talk) -> None:
    aide = await asked_for_the_head(talk, "aide-en-terse", "en-US")
    answered = await aide.says("where is the reception")
    assert "Permanent Mission of Singapore" in answered and "say yes" in answered


async def test_asking_again_in_spanish_mid_registration_does_not_become_the_delegation(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    aide = talk.person("aide-es", platform="teams", locale="es-ES")
    assert "delegación" in (await aide.says("registrar")).lower()
    again = await aide.says("quiero registrar mi delegación")
    assert "Ya lo estamos haciendo" in again
    assert await delegations(talk) == []


async def test_agenda_typed_while_choosing_a_pitch_title_then_the_title_is_kept(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    provider = talk.person("ngo-fr", platform="slack", locale="fr-FR")
    await provider.says("pitch 4")
    await provider.says("Fondation Alpha")
    side = await provider.says("mon agenda")
    assert "Reprenons où nous en étions" in side
    await provider.says("Cyber pour tous")
    titles = [b.title for b in await talk.bookings()]
    assert titles == ["Cyber pour tous"]


async def test_a_complaint_as_a_pitch_title_is_held_until_confirmed_in_russian(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    provider = talk.person("ngo-ru", platform="slack", locale="ru-RU")
    await provider.says("pitch 5")
    await provider.says("Фонд Бета")
    held = await provider.says("подождите, мы потеряли слот??")
    assert "Уточню" in held
    assert [bool(b.title) for b in await talk.bookings()] == [False]
    await provider.says("нет")
    await provider.says("Киберустойчивость малых государств")
    assert [b.title for b in await talk.bookings()] == ["Киберустойчивость малых государств"]


async def test_an_arabic_question_mid_registration_gets_its_answer_in_arabic(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    aide = talk.person("aide-ar", platform="teams", locale="ar-EG")
    assert "الوفد" in await aide.says("أريد تسجيل وفد بلدي")
    answered = await aide.says("أين حفل الاستقبال؟")
    assert "البعثة الدائمة لسنغافورة" in answered and "لنعد إلى حيث كنا" in answered
    assert await delegations(talk) == []


async def test_a_french_aide_asks_where_the_reception_is_then_names_the_minister(talk: Talk) -> None:
    opening = "bonjour, nous voulons inscrire notre délégation"
    aide = await asked_for_the_head(talk, "aide-fr", "fr-FR", opening=opening, delegation="Sénégal")
    answered = await aide.says("où se trouve la réception ?")
    assert "Mission permanente de Singapour" in answered
    assert "Maintenant, merci d’indiquer : nom du chef de délégation." in answered
    await aide.says("Mme Aïssatou Diop")
    await aide.says("Ministre des Affaires étrangères")
    reception = await aide.says("aucun")
    assert "Invités : les Ministres et Chefs de délégation" in reception and "destinée à les" not in reception
