"""Experts read as people type them and edited one by one; withdrawing shows what is lost and asks first."""

from __future__ import annotations

from tests.dialogs.conftest import Person, Talk
from tests.dialogs.registration_steps import answer_the_rest, join_code, members, registrations

TWO_EXPERTS = "A Smith (Director Cyber Security Unit) and B Jones (Head, CERT Fiji)"


async def fiji_registered_by(person: Person, experts: str = TWO_EXPERTS) -> None:
    await person.says("register")
    await person.says("Fiji")
    await answer_the_rest(person, experts=experts)


async def test_two_experts_with_titles_in_parentheses_are_two_experts(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    aide = talk.person("aide", platform="slack", locale="en-US")
    await aide.says("register")
    await aide.says("Fiji")
    await aide.says("Jone Usamate")
    await aide.says("Minister for Communications")
    assert "Will Jone Usamate attend?" in await aide.says(TWO_EXPERTS)
    assert "Experts: A Smith; B Jones" in await aide.says("yes")
    await aide.says("B Jones")
    await aide.says("2")
    summary = await aide.says("hod@fiji.example")
    assert "A Smith (Director Cyber Security Unit); B Jones (Head, CERT Fiji)" in summary
    await aide.says("confirm")
    [stored] = await registrations(talk)
    assert stored.experts == [
        {"name": "A Smith", "designation": "Director Cyber Security Unit"},
        {"name": "B Jones", "designation": "Head, CERT Fiji"},
    ]
    assert stored.reception_experts == ["B Jones"]


async def test_spanish_experts_one_per_line_and_a_semicolon_list(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    delegate = talk.person("ana", platform="teams", locale="es-ES")
    await delegate.says("registrar")
    await delegate.says("Chile")
    experts = "Luis Soto, Asesor Jurídico\nMarta Gil - jefa del CSIRT; Pablo Ríos"
    await answer_the_rest(delegate, hod="Ana Pérez", experts=experts)
    [stored] = await registrations(talk)
    assert stored.experts == [
        {"name": "Luis Soto", "designation": "Asesor Jurídico"},
        {"name": "Marta Gil", "designation": "jefa del CSIRT"},
        {"name": "Pablo Ríos", "designation": ""},
    ]


async def test_experts_are_listed_and_changed_one_by_one_and_members_are_told(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    aide = talk.person("aide", platform="slack", locale="en-US")
    await fiji_registered_by(aide)
    colleague = talk.person("colleague", platform="teams", locale="en-US")
    await colleague.says(f"join {await join_code(talk, 'Fiji')}")
    listed = await colleague.says("change experts")
    assert "1. A Smith (Director Cyber Security Unit)\n2. B Jones (Head, CERT Fiji)" in listed
    assert "1. B Jones" in await colleague.says("remove 1")
    assert "1. Bob Jones (Head, CERT Fiji)" in await colleague.says("change 1 Bob Jones (Head, CERT Fiji)")
    assert "2. Ana Ruiz (Legal Adviser)" in await colleague.says("add Ana Ruiz (Legal Adviser)")
    assert "There is no expert with that number" in await colleague.says("remove 7")
    assert "Which experts will come to the reception?" in await colleague.says("done")
    assert "Updated." in await colleague.says("Ana Ruiz")
    [stored] = await registrations(talk)
    assert stored.experts == [
        {"name": "Bob Jones", "designation": "Head, CERT Fiji"},
        {"name": "Ana Ruiz", "designation": "Legal Adviser"},
    ]
    assert stored.reception_experts == ["Ana Ruiz"]
    assert talk.notices_for("slack:aide")[-1].startswith("Colleague changed the registration of Fiji:")


async def test_russian_expert_edit_in_russian_words(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    delegate = talk.person("olga", platform="slack", locale="ru-RU")
    await delegate.says("зарегистрировать")
    await delegate.says("Россия")
    await answer_the_rest(delegate, hod="Ольга Иванова", experts="Иван Петров (юрист); Пётр Сидоров (CERT)")
    assert "1. Иван Петров (юрист)" in await delegate.says("изменить эксперты")
    assert "1. Пётр Сидоров (CERT)" in await delegate.says("удалить 1")
    await delegate.says("готово")
    await delegate.says("все")
    [stored] = await registrations(talk)
    assert stored.delegation == "Russia"
    assert stored.experts == [{"name": "Пётр Сидоров", "designation": "CERT"}]


async def test_french_withdraw_shows_what_is_lost_and_a_question_does_not_withdraw(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    aide = talk.person("aide", platform="teams", locale="fr-FR")
    await fiji_registered_by(aide)
    colleague = talk.person("collegue", platform="slack", locale="fr-FR")
    await colleague.says(f"rejoindre {await join_code(talk, 'Fiji')}")
    shown = await aide.says("retirer")
    assert "Retirer l'inscription de Fidji ?" in shown
    assert "Le retrait supprime tout ceci" in shown
    assert "A Smith (Director Cyber Security Unit); B Jones (Head, CERT Fiji)" in shown
    assert "Les autres membres de la délégation (1) en seront informés." in shown
    assert "Retirer l'inscription de Fidji ?" in await aide.says("et notre créneau de pitch ?")
    assert "L'inscription reste inchangée." in await aide.says("non")
    assert [r.status for r in await registrations(talk)] == ["confirmed"]
    await aide.says("retirer")
    assert "L'inscription de Fidji est retirée" in await aide.says("oui")
    assert [r.status for r in await registrations(talk)] == ["withdrawn"]
    assert (await members(talk))["slack:collegue"] == "Fiji"
    assert "Aide" in talk.notices_for("slack:collegue")[-1]


async def test_chinese_and_arabic_withdraw_confirmations(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    wei = talk.person("wei", platform="teams", locale="zh-CN")
    await wei.says("注册")
    await wei.says("中国")
    await answer_the_rest(wei, hod="王伟")
    assert "撤回将删除以下全部内容" in await wei.says("撤回")
    assert "中国的登记已撤回" in await wei.says("是")
    omar = talk.person("omar", platform="slack", locale="ar-EG")
    await omar.says("تسجيل")
    await omar.says("مصر")
    await answer_the_rest(omar, hod="عمر حسن")
    assert "يؤدي السحب إلى حذف كل ما يلي" in await omar.says("سحب")
    assert "أبقي على التسجيل كما كان" in await omar.says("لا")
    assert sorted((r.delegation, r.status) for r in await registrations(talk)) == [
        ("China", "withdrawn"),
        ("Egypt", "confirmed"),
    ]


async def test_french_retirer_2_removes_an_expert_and_withdraw_mid_change_asks_first(talk: Talk) -> None:
    talk.at("2024-04-10 09:00")
    aide = talk.person("aide", platform="teams", locale="fr-FR")
    await fiji_registered_by(aide)
    assert "1. A Smith" in await aide.says("modifier experts")
    listed = await aide.says("retirer 2")  # "retirer" also withdraws a registration: here it is an expert
    assert "1. A Smith (Director Cyber Security Unit)" in listed and "B Jones" not in listed
    await aide.says("fini")
    await aide.says("tous")
    [stored] = await registrations(talk)
    assert (stored.status, [e["name"] for e in stored.experts]) == ("confirmed", ["A Smith"])
    await aide.says("modifier e-mail")
    assert "Retirer l'inscription de Fidji ?" in await aide.says("retirer")
    assert "L'inscription reste inchangée." in await aide.says("non")
    assert [r.status for r in await registrations(talk)] == ["confirmed"]
