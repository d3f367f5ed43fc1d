"""A delegation is a State (one, whatever its name and language) or an organisation; a second registration of
the same delegation becomes a join request, and the first registrant is told who asked."""

from __future__ import annotations

from storage.models import Delegation
from tests.dialogs.conftest import Talk
from tests.dialogs.registration_steps import (
    answer_the_rest,
    delegations,
    join_requests,
    members,
    registrations,
)


async def test_register_fiji_prefilled_then_republic_of_fiji_becomes_a_join_request(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    aide = talk.person("aide", platform="slack", locale="en-US")
    assert "Register the delegation of Fiji (Republic of Fiji)?" in await aide.says("register Fiji")
    assert "Who is the Head of Delegation of Fiji?" in await aide.says("yes")
    assert "the registration of Fiji is recorded" in await answer_the_rest(aide)
    colleague = talk.person("colleague", platform="teams")
    await colleague.says("register")
    reply = await colleague.says("Republic of Fiji")
    assert "Fiji is already registered by other members" in reply
    assert await delegations(talk) == [("Fiji", "FJ")]
    assert [r.status for r in await registrations(talk)] == ["confirmed"]
    assert await join_requests(talk) == [("teams:colleague", "Fiji", "Republic of Fiji")]
    assert (await members(talk))["teams:colleague"] is None
    assert "Colleague asked to join Fiji (as “Republic of Fiji”)" in aide.notices()[-1]


async def test_french_fidji_is_the_state_fiji_and_the_flow_speaks_french(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    attachee = talk.person("attachee", platform="teams", locale="fr-FR")
    assert "Quelle délégation inscrivez-vous" in await attachee.says("inscrire")
    assert "Qui est le chef de la délégation de Fidji ?" in await attachee.says("fidji")
    assert "l'inscription de Fidji est enregistrée" in await answer_the_rest(attachee)
    [stored] = await registrations(talk)
    assert (stored.delegation, stored.state, stored.hod) == ("Fiji", "FJ", "Jone Usamate")


async def test_russian_fiji_after_the_english_one_is_a_request_in_russian(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    first = talk.person("first", platform="slack", locale="en-US")
    await first.says("register")
    await first.says("Fiji")
    await answer_the_rest(first)
    second = talk.person("second", platform="slack", locale="ru-RU")
    assert "Какую делегацию вы регистрируете" in await second.says("зарегистрировать")
    assert "Делегация (Фиджи) уже зарегистрирована" in await second.says("Фиджи")
    assert len(await delegations(talk)) == 1
    assert await join_requests(talk) == [("slack:second", "Fiji", "Фиджи")]
    organiser = talk.organiser()
    assert "approved" in await organiser.says("approve join 1")
    assert (await members(talk))["slack:second"] == "Fiji"
    assert first.notices()[-1] == "Second joined Fiji: the organisers approved the request."


async def test_chinese_and_arabic_names_of_one_state_are_one_delegation(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    beijing = talk.person("wei", platform="teams", locale="zh-CN")
    assert "您为哪个代表团登记" in await beijing.says("注册")
    assert "斐济的代表团团长是谁" in await beijing.says("斐济")
    assert "斐济的登记已记录" in await answer_the_rest(beijing)
    cairo = talk.person("omar", platform="slack", locale="ar-EG")
    assert "ما الوفد الذي تسجله" in await cairo.says("تسجيل")
    assert "وفد فيجي سجله بالفعل" in await cairo.says("جمهورية فيجي")
    assert await delegations(talk) == [("Fiji", "FJ")]
    assert await join_requests(talk) == [("slack:omar", "Fiji", "جمهورية فيجي")]


async def test_a_typo_is_offered_and_confirmed_never_assumed(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    delegate = talk.person("delegate", platform="console")
    await delegate.says("register")
    assert "Did you mean France (French Republic)?" in await delegate.says("Frnace")
    assert await delegations(talk) == []
    assert "Who is the Head of Delegation of France?" in await delegate.says("yes")
    await answer_the_rest(delegate, hod="Jean Dupont")
    assert await delegations(talk) == [("France", "FR")]


async def test_an_organisation_named_after_a_state_is_kept_as_typed(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    cert = talk.person("cert", platform="slack", locale="en-GB")
    await cert.says("register")
    assert "Did you mean Fiji (Republic of Fiji)?" in await cert.says("CERT Fiji")
    assert "Head of Delegation of CERT Fiji" in await cert.clicks("No: “CERT Fiji” as written")
    await answer_the_rest(cert, hod="Mere Tora")
    assert await delegations(talk) == [("CERT Fiji", None)]


async def test_an_organisation_close_to_a_registered_one_asks_did_you_mean(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    first = talk.person("first", platform="slack")
    await first.says("register")
    await first.says("Global Forum on Cyber Expertise")
    await answer_the_rest(first, hod="Chris Painter")
    second = talk.person("second", platform="teams")
    await second.says("register")
    reply = await second.says("Global Forum on Cyber Expertize")
    assert "Global Forum on Cyber Expertise is already registered. Is it your delegation?" in reply
    assert "already registered by other members" in await second.says("yes")
    assert await delegations(talk) == [("Global Forum on Cyber Expertise", None)]
    assert await join_requests(talk) == [
        ("teams:second", "Global Forum on Cyber Expertise", "Global Forum on Cyber Expertize")
    ]


async def test_a_state_registered_before_codes_were_stored_is_still_found(talk: Talk) -> None:
    """Rows written before migration 0007 have no state code: any name of the State finds them."""
    talk.at("2024-04-10 09:00")
    async with talk.bot.uow() as uow:
        legacy = Delegation(name="Republic of Fiji", name_key="republic of fiji", join_code="AB2CDE3F")
        legacy.created_at = talk.clock()
        uow.session.add(legacy)
        await uow.commit()
    newcomer = talk.person("newcomer", platform="slack", locale="es-ES")
    await newcomer.says("registrar")
    assert "ya está inscrita por otros miembros" in await newcomer.says("Fiyi")
    assert await delegations(talk) == [("Republic of Fiji", "FJ")]
    assert await join_requests(talk) == [("slack:newcomer", "Republic of Fiji", "Fiyi")]


async def test_a_sentence_naming_a_state_starts_registration_with_it(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    aide = talk.person("aide", platform="slack", locale="en-US")
    assert "Register the delegation of Fiji (Republic of Fiji)?" in await aide.says(
        "i need to registr the Fiji delegation"
    )
    assert "Head of Delegation of Fiji" in await aide.clicks("Fiji (Republic of Fiji)")
    assert await delegations(talk) == []  # nothing is stored before the summary is confirmed
